"""The spine: `import_seeds()` and `build()`, one call per stage."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable

from . import incremental, ingest, theme
from .bodies import BodyStore
from .cache import ArticleCache, BuildStamp, PageCache, outputs_key
from .config import SiteConfig
from .diagnostics import Diagnostic
from .fsutil import sorted_file_names
from .incremental import Model
from .index import build_index
from .load import content_files, load_all
from .model import BuildReport, ImportReport, WriteResult
from .parallel import Workers, default_jobs
from .renderpool import render_and_write
from .routes import Urls, iter_routes, route_count, site_context
from .write import list_files, prune

Progress = Callable[[int, int], None]
PARALLEL_FROM = 200  # articles; a smaller site builds faster in one process than it forks workers


def import_seeds(config: SiteConfig, paths=None, force: bool = False, dry_run: bool = False) -> ImportReport:
    return ingest.import_seeds(config, paths, force=force, dry_run=dry_run, today=build_date(config))


def build(config: SiteConfig, progress: Progress | None = None, with_import: bool = True) -> BuildReport:
    """One build: import new seeds, load every article, index them, render and write what changed."""
    return Builder(config, keep_model=False).build(progress, with_import)


class Builder:
    """Holds the site model and caches between builds, so a watcher redoes only what changed."""

    def __init__(self, config: SiteConfig, keep_model: bool = True):
        self.config = config
        self.keep_model = keep_model
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
        quick = incremental.page_only_edit(self.model, changed, self.config, self.articles) if self.model else None
        if quick is not None:
            return self._render_page_only(quick)
        seeds = self.config.seeds_path.resolve()
        seed_changed = any(p == seeds or seeds in p.parents for p in changed)
        return self.build(progress, with_import=seed_changed)

    def build(self, progress: Progress | None = None, with_import: bool = True) -> BuildReport:
        config, started = self.config, time.perf_counter()
        imported = import_seeds(config) if with_import and config.seeds_path.is_dir() else None
        files = content_files(config)
        stamp = BuildStamp.open(config, [full for _, full in files], theme_files(config))
        existing = list_files(config.output_path)
        shortcut = not self.keep_model and not (imported and imported.diagnostics)
        existing_key = outputs_key(existing) if shortcut else ""
        if shortcut and stamp.unchanged(existing_key):
            return _nothing_to_do(stamp.last, existing, imported, started)
        jobs = default_jobs(config.jobs) if len(files) >= PARALLEL_FROM else 1
        with Workers(jobs) as workers:  # forked now, before the caches are read, while this process is small
            if self._articles is None:  # the last clean build's index is read only if it can serve
                self._articles = ArticleCache.open(config, stamp.settings if shortcut else None)
            quick = self._quick_from_saved_model(stamp, files, existing, existing_key) if shortcut else None
            if quick is not None:
                return replace(quick, imported=imported, seconds=time.perf_counter() - started)
            return self._full_build(config, started, imported, files, stamp, existing, workers, progress)

    def _full_build(self, config, started, imported, files, stamp, existing, workers, progress) -> BuildReport:
        articles, load_problems = load_all(config, self.articles, workers, files)
        index, index_problems = build_index(articles, config.drafts, Urls(config).article)
        env = theme.environment(config, site_context(index, config))
        self.pages = PageCache.open(config, env, self.pages)
        routes, total = iter_routes(index, config), route_count(index, config)
        result = render_and_write(routes, env, theme.static_files(config), config, self.pages, existing, total,
                                  progress, workers)
        removed = prune(config.output_path, existing, keep=set(result.kept))
        BodyStore(config).prune({article.body_key for article in index.articles})
        self.pages.save(result.keys)
        outputs = (existing | set(result.kept)) - set(removed)
        diagnostics = (imported.diagnostics if imported else ()) + load_problems + index_problems + result.diagnostics
        clean = not diagnostics and not self.keep_model
        key = outputs_key(outputs)
        self.articles.save(model={"settings": stamp.settings, "index": index, "outputs": key} if clean else None)
        self.model = Model(index, env, outputs) if self.keep_model else None
        _remember(stamp, diagnostics, key, len(index.articles), total + len(result.static))
        return BuildReport(
            diagnostics=diagnostics, write=result.write_result(removed), articles=len(index.articles),
            pages=total + len(result.static), seconds=time.perf_counter() - started, imported=imported,
        )

    def _quick_from_saved_model(self, stamp: BuildStamp, files, existing: set[str], existing_key: str,
                                ) -> BuildReport | None:
        """The command line's quick path: the watcher's page-only edit, against the index that the last
        clean build saved, when the code, config, theme and output folder are as that build left them."""
        saved = self.articles.saved_model
        if not saved or saved["settings"] != stamp.settings or saved["outputs"] != existing_key:
            return None
        changed = self.articles.changed_files(files)
        if not changed:
            return None
        env = theme.environment(self.config, site_context(saved["index"], self.config))
        self.pages = PageCache.open(self.config, env)
        edit = incremental.page_only_edit(Model(saved["index"], env, existing), [Path(p) for p in changed],
                                          self.config, self.articles)
        if edit is None:
            return None
        report = self._render_page_only(edit)
        pages = route_count(saved["index"], self.config) + len(theme.static_files(self.config))
        _remember(stamp, report.diagnostics, existing_key, report.articles, pages)
        return replace(report, pages=pages)

    def _render_page_only(self, edit: "incremental.PageOnlyEdit") -> BuildReport:
        started = time.perf_counter()
        self.model = edit.model
        result = render_and_write(list(edit.routes), self.model.env, {}, replace(self.config, jobs=1), self.pages,
                                  self.model.outputs)
        # Saved at once: a page written without its key on disk could later be taken for fresh.
        self.pages.save({**self.pages.previous, **result.keys})
        others = tuple(sorted(self.model.outputs - set(result.written)))
        return BuildReport(
            diagnostics=edit.diagnostics + result.diagnostics,
            write=WriteResult(tuple(sorted(result.written)), others, ()),
            articles=len(self.model.index.articles), pages=len(edit.routes),
            seconds=time.perf_counter() - started,
        )


def theme_files(config: SiteConfig) -> list[str]:
    """Every file of the theme chain: templates, static files, theme.toml."""
    return [full for folder in theme.theme_chain(config) for _, full in sorted_file_names(folder, ("",))]


def _nothing_to_do(last: dict, existing: set[str], imported: ImportReport | None, started: float) -> BuildReport:
    return BuildReport(
        diagnostics=imported.diagnostics if imported else (), write=WriteResult((), tuple(sorted(existing)), ()),
        articles=last["articles"], pages=last["pages"], seconds=time.perf_counter() - started, imported=imported,
    )


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
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date()
    return dt.datetime.fromisoformat(value).date()


__all__ = ["build", "import_seeds", "Builder", "Diagnostic"]
