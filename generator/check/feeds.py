"""The feeds of the output: every `feed.xml` (Atom) and `feed.json` (JSON Feed 1.1).

An Atom feed must parse with feedparser without a bozo flag, be Atom, and have what readers rely on
(RFC 4287): the feed's id, updated and title; each entry's id, updated and link; ids unique. A JSON
feed must parse, name its version, and have a title, and items each with a unique id and a url. The
links a feed holds (its entries', its own) are handed back to be checked like a page's.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.problems import Problem

MAX_FEED = 32 * 1024 * 1024  # a larger feed is reported, not parsed


@dataclass(frozen=True, slots=True)
class FeedScan:
    rel: str
    links: tuple[tuple[str, int], ...]  # (absolute URL, line) of its entries and of itself
    problems: tuple[Problem, ...]


def scan_feed(root: Path, rel: str) -> FeedScan:
    try:
        with open(root / rel, "rb") as handle:
            data = handle.read(MAX_FEED + 1)
    except OSError as exc:
        return FeedScan(rel, (), (Problem(rel, None, f"cannot be read: {exc.strerror or exc}"),))
    if len(data) > MAX_FEED:
        return FeedScan(rel, (), (Problem(rel, None, f"is over {MAX_FEED:,} bytes: too large to check"),))
    try:
        links, problems = (_json_feed if rel.endswith(".json") else _atom)(data)
    except Exception as exc:  # whatever feedparser or json make of hostile bytes is this file's problem
        links, problems = [], [(None, f"cannot be parsed: {type(exc).__name__}: {exc}")]
    return FeedScan(rel, tuple(links), tuple(Problem(rel, line, message) for line, message in problems))


Found = tuple[list[tuple[str, int]], list[tuple[int | None, str]]]


def _atom(data: bytes) -> Found:
    import feedparser  # only here: most checks need no feed parser, and it is slow to import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if parsed.bozo:
        exc = parsed.get("bozo_exception")
        line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
        if line and not data.lstrip().startswith(b"<?xml"):
            line = max(1, line - 1)  # feedparser puts an XML declaration line before a feed without one
        return [], [(line, f"Atom feed does not parse: {_exception_text(exc)}")]
    if not str(parsed.version).startswith("atom"):
        return [], [(1, f"is not an Atom feed (feedparser reads it as {parsed.version or 'unknown'})")]
    problems: list[tuple[int | None, str]] = [
        (1, f"Atom feed has no {name}") for name in ("id", "updated", "title") if not _text(_own(parsed.feed, name))
    ]
    links = [(link.get("href", ""), 1) for link in parsed.feed.get("links", []) if link.get("href")]
    seen: dict[str, int] = {}
    for n, entry in enumerate(parsed.entries, start=1):
        line = _line_of(data, entry.get("id")) if entry.get("id") else None
        problems.extend(
            (line, f"entry {n} has no {name}") for name in ("id", "updated", "link") if not _own(entry, name)
        )
        if entry.get("link"):
            links.append((entry["link"], line or 1))
        if entry.get("id") in seen:
            problems.append((line, f"entry {n} has the id {entry['id']} of entry {seen[entry['id']]}"))
        elif entry.get("id"):
            seen[entry["id"]] = n
    return links, problems


def _json_feed(data: bytes) -> Found:
    try:
        feed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return [], [(None, "JSON feed is not UTF-8 text")]
    except ValueError as exc:
        return [], [(getattr(exc, "lineno", None), f"JSON feed does not parse: {getattr(exc, 'msg', exc)}")]
    if not isinstance(feed, dict):
        return [], [(1, "JSON feed is not an object")]
    problems: list[tuple[int | None, str]] = []
    if not str(feed.get("version", "")).startswith("https://jsonfeed.org/version/1"):
        problems.append((None, f"JSON feed has version {feed.get('version')!r}, not https://jsonfeed.org/version/1.1"))
    if not _text(feed.get("title")):
        problems.append((None, "JSON feed has no title"))
    items = feed.get("items")
    if not isinstance(items, list):
        return [], [*problems, (None, "JSON feed has no list of items")]
    links = [(feed[key], 1) for key in ("feed_url", "home_page_url") if _text(feed.get(key))]
    problems.extend(_json_items(items, links))
    return links, problems


def _json_items(items: list[Any], links: list[tuple[str, int]]) -> list[tuple[int | None, str]]:
    problems: list[tuple[int | None, str]] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(items, start=1):
        item = item if isinstance(item, dict) else {}
        problems.extend((None, f"item {n} has no {name}") for name in ("id", "url") if not _text(item.get(name)))
        if _text(item.get("url")):
            links.append((item["url"], 1))
        ident = str(item.get("id") or "")
        if _text(ident) and ident in seen:
            problems.append((None, f"item {n} has the id {ident} of item {seen[ident]}"))
        elif _text(ident):
            seen[ident] = n
    return problems


def _own(parsed: dict, name: str) -> Any:
    """A value feedparser read for this very element: its `updated` falls back to `published` otherwise."""
    return dict.get(parsed, name)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _line_of(data: bytes, ident: str) -> int | None:
    at = data.find(f">{ident}</id>".encode())
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def _exception_text(exc: Any) -> str:
    text = getattr(exc, "getMessage", None)
    return str(text() if callable(text) else exc)
