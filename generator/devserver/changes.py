"""PURE. What a changed path means for the site (`classify_change`) and when a burst of changes
has settled enough to rebuild (`Debouncer`, driven by an injected clock)."""

from __future__ import annotations

import enum
import os
import time
from collections.abc import Callable
from pathlib import Path

from generator.config import BUNDLED_THEMES, SiteConfig


class ChangeKind(enum.Enum):
    CONTENT = "content"
    SEED = "seed"
    THEME = "theme"
    CONFIG = "config"
    IGNORED = "ignored"


def is_editor_scratch(name: str) -> bool:
    """Swap, backup, lock and probe files that editors write next to the file being saved."""
    return (
        name.endswith((".swp", ".swx", ".swo", "~", ".tmp", "___jb_tmp___", "___jb_old___"))
        or name == "4913"  # vim's probe for whether it may write in the folder
        or name.startswith((".#", "#"))  # Emacs lock and autosave files
    )


def classify_change(path: str | Path, config: SiteConfig, config_file: Path | None = None) -> ChangeKind:
    """The kind of change a path is; IGNORED for scratch files and for anything the build itself writes."""
    path = _absolute(path)
    if is_editor_scratch(path.name) or _within(path, _absolute(config.output_path), _absolute(config.cache_path)):
        return ChangeKind.IGNORED
    if path == _absolute(config_file or config.root / "site.toml"):
        return ChangeKind.CONFIG
    folders = (
        (ChangeKind.SEED, (config.seeds_path,)),
        (ChangeKind.CONTENT, (config.content_path,)),
        (ChangeKind.THEME, (config.root / "themes", BUNDLED_THEMES)),
    )
    for kind, roots in folders:
        for root in map(_absolute, roots):
            if _within(path, root):
                return ChangeKind.IGNORED if _hidden_below(path, root) else kind
    return ChangeKind.IGNORED


def _absolute(path: str | Path) -> Path:
    """An absolute, normalised path, worked out without touching the file system."""
    return Path(os.path.abspath(os.fsdecode(path)))


def _within(path: Path, *roots: Path) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _hidden_below(path: Path, root: Path) -> bool:
    """A dot-file or dot-folder below a watched root (.git, editor temp files): the build never reads it."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


class Debouncer:
    """Collects changes until none has arrived for a quiet period, or the oldest has waited `max_wait`.

    An editor's save touches one to three files and is rebuilt after `quiet`; once a batch holds
    `burst_size` files it is a bulk operation (a git checkout, an unpacked archive), and it waits for
    the longer `burst_quiet`, so a busy machine's pause mid-burst does not split it into two rebuilds.
    Pure and single-threaded: the caller holds any lock and supplies the clock.
    """

    def __init__(
        self,
        quiet: float = 0.1,
        max_wait: float = 5.0,
        burst_size: int = 10,
        burst_quiet: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.quiet, self.max_wait = quiet, max_wait
        self.burst_size, self.burst_quiet = burst_size, burst_quiet
        self.clock = clock
        self.pending: dict[Path, ChangeKind] = {}
        self.first_at = self.last_at = 0.0

    def add(self, path: Path, kind: ChangeKind) -> None:
        now = self.clock()
        if not self.pending:
            self.first_at = now
        self.pending[path] = kind
        self.last_at = now

    def wait_time(self) -> float | None:
        """Seconds until the pending batch is due (0 when due now); None when nothing is pending."""
        if not self.pending:
            return None
        now = self.clock()
        quiet = self.burst_quiet if len(self.pending) >= self.burst_size else self.quiet
        due = min(self.last_at + quiet, self.first_at + self.max_wait)
        return max(0.0, due - now)

    def take(self) -> dict[Path, ChangeKind]:
        batch, self.pending = self.pending, {}
        return batch


def describe_changes(batch: dict[Path, ChangeKind], root: Path) -> str:
    """`content/2014/03/a.md changed`, or `3 files changed (content: 2, theme: 1)` for a batch."""
    if len(batch) == 1:
        (path,) = batch
        return f"{_shown(path, root)} changed"
    counts: dict[str, int] = {}
    for kind in batch.values():
        counts[kind.value] = counts.get(kind.value, 0) + 1
    kinds = ", ".join(f"{name}: {count:,}" for name, count in sorted(counts.items()))
    return f"{len(batch):,} files changed ({kinds})"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
