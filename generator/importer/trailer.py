"""PURE. Finds the `Original url:` trailer, in its variants, and validates the URL it names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOK_BACK = 4  # the trailer is one of the last few paragraphs
MAX_TRAILER = 5000  # characters; a longer paragraph is text, not a trailer (and is not searched for links)
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_LABEL = (
    r"original(?:ly)?(?:\s+(?:url|link|article|source|story|post|address|at|from|published(?:\s+(?:at|on|in))?"
    r"|posted(?:\s+(?:at|on))?|appeared(?:\s+(?:at|on|in))?))*"
    r"|source\s+(?:url|link)|article\s+(?:url|link)|(?:canonical\s+)?url|link|permalink|canonical"
    r"|read\s+(?:more|the\s+original(?:\s+article)?|the\s+full\s+(?:story|article))(?:\s+(?:at|on|here))?"
    r"|view\s+(?:the\s+)?original(?:\s+article)?|full\s+(?:story|article)(?:\s+at)?|source"
)
_TRAILER = re.compile(rf"^[\W_]*(?P<label>{_LABEL})(?P<sep>\s*[:=>|–—-]+\s*|\s+|$)(?P<rest>.*)$", re.IGNORECASE)
_DEFINITE = re.compile(r"^(?:orig|source\s|article\s|url|link|permalink|canonical)", re.IGNORECASE)
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s<>\[\]\"]+|\bwww\.[^\s<>\[\]\"]+", re.IGNORECASE)
_LONE_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.IGNORECASE)


@dataclass(frozen=True)
class Trailer:
    start: int  # the paragraphs [start, end) are the trailer
    end: int
    url: str  # "" when what it names is not an http(s) URL
    problem: str  # why the URL was left out
    label: str = ""  # the label it was known by (`Original url:`), or "" for a lone URL (provenance)


def find_trailer(paragraphs: list[str]) -> Trailer | None:
    for i in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 1 - LOOK_BACK), -1):
        match = _TRAILER.match(_LINK.sub(r"\1 \2", paragraphs[i])) if len(paragraphs[i]) <= MAX_TRAILER else None
        if not match:
            continue
        rest, end = match.group("rest").strip(), i + 1
        if not rest and end < len(paragraphs) and len(paragraphs[end]) <= MAX_TRAILER and _URL.search(paragraphs[end]):
            rest, end = _LINK.sub(r"\1 \2", paragraphs[end]), end + 1
        if _URL.search(rest) or _DEFINITE.match(match.group("label")) and (":" in match.group("sep") or not rest):
            return _trailer(i, end, rest, match.group("label"))
    if paragraphs and _LONE_URL.match(paragraphs[-1]):
        return _trailer(len(paragraphs) - 1, len(paragraphs), paragraphs[-1])
    return None


def _trailer(start: int, end: int, rest: str, label: str = "") -> Trailer:
    found = _URL.search(rest)
    if not rest.strip():
        return Trailer(start, end, "", "the original URL trailer names no URL", label)
    url, problem = checked_url(found.group(0) if found else rest)
    return Trailer(start, end, url, problem, label)


def checked_url(text: str) -> tuple[str, str]:
    """(url, "") for a valid http(s) URL, else ("", why it was left out)."""
    url = _trim(text.strip().strip("<>"))
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        valid = parts.scheme.lower() in ("http", "https") and ("." in host or host == "localhost")
    except ValueError:
        valid = False
    if valid and not re.search(r"\s", url):
        return url, ""
    return "", f"the original URL {url!r} is not an http(s) URL; it was left out"


def _trim(url: str) -> str:
    """Drop punctuation that ends the sentence, not the URL: `(see https://x.org/a).`"""
    while url and url[-1] in ".,;:!?'\"»”’>" or url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url
