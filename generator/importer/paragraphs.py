"""PURE. A seed's body lines -> paragraphs and subheadings, a photo caption and the original URL.

Hard-wrapped lines are unwrapped: a line break is a paragraph break only where the
next word would have fitted on the line (or where an indented line starts a
paragraph, as wire copy does). Paragraphs split mid-sentence are joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.importer.captions import caption_found, starts_with_dateline
from generator.importer.wordlists import FUNCTION_WORDS

_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’", "'", "…", "»")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)(?:\s+#+)?$|^(?:\*\*|__)(?P<bold>[^*_].*?)(?:\*\*|__)$")
_BULLET = re.compile(r"^(?:[-*•+·▪]\s+|\d{1,3}[.)]\s+)")
_DEFAULT_WIDTH = 78


@dataclass(frozen=True)
class Para:
    text: str
    lines: int = 1  # source lines it was unwrapped from
    mark: str = ""  # "heading" or "bullet" when the seed said so with Markdown


@dataclass(frozen=True)
class Body:
    blocks: tuple[tuple[str, str], ...]  # ("p" | "h", text)
    caption: str
    caption_rule: str = ""  # how the caption was told from the lead (provenance, for import --explain)
    rejoined: int = 0  # paragraphs split mid-sentence that were joined to the one before


def read_body(paras: list[Para]) -> Body:
    """Paragraphs (the trailer already taken off) -> caption, rejoined paragraphs, subheadings."""
    caption = rule = ""
    if len(paras) > 1 and paras[0].mark != "heading":
        caption, rule = caption_found(paras[0].text, paras[0].lines, paras[1].text)
    rest = paras[1:] if caption else paras
    joined = rejoin(rest)
    return Body(tuple(_kinds(joined)), caption, rule, len(rest) - len(joined))


def split_paragraphs(lines: list[str]) -> list[Para]:
    blocks = _blocks(lines)
    width = _wrap_width(blocks)
    return [_para(group) for block in blocks for group in _split_block(block, width)]


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks, current = [], []
    for line in lines + [""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def _wrap_width(blocks: list[list[str]]) -> int:
    """The width the text was wrapped at: most lines that go on to another line reach it."""
    lengths = sorted(len(line.strip()) for block in blocks for line in block[:-1])
    if len(lengths) < 3:
        return max(lengths + [_DEFAULT_WIDTH])
    return lengths[int(len(lengths) * 0.9) - 1 if len(lengths) >= 10 else -1]


def _split_block(block: list[str], width: int) -> list[list[str]]:
    indents = [len(line) - len(line.lstrip()) for line in block]
    base = min(indents)
    indented = [i for i in range(1, len(block)) if indents[i] > base]
    by_indent = bool(indented) and len(indented) < len(block) - 1
    groups = [[block[0].strip()]]
    for i in range(1, len(block)):
        prev, line = block[i - 1].strip(), block[i].strip()
        if by_indent:
            starts = indents[i] > base
        else:
            starts = len(prev) + 1 + len(line.split()[0]) <= width
        if starts or _own_line(line, prev) or _own_line(prev) and not _BULLET.match(prev):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _own_line(line: str, prev: str = ".") -> bool:
    """A Markdown heading, image or list item; not a wrapped line that happens to start with a dash."""
    bullet = _BULLET.match(line)
    if bullet and not prev.endswith(_SENTENCE_END) and not _BULLET.match(prev):
        return False
    return bool(_HEADING.match(line) or bullet or line.startswith("!["))


def _para(group: list[str]) -> Para:
    pieces, tail = [group[0]], group[0][-2:]  # joined once at the end: adding line by line is quadratic
    for line in group[1:]:
        glued = tail.endswith("-") and tail[-2:-1].isalpha() and line[:1].isalpha()
        pieces.append(line if glued else f" {line}")
        tail = (tail + pieces[-1])[-2:]
    text = " ".join("".join(pieces).split())
    heading = _HEADING.match(text) if len(group) == 1 else None
    if heading:
        return Para((heading.group("text") or heading.group("bold")).strip(), 1, "heading")
    return Para(text, len(group), "bullet" if _BULLET.match(text) else "")


def rejoin(paras: list[Para]) -> list[Para]:
    """Join paragraphs that were split in the middle of a sentence."""
    joined: list[Para] = []
    for para in paras:
        if joined and _continues(joined[-1], para):
            last = joined[-1]
            joined[-1] = replace(last, text=f"{last.text} {para.text}", lines=last.lines + para.lines)
        else:
            joined.append(para)
    return joined


def _continues(prev: Para, para: Para) -> bool:
    text = _BULLET.sub("", para.text, count=1) if para.mark == "bullet" else para.text
    first, words = text[:1], prev.text.split()
    if prev.mark or para.mark == "heading" or not first or _ends_sentence(prev.text, first):
        return False
    if para.mark == "bullet" and (prev.text.endswith(_SENTENCE_END) or not para.text.startswith(("-", "–", "—"))):
        return False
    if first.islower() or prev.text.endswith((",", ";", "-", "–", "—", "(", "/", "&")):
        return True
    if words[-1].lower() in FUNCTION_WORDS:
        return True
    return len(words) >= 12 and first.isupper() and not prev.text.isupper() and not prev.text.endswith((")", "]"))


def _ends_sentence(text: str, following: str) -> bool:
    """`said.` ends one; `called it "a farce"` ends one only if what follows starts a new one."""
    if text.endswith((".", "!", "?", ":", "…")):
        return True
    bare = text.rstrip("\"”’'»)")
    return text.endswith(_SENTENCE_END) and (bare.endswith((".", "!", "?", ":", "…")) or not following.islower())


def _kinds(paras: list[Para]) -> list[tuple[str, str]]:
    return [
        ("h" if para.mark == "heading" or _is_subheading(paras, i) else "p", para.text) for i, para in enumerate(paras)
    ]


def _is_subheading(paras: list[Para], i: int) -> bool:
    """A short line between two whole paragraphs, not one of a run of short lines (a list or a table)."""
    if i == 0 or i == len(paras) - 1 or paras[i].lines != 1 or paras[i].mark:
        return False
    text, prev, following = paras[i].text, paras[i - 1].text, paras[i + 1].text
    if not _heading_shaped(text) or starts_with_dateline(text):
        return False
    if not prev.endswith(_SENTENCE_END) or _short_line(paras[i + 1]):
        return False
    return following[0].isupper() or following[0].isdigit() or following[0] in "\"“‘'"


def _heading_shaped(text: str) -> bool:
    words, bare = text.split(), text.rstrip("\"”’'»")
    return (
        len(words) <= 12
        and len(text) <= 90
        and not bare.endswith((".", "!", "??", ",", ";", ":", "-", "–", "—"))
        and not re.search(r"[.!?]\s", text)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'")
        and sum(c.isdigit() for c in text) * 4 < len(text)
        and any(len(w) > 2 and w.isalpha() for w in words)
    )


def _short_line(para: Para) -> bool:
    return para.lines == 1 and len(para.text.split()) <= 12 and not para.text.endswith(_SENTENCE_END)
