"""The values a check hands back: one `Problem` per defect, and the `CheckReport`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One defect of the built site: the file (relative to the output folder), its line if known, what."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class CheckReport:
    pages: int  # HTML files checked
    files: int  # every file looked at: pages, feeds, sitemaps
    problems: tuple[Problem, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems
