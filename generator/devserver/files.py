"""Which file of the output folder a preview URL names, decided on real paths.

Every candidate, the folder's `index.html` and the `404.html` fallback included, is resolved through
every symlink first and then checked to be inside the output folder's own real path; anything else
is refused. A request path is refused outright for dot segments (plain or percent-encoded), encoded
slashes that would form one, backslashes, NUL, or percent-escapes that are not UTF-8.
"""

from __future__ import annotations

import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal
from urllib.parse import unquote, urlsplit

TYPES = MappingProxyType(
    {
        ".html": "text/html; charset=utf-8",
        ".htm": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".gif": "image/gif",
        ".webp": "image/webp",
        ".avif": "image/avif",
        ".ico": "image/x-icon",
        ".woff": "font/woff",
        ".woff2": "font/woff2",
        ".pdf": "application/pdf",
        ".map": "application/json",
    }
)
NOT_FOUND_PAGE = "/404.html"
INDEX = "index.html"


class Refused(Exception):
    """A request path that points outside the output folder."""


@dataclass(frozen=True)
class Resolved:
    """What to answer for a URL path: a file inside the output, a redirect to the folder URL, nothing
    there (404) or refused (403)."""

    kind: Literal["file", "redirect", "missing", "refused"]
    path: Path | None = None
    location: str = ""


MISSING = Resolved("missing")
REFUSED = Resolved("refused")


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def request_target(target: str) -> tuple[str, str]:
    """A request line's target split into its raw (still percent-encoded) path and its query."""
    if target.startswith(("http://", "https://")):  # the absolute form a proxy would send
        parts = urlsplit(target)
        return parts.path or "/", parts.query
    target = target.partition("#")[0]
    path, _, query = target.partition("?")
    return path, query


def url_segments(url_path: str) -> list[str]:
    """The decoded, non-empty segments of a URL path. Raises Refused for a way out of the folder."""
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        raise Refused(url_path) from None
    if "\\" in decoded or "\x00" in decoded or not decoded.startswith("/"):
        raise Refused(url_path)
    parts = [part for part in decoded.split("/") if part]
    if any(part in (".", "..") for part in parts):
        raise Refused(url_path)
    return parts


def inside(real_root: str, candidate: str) -> Path:
    """The real path of `candidate`, every symlink followed. Raises Refused when it is not in `real_root`."""
    real = os.path.realpath(candidate)
    if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
        raise Refused(candidate)
    return Path(real)


def local_path(root: Path, url_path: str) -> Path:
    """The real path under `root` of the file or folder a URL path names (no index.html added).
    Raises Refused for anything that would leave `root`."""
    real_root = os.path.realpath(root)
    return inside(real_root, os.path.join(real_root, *url_segments(url_path)))


def resolve(root: Path, url_path: str, query: str = "") -> Resolved:
    """The answer for a URL path, with the final file (a folder's index.html included) resolved and
    checked to be inside the output folder before anything is read."""
    try:
        target = local_path(root, url_path)
        if not target.is_dir():
            return Resolved("file", target) if target.is_file() else MISSING
        index = inside(os.path.realpath(root), str(target / INDEX))
    except Refused:
        return REFUSED
    if not index.is_file():
        return MISSING
    if not url_path.endswith("/"):
        return Resolved("redirect", location=url_path + "/" + (f"?{query}" if query else ""))
    return Resolved("file", index)


def not_found_page(root: Path) -> Path | None:
    """The site's own 404 page, under the same rules as any other file; None when there is none."""
    found = resolve(root, NOT_FOUND_PAGE)
    return found.path if found.kind == "file" else None


def read_inside(path: Path) -> tuple[bytes, os.stat_result]:
    """A resolved file's bytes and stat. The final name must still not be a symlink (O_NOFOLLOW), so one
    swapped in after `resolve` is refused with OSError rather than followed."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        return file.read(), os.fstat(file.fileno())
