"""PURE. Seeds that are already front-matter Markdown: their metadata is validated and kept, their
Markdown body kept as written. `---` is never taken for a title.

A seed's front matter is looser than a content file's (generator.contentfile): blank lines may come
before the opening `---`, `...` may close it, and `author`, `byline` and `url` stand for fields; so
its split and its key lookup are its own."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator import safeyaml
from generator.contentfile import FIELDS, Invalid, fields
from generator.diagnostics import Diagnostic, error, warning
from generator.importer.byline import read_byline
from generator.importer.dates import ImpossibleDate, parse_date_line
from generator.importer.trailer import checked_url
from generator.slugs import MAX_LENGTH, slugify

_OPEN = re.compile(r"\A(\n*)---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The keys a seed's front matter may set: a content file's fields (contentfile.FIELDS; `draft` is kept
# with the other keys the normaliser has no field for, see extra_fields) and the names seeds also use.
# `aliases` (a field the normaliser has none for) is kept so too, and so reaches the content file.
KNOWN = (frozenset(FIELDS) - {"draft", "aliases"}) | {"author", "byline", "url"}


@dataclass(frozen=True)
class FrontMatter:
    meta: dict[str, Any]
    body: str
    first_line: int  # the line of the opening `---`


def split_front_matter(text: str) -> FrontMatter | Diagnostic | None:
    """The front matter of a seed that has one; a Diagnostic when it is broken; None for a plain seed."""
    opening = _OPEN.match(text)
    if not opening:
        return None
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return None
    block = text[opening.end() : closing.start()]
    first_line = len(opening.group(1)) + 1
    if not block.strip() or not _KEY_LINE.match(block.lstrip("\n")):
        return None
    try:
        meta = safeyaml.load_seed(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + 1 + mark.line if mark else first_line
        return error(
            "", line, "front-matter-syntax", f"invalid YAML in the front matter: {getattr(exc, 'problem', exc)}"
        )
    except (ValueError, OverflowError) as exc:  # a date-shaped value that is no date: "2014-13-01"
        return error("", first_line, "front-matter-value", f"invalid value in the front matter: {exc}")
    except RecursionError:
        return error("", first_line, "front-matter-syntax", "invalid YAML in the front matter: it is nested too deeply")
    if not isinstance(meta, dict):
        return error("", first_line, "front-matter-type", "the front matter must be a mapping of `key: value` lines")
    return FrontMatter({str(k): v for k, v in meta.items()}, text[closing.end() :].strip("\n"), first_line)


def key_line(text: str, front: FrontMatter, key: str | None) -> int:
    """The line `key:` is on in a seed's front matter; the front matter's first line when it is not there."""
    if key is None:
        return front.first_line
    lines = text.split("\n")
    for i in range(front.first_line, len(lines)):
        if re.match(rf"^{re.escape(key)}\s*:", lines[i]):
            return i + 1
        if _CLOSE.match(lines[i]):
            break
    return front.first_line


def title_of(meta: dict[str, Any]) -> str:
    title = text_value(meta, "title")
    if not title:
        raise Invalid("title", "the front matter has no title: every article needs `title:`")
    return " ".join(title.split())


def date_of(meta: dict[str, Any]) -> dt.date | None:
    value = meta.get("date")
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            found = parse_date_line(value)
        except ImpossibleDate as exc:
            raise Invalid("date", str(exc)) from None
        if found:
            return found
    raise Invalid("date", f"date {value!r} is not a date; write it as 2014-03-05")


def slug_of(meta: dict[str, Any], title: str, notes: list[Diagnostic], path: str) -> str:
    given = text_value(meta, "slug")
    if not given:
        return slugify(title)
    if _SLUG.match(given) and len(given) <= MAX_LENGTH:
        return given
    fixed = slugify(given)
    notes.append(
        warning(
            path,
            None,
            "bad-slug",
            f"slug {given!r} is not lower-case ASCII words joined by hyphens; it became {fixed!r}",
        )
    )
    return fixed


def people_of(meta: dict[str, Any], outlets: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """(source, authors), from `source`, `authors`, `author` or a `byline`."""
    source = text_value(meta, "source")
    authors = names_value(meta, "authors") or names_value(meta, "author")
    byline_text = text_value(meta, "byline")
    if byline_text and not authors:
        byline = read_byline(byline_text if byline_text.lower().startswith("by") else f"By {byline_text}", outlets)
        if byline:
            source, authors = source or byline.source, byline.authors
    return source, authors


def url_of(meta: dict[str, Any], notes: list[Diagnostic], path: str) -> str:
    given = text_value(meta, "original_url") or text_value(meta, "url")
    if not given:
        return ""
    url, problem = checked_url(given)
    if problem:
        notes.append(warning(path, None, "bad-url", problem))
    return url


def extra_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """Every key the normaliser has no field for, `draft` among them, kept as it was."""
    extra = {k: plain(v) for k, v in meta.items() if k not in KNOWN}
    draft = extra.get("draft", False)
    if not isinstance(draft, bool):
        raise Invalid("draft", f"draft must be true or false, not {draft!r}")
    return extra


def text_value(meta: dict[str, Any], key: str) -> str:
    """A content file's text rule; a seed may also give a date as text."""
    return fields.text_value(meta, key, also=(dt.date,))


def names_value(meta: dict[str, Any], key: str) -> tuple[str, ...]:
    """A content file's names rule, with the spaces inside each name squeezed."""
    return fields.names_value(meta, key, squeeze=True)


def plain(value: Any) -> Any:
    """A value the front-matter writer can write: text, numbers, booleans, dates, lists and mappings."""
    if value is None or isinstance(value, (str, bool, int, float, dt.date)):
        return value
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)
