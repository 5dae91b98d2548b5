"""Markdown to safe HTML: Python-Markdown, then the nh3 sanitiser.

Most news bodies are nothing but paragraphs and `##` subheadings of plain
prose. For those, `plain_html` writes the very bytes that Python-Markdown and
nh3 would (a test checks this on the whole BBC corpus and on random text) at
a fraction of the cost; anything else goes through the libraries.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
import nh3

from generator.site.timebudget import OverBudget, call_within

ALLOWED_TAGS = frozenset(nh3.ALLOWED_TAGS | {"figure", "figcaption"})
EXTENSIONS = ("tables", "fenced_code", "sane_lists")

# Characters that can start inline Markdown or HTML, or that either library escapes.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]<>&!{}|~\t]|  $|^ | $|https?://|www\.", re.MULTILINE)
# Spaces and invisible characters that the sanitiser writes as entities or that Markdown may strip.
_UNUSUAL_SPACE = re.compile(
    "[\x00-\x1f\x7f-\xa0\xad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]"
)
# What can start a block other than a paragraph: headings, quotes, lists, rules, code, tables, HTML.
_BLOCK_START = re.compile(r"^(?:#|>|[-+*=]|\d+[.)]|:|\s)", re.MULTILINE)
_HEADING = re.compile(r"## (?=\S)([^#\n]*[^#\s])$")


def new_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, output_format="html")


MAX_DEPTH = 50  # list, blockquote and bracket nesting that is converted; deeper bodies are shown as text
BUDGET_SECONDS = 5.0  # the longest one body's conversion may take
# Scanning cost (characters) of `[` and `](` left open or closed far away: Python-Markdown rescans from each.
MAX_BRACKET_SCAN = 2_000_000
# A line that might start with more than MAX_DEPTH levels of quotes, list markers and indentation.
_DEEP_LEAD = re.compile(rf"^[ \t>+*\-\d.)]{{{MAX_DEPTH + 1},}}", re.MULTILINE)
_LEAD = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t\n]|\Z)))*[ \t]*")
_MARKER = re.compile(r">|[-+*]|\d{1,9}[.)]")
_BRACKET = re.compile(r"\]\(|[\[\])]|\n[ \t]*\n")


@dataclass(frozen=True)
class Converted:
    """A body's HTML; `warning` says why it is shown as text when that was decided while converting
    (a body nested too deep is found when it is loaded, see `too_deep`); `final` is False when the
    outcome was the clock's, which another try may not repeat."""

    html: str
    warning: str = ""
    final: bool = True


def to_html(text: str, converter: markdown.Markdown) -> str:
    return convert(text, converter).html


def convert(text: str, converter: markdown.Markdown, budget: float | None = None) -> Converted:
    """The body as safe HTML; as escaped text when it is nested too deep or its conversion runs out of time."""
    fast = plain_html(text)
    if fast is not None:
        return Converted(fast)
    if too_deep(text) is not None:
        return Converted(as_text(text))
    seconds = BUDGET_SECONDS if budget is None else budget
    try:
        return Converted(call_within(seconds, _convert, text, converter))
    except OverBudget:
        return Converted(
            as_text(text), f"converting the body took longer than {seconds:g} s; it is shown as plain text", final=False
        )
    except RecursionError:
        return Converted(as_text(text), "the body is nested too deeply to convert; it is shown as plain text")


def _convert(text: str, converter: markdown.Markdown) -> str:
    converter.reset()
    return nh3.clean(converter.convert(text), tags=ALLOWED_TAGS)


def as_text(text: str) -> str:
    """The body shown as it is written: every character visible, nothing interpreted."""
    return f'<pre class="unrendered">{html.escape(text, quote=False)}</pre>'


def too_deep(text: str) -> tuple[int, str] | None:
    """(1-based line, message) where the body is nested deeper than Markdown is converted; None if it is not."""
    return _deep_blocks(text) or _deep_brackets(text)


def _deep_blocks(text: str) -> tuple[int, str] | None:
    for candidate in _DEEP_LEAD.finditer(text):
        found = _LEAD.match(text, candidate.start())
        lead = found.group() if found else ""
        width = lead.count(" ") + 4 * lead.count("\t")
        if len(_MARKER.findall(lead)) + width // 4 > MAX_DEPTH:
            line = text.count("\n", 0, candidate.start()) + 1
            return line, f"lists or blockquotes nested deeper than {MAX_DEPTH} levels; the body is shown as plain text"
    return None


def _deep_brackets(text: str) -> tuple[int, str] | None:
    """Brackets nested deeper than MAX_DEPTH, or left open across so much text that converting would crawl."""
    if "[" not in text:
        return None
    square: list[int] = []
    paren: list[int] = []
    cost = 0
    for token in _BRACKET.finditer(text):
        kind, at = token.group(), token.start()
        if kind == "[":
            square.append(at)
        elif kind in ("]", "]("):
            cost += at - square.pop() if square else 0
            if kind == "](":
                paren.append(at)
        elif kind == ")":
            cost += at - paren.pop() if paren else 0
        else:  # a blank line ends the block: what is still open was scanned to here
            cost += sum(at - p for p in square) + sum(at - p for p in paren)
            square, paren = [], []
        if len(square) > MAX_DEPTH or len(paren) > MAX_DEPTH or cost > MAX_BRACKET_SCAN:
            line = text.count("\n", 0, at) + 1
            return line, f"brackets nested deeper than {MAX_DEPTH} levels or left open; the body is shown as plain text"
    cost += sum(len(text) - p for p in square) + sum(len(text) - p for p in paren)
    if cost > MAX_BRACKET_SCAN:
        line = text.count("\n", 0, (square or paren)[0]) + 1
        return line, f"brackets nested deeper than {MAX_DEPTH} levels or left open; the body is shown as plain text"
    return None


def plain_html(text: str) -> str | None:
    """HTML for a body of plain paragraphs and `## ` subheadings; None for anything richer."""
    if _INLINE_SYNTAX.search(text) or _UNUSUAL_SPACE.search(text.replace("\n", " ")):
        return None
    blocks = [b for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]
    html = []
    for block in blocks:
        heading = _HEADING.fullmatch(block)
        if heading:
            html.append(f"<h2>{heading.group(1)}</h2>")
        elif _BLOCK_START.search(block) or "\n" in block:
            return None
        else:
            html.append(f"<p>{block}</p>")
    return "\n".join(html)
