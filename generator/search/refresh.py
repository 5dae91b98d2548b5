"""The search stage: after the pages are written, re-index the shards (months) whose article pages changed.

A shard's inputs key hashes the code, Pagefind's version, the page cache's fingerprint and, for each of
its article pages, the page's output path and page key (which hashes everything the page was rendered
from). A shard whose key matches the saved state, and whose files are all still in the output folder,
is left alone; the others are indexed again and their files written through the same journal, manifest
and `SafeTree` as the pages: a file that is not ours is never overwritten. The state file is deleted
before the first file is written and saved after the last, so an interrupted stage leaves no state a
later build would believe (and its journal makes the next build a full one).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, error
from generator.incremental.cachefiles import CODE_FINGERPRINT, content_key, read_keyed, write_keyed
from generator.incremental.workers import default_jobs
from generator.model import SearchReport, SiteIndex
from generator.search.bundles import build_bundles
from generator.site.ownership import WriteJournal
from generator.site.search import FOLDER, shard_of
from generator.site.views import Urls
from generator.site.write import SafeTree, UnsafePath, prune

_KIND = "search-state"
PAGEFIND_VERSION = version("pagefind-bin")


@dataclass(frozen=True)
class SearchState:
    """What the last finished search stage left: the build stamp it followed, each shard's key and files."""

    stamp: str | None
    shards: Mapping[str, tuple[str, tuple[str, ...]]]


@dataclass(frozen=True)
class SearchJob:
    """What the stage needs of the build before it: the index, the page keys, our output files."""

    config: SiteConfig
    index: SiteIndex
    page_keys: Mapping[str, str]
    fingerprint: str  # the page cache's
    owned: frozenset[str]
    stamp: str | None  # the build stamp's inputs key, when the build had one
    pending: bool  # an earlier build's journal is still there: leave it for the next full build

    @classmethod
    def after(cls, config: SiteConfig, model, pages, stamp: str | None) -> SearchJob:
        """The job after a build that left `model` (a pageonly.Model) and `pages` (its PageCache)."""
        pending = WriteJournal.pending(config) is not None
        return cls(config, model.index, pages.previous, pages.fingerprint, model.outputs, stamp, pending)


def search_files(outputs: frozenset[str] | set[str]) -> frozenset[str]:
    return frozenset(path for path in outputs if path.startswith(FOLDER + "/"))


def page_files(outputs: frozenset[str] | set[str]) -> frozenset[str]:
    """Our output files but the search index's: what the build stamp vouches for."""
    return frozenset(outputs) - search_files(outputs)


def is_current(config: SiteConfig, stamp: str | None, owned: frozenset[str]) -> bool:
    """The search files are as the stage left them after the build with this stamp."""
    if not config.search:
        return not search_files(owned)
    state = _read(config)
    if state is None or stamp is None or state.stamp != stamp:
        return False
    return search_files(owned) == {f for _, files in state.shards.values() for f in files}


def shard_inputs(job: SearchJob) -> dict[str, tuple[str, list[str]]]:
    """{shard: (inputs key, its article pages' output files)}, for every shard of the index."""
    urls, groups = Urls(job.config), {}  # type: ignore[var-annotated]
    for article in job.index.articles:
        groups.setdefault(shard_of(article), []).append(urls.output(urls.article(article)))
    seed = f"{CODE_FINGERPRINT}\0{PAGEFIND_VERSION}\0{job.fingerprint}"
    result = {}
    for shard, pages in sorted(groups.items()):
        pages.sort()
        keys = [job.page_keys.get(page) for page in pages]
        lines = [seed] + [f"{page}\0{key}" for page, key in zip(pages, keys, strict=True)]
        unkeyed = None in keys  # a page that failed to render, or was made from a newer body: indexed again
        result[shard] = ("" if unkeyed else content_key("\n".join(lines).encode()), pages)
    return result


def refresh(job: SearchJob) -> tuple[SearchReport, frozenset[str]]:
    """Re-index what changed; the report, and our output files after it."""
    started, config = time.perf_counter(), job.config
    state = _read(config) or SearchState(None, {})
    wanted = shard_inputs(job) if config.search else {}
    stale = [s for s, (key, _) in wanted.items() if not _still_good(state, s, key, job.owned)]
    kept = {s: state.shards[s] for s in wanted if s not in stale}
    old = search_files(job.owned)
    if not stale and old == _files_of(kept):
        if state.stamp != job.stamp or state.shards != kept:
            _save(config, SearchState(job.stamp, kept))
        return SearchReport(len(wanted), seconds=time.perf_counter() - started), job.owned
    _forget(config)
    root = config.output_path.resolve()
    journal = WriteJournal(config, root)
    written, diagnostics = _write_shards(job, {s: wanted[s] for s in stale}, kept, journal)
    removed = prune(root, old - _files_of(kept), keep=set())
    outputs = (job.owned - set(removed)) | _files_of(kept)
    journal.write_manifest(outputs)
    _save(config, SearchState(None if diagnostics else job.stamp, kept))
    if not job.pending:
        journal.finish()
    seconds = time.perf_counter() - started
    report = SearchReport(len(wanted), tuple(stale), tuple(written), tuple(removed), tuple(diagnostics), seconds)
    return report, frozenset(outputs)


def _write_shards(job: SearchJob, stale: dict, kept: dict, journal: WriteJournal) -> tuple[list, list]:
    """Index and write the stale shards; a shard written whole goes into `kept` with its key and files."""
    config, root = job.config, job.config.output_path.resolve()
    if not stale:  # only files to prune (search turned off, or a month with no articles left)
        return [], []
    try:
        shards, jobs = {s: pages for s, (_, pages) in stale.items()}, default_jobs(config.jobs)
        bundles = _bundles_retried(root, shards, config.cache_path / "search", jobs)
    except Exception as exc:  # the binary missing or failing: reported, and every shard stays stale
        return [], [error(FOLDER, None, "search-failed", f"the search index was not made: {exc}")]
    tree, written, problems = SafeTree(root), [], []
    for shard, files in bundles.items():
        paths = {f"{FOLDER}/{shard}/{rel}": data for rel, data in files.items()}
        in_the_way = sorted(p for p in paths if p not in job.owned and os.path.lexists(root / p))
        if in_the_way:
            problems += [_not_ours(p) for p in in_the_way]
            continue
        journal.record(sorted(paths), job.owned)
        try:
            written += [rel for rel, data in sorted(paths.items()) if tree.write(rel, data)]
        except UnsafePath as exc:
            problems.append(error(FOLDER, None, "unsafe-path", str(exc)))
            continue
        kept[shard] = (stale[shard][0], tuple(sorted(paths)))
    return written, problems


def _bundles_retried(root: Path, shards: dict[str, list[str]], scratch: Path, jobs: int) -> dict:
    """Pagefind's service, asked once more when its first run fails: a rare garbled answer on the pipe
    (seen about once in twenty small builds under load) should not leave a build without its index."""
    try:
        return build_bundles(root, shards, scratch, jobs)
    except Exception:
        return build_bundles(root, shards, scratch, jobs)


def _not_ours(path: str) -> Diagnostic:
    return error(
        path,
        None,
        "output-not-ours",
        f"search file {path} not written: a file Broadsheet did not write is in its place in the output "
        "folder (move it away, or build with --clean)",
    )


def _still_good(state: SearchState, shard: str, key: str, owned: frozenset[str]) -> bool:
    saved = state.shards.get(shard)
    return saved is not None and key != "" and saved[0] == key and all(f in owned for f in saved[1])


def _files_of(shards: Mapping[str, tuple[str, tuple[str, ...]]]) -> frozenset[str]:
    return frozenset(f for _, files in shards.values() for f in files)


def _state_path(config: SiteConfig) -> Path:
    return config.cache_path / "search.pickle"


def _read(config: SiteConfig) -> SearchState | None:
    return read_keyed(_state_path(config), CODE_FINGERPRINT + _KIND, SearchState)


def _save(config: SiteConfig, state: SearchState) -> None:
    write_keyed(
        _state_path(config), CODE_FINGERPRINT + _KIND, SearchState(state.stamp, dict(sorted(state.shards.items())))
    )


def _forget(config: SiteConfig) -> None:
    _state_path(config).unlink(missing_ok=True)
