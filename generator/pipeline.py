"""The spine: `import_seeds()` and `build()`, one call per stage."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.fsutil import sorted_file_names
from generator.importer import ingest
from generator.incremental import pageonly as incremental
from generator.incremental.bodystore import BodyStore
from generator.incremental.cache import ArticleCache, BuildStamp, PageCache, clear_cache, outputs_key
from generator.incremental.pageonly import Model
from generator.incremental.renderpool import Target, render_and_write
from generator.incremental.workers import Workers, default_jobs
from generator.model import BuildReport, ImportReport, WriteResult
from generator.site import theme
from generator.site.index import build_index
from generator.site.load import content_files, load_all
from generator.site.ownership import OutputFolder, WriteJournal, refuse_protected, survey
from generator.site.routes import Urls, iter_routes, route_count, site_context
from generator.site.sitelock import site_lock
from generator.site.write import prune

Progress = Callable[[int, int], None]
PARALLEL_FROM = 200  # articles; a smaller site builds faster in one process than it forks workers


@dataclass(frozen=True)
class RunOptions:
    """How to run against the site, beyond its settings: the lock, and what to start from."""

    wait: bool = True  # wait for another build of the site, or fail at once (SiteBusy)
    on_wait: Callable[[str], None] | None = None  # told once when waiting
    clean: bool = False  # empty the output folder before the first build
    no_cache: bool = False  # discard the cache before the first build


@dataclass(frozen=True)
class _Start:
    """What a build found before it began work."""

    started: float
    imported: ImportReport | None
    files: list[tuple[str, str]]
    stamp: BuildStamp
    folder: OutputFolder
    pending: frozenset[str] | None  # pages an interrupted build may have left unrecorded


def import_seeds(
    config: SiteConfig, paths=None, force: bool = False, dry_run: bool = False, options: RunOptions = RunOptions()
) -> ImportReport:
    if dry_run:  # writes nothing, so needs no lock (and leaves no lock file behind)
        return _import(config, paths, force, dry_run)
    with site_lock(config, options.wait, options.on_wait):
        return _import(config, paths, force, dry_run)


def _import(config: SiteConfig, paths=None, force: bool = False, dry_run: bool = False) -> ImportReport:
    return ingest.import_seeds(config, paths, force=force, dry_run=dry_run, today=build_date(config))


def build(
    config: SiteConfig, progress: Progress | None = None, with_import: bool = True, options: RunOptions = RunOptions()
) -> BuildReport:
    """One build: import new seeds, load every article, index them, render and write what changed."""
    return Builder(config, keep_model=False, options=options).build(progress, with_import)


def clean(config: SiteConfig, cache_only: bool = False, options: RunOptions = RunOptions()) -> list[str]:
    """Delete the cache and, unless `cache_only`, the files Broadsheet wrote into the output folder
    (never anything else there). Returns the output files removed."""
    with site_lock(config, options.wait, options.on_wait):
        removed = [] if cache_only else _remove_outputs(config)
        clear_cache(config)
        return removed


def _remove_outputs(config: SiteConfig) -> list[str]:
    folder = survey(config)
    removed = prune(folder.root, folder.owned, keep=set())
    WriteJournal(config, folder.root).remove_manifest()
    return removed


class Builder:
    """Holds the site model and caches between builds, so a watcher redoes only what changed.
    Each build and rebuild holds the site's lock while it runs."""

    def __init__(self, config: SiteConfig, keep_model: bool = True, options: RunOptions = RunOptions()):
        self.config = config
        self.keep_model = keep_model
        self.options = options
        self._articles: ArticleCache | None = None
        self.pages: PageCache | None = None
        self.model: Model | None = None

    @property
    def articles(self) -> ArticleCache:
        if self._articles is None:
            self._articles = ArticleCache.open(self.config)
        return self._articles

    def rebuild(self, changed: Iterable[Path], progress: Progress | None = None) -> BuildReport:
        """A build after the given files changed: the watcher's entry point.

        An edit that changes only what an article's own page shows (its body, caption, original URL
        or extra fields) re-renders that page alone. Anything else is a full build from the caches,
        re-importing seeds only when a seed changed."""
        changed = [Path(p).resolve() for p in changed]
        with self._locked():
            quick = incremental.page_only_edit(self.model, changed, self.config, self.articles) if self.model else None
            if quick is not None:
                return self._render_page_only(quick, frozenset())
            seeds = self.config.seeds_path.resolve()
            seed_changed = any(p == seeds or seeds in p.parents for p in changed)
            return self._build(progress, with_import=seed_changed)

    def build(self, progress: Progress | None = None, with_import: bool = True) -> BuildReport:
        refuse_protected(self.config)  # before the lock file is made: it may be the folder refused
        with self._locked():
            return self._build(progress, with_import)

    def _locked(self):
        return site_lock(self.config, self.options.wait, self.options.on_wait)

    def _build(self, progress: Progress | None, with_import: bool) -> BuildReport:
        start = self._start(with_import)
        shortcut = (
            not self.keep_model
            and not (start.imported and start.imported.diagnostics)
            and start.pending is None
            and start.folder.has_manifest
        )
        owned_key = outputs_key(set(start.folder.owned)) if shortcut else ""
        if shortcut and start.stamp.unchanged(owned_key):
            return _nothing_to_do(start)
        jobs = default_jobs(self.config.jobs) if len(start.files) >= PARALLEL_FROM else 1
        with Workers(jobs) as workers:  # forked now, before the caches are read, while this process is small
            if self._articles is None:  # the last clean build's index is read only if it can serve
                self._articles = ArticleCache.open(self.config, start.stamp.settings if shortcut else None)
            quick = self._quick_from_saved_model(start, owned_key) if shortcut else None
            if quick is not None:
                return replace(
                    quick,
                    imported=start.imported,
                    seconds=time.perf_counter() - start.started,
                    diagnostics=quick.diagnostics + _skipped(start),
                )
            return self._full_build(start, workers, progress)

    def _start(self, with_import: bool) -> _Start:
        """Before any work: refuse an output folder that is not ours, start clean if asked, import."""
        config, started = self.config, time.perf_counter()
        folder = survey(config, clean=self.options.clean)
        if self.options.no_cache:
            clear_cache(config)
            self._articles, self.pages = None, None
        self.options = replace(self.options, clean=False, no_cache=False)  # a watcher's later builds reuse
        imported = _import(config) if with_import and config.seeds_path.is_dir() else None
        files = content_files(config)
        stamp = BuildStamp.open(config, [full for _, full in files], theme_files(config))
        return _Start(started, imported, files, stamp, folder, WriteJournal.pending(config))

    def _full_build(self, start: _Start, workers: Workers, progress: Progress | None) -> BuildReport:
        config, folder = self.config, start.folder
        articles, load_problems = load_all(config, self.articles, workers, start.files)
        index, index_problems = build_index(articles, config.drafts, Urls(config).article)
        env = theme.environment(config, site_context(index, config))
        self.pages = PageCache.open(config, env, self.pages).without(start.pending)
        journal = WriteJournal(config, folder.root)
        routes, total, static = iter_routes(index, config), route_count(index, config), theme.static_files(config)
        target = Target(folder.owned, folder.foreign, journal)
        result = render_and_write(routes, env, static, config, self.pages, target, total, progress, workers)
        removed = prune(folder.root, folder.owned, keep=set(result.kept))
        outputs = (folder.owned | set(result.kept)) - set(removed)
        journal.write_manifest(outputs)
        BodyStore(config).prune({article.body_key for article in index.articles})
        self.pages.save(result.keys)
        imported = start.imported.diagnostics if start.imported else ()
        diagnostics = imported + load_problems + index_problems + result.diagnostics
        clean = not diagnostics and not self.keep_model
        key = outputs_key(set(outputs))
        self.articles.save(model={"settings": start.stamp.settings, "index": index, "outputs": key} if clean else None)
        self.model = Model(index, env, set(outputs)) if self.keep_model else None
        _remember(start.stamp, diagnostics, key, len(index.articles), total + len(result.static))
        journal.finish()
        return BuildReport(
            diagnostics=diagnostics,
            write=result.write_result(removed),
            articles=len(index.articles),
            pages=total + len(result.static),
            seconds=time.perf_counter() - start.started,
            imported=start.imported,
        )

    def _quick_from_saved_model(self, start: _Start, owned_key: str) -> BuildReport | None:
        """The command line's quick path: the watcher's page-only edit, against the index that the last
        clean build saved, when the code, config, theme and output folder are as that build left them."""
        saved = self.articles.saved_model
        if not saved or saved["settings"] != start.stamp.settings or saved["outputs"] != owned_key:
            return None
        changed = self.articles.changed_files(start.files)
        if not changed:
            return None
        env = theme.environment(self.config, site_context(saved["index"], self.config))
        self.pages = PageCache.open(self.config, env)
        edit = incremental.page_only_edit(
            Model(saved["index"], env, set(start.folder.owned)), [Path(p) for p in changed], self.config, self.articles
        )
        if edit is None:
            return None
        report = self._render_page_only(edit, start.folder.foreign)
        pages = route_count(saved["index"], self.config) + len(theme.static_files(self.config))
        _remember(start.stamp, report.diagnostics, owned_key, report.articles, pages)
        return replace(report, pages=pages)

    def _render_page_only(self, edit: incremental.PageOnlyEdit, foreign: frozenset[str]) -> BuildReport:
        started = time.perf_counter()
        assert self.pages is not None, "a page-only edit follows a build that opened the page cache"
        self.model = edit.model
        journal = WriteJournal(self.config, self.config.output_path.resolve())
        unfinished = WriteJournal.pending(self.config) is not None  # an earlier build's pages stay suspect
        target = Target(frozenset(self.model.outputs), foreign, journal)
        result = render_and_write(
            list(edit.routes), self.model.env, {}, replace(self.config, jobs=1), self.pages, target
        )
        self.pages.save({**self.pages.previous, **result.keys})
        if not unfinished:
            journal.finish()
        others = tuple(sorted(self.model.outputs - set(result.written)))
        return BuildReport(
            diagnostics=edit.diagnostics + result.diagnostics,
            write=WriteResult(tuple(sorted(result.written)), others, ()),
            articles=len(self.model.index.articles),
            pages=len(edit.routes),
            seconds=time.perf_counter() - started,
        )


def theme_files(config: SiteConfig) -> list[str]:
    """Every file of the theme chain: templates, static files, theme.toml."""
    return [full for folder in theme.theme_chain(config) for _, full in sorted_file_names(folder, ("",))]


def _nothing_to_do(start: _Start) -> BuildReport:
    last, imported = start.stamp.last, start.imported
    return BuildReport(
        diagnostics=(imported.diagnostics if imported else ()) + _skipped(start),
        write=WriteResult((), tuple(sorted(start.folder.owned)), ()),
        articles=last["articles"],
        pages=last["pages"],
        seconds=time.perf_counter() - start.started,
        imported=imported,
    )


def _skipped(start: _Start) -> tuple[Diagnostic, ...]:
    """The warnings for content entries that are not files: found by every walk, so never cached."""
    return tuple(getattr(start.files, "skipped", ()))


def _remember(stamp: BuildStamp, diagnostics, outputs: str, articles: int, pages: int) -> None:
    """Only a build without a single diagnostic may be skipped next time: problems are reported every build."""
    if diagnostics:
        stamp.forget()
    else:
        stamp.save(outputs, articles, pages)


def build_date(config: SiteConfig) -> dt.date | None:
    """The day the build stands on: from config or SOURCE_DATE_EPOCH, never the wall clock."""
    value = config.build_time
    if not value:
        return None
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date()
    return dt.datetime.fromisoformat(value).date()


__all__ = ["build", "import_seeds", "clean", "Builder", "RunOptions", "Diagnostic"]
