"""The import manifest: an unchanged seed is settled by a stat, without a read; anything the manifest did not
see (a touched seed, a hand edit, a deleted content file, other code or settings) is read as without it; an
import stopped part way leaves no manifest a later import trusts."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.importer import existing, outcomes
from generator.importer.ingest import import_seeds
from generator.importer.manifest import NAME, ManifestFile

SEED = "Harbour Plan Approved\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\nThe council approved the plan {n}.\n"


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    for n in range(5):
        path = tmp_path / "seeds" / f"s{n}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SEED.replace("Harbour", f"Harbour {n}").format(n=n), encoding="utf-8")
    return SiteConfig(root=tmp_path)


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every seed read and every content file's front matter read, by name."""
    seen: list[str] = []
    read_seed, read_existing = outcomes.read_seed, existing.read_existing

    def counting_seed(path, limit):
        seen.append(f"seed {Path(path).name}")
        return read_seed(path, limit)

    def counting_head(path):
        seen.append(f"content {Path(path).name}")
        return read_existing(path)

    monkeypatch.setattr(outcomes, "read_seed", counting_seed)
    monkeypatch.setattr(existing, "read_existing", counting_head)
    return seen


def statuses(report) -> list[str]:
    return [r.status for r in report.results]


def test_an_unchanged_import_reads_no_seed_and_no_content_file(site, reads):
    assert statuses(import_seeds(site)) == ["imported"] * 5
    assert (site.cache_path / NAME).is_file()
    reads.clear()
    report = import_seeds(site)
    assert statuses(report) == ["unchanged"] * 5
    assert reads == []
    assert [r.content_path for r in report.results][0] == "content/2014/03/harbour-0-plan-approved.md"


def test_a_touched_seed_is_read_again_and_only_it(site, reads):
    import_seeds(site)
    seed = site.seeds_path / "s2.txt"
    os.utime(seed, ns=(1, 1))
    reads.clear()
    assert statuses(import_seeds(site)) == ["unchanged"] * 5
    assert reads == ["seed s2.txt"]
    reads.clear()
    assert statuses(import_seeds(site)) == ["unchanged"] * 5
    assert reads == []  # the new signature was recorded


def test_a_changed_seed_is_updated(site, reads):
    import_seeds(site)
    (site.seeds_path / "s1.txt").write_text(SEED.format(n="one more time").replace("Harbour", "Harbour 1"))
    report = import_seeds(site)
    assert statuses(report) == ["unchanged", "updated", "unchanged", "unchanged", "unchanged"]


def test_a_hand_edit_after_the_manifest_is_still_a_conflict(site, reads):
    import_seeds(site)
    target = site.content_path / "2014" / "03" / "harbour-3-plan-approved.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nAdded by hand.\n", encoding="utf-8")
    (site.seeds_path / "s3.txt").write_text(SEED.format(n="changed").replace("Harbour", "Harbour 3"))
    reads.clear()
    report = import_seeds(site)
    assert statuses(report) == ["unchanged", "unchanged", "unchanged", "conflict", "unchanged"]
    assert sorted(reads) == ["content harbour-3-plan-approved.md", "seed s3.txt"]


def test_a_deleted_content_file_is_imported_again(site):
    import_seeds(site)
    (site.content_path / "2014" / "03" / "harbour-4-plan-approved.md").unlink()
    assert statuses(import_seeds(site))[4] == "imported"
    assert (site.content_path / "2014" / "03" / "harbour-4-plan-approved.md").is_file()


def test_other_settings_do_not_trust_the_manifest(site, reads):
    import_seeds(site)
    reads.clear()
    assert statuses(import_seeds(replace(site, max_tags=3))) == ["unchanged"] * 5
    assert len([r for r in reads if r.startswith("seed")]) == 5


def test_an_import_stopped_part_way_leaves_no_manifest_a_later_import_trusts(site, monkeypatch, reads):
    import_seeds(site)
    for n in range(5):  # every seed changes: the next import writes every content file
        path = site.seeds_path / f"s{n}.txt"
        path.write_text(path.read_text(encoding="utf-8") + "\nA new last paragraph.\n", encoding="utf-8")
    from generator.importer import ingest

    real_write, written = ingest.atomic_write, []

    def failing_write(path, data):
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(path)
        real_write(path, data)

    monkeypatch.setattr(ingest, "atomic_write", failing_write)
    with pytest.raises(OSError):
        import_seeds(site)
    assert not (site.cache_path / NAME).exists()
    assert ManifestFile(site).entries == {}
    monkeypatch.setattr(ingest, "atomic_write", real_write)
    reads.clear()
    report = import_seeds(site)
    assert statuses(report) == ["unchanged", "unchanged", "updated", "updated", "updated"]
    assert len([r for r in reads if r.startswith("seed")]) == 5  # nothing was taken on trust
    for n in range(5):
        assert "A new last paragraph." in next(site.content_path.rglob(f"harbour-{n}-*.md")).read_text()


def test_a_corrupt_manifest_reads_as_empty(site, reads):
    import_seeds(site)
    (site.cache_path / NAME).write_bytes(b"not a pickle")
    reads.clear()
    assert statuses(import_seeds(site)) == ["unchanged"] * 5
    assert len(reads) == 10  # every seed and every content file read, as without a manifest


def test_an_import_that_needs_no_warnings_leaves_them_unknown_and_a_report_finds_them(tmp_path, reads):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Ferry Timetable Changes\n\nThe ferry leaves earlier.\n", "utf-8")
    config = SiteConfig(root=tmp_path)
    assert [r.warnings for r in import_seeds(config, warnings=False).results][0][0].code == "no-date"
    (tmp_path / ".cache" / NAME).unlink()  # as after --no-cache: the content file is there, the manifest is not
    reads.clear()
    report = import_seeds(config, warnings=False)  # a build: the seed's bytes are as imported; not parsed
    assert statuses(report) == ["unchanged"] and report.results[0].warnings == ()
    assert ManifestFile(config).entries["a.txt"].warnings is None
    report = import_seeds(config)  # a report: the warnings the manifest does not know are found again
    assert [w.code for w in report.results[0].warnings] == ["no-date"]
    reads.clear()
    assert [w.code for w in import_seeds(config).results[0].warnings] == ["no-date"]
    assert reads == []
