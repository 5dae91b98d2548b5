"""PURE. What pages see of the site: links made under the base path, an article as every page but its
own sees it (seen_elsewhere), and the values every page may show (site_context).

Templates get plain values only, never an Article: a listing's template can show of an article only
what its teaser holds, a neighbouring page's template only what its link holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.model import Article, SiteIndex
from generator.months import long_date
from generator.site.index import IndexKey, index_key, term_slug
from generator.site.permalinks import ArticleUrl, output_path


class Urls:
    """Site paths ("/2014/03/") made into links under the base path and into output files."""

    def __init__(self, config: SiteConfig):
        self.base = config.base_path
        self.config = config
        self._terms: dict[tuple[str, str], dict[str, str]] = {}
        self.article = ArticleUrl(config)
        self.host = urlsplit(config.base_url).hostname or "localhost"  # without a port: feeds' tag: URIs

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


@dataclass(frozen=True, slots=True)
class Seen:
    """An article as everything but its own page sees it. The routes read any other article only through
    this (listings its teaser, neighbouring pages its link, the sitemap its path and date) and the index
    only through its key, so two versions of an article with equal views differ only on its own page."""

    index: IndexKey  # what build_index reads: whether and where it is listed, its groups, its messages
    path: str  # its page's site path: its sitemap entry, where its links point
    teaser: dict[str, Any]  # what a listing shows of it
    entry: dict[str, Any] | None  # what a feed shows of it; None when undated (feeds hold dated articles only)
    warnings: tuple[Diagnostic, ...]  # what a full build reports of it (load_all); the quick path does not
    aliases: tuple[tuple[str, ...], int | None]  # its redirect pages (site.redirects) and the line naming them

    def link(self) -> dict[str, str]:
        """What a neighbouring article's page shows of it."""
        return {"title": self.teaser["title"], "url": self.teaser["url"]}


def seen_elsewhere(article: Article, urls: Urls) -> Seen:
    """The single source of truth of what the other pages read of an article."""
    path = urls.article(article)
    date = article.date
    return Seen(
        index=index_key(article),
        path=path,
        teaser={
            "title": article.title,
            "url": urls.link(path),
            "summary": article.summary,
            "date": long_date(date) if date else "",
            "date_iso": date.isoformat() if date else "",
            "source": article.source,
        },
        entry=feed_entry(article, urls, path),
        warnings=article.warnings,
        aliases=(article.aliases, article.aliases_line),
    )


def feed_entry(article: Article, urls: Urls, path: str) -> dict[str, Any] | None:
    """An article as a feed entry shows it. Its id is a tag: URI of the site's host, the article's date and
    its link's path, so it never changes with the title. Its time is its date at 00:00 in the site's
    timezone. With `feed_content`, the key of its body: the feed's page shows the body, so an edit of
    the body is then not page-only."""
    if article.date is None:
        return None
    link = urls.link(path)
    time = dt.datetime.combine(article.date, dt.time(), ZoneInfo(urls.config.timezone)).isoformat()
    entry = {
        "title": article.title,
        "link": urls.absolute(path),
        "id": f"tag:{urls.host},{article.date.isoformat()}:{link}",
        "published": time,
        "authors": list(article.authors),
        "categories": list(article.tags),
        "summary": article.summary,
    }
    if urls.config.feed_content:
        entry.update(body_key=article.body_key, source=article.path)
    return entry


SeenElsewhere = Callable[[Article, Urls], Seen]  # seen_elsewhere, or a test's wider view


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
        "search_url": urls.link("/search/") if config.search else "",
    }
