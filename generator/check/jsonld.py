"""PURE. A page's JSON-LD: it must parse, and an article's NewsArticle must have the fields that matter.

Google's Article structured-data guide (developers.google.com/search/docs/appearance/structured-data/
article) requires no property but recommends headline, datePublished, dateModified, author (with a
name) and image. What generator/site/metadata.py emits decides the rest, so the check requires:

* `@context` schema.org, a non-empty `headline`, a `publisher` with a name;
* `url` and `mainEntityOfPage.@id`: the page's own absolute URL;
* `datePublished`, an ISO date, on every page but an undated article's (under /undated/, where the
  emitter leaves both dates out); `dateModified`, if there, an ISO date not before it;
* `author`, when there (the emitter leaves it out for an article with neither byline nor source),
  a Person or Organization with a name, or a list of them; `image`, when there, a URL or a list.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle"})


def check_jsonld(text: str, page_url: str, undated: bool) -> list[str]:
    """The problems of one <script type="application/ld+json">, as messages."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return [f"JSON-LD does not parse: {exc}"]
    problems = []
    for item in _items(data):
        types = item.get("@type")
        if ARTICLE_TYPES & set(types if isinstance(types, list) else [types]):
            problems.extend(_article(item, page_url, undated))
    return problems


def _items(data: Any) -> list[dict[str, Any]]:
    """The top-level objects: the value itself, a list's members, an @graph's members."""
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        if isinstance(item, dict):
            found.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                found.extend(node for node in graph if isinstance(node, dict))
    return found


def _article(item: dict[str, Any], page_url: str, undated: bool) -> list[str]:
    types = item.get("@type")
    kind = types[0] if isinstance(types, list) and types else types
    return [f"{kind} JSON-LD {reason}" for reason in _reasons(item, page_url, undated)]


def _reasons(item: dict[str, Any], page_url: str, undated: bool) -> list[str]:
    reasons = []
    if str(item.get("@context", "")).rstrip("/") not in ("https://schema.org", "http://schema.org"):
        reasons.append("has no @context https://schema.org")
    if not _text(item.get("headline")):
        reasons.append("has no headline" if "headline" not in item else "has an empty headline")
    publisher = item.get("publisher")
    if not (isinstance(publisher, dict) and _text(publisher.get("name"))):
        reasons.append("has no publisher with a name")
    main = item.get("mainEntityOfPage")
    main_id = main.get("@id") if isinstance(main, dict) else main
    for field, value in (("url", item.get("url")), ("mainEntityOfPage", main_id)):
        if value != page_url:
            reasons.append(f"has {field} {value!r}, not this page's URL {page_url}" if value else f"has no {field}")
    reasons.extend(_dates(item, undated))
    if "author" in item and not _named(item["author"]):
        reasons.append("has an author without a name")
    image = item.get("image")
    if "image" in item and not (_text(image) or (isinstance(image, list) and image and all(map(_image, image)))):
        reasons.append("has an image that is not a URL or a list of them")
    return reasons


def _dates(item: dict[str, Any], undated: bool) -> list[str]:
    published, modified = _date(item.get("datePublished")), _date(item.get("dateModified"))
    reasons = []
    if "datePublished" not in item and not undated:
        reasons.append("has no datePublished")
    elif "datePublished" in item and published is None:
        reasons.append(f"has datePublished {item['datePublished']!r}, not an ISO 8601 date")
    if "dateModified" in item and modified is None:
        reasons.append(f"has dateModified {item['dateModified']!r}, not an ISO 8601 date")
    elif published and modified and _naive(modified) < _naive(published):
        reasons.append("has dateModified before datePublished")
    return reasons


def _date(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _naive(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=None)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _named(value: Any) -> bool:
    people = value if isinstance(value, list) else [value]
    return bool(people) and all(isinstance(p, dict) and _text(p.get("name")) for p in people)


def _image(value: Any) -> bool:
    return _text(value) or (isinstance(value, dict) and _text(value.get("url")))
