"""PURE. A seed's text -> Markdown that renders as exactly that text.

Seeds are scraped text, not trusted HTML or Markdown: `Du Pont Co <DD>` (a wire ticker), `*`, `_`,
backticks, `[a](b)`, `&amp;` and a leading `1.`, `-` or `>` must reach the page as written. Only what
Python-Markdown would take for syntax is escaped, so that ordinary prose stays readable in content/.
"""

from __future__ import annotations

import re

__all__ = ["heading_markdown", "paragraph_markdown"]

# A backslash that Markdown would read as an escape: one before ASCII punctuation.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_EMPHASIS_OR_CODE = re.compile(r"[`*_]")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# A `]` that a link or a reference could follow: then every `[` of the paragraph is escaped.
_LINK_CLOSE = re.compile(r"\]\s*[(\[]")
_BLOCK_START = re.compile(r"^(?:#|>|[-+]\s|[-+]$|\d+[.)](?:\s|$)|={3,}|-{3,}|~{3,}|\[[^\]]*\]:|\|)")


def inline_markdown(text: str) -> str:
    """Text with every character Markdown or HTML would interpret escaped."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _EMPHASIS_OR_CODE.sub(lambda m: "\\" + m.group(), text)
    if _LINK_CLOSE.search(text):
        text = text.replace("[", "\\[")
    return _ENTITY.sub("&amp;", text).replace("<", "&lt;")


def paragraph_markdown(text: str) -> str:
    """A paragraph that stays one paragraph of exactly this text."""
    text = inline_markdown(text)
    if not _BLOCK_START.match(text):
        return text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text) if text[:1].isdigit() else "\\" + text


def heading_markdown(text: str) -> str:
    """A `## ` subheading of exactly this text (a trailing `#` run is not a closing sequence)."""
    return "## " + re.sub(r"#+$", lambda m: "\\" + m.group(0), inline_markdown(text))
