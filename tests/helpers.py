"""A small crawler and link checker for a built site, on the standard library's html.parser.

`Site(output_dir, base_url)` sees an output folder the way a static web server at base_url
would serve it: `/news/2014/` is `2014/index.html`, `/news/404.html` is `404.html`, and
nothing outside the base path exists. It parses each HTML page once, on demand.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"


def cli_env() -> dict[str, str]:
    """The environment for build.py in tests: no virtualenv re-exec, no SOURCE_DATE_EPOCH from outside."""
    env = dict(os.environ)
    env["BROADSHEET_NO_VENV"] = "1"
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def run_cli(*args: str | os.PathLike, cwd: Path, timeout: float = 300) -> tuple[int, str, str]:
    """Run `python build.py ARGS…` in cwd with this interpreter; returns (exit status, stdout, stderr)."""
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), *map(str, args)],
        cwd=cwd,
        env=cli_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode, done.stdout, done.stderr


NOT_WEB = ("mailto:", "tel:", "javascript:", "data:")


@dataclass(frozen=True)
class Link:
    tag: str  # the element: a, link, img, script, …
    attr: str  # href or src
    value: str  # as written in the page


@dataclass(frozen=True)
class Page:
    url: str  # the URL path it is served at, e.g. /news/2014/
    links: tuple[Link, ...]
    ids: frozenset[str]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(Link(tag, name, value.strip()))
            elif name == "id":
                self.ids.add(value)


def parse_html(text: str) -> tuple[tuple[Link, ...], frozenset[str]]:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    return tuple(parser.links), frozenset(parser.ids)


@dataclass
class LinkReport:
    pages: int = 0  # HTML pages parsed
    checked: int = 0  # internal links checked (every occurrence)
    broken: list[tuple[str, str]] = field(default_factory=list)  # (page URL, link as written)
    external: list[tuple[str, Link]] = field(default_factory=list)  # (page URL, link to another host)


class Site:
    def __init__(self, root: Path, base_url: str):
        parts = urlsplit(base_url)
        self.root = Path(root)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.base = parts.path if parts.path.endswith("/") else parts.path + "/"
        self._pages: dict[str, Page] = {}
        self._files: dict[str, Path | None] = {}

    # --- the server's view ----------------------------------------------------------------
    def url_of(self, path: Path) -> str:
        rel = path.relative_to(self.root).as_posix()
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.base + rel

    def file_for(self, url: str) -> Path | None:
        """The file served at a URL path, or None (a 404)."""
        if url not in self._files:
            self._files[url] = self._find(url)
        return self._files[url]

    def _find(self, url: str) -> Path | None:
        if not url.startswith(self.base):
            return None
        rel = unquote(url[len(self.base) :])
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        if any(part in ("", ".", "..") for part in rel.split("/")):
            return None
        path = self.root / rel
        return path if path.is_file() else None

    def resolve(self, page_url: str, href: str) -> tuple[str, str] | None:
        """(URL path, fragment) of a link on this site, or None for another host or scheme."""
        if not href or href.lower().startswith(NOT_WEB):
            return None
        parts = urlsplit(urljoin(self.origin + page_url, href))
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None
        return parts.path or "/", parts.fragment

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def page(self, url: str) -> Page | None:
        """The parsed HTML page at a URL path, or None if there is none."""
        if url not in self._pages:
            path = self.file_for(url)
            if path is None or path.suffix != ".html":
                return None
            links, ids = parse_html(path.read_text(encoding="utf-8"))
            self._pages[url] = Page(url, links, ids)
        return self._pages[url]

    # --- checks ---------------------------------------------------------------------------
    def check_links(self) -> LinkReport:
        """Parse every HTML page and check every internal href and src, fragments included."""
        report = LinkReport()
        for path in self.html_files():
            page = self.page(self.url_of(path))
            assert page is not None, path
            report.pages += 1
            for link in page.links:
                target = self.resolve(page.url, link.value)
                if target is None:
                    if not link.value.lower().startswith(NOT_WEB):
                        report.external.append((page.url, link))
                    continue
                report.checked += 1
                url, fragment = target
                if (
                    self.file_for(url) is None
                    or fragment
                    and (self.page(url) is None or fragment not in self.page(url).ids)
                ):
                    report.broken.append((page.url, link.value))
        return report

    def links_from(self, url: str) -> set[str]:
        """The internal URL paths a page links to (fragments dropped)."""
        page = self.page(url)
        if page is None:
            return set()
        found = set()
        for link in page.links:
            target = self.resolve(url, link.value)
            if target is not None:
                found.add(target[0])
        return found

    def reach(self, start: str, follow: Callable[[str], bool] = lambda url: True) -> set[str]:
        """Every URL reachable from `start` by following links, visiting only pages `follow` accepts
        (the start page is always visited). The result holds the visited pages and every URL
        they link to."""
        seen = {start}
        queue = deque([start])
        while queue:
            url = queue.popleft()
            for target in self.links_from(url):
                if target not in seen:
                    seen.add(target)
                    if follow(target):
                        queue.append(target)
        return seen

    def listing(self, start: str) -> Callable[[str], bool]:
        """Accepts the pages of one paginated listing: start, start/page/2/, start/page/3/, …"""
        pattern = re.compile(re.escape(start) + r"(?:page/\d+/)?")
        return lambda url: pattern.fullmatch(url) is not None


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by posix path relative to it."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
