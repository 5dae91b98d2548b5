"""PURE. Raw seed text -> NormalizedArticle -> canonical front-matter Markdown.

A seed is: leading blank lines, a header (title, byline and date in any order, all
but the title optional), maybe a photo caption, body paragraphs (some hard-wrapped,
some split mid-sentence, some one-line subheadings) and an `Original url:` trailer.
A seed that is already front-matter Markdown keeps its metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from generator import contentfile
from generator.diagnostics import Diagnostic, error, warning
from generator.importer import markdownseed as fm
from generator.importer.header import Header, read_header
from generator.importer.htmlclean import clean_text, strip_html
from generator.importer.mdescape import heading_markdown, paragraph_markdown
from generator.importer.paragraphs import Body, Para, read_body, split_paragraphs
from generator.importer.rules import Rules
from generator.importer.tagging import suggest_tags
from generator.importer.trailer import Trailer, checked_url, find_trailer
from generator.model import NormalizedArticle, SeedText
from generator.slugs import MAX_LENGTH, slugify

__all__ = ["Rules", "Traced", "clean_text", "normalize", "normalize_traced", "seed_extra", "summarize", "to_document"]
LONG_TITLE = 200


@dataclass(frozen=True)
class Traced:
    """normalize()'s result with how it was found: the header (each field's line and rule), the body (the
    caption's rule, paragraphs rejoined), the trailer; None for a front-matter seed. For import --explain
    and the report's doubts."""

    article: NormalizedArticle | None
    notes: tuple[Diagnostic, ...]
    header: Header | None = None
    body: Body | None = None
    trailer: Trailer | None = None
    paragraphs: tuple[Para, ...] = ()  # as split and unwrapped, before the caption and the rejoining


def normalize(seed: SeedText, rules: Rules | None = None) -> tuple[NormalizedArticle | None, tuple[Diagnostic, ...]]:
    """One seed in, one article (or None) and its diagnostics out. Never raises on any text."""
    traced = normalize_traced(seed, rules)
    return traced.article, traced.notes


def normalize_traced(seed: SeedText, rules: Rules | None = None) -> Traced:
    """normalize(), with the provenance its parsing functions return."""
    rules = rules or Rules()
    notes = _byte_notes(seed)
    text, removed = _without_html(clean_text(seed.text))
    if removed:
        notes.append(warning(seed.path, None, "raw-html", f"removed raw HTML from the seed: {', '.join(removed)}"))
    front = fm.split_front_matter(text)
    if isinstance(front, Diagnostic):
        return Traced(None, tuple(notes) + (error(seed.path, front.line, front.code, front.message),))
    traced = (
        Traced(_from_front_matter(seed, text, front, rules, notes), ())
        if front
        else _from_text(seed, text, rules, notes)
    )
    if traced.article is not None:
        notes.extend(_date_notes(traced.article, rules, seed.path))
    return replace(traced, notes=tuple(notes))


def _without_html(text: str) -> tuple[str, tuple[str, ...]]:
    """A plain-text seed is text, every `<…>` of it included; only a Markdown seed's raw HTML is taken out."""
    return strip_html(text) if fm.split_front_matter(text) is not None else (text, ())


def _byte_notes(seed: SeedText) -> list[Diagnostic]:
    nuls = seed.text.count("\x00")
    if not nuls:
        return []
    return [warning(seed.path, None, "nul-bytes", f"removed {nuls:,} NUL byte{'s' if nuls > 1 else ''}")]


def _from_text(seed: SeedText, text: str, rules: Rules, notes: list[Diagnostic]) -> Traced:
    lines = text.split("\n")
    header, problems = read_header(lines, seed.path, rules.outlets)
    notes.extend(problems)
    if header is None:
        return Traced(None, ())
    split = split_paragraphs([line for held in header.held for line in (held, "")] + lines[header.body_start :])
    paras, url, trailer = _take_url(split, header.url, seed.path, notes)
    body = read_body(paras)
    source = header.source or header.byline.source
    paragraphs = [t for kind, t in body.blocks if kind == "p"]
    if not body.blocks:
        notes.append(warning(seed.path, None, "empty-body", "the article has no body text"))
    article = NormalizedArticle(
        title=header.title,
        date=header.date,
        slug=_slug(header.title, seed, notes),
        source=source,
        authors=header.byline.authors,
        caption=body.caption,
        body="\n\n".join(_block_markdown(kind, t) for kind, t in body.blocks),
        original_url=url,
        summary=summarize(paragraphs[0] if paragraphs else ""),
        tags=suggest_tags(header.title, paragraphs, rules.max_tags, exclude=(source, *header.byline.authors)),
        section=_section(seed.path),
        seed=seed.path,
        seed_sha256=seed.sha256,
    )
    return Traced(article, (), header, body, trailer, tuple(split))


def _take_url(
    paras: list[Para], header_url: str, path: str, notes: list[Diagnostic]
) -> tuple[list[Para], str, Trailer | None]:
    trailer = find_trailer([p.text for p in paras])
    if trailer:
        paras = paras[: trailer.start] + paras[trailer.end :]
        url, problem = trailer.url, trailer.problem
    elif header_url:
        url, problem = checked_url(header_url)
    else:
        return paras, "", None
    if problem:
        notes.append(warning(path, None, "bad-url", problem))
    return paras, url, trailer


def _from_front_matter(
    seed: SeedText, text: str, front: fm.FrontMatter, rules: Rules, notes: list[Diagnostic]
) -> NormalizedArticle | None:
    meta = front.meta
    try:
        title, date = fm.title_of(meta), fm.date_of(meta)
        source, authors = fm.people_of(meta, rules.outlets)
        fm.extra_fields(meta)
        tags = fm.names_value(meta, "tags")
        caption, section, summary = (fm.text_value(meta, k) for k in ("caption", "section", "summary"))
    except fm.Invalid as exc:
        notes.append(error(seed.path, fm.key_line(text, front, exc.key), "front-matter-value", str(exc)))
        return None
    body = front.body.strip()
    first = _first_paragraph(body)
    return NormalizedArticle(
        title=title,
        date=date,
        slug=fm.slug_of(meta, title, notes, seed.path),
        source=source,
        authors=authors,
        caption=caption,
        body=body,
        original_url=fm.url_of(meta, notes, seed.path),
        summary=summary or summarize(first),
        tags=tags
        if "tags" in meta
        else suggest_tags(title, _plain_paragraphs(body), rules.max_tags, (source, *authors)),
        section=section or _section(seed.path),
        seed=seed.path,
        seed_sha256=seed.sha256,
    )


def seed_extra(seed_text: str) -> dict[str, Any]:
    """The front-matter keys of a Markdown seed that NormalizedArticle has no field for (`draft`, …)."""
    front = fm.split_front_matter(strip_html(clean_text(seed_text))[0])
    if not isinstance(front, fm.FrontMatter):
        return {}
    try:
        return fm.extra_fields(front.meta)
    except fm.Invalid:
        return {}


def _date_notes(article: NormalizedArticle, rules: Rules, path: str) -> list[Diagnostic]:
    if article.date is None:
        return [warning(path, None, "no-date", "no date found; the article is listed under Undated")]
    day = article.date.date() if isinstance(article.date, dt.datetime) else article.date
    if rules.today and day > rules.today:
        return [warning(path, None, "future-date", f"the date {day.isoformat()} is in the future; kept as written")]
    return []


def _slug(title: str, seed: SeedText, notes: list[Diagnostic]) -> str:
    stem = seed.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = slugify(title, fallback=slugify(stem, fallback="article"))
    if len(title) > LONG_TITLE:
        notes.append(
            warning(
                seed.path,
                None,
                "long-title",
                f"the title is {len(title):,} characters long; its slug was cut to {MAX_LENGTH}",
            )
        )
    return slug


def _first_paragraph(markdown: str) -> str:
    for block in markdown.split("\n\n"):
        if block.strip() and not block.lstrip().startswith(("#", "!", ">", "```", "---")):
            return " ".join(block.split())
    return ""


def _plain_paragraphs(markdown: str) -> list[str]:
    return [" ".join(b.split()) for b in markdown.split("\n\n") if b.strip() and not b.lstrip().startswith("#")]


def _block_markdown(kind: str, text: str) -> str:
    return heading_markdown(text) if kind == "h" else paragraph_markdown(text)


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


def to_document(article: NormalizedArticle, extra: dict[str, Any] | None = None) -> str:
    """The canonical content file for an article, hashed; `extra` keys go before `draft` (contentfile.document)."""
    values = {name: getattr(article, name) for name in contentfile.ARTICLE_FIELDS}
    return contentfile.document(values, article.body, extra, hashed=True)
