"""The watcher's quick path: an edit that changes only what an article's own page shows.

After a full build the Builder keeps a `Model` (index, environment, output files). When
every changed file is an existing content file whose article looks the same as the
one in the model to every other page (views.seen_elsewhere, the only way the routes
read an article for any page but its own), the other pages' inputs are provably
unchanged, so only those articles' pages need rendering. Anything else (a new
or deleted file, a changed title, date or tag, a template, the config, a seed)
returns None and the Builder does a full build from its caches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.incremental.cache import ArticleCache
from generator.model import Article, Route, SiteIndex
from generator.site.discover import content_files
from generator.site.load import parse_bytes
from generator.site.routes import Urls, article_page
from generator.site.views import seen_elsewhere


@dataclass(frozen=True)
class Model:
    """What the last full build made, kept in memory between builds."""

    index: SiteIndex
    env: jinja2.Environment
    outputs: frozenset[str]


@dataclass(frozen=True)
class PageOnlyEdit:
    model: Model
    routes: tuple[Route, ...]
    diagnostics: tuple[Diagnostic, ...]


def page_only_edit(model: Model, changed: list[Path], config: SiteConfig, cache: ArticleCache) -> PageOnlyEdit | None:
    positions = {article.path: i for i, article in enumerate(model.index.articles)}
    named = _content_files_named(changed, config, positions.keys())
    if named is None:
        return None
    articles, urls = list(model.index.articles), Urls(config)
    touched: list[int] = []
    problems: list[Diagnostic] = []
    for shown, full in named:
        article, as_loaded = _reload(full, shown, cache)
        if isinstance(article, Diagnostic):
            problems.append(article)  # the last good version stays in the model and on disk
            continue
        old = articles[positions[shown]]
        if as_loaded and article == old:
            continue  # the very file the model was made from (events of the import's own writes, say)
        if not _differs_only_on_its_page(old, article, urls):
            return None
        articles[positions[shown]] = article
        touched.append(positions[shown])
    index = replace(model.index, articles=tuple(articles))
    routes = tuple(article_page(index, i, urls) for i in touched)
    return PageOnlyEdit(Model(index, model.env, model.outputs), routes, tuple(problems))


def _reload(path: str, shown: str, cache: ArticleCache) -> tuple[Article | Diagnostic, bool]:
    """The file's article, and whether the file is still exactly as when the cached article was read
    (same signature), so that the model, which was made from it, is current for it."""
    article, key, signature = cache.find(shown, path)
    if article is not None:
        return article, key == ""
    with open(path, "rb") as handle:
        parsed = parse_bytes(handle.read(), shown)
    if isinstance(parsed, Article):
        cache.put(shown, key, signature, parsed, now=True)
    return parsed, False


def _differs_only_on_its_page(old: Article, new: Article, urls: Urls) -> bool:
    return seen_elsewhere(old, urls) == seen_elsewhere(new, urls)


def _content_files_named(changed: list[Path], config: SiteConfig, known: Iterable[str]) -> list[tuple[str, str]] | None:
    """(shown name, path) of the content files the changed paths name, sorted, a folder under content/
    (a watcher names a new folder, not each file written into it) standing for the content files in it.
    None when a path is anything else (a new, gone or moved file, a template, a seed, the config)."""
    root, known = config.content_path.resolve(), set(known)
    named: dict[str, str] = {}
    for path in changed:
        inside = path == root or root in path.parents
        if inside and path.is_dir():
            prefix = f"{config.content_dir}/" + ("" if path == root else f"{path.relative_to(root).as_posix()}/")
            files = {shown: full for shown, full in content_files(config) if shown.startswith(prefix)}
            if set(files) != {shown for shown in known if shown.startswith(prefix)}:
                return None  # a file came, went or moved: more than pages of their own changed
            named.update(files)
            continue
        shown = f"{config.content_dir}/{path.relative_to(root).as_posix()}" if inside else ""
        if shown not in known or not path.is_file():
            return None
        named[shown] = str(path)
    return sorted(named.items())
