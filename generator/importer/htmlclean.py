"""PURE. Canonical text, and raw HTML taken out of a seed.

Only real HTML tags are touched: `<Lucky Stores Inc>` (a wire-service ticker)
and `1 < 2 & 3` stay exactly as written.
"""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

_ELEMENTS = (
    "a abbr address applet area article aside audio b base bdi bdo big blink blockquote body br button canvas "
    "caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed "
    "fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe "
    "img input ins kbd label legend li link main map mark marquee math meta meter nav noscript object ol "
    "optgroup option output p param picture pre progress q rp rt ruby s samp script section select small "
    "source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time "
    "title tr track tt u ul var video wbr xml"
).split()
_BLOCKS = "p|div|h[1-6]|li|ul|ol|tr|table|blockquote|section|article|header|footer|figure|figcaption|pre|dd|dt|hr"
_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
        "applet",
        "frame",
        "frameset",
        "head",
        "select",
        "textarea",
        "button",
    }
)
_ATTRS = r"""(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?)*\s*/?"""
_TAG = re.compile(
    rf"<(?P<close>/?)(?P<name>{'|'.join(_ELEMENTS)})(?P<attrs>{_ATTRS})>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_HANDLER = re.compile(r"\s(on[a-z]+)\s*=", re.IGNORECASE)
_BREAK = re.compile(rf"<\s*br\s*/?>|<\s*/?\s*(?:{_BLOCKS})\b[^<>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u2060\u00ad]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def clean_text(text: str) -> str:
    """Canonical text: NFC, `\\n` line endings, no NUL or other control, tabs expanded, no trailing spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", _INVISIBLE.sub("", text))
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).expandtabs(4)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def strip_html(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without its real HTML tags (script and the like with their content), and what was removed."""
    found = [m for m in _TAG.finditer(text) if _is_real_tag(m)]
    if not found:
        return text, ()
    removed = sorted(
        {f"<{m.group('name').lower()}>" for m in found if m.group("name")}
        | {h.lower() for m in found if m.group("attrs") for h in _HANDLER.findall(m.group("attrs"))}
    )
    if any(m.group(0).startswith("<!--") for m in found):
        removed.append("comments")
    escaped = _escape_all_but_tags(text, found)
    escaped = _BREAK.sub("\n\n", escaped)
    cleaned = nh3.clean(escaped, tags=set(), clean_content_tags=_DROP_WITH_CONTENT, strip_comments=True)
    return html.unescape(cleaned), tuple(removed)


def _is_real_tag(match: re.Match) -> bool:
    """`<p>`, `<a href=…>`, `<script>`; not `<A and B>` (a ticker), which has bare words for attributes."""
    attrs = (match.group("attrs") or "").strip(" /")
    name = match.group("name") or ""
    return not attrs or "=" in attrs or name.islower()


def _escape_all_but_tags(text: str, tags: list[re.Match]) -> str:
    """Escape `&` and `<` everywhere but in the tags, so the sanitiser gives the text back unchanged."""
    pieces, last = [], 0
    for match in tags:
        pieces.append(_escape(text[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_escape(text[last:]))
    return "".join(pieces)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")
