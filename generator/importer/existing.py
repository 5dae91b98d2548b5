"""What content/ already holds, for the importer: which content file each seed was imported into,
found from the files' own `seed:` fields (so no cache can make an import duplicate a seed), and
the temporary files that an interrupted import left behind."""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.contentfile import read_head, seed_fields

# fsutil.atomic_write's temporary name for content/…/<name>.md: `.<name>.md.<pid>.tmp`
_TEMP = re.compile(r"^\.(.+\.md)\.([1-9][0-9]{0,9})\.tmp$")
STALE_AFTER = 3600.0  # seconds: no write takes this long, so an older temporary file is left over


@dataclass(frozen=True)
class Existing:
    """What content/ already holds for one seed."""

    full: str  # the content file's path, as the scan found it
    seed_sha256: str
    slug: str

    @property
    def path(self) -> Path:
        return Path(self.full)


Signature = tuple[int, int, int, int]
Known = Mapping[str, tuple[Signature, str, Any]]  # full path -> (signature, seed name, manifest entry)


@dataclass(frozen=True)
class Content:
    existing: dict[str, Existing]  # seed name -> the content file imported from it
    duplicates: dict[str, tuple[Path, ...]]  # seed name -> the other content files that name it
    temporary: tuple[Path, ...]  # `.<name>.md.<pid>.tmp` files
    signatures: dict[str, Signature] = field(default_factory=dict)  # full path -> its signature at the scan


def scan_content(content_root: Path, known: Known | None = None) -> Content:
    """Map each seed name to the content file imported from it, reading only the front matter, and not
    even that of a file the import manifest knows (`known`) whose signature is as the manifest saw it."""
    markdown, temporary = _files(content_root)
    known = known or {}
    found: dict[str, Existing] = {}
    duplicates: dict[str, list[Path]] = {}
    signatures: dict[str, Signature] = {}
    for full, sig in markdown:
        signatures[full] = sig
        hit = known.get(full)
        if hit is not None and hit[0] == sig:
            seed, existing = hit[1], Existing(full, hit[2].sha256, hit[2].slug)
        else:
            entry = read_existing(Path(full))
            if entry is None:
                continue
            seed, existing = entry
        if seed in found:  # an older import's copy; the shorter name (`x.md` before `x-2.md`) is the import
            first, other = sorted((found[seed], existing), key=lambda e: (len(e.path.name), e.path))
            found[seed] = first
            duplicates.setdefault(seed, []).append(other.path)
        else:
            found[seed] = existing
    return Content(found, {k: tuple(v) for k, v in duplicates.items()}, tuple(temporary), signatures)


def read_existing(path: Path) -> tuple[str, Existing] | None:
    """The seed a content file was imported from, and what the importer keeps of it; None if none."""
    fields = seed_fields(read_head(path))
    seed = fields.get("seed", "")
    if not seed:
        return None
    return seed, Existing(str(path), fields.get("seed_sha256", ""), fields.get("slug", path.stem))


def _files(root: Path) -> tuple[list[tuple[str, Signature]], list[Path]]:
    """The `*.md` files below root (hidden names skipped), sorted by relative path, with their signatures,
    and our temporary files."""
    markdown: list[tuple[str, str, Signature]] = []
    temporary: list[Path] = []
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                if _TEMP.match(entry.name):
                    temporary.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, prefix + entry.name + "/"))
            elif entry.name.endswith(".md") and entry.is_file(follow_symlinks=False):  # never a pipe or a link
                info = entry.stat(follow_symlinks=False)
                sig = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
                markdown.append((prefix + entry.name, entry.path, sig))
    return [(full, sig) for _, full, sig in sorted(markdown)], sorted(temporary)


def is_stale(path: Path, now: float) -> bool:
    """A temporary file of ours that no live import is writing: its process is gone, or it is an hour old.
    Only a regular file (not a link) with our exact name pattern qualifies."""
    match = _TEMP.match(path.name)
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not match or not stat.S_ISREG(info.st_mode):
        return False
    return now - info.st_mtime > STALE_AFTER or not _alive(int(match.group(2)))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's live process, or we cannot tell: keep the file
    return True


def remove_stale(paths: tuple[Path, ...], now: float | None = None) -> list[Path]:
    """Delete the stale temporary files among paths; the ones removed."""
    now = time.time() if now is None else now
    removed = []
    for path in paths:
        if is_stale(path, now):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
