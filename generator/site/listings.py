"""PURE. The listing pages: a listing split into pages, the date archives, the tag, source, author and
section pages and their indexes, and the archive overview. They see articles only as teasers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from generator.model import Route, SiteIndex, Term
from generator.months import month_name
from generator.site.metadata import collection_page
from generator.site.permalinks import page_paths, period_path, period_title
from generator.site.termindex import term_index_pages
from generator.site.views import Urls


def paginate(
    urls: Urls,
    path: str,
    title: str,
    ids: Iterable[int],
    teasers: list[dict],
    per_page: int,
    template: str,
    extra: dict[str, Any] | None = None,
    crumbs: tuple[dict[str, str], ...] = (),
) -> Iterator[Route]:
    """One listing split into pages: path, path/page/2/, …; every page knows its neighbours. `crumbs` are
    the links above the listing (a tag page's tag index, a month's year), for its breadcrumb trail."""
    ids = list(ids)
    total = max(1, -(-len(ids) // per_page))
    pages = page_paths(path, len(ids), per_page)
    for n, page_path in enumerate(pages, start=1):
        shown = [teasers[i] for i in ids[(n - 1) * per_page : n * per_page]]
        page_title = title if n == 1 else f"{title} (page {n})"
        context = {
            "page_title": page_title,
            "heading": title,
            "url": urls.link(page_path),
            "canonical": urls.absolute(page_path),
            "count": len(ids),
            "articles": shown,
            "jsonld": collection_page(urls, page_title, page_path, _trail(urls, crumbs, (title, n), path), shown),
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


def _trail(urls: Urls, crumbs: tuple[dict[str, str], ...], page: tuple[str, int], path: str) -> list[dict[str, str]]:
    """The breadcrumbs below the front page: the links above the listing, the listing, its page number."""
    title, n = page
    own = [{"name": title, "url": urls.link(path)}] if path != "/" else []
    numbered = [{"name": f"Page {n}", "url": urls.link(page_paths(path, n, 1)[-1])}] if n > 1 else []
    return [*crumbs, *own, *numbered]


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
                tuple(period["up"]),
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


FeedLinks = Callable[[str, str, Sequence[int]], list[dict[str, str]]]  # (listing, heading, articles) -> links


def term_pages(
    terms: tuple[Term, ...],
    urls: Urls,
    teasers: list[dict],
    per_page: int,
    kind: str,
    singular: str,
    plural: str,
    feeds: FeedLinks = lambda listing, heading, ids: [],
) -> Iterator[Route]:
    if not terms:
        return
    index_path = f"/{kind}/"
    yield from term_index_pages(terms, urls, kind, plural)
    for term in terms:
        path, heading = f"/{kind}/{term.slug}/", f"{singular}: {term.name}"
        yield from paginate(
            urls,
            path,
            heading,
            term.articles,
            teasers,
            per_page,
            "list",
            {
                "term": {"kind": kind, "name": term.name, "index_url": urls.link(index_path)},
                "feeds": feeds(path, heading, term.articles),
            },
            ({"name": plural, "url": urls.link(index_path)},),
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
