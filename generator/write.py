"""The only module that writes the output tree: atomic, byte-identical files skipped, stale files pruned."""
from __future__ import annotations

import shutil
from pathlib import Path

from .fsutil import file_names, write_if_changed


class UnsafePath(ValueError):
    """An output path that would land outside the output folder."""


def target(output_root: Path, rel: str) -> Path:
    parts = rel.split("/")
    if not rel or "\\" in rel or "\x00" in rel or any(p in ("", ".", "..") for p in parts):
        raise UnsafePath(f"refusing to write {rel!r}: not a plain path inside {output_root}")
    return output_root / rel


def write_file(output_root: Path, rel: str, data: bytes) -> bool:
    """Write one output file if its bytes changed. True if it was written."""
    return write_if_changed(target(output_root, rel), data)


def copy_file(output_root: Path, rel: str, source: Path) -> bool:
    return write_file(output_root, rel, source.read_bytes())


def list_files(output_root: Path) -> set[str]:
    """Every file under the output folder, hidden ones included, as posix paths relative to it."""
    return {rel for rel, _ in file_names(output_root, hidden=True)}


def prune(output_root: Path, existing: set[str], keep: set[str]) -> list[str]:
    """Delete the files this build did not produce, then the folders left empty."""
    stale = sorted(existing - keep)
    folders = set()
    for rel in stale:
        (output_root / rel).unlink(missing_ok=True)
        folders.update(Path(rel).parents)
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        path = output_root / folder
        if folder.parts and path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return stale


def clear(output_root: Path) -> None:
    shutil.rmtree(output_root, ignore_errors=True)
