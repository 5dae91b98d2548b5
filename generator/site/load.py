"""Reads `content/**.md` into `Article` or `Diagnostic`: validated front matter and the body's hash.

The body's HTML is not kept in the Article: the page that shows it gets it from the body
store when it is rendered (see bodies), so a build never holds every body in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from generator import safeyaml
from generator.diagnostics import Diagnostic, error, warning
from generator.model import Article
from generator.site.discover import ContentFiles, content_files
from generator.site.markup import too_deep
from generator.slugs import MAX_SEGMENT_BYTES, slugify

KNOWN_KEYS = (
    "title",
    "date",
    "slug",
    "source",
    "authors",
    "original_url",
    "caption",
    "section",
    "tags",
    "summary",
    "seed",
    "seed_sha256",
    "content_sha256",
    "draft",
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_MESSAGE = "date must be an ISO date such as 2014-03-05, not {}"
_BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)  # python-frontmatter's YAML boundary
# C0 controls but tab and newline, and DEL: never part of a page. Refused in front matter (an error naming the key).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


class _Handler(frontmatter.YAMLHandler):
    """python-frontmatter's YAML handler with the alias-refusing loader (see safeyaml)."""

    def load(self, fm: str, **kwargs: object) -> Any:
        loaded = safeyaml.load(fm)
        if isinstance(loaded, dict):  # python-frontmatter passes the keys on as keyword arguments
            odd = next((key for key in loaded if not isinstance(key, str)), None)
            if odd is not None or None in loaded:
                raise safeyaml.Refused(f"every front-matter key must be text, such as `title:`, not {odd!r}", None)
        return loaded


_HANDLER = _Handler()
__all__ = ["ContentFiles", "content_files", "parse_article", "parse_bytes", "read_body", "split_body"]


class _Invalid(Exception):
    def __init__(self, key: str | None, message: str):
        super().__init__(message)
        self.key = key


def load_file(path: Path, rel: str) -> Article | Diagnostic:
    """One content file -> Article, or the Diagnostic that says what is wrong and where."""
    return parse_bytes(path.read_bytes(), rel)


def _front_matter(text: str, rel: str) -> frontmatter.Post | Diagnostic:
    """The parsed front matter and body, or the Diagnostic for YAML that cannot or may not be read."""
    try:
        return frontmatter.loads(text, handler=_HANDLER)
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
            _key_line(text, "date"),
            "front-matter-value",
            _DATE_MESSAGE.format(repr(raw.group(1).strip() if raw else "")),
        )
    except yaml.YAMLError as exc:
        return error(rel, 1, "front-matter-syntax", f"invalid front matter: {exc}")


def parse_article(text: str, rel: str) -> Article | Diagnostic:
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return error(rel, 1, "no-front-matter", "the file must start with a `---` front-matter block")
    fm_end, body_start = _block_ends(text)
    control = _CONTROL.search(text, 0, fm_end)
    if control:
        return error(
            rel,
            text.count("\n", 0, control.start()) + 1,
            "front-matter-control",
            f"front matter contains the control character {_code(control.group())}; remove it",
        )
    post = _front_matter(text, rel)
    if isinstance(post, Diagnostic):
        return post
    if not post.metadata and not _is_mapping(text):
        return error(rel, 2, "front-matter-type", "the front matter must be a mapping of `key: value` lines")
    try:
        _no_control_characters(post.metadata)
        fields = _validated(post.metadata, rel)
    except _Invalid as exc:
        return error(rel, _key_line(text, exc.key), "front-matter-value", str(exc))
    line = _key_line(text, "slug" if "slug" in post.metadata else "title")
    body = split_body(text)
    return Article(
        path=rel,
        body_key=body_key(body),
        slug_line=line,
        warnings=_body_warnings(body, rel, text, body_start),
        **fields,
    )


def _block_ends(text: str) -> tuple[int, int]:
    """Where the front matter ends (its closing `---`) and where the body starts, as split_body splits."""
    marks = list(itertools.islice(_BOUNDARY.finditer(text), 2))
    if len(marks) < 2:
        return len(text), len(text)
    rest = text[marks[1].end() :]
    return marks[1].start(), marks[1].end() + len(rest) - len(rest.lstrip())


def _body_warnings(body: str, rel: str, text: str, body_start: int) -> tuple[Diagnostic, ...]:
    """A body nested too deep to convert is shown as text (markup.convert); say so, with the line."""
    deep = too_deep(body)
    if deep is None:
        return ()
    line, message = deep
    return (warning(rel, text.count("\n", 0, body_start) + line, "markdown-too-deep", message),)


def _no_control_characters(meta: dict[str, Any]) -> None:
    """Raise _Invalid naming the top-level key whose text (at any depth) holds a control character."""
    for key, value in meta.items():
        stack = [key, value]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(itertools.chain.from_iterable(item.items()))
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str) and (found := _CONTROL.search(item)):
                raise _Invalid(str(key), f"{key} contains the control character {_code(found.group())}; remove it")


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def split_body(text: str) -> str:
    """The Markdown after the front matter, as python-frontmatter splits it, without parsing the YAML."""
    parts = _BOUNDARY.split(text.strip(), 2)
    return parts[2].strip() if len(parts) == 3 else text.strip()


def body_key(body: str) -> str:
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()


def read_body(path: str | Path) -> str:
    """The Markdown body of a content file, read again when its page is rendered."""
    with open(path, "rb") as handle:
        return split_body(handle.read().decode("utf-8-sig").replace("\r\n", "\n"))


def not_utf8(rel: str, data: bytes, exc: UnicodeDecodeError) -> Diagnostic:
    line = data[: exc.start].count(b"\n") + 1
    return error(rel, line, "encoding", f"not UTF-8 text ({exc.reason} at byte {exc.start})")


def _is_mapping(text: str) -> bool:
    """python-frontmatter drops front matter that is not a mapping; look at the block ourselves."""
    block = text[4:].split("\n---", 1)[0]
    try:
        return isinstance(safeyaml.load(block), (dict, type(None)))
    except (yaml.YAMLError, ValueError):
        return False


def _validated(meta: dict[str, Any], rel: str) -> dict[str, Any]:
    title = _text(meta, "title")
    if not title:
        raise _Invalid("title", "missing title: every article needs `title:`")
    slug = _text(meta, "slug") or slugify(title)
    if len(slug.encode("utf-8")) > MAX_SEGMENT_BYTES:
        raise _Invalid(
            "slug",
            f"slug is {len(slug.encode('utf-8')):,} bytes long; a URL segment may be at most {MAX_SEGMENT_BYTES}",
        )
    if not _SLUG.match(slug):
        raise _Invalid("slug", f"slug {slug!r} must be lower-case ASCII words joined by hyphens")
    url = _text(meta, "original_url")
    if url and not re.match(r"^https?://[^\s/]+", url):
        raise _Invalid("original_url", f"original_url must be an http(s) URL, not {url!r}")
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        raise _Invalid("draft", f"draft must be true or false, not {draft!r}")
    extra = tuple(sorted((k, v) for k, v in meta.items() if k not in KNOWN_KEYS and isinstance(k, str)))
    return {
        "slug": slug,
        "title": title,
        "date": _date(meta.get("date")),
        "source": _text(meta, "source"),
        "authors": _names(meta, "authors"),
        "caption": _text(meta, "caption"),
        "original_url": url,
        "section": _text(meta, "section"),
        "tags": _names(meta, "tags"),
        "summary": _text(meta, "summary"),
        "draft": draft,
        "extra": extra,
    }


def _text(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    if value is None:
        return ""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip()
    raise _Invalid(key, f"{key} must be text, not {type(value).__name__}")


def _names(meta: dict[str, Any], key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise _Invalid(key, f"{key} must be a list of names, such as [Crimea, Russia]")
    names = (str(v).strip() for v in value)
    return tuple(dict.fromkeys(n for n in names if n))


def _date(value: Any) -> dt.date | None:
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
    raise _Invalid("date", _DATE_MESSAGE.format(repr(value)))


def _key_line(text: str, key: str | None) -> int | None:
    if key is None:
        return None
    end = text.find("\n---", 3)
    match = re.search(rf"^{re.escape(key)}[ \t]*:", text[: end if end > 0 else len(text)], re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def parse_bytes(data: bytes, rel: str) -> Article | Diagnostic:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return not_utf8(rel, data, exc)
    return parse_article(text, rel)
