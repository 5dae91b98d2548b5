"""write.py: atomic writes, unchanged files untouched, stale files pruned, unsafe paths refused."""

from __future__ import annotations

import os

import pytest

from generator import fsutil
from generator.site.write import UnsafePath, copy_file, list_files, prune, target, write_file

OLD = 1_000_000_000_000_000_000  # a fixed mtime in ns (2001), so no test waits for the clock


def test_write_creates_folders_and_reports_a_write(tmp_path):
    assert write_file(tmp_path, "a/b/index.html", b"<p>x</p>\n") is True
    assert (tmp_path / "a/b/index.html").read_bytes() == b"<p>x</p>\n"


def test_unchanged_file_is_not_rewritten_and_keeps_its_mtime(tmp_path):
    write_file(tmp_path, "index.html", b"same")
    path = tmp_path / "index.html"
    os.utime(path, ns=(OLD, OLD))
    inode = path.stat().st_ino
    assert write_file(tmp_path, "index.html", b"same") is False
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (OLD, inode)


@pytest.mark.parametrize(
    "before, after",
    [
        (b"old", b"new"),
        (b"same length", b"same lengtX"),
        (b"", b"x"),
        (b"x", b""),
    ],
)
def test_changed_file_is_rewritten(tmp_path, before, after):
    write_file(tmp_path, "f.txt", before)
    os.utime(tmp_path / "f.txt", ns=(OLD, OLD))
    assert write_file(tmp_path, "f.txt", after) is True
    assert (tmp_path / "f.txt").read_bytes() == after
    assert (tmp_path / "f.txt").stat().st_mtime_ns != OLD


def test_write_is_atomic_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    write_file(tmp_path, "index.html", b"old page")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(fsutil.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_file(tmp_path, "index.html", b"new page")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
    assert (tmp_path / "index.html").read_bytes() == b"old page"


def test_write_goes_through_a_rename_in_the_same_folder(tmp_path, monkeypatch):
    renames = []
    real_replace = os.replace

    def spy(src, dst):
        renames.append((os.path.dirname(src), os.path.basename(src).startswith(".index.html."), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(fsutil.os, "replace", spy)
    write_file(tmp_path, "a/index.html", b"page")
    assert renames == [(str(tmp_path / "a"), True, str(tmp_path / "a/index.html"))]
    assert oct((tmp_path / "a/index.html").stat().st_mode & 0o777) == oct(0o644)


def test_copy_file_copies_bytes_and_skips_identical(tmp_path):
    source = tmp_path / "style.css"
    source.write_bytes(b"body{}")
    out = tmp_path / "out"
    assert copy_file(out, "static/style.css", source) is True
    assert copy_file(out, "static/style.css", source) is False
    assert (out / "static/style.css").read_bytes() == b"body{}"


@pytest.mark.parametrize(
    "rel",
    [
        "../escape.html",
        "a/../../escape.html",
        "a/../b.html",
        "/etc/passwd",
        "/abs/index.html",
        "",
        ".",
        "a/./b",
        "a//b",
        "a/",
        "a\\..\\b",
        "C:\\x",
        "a\x00b",
    ],
)
def test_unsafe_paths_are_refused(tmp_path, rel):
    with pytest.raises(UnsafePath):
        write_file(tmp_path / "out", rel, b"x")
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("rel", ["index.html", "a/b/c.html", "..hidden/x", "a..b/index.html", "static/style.css"])
def test_plain_paths_are_accepted(tmp_path, rel):
    assert target(tmp_path, rel) == tmp_path / rel


def test_list_files_lists_every_file_as_a_posix_path(tmp_path):
    for rel in ["index.html", "a/b/index.html", "static/style.css", ".hidden"]:
        write_file(tmp_path, rel, b"x")
    (tmp_path / "empty").mkdir()
    assert list_files(tmp_path) == {"index.html", "a/b/index.html", "static/style.css", ".hidden"}
    assert list_files(tmp_path / "missing") == set()


def test_prune_removes_stale_files_and_the_folders_they_leave_empty(tmp_path):
    out = tmp_path / "public"
    for rel in [
        "index.html",
        "keep/index.html",
        "gone/index.html",
        "gone/deeper/x.html",
        "keep/old.html",
        "static/style.css",
        "one-file/.placeholder",
    ]:
        write_file(out, rel, b"x")
    removed = prune(out, list_files(out), keep={"index.html", "keep/index.html", "static/style.css"})
    assert removed == ["gone/deeper/x.html", "gone/index.html", "keep/old.html", "one-file/.placeholder"]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "index.html",
        "keep",
        "keep/index.html",
        "static",
        "static/style.css",
    ]


def test_prune_keeps_the_output_folder_itself(tmp_path):
    out = tmp_path / "public"
    write_file(out, "a/index.html", b"x")
    assert prune(out, list_files(out), keep=set()) == ["a/index.html"]
    assert out.is_dir() and list(out.iterdir()) == []


def test_prune_of_a_missing_folder_does_nothing(tmp_path):
    assert prune(tmp_path / "missing", list_files(tmp_path / "missing"), keep=set()) == []
    assert not (tmp_path / "missing").exists()


def test_prune_never_leaves_the_output_folder(tmp_path):
    outside = tmp_path / "elsewhere"
    write_file(outside, "page.html", b"x")
    out = tmp_path / "public"
    write_file(out, "stale.html", b"x")
    os.symlink(outside, out / "link")
    assert "stale.html" in prune(out, list_files(out), keep=set())
    assert not (out / "stale.html").exists()
    assert (outside / "page.html").read_bytes() == b"x"  # a link to a folder is never followed
