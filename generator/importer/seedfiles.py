"""Finding and reading seed files. Seeds are read, never followed.

A regular file under seeds/ is a seed. A symbolic link is one only when it points at a regular
file inside the site (or inside the seeds folder, when that lives elsewhere); a link out of the
site is refused, so an import never publishes a file from elsewhere. Named pipes, sockets,
devices, dangling links and unreadable files are skipped with a warning: never opened (a pipe
would hang the import), never a traceback. Hidden names are skipped, as everywhere.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic, warning

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISDIR, "a folder"),
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Unreadable:
    """Why a seed file was not read: skipped with a warning, or rejected (too big) with an error."""

    reason: str
    skipped: bool = True


@dataclass(frozen=True)
class SeedFiles:
    """Where seeds may be, and how their paths are shown in diagnostics."""

    seeds_root: Path
    allowed: tuple[str, ...]  # real folders a link may point into: the site's and the seeds folder's
    shown: Callable[[Path], str]

    @classmethod
    def of(cls, seeds_root: Path, site_root: Path, shown: Callable[[Path], str]) -> SeedFiles:
        return cls(seeds_root, (os.path.realpath(site_root), os.path.realpath(seeds_root)), shown)

    def find(self) -> tuple[list[Path], list[Diagnostic]]:
        """Every seed below the seeds folder, sorted by relative path, and a warning per skipped file."""
        found, notes = self.find_named()
        return [Path(full) for _, full in found], notes

    def find_named(self) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
        """find(), as (name relative to the seeds folder, full path) pairs: no Path made per seed."""
        found: list[tuple[str, str]] = []
        notes: list[Diagnostic] = []
        self._walk(str(self.seeds_root), "", found, notes)
        return sorted(found), notes

    def check(self, paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
        """The given seed paths that are seeds, and a warning per one that is not."""
        kept: list[Path] = []
        notes: list[Diagnostic] = []
        for path in paths:
            problem = self.problem(str(path))
            if problem:
                notes.append(warning(self.shown(path), None, "not-a-seed", problem))
            else:
                kept.append(path)
        return kept, notes

    def _walk(self, folder: str, prefix: str, found: list[tuple[str, str]], notes: list[Diagnostic]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except FileNotFoundError:
            return
        except OSError as exc:
            notes.append(
                warning(
                    self.shown(Path(folder)),
                    None,
                    "not-a-seed",
                    f"cannot read the folder ({exc.strerror or exc}); skipped",
                )
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                self._walk(entry.path, prefix + entry.name + "/", found, notes)
                continue
            problem = "" if entry.is_file(follow_symlinks=False) else self.problem(entry.path)
            if problem:
                notes.append(warning(self.shown(Path(entry.path)), None, "not-a-seed", problem))
            else:
                found.append((prefix + entry.name, entry.path))

    def problem(self, path: str) -> str:
        """Why the file at path is not a seed, or "" when it is one. Looks, never opens."""
        try:
            mode = os.lstat(path).st_mode
        except OSError as exc:
            return f"cannot read the file ({exc.strerror or exc}); skipped"
        if stat.S_ISLNK(mode):
            return self._link_problem(path)
        return "" if stat.S_ISREG(mode) else f"not a regular file ({_kind(mode)}); skipped"

    def _link_problem(self, path: str) -> str:
        target = os.path.realpath(path)
        if not any(target == root or target.startswith(root.rstrip(os.sep) + os.sep) for root in self.allowed):
            return f"a symbolic link to {target}, outside the site; refused"
        try:
            mode = os.stat(target).st_mode
        except OSError:  # dangling, or a loop of links
            return "a symbolic link to nothing; skipped"
        if stat.S_ISREG(mode):
            return ""
        return f"a symbolic link to {_kind(mode)}, not to a file; skipped"


def read_seed(path: Path | str, limit: int) -> bytes | Unreadable:
    """The bytes of a seed file, opened without following a link, never blocking, at most limit bytes."""
    real = os.path.realpath(path) if os.path.islink(path) else str(path)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        return Unreadable(f"cannot read the file ({exc.strerror or exc}); skipped")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Unreadable(f"not a regular file ({_kind(info.st_mode)}); skipped")
        if info.st_size > limit:
            return Unreadable(
                f"the file is {info.st_size:,} bytes, over the limit of {limit:,} bytes (max_seed_bytes in site.toml)",
                skipped=False,
            )
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            return Unreadable(f"cannot read the file ({exc.strerror or exc}); skipped")
    if len(data) > limit:  # it grew while being read
        return Unreadable(f"the file is over the limit of {limit:,} bytes (max_seed_bytes in site.toml)", skipped=False)
    return data


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")
