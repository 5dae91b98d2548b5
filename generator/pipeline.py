"""The spine: `import_seeds()`, `build()` and `clean()`, and the Builder that runs each build.

    seeds -import-> content/ -load-> articles -index-> SiteIndex -routes-> pages
          -render and write-> public/ -prune-> manifest -save-> .cache/

A build first asks what changed (generator.incremental): nothing (the stamp), only what some
articles' own pages show (re-render those pages), or anything else (the full build, from the caches).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.importer import ingest
from generator.incremental.bodystore import BodyStore
from generator.incremental.cache import ArticleCache, PageCache, SavedIndex
from generator.incremental.cachefiles import clear_cache, outputs_key
from generator.incremental.loading import load_all
from generator.incremental.pageonly import Model, PageOnlyEdit, page_only_edit
from generator.incremental.renderpool import RenderResult, Target, render_and_write
from generator.incremental.stamp import BuildStamp
from generator.incremental.workers import Workers, default_jobs
from generator.model import BuildReport, ImportReport, SearchReport, WriteResult
from generator.search.refresh import SearchJob, is_current, page_files, refresh, search_files
from generator.site import theme
from generator.site.discover import ContentFiles, content_files
from generator.site.index import build_index
from generator.site.ownership import OutputFolder, WriteJournal, refuse_protected, remove_outputs, survey
from generator.site.redirects import alias_problems
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
    import_warnings: bool = False  # the build's import lists every seed's warnings (build --import-report)


@dataclass(frozen=True)
class _Start:
    """What a build found before it began work."""

    started: float
    imported: ImportReport | None
    files: ContentFiles
    stamp: BuildStamp
    folder: OutputFolder
    pending: frozenset[str] | None  # pages an interrupted build may have left unrecorded

    @property
    def trusted(self) -> bool:
        """The output folder and the caches are as a finished build left them, and nothing needs reporting."""
        clean_import = not (self.imported and self.imported.diagnostics)
        return clean_import and self.pending is None and self.folder.has_manifest

    @functools.cached_property  # 40,000 names sorted and hashed once a build, not at every question
    def outputs_key(self) -> str:
        return outputs_key(page_files(self.folder.owned))  # the search stage vouches for its own files


def import_seeds(
    config: SiteConfig, paths=None, force: bool = False, dry_run: bool = False, options: RunOptions = RunOptions()
) -> ImportReport:
    if dry_run:  # writes nothing, so needs no lock (and leaves no lock file behind)
        return ingest.import_seeds(config, paths, force=force, dry_run=True, today=config.build_date())
    with site_lock(config, options.wait, options.on_wait):
        return ingest.import_seeds(config, paths, force=force, today=config.build_date())


def build(
    config: SiteConfig, progress: Progress | None = None, with_import: bool = True, options: RunOptions = RunOptions()
) -> BuildReport:
    """One build: import new seeds, load every article, index them, render and write what changed; then
    the search stage (which `serve` runs only after the browsers have reloaded)."""
    builder = Builder(config, options)
    report, found = builder.build(progress, with_import), builder.refresh_search()
    return replace(report, diagnostics=report.diagnostics + found.diagnostics, search=found)


def clean(config: SiteConfig, cache_only: bool = False, options: RunOptions = RunOptions()) -> list[str]:
    """Delete the cache and, unless `cache_only`, the files Broadsheet wrote into the output folder
    (never anything else there). Returns the output files removed."""
    with site_lock(config, options.wait, options.on_wait):
        removed = [] if cache_only else remove_outputs(config)
        clear_cache(config)
        return removed


class Builder:
    """Runs builds of one site and keeps what the last one made (`last`), so that the next build, a
    watcher's or the command line's, redoes only what changed. Each build holds the site's lock."""

    def __init__(self, config: SiteConfig, options: RunOptions = RunOptions()):
        self.config = config
        self.options = options
        self.articles: ArticleCache | None = None
        self.pages: PageCache | None = None
        self.last: Model | None = None
        self.stamped: tuple[str | None, frozenset[str]] = (None, frozenset())  # the last start's stamp, outputs

    def build(
        self, progress: Progress | None = None, with_import: bool = True, changed: Iterable[Path] | None = None
    ) -> BuildReport:
        """One build. `changed` names the files a watcher saw change since this Builder's last build;
        without it, every source is compared with the caches to find what changed."""
        refuse_protected(self.config)  # before the lock file is made: it may be the folder refused
        changed = None if changed is None else [Path(p).resolve() for p in changed]
        with site_lock(self.config, self.options.wait, self.options.on_wait):
            edit = self._edit_of(changed)  # what the watcher saw shows only on the edited articles' pages
            if edit is not None:
                self.stamped = (None, self.stamped[1])
                return self._render_edit(edit, frozenset(), time.perf_counter())
            start = self._start(with_import and self._seeds_changed(changed))  # survey, import, list content
            self.stamped = (start.stamp.key, start.folder.owned)
            watched = changed is not None  # a watcher's list outranks file signatures, which a quick save can keep
            if not watched and start.trusted and start.stamp.unchanged(start.outputs_key):
                return _nothing_to_do(start)
            with Workers(_jobs(self.config, start.files)) as workers:  # forked while this process is small
                if self.articles is None:  # read after the fork; the saved index only if it can serve
                    self.articles = ArticleCache.open(self.config, start.stamp.settings if start.trusted else None)
                edit = None if watched else self._edit_since_saved(start)  # the same test, by file signatures
                if edit is not None:
                    return self._render_edit(edit, start.folder.foreign, start.started, start)
                return self._full_build(start, workers, progress)

    def refresh_search(self) -> SearchReport:
        """The search stage, after a build: re-index the shards whose article pages changed, if any."""
        stamp, owned = self.stamped
        if self.last is None and is_current(self.config, stamp, owned):
            return SearchReport(0)  # nothing to do, after a search stage that finished
        self.load_last_build()
        with site_lock(self.config, self.options.wait, self.options.on_wait):
            if self.last is None or self.pages is None:  # no trusted model: the next build is a full one
                return SearchReport(0)
            report, outputs = refresh(SearchJob.after(self.config, self.last, self.pages, stamp))
            self.last = replace(self.last, outputs=outputs)
            return report

    def load_last_build(self) -> None:
        """Take the index the last clean build saved as this Builder's own, when it still holds, so that a
        watcher's first edit after a build that had nothing to do is as quick as the ones after it."""
        if self.last is None:
            with site_lock(self.config, self.options.wait, self.options.on_wait):
                start = self._start(with_import=False)
                self.last = self._saved_model(start) if start.trusted else None

    def _seeds_changed(self, changed: list[Path] | None) -> bool:
        seeds = self.config.seeds_path.resolve()
        return changed is None or any(p == seeds or seeds in p.parents for p in changed)

    def _start(self, with_import: bool) -> _Start:
        """Before any work: refuse an output folder that is not ours, start clean if asked, import."""
        config, started = self.config, time.perf_counter()
        folder = survey(config, clean=self.options.clean)
        if self.options.no_cache:
            clear_cache(config)
            self.articles, self.pages, self.last = None, None, None
        self.options = replace(self.options, clean=False, no_cache=False)  # a watcher's later builds reuse
        imported = (
            ingest.import_seeds(config, today=config.build_date(), warnings=self.options.import_warnings)
            if with_import and config.seeds_path.is_dir()
            else None
        )
        files = content_files(config)
        stamp = BuildStamp.open(config, [full for _, full in files], theme.theme_files(config))
        return _Start(started, imported, files, stamp, folder, WriteJournal.pending(config))

    def _edit_of(self, changed: list[Path] | None) -> PageOnlyEdit | None:
        if changed is None or self.last is None or self.articles is None:
            return None
        return page_only_edit(self.last, changed, self.config, self.articles)

    def _edit_since_saved(self, start: _Start) -> PageOnlyEdit | None:
        assert self.articles is not None
        if not start.trusted:
            return None
        changed = self.articles.changed_files(start.files)
        model = self._saved_model(start) if changed else None
        if model is None or not changed:
            return None
        return page_only_edit(model, [Path(p) for p in changed], self.config, self.articles)

    def _saved_model(self, start: _Start) -> Model | None:
        """The last build's model, kept by this Builder or saved by the last clean build, if the code,
        config, theme and output folder are still as that build left them."""
        if self.articles is None:
            self.articles = ArticleCache.open(self.config, start.stamp.settings)
        saved = self.articles.saved_index
        if saved is None or saved.settings != start.stamp.settings or saved.outputs != start.outputs_key:
            return None
        if self.last is not None and self.last.index is saved.index:
            return self.last
        env = theme.environment(self.config, site_context(saved.index, self.config))
        self.pages = PageCache.open(self.config, env)
        return Model(saved.index, env, start.folder.owned)

    def _full_build(self, start: _Start, workers: Workers, progress: Progress | None) -> BuildReport:
        config, folder = self.config, start.folder
        assert self.articles is not None, "opened in build()"
        articles, load_problems = load_all(config, self.articles, workers, start.files)
        index, index_problems = build_index(articles, config.drafts, Urls(config).article)
        env = theme.environment(config, site_context(index, config))
        self.pages = PageCache.open(config, env, self.pages).without(start.pending)
        journal = WriteJournal(config, folder.root)
        total, static = route_count(index, config), theme.static_files(config)
        target = Target(folder.owned, folder.foreign, journal)
        result = render_and_write(
            iter_routes(index, config), env, static, config, self.pages, target, total, progress, workers
        )
        removed = prune(folder.root, folder.owned, keep=set(result.kept) | search_files(folder.owned))
        outputs = (folder.owned | set(result.kept)) - set(removed)
        aliases = alias_problems(index, Urls(config))
        diagnostics = _imported_problems(start) + load_problems + index_problems + aliases + result.diagnostics
        self._save(start, Model(index, env, frozenset(outputs)), result, journal, diagnostics)
        return _report(
            start, diagnostics, result.write_result(removed), len(index.articles), total + len(result.static)
        )

    def _save(self, start: _Start, model: Model, result: RenderResult, journal: WriteJournal, problems) -> None:
        """The manifest, the caches and the stamp, each only after the files it vouches for are written."""
        assert self.articles is not None and self.pages is not None
        journal.write_manifest(model.outputs)
        BodyStore(self.config).prune({article.body_key for article in model.index.articles})
        self.pages.save(result.keys)
        key = outputs_key(page_files(model.outputs))
        self.articles.save(SavedIndex(start.stamp.settings, model.index, key) if not problems else None)
        self.last = model
        _remember(start.stamp, problems, key, len(model.index.articles), result_pages(model, self.config))
        journal.finish()

    def _render_edit(self, edit: PageOnlyEdit, foreign: frozenset[str], started: float, start: _Start | None = None):
        """Re-render the pages of the edited articles alone: every other page's inputs are unchanged."""
        config, pages = self.config, self.pages
        assert pages is not None, "a page-only edit follows a build or a load that opened the page cache"
        journal = WriteJournal(config, config.output_path.resolve())
        unfinished = WriteJournal.pending(config) is not None  # an earlier build's pages stay suspect
        target = Target(frozenset(edit.model.outputs), foreign, journal)
        result = render_and_write(list(edit.routes), edit.model.env, {}, replace(config, jobs=1), pages, target)
        pages.save({**pages.previous, **result.keys})
        if not unfinished:
            journal.finish()
        self.last = edit.model
        total, problems = result_pages(edit.model, config), edit.diagnostics + result.diagnostics
        if start is not None:
            _remember(start.stamp, problems, start.outputs_key, len(edit.model.index.articles), total)
        others = tuple(sorted(page_files(edit.model.outputs) - set(result.written)))
        write = WriteResult(tuple(sorted(result.written)), others, ())
        skipped = start.files.skipped if start else ()
        articles, seconds = len(edit.model.index.articles), time.perf_counter() - started
        return BuildReport(problems + skipped, write, articles, total, seconds, start.imported if start else None)


def result_pages(model: Model, config: SiteConfig) -> int:
    return route_count(model.index, config) + len(theme.static_files(config))


def _jobs(config: SiteConfig, files: ContentFiles) -> int:
    return default_jobs(config.jobs) if len(files) >= PARALLEL_FROM else 1


def _imported_problems(start: _Start) -> tuple[Diagnostic, ...]:
    return start.imported.diagnostics if start.imported else ()


def _report(start: _Start, diagnostics, write: WriteResult, articles: int, pages: int) -> BuildReport:
    return BuildReport(diagnostics, write, articles, pages, time.perf_counter() - start.started, start.imported)


def _nothing_to_do(start: _Start) -> BuildReport:
    last = start.stamp.last
    assert last is not None, "the stamp said unchanged"
    diagnostics = _imported_problems(start) + start.files.skipped
    write = WriteResult((), tuple(sorted(page_files(start.folder.owned))), ())
    return BuildReport(
        diagnostics, write, last.articles, last.pages, time.perf_counter() - start.started, start.imported
    )


def _remember(stamp: BuildStamp, diagnostics, outputs: str, articles: int, pages: int) -> None:
    """Only a build without a single diagnostic may be skipped next time: problems are reported every build."""
    stamp.save(outputs, articles, pages) if not diagnostics else stamp.forget()


__all__ = ["build", "import_seeds", "clean", "Builder", "RunOptions", "Diagnostic"]
