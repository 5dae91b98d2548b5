"""The command line, run as a user runs it: `python build.py …` in a subprocess."""

from __future__ import annotations

import argparse
import json
import re
import shutil
from dataclasses import replace

import pytest
from helpers import REPO, run_cli, tree

from generator import cli

SUMMARY = re.compile(
    r"^Built ([\d,]+) files from ([\d,]+) articles?: "
    r"([\d,]+) written, ([\d,]+) unchanged, ([\d,]+) removed in "
    r"\d+\.\d\d s$"
)
SEED = "000_1dbb4553012f89ce.txt"
SEED_CONTENT = "content/2014/03/russia-rebuffs-west-on-crimea-ahead-of-paris-talks.md"


def _commands() -> list[str]:
    actions = [a for a in cli.parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def summary(stdout: str) -> tuple[int, ...]:
    lines = stdout.splitlines()
    assert len(lines) == 1 and SUMMARY.match(lines[0]), stdout
    return tuple(int(n.replace(",", "")) for n in SUMMARY.match(lines[0]).groups())


@pytest.fixture
def seeded_site(tmp_path):
    site = tmp_path / "site"
    (site / "seeds").mkdir(parents=True)
    shutil.copy(REPO / "seeds" / SEED, site / "seeds" / SEED)
    (site / "site.toml").write_text('title = "Seeded"\nbuild_time = "2014-04-01T00:00:00+00:00"\n', encoding="utf-8")
    return site


# --- help ------------------------------------------------------------------------------------


def test_top_level_help_lists_every_command(tmp_path):
    status, stdout, stderr = run_cli("--help", cwd=tmp_path)
    assert (status, stderr) == (0, "")
    assert stdout.startswith("usage: build.py ")
    for command in _commands():
        assert re.search(rf"^\s+{command}\s+\S", stdout, re.MULTILINE), command
    assert list(tmp_path.iterdir()) == []


def test_the_commands_of_the_design_exist():
    assert {"build", "import", "new"} <= set(_commands())


@pytest.mark.parametrize("command", _commands())
def test_each_command_has_help(tmp_path, command):
    status, stdout, stderr = run_cli(command, "--help", cwd=tmp_path)
    assert (status, stderr) == (0, "")
    assert stdout.startswith(f"usage: build.py {command} ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command, options",
    [
        ("build", ["--output", "--base-url", "--jobs", "--drafts", "--strict", "--no-import"]),
        ("import", ["--dry-run", "--force", "--report"]),
        ("new", ["--date", "--source"]),
    ],
)
def test_command_help_lists_its_options(tmp_path, command, options):
    _, stdout, _ = run_cli(command, "-h", cwd=tmp_path)
    assert [o for o in options if o not in stdout] == []


# --- exit status ------------------------------------------------------------------------------


def test_build_exits_0_and_prints_one_summary_line(fixture_site):
    status, stdout, stderr = run_cli(cwd=fixture_site)
    assert status == 0
    assert summary(stdout) == (67, 7, 67, 0, 0)
    assert [
        line
        for line in stderr.splitlines()
        if not line.startswith(("Preview it with: ", "rendering: ", "Search index: "))
    ] == []


def test_second_build_writes_nothing_and_removal_is_counted(fixture_site):
    run_cli("build", cwd=fixture_site)
    status, stdout, _ = run_cli("build", cwd=fixture_site)
    assert (status, summary(stdout)) == (0, (67, 7, 0, 67, 0))
    (fixture_site / "content/2014/01/zurich-quartet.md").unlink()
    status, stdout, _ = run_cli("build", cwd=fixture_site)
    assert status == 0
    files, articles, written, unchanged, removed = summary(stdout)
    # its page and its alias's redirect, the Music and Zürich tag pages and their feeds, and the last page of
    # three listings that got shorter
    assert (files, articles, removed) == (58, 6, 9)
    assert written + unchanged == files


def test_summary_says_article_for_one():
    from generator.model import BuildReport, WriteResult

    report = BuildReport((), WriteResult(("a",), ("b", "c"), ()), articles=1, pages=1234, seconds=0.5)
    assert cli.build_summary(report) == "Built 1,234 files from 1 article: 1 written, 2 unchanged, 0 removed in 0.50 s"


def test_the_summary_time_includes_the_search_stage_and_its_line_says_what_it_did():
    from generator.cli.output import search_summary
    from generator.model import BuildReport, SearchReport, WriteResult

    search = SearchReport(24, ("2014-03",), ("pagefind/2014-03/a", "pagefind/2014-03/b"), seconds=0.25)
    report = BuildReport((), WriteResult(("a",), (), ()), articles=2, pages=1, seconds=0.5, search=search)
    assert cli.build_summary(report).endswith(" removed in 0.75 s")
    assert search_summary(report) == "Search index: 1 of 24 shards indexed again (2 files written) in 0.25 s"
    assert search_summary(replace(report, search=SearchReport(24))) is None  # nothing indexed again: no line


def test_a_build_prints_what_the_search_stage_did_on_stderr(fixture_site):
    status, stdout, stderr = run_cli("build", cwd=fixture_site)
    assert status == 0 and stdout.startswith("Built ")
    assert re.search(r"^Search index: \d+ of \d+ shards indexed again \(\d+ files written\) in ", stderr, re.M)


def test_quiet_build_prints_only_the_summary(fixture_site):
    status, stdout, stderr = run_cli("-q", "build", cwd=fixture_site)
    assert (status, stderr) == (0, "")
    assert summary(stdout)[0] == 67


def test_global_options_before_no_command_mean_build(fixture_site):
    status, stdout, _ = run_cli("-q", "--jobs", "1", cwd=fixture_site)
    assert status == 0
    assert summary(stdout)[:3] == (67, 7, 67)


def test_content_error_exits_1_and_the_rest_is_built(fixture_site, write_tree):
    write_tree(fixture_site, {"content/2014/01/oops.md": "---\ntitle: Oops\nslug: Oops!\n---\n"})
    status, stdout, stderr = run_cli("build", cwd=fixture_site)
    assert status == 1
    assert summary(stdout)[:2] == (67, 7)
    assert stderr.splitlines()[0] == (
        "content/2014/01/oops.md:3: error: slug 'Oops!' must be lower-case ASCII words joined by hyphens"
    )
    assert (fixture_site / "public/index.html").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["frobnicate"],
        ["build", "--jobs", "many"],
        ["new"],
        ["new", "Title", "--date", "5 March 2014"],
        pytest.param(["--config"], id="config-no-value"),
    ],
)
def test_usage_errors_exit_2(fixture_site, args):
    status, stdout, stderr = run_cli(*args, cwd=fixture_site)
    assert (status, stdout) == (2, "")
    assert stderr.startswith("usage: build.py")
    assert "error: " in stderr
    assert not (fixture_site / "public").exists()


def test_config_error_exits_2(fixture_site):
    (fixture_site / "site.toml").write_text('title = "X"\nper_page = "2"\n', encoding="utf-8")
    status, stdout, stderr = run_cli("build", cwd=fixture_site)
    assert (status, stdout) == (2, "")
    assert stderr.endswith("site.toml:2: error: per_page must be an integer, not str '2'\n")


def test_missing_config_file_named_explicitly_means_defaults(tmp_path):
    status, stdout, _ = run_cli("--config", "nowhere/site.toml", "-q", cwd=tmp_path)
    assert status == 0
    assert summary(stdout)[1] == 0


# --- new ---------------------------------------------------------------------------------------


def test_new_writes_a_skeleton(fixture_site):
    status, stdout, stderr = run_cli(
        "new", "Harbour Lights Return", "--date", "2014-02-03", "--source", "The Eastport Courier", cwd=fixture_site
    )
    path = fixture_site / "content/2014/02/harbour-lights-return.md"
    assert (status, stdout, stderr) == (0, f"Wrote {path}\n", "")
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: Harbour Lights Return\n"
        "date: 2014-02-03\n"
        "slug: harbour-lights-return\n"
        "source: The Eastport Courier\n"
        "authors: []\n"
        'original_url: ""\n'
        'caption: ""\n'
        'section: ""\n'
        "tags: []\n"
        'summary: ""\n'
        "draft: true\n"
        "---\n"
        "Write the article here.\n"
    )


def test_new_article_is_a_draft_until_published(fixture_site):
    run_cli("new", "Harbour Lights Return", "--date", "2014-02-03", cwd=fixture_site)
    page = fixture_site / "public/2014/02/03/harbour-lights-return/index.html"
    assert run_cli("build", cwd=fixture_site)[0] == 0
    assert not page.exists()
    assert run_cli("build", "--drafts", cwd=fixture_site)[0] == 0
    assert "<h1>Harbour Lights Return</h1>" in page.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(fixture_site):
    assert run_cli("new", "Harbour Lights Return", "--date", "2014-02-03", cwd=fixture_site)[0] == 0
    path = fixture_site / "content/2014/02/harbour-lights-return.md"
    path.write_text(path.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    status, stdout, stderr = run_cli("new", "Harbour Lights Return", "--date", "2014-02-03", cwd=fixture_site)
    assert (status, stdout) == (2, "")
    assert stderr == "error: an article with that title and date exists already\n"
    assert path.read_text(encoding="utf-8").endswith("Edited.\n")


def test_new_with_a_non_ascii_title(fixture_site):
    status, _, _ = run_cli("new", "Zürich: “Quartet” Returns", "--date", "2014-02-04", cwd=fixture_site)
    path = fixture_site / "content/2014/02/zurich-quartet-returns.md"
    assert status == 0
    assert path.read_text(encoding="utf-8").splitlines()[1] == 'title: "Zürich: “Quartet” Returns"'


# --- import --------------------------------------------------------------------------------------


def test_import_dry_run_writes_nothing(seeded_site):
    before = tree(seeded_site)
    status, stdout, stderr = run_cli("import", "--dry-run", cwd=seeded_site)
    assert status == 0
    assert stdout == (
        "Import of 1 seed: 1 imported, 0 updated, 0 unchanged, 0 conflict, 0 rejected (dry run: nothing written)\n"
    )
    assert f"imported  {SEED} -> {SEED_CONTENT}" in stderr.splitlines()
    assert tree(seeded_site) == before
    assert sorted(p.name for p in seeded_site.iterdir()) == ["seeds", "site.toml"]


def test_import_writes_content_and_a_second_import_changes_nothing(seeded_site):
    status, stdout, _ = run_cli("import", cwd=seeded_site)
    assert (status, stdout) == (0, "Import of 1 seed: 1 imported, 0 updated, 0 unchanged, 0 conflict, 0 rejected\n")
    written = (seeded_site / SEED_CONTENT).read_bytes()
    status, stdout, stderr = run_cli("import", cwd=seeded_site)
    assert (status, stdout, stderr) == (
        0,
        "Import of 1 seed: 0 imported, 0 updated, 1 unchanged, 0 conflict, 0 rejected\n",
        "",
    )
    assert (seeded_site / SEED_CONTENT).read_bytes() == written


def test_import_report_is_json(seeded_site, tmp_path):
    report = tmp_path / "report.json"
    status, _, _ = run_cli("import", "--report", report, cwd=seeded_site)
    assert status == 0
    assert json.loads(report.read_text(encoding="utf-8")) == {
        "counts": {"imported": 1, "updated": 0, "unchanged": 0, "conflict": 0, "quarantined": 0},
        "warnings": {"caption-guessed": 1},
        "seeds": [
            {
                "seed": SEED,
                "outcome": "imported",
                "content": SEED_CONTENT,
                "warnings": [
                    {
                        "code": "caption-guessed",
                        "line": None,
                        "message": "the caption was told from the lead by its shape: "
                        "descriptive sentence (participle, no finite verb)",
                    }
                ],
            }
        ],
        "diagnostics": [],
    }


def test_import_report_with_dry_run_still_writes_the_report_only(seeded_site, tmp_path):
    report = tmp_path / "report.json"
    assert run_cli("import", "--dry-run", "--report", report, cwd=seeded_site)[0] == 0
    assert json.loads(report.read_text(encoding="utf-8"))["counts"]["imported"] == 1
    assert not (seeded_site / "content").exists()


def test_import_of_a_missing_seed_exits_2(seeded_site):
    status, stdout, stderr = run_cli("import", "seeds/missing.txt", cwd=seeded_site)
    assert (status, stdout) == (2, "")
    assert stderr == f"{seeded_site / 'seeds/missing.txt'}: error: no such seed file\n"


def test_build_imports_seeds_first_unless_told_not_to(seeded_site):
    status, stdout, _ = run_cli("build", "--no-import", cwd=seeded_site)
    assert (status, summary(stdout)[1]) == (0, 0)
    status, stdout, stderr = run_cli("build", cwd=seeded_site)
    assert (status, summary(stdout)[1]) == (0, 1)
    assert "Import of 1 seed: 1 imported, 0 updated, 0 unchanged, 0 conflict, 0 rejected" in stderr.splitlines()
    assert (seeded_site / "public/2014/03/05/russia-rebuffs-west-on-crimea-ahead-of-paris-talks/index.html").is_file()
