"""The import shell: statuses, idempotence, hand edits, dry runs, slugs, bytes, and the whole BBC corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.importer import pool as ingestpool
from generator.importer.decode import decode_bytes
from generator.importer.ingest import import_seeds
from generator.importer.tagwords import STOP_WORDS
from generator.importer.wordlists import MONTHS, WEEKDAYS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
SEED = "Harbour Plan Approved\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\nThe council approved the plan.\n"


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    (tmp_path / "seeds").mkdir()
    return SiteConfig(root=tmp_path, outlets=("Lantern",))


def write_seed(site: SiteConfig, name: str, text: str) -> Path:
    path = site.seeds_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def statuses(report) -> list[str]:
    return [r.status for r in report.results]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_seed_ends_with_exactly_one_status(site):
    for path in FIXTURES.iterdir():
        (site.seeds_path / path.name).write_bytes(path.read_bytes())
    report = import_seeds(site)
    assert len(report.results) == len(list(FIXTURES.iterdir()))
    assert {r.status for r in report.results} <= {"imported", "rejected"}
    rejected = {r.seed: r.reason for r in report.results if r.status == "rejected"}
    assert sorted(rejected) == [
        "10_impossible_date.txt",
        "36_binary.txt",
        "38_front_matter_bad_yaml.md",
        "39_front_matter_no_title.md",
    ]
    assert all(rejected.values())
    assert report.count("imported") == len(list(site.content_path.rglob("*.md")))


def test_a_second_import_writes_nothing(site):
    write_seed(site, "world/a.txt", SEED)
    assert statuses(import_seeds(site)) == ["imported"]
    before = snapshot(site.content_path)
    assert statuses(import_seeds(site)) == ["unchanged"]
    assert snapshot(site.content_path) == before


def test_a_changed_seed_is_updated_and_keeps_its_slug(site):
    seed = write_seed(site, "a.txt", SEED)
    first = import_seeds(site).results[0]
    seed.write_text(SEED.replace("Harbour Plan Approved", "Harbour Plan Finally Approved"), encoding="utf-8")
    second = import_seeds(site).results[0]
    assert (second.status, second.content_path) == ("updated", first.content_path)
    assert "title: Harbour Plan Finally Approved\n" in (site.root / second.content_path).read_text(encoding="utf-8")


def test_a_hand_edit_is_a_conflict_until_forced(site):
    seed = write_seed(site, "a.txt", SEED)
    content = site.root / import_seeds(site).results[0].content_path
    content.write_text(
        content.read_text(encoding="utf-8").replace("approved the plan", "backed the plan"), encoding="utf-8"
    )
    seed.write_text(SEED + "\nMore text.\n", encoding="utf-8")
    conflict = import_seeds(site).results[0]
    assert conflict.status == "conflict" and "edited by hand" in conflict.reason
    assert "backed the plan" in content.read_text(encoding="utf-8")
    assert import_seeds(site, force=True).results[0].status == "updated"
    assert "approved the plan" in content.read_text(encoding="utf-8")


def test_a_dry_run_writes_nothing(site):
    write_seed(site, "a.txt", SEED)
    report = import_seeds(site, dry_run=True)
    assert (
        statuses(report) == ["imported"]
        and report.results[0].content_path == "content/2014/03/harbour-plan-approved.md"
    )
    assert not site.content_path.exists()


def test_one_bad_file_never_stops_the_others(site):
    write_seed(site, "a.txt", SEED)
    write_seed(site, "b.txt", "Bad Date\n\nFebruary 30, 2014\n\nText.\n")
    (site.seeds_path / "c.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    write_seed(site, "d.txt", SEED.replace("Harbour", "Airport"))
    report = import_seeds(site)
    assert statuses(report) == ["imported", "rejected", "rejected", "imported"]
    assert [str(d) for d in report.diagnostics] == [
        "seeds/b.txt:3: error: impossible date 'February 30, 2014': February 2014 has no day 30",
        "seeds/c.png: error: the file is binary (a PNG image), not text",
    ]


def test_an_undated_article_goes_to_undated(site):
    write_seed(site, "a.txt", "Undated Story\n\nBy Jane Doe\n\nText of the story.\n")
    report = import_seeds(site)
    assert report.results[0].content_path == "content/undated/undated-story.md"
    assert [d.code for d in report.diagnostics] == ["no-date"]


def test_a_future_date_is_kept_with_a_warning(site):
    import datetime as dt

    write_seed(site, "a.txt", SEED.replace("March 5, 2014", "March 5, 2031"))
    report = import_seeds(site, today=dt.date(2026, 1, 1))
    assert report.results[0].content_path == "content/2031/03/harbour-plan-approved.md"
    assert [str(d) for d in report.diagnostics] == [
        "seeds/a.txt: warning: the date 2031-03-05 is in the future; kept as written"
    ]


def test_without_a_build_date_the_wall_clock_decides_nothing(site):
    """No build_time and no SOURCE_DATE_EPOCH: no day stands for "today", so no date is called future."""
    write_seed(site, "a.txt", SEED.replace("March 5, 2014", "March 5, 2999"))
    assert site.build_date() is None
    report = import_seeds(site, today=site.build_date())
    assert report.results[0].content_path == "content/2999/03/harbour-plan-approved.md"
    assert report.diagnostics == ()


def test_the_build_date_from_source_date_epoch_dates_the_future_warning(site, monkeypatch):
    from generator.config import load_config

    (site.root / "site.toml").write_text('title = "T"\n', encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    config = load_config(site.root / "site.toml")
    write_seed(config, "a.txt", SEED.replace("March 5, 2014", "January 2, 2026"))
    report = import_seeds(config, today=config.build_date())
    assert [d.code for d in report.diagnostics] == ["future-date"]


def test_collisions_get_deterministic_suffixes(site):
    for name in ("c.txt", "a.txt", "b.txt"):
        write_seed(site, name, SEED + f"\n{name}\n")
    report = import_seeds(site)
    assert [(r.seed, Path(r.content_path).name) for r in report.results] == [
        ("a.txt", "harbour-plan-approved.md"),
        ("b.txt", "harbour-plan-approved-2.md"),
        ("c.txt", "harbour-plan-approved-3.md"),
    ]


def test_a_front_matter_seed_keeps_draft_and_unknown_keys(site):
    (site.seeds_path / "fm.md").write_bytes((FIXTURES / "37_front_matter.md").read_bytes())
    result = import_seeds(site).results[0]
    text = (site.root / result.content_path).read_text(encoding="utf-8")
    assert result.content_path == "content/2019/06/harbour-seals-return.md"
    assert "draft: true\n" in text and "photographer: Ian Reid\n" in text
    assert statuses(import_seeds(site)) == ["unchanged"]


def test_the_size_limit_is_configurable(tmp_path):
    (tmp_path / "seeds").mkdir()
    config = SiteConfig(root=tmp_path, max_seed_bytes=10)
    write_seed(config, "a.txt", SEED)
    result = import_seeds(config).results[0]
    assert result.reason == f"the file is {len(SEED):,} bytes, over the limit of 10 bytes (max_seed_bytes in site.toml)"


def test_writes_leave_no_temporary_files(site):
    write_seed(site, "a.txt", SEED)
    import_seeds(site)
    assert [p.name for p in site.content_path.rglob("*") if p.is_file()] == ["harbour-plan-approved.md"]


def test_parallel_import_matches_the_sequential_one(tmp_path, monkeypatch):
    def run(root: Path, parallel: bool):
        (root / "seeds").mkdir(parents=True)
        config = SiteConfig(root=root, jobs=2)
        for path in FIXTURES.iterdir():
            (config.seeds_path / path.name).write_bytes(path.read_bytes())
        monkeypatch.setattr(ingestpool, "PARALLEL_FROM", 1 if parallel else 10**9)
        report = import_seeds(config)
        return report, snapshot(config.content_path)

    sequential, files = run(tmp_path / "one", False)
    parallel, parallel_files = run(tmp_path / "two", True)
    assert parallel.results == sequential.results and parallel.diagnostics == sequential.diagnostics
    assert {k: v[0] for k, v in parallel_files.items()} == {k: v[0] for k, v in files.items()}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_encodings_decode_to_the_same_text(encoding):
    text = "Café “Le Monde” reopens – naïve résumé\n" if encoding != "latin-1" else "Café reopens, naïve résumé\n"
    assert decode_bytes(text.encode(encoding)).text == text


def meaningful(tag: str) -> bool:
    lowered = tag.lower()
    return lowered not in MONTHS and lowered not in WEEKDAYS and (tag.isupper() or lowered not in STOP_WORDS)


@pytest.mark.slow
def test_the_whole_bbc_corpus(tmp_path, bbc_seeds):
    import yaml

    config = SiteConfig(root=tmp_path, seeds_dir=str(bbc_seeds))
    report = import_seeds(config)
    assert len(report.results) == 2095 and statuses(report) == ["imported"] * 2095
    assert report.diagnostics == ()
    for result in report.results:
        text = (tmp_path / result.content_path).read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
        assert meta["title"] and meta["date"] and meta["source"] == "BBC News", result.seed
        assert meta["original_url"].startswith("https://news.bbc.co.uk/"), result.seed
        assert meta["caption"] == "", result.seed
        assert sum(meaningful(t) for t in meta["tags"]) >= 2, (result.seed, meta["tags"])
    assert statuses(import_seeds(config)) == ["unchanged"] * 2095
