"""PURE. The rules a content file's front matter follows when the site reads it: YAML that is a mapping
with text keys (read through safeyaml), no control characters, and each field's value of its kind."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from generator import safeyaml
from generator.contentfile.schema import FIELDS, Kind
from generator.slugs import MAX_SEGMENT_BYTES, slugify

DATE_MESSAGE = "date must be an ISO date such as 2014-03-05, not {}"
# C0 controls but tab and newline, and DEL: never part of a page. Refused in front matter (an error naming the key).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/]+")
_UNSAFE_IN_PATH = re.compile(r"[\s?#\\]")
ALIAS_USAGE = "aliases must be a URL path or a list of them, such as [/old/path/, /2014/old.html]"


class Invalid(Exception):
    """A field whose value breaks its rule: `key` is the field (for its line), the message says why."""

    def __init__(self, key: str | None, message: str):
        super().__init__(message)
        self.key = key


def load_block(block: str) -> Any:
    """The front matter's YAML, parsed by safeyaml; Refused too for a mapping key that is not text."""
    loaded = safeyaml.load(block)
    if isinstance(loaded, dict):
        odd = next((key for key in loaded if not isinstance(key, str)), None)
        if odd is not None or None in loaded:
            raise safeyaml.Refused(f"every front-matter key must be text, such as `title:`, not {odd!r}", None)
    return loaded


def char_code(char: str) -> str:
    return f"U+{ord(char):04X}"


def no_control_characters(meta: dict[str, Any]) -> None:
    """Raise Invalid naming the top-level key whose text (at any depth) holds a control character."""
    for key, value in meta.items():
        stack = [key, value]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(itertools.chain.from_iterable(item.items()))
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str) and (found := CONTROL.search(item)):
                raise Invalid(str(key), f"{key} contains the control character {char_code(found.group())}; remove it")


def article_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """The Article's fields from parsed front matter, each checked against its kind; raises Invalid.
    Checked in this order, so that a file with several problems is always told of the same one first."""
    title = text_value(meta, "title")
    if not title:
        raise Invalid("title", "missing title: every article needs `title:`")
    slug = text_value(meta, "slug") or slugify(title)
    if len(slug.encode("utf-8")) > MAX_SEGMENT_BYTES:
        raise Invalid(
            "slug",
            f"slug is {len(slug.encode('utf-8')):,} bytes long; a URL segment may be at most {MAX_SEGMENT_BYTES}",
        )
    if not _SLUG.match(slug):
        raise Invalid("slug", f"slug {slug!r} must be lower-case ASCII words joined by hyphens")
    url = text_value(meta, "original_url")
    if url and not _URL.match(url):
        raise Invalid("original_url", f"original_url must be an http(s) URL, not {url!r}")
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        raise Invalid("draft", f"draft must be true or false, not {draft!r}")
    extra = tuple(sorted((k, v) for k, v in meta.items() if k not in FIELDS and isinstance(k, str)))
    # The other fields, in the schema's order: each read by its kind's rule alone.
    plain = {name: _READ[kind](meta, name) for name, kind in FIELDS.items() if kind in _READ and name != "title"}
    return {"title": title, "slug": slug, "original_url": url, "draft": draft, "extra": extra, **plain}


def text_value(meta: dict[str, Any], key: str, also: tuple[type, ...] = ()) -> str:
    """A text field: text or a number, stripped ("" when absent); `also` admits more types (a Markdown
    seed's dates, say), written as text."""
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (str, int, float, *also)) and not isinstance(value, bool):
        return str(value).strip()
    raise Invalid(key, f"{key} must be text, not {type(value).__name__}")


def names_value(meta: dict[str, Any], key: str, squeeze: bool = False) -> tuple[str, ...]:
    """A list of names (or one comma-separated text), each stripped, without repeats or empties;
    `squeeze` also turns every run of spaces inside a name into one."""
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise Invalid(key, f"{key} must be a list of names, such as [Crimea, Russia]")
    names = (" ".join(str(v).split()) if squeeze else str(v).strip() for v in value)
    return tuple(dict.fromkeys(n for n in names if n))


def paths_value(meta: dict[str, Any], key: str) -> tuple[str, ...]:
    """Site URL paths (one text, or a list of them), without repeats: each starts with /, has no . or ..
    segment, no space, ?, # or backslash, and names a page: it ends with / (a folder's index.html) or .html."""
    value = meta.get(key)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise Invalid(key, ALIAS_USAGE)
    for path in values:
        _check_path(key, path)
    return tuple(dict.fromkeys(values))


def _check_path(key: str, path: str) -> None:
    if not path.startswith("/"):
        raise Invalid(key, f"alias {path!r} must start with /, as a path of the site such as /old/path/")
    segments = path.split("/")[1:-1]
    if any(segment in (".", "..", "") for segment in segments):
        raise Invalid(key, f"alias {path!r} must not have empty, . or .. segments")
    if _UNSAFE_IN_PATH.search(path):
        raise Invalid(key, f"alias {path!r} must not contain spaces, ?, # or backslashes")
    if not (path.endswith("/") or path.endswith(".html")) or path.rsplit("/", 1)[-1] == ".html":
        raise Invalid(key, f"alias {path!r} must name a page: end with / or .html")
    if any(len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES for segment in path.split("/")):
        raise Invalid(key, f"alias {path!r} has a segment longer than {MAX_SEGMENT_BYTES} bytes")


def _date(meta: dict[str, Any], key: str) -> dt.date | None:
    value = meta.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise Invalid("date", DATE_MESSAGE.format(repr(value)))


_READ: Mapping[Kind, Callable[[dict[str, Any], str], Any]] = MappingProxyType(
    {Kind.TEXT: text_value, Kind.DATE: _date, Kind.NAMES: names_value, Kind.PATHS: paths_value}
)
