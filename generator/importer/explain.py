"""PURE. `import --explain SEED`: how the importer read one seed, field by field (which line, which rule),
then what it did to the paragraphs and why. Made from the provenance the parsing functions return
(`normalize_traced`), so it explains the same reading an import does, not a second opinion.

    title      line 1   first line of text
    byline     line 3   'By [Name](#)' link form  -> Jane Doe; source Reuters
    date       line 5   date line 'Month D, YYYY'  -> 2014-03-05
    caption    line 7   FILE PHOTO: prefix
    trailer    line 40  'Original url:'  -> https://…
"""

from __future__ import annotations

from generator import contentfile
from generator.importer import markdownseed as fm
from generator.importer.decode import decode_bytes
from generator.importer.htmlclean import clean_text
from generator.importer.normalize import Rules, Traced, normalize_traced
from generator.importer.paragraphs import Para
from generator.model import NormalizedArticle, SeedText

_KEYS = ("title", "date", "slug", "source", "authors", "caption", "original_url", "section", "tags", "summary")


def explain_bytes(name: str, data: bytes, rules: Rules | None = None) -> list[str]:
    """explain() of a seed file's bytes, or why they are not text."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        return [f"{name}: not imported: {decoded.reason}"]
    return explain(SeedText(name, decoded.text, ""), rules)


def explain(seed: SeedText, rules: Rules | None = None) -> list[str]:
    """The explanation's lines for one decoded seed."""
    traced = normalize_traced(seed, rules or Rules())
    text = clean_text(seed.text)
    lines = [f"{seed.path}: {'front-matter Markdown' if _has_front_matter(text) else 'plain-text'} seed"]
    if traced.header is None and traced.article is not None:
        lines += _front_matter_fields(text, traced.article)
    elif traced.header is not None:
        lines += _header_fields(traced)
        lines += _body_fields(traced, text.split("\n"))
    if traced.article is not None:
        lines += _derived(traced.article)
    else:
        lines.append("not imported: " + next((n.message for n in traced.notes if n.severity == "error"), "no article"))
    lines += [f"{note.severity:10} {_at(note.line)}{note.message}" for note in traced.notes]
    return lines


def _has_front_matter(text: str) -> bool:
    return isinstance(fm.split_front_matter(text), fm.FrontMatter)


def _row(field: str, line: int | None, rule: str, value: str = "") -> str:
    where = f"line {line}" if line else ""
    return f"{field:10} {where:8} {rule}" + (f"  -> {value}" if value else "")


def _at(line: int | None) -> str:
    return f"line {line}: " if line else ""


def _header_fields(traced: Traced) -> list[str]:
    header, article = traced.header, traced.article
    assert header is not None
    values = {
        "title": header.title,
        "byline": "; ".join(
            part
            for part in (
                ", ".join(header.byline.authors),
                f"source {header.byline.source}" if header.byline.source else "",
            )
            if part
        ),
        "date": article.date.isoformat() if article and article.date else "",
        "source": header.source,
        "url": header.url,
    }
    rows = [_row(f.field, f.line, f.rule, values.get(f.field, "") if f.field != "title" else "") for f in header.found]
    missing = [name for name in ("byline", "date") if name not in {f.field for f in header.found}]
    return rows + [_row(name, None, "none found") for name in missing]


def _body_fields(traced: Traced, lines: list[str]) -> list[str]:
    header, body, split = traced.header, traced.body, traced.paragraphs
    assert header is not None
    start = header.body_start if not header.held else 0
    rows = []
    if body is not None and body.caption:
        rows.append(_row("caption", _line_of(lines, split[0], start), body.caption_rule))
    if traced.trailer is not None:
        para = split[traced.trailer.start] if traced.trailer.start < len(split) else None
        label = f"{traced.trailer.label!r} label" if traced.trailer.label else "a URL alone on the last line"
        rows.append(_row("trailer", _line_of(lines, para, start), label, traced.trailer.url))
    if body is not None:
        rows.append(_paragraphs(body.blocks, split, body.rejoined))
    return rows


def _paragraphs(blocks: tuple[tuple[str, str], ...], split: tuple[Para, ...], rejoined: int) -> str:
    unwrapped = [p for p in split if p.lines > 1]
    kinds = [kind for kind, _ in blocks]
    parts = [f"{kinds.count('p')} paragraphs"]
    if unwrapped:
        parts.append(f"{len(unwrapped)} unwrapped from hard-wrapped lines (a line break where the next word fitted)")
    if rejoined:
        parts.append(f"{rejoined} split mid-sentence and joined to the one before")
    if kinds.count("h"):
        parts.append(f"{kinds.count('h')} subheadings (short lines between whole paragraphs, or Markdown headings)")
    return _row("body", None, "; ".join(parts))


def _line_of(lines: list[str], para: Para | None, start: int) -> int | None:
    """The seed line a paragraph starts on: the first one at or after `start` that it begins with."""
    if para is None:
        return None
    words = para.text.split()[:4]
    for index in range(start, len(lines)):
        line_words = lines[index].split()
        if line_words and line_words[: len(words)] == words[: len(line_words)]:
            return index + 1
    return None


def _front_matter_fields(text: str, article: NormalizedArticle) -> list[str]:
    front = fm.split_front_matter(text)
    meta = front.meta if isinstance(front, fm.FrontMatter) else {}
    rows = []
    for key in _KEYS:
        if key in meta:
            rows.append(_row(key, contentfile.key_line(text, key), f"'{key}:' key of the front matter"))
    return rows


def _derived(article: NormalizedArticle) -> list[str]:
    rows = [_row("slug", None, "from the title", article.slug)]
    if article.section:
        rows.append(_row("section", None, "from the seed's folder", article.section))
    if article.tags:
        rows.append(_row("tags", None, "suggested from the names the text repeats", ", ".join(article.tags)))
    return rows
