"""PURE. The single home of URL policy, output paths and pagination: SiteIndex -> Route*.

Every page kind is one small function. Templates get plain values only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from generator.config import SiteConfig
from generator.model import Article, Route, SiteIndex, Term
from generator.months import long_date, month_name
from generator.site.index import term_slug
from generator.site.permalinks import ArticleUrl, output_path, page_paths, period_path, period_title


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


def make_routes(index: SiteIndex, config: SiteConfig) -> list[Route]:
    return list(iter_routes(index, config))


def iter_routes(index: SiteIndex, config: SiteConfig) -> Iterator[Route]:
    """Every page of the site, one at a time, so a build never holds them all; the sitemap comes last."""
    urls = Urls(config)
    teasers = [_teaser(a, urls) for a in index.articles]
    per_page = config.per_page
    listed: list[str] = []
    kinds = (
        article_pages(index, urls),
        paginate(urls, "/", "Latest news", range(len(index.articles)), teasers, per_page, "home"),
        date_pages(index, urls, teasers, per_page),
        term_pages(index.tags, urls, teasers, per_page, "tags", "Tag", "Tags"),
        term_pages(index.sources, urls, teasers, per_page, "sources", "Source", "Sources"),
        term_pages(index.authors, urls, teasers, per_page, "authors", "Author", "Authors"),
        term_pages(index.sections, urls, teasers, per_page, "sections", "Section", "Sections"),
        paginate(urls, "/undated/", "Undated", index.undated, teasers, per_page, "list") if index.undated else (),
        (archive_overview(index, urls),),
    )
    seen: set[str] = set()
    for route in itertools.chain.from_iterable(kinds):
        if route.url in seen:  # build_index refuses articles that collide; this keeps any other pair to one page
            continue
        seen.add(route.url)
        listed.append(route.url)
        yield route
    yield Route("/404.html", "404.html", "404.html", {"page_title": "Page not found"})
    yield sitemap(listed, index, urls)
    yield Route("/robots.txt", "robots.txt", "robots.txt", {"sitemap_url": urls.absolute("/sitemap.xml")})


def route_count(index: SiteIndex, config: SiteConfig) -> int:
    """How many routes iter_routes yields, without making them (for progress)."""

    def pages(n: int) -> int:
        return max(1, -(-n // config.per_page))

    buckets = index.years + index.months + index.days
    term_kinds = (index.tags, index.sources, index.authors, index.sections)
    return (
        len(index.articles)
        + pages(len(index.articles))
        + sum(pages(len(b.articles)) for b in buckets)
        + sum(1 + sum(pages(len(t.articles)) for t in terms) for terms in term_kinds if terms)
        + (pages(len(index.undated)) if index.undated else 0)
        + 4
    )


def _teaser(article: Article, urls: Urls) -> dict[str, Any]:
    return {
        "title": article.title,
        "url": urls.link(urls.article(article)),
        "summary": article.summary,
        "date": long_date(article.date) if article.date else "",
        "date_iso": article.date.isoformat() if article.date else "",
        "source": article.source,
    }


def _named_links(names: Iterable[str], urls: Urls, kind: str) -> list[dict[str, str]]:
    return [urls.term(kind, n) for n in names if term_slug(n)]


def article_pages(index: SiteIndex, urls: Urls) -> Iterator[Route]:
    return (article_page(index, i, urls) for i in range(len(index.articles)))


def article_page(index: SiteIndex, i: int, urls: Urls) -> Route:
    """The page of the i-th article (newest first), with links to its neighbours."""
    articles = index.articles
    article = articles[i]
    path = urls.article(article)
    date = article.date
    context = {
        "page_title": article.title,
        "title": article.title,
        "url": urls.link(path),
        "canonical": urls.absolute(path),
        "date": long_date(date) if date else "",
        "date_iso": date.isoformat() if date else "",
        "day_url": urls.link(f"/{date:%Y/%m/%d}/") if date else "",
        "month_url": urls.link(f"/{date:%Y/%m}/") if date else "",
        "source": next(iter(_named_links([article.source], urls, "sources")), None),
        "authors": _named_links(article.authors, urls, "authors"),
        "section": next(iter(_named_links([article.section], urls, "sections")), None),
        "caption": article.caption,
        "body_key": article.body_key,
        "summary": article.summary,
        "tags": _named_links(article.tags, urls, "tags"),
        "original_url": article.original_url,
        "newer": _neighbour(articles[i - 1] if i > 0 else None, urls),
        "older": _neighbour(articles[i + 1] if i + 1 < len(articles) else None, urls),
        "extra": dict(article.extra),
    }
    return Route(path, urls.output(path), "article.html", context, source=article.path)


def _neighbour(article: Article | None, urls: Urls) -> dict[str, str] | None:
    return {"title": article.title, "url": urls.link(urls.article(article))} if article else None


def paginate(
    urls: Urls,
    path: str,
    title: str,
    ids: Iterable[int],
    teasers: list[dict],
    per_page: int,
    template: str,
    extra: dict[str, Any] | None = None,
) -> Iterator[Route]:
    """One listing split into pages: path, path/page/2/, …; every page knows its neighbours."""
    ids = list(ids)
    total = max(1, -(-len(ids) // per_page))
    pages = page_paths(path, len(ids), per_page)
    for n, page_path in enumerate(pages, start=1):
        chunk = ids[(n - 1) * per_page : n * per_page]
        context = {
            "page_title": title if n == 1 else f"{title} (page {n})",
            "heading": title,
            "url": urls.link(page_path),
            "canonical": urls.absolute(page_path),
            "count": len(ids),
            "articles": [teasers[i] for i in chunk],
            "pagination": {
                "current": n,
                "total": total,
                "newer_url": urls.link(pages[n - 2]) if n > 1 else "",
                "older_url": urls.link(pages[n]) if n < total else "",
                "first_url": urls.link(pages[0]),
                "last_url": urls.link(pages[-1]),
            },
            **(extra or {}),
        }
        yield Route(page_path, urls.output(page_path), f"{template}.html", context)


def date_pages(index: SiteIndex, urls: Urls, teasers: list[dict], per_page: int) -> Iterator[Route]:
    children = _children_by_period(index, urls)
    for buckets in (index.years, index.months, index.days):
        for bucket in buckets:
            period = {"up": _period_up(bucket.key, urls), "down": children.get(bucket.key, [])}
            yield from paginate(
                urls,
                period_path(bucket.key),
                period_title(bucket),
                bucket.articles,
                teasers,
                per_page,
                "list",
                {"period": period},
            )


def _period_up(key: tuple[int, ...], urls: Urls) -> list[dict[str, str]]:
    """Links to the enclosing periods: the year of a month; the year and month of a day."""
    up = []
    if len(key) >= 2:
        up.append({"name": str(key[0]), "url": urls.link(period_path(key[:1]))})
    if len(key) == 3:
        up.append({"name": f"{month_name(key[1])} {key[0]}", "url": urls.link(period_path(key[:2]))})
    return up


def _children_by_period(index: SiteIndex, urls: Urls) -> dict[tuple[int, ...], list[dict]]:
    """The months of each year and the days of each month, oldest first, with counts."""
    children: dict[tuple[int, ...], list[dict]] = {}
    for bucket in sorted(index.months + index.days, key=lambda b: b.key):
        name = month_name(bucket.key[1]) if len(bucket.key) == 2 else str(bucket.key[2])
        children.setdefault(bucket.key[:-1], []).append(
            {"name": name, "url": urls.link(period_path(bucket.key)), "count": len(bucket.articles)}
        )
    return children


def term_pages(
    terms: tuple[Term, ...], urls: Urls, teasers: list[dict], per_page: int, kind: str, singular: str, plural: str
) -> Iterator[Route]:
    if not terms:
        return
    listing = [
        {"name": t.name, "url": urls.link(f"/{kind}/{t.slug}/"), "count": len(t.articles)}
        for t in sorted(terms, key=lambda t: (t.name.lower(), t.slug))
    ]
    index_path = f"/{kind}/"
    yield Route(
        index_path,
        urls.output(index_path),
        "terms.html",
        {
            "page_title": plural,
            "heading": plural,
            "url": urls.link(index_path),
            "terms": listing,
            "canonical": urls.absolute(index_path),
        },
    )
    for term in terms:
        yield from paginate(
            urls,
            f"/{kind}/{term.slug}/",
            f"{singular}: {term.name}",
            term.articles,
            teasers,
            per_page,
            "list",
            {"term": {"kind": kind, "name": term.name, "index_url": urls.link(index_path)}},
        )


def archive_overview(index: SiteIndex, urls: Urls) -> Route:
    children = _children_by_period(index, urls)
    years = [
        {
            "name": str(b.key[0]),
            "url": urls.link(period_path(b.key)),
            "count": len(b.articles),
            "months": children.get(b.key, []),
        }
        for b in index.years
    ]
    undated = {"url": urls.link("/undated/"), "count": len(index.undated)} if index.undated else None
    return Route(
        "/archive/",
        "archive/index.html",
        "archive.html",
        {
            "page_title": "Archive",
            "url": urls.link("/archive/"),
            "canonical": urls.absolute("/archive/"),
            "years": years,
            "undated": undated,
            "total": len(index.articles),
        },
    )


def sitemap(page_urls: list[str], index: SiteIndex, urls: Urls) -> Route:
    lastmod = {urls.article(a): a.date.isoformat() for a in index.articles if a.date}
    entries = [{"loc": urls.absolute(url), "lastmod": lastmod.get(url, "")} for url in page_urls]
    return Route("/sitemap.xml", "sitemap.xml", "sitemap.xml", {"entries": entries})


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
