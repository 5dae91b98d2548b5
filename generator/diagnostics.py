"""Problems found in the user's input, reported as `path:line: severity: message`."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TextIO


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    severity: str  # "error" or "warning"
    code: str
    message: str
    # The page being rendered when a template failed. It is kept out of `message` so that one template
    # error on many pages is one group (see collapse_repeats), and shown only on a one-page error.
    page: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        rendering = f" (while rendering {self.page})" if self.page else ""
        return f"{where}: {self.severity}: {self.message}{rendering}"


def error(path: str, line: int | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(str(path), line, "error", code, message)


def warning(path: str, line: int | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(str(path), line, "warning", code, message)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Under the strict policy a warning fails the build too."""
    return any(d.severity == "error" or strict for d in diagnostics)


def collapse_repeats(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """One diagnostic per distinct (path, line, severity, code, message), in order of first appearance.
    A problem seen once is kept as it is (naming its page, if any). A repeated one is kept once with its
    count: `… (broke 2,095 pages)` when it was found while rendering pages, `… (reported 3 times)` if not."""
    groups: dict[tuple, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        key = (diagnostic.path, diagnostic.line, diagnostic.severity, diagnostic.code, diagnostic.message)
        groups.setdefault(key, []).append(diagnostic)
    return tuple(_one_of(group) for group in groups.values())


def _one_of(group: list[Diagnostic]) -> Diagnostic:
    first, count = group[0], len(group)
    if count == 1:
        return first
    pages = {d.page for d in group if d.page}
    if len(pages) == count:
        return replace(first, message=f"{first.message} (broke {count:,} pages)", page="")
    return replace(first, message=f"{first.message} (reported {count:,} times)", page="")


def print_all(diagnostics: Iterable[Diagnostic], stream: TextIO = sys.stderr) -> None:
    """Each problem once (see collapse_repeats), sorted by file and line."""
    for diagnostic in sorted(collapse_repeats(diagnostics), key=lambda d: (d.path, d.line or 0, d.message)):
        print(diagnostic, file=stream)


class ConfigError(Exception):
    """A site.toml or command-line problem: the build cannot start (exit status 2)."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
