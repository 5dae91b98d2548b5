"""Decodes and normalises the seeds that changed, across processes when there are many.

Each seed is pure work (bytes in, article and diagnostics out), so the result
does not depend on how the work is split; results come back in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from generator.diagnostics import Diagnostic, error
from generator.importer.decode import decode_bytes
from generator.importer.rules import Rules
from generator.model import NormalizedArticle, SeedText

PARALLEL_FROM = 200  # below this many seeds, starting workers costs more than it saves
CHUNK = 64


@dataclass(frozen=True)
class Job:
    rel: str  # the seed's name, relative to seeds/
    shown: str  # the path printed in diagnostics
    data: bytes
    sha256: str
    signature: tuple[int, int, int, int] = (-1, -1, -1, -1)  # the seed file's, for the import manifest
    settled: bool = False  # its bytes are those imported already: parsed only for its warnings


@dataclass(frozen=True)
class Prepared:
    job: Job
    article: NormalizedArticle | None
    notes: tuple[Diagnostic, ...]
    reason: str = ""  # why the seed is rejected, when article is None
    extra: dict[str, Any] | None = None  # front-matter keys kept from a Markdown seed
    document: str = ""  # the content file, rendered for the article's own slug
    doubts: tuple[Diagnostic, ...] = ()  # what a reviewer may want to check (the report's warnings), not problems


def prepare_all(jobs: list[Job], rules: Rules, processes: int = 0) -> Iterator[Prepared]:
    """Each job's result, in order; with many jobs, workers run ahead while the caller writes files."""
    processes = processes or os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (prepare(job, rules) for job in jobs)
        return
    chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
    pool = multiprocessing.get_context("fork").Pool(processes, initializer=_plain_worker)
    try:
        for chunk, part in zip(chunks, pool.imap(_prepare_chunk, ((chunk, rules) for chunk in chunks)), strict=True):
            yield from _rejoin(part, chunk)
    except BaseException:  # an error, or an import abandoned part way: stop the workers
        pool.terminate()
        raise
    else:
        pool.close()  # done: the workers end on their own, none is killed while it holds the queue's lock
    finally:
        pool.join()


def _plain_worker() -> None:
    """A worker dies on SIGTERM and leaves Ctrl+C to the parent. It must not run the handlers it inherits
    through fork: `serve` turns SIGTERM into KeyboardInterrupt, and a worker that caught it while waiting
    on the task queue's lock kept the pool, and the first build, waiting for ever."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepare_chunk(task: tuple[list[Job], Rules]) -> list[Prepared]:
    """In a worker: a chunk of jobs, sent to it with the rules as the task's argument."""
    chunk, rules = task
    return [_without_data(prepare(job, rules)) for job in chunk]


def _without_data(prepared: Prepared) -> Prepared:
    """The seed's bytes stay in the parent; sending them back would double the traffic."""
    return replace(prepared, job=replace(prepared.job, data=b""))


def _rejoin(part: list[Prepared], chunk: list[Job]) -> list[Prepared]:
    return [replace(prepared, job=job) for prepared, job in zip(part, chunk, strict=True)]


def prepare(job: Job, rules: Rules) -> Prepared:
    """One seed's bytes -> its article, or the reason it is rejected. Never raises."""
    try:
        return _prepare(job, rules)
    except Exception as exc:  # a bug must cost one seed, not the whole import
        reason = f"internal error while importing this seed ({type(exc).__name__}: {exc}); please report it"
        return Prepared(job, None, (error(job.shown, None, "internal-error", reason),), reason)


def _prepare(job: Job, rules: Rules) -> Prepared:
    # The normaliser and its word lists load on the first seed to parse: an import that changes nothing
    # settles every seed by a stat, and does not pay for them.
    from generator.importer.doubts import doubts
    from generator.importer.normalize import normalize_traced, seed_extra, to_document

    decoded = decode_bytes(job.data)
    if decoded.text is None:
        return Prepared(job, None, (error(job.shown, None, "rejected", decoded.reason),), decoded.reason)
    traced = normalize_traced(SeedText(job.rel, decoded.text, job.sha256), rules)
    article, notes = traced.article, traced.notes
    notes = tuple(replace(n, path=job.shown) for n in notes)
    if article is None:
        problems = [n for n in notes if n.severity == "error"]
        reason = problems[0].message if problems else "not an article"
        return Prepared(job, None, notes, reason)
    extra = seed_extra(decoded.text) if decoded.text.lstrip("\ufeff\n").startswith("---") else None
    found = doubts(job.shown, decoded.text, article, traced.body.caption_rule if traced.body else "")
    return Prepared(job, article, notes, extra=extra, document=to_document(article, extra), doubts=found)
