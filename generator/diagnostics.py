"""Problems found in the user's input, reported as `path:line: severity: message`."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Iterable, TextIO


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int | None
    severity: str  # "error" or "warning"
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message}"


def error(path: str, line: int | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(str(path), line, "error", code, message)


def warning(path: str, line: int | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(str(path), line, "warning", code, message)


def has_errors(diagnostics: Iterable[Diagnostic], strict: bool = False) -> bool:
    """Under the strict policy a warning fails the build too."""
    return any(d.severity == "error" or strict for d in diagnostics)


def print_all(diagnostics: Iterable[Diagnostic], stream: TextIO = sys.stderr) -> None:
    for diagnostic in sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d.message)):
        print(diagnostic, file=stream)


class ConfigError(Exception):
    """A site.toml or command-line problem: the build cannot start (exit status 2)."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic
