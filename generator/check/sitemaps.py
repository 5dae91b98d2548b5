"""The sitemaps of the output: `sitemap.xml`, a urlset or a sitemapindex whose children are urlsets, and
`news-sitemap.xml` (Google News) when there is one. What they list is compared with the pages in
run.py; here each file is read, and each URL is checked to be under base_url.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.check.links import Base, file_for
from generator.check.problems import Problem

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_SITEMAP = 64 * 1024 * 1024  # the protocol's limit is 50 MB uncompressed
SITEMAP, NEWS_SITEMAP = "sitemap.xml", "news-sitemap.xml"
_LOC = re.compile(rb"<loc>([^<]*)</loc>")


@dataclass(frozen=True, slots=True)
class Listed:
    """A page URL a sitemap lists: where (the sitemap file, its line) and the output file it names."""

    loc: str
    sitemap: str
    line: int | None
    rel: str | None  # None: no file there


@dataclass
class Sitemaps:
    """What the sitemaps list (a value made once per check, filled while reading)."""

    pages: list[Listed] = field(default_factory=list)
    news: list[Listed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False when sitemap.xml is missing or unreadable: what it lacks is not told then


def read_sitemaps(root: Path, base: Base, files: frozenset[str]) -> Sitemaps:
    found = Sitemaps()
    if SITEMAP not in files:
        found.problems.append(Problem(SITEMAP, None, "is missing"))
        found.complete = False
    else:
        tree = _parse(root, SITEMAP, found)
        found.complete = tree is not None
        if tree is not None and tree.tag == NS + "sitemapindex":
            _index(root, base, files, tree, found)
        elif tree is not None:
            _urlset(root, base, files, SITEMAP, tree, found.pages, found)
    if NEWS_SITEMAP in files:
        tree = _parse(root, NEWS_SITEMAP, found)
        if tree is not None:
            _urlset(root, base, files, NEWS_SITEMAP, tree, found.news, found)
            for url in tree.findall(f"{NS}url"):
                if url.find(f"{NEWS}news") is None:
                    found.problems.append(Problem(NEWS_SITEMAP, None, f"{_loc(url)} has no news:news element"))
    return found


def _index(root: Path, base: Base, files: frozenset[str], tree: ET.Element, found: Sitemaps) -> None:
    """A sitemapindex: each child sitemap under base_url, a file of the output, a urlset itself."""
    lines = _loc_lines((root / SITEMAP).read_bytes())
    for child in tree.findall(f"{NS}sitemap"):
        loc = _loc(child)
        line = lines.get(loc)
        rel = _rel(base, loc, files)
        if isinstance(rel, Problem) or rel is None:
            why = rel.message if isinstance(rel, Problem) else "which is not a file of the site"
            found.problems.append(Problem(SITEMAP, line, f"sitemap {loc}: {why}"))
            continue
        sub = _parse(root, rel, found)
        if sub is not None and sub.tag != NS + "urlset":
            found.problems.append(Problem(rel, 1, "a sitemap an index lists must be a urlset"))
        elif sub is not None:
            _urlset(root, base, files, rel, sub, found.pages, found)


def _urlset(
    root: Path, base: Base, files: frozenset[str], rel: str, tree: ET.Element, into: list[Listed], found: Sitemaps
) -> None:
    if tree.tag != NS + "urlset":
        found.problems.append(Problem(rel, 1, f"is not a urlset or sitemapindex of {NS[1:-1]}"))
        return
    lines = _loc_lines((root / rel).read_bytes())
    for url in tree.findall(f"{NS}url"):
        loc = _loc(url)
        line = lines.get(loc)
        target = _rel(base, loc, files)
        if isinstance(target, Problem):
            found.problems.append(Problem(rel, line, target.message))
            continue
        into.append(Listed(loc, rel, line, target))
        lastmod = (url.findtext(f"{NS}lastmod") or "").strip()
        if lastmod and not _w3c_date(lastmod):
            found.problems.append(Problem(rel, line, f"{loc} has lastmod {lastmod!r}, not a W3C date"))


def _rel(base: Base, loc: str, files: frozenset[str]) -> str | None | Problem:
    """The output file a sitemap's loc names; None if none; a Problem for a loc not under base_url."""
    prefix = f"{base.scheme}://{base.host}{base.path}"
    parts = urlsplit(loc)
    if not loc.startswith(prefix) or parts.query or parts.fragment:
        return Problem("", None, f"loc {loc!r} is not a page URL under base_url {prefix}")
    return file_for(unquote(parts.path)[len(base.path) :], files)


def _parse(root: Path, rel: str, found: Sitemaps) -> ET.Element | None:
    try:
        with open(root / rel, "rb") as handle:
            data = handle.read(MAX_SITEMAP + 1)
        if len(data) > MAX_SITEMAP:
            found.problems.append(Problem(rel, None, f"is over {MAX_SITEMAP:,} bytes: too large to check"))
            return None
        return ET.fromstring(data)
    except ET.ParseError as exc:
        found.problems.append(Problem(rel, exc.position[0], f"does not parse as XML: {exc}"))
    except OSError as exc:
        found.problems.append(Problem(rel, None, f"cannot be read: {exc.strerror or exc}"))
    return None


def _loc(element: ET.Element) -> str:
    return (element.findtext(f"{NS}loc") or "").strip()


def _loc_lines(data: bytes) -> dict[str, int]:
    """{loc: the line it is on} of a sitemap's text, in one pass."""
    lines: dict[str, int] = {}
    line, at = 1, 0
    for match in _LOC.finditer(data):
        line += data.count(b"\n", at, match.start())
        at = match.start()
        lines.setdefault(html.unescape(match.group(1).decode("utf-8", "replace")).strip(), line)
    return lines


def _w3c_date(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
