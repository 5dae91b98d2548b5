"""PURE. Raw seed text -> NormalizedArticle -> canonical front-matter Markdown.

A seed is: leading blank lines, a title, a header (byline and date, in either
order, each optional), maybe a photo caption, body paragraphs (some split
mid-sentence, some one-line subheadings) and an `Original url:` trailer.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from . import byline as bylines
from .dates import ImpossibleDate, parse_date_line
from .diagnostics import Diagnostic, error, warning
from .model import NormalizedArticle, SeedText
from .slugs import slugify
from .tagging import suggest_tags
from .yamlout import front_matter

_TRAILER = re.compile(
    r"^(?:original\s*(?:url|link|article|source)|source\s*url|source\s*link|url|link|source)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_URL = re.compile(r"<?(?P<url>[a-z][a-z0-9+.-]*://[^\s<>]+)>?", re.IGNORECASE)
_TERMINAL = tuple('.!?:"”’\')…]')
_CAPTION_MARK = re.compile(r"^(?:photo|caption|image|picture|pictured|above)\s*[:|-]|\((?:photo|ap|reuters|afp|getty)[^)]*\)\s*$|\b(?:photo|picture|image)\s*(?:by|:)|/\s*(?:ap|reuters|afp|getty images|epa)\s*$", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|said|says|say|told|did|does|do|may|might|should|must|shall|it|he|she|they|we|i)\b", re.IGNORECASE)
_MARKDOWN_START = re.compile(r"^(#|>|[-*+]\s|\d+[.)]\s|={3,}|-{3,}|_{3,}|\*{3,}|\s)")


@dataclass(frozen=True)
class Rules:
    """What the normaliser needs from the config."""

    outlets: frozenset[str] = frozenset()
    max_tags: int = 8
    today: dt.date | None = None  # a later date is kept, with a warning


def clean_text(text: str) -> str:
    """Canonical text: NFC, `\\n` line endings, no NUL, no tabs, no trailing spaces."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    text = unicodedata.normalize("NFC", text).replace("\t", " ")
    text = "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def normalize(seed: SeedText, rules: Rules = Rules()) -> tuple[NormalizedArticle | None, tuple[Diagnostic, ...]]:
    """One seed in, one article (or None) and its diagnostics out. Never raises on any text."""
    lines = clean_text(seed.text).split("\n")
    notes: list[Diagnostic] = []
    header = _read_header(lines, seed.path, notes)
    if header is None:
        return None, tuple(notes)
    title, date, byline_text, body_start, date_line = header
    paragraphs = _paragraphs(lines[body_start:], body_start)
    paragraphs, url = _take_trailer(paragraphs, seed.path, notes)
    caption, paragraphs = _take_caption(paragraphs)
    blocks = _body_blocks(paragraphs)
    texts = [text for _, text in blocks]
    if not texts:
        notes.append(warning(seed.path, None, "empty-body", "the article has no body text"))
    source, authors = bylines.parse(byline_text, rules.outlets)
    if date is None and date_line is None:
        notes.append(warning(seed.path, None, "no-date", "no date found; the article is listed under Undated"))
    if date and rules.today and date > rules.today:
        notes.append(warning(seed.path, date_line, "future-date", f"the date {date.isoformat()} is in the future; kept as written"))
    tags = suggest_tags(title, [t for kind, t in blocks if kind == "p"], rules.max_tags, exclude=(source,))
    article = NormalizedArticle(
        title=title, date=date, slug=slugify(title), source=source, authors=authors, caption=caption,
        body="\n\n".join(_block_markdown(kind, text) for kind, text in blocks),
        original_url=url, summary=summarize(texts[0] if texts else ""), tags=tags,
        section=_section(seed.path), seed=seed.path, seed_sha256=seed.sha256,
    )
    return article, tuple(notes)


def _read_header(lines: list[str], path: str, notes: list[Diagnostic]):
    """Title, date, byline, the index where the body starts and the date's line number."""
    title = byline_text = ""
    date: dt.date | None = None
    date_line: int | None = None
    index = 0
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        if not byline_text and bylines.is_byline(text):
            byline_text = text
            continue
        if date_line is None:
            try:
                found = parse_date_line(text)
            except ImpossibleDate as exc:
                notes.append(error(path, index + 1, "impossible-date", str(exc)))
                return None
            if found:
                date, date_line = found, index + 1
                continue
        if title:
            break
        title = _clean_title(text)
    else:
        index = len(lines)
    if not title:
        notes.append(error(path, None, "no-title", "no title found (the file has no text)"))
        return None
    return title, date, byline_text, index, date_line


def _clean_title(text: str) -> str:
    text = re.sub(r"^#+\s*", "", text).strip()
    text = re.sub(r"\s+", " ", text)
    if text.isupper() and sum(c.isalpha() for c in text) > 3:
        text = _title_case(text)
    return text


def _title_case(text: str) -> str:
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "as", "with"}
    words = text.lower().split(" ")
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _paragraphs(lines: list[str], offset: int) -> list[tuple[str, bool]]:
    """Blank-line separated paragraphs, hard wraps unwrapped; flag whether each was one line."""
    found: list[tuple[str, bool]] = []
    current: list[str] = []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            found.append((re.sub(r"\s+", " ", " ".join(current)), len(current) == 1))
            current = []
    return found


def _take_trailer(paragraphs, path, notes):
    """Remove the `Original url:` trailer and return the URL it names."""
    for i in range(len(paragraphs) - 1, max(-1, len(paragraphs) - 4), -1):
        match = _TRAILER.match(paragraphs[i][0])
        if not match:
            continue
        rest = match.group("rest") or (paragraphs[i + 1][0] if i + 1 < len(paragraphs) else "")
        url_match = _URL.search(rest)
        url = url_match.group("url").rstrip(".,;)") if url_match else ""
        if not url or not url.lower().startswith(("http://", "https://")):
            notes.append(warning(path, None, "bad-url", f"the original URL {rest.strip()!r} is not an http(s) URL; dropped"))
            url = ""
        end = i + 2 if not match.group("rest") and i + 1 < len(paragraphs) else i + 1
        return paragraphs[:i] + paragraphs[end:], url
    return paragraphs, ""


def _take_caption(paragraphs):
    """A photo caption sits between the header and the body: a short, verbless line."""
    if len(paragraphs) < 2:
        return "", paragraphs
    text, one_line = paragraphs[0]
    if _CAPTION_MARK.search(text) or (one_line and _looks_like_caption(text)):
        return text, paragraphs[1:]
    return "", paragraphs


def _looks_like_caption(text: str) -> bool:
    words = text.split()
    if len(text) > 300 or len(words) < 4 or re.search(r'["“”]', text) or text.count(". ") > 0:
        return False
    participle = any(w.lower().endswith("ing") and len(w) > 5 for w in words[1:4])
    return participle and not _FINITE.search(text)


def _body_blocks(paragraphs: list[tuple[str, bool]]) -> list[tuple[str, str]]:
    """Rejoin paragraphs split mid-sentence; mark one-line subheadings."""
    joined: list[tuple[str, bool]] = []
    for text, one_line in paragraphs:
        if joined and _continues(joined[-1][0], text):
            joined[-1] = (joined[-1][0] + " " + text, False)
        else:
            joined.append((text, one_line))
    blocks = []
    for i, (text, one_line) in enumerate(joined):
        heading = one_line and 0 < i < len(joined) - 1 and _is_subheading(text, joined[i + 1][0])
        blocks.append(("h", text) if heading else ("p", text))
    return blocks


def _continues(previous: str, text: str) -> bool:
    return text[:1].islower() and not previous.endswith((".", "!", "?", "…"))


def _is_subheading(text: str, following: str) -> bool:
    words = text.split()
    return (len(words) <= 10 and len(text) <= 80 and not text.endswith(_TERMINAL + (",", ";"))
            and text[:1].isupper() and following[:1].isupper() and not text.startswith(("-", "*", "•")))


def _block_markdown(kind: str, text: str) -> str:
    text = _escape(text)
    return f"## {text}" if kind == "h" else text


def _escape(text: str) -> str:
    """Keep a paragraph a paragraph: escape what Markdown would read as block syntax."""
    match = _MARKDOWN_START.match(text)
    if match:
        text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text) if text[:1].isdigit() else "\\" + text
    return text


def summarize(text: str, limit: int = 200) -> str:
    """The first sentence, or the first paragraph cut at a word boundary."""
    match = re.match(r"(.{40,}?[.!?])(?:\s+[A-Z\"“]|$)", text)
    if match and len(match.group(1)) <= limit:
        return match.group(1)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _section(seed_path: str) -> str:
    parts = seed_path.split("/")
    return slugify(parts[-2], fallback="") if len(parts) > 1 else ""


def to_document(article: NormalizedArticle) -> str:
    """The canonical front-matter Markdown file for an article."""
    fields = {
        "title": article.title,
        "date": article.date,
        "slug": article.slug,
        "source": article.source,
        "authors": list(article.authors),
        "original_url": article.original_url,
        "caption": article.caption,
        "section": article.section,
        "tags": list(article.tags),
        "summary": article.summary,
        "seed": article.seed,
        "seed_sha256": article.seed_sha256,
        "draft": False,
    }
    return with_content_hash(front_matter(fields, article.body))


def with_content_hash(document: str) -> str:
    """Add `content_sha256`, the hash of everything else in the file, as the last front-matter line."""
    head, sep, rest = document.partition("\n---\n")
    return f"{head}\ncontent_sha256: {content_hash(document)}{sep}{rest}"


def content_hash(document: str) -> str:
    """The hash a file had at import, so that a hand edit can be seen: the file minus its hash line."""
    without = re.sub(r"^content_sha256:.*\n", "", document, count=1, flags=re.MULTILINE)
    return hashlib.sha256(without.encode("utf-8")).hexdigest()
