"""The output folder's saved listing: taken from the record where a folder is unchanged, and always equal to
a fresh walk of the folder, whatever was added, removed or replaced since, even in the same clock tick."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.fsutil import file_names
from generator.site import listing
from generator.site.listing import list_folders, output_files

NAMES = st.sampled_from(["a", "b", "c", ".hidden", "index.html", "feed.xml"])
PATHS = st.lists(NAMES, min_size=1, max_size=4).map(lambda parts: "/".join(parts))
CHANGES = st.lists(st.tuples(st.sampled_from(["add", "remove", "replace-folder", "link"]), PATHS), max_size=12)


def walked(root: Path) -> set[str]:
    return {rel for rel, _ in file_names(root, hidden=True)}


def apply(root: Path, change: str, rel: str) -> None:
    path = root / rel
    try:
        if change == "add":
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.is_dir():
                path.write_text(rel)
        elif change == "remove":
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        elif change == "replace-folder" and path.parent.is_dir() and path.parent != root:
            shutil.rmtree(path.parent)
            path.parent.mkdir()
            path.write_text("new")
        elif change == "link":
            path.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(root, path)  # a link to a folder is a file to the listing: never entered
    except OSError:
        pass  # a path through a file or a link, or one already there: nothing to change


@settings(max_examples=100, deadline=None)
@given(before=CHANGES, after=CHANGES)
def test_the_listing_always_equals_a_fresh_walk(tmp_path_factory, before, after):
    root, cache = tmp_path_factory.mktemp("out"), tmp_path_factory.mktemp("cache")
    for change in before:
        apply(root, *change)
    assert output_files(root, cache) == walked(root)
    for change in after:  # within the same clock tick as the listing: the racy folders are listed again
        apply(root, *change)
    assert output_files(root, cache) == walked(root)
    assert output_files(root, cache) == walked(root)


def test_an_unchanged_folder_is_taken_from_the_record_and_a_changed_one_listed_again(tmp_path, monkeypatch):
    root = tmp_path / "public"
    (root / "2004" / "03").mkdir(parents=True)
    (root / "2004" / "03" / "index.html").write_text("x")
    (root / "tags").mkdir()
    old = 1_000_000_000_000_000_000  # long before the listing, so no folder is racy
    for folder in (root, root / "2004", root / "2004" / "03", root / "tags"):
        os.utime(folder, ns=(old, old))
    files, saved, relisted = list_folders(str(root), {})
    assert files == {"2004/03/index.html"} and relisted
    assert list_folders(str(root), saved) == (files, saved, False)

    (root / "tags" / "feed.xml").write_text("y")  # changes the time of tags/ alone
    listed: list[str] = []
    real = listing._listed
    monkeypatch.setattr(listing, "_listed", lambda r, rel, seen: listed.append(rel) or real(r, rel, seen))
    files, _, relisted = list_folders(str(root), saved)
    assert files == {"2004/03/index.html", "tags/feed.xml"} and relisted and listed == ["tags"]


def test_a_folder_changed_just_before_the_listing_is_recorded_without_a_time(tmp_path):
    (tmp_path / "new.html").write_text("x")
    _, saved, _ = list_folders(str(tmp_path), {})
    assert saved[""][0] is None  # listed again next time, however its time compares


def test_a_missing_output_folder_lists_nothing(tmp_path):
    assert output_files(tmp_path / "public", tmp_path / ".cache") == set()
