"""PURE. What a page tells search engines and link previews: schema.org JSON-LD (NewsArticle on an
article's own page, CollectionPage with a BreadcrumbList on a listing) and the Open Graph values.

An article's page reads its own Article; a listing reads only the teasers (views.seen_elsewhere) and
the links it already has, so the incremental rules hold unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from generator.model import Article
from generator.site.views import Urls

# Inside <script> the text must never close the element or open a comment; the JSON stays the same
# value. U+2028 and U+2029 are escaped too, for older JavaScript parsers.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: Any) -> str:
    """JSON that is safe as the text of a <script type="application/ld+json"> element."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_SAFE)


def canonical_url(article: Article, urls: Urls, path: str) -> str:
    """Our page's absolute URL, or the article's original URL when the site says `canonical = "original"`."""
    if urls.config.canonical == "original" and article.original_url:
        return article.original_url
    return urls.absolute(path)


def _iso(value: Any) -> str:
    """An ISO date of a front-matter value (a date, a date-time or its text), or ""."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).isoformat() if value.strip() else ""
        except ValueError:
            return ""
    return ""


def _image(value: Any, urls: Urls) -> str:
    """An http(s) URL, or a site path made absolute; anything else is no image."""
    if not isinstance(value, str) or not value.strip():
        return ""
    value = value.strip()
    if value.startswith("/") and not value.startswith("//"):
        return urls.absolute(value)
    return value if urlsplit(value).scheme in ("http", "https") and urlsplit(value).netloc else ""


def article_meta(article: Article, urls: Urls, path: str) -> dict[str, Any]:
    """The values an article page's <head> shows: the JSON-LD text and the Open Graph fields."""
    extra = dict(article.extra)
    published = article.date.isoformat() if article.date else ""
    modified = _iso(extra.get("updated")) or published
    image = _image(extra.get("image"), urls)
    return {
        "jsonld": script_json(news_article(article, urls, path, (published, modified), image)),
        "published_time": published,
        "modified_time": modified,
        "image": image,
    }


def news_article(article: Article, urls: Urls, path: str, dates: tuple[str, str], image: str) -> dict[str, Any]:
    """schema.org NewsArticle; a field the article lacks is left out."""
    if article.authors:
        author: Any = [{"@type": "Person", "name": name} for name in article.authors]
    elif article.source:
        author = {"@type": "Organization", "name": article.source}
    else:
        author = None
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": dates[0],
        "dateModified": dates[1],
        "author": author,
        "publisher": _publisher(urls),
        "isBasedOn": article.original_url,
        "keywords": list(article.tags),
        "articleSection": article.section,
        "inLanguage": urls.config.language,
        "mainEntityOfPage": {"@type": "WebPage", "@id": urls.absolute(path)},
        "url": urls.absolute(path),
        "image": image,
    }
    return {key: value for key, value in data.items() if value}


def _publisher(urls: Urls) -> dict[str, str]:
    return {"@type": "Organization", "name": urls.config.title, "url": urls.absolute("/")}


def collection_page(
    urls: Urls, name: str, page_path: str, crumbs: Iterable[dict[str, str]], teasers: list[dict]
) -> str:
    """schema.org CollectionPage of one listing page: its breadcrumbs (links: name, url) and its articles
    (teasers only). Returns the JSON-LD text."""
    absolute = urls.config.absolute_url
    trail = [{"name": urls.config.title, "url": urls.link("/")}, *crumbs]
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": urls.absolute(page_path),
        "isPartOf": {"@type": "WebSite", "name": urls.config.title, "url": urls.absolute("/")},
        "inLanguage": urls.config.language,
        "breadcrumb": {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": crumb["name"], "item": absolute(crumb["url"])}
                for n, crumb in enumerate(trail, start=1)
            ],
        },
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": absolute(teaser["url"])}
                for n, teaser in enumerate(teasers, start=1)
            ],
        },
    }
    return script_json(data)
