"""Order-preserving map across forked processes, for the two heavy stages (parse and render).

The function and its items are put in a module global before the fork, so the
workers inherit them instead of receiving them pickled; only results travel back.
With one job, or little work, it is a plain map in this process.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_WORK: dict = {}


def default_jobs(requested: int = 0) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


def fork_map(function: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int, chunk: int) -> Iterator[R]:
    """`function(items[a:b])` for consecutive chunks, results in order."""
    bounds = [(start, min(start + chunk, len(items))) for start in range(0, len(items), chunk)]
    if jobs <= 1 or len(bounds) <= 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (function(items[a:b]) for a, b in bounds)
        return
    _WORK.update(function=function, items=items)
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(bounds)), _quiet_worker) as pool:
            yield from pool.imap(_run, bounds)
    finally:
        _WORK.clear()


def _quiet_worker() -> None:
    """Workers leave Ctrl+C to the parent and die quietly when the pool ends; they must not run
    the parent's handlers (the dev server's, for one), which they inherit through fork."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run(bounds: tuple[int, int]):
    return _WORK["function"](_WORK["items"][bounds[0]:bounds[1]])


def fork_imap(function: Callable[[T], R], batches: Iterable[T], jobs: int) -> Iterator[R]:
    """`function(batch)` for each batch of a lazily made stream, results in order.

    A pool is forked only once there are at least two batches; its feeder pulls the
    stream as the workers keep up, so the stream is never held in memory whole.
    """
    stream = iter(batches)
    head = list(itertools.islice(stream, 2))
    if jobs <= 1 or len(head) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(function, itertools.chain(head, stream))
        return
    _WORK.update(function=function)
    try:
        with multiprocessing.get_context("fork").Pool(jobs, _quiet_worker) as pool:
            yield from pool.imap(_run_batch, itertools.chain(head, stream))
    finally:
        _WORK.clear()


def _run_batch(batch):
    return _WORK["function"](batch)
