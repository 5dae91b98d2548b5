"""Quarantine: a seed that cannot be imported is copied to `.broadsheet/quarantine/<seed name>`, with
`<name>.diagnostics.txt` beside it saying why; once the seed imports, its copy is removed.

Quarantine writes and deletes only the files it made: their names are kept in `.broadsheet/quarantine/
.written` (one JSON string a line, rewritten whole through a rename). A file already there that the list
does not name (someone's own) is never overwritten or deleted: that seed is reported, not copied.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, warning
from generator.fsutil import atomic_write, write_if_changed

FOLDER = Path(".broadsheet") / "quarantine"
LIST = ".written"
SUFFIX = ".diagnostics.txt"


@dataclass(frozen=True)
class Held:
    """A seed to quarantine: its name, where it is, and why it cannot be imported."""

    seed: str
    path: Path
    notes: tuple[Diagnostic, ...]


def quarantine_path(config: SiteConfig) -> Path:
    return config.root / FOLDER


def update(config: SiteConfig, held: Iterable[Held], imported: Iterable[str], shown: str) -> list[Diagnostic]:
    """Copy the held seeds in, remove the copies of seeds that imported; a warning per copy refused."""
    root = quarantine_path(config)
    written = _read_list(root)
    before, notes = set(written), []
    for item in held:
        problem = _copy(root, item, written)
        if problem:
            notes.append(warning(shown + "/" + item.seed, None, "quarantine-refused", problem))
    for seed in imported:
        for name in (seed, seed + SUFFIX):
            if name in written:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(root / name)
                written.discard(name)
    if written != before:
        _write_list(root, written)
    return notes


def _copy(root: Path, item: Held, written: set[str]) -> str:
    names = (item.seed, item.seed + SUFFIX)
    foreign = [n for n in names if n not in written and os.path.lexists(root / n)]
    if foreign:
        return f"not quarantined: {FOLDER.as_posix()}/{foreign[0]} is not a file Broadsheet wrote"
    _record(root, written, names)  # listed before it is written: a stopped import leaves nothing unlisted
    target = root / item.seed
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        if not _same_file(os.path.realpath(item.path), target):  # a later import of the same seed writes nothing
            shutil.copyfile(os.path.realpath(item.path), tmp)
            os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return f"not quarantined: cannot copy the seed ({exc.strerror or exc})"
    text = "".join(f"{d}\n" for d in item.notes) or "this seed could not be imported\n"
    write_if_changed(root / (item.seed + SUFFIX), text.encode("utf-8"))
    return ""


def _same_file(source: str, copy: Path) -> bool:
    try:
        return os.path.getsize(source) == os.path.getsize(copy) and filecmp.cmp(source, copy, shallow=False)
    except OSError:
        return False


def _record(root: Path, written: set[str], names: tuple[str, ...]) -> None:
    if not all(n in written for n in names):
        written.update(names)
        _write_list(root, written)


def _read_list(root: Path) -> set[str]:
    try:
        text = (root / LIST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    names = set()
    for line in text.splitlines():
        with contextlib.suppress(ValueError):
            name = json.loads(line)
            if isinstance(name, str) and name and not name.startswith("/") and ".." not in name.split("/"):
                names.add(name)
    return names


def _write_list(root: Path, written: set[str]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    atomic_write(root / LIST, "".join(json.dumps(n) + "\n" for n in sorted(written)).encode("utf-8"))
