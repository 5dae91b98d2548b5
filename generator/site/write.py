"""The only module that writes the output tree: atomic, byte-identical files skipped, stale files pruned.

It never writes or deletes through a symbolic link: a link anywhere on the way to an output
file is refused, so a link planted in the output folder cannot send a write elsewhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.fsutil import atomic_write, file_names


class UnsafePath(ValueError):
    """An output path that would land outside the output folder, or go through a link."""


class SafeTree:
    """Writes below one output folder, checking every folder on the way (once) for links."""

    def __init__(self, root: Path):
        self.root = root
        self._checked: set[str] = set()

    def target(self, rel: str) -> Path:
        parts = rel.split("/")
        if not rel or "\\" in rel or "\x00" in rel or any(p in ("", ".", "..") for p in parts):
            raise UnsafePath(f"refusing to write {rel!r}: not a plain path inside {self.root}")
        folder = ""
        for part in parts[:-1]:
            folder = f"{folder}{part}/"
            if folder not in self._checked:
                self._check_folder(folder)
        return self.root / rel

    def _check_folder(self, folder: str) -> None:
        try:
            mode = os.lstat(self.root / folder).st_mode
        except FileNotFoundError:
            return  # made by the write; what is below it is new too
        if stat.S_ISLNK(mode):
            raise UnsafePath(
                f"refusing to write through {self.root / folder.rstrip('/')}: it is a symbolic link "
                "(Broadsheet never writes through links in its output folder; remove the link)"
            )
        if not stat.S_ISDIR(mode):
            raise UnsafePath(f"refusing to write below {self.root / folder.rstrip('/')}: it is a file, not a folder")
        self._checked.add(folder)

    def write(self, rel: str, data: bytes) -> bool:
        """Write one output file if its bytes changed. True if it was written."""
        path = self.target(rel)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISLNK(info.st_mode):
            raise UnsafePath(f"refusing to replace {path}: it is a symbolic link")
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise UnsafePath(f"refusing to write {path}: something that is not a file is in the way")
        if info is not None and info.st_size == len(data) and path.read_bytes() == data:
            return False
        atomic_write(path, data)
        return True

    def remove(self, rel: str) -> bool:
        """Delete one output file, unless the way to it goes through a link."""
        try:
            path = self.target(rel)
            if not stat.S_ISDIR(os.lstat(path).st_mode):
                os.unlink(path)
                return True
        except (UnsafePath, FileNotFoundError, NotADirectoryError):
            pass
        return False


def write_file(output_root: Path, rel: str, data: bytes) -> bool:
    return SafeTree(output_root).write(rel, data)


def copy_file(output_root: Path, rel: str, source: Path) -> bool:
    return write_file(output_root, rel, source.read_bytes())


def list_files(output_root: Path) -> set[str]:
    """Every file under the output folder, hidden ones included, as posix paths relative to it."""
    return {rel for rel, _ in file_names(output_root, hidden=True)}


def prune(output_root: Path, owned: set[str] | frozenset[str], keep: set[str]) -> list[str]:
    """Delete the files of ours this build did not produce, then the folders left empty.
    `owned` holds only files Broadsheet wrote: nothing else is ever deleted."""
    tree = SafeTree(output_root)
    stale = sorted(rel for rel in owned - keep if tree.remove(rel))
    folders = {parent for rel in stale for parent in Path(rel).parents if parent.parts}
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        path = output_root / folder
        if not path.is_symlink() and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return stale


def target(output_root: Path, rel: str) -> Path:
    """The path of an output file, refused when it is not a plain path below the output folder."""
    return SafeTree(output_root).target(rel)
