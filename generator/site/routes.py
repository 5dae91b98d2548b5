"""PURE. The single home of URL policy, output paths and pagination: SiteIndex -> Route*.

Every page kind is one small function: the article pages and the site-wide files here, the listings in
listings.py, the values they are made of in views.py. Templates get plain values only.

An article's own page reads the Article. Every other page reads it only as `seen_elsewhere` makes it
(views.Seen): listings its teaser, the neighbouring article pages its link, the sitemap its path and date.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

from generator.config import SiteConfig
from generator.model import Article, Route, SiteIndex
from generator.months import long_date
from generator.site.feeds import feed_count, feed_links, feed_routes
from generator.site.listings import archive_overview, date_pages, paginate, term_pages
from generator.site.metadata import article_meta, canonical_url
from generator.site.permalinks import letter_page_count, sitemap_paths
from generator.site.redirects import alias_count, redirect_routes
from generator.site.search import search_route
from generator.site.sitemaps import news_sitemap, robots, sitemap_routes
from generator.site.views import Seen, SeenElsewhere, Urls, named_links, seen_elsewhere, site_context

__all__ = ["Urls", "article_page", "iter_routes", "make_routes", "paginate", "route_count", "site_context"]


def make_routes(index: SiteIndex, config: SiteConfig) -> list[Route]:
    return list(iter_routes(index, config))


def iter_routes(index: SiteIndex, config: SiteConfig, seen: SeenElsewhere = seen_elsewhere) -> Iterator[Route]:
    """Every page of the site, one at a time, so a build never holds them all; the sitemaps come last."""
    urls = Urls(config)
    views = [seen(a, urls) for a in index.articles]
    teasers = [view.teaser for view in views]
    per_page = config.per_page
    listed: list[str] = []
    feeds = functools.partial(feed_links, urls, index)
    everything = range(len(index.articles))
    kinds = (
        article_pages(index, urls, views),
        paginate(
            urls, "/", "Latest news", everything, teasers, per_page, "home", {"feeds": feeds("/", "", everything)}
        ),
        date_pages(index, urls, teasers, per_page),
        term_pages(index.tags, urls, teasers, per_page, "tags", "Tag", "Tags", feeds),
        term_pages(index.sources, urls, teasers, per_page, "sources", "Source", "Sources", feeds),
        term_pages(index.authors, urls, teasers, per_page, "authors", "Author", "Authors", feeds),
        term_pages(index.sections, urls, teasers, per_page, "sections", "Section", "Sections", feeds),
        paginate(urls, "/undated/", "Undated", index.undated, teasers, per_page, "list") if index.undated else (),
        (archive_overview(index, urls),),
    )
    made: set[str] = set()
    for route in itertools.chain.from_iterable(kinds):
        if route.url in made:  # build_index refuses articles that collide; this keeps any other pair to one page
            continue
        made.add(route.url)
        listed.append(route.url)
        yield route
    yield from (route for route in feed_routes(index, urls, views) if route.url not in made)
    yield Route("/404.html", "404.html", "404.html", {"page_title": "Page not found"})
    if config.search:  # outside `listed`: noindex, never in the sitemap
        yield search_route(index, urls)
    yield from redirect_routes(index, urls)  # not `listed`: no sitemap entry
    yield from sitemap_routes(listed, views, urls)
    news = news_sitemap(views, urls)
    if news:
        yield news
    yield robots(urls)


def route_count(index: SiteIndex, config: SiteConfig) -> int:
    """How many routes iter_routes yields, without making them (for progress; it runs on the quick path
    too, so it counts and makes no URL). permalinks.reserved_pages lists the same pages; a test holds
    both to the routes."""

    def pages(n: int, per_page: int = config.per_page) -> int:
        return max(1, -(-n // per_page))

    term_kinds = (index.tags, index.sources, index.authors, index.sections)
    listed = (
        len(index.articles)
        + pages(len(index.articles))
        + sum(pages(len(b.articles)) for b in index.years + index.months + index.days)
        + sum(
            1 + letter_page_count(terms) + sum(pages(len(t.articles)) for t in terms) for terms in term_kinds if terms
        )
        + (pages(len(index.undated)) if index.undated else 0)
        + 1  # the archive overview
    )
    unlisted = 2 + (1 if config.news_window_days else 0) + (1 if config.search else 0)  # 404, robots, news, search
    aliases = alias_count(index, Urls(config))
    return listed + feed_count(index, config.json_feed) + aliases + unlisted + len(sitemap_paths(listed, config))


def article_pages(index: SiteIndex, urls: Urls, views: list[Seen]) -> Iterator[Route]:
    last = len(index.articles) - 1
    return (
        _article_page(a, urls, views[i - 1] if i > 0 else None, views[i + 1] if i < last else None)
        for i, a in enumerate(index.articles)
    )


def article_page(index: SiteIndex, i: int, urls: Urls, seen: SeenElsewhere = seen_elsewhere) -> Route:
    """The page of the i-th article (newest first), with links to its neighbours."""
    articles = index.articles
    newer = seen(articles[i - 1], urls) if i > 0 else None
    older = seen(articles[i + 1], urls) if i + 1 < len(articles) else None
    return _article_page(articles[i], urls, newer, older)


def _article_page(article: Article, urls: Urls, newer: Seen | None, older: Seen | None) -> Route:
    path = urls.article(article)
    date = article.date
    context = {
        "page_title": article.title,
        "title": article.title,
        "url": urls.link(path),
        "canonical": canonical_url(article, urls, path),
        "meta": article_meta(article, urls, path),
        "date": long_date(date) if date else "",
        "date_iso": date.isoformat() if date else "",
        "day_url": urls.link(f"/{date:%Y/%m/%d}/") if date else "",
        "month_url": urls.link(f"/{date:%Y/%m}/") if date else "",
        "source": next(iter(named_links([article.source], urls, "sources")), None),
        "authors": named_links(article.authors, urls, "authors"),
        "section": next(iter(named_links([article.section], urls, "sections")), None),
        "caption": article.caption,
        "body_key": article.body_key,
        "summary": article.summary,
        "tags": named_links(article.tags, urls, "tags"),
        "original_url": article.original_url,
        "newer": newer.link() if newer else None,
        "older": older.link() if older else None,
        "extra": dict(article.extra),
    }
    return Route(path, urls.output(path), "article.html", context, source=article.path)
