"""One HTML page of the output -> `PageScan`: what the cross-page checks need of it (its ids, its links
with their lines, whether it is noindex, where a refresh sends), and the problems of the page alone
(its size, its JSON-LD).

Parsed with the standard library's html.parser: it never refuses input, it gives line numbers, and at
about 0.75 ms for an article page it checks the BBC site's 8,000 pages in seconds across two processes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.check.jsonld import check_jsonld
from generator.check.links import Base, srcset_urls
from generator.check.problems import Problem

MAX_PARSED = 8 * 1024 * 1024  # a larger file is reported, not parsed
# (tag, attribute) of every link the check follows; srcset holds several.
LINKS = frozenset(
    {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "srcset")}
    | {("source", "src"), ("form", "action"), ("iframe", "src"), ("video", "src"), ("audio", "src")}
)
_REFRESH = re.compile(r"^\s*\d+\s*(?:[;,]\s*(?:url\s*=\s*)?['\"]?([^'\"]*)['\"]?)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageScan:
    rel: str
    size: int
    ids: frozenset[str]  # every id, and every name of an <a>
    links: tuple[tuple[str, int], ...]  # (the link as written, its line)
    noindex: bool  # <meta name="robots" content="noindex">: not a page the sitemap lists
    refresh: str  # where <meta http-equiv="refresh"> sends the reader ("" for none): a redirect page
    problems: tuple[Problem, ...]
    parsed: bool = True  # False when the page could not be read as HTML: its other checks are not made


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.duplicates: list[tuple[str, int]] = []
        self.links: list[tuple[str, int]] = []
        self.noindex = False
        self.refresh = ""
        self.jsonld: list[tuple[str, int]] = []
        self._script: list[str] | None = None
        self._script_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name") if tag == "a" else ("id",):
            if name in values:
                if values[name] in self.ids and name == "id":
                    self.duplicates.append((values[name], line))
                self.ids.add(values[name])
        for name, value in values.items():
            if (tag, name) in LINKS:
                urls = srcset_urls(value) if name == "srcset" else [value]
                self.links.extend((url, line) for url in urls)
        if tag == "meta":
            self._meta(values, line)
        elif tag == "script" and values.get("type", "").strip().lower() == "application/ld+json":
            self._script, self._script_line = [], line

    def _meta(self, values: dict[str, str], line: int) -> None:
        if values.get("name", "").lower() == "robots":
            self.noindex = self.noindex or "noindex" in values.get("content", "").lower().replace(" ", "").split(",")
        if values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.match(values.get("content", ""))
            self.refresh = (match.group(1) or "").strip() if match else ""
            if self.refresh:
                self.links.append((self.refresh, line))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append(("".join(self._script), self._script_line))
            self._script = None


def scan_page(root: Path, base: Base, max_page_bytes: int, rel: str) -> PageScan:
    """The scan of one page; a page that cannot be read or parsed is a scan with that problem."""
    try:
        size = (root / rel).stat().st_size
        data = _read(root / rel, MAX_PARSED) if size <= MAX_PARSED else None
    except OSError as exc:
        return _broken(rel, 0, f"cannot be read: {exc.strerror or exc}")
    budget = (
        [Problem(rel, None, f"is {size / 1024:,.0f} KB, over the page budget of {max_page_bytes // 1024:,} KB")]
        if size > max_page_bytes
        else []
    )
    if data is None:
        return _broken(rel, size, f"is {size:,} bytes: too large to check (at most {MAX_PARSED:,})", budget)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return _broken(rel, size, "is not UTF-8 text", budget, line)
    scanner = _Scanner()
    try:
        scanner.feed(text)
        scanner.close()
    except Exception as exc:  # html.parser refuses almost nothing; whatever it does refuse is the page's problem
        return _broken(rel, size, f"cannot be parsed as HTML: {exc}", budget)
    problems = budget + [Problem(rel, line, f"duplicate id {value!r}") for value, line in scanner.duplicates]
    url, undated = base.absolute(rel), rel.startswith("undated/")
    for script, line in scanner.jsonld:
        problems.extend(Problem(rel, line, message) for message in check_jsonld(script, url, undated))
    ids = frozenset(scanner.ids)
    return PageScan(rel, size, ids, tuple(scanner.links), scanner.noindex, scanner.refresh, tuple(problems))


def _read(path: Path, limit: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limit + 1)


def _broken(rel: str, size: int, message: str, before: list[Problem] | None = None, line: int | None = None):
    problems = (*(before or []), Problem(rel, line, message))
    return PageScan(rel, size, frozenset(), (), False, "", problems, parsed=False)
