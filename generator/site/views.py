"""PURE. What pages see of the site: links made under the base path, an article's teaser, and the
values every page may show (site_context). Templates get plain values only, never an Article."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.config import SiteConfig
from generator.model import Article, SiteIndex
from generator.months import long_date
from generator.site.index import term_slug
from generator.site.permalinks import ArticleUrl, output_path


class Urls:
    """Site paths ("/2014/03/") made into links under the base path and into output files."""

    def __init__(self, config: SiteConfig):
        self.base = config.base_path
        self.config = config
        self._terms: dict[tuple[str, str], dict[str, str]] = {}
        self.article = ArticleUrl(config)

    def link(self, path: str) -> str:
        return self.base + path.lstrip("/")

    def absolute(self, path: str) -> str:
        return self.config.absolute_url(self.link(path))

    output = staticmethod(output_path)

    def term(self, kind: str, name: str) -> dict[str, str]:
        """The link to a tag, source, author or section page; one shared dict per name."""
        key = (kind, name)
        if key not in self._terms:
            self._terms[key] = {"name": name, "url": self.link(f"/{kind}/{term_slug(name)}/")}
        return self._terms[key]


def teaser(article: Article, urls: Urls) -> dict[str, Any]:
    return {
        "title": article.title,
        "url": urls.link(urls.article(article)),
        "summary": article.summary,
        "date": long_date(article.date) if article.date else "",
        "date_iso": article.date.isoformat() if article.date else "",
        "source": article.source,
    }


def neighbour(article: Article | None, urls: Urls) -> dict[str, str] | None:
    return {"title": article.title, "url": urls.link(urls.article(article))} if article else None


def named_links(names: Iterable[str], urls: Urls, kind: str) -> list[dict[str, str]]:
    return [urls.term(kind, n) for n in names if term_slug(n)]


def site_context(index: SiteIndex, config: SiteConfig) -> dict[str, Any]:
    """Values every page may show: the site's name and its navigation."""
    urls = Urls(config)
    return {
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base": urls.base,
        "home_url": urls.link("/"),
        "archive_url": urls.link("/archive/"),
        "tags_url": urls.link("/tags/"),
        "sources_url": urls.link("/sources/") if index.sources else "",
        "authors_url": urls.link("/authors/") if index.authors else "",
        "sections": [{"name": t.name, "url": urls.link(f"/sections/{t.slug}/")} for t in index.sections],
        "static_url": urls.link("/static/"),
    }
