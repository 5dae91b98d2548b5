"""Every data type that flows between the stages, as frozen dataclasses.

Read this module to follow the data flow without reading any stage:

    SeedText -> NormalizedArticle -> content/*.md -> Article -> SiteIndex
             -> Route -> Output -> WriteResult -> BuildReport
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # model imports nothing from the package at run time
    from generator.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class SeedText:
    """A seed file's decoded text, with the path it came from."""

    path: str  # relative to the seeds folder, posix
    text: str
    sha256: str  # of the raw bytes


@dataclass(frozen=True, slots=True)
class NormalizedArticle:
    """What the normaliser makes of one seed: the fields of a content file."""

    title: str
    date: dt.date | None
    slug: str
    source: str
    authors: tuple[str, ...]
    caption: str
    body: str  # Markdown, paragraphs separated by one blank line
    original_url: str
    summary: str
    tags: tuple[str, ...]
    section: str
    seed: str
    seed_sha256: str


@dataclass(frozen=True, slots=True)
class Article:
    """One content file's front matter, with a hash of its Markdown body.

    The body itself stays in the file until its page is rendered, so the
    site model is small however long the articles are."""

    path: str  # relative to the content folder, posix
    slug: str
    title: str
    date: dt.date | None
    source: str
    authors: tuple[str, ...]
    caption: str
    original_url: str
    section: str
    tags: tuple[str, ...]
    summary: str
    body_key: str  # hash of the Markdown body (contentfile.body_key)
    draft: bool = False
    extra: tuple[tuple[str, Any], ...] = ()
    slug_line: int | None = None  # where the slug comes from in the file, for messages about it
    aliases: tuple[str, ...] = ()  # old site paths of the article's page, each a redirect page (site.redirects)
    aliases_line: int | None = None  # where `aliases:` is in the file, for messages about them
    warnings: tuple[Diagnostic, ...] = ()  # problems that do not stop the article, such as a body nested too deep

    @property
    def sort_key(self) -> tuple:
        """Newest first; undated last; ties broken by slug."""
        return (self.date is None, -(self.date.toordinal() if self.date else 0), self.slug)


@dataclass(frozen=True, slots=True)
class Term:
    """A tag, source, author or section, with the articles that carry it."""

    name: str
    slug: str
    articles: tuple[int, ...]  # indexes into SiteIndex.articles, newest first


@dataclass(frozen=True, slots=True)
class DateBucket:
    """The articles of one year, month or day."""

    key: tuple[int, ...]  # (year,), (year, month) or (year, month, day)
    articles: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class SiteIndex:
    """Everything the routes need: articles newest first and every grouping of them."""

    articles: tuple[Article, ...]
    tags: tuple[Term, ...]
    sources: tuple[Term, ...]
    authors: tuple[Term, ...]
    sections: tuple[Term, ...]
    years: tuple[DateBucket, ...]
    months: tuple[DateBucket, ...]
    days: tuple[DateBucket, ...]
    undated: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Route:
    """One page to render: where it goes, with which template and which values.

    A context with a `body_key` is an article page: the renderer adds `body_html`,
    from the body store or converted from the body of the `source` file. A context with a true
    `bodies` is a feed (feed_content): each of its `entries` gets its `body_html` so."""

    url: str  # site-relative, starts with "/"
    output_path: str  # relative to the output folder, posix
    template: str
    context: dict[str, Any] = field(hash=False, compare=False)
    source: str = ""  # the content file behind the page: for error messages, and an article's body


@dataclass(frozen=True, slots=True)
class Output:
    """A rendered file, ready to write."""

    output_path: str
    data: bytes


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What happened to one seed: imported, updated, unchanged, conflict or rejected."""

    seed: str
    status: str
    content_path: str = ""
    reason: str = ""
    warnings: tuple[Diagnostic, ...] = ()  # the seed's warnings and the importer's doubts, for the report


@dataclass(frozen=True, slots=True)
class ImportReport:
    results: tuple[ImportResult, ...]
    diagnostics: tuple[Diagnostic, ...]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


@dataclass(frozen=True, slots=True)
class SearchReport:
    """What the search stage did after a build: which shards of the index it made again, and their files."""

    shards: int  # shards the index has
    reindexed: tuple[str, ...] = ()  # shards indexed again (empty: nothing had changed)
    written: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BuildReport:
    diagnostics: tuple[Diagnostic, ...]
    write: WriteResult
    articles: int
    pages: int
    seconds: float
    imported: ImportReport | None = None
    search: SearchReport | None = None  # set when the build's caller ran the search stage after it

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)
