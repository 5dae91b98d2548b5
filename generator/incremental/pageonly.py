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
    content_root = config.content_path.resolve()
    positions = {article.path: i for i, article in enumerate(model.index.articles)}
    named = _folders_as_files(changed, content_root, config, positions.keys())
    if named is None:
        return None
    changed = named
    articles = list(model.index.articles)
    touched: list[int] = []
    problems: list[Diagnostic] = []
    for path in sorted(set(changed)):
        if content_root not in path.parents or path.suffix != ".md" or not path.is_file():
            return None
        shown = f"{config.content_dir}/{path.relative_to(content_root).as_posix()}"
        if shown not in positions:
            return None
        article, as_loaded = _reload(path, shown, cache)
        if isinstance(article, Diagnostic):
            problems.append(article)  # the last good version stays in the model and on disk
            continue
        old = articles[positions[shown]]
        if as_loaded and article == old:
            continue  # the very file the model was made from (events of the import's own writes, say)
        if not _differs_only_on_its_page(old, article, Urls(config)):
            return None
        articles[positions[shown]] = article
        touched.append(positions[shown])
    index = replace(model.index, articles=tuple(articles))
    urls = Urls(config)
    routes = tuple(article_page(index, i, urls) for i in touched)
    return PageOnlyEdit(Model(index, model.env, model.outputs), routes, tuple(problems))


def _reload(path: Path, shown: str, cache: ArticleCache) -> tuple[Article | Diagnostic, bool]:
    """The file's article, and whether the file is still exactly as when the cached article was read
    (same signature), so that the model, which was made from it, is current for it."""
    article, key, signature = cache.find(shown, str(path))
    if article is not None:
        return article, key == ""
    parsed = parse_bytes(path.read_bytes(), shown)
    if isinstance(parsed, Article):
        cache.put(shown, key, signature, parsed, now=True)
    return parsed, False


def _differs_only_on_its_page(old: Article, new: Article, urls: Urls) -> bool:
    return seen_elsewhere(old, urls) == seen_elsewhere(new, urls)


def _folders_as_files(
    changed: list[Path], content_root: Path, config: SiteConfig, known: Iterable[str]
) -> list[Path] | None:
    """The changed paths with each folder under content/ (a watcher names a new folder, not the files
    written into it) replaced by its content files; None when a folder's files are not the model's."""
    folders = [p for p in changed if (p == content_root or content_root in p.parents) and p.is_dir()]
    if not folders:
        return changed
    files = content_files(config)
    named = [p for p in changed if p not in folders]
    for folder in folders:
        prefix = f"{config.content_dir}/" + (
            "" if folder == content_root else folder.relative_to(content_root).as_posix() + "/"
        )
        inside = {shown: Path(full) for shown, full in files if shown.startswith(prefix)}
        if set(inside) != {shown for shown in known if shown.startswith(prefix)}:
            return None  # a file came, went or moved: more than pages of their own changed
        named += inside.values()
    return named
