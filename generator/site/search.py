"""PURE. What the search page and the search index agree on: which shard an article's page is indexed
in, where each shard's Pagefind bundle lives, and the /search/ page itself.

The index is split by month (`pagefind/2014-01/`, `pagefind/undated/`): an edit re-indexes one month,
and the search page merges every month's bundle in the browser (Pagefind's `mergeIndex`).
"""

from __future__ import annotations

from generator.model import Article, Route, SiteIndex
from generator.site.views import Urls

FOLDER = "pagefind"  # the output folder's search files: pagefind/<shard>/…
UNDATED = "undated"


def shard_of(article: Article) -> str:
    return f"{article.date:%Y-%m}" if article.date else UNDATED


def shards(index: SiteIndex) -> list[str]:
    """Every shard the site's articles fall in, newest first (the order the search page merges them)."""
    seen = dict.fromkeys(shard_of(article) for article in index.articles)
    return sorted((s for s in seen if s != UNDATED), reverse=True) + ([UNDATED] if UNDATED in seen else [])


def search_route(index: SiteIndex, urls: Urls) -> Route:
    """The /search/ page: a form that works without JavaScript, and the shards' bundles for the script."""
    context = {
        "page_title": "Search",
        "bundles": [urls.link(f"/{FOLDER}/{shard}/") for shard in shards(index)],
        "base_path": urls.link("/"),
        "tags_url": urls.link("/tags/"),
        "archive_url": urls.link("/archive/"),
    }
    return Route("/search/", urls.output("/search/"), "search.html", context)


__all__ = ["FOLDER", "UNDATED", "search_route", "shard_of", "shards"]
