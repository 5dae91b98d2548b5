"""Where a content file's front matter ends and its body begins, and the line each key is on.

A content file is `---`, the front matter (YAML), a closing `---` line, then the Markdown body:

    split(text)         the front matter and the body; the one splitter (python-frontmatter's rule:
                        a line of three or more `-` closes the front matter)
    split_body(text)    the body alone, as split gives it; read_body(path) reads it from a file
    block_ends(text)    where the closing line starts, and where the body starts
    head(text)          the front matter as a line scan sees it, without parsing it: the lines up to
                        the first line that starts with `---`. For every file the writer writes it is
                        the block split gives; key_line and the importer's scan (read_head) read it.
    key_line(text, key) the 1-based line of `key:` in the head
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
from pathlib import Path

import frontmatter

from generator.contentfile.yamltext import key_text

_YAML = frontmatter.YAMLHandler()  # python-frontmatter holds the rule of where the front matter ends
BOUNDARY: re.Pattern[str] = frontmatter.YAMLHandler.FM_BOUNDARY
OPENING = "---\n"
_HEAD_CHUNK = 8192


def split(text: str) -> tuple[str | None, str]:
    """(front matter, body) of a content file's text (newlines already `\\n`); (None, the text) when no
    line closes the front matter. Both are as python-frontmatter gives them: the body stripped."""
    try:
        front, body = _YAML.split(text.strip())
    except ValueError:  # no closing line
        return None, text.strip()
    return front, body.strip()


def split_body(text: str) -> str:
    """The Markdown after the front matter, without parsing the YAML."""
    return split(text)[1]


def block_ends(text: str) -> tuple[int, int]:
    """Where the front matter ends (its closing `---`) and where the body starts, as split splits."""
    marks = list(itertools.islice(BOUNDARY.finditer(text), 2))
    if len(marks) < 2:
        return len(text), len(text)
    rest = text[marks[1].end() :]
    return marks[1].start(), marks[1].end() + len(rest) - len(rest.lstrip())


def body_key(body: str) -> str:
    """The hash of a body's Markdown: the body store's key, and the article's."""
    return hashlib.blake2b(body.encode("utf-8"), digest_size=16).hexdigest()


def read_body(path: str | Path) -> str:
    """The Markdown body of a content file, decoded as the loader decodes it."""
    with open(path, "rb") as handle:
        return split_body(handle.read().decode("utf-8-sig").replace("\r\n", "\n"))


def _head_end(text: str) -> int:
    end = text.find("\n---", 3)
    return end if end > 0 else len(text)


def head(text: str) -> str:
    """The text between the opening `---` and the first line after it that starts with `---` (all the
    rest when there is none); empty when the text does not start with `---`."""
    return text[3 : _head_end(text)] if text.startswith("---") else ""


def key_line(text: str, key: str | None) -> int | None:
    """The line `key:` starts in the head of a content file's text; 1 when it is not there, None for no key."""
    if key is None:
        return None
    forms = "|".join(re.escape(form) for form in dict.fromkeys((key, key_text(key))))  # plain, or quoted
    match = re.search(rf"^(?:{forms})[ \t]*:", text[: _head_end(text)], re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def read_head(path: Path) -> str:
    """head() of a file, read in chunks until the line that ends it; "" when it cannot be read. A pipe
    or a link put in the file's place is not followed and cannot block."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
        with open(fd, encoding="utf-8", errors="replace") as handle:
            text = handle.read(_HEAD_CHUNK)
            while "\n---" not in text[3:]:
                more = handle.read(_HEAD_CHUNK)
                if not more:
                    break
                text += more
    except OSError:
        return ""
    return head(text)
