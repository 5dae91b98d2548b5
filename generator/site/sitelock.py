"""One build at a time: a lock on the site, held for each build, import and rebuild.

A POSIX record lock (`fcntl.lockf`) on `<cache>/lock`: the kernel releases it when the holding
process dies, however it dies, so a killed build never leaves the site locked. Record locks are
not inherited by forked workers, so a worker that outlives its parent cannot hold the site.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import ConfigError, error


class SiteBusy(ConfigError):
    """Another process holds the site's lock and the caller asked not to wait (exit status 2)."""


def lock_path(config: SiteConfig) -> Path:
    return config.cache_path / "lock"


@contextlib.contextmanager
def site_lock(config: SiteConfig, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the site's lock for the block. With `wait`, wait for another holder (telling `on_wait`
    who it is, once); without it, raise SiteBusy."""
    path = lock_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        if not _try_lock(fd):
            holder = _holder(fd)
            if not wait:
                raise SiteBusy(
                    error(
                        str(path),
                        None,
                        "site-busy",
                        f"another Broadsheet process ({holder}) is building this site; "
                        "try again when it has finished, or leave out --no-wait to wait for it",
                    )
                )
            if on_wait:
                on_wait(f"waiting for another Broadsheet process ({holder}) to finish with this site…")
            fcntl.lockf(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _holder(fd: int) -> str:
    text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    return text if text.startswith("pid ") else "pid unknown"
