"""Reads `content/**.md` into `Article` or `Diagnostic`: validated front matter and the body's hash.

The body's HTML is not kept in the Article: the page that shows it gets it from the body
store when it is rendered (see bodies), so a build never holds every body in memory.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator import contentfile, safeyaml
from generator.contentfile import DATE_MESSAGE, Invalid, key_line
from generator.diagnostics import Diagnostic, error, warning
from generator.model import Article
from generator.site.discover import ContentFiles, content_files
from generator.site.markup import too_deep

__all__ = ["ContentFiles", "content_files", "parse_article", "parse_bytes"]


def load_file(path: Path, rel: str) -> Article | Diagnostic:
    """One content file -> Article, or the Diagnostic that says what is wrong and where."""
    return parse_bytes(path.read_bytes(), rel)


def _front_matter(text: str, rel: str) -> tuple[dict[str, Any], str] | Diagnostic:
    """The parsed front matter (a mapping, or empty when it is none) and the body, or the Diagnostic
    for YAML that cannot or may not be read."""
    block, body = contentfile.split(text)
    try:
        loaded = None if block is None else contentfile.load_block(block)
    except safeyaml.Refused as exc:
        return error(rel, exc.line, "front-matter-refused", str(exc))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None  # 0-based, in a YAML text that starts after the opening ---
        return error(rel, line, "front-matter-syntax", f"invalid YAML: {exc.problem or exc.context}")
    except ValueError:  # PyYAML's timestamp constructor, for a date such as 2014-02-30
        raw = re.search(r"^date:[ \t]*(.*)$", text, re.MULTILINE)
        return error(
            rel,
            key_line(text, "date"),
            "front-matter-value",
            DATE_MESSAGE.format(repr(raw.group(1).strip() if raw else "")),
        )
    except yaml.YAMLError as exc:
        return error(rel, 1, "front-matter-syntax", f"invalid front matter: {exc}")
    return (loaded if isinstance(loaded, dict) else {}), body


def parse_article(text: str, rel: str) -> Article | Diagnostic:
    text = text.replace("\r\n", "\n")
    if not text.startswith(contentfile.OPENING):
        return error(rel, 1, "no-front-matter", "the file must start with a `---` front-matter block")
    fm_end, body_start = contentfile.block_ends(text)
    control = contentfile.CONTROL.search(text, 0, fm_end)
    if control:
        return error(
            rel,
            text.count("\n", 0, control.start()) + 1,
            "front-matter-control",
            f"front matter contains the control character {contentfile.char_code(control.group())}; remove it",
        )
    parsed = _front_matter(text, rel)
    if isinstance(parsed, Diagnostic):
        return parsed
    meta, body = parsed
    if not meta and not _is_mapping(text):
        return error(rel, 2, "front-matter-type", "the front matter must be a mapping of `key: value` lines")
    try:
        contentfile.no_control_characters(meta)
        fields = contentfile.article_fields(meta)
    except Invalid as exc:
        return error(rel, key_line(text, exc.key), "front-matter-value", str(exc))
    return Article(
        path=rel,
        body_key=contentfile.body_key(body),
        slug_line=key_line(text, "slug" if "slug" in meta else "title"),
        aliases_line=key_line(text, "aliases") if fields["aliases"] else None,
        warnings=_body_warnings(body, rel, text, body_start),
        **fields,
    )


def _body_warnings(body: str, rel: str, text: str, body_start: int) -> tuple[Diagnostic, ...]:
    """A body nested too deep to convert is shown as text (markup.convert); say so, with the line."""
    deep = too_deep(body)
    if deep is None:
        return ()
    line, message = deep
    return (warning(rel, text.count("\n", 0, body_start) + line, "markdown-too-deep", message),)


def not_utf8(rel: str, data: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    line = data[: exc.start].count(b"\n") + 1
    return error(rel, line, "encoding", f"not UTF-8 text ({exc.reason} at byte {exc.start})")


def _is_mapping(text: str) -> bool:
    """Whether front matter that gave no mapping is still one (empty, or `{}`): the text from the line
    after the opening `---` to the next line that starts with `---`, parsed on its own."""
    block = text[4:].split("\n---", 1)[0]
    try:
        return isinstance(safeyaml.load(block), (dict, type(None)))
    except (yaml.YAMLError, ValueError):
        return False


def parse_bytes(data: bytes, rel: str) -> Article | Diagnostic:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return not_utf8(rel, data, exc)
    return parse_article(text, rel)
