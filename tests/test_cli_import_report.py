"""`import --report`, the terminal's summary of it, and the quarantine, run through the command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import run_cli

GOOD = "Harbour Plan Approved\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\nThe council approved the plan.\n"
SHOUTED = "HARBOUR PLAN APPROVED\n\nMarch 6, 2014\n\nDu Pont Co <DD> approved the plan.\n"
UNDATED = "Ferry Timetable Changes\n\nThe ferry will leave earlier from Monday.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "site.toml").write_text('title = "Test"\nbuild_time = "2026-01-01T00:00:00Z"\n', encoding="utf-8")
    seeds = tmp_path / "seeds" / "world"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text(GOOD, encoding="utf-8")
    (seeds / "b.txt").write_text(SHOUTED, encoding="utf-8")
    (seeds / "c.txt").write_text(UNDATED, encoding="utf-8")
    (seeds / "d.txt").write_bytes(b"\x00\x01\x02\x03" * 200)  # binary: cannot be imported
    return tmp_path


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_report_lists_every_seed_with_its_outcome_and_warnings(site):
    status, stdout, stderr = run_cli("import", "--report", "report.json", cwd=site)
    assert status == 1  # a seed could not be imported
    report = read(site / "report.json")
    assert report["counts"] == {"imported": 3, "updated": 0, "unchanged": 0, "conflict": 0, "quarantined": 1}
    assert report["warnings"] == {"all-caps-title": 1, "no-date": 1, "ticker-kept": 1}
    seeds = {s["seed"]: s for s in report["seeds"]}
    assert list(seeds) == ["world/a.txt", "world/b.txt", "world/c.txt", "world/d.txt"]
    assert seeds["world/a.txt"] == {
        "seed": "world/a.txt",
        "outcome": "imported",
        "content": "content/2014/03/harbour-plan-approved.md",
        "warnings": [],
    }
    assert [w["code"] for w in seeds["world/b.txt"]["warnings"]] == ["all-caps-title", "ticker-kept"]
    assert seeds["world/c.txt"]["warnings"] == [
        {"code": "no-date", "line": None, "message": "no date found; the article is listed under Undated"}
    ]
    assert seeds["world/d.txt"] == {
        "seed": "world/d.txt",
        "outcome": "quarantined",
        "reason": "the file is binary (it is full of control bytes), not text",
        "quarantine": ".broadsheet/quarantine/world/d.txt",
        "diagnostics": ".broadsheet/quarantine/world/d.txt.diagnostics.txt",
        "warnings": [],
    }
    assert stderr.splitlines()[-4:] == [
        "Warnings: 1 all-caps-title, 1 no-date, 1 ticker-kept",
        "seeds/world/b.txt: warning: the title is in capitals: 'HARBOUR PLAN APPROVED'",
        "seeds/world/b.txt: warning: kept <DD> as text (a ticker, not HTML)",
        "seeds/world/c.txt: warning: no date found; the article is listed under Undated",
    ]
    assert stdout == "Import of 4 seeds: 3 imported, 0 updated, 0 unchanged, 0 conflict, 1 rejected\n"


def test_the_report_is_the_same_for_an_unchanged_import_and_deterministic(site):
    run_cli("import", "--report", "first.json", cwd=site)
    status, stdout, stderr = run_cli("import", "--report", "second.json", cwd=site)
    assert status == 1
    first, second = read(site / "first.json"), read(site / "second.json")
    assert second["counts"] == {"imported": 0, "updated": 0, "unchanged": 3, "conflict": 0, "quarantined": 1}
    assert second["warnings"] == first["warnings"]  # the unchanged seeds' warnings come from the manifest
    assert [s["warnings"] for s in second["seeds"]] == [s["warnings"] for s in first["seeds"]]
    run_cli("import", "--report", "third.json", cwd=site)
    assert (site / "third.json").read_bytes() == (site / "second.json").read_bytes()


def test_a_quarantined_seed_is_copied_with_its_diagnostics_and_leaves_once_fixed(site):
    run_cli("import", cwd=site)
    quarantine = site / ".broadsheet" / "quarantine" / "world"
    assert (quarantine / "d.txt").read_bytes() == (site / "seeds/world/d.txt").read_bytes()
    assert (quarantine / "d.txt.diagnostics.txt").read_text(encoding="utf-8") == (
        "seeds/world/d.txt: error: the file is binary (it is full of control bytes), not text\n"
    )
    (site / "seeds/world/d.txt").write_text(GOOD.replace("Harbour", "Dock"), encoding="utf-8")
    status, stdout, _ = run_cli("import", cwd=site)
    assert status == 0
    assert stdout == "Import of 4 seeds: 1 imported, 0 updated, 3 unchanged, 0 conflict, 0 rejected\n"
    assert not (quarantine / "d.txt").exists() and not (quarantine / "d.txt.diagnostics.txt").exists()


def test_quarantine_never_overwrites_a_file_it_did_not_write(site):
    quarantine = site / ".broadsheet" / "quarantine" / "world"
    quarantine.mkdir(parents=True)
    (quarantine / "d.txt").write_text("my own notes\n", encoding="utf-8")
    status, _, stderr = run_cli("import", cwd=site)
    assert status == 1
    assert (quarantine / "d.txt").read_text(encoding="utf-8") == "my own notes\n"
    assert not (quarantine / "d.txt.diagnostics.txt").exists()
    assert (
        ".broadsheet/quarantine/world/d.txt: warning: not quarantined: "
        ".broadsheet/quarantine/world/d.txt is not a file Broadsheet wrote"
    ) in stderr.splitlines()
    (site / "seeds/world/d.txt").write_text(GOOD.replace("Harbour", "Dock"), encoding="utf-8")
    assert run_cli("import", cwd=site)[0] == 0
    assert (quarantine / "d.txt").read_text(encoding="utf-8") == "my own notes\n"  # not ours: kept


def test_the_terminal_shows_the_first_doubtful_seeds_then_points_at_the_report(tmp_path):
    (tmp_path / "site.toml").write_text('title = "Test"\n', encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(12):
        (seeds / f"s{n:02}.txt").write_text(f"Story Number {n}\n\nThe text of story {n}.\n", encoding="utf-8")
    status, _, stderr = run_cli("import", "-q", cwd=tmp_path)
    lines = stderr.splitlines()
    assert status == 0
    assert lines[-12:] == [
        "Warnings: 12 no-date",
        *(f"seeds/s{n:02}.txt: warning: no date found; the article is listed under Undated" for n in range(10)),
        "… and 2 more doubtful seeds; see --report FILE for all",
    ]


def test_build_writes_the_import_report_when_asked(site):
    (site / "seeds/world/d.txt").unlink()
    status, _, _ = run_cli("build", "--import-report", "report.json", cwd=site)
    assert status == 0
    assert read(site / "report.json")["counts"]["imported"] == 3
    status, _, _ = run_cli("build", "--import-report", "again.json", cwd=site)  # nothing to do: still a report
    assert status == 0
    assert read(site / "again.json")["counts"]["unchanged"] == 3


def test_a_seed_still_quarantined_is_not_copied_again(site):
    run_cli("import", cwd=site)
    copy = site / ".broadsheet" / "quarantine" / "world" / "d.txt"
    os.utime(copy, ns=(1, 1))
    os.utime(copy.with_name("d.txt.diagnostics.txt"), ns=(1, 1))
    assert run_cli("import", cwd=site)[0] == 1
    assert copy.stat().st_mtime_ns == 1 and copy.with_name("d.txt.diagnostics.txt").stat().st_mtime_ns == 1
