"""The output folder is Broadsheet's only where it says so: a manifest of what it wrote, and refusals.

A build prunes and overwrites only files its manifest lists; it refuses to build into the site's
own folders, or over a folder of someone else's files unless --clean is given; it never writes or
deletes through a symbolic link.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import run_cli
from sitekit import comparable, make_site, tree, write_article

from generator.config import load_config
from generator.pipeline import build
from generator.site.ownership import MANIFEST, read_manifest


def manifest(folder: Path) -> set[str]:
    return read_manifest(folder)


def test_the_manifest_lists_exactly_the_files_a_build_wrote(tmp_path):
    make_site(tmp_path)
    code, out, err = run_cli("build", "--no-import", cwd=tmp_path)
    assert code == 0, err
    assert manifest(tmp_path / "public") == set(tree(tmp_path / "public")) - {MANIFEST}


def test_a_folder_of_someone_elses_files_is_refused_and_left_untouched(tmp_path):
    make_site(tmp_path / "site")
    victim = tmp_path / "victim"
    (victim / "docs").mkdir(parents=True)
    (victim / "docs" / "thesis.txt").write_text("four years of work")
    (victim / ".env").write_text("SECRET=1")
    code, out, err = run_cli("build", "--no-import", "--output", victim, cwd=tmp_path / "site")
    assert code == 2
    assert err.strip() == (
        f"{victim}: error: the output folder holds 2 file(s) that Broadsheet did not write "
        "(first: .env); refusing to build over them. Empty the folder, choose another one, "
        "or pass --clean to delete its contents first"
    )
    assert tree(victim) == {".env": b"SECRET=1", "docs/thesis.txt": b"four years of work"}


def test_clean_deletes_the_contents_when_asked(tmp_path):
    make_site(tmp_path / "site")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "old.txt").write_text("old")
    code, _, err = run_cli("build", "--no-import", "--output", victim, "--clean", cwd=tmp_path / "site")
    assert code == 0, err
    assert "old.txt" not in tree(victim) and "index.html" in tree(victim)


def test_files_added_to_our_output_later_are_kept_by_every_build(tmp_path):
    make_site(tmp_path)
    config = load_config(tmp_path / "site.toml", {"jobs": 1})
    build(config, with_import=False)
    (tmp_path / "public" / "docs").mkdir()
    (tmp_path / "public" / "docs" / "thesis.txt").write_text("mine")
    (tmp_path / "public" / ".env").write_text("SECRET=1")
    (tmp_path / "content" / "2014" / "03" / "story-1.md").unlink()  # so the build really prunes
    report = build(config, with_import=False)
    assert report.ok and report.write.removed
    assert (tmp_path / "public" / "docs" / "thesis.txt").read_text() == "mine"
    assert (tmp_path / "public" / ".env").read_text() == "SECRET=1"
    assert "docs/thesis.txt" not in manifest(tmp_path / "public")


@pytest.mark.parametrize(
    "output_dir, what",
    [
        (".", "settings file"),
        ("content", "content folder"),
        ("content/2014", "content folder"),
        ("seeds", "seeds folder"),
        ("themes", "themes folder"),
        (".cache", "cache folder"),
        ("..", "settings file"),
    ],
)
def test_the_sites_own_folders_are_refused_and_nothing_is_deleted(tmp_path, output_dir, what):
    site = make_site(tmp_path / "site")
    (site / "seeds").mkdir()
    (site / "seeds" / "a.txt").write_text("Title\n\nBody.\n")
    (site / ".cache").mkdir()
    with open(site / "site.toml", "a") as handle:
        handle.write(f'output_dir = "{output_dir}"\n')
    before = tree(tmp_path)
    code, out, err = run_cli("build", cwd=site)
    assert code == 2
    assert f"refusing to build into {(site / output_dir).resolve()}: it " in err
    assert f"the site's {what}" in err and "Traceback" not in err
    assert tree(tmp_path) == before


def test_a_symlink_in_the_output_is_never_written_through_or_deleted_through(tmp_path):
    site = make_site(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "style.css").write_text("precious")
    config = load_config(site / "site.toml", {"jobs": 1})
    build(config, with_import=False)
    static = site / "public" / "static"
    for child in static.iterdir():
        child.unlink()
    static.rmdir()
    static.symlink_to(elsewhere, target_is_directory=True)
    report = build(config, with_import=False)
    messages = [str(d) for d in report.diagnostics]
    assert messages and all("it is a symbolic link" in m for m in messages), messages
    assert tree(elsewhere) == {"style.css": b"precious"}
    assert static.is_symlink()


def test_an_output_folder_from_before_manifests_is_recognised(tmp_path):
    make_site(tmp_path, extra_settings="search = false\n")  # Broadsheet before manifests had no search index
    config = load_config(tmp_path / "site.toml", {"jobs": 1})
    build(config, with_import=False)
    expected = tree(tmp_path / "public")
    (tmp_path / "public" / MANIFEST).unlink()  # as an earlier Broadsheet left it: pages cache, no manifest
    (tmp_path / "public" / "notes.txt").write_text("mine")
    report = build(config, with_import=False)
    assert report.ok, [str(d) for d in report.diagnostics]
    assert tree(tmp_path / "public") == {**expected, "notes.txt": b"mine"}


def test_a_file_that_is_not_ours_in_the_place_of_a_page_is_not_overwritten(tmp_path):
    make_site(tmp_path)
    config = load_config(tmp_path / "site.toml", {"jobs": 1})
    build(config, with_import=False)
    page = tmp_path / "public" / "2014" / "03" / "09" / "story-40" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("a page someone made by hand")
    write_article(tmp_path, 40, "Story 40", 9, ["Europe"], "New.")
    report = build(config, with_import=False)
    assert [str(d) for d in report.diagnostics] == [
        "content/2014/03/story-40.md: error: page 2014/03/09/story-40/index.html not written: a file Broadsheet "
        "did not write is in its place in the output folder (move it away, or build with --clean)"
    ]
    assert page.read_text() == "a page someone made by hand"


def test_temporary_files_left_by_a_killed_write_are_removed(tmp_path):
    make_site(tmp_path)
    config = load_config(tmp_path / "site.toml", {"jobs": 1})
    build(config, with_import=False)
    leftover = tmp_path / "public" / ".index.html.99999.tmp"
    leftover.write_text("half a page")
    someone_elses = tmp_path / "public" / ".notes.txt.12.tmp"
    someone_elses.write_text("not ours: no notes.txt of ours")
    report = build(config, with_import=False)
    assert ".index.html.99999.tmp" in report.write.removed
    assert not leftover.exists() and someone_elses.exists()


def test_clean_removes_the_cache_and_our_files_only(tmp_path):
    make_site(tmp_path)
    assert run_cli("build", "--no-import", cwd=tmp_path)[0] == 0
    (tmp_path / "public" / "mine.txt").write_text("mine")
    code, out, err = run_cli("clean", cwd=tmp_path)
    assert code == 0, err
    assert out.startswith("Removed the cache (.cache/) and ")
    assert tree(tmp_path / "public") == {"mine.txt": b"mine"}
    assert sorted(os.listdir(tmp_path / ".cache")) == ["lock"]


def test_no_cache_builds_the_same_site_from_scratch(tmp_path):
    make_site(tmp_path)
    assert run_cli("build", "--no-import", cwd=tmp_path)[0] == 0
    first = comparable(tmp_path / "public")
    (tmp_path / ".cache" / "pages.pickle").write_bytes(b"garbage")
    code, out, err = run_cli("build", "--no-import", "--no-cache", cwd=tmp_path)
    assert code == 0, err
    assert comparable(tmp_path / "public") == first
    assert (tmp_path / ".cache" / "pages.pickle").read_bytes() != b"garbage"


def test_manifest_names_of_any_characters_round_trip(tmp_path):
    from generator.site.ownership import WriteJournal

    config = load_config(tmp_path / "site.toml")
    names = ["plain/index.html", 'quote"d', "#hash", " lead", "trail ", "new\nline", "tab\there", "é/ü.html"]
    journal = WriteJournal(config, tmp_path / "out")
    journal.record(names)
    assert read_manifest(tmp_path / "out") == set(names)
    journal.write_manifest(names)
    assert read_manifest(tmp_path / "out") == set(names)


def test_another_folder_is_not_taken_for_one_built_before_manifests(tmp_path):
    """The site's page cache lists what its last build wrote; a different folder holding an
    index.html of someone else's is still refused."""
    site = make_site(tmp_path / "site")
    assert run_cli("build", "--no-import", cwd=site)[0] == 0
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.html").write_text("someone's own page")
    (victim / ".env").write_text("SECRET=1")
    code, out, err = run_cli("build", "--no-import", "--output", victim, cwd=site)
    assert code == 2 and "Broadsheet did not write" in err
    assert tree(victim) == {".env": b"SECRET=1", "index.html": b"someone's own page"}
