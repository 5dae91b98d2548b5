"""PURE. Where a link of the built site points: a file of the output folder (and a fragment), a URL that is
not ours (not fetched), or a problem.

A link is internal when it is relative, an absolute path, or an absolute URL on base_url's host. An
internal link must stay under the base path (base_url may have one, like /news/); its path is
percent-decoded, and a folder's URL (with or without its final /) means the folder's index.html.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:", "about:")


@dataclass(frozen=True, slots=True)
class Base:
    """The site's base URL, split: `https://example.org/news/` -> https, example.org, /news/."""

    scheme: str
    host: str  # with the port, if any, lower-case
    path: str  # starts and ends with /

    @classmethod
    def of(cls, base_url: str) -> Base:
        parts = urlsplit(base_url)
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        return cls(parts.scheme or "https", parts.netloc.lower(), path or "/")

    def url_of(self, rel: str) -> str:
        """The URL path of an output file: `index.html` -> /news/, `a/index.html` -> /news/a/."""
        if rel == "index.html" or rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return self.path + rel

    def absolute(self, rel: str) -> str:
        return f"{self.scheme}://{self.host}{self.url_of(rel)}"


@dataclass(frozen=True, slots=True)
class Target:
    """An internal link, resolved: the output file it names and the fragment ("" for none)."""

    rel: str
    fragment: str


def resolve(base: Base, page_url: str, value: str, files: frozenset[str]) -> Target | str | None:
    """The file (and fragment) an internal link names; None for a link that is not ours or not checked
    (another host, mailto:, …); else the problem, as text."""
    value = value.strip()
    if not value or value.lower().startswith(NOT_CHECKED):
        return None
    parts = urlsplit(urljoin(base.scheme + "://" + base.host + page_url, value))
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != base.host:
        return None
    path = unquote(parts.path) or "/"
    if not (path + "/").startswith(base.path):
        return f"links to {path}, outside the base path {base.path}"
    site_path = path[len(base.path) :]
    if posixpath.normpath("/" + site_path) != "/" + site_path.rstrip("/") and site_path:
        return f"links to {path}, which has . or .. segments or doubled slashes"
    rel = file_for(site_path, files)
    if rel is None:
        return f"broken link to {path}" + (f"#{parts.fragment}" if parts.fragment else "")
    return Target(rel, unquote(parts.fragment))


def file_for(site_path: str, files: frozenset[str]) -> str | None:
    """The output file a path under the base path names (`a/` and `a` -> `a/index.html`), or None."""
    if site_path == "" or site_path.endswith("/"):
        candidate = site_path + "index.html"
    elif site_path in files:
        return site_path
    else:
        candidate = site_path + "/index.html"
    return candidate if candidate in files else None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: `a.jpg 1x, b.jpg 2x` -> [a.jpg, b.jpg]."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
