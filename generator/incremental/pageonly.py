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

from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.incremental.cache import ArticleCache
from generator.model import Article, Route, SiteIndex
from generator.site.load import parse_bytes
from generator.site.routes import Urls, article_page
from generator.site.views import seen_elsewhere


@dataclass(frozen=True)
class Model:
    """What the last full build made, kept in memory between builds."""

    index: SiteIndex
    env: jinja2.Environment
    outputs: set[str]


@dataclass(frozen=True)
class PageOnlyEdit:
    model: Model
    routes: tuple[Route, ...]
    diagnostics: tuple[Diagnostic, ...]


def page_only_edit(model: Model, changed: list[Path], config: SiteConfig, cache: ArticleCache) -> PageOnlyEdit | None:
    content_root = config.content_path.resolve()
    positions = {article.path: i for i, article in enumerate(model.index.articles)}
    articles = list(model.index.articles)
    touched: list[int] = []
    problems: list[Diagnostic] = []
    for path in sorted(set(changed)):
        if content_root not in path.parents or path.suffix != ".md" or not path.is_file():
            return None
        shown = f"{config.content_dir}/{path.relative_to(content_root).as_posix()}"
        if shown not in positions:
            return None
        article = _reload(path, shown, cache)
        if isinstance(article, Diagnostic):
            problems.append(article)  # the last good version stays in the model and on disk
            continue
        old = articles[positions[shown]]
        if not _differs_only_on_its_page(old, article, Urls(config)):
            return None
        articles[positions[shown]] = article
        touched.append(positions[shown])
    index = replace(model.index, articles=tuple(articles))
    urls = Urls(config)
    routes = tuple(article_page(index, i, urls) for i in touched)
    return PageOnlyEdit(Model(index, model.env, model.outputs), routes, tuple(problems))


def _reload(path: Path, shown: str, cache: ArticleCache) -> Article | Diagnostic:
    article, key, signature = cache.find(shown, str(path))
    if article is not None:
        return article
    parsed = parse_bytes(path.read_bytes(), shown)
    if isinstance(parsed, Article):
        cache.put(shown, key, signature, parsed, now=True)
    return parsed


def _differs_only_on_its_page(old: Article, new: Article, urls: Urls) -> bool:
    return seen_elsewhere(old, urls) == seen_elsewhere(new, urls)
