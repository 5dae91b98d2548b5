"""Worker processes for the two heavy stages, parsing and rendering.

With N jobs this process is one of the N: it forks N - 1 workers and, while
they have enough work queued, takes a batch itself. The pool is forked at the
start of a build, while this process is still small, so the workers never carry
a copy of the site model: tasks go to them pickled (file names, batches of
routes) and only results come back. With one job it is a plain map here.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs(requested: int = 0) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


QUEUED_PER_WORKER = 3  # batches waiting for each worker before this process takes one itself


class Workers:
    """`map(function, batches)` across this process and forked ones, results in order; a context manager."""

    def __init__(self, jobs: int):
        forkable = "fork" in multiprocessing.get_all_start_methods()
        self.forked = jobs - 1 if jobs > 1 and forkable else 0
        self.pool = multiprocessing.get_context("fork").Pool(self.forked, _quiet_worker) if self.forked else None

    def map(self, function: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        if self.pool is None:
            return map(function, batches)
        return self._shared_map(function, batches)

    def _shared_map(self, function: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        pending: deque = deque()
        for batch in batches:
            if len(pending) < QUEUED_PER_WORKER * self.forked:
                pending.append(self.pool.apply_async(function, (batch,)))
            else:  # the workers are busy: rather than wait, work
                pending.append(_Done(function(batch)))
            while pending and pending[0].ready():
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

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


class _Done:
    """A result computed in this process, queued in order with the workers' ones."""

    def __init__(self, value):
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self):
        return self.value


def _quiet_worker() -> None:
    """Workers leave Ctrl+C to the parent and die quietly when the pool ends; they must not run
    the parent's handlers (the dev server's, for one), which they inherit through fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
