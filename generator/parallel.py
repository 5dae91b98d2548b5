"""Worker processes for the two heavy stages, parsing and rendering.

The pool is forked at the start of a build, while this process is still small,
so the workers never carry a copy of the site model: tasks go to them pickled
(file names, batches of routes) and only results come back. With one job it is
a plain map in this process.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs(requested: int = 0) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


class Workers:
    """`map(function, batches)` across forked processes, results in order; a context manager."""

    def __init__(self, jobs: int):
        forkable = "fork" in multiprocessing.get_all_start_methods()
        self.pool = multiprocessing.get_context("fork").Pool(jobs, _quiet_worker) if jobs > 1 and forkable else None

    def map(self, function: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        if self.pool is None:
            return map(function, batches)
        return self.pool.imap(function, batches)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None and exc[0] is not None:
            self.pool.terminate()
        self.close()


IN_PROCESS = Workers(1)


def _quiet_worker() -> None:
    """Workers leave Ctrl+C to the parent and die quietly when the pool ends; they must not run
    the parent's handlers (the dev server's, for one), which they inherit through fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
