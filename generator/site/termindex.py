"""PURE. The index of a kind of term (/tags/, /sources/, /authors/, /sections/). A small index is one page of
every term. A large one (more than permalinks.TERMS_PER_PAGE terms) is split: /tags/ shows the most used
terms and an A-Z of letter pages, /tags/_letter/a/ (paginated) every term whose slug starts with a.

They show only the terms' names, links and counts, so an edit that changes no term leaves them unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from generator.model import Route, Term
from generator.site.metadata import collection_page
from generator.site.permalinks import LETTERS, TERMS_PER_PAGE, TOP_TERMS, letter_buckets, letter_path, page_paths
from generator.site.views import Urls


def letter_label(letter: str) -> str:
    return {"0-9": "0–9", "other": "Other"}.get(letter, letter.upper())


def term_index_pages(
    terms: Sequence[Term], urls: Urls, kind: str, plural: str, per_page: int = TERMS_PER_PAGE, top: int = TOP_TERMS
) -> Iterator[Route]:
    """The index page of `kind`, then, for a large index, its letter pages."""
    index_path = f"/{kind}/"
    crumbs = [{"name": plural, "url": urls.link(index_path)}]
    buckets = letter_buckets(terms, per_page)
    if not buckets:
        shown = sorted(terms, key=lambda t: (t.name.lower(), t.slug))
        yield _page(urls, index_path, plural, _links(urls, kind, shown), {"crumbs": crumbs})
        return
    most = sorted(terms, key=lambda t: (-len(t.articles), t.name.lower(), t.slug))[:top]
    note = f"The {len(most):,} most used of {len(terms):,} {kind}. Every one is listed under its letter:"
    extra = {"crumbs": crumbs, "letters": _letter_nav(urls, kind, buckets, ""), "note": note}
    yield _page(urls, index_path, plural, _links(urls, kind, most), extra)
    for letter, members in buckets:
        yield from _letter_pages(urls, kind, plural, (letter, members), buckets, per_page)


def _letter_pages(
    urls: Urls,
    kind: str,
    plural: str,
    bucket: tuple[str, list[Term]],
    buckets: list[tuple[str, list[Term]]],
    per_page: int,
) -> Iterator[Route]:
    letter, members = bucket
    path, label = letter_path(kind, letter), letter_label(letter)
    pages = page_paths(path, len(members), per_page)
    nav = _letter_nav(urls, kind, buckets, letter)
    for n, page_path in enumerate(pages, start=1):
        shown = members[(n - 1) * per_page : n * per_page]
        heading = f"{plural}: {label}"
        crumbs = [{"name": plural, "url": urls.link(f"/{kind}/")}, {"name": label, "url": urls.link(path)}]
        if n > 1:
            crumbs.append({"name": f"Page {n}", "url": urls.link(page_path)})
        pagination = {
            "current": n,
            "total": len(pages),
            "previous_url": urls.link(pages[n - 2]) if n > 1 else "",
            "next_url": urls.link(pages[n]) if n < len(pages) else "",
        }
        note = f"{len(members):,} {kind} under {label}."
        extra = {"crumbs": crumbs, "letters": nav, "note": note, "pagination": pagination, "heading": heading}
        title = heading if n == 1 else f"{heading} (page {n})"
        yield _page(urls, page_path, title, _links(urls, kind, shown), extra)


def _links(urls: Urls, kind: str, terms: Sequence[Term]) -> list[dict[str, Any]]:
    return [{"name": t.name, "url": urls.link(f"/{kind}/{t.slug}/"), "count": len(t.articles)} for t in terms]


def _letter_nav(
    urls: Urls, kind: str, buckets: list[tuple[str, list[Term]]], current: str
) -> list[dict[str, str | bool]]:
    """Every letter, 0-9 first; a letter without terms is shown unlinked, "other" only when it has some."""
    present = {letter for letter, _ in buckets}
    return [
        {
            "label": letter_label(letter),
            "url": urls.link(letter_path(kind, letter)) if letter in present else "",
            "current": letter == current,
        }
        for letter in LETTERS
        if letter in present or letter != "other"
    ]


def _page(urls: Urls, path: str, title: str, links: list[dict[str, Any]], extra: dict[str, Any]) -> Route:
    context = {
        "page_title": title,
        "heading": extra.pop("heading", title),
        "url": urls.link(path),
        "canonical": urls.absolute(path),
        "terms": links,
        "jsonld": collection_page(urls, title, path, extra.pop("crumbs"), links),
        "letters": [],
        "note": "",
        "pagination": None,
        **extra,
    }
    return Route(path, urls.output(path), "terms.html", context)
