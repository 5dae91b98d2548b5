"""Article bodies as HTML, stored by the hash of their Markdown, so each body is converted once.

The site model carries only an article's `body_key`; the page that shows the body asks the
store for it when it is rendered (in whichever process renders it). A body the store lacks is
read from its content file, converted and stored. The store sits in a folder named after the
code's fingerprint, so a new version of the converter starts a new store.

A body whose conversion runs out of time (markup.BUDGET_SECONDS) is shown as text, with a
warning in `problems`; it is not stored, and its page is not taken as current, so the next
build tries again and warns again while the body stays that way.
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

from markdown import Markdown

from generator.config import SiteConfig
from generator.contentfile import body_key, read_body
from generator.diagnostics import Diagnostic, warning
from generator.fsutil import atomic_write
from generator.incremental.cachefiles import CODE_FINGERPRINT
from generator.site.markup import convert, new_converter


class BodyStore:
    def __init__(self, config: SiteConfig):
        self.parent = config.cache_path / "bodies"
        self.root = self.parent / CODE_FINGERPRINT[:16]
        self.site_root = config.root
        self.problems: list[Diagnostic] = []  # warnings from the conversions this store made

    def html(self, key: str, source: Path) -> tuple[str, bool]:
        """The HTML of the body whose Markdown hashes to `key`, and True; or, when the store lacks it and
        the content file now holds another body, that body's HTML and False. Raises OSError or
        UnicodeDecodeError when the file must be read and cannot be."""
        try:
            with open(self._path(key), "rb") as handle:
                return handle.read().decode("utf-8"), True
        except FileNotFoundError:
            pass
        body = read_body(source)
        converted = convert(body, _converter())
        if converted.warning:
            shown = Path(os.path.relpath(source, self.site_root)).as_posix()
            self.problems.append(
                warning(
                    shown, None, "markdown-budget" if not converted.final else "markdown-too-deep", converted.warning
                )
            )
        if not converted.final:
            _converter.cache_clear()  # interrupted mid-conversion: start the next body with a fresh converter
            return converted.html, False
        actual = body_key(body)
        atomic_write(Path(self._path(actual)), converted.html.encode("utf-8"))
        return converted.html, actual == key

    def prune(self, live: set[str]) -> None:
        """Remove the bodies no article has any more, and stores of other code versions."""
        for other in _folders(self.parent):
            if other.name != self.root.name:
                shutil.rmtree(other, ignore_errors=True)
        for folder in _folders(self.root):
            for entry in os.scandir(folder):
                if entry.name.removesuffix(".html") not in live:
                    os.unlink(entry.path)

    def _path(self, key: str) -> str:
        return os.path.join(self.root, key[:2], key + ".html")


@functools.cache
def _converter() -> Markdown:
    """This process's Markdown converter, made on first use and kept until a conversion is interrupted."""
    return new_converter()


def _folders(path: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(path) if entry.is_dir()]
    except FileNotFoundError:
        return []
