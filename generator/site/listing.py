"""The output folder's file list, kept between builds and proven folder by folder with a stat.

Listing every folder of a x10 site (42,000 of them) costs a scandir each, about 0.6 s; a stat of each costs
a fifth of that. A folder's modification time changes whenever an entry is added to it, removed from it or
renamed in it, so a folder whose time is as recorded still holds the entries recorded, and only the others
are listed again. A folder changed within RACY_NS of its listing is recorded without a time (it is listed
again next time), so a change in the same clock tick as the listing is never missed. The saved listing is
only ever a hint checked against the folder: an interrupted build cannot make it lie.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from generator.fsutil import CODE_FINGERPRINT, read_keyed, write_keyed

RACY_NS = 2_000_000_000  # well above any file system's timestamp granularity
FILE_NAME = "output-listing.pickle"

# folder (relative, "" for the root) -> ((inode, mtime_ns) or None, its files' relative paths, its folders' names)
Listing = tuple[tuple[int, int] | None, tuple[str, ...], tuple[str, ...]]
Folders = dict[str, Listing]


def output_files(root: Path, cache: Path) -> set[str]:
    """Every file below `root` (hidden ones too; a symlink is a file, never entered), as posix paths
    relative to it, read from the saved listing where its folders are unchanged. Saves the new listing
    when any folder had to be listed again."""
    record = cache / FILE_NAME
    saved = read_keyed(record, _key(root), dict)
    files, folders, relisted = list_folders(str(root), saved or {})
    if relisted or saved is None or len(saved) != len(folders):
        try:
            write_keyed(record, _key(root), folders)
        except OSError:  # a read-only cache: the listing is still right, only slower next time
            pass
    return files


def list_folders(root: str, saved: Folders) -> tuple[set[str], Folders, bool]:
    """(every file, the listing now, whether any folder was listed again rather than taken as saved)."""
    files: set[str] = set()
    folders: Folders = {}
    relisted = False
    racy_from = time.time_ns() - RACY_NS
    pending = [""]
    while pending:
        rel = pending.pop()
        try:
            found = os.stat(os.path.join(root, rel) if rel else root)
        except (FileNotFoundError, NotADirectoryError):
            continue
        seen = (found.st_ino, found.st_mtime_ns)
        entry = saved.get(rel)
        if entry is None or entry[0] != seen:
            entry = _listed(root, rel, seen if found.st_mtime_ns < racy_from else None)
            relisted = True
            if entry is None:
                continue
        folders[rel] = entry
        files.update(entry[1])
        prefix = rel + "/" if rel else ""
        pending.extend(prefix + name for name in entry[2])
    return files, folders, relisted


def _listed(root: str, rel: str, seen: tuple[int, int] | None) -> Listing | None:
    """One folder's entries, read now (its time was taken before, so a change while reading is caught)."""
    prefix = rel + "/" if rel else ""
    try:
        entries = list(os.scandir(os.path.join(root, rel) if rel else root))
    except (FileNotFoundError, NotADirectoryError):
        return None
    files: list[str] = []
    folders: list[str] = []
    for entry in entries:
        (folders if _is_folder(entry) else files).append(entry.name)
    return seen, tuple(sorted(prefix + name for name in files)), tuple(sorted(folders))


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _key(root: Path) -> str:
    return f"{CODE_FINGERPRINT}:{root}"
