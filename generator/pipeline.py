"""The spine: `import_seeds()` and `build()`, one call per stage."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Callable, Iterable

from . import ingest, theme
from .cache import ArticleCache, PageCache
from .config import SiteConfig
from .diagnostics import Diagnostic
from .index import build_index
from .load import load_all
from .model import BuildReport, ImportReport
from .parallel import default_jobs
from .renderpool import render_and_write
from .routes import make_routes, site_context
from .write import list_files, prune

Progress = Callable[[int, int], None]


def import_seeds(config: SiteConfig, paths=None, force: bool = False, dry_run: bool = False) -> ImportReport:
    return ingest.import_seeds(config, paths, force=force, dry_run=dry_run, today=build_date(config))


def build(config: SiteConfig, progress: Progress | None = None, with_import: bool = True) -> BuildReport:
    """One full build: import new seeds, load every article, index them, render and write what changed."""
    return Builder(config).build(progress, with_import)


class Builder:
    """Holds the caches between builds, so a long-running watcher reloads only what changed."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.articles = ArticleCache.open(config)
        self.pages: PageCache | None = None

    def rebuild(self, changed: Iterable[Path], progress: Progress | None = None) -> BuildReport:
        """A build after the given files changed (the watcher's entry point): seeds are re-imported only
        when a seed changed; everything else comes from the caches held in memory."""
        seeds = self.config.seeds_path.resolve()
        seed_changed = any(seeds in Path(p).resolve().parents for p in changed)
        return self.build(progress, with_import=seed_changed)

    def build(self, progress: Progress | None = None, with_import: bool = True) -> BuildReport:
        config, started = self.config, time.perf_counter()
        imported = import_seeds(config) if with_import and config.seeds_path.is_dir() else None
        articles, load_problems = load_all(config, self.articles, default_jobs(config.jobs))
        index, index_problems = build_index(articles, include_drafts=config.drafts)
        routes = make_routes(index, config)
        env = theme.environment(config, site_context(index, config))
        self.pages = PageCache.open(config, env, self.pages)
        existing = list_files(config.output_path)
        result = render_and_write(routes, env, theme.static_files(config), config, self.pages, existing, progress)
        removed = prune(config.output_path, existing, keep=set(result.kept))
        self.pages.save(result.keys)
        self.articles.save()
        diagnostics = (imported.diagnostics if imported else ()) + load_problems + index_problems + result.diagnostics
        return BuildReport(
            diagnostics=diagnostics, write=result.write_result(removed), articles=len(index.articles),
            pages=len(routes) + len(result.static), seconds=time.perf_counter() - started, imported=imported,
        )


def build_date(config: SiteConfig) -> dt.date | None:
    """The day the build stands on: from config or SOURCE_DATE_EPOCH, never the wall clock."""
    value = config.build_time
    if not value:
        return None
    if value.isdigit():
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc).date()
    return dt.datetime.fromisoformat(value).date()


__all__ = ["build", "import_seeds", "Builder", "Diagnostic"]
