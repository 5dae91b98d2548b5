"""Worker processes for the two heavy stages, parsing and rendering.

With N jobs this process is one of the N: it forks N - 1 workers and, while
they have enough work queued, takes a batch itself. The pool is forked at the
start of a build, while this process is still small, so the workers never carry
a copy of the site model: tasks go to them pickled (file names, batches of
routes) and only results come back. With one job it is a plain map here.

A worker that dies (killed, out of memory) stops the build with `WorkerDied`
instead of leaving it waiting for a result that will never come.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

QUEUED_PER_WORKER = 3  # batches waiting for each worker before this process takes one itself
_PR_SET_PDEATHSIG = 1


class WorkerDied(RuntimeError):
    """A worker process ended without returning its batch; the build cannot finish."""


def default_jobs(requested: int = 0) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


class Workers:
    """`map(function, batches)` across this process and forked ones, results in order; a context manager."""

    def __init__(self, jobs: int):
        forkable = "fork" in multiprocessing.get_all_start_methods()
        self.forked = jobs - 1 if jobs > 1 and forkable else 0
        self.pool: concurrent.futures.ProcessPoolExecutor | None = None
        if self.forked:
            self.pool = concurrent.futures.ProcessPoolExecutor(
                self.forked, mp_context=multiprocessing.get_context("fork"), initializer=_quiet_worker
            )
            self.pool.submit(os.getpid).result()  # fork the workers now, while this process is small

    def map(self, function: Callable[[T], R], batches: Iterable[T]) -> Iterator[R]:
        if self.pool is None:
            return map(function, batches)
        return self._shared_map(self.pool, function, batches)

    def _shared_map(
        self, pool: concurrent.futures.ProcessPoolExecutor, function: Callable[[T], R], batches: Iterable[T]
    ) -> Iterator[R]:
        pending: deque[Any] = deque()
        for batch in batches:
            if len(pending) < QUEUED_PER_WORKER * self.forked:
                pending.append(_submit(pool, function, batch))
            else:  # the workers are busy: rather than wait, work
                pending.append(_Done(function(batch)))
            while pending and pending[0].done():
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=cancel)
            self.pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None and exc[0] is not None:
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()  # an interrupted build does not wait for its workers' batches
        self.close(cancel=exc[0] is not None)


IN_PROCESS = Workers(1)


def _submit(pool: concurrent.futures.ProcessPoolExecutor, function: Callable[[T], R], batch: T) -> Any:
    try:
        return pool.submit(function, batch)
    except BrokenProcessPool as exc:
        raise WorkerDied(_died_message()) from exc


def _result(pending: Any) -> Any:
    try:
        return pending.result()
    except BrokenProcessPool as exc:
        raise WorkerDied(_died_message()) from exc


def _died_message() -> str:
    return "a worker process died before finishing its pages (killed, or out of memory); the build stopped"


class _Done:
    """A result computed in this process, queued in order with the workers' ones."""

    def __init__(self, value: Any):
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> Any:
        return self.value


def _quiet_worker() -> None:
    """Workers leave Ctrl+C to the parent and die quietly when the pool ends; they must not run
    the parent's handlers (the dev server's, for one), which they inherit through fork. On Linux a
    worker is also told to end when its parent dies, so a killed build leaves no orphans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
