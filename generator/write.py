"""The only module that writes the output tree: atomic, byte-identical files skipped, stale files pruned."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .fsutil import write_if_changed


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


def prune(output_root: Path, keep: set[str]) -> list[str]:
    """Delete every file under the output folder that this build did not produce; then empty folders."""
    removed = []
    if not output_root.is_dir():
        return removed
    for folder, dirs, files in os.walk(output_root, topdown=False):
        for name in files:
            path = Path(folder, name)
            rel = path.relative_to(output_root).as_posix()
            if rel not in keep:
                path.unlink()
                removed.append(rel)
        if folder != str(output_root) and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed)


def clear(output_root: Path) -> None:
    shutil.rmtree(output_root, ignore_errors=True)
