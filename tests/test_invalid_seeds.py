"""One seed that cannot be imported at a time (tests/fixtures/invalid/seeds/), dropped into a site with two
good seeds, through the command line. Each is reported as exactly one `path:line: error: message` line,
exit status 1; the good seeds still import; the bad one is quarantined, a copy of its bytes and its
diagnostics in .broadsheet/quarantine/, and the report says so with the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, run_cli

INVALID = FIXTURES / "invalid" / "seeds"
GOOD = {
    "good-one.txt": "Harbour Plan Approved\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\nThe council approved it.\n",
    "good-two.txt": "Tide Gauge Repaired\n\nMarch 6, 2014\n\nThe gauge works again.\n",
}
CASES = [
    ("binary.txt", "seeds/binary.txt: error: the file is binary (it is full of control bytes), not text"),
    ("blank.txt", "seeds/blank.txt: error: no title found (the file has no text)"),
    (
        "impossible-date.txt",
        "seeds/impossible-date.txt:3: error: impossible date 'February 30, 2014': February 2014 has no day 30",
    ),
    (
        "whole-article-on-one-line.txt",
        "seeds/whole-article-on-one-line.txt:1: error: the title is 750 characters long (at most 500); "
        "is the whole article on one line?",
    ),
    (
        "bad-front-matter.md",
        "seeds/bad-front-matter.md:4: error: invalid YAML in the front matter: expected ',' or ']', "
        "but got '<stream end>'",
    ),
    (
        "bad-front-matter-date.md",
        "seeds/bad-front-matter-date.md:3: error: date 'the fifth of March' is not a date; write it as 2014-03-05",
    ),
]


def site_with(tmp_path: Path, name: str) -> Path:
    (tmp_path / "site.toml").write_text('title = "Test"\n', encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for good, text in GOOD.items():
        (seeds / good).write_text(text, encoding="utf-8")
    shutil.copyfile(INVALID / name, seeds / name)
    return tmp_path


def test_every_fixture_is_a_case():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(name for name, _ in CASES)


@pytest.mark.parametrize("name, expected", CASES, ids=[name for name, _ in CASES])
def test_an_invalid_seed_is_one_error_and_is_quarantined(tmp_path, name, expected):
    site = site_with(tmp_path, name)
    status, stdout, stderr = run_cli("import", "-q", "--report", "report.json", cwd=site)
    assert status == 1
    assert [line for line in stderr.splitlines() if ": error: " in line] == [expected]
    assert stdout == "Import of 3 seeds: 2 imported, 0 updated, 0 unchanged, 0 conflict, 1 rejected\n"
    quarantine = site / ".broadsheet" / "quarantine"
    assert (quarantine / name).read_bytes() == (INVALID / name).read_bytes()
    assert (quarantine / f"{name}.diagnostics.txt").read_text(encoding="utf-8") == expected + "\n"
    report = {s["seed"]: s for s in json.loads((site / "report.json").read_text(encoding="utf-8"))["seeds"]}
    assert report[name]["outcome"] == "quarantined"
    assert expected.endswith(report[name]["reason"])
    assert [report[good]["outcome"] for good in GOOD] == ["imported", "imported"]
