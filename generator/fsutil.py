"""Small file-system helpers shared by the modules that write: atomic writes and sorted walks."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so no reader ever sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, keeping the mtime of an unchanged file. True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    atomic_write(path, data)
    return True


def sorted_files(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file below root with one of the suffixes, hidden ones skipped, in a stable order."""
    found: list[tuple[str, str]] = []
    base = str(root)
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = os.path.relpath(folder, base).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        found.extend((prefix + f, os.path.join(folder, f)) for f in files
                     if f.endswith(suffixes) and not f.startswith("."))
    return [Path(full) for _, full in sorted(found)]


def sorted_file_names(root: Path, suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """(posix path relative to root, full path) for every file below root with one of the suffixes,
    hidden ones skipped, sorted by relative path. Plain strings: cheap for tens of thousands of files."""
    found: list[tuple[str, str]] = []
    base = str(root)

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                walk(entry.path, prefix + entry.name + "/")
            elif entry.name.endswith(suffixes):
                found.append((prefix + entry.name, entry.path))

    walk(base, "")
    return sorted(found)
