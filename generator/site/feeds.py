"""PURE. The feeds: Atom 1.0 at /feed.xml for the whole site and at <term page>/feed.xml for each tag,
source, author and section, each holding the newest `feed_entries` dated articles; by option
(`json_feed`) a JSON Feed 1.1 at feed.json beside each. They are templates (feed.xml, feed.json) and
Routes like any page, so the page cache rewrites a feed only when one of its entries changes.

A feed sees an article only as seen_elsewhere makes it (`Seen.entry`), so whatever a feed shows of an
article is in its view, and an edit of it is never taken for a page-only edit. A feed's `updated` is its
newest entry's time, never the wall clock. Undated articles are in no feed (an entry needs a time).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Any

from generator.model import Route, SiteIndex, Term
from generator.site.permalinks import has_dated
from generator.site.views import Seen, Urls

ATOM_TYPE = "application/atom+xml"
JSON_TYPE = "application/feed+json"


def term_kinds(index: SiteIndex) -> tuple[tuple[str, str, tuple[Term, ...]], ...]:
    """(folder, singular, terms) of every kind of term that has its own pages and feeds."""
    return (
        ("tags", "Tag", index.tags),
        ("sources", "Source", index.sources),
        ("authors", "Author", index.authors),
        ("sections", "Section", index.sections),
    )


def feed_title(urls: Urls, heading: str) -> str:
    """The site's title for the site's feed; "Tag: Harbour · Site" for a term's."""
    site = urls.config.title
    return f"{heading} · {site}" if heading else site


def feed_links(urls: Urls, index: SiteIndex, listing: str, heading: str, ids: Sequence[int]) -> list[dict[str, str]]:
    """The <link rel="alternate"> of a listing's feeds, for the head of each of its pages."""
    if not has_dated(index, ids):
        return []
    title = feed_title(urls, heading)
    links = [{"type": ATOM_TYPE, "url": urls.link(listing + "feed.xml"), "title": title}]
    if urls.config.json_feed:
        links.append({"type": JSON_TYPE, "url": urls.link(listing + "feed.json"), "title": title})
    return links


def feed_routes(index: SiteIndex, urls: Urls, views: list[Seen]) -> Iterator[Route]:
    """The site's feeds, then each term's, kind by kind, terms in index order."""
    yield from _feeds(urls, "/", "", range(len(index.articles)), views)
    for kind, singular, terms in term_kinds(index):
        for term in terms:
            yield from _feeds(urls, f"/{kind}/{term.slug}/", f"{singular}: {term.name}", term.articles, views)


def feed_count(index: SiteIndex, json_feed: bool) -> int:
    """How many routes feed_routes yields, without making them (for progress)."""
    listings = [range(len(index.articles))] + [t.articles for _, _, terms in term_kinds(index) for t in terms]
    return sum(has_dated(index, ids) for ids in listings) * (2 if json_feed else 1)


def _feeds(urls: Urls, listing: str, heading: str, ids: Sequence[int], views: list[Seen]) -> Iterator[Route]:
    config = urls.config
    dated = (entry for i in ids if (entry := views[i].entry) is not None)
    entries: list[dict[str, Any]] = list(itertools.islice(dated, config.feed_entries))
    if not entries:
        return
    xml_path, json_path = listing + "feed.xml", listing + "feed.json"
    context = {
        "title": feed_title(urls, heading),
        "id": urls.absolute(xml_path),
        "self_link": urls.absolute(xml_path),
        "json_link": urls.absolute(json_path),
        "home_link": urls.absolute(listing),
        "updated": max(entry["published"] for entry in entries),
        "entries": entries,
        "bodies": config.feed_content,  # the renderer adds each entry's body_html
    }
    yield Route(xml_path, urls.output(xml_path), "feed.xml", context)
    if config.json_feed:
        yield Route(json_path, urls.output(json_path), "feed.json", context)
