"""PURE. Reads a seed's header block: title, byline and date in any order, each but the title optional.

Also understands labelled headers (`Title: …`, `By: …`, `Date: …`, `Source: …`, `URL: …`)
and a byline and date on one line (`By Jane Doe, Reuters | March 5, 2014`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, error, warning
from generator.importer.byline import MAX_BYLINE_LINE, Byline, outlet_name, read_byline
from generator.importer.captions import starts_with_dateline
from generator.importer.dates import ImpossibleDate, date_of, find_dates, parse_date_line
from generator.importer.provenance import Found, byline_rule, date_shape

MAX_TITLE = 500
MAX_TITLE_BLOCK = 200
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|={3,}|_{3,}|~{3,}|#+)$")
_LABEL = re.compile(
    r"^(?P<key>title|headline|head|subject|by|byline|authors?|writers?|source|outlet|publication|publisher|"
    r"date|dated|published(?: on)?|posted(?: on)?|updated|url|link|original (?:url|link)|section|category|"
    r"categories|tags|keywords)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_BY_WORD = re.compile(r"(?i)by\b(?!\s*\[)")  # `By Name`, not the link form `By [Name](#)`
_URLISH = re.compile(r"^<?https?://", re.IGNORECASE)
_JOINERS = re.compile(r"^[\s|,;:–—•·-]*(?:on|published|posted|updated|dated)?[\s|,;:–—•·-]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Header:
    title: str
    date: dt.date | None
    date_line: int | None
    byline: Byline
    source: str  # from a `Source:` line
    url: str  # from a `URL:` line
    body_start: int  # index of the first body line
    held: tuple[str, ...] = ()  # body lines found inside the header (a caption above the date), in order
    found: tuple[Found, ...] = ()  # how each field was found: which line, which rule (import --explain)


def read_header(lines: list[str], path: str, outlets: frozenset[str]) -> tuple[Header | None, list[Diagnostic]]:
    reader = _Reader(lines, path, outlets)
    try:
        reader.read()
        if reader.misread_byline():  # `BY ELECTION RESULTS DELAYED`: the headline, read again as one
            reader = _Reader(lines, path, outlets, not_byline=reader.byline_index)
            reader.read()
    except ImpossibleDate as exc:
        return None, [error(path, reader.index + 1, "impossible-date", str(exc))]
    return reader.result()


class _Reader:
    """Walks the header lines once; each line is a rule, a label, a date, a byline or the title."""

    def __init__(self, lines: list[str], path: str, outlets: frozenset[str], not_byline: int = -1):
        self.lines, self.path, self.outlets = lines, path, outlets
        self.not_byline = not_byline  # a `By …` line found to be the headline
        self.byline_index = -1  # the line the byline was read from, when it came before the title
        self.index = 0
        self.title = ""
        self.title_index = -1
        self.date: dt.date | None = None
        self.date_line: int | None = None
        self.byline: Byline | None = None
        self.source = self.url = ""
        self.held: list[str] = []
        self.bare_outlet = ""  # an outlet named alone, before any title: the title if none follows
        self.notes: list[Diagnostic] = []
        self.found: dict[str, Found] = {}  # field -> how it was found; the last reading of a field wins

    def _found(self, field: str, rule: str, index: int | None = None) -> None:
        self.found[field] = Found(field, (self.index if index is None else index) + 1, rule)

    def read(self) -> None:
        while self.index < len(self.lines):
            text = self.lines[self.index].strip()
            if (
                not text
                or _RULE.match(text)
                and not self.title
                or self._label(text)
                or self._date(text)
                or self._byline(text)
            ):
                self.index += 1
            elif not self.title:
                self._take_title()
            elif self._bare_byline(text):
                self.index += 1
            elif self._header_follows() and len(self.held) < 3:
                self.held.append(text)  # a caption or standfirst above the byline or date
                self.index += 1
            else:
                return

    def result(self) -> tuple[Header | None, list[Diagnostic]]:
        if not self.title and self.bare_outlet:  # a seed titled "Reuters", say
            self.title, self.byline = clean_title(self.bare_outlet), None
            line = self.found.pop("byline", Found("byline", 1, "")).line
            self.found["title"] = Found("title", line, "an outlet's name alone, the only header line")
        if not self.title:
            return None, [error(self.path, None, "no-title", "no title found (the file has no text)")]
        if len(self.title) > MAX_TITLE:
            return None, [
                error(
                    self.path,
                    self.title_index + 1,
                    "title-too-long",
                    f"the title is {len(self.title):,} characters long (at most {MAX_TITLE}); "
                    "is the whole article on one line?",
                )
            ]
        header = Header(
            self.title,
            self.date,
            self.date_line,
            self.byline or Byline("", ()),
            self.source,
            self.url,
            self.index,
            tuple(self.held),
            tuple(sorted(self.found.values(), key=lambda f: (f.line, f.field))),
        )
        return header, self.notes

    def _label(self, text: str) -> bool:
        match = _LABEL.match(text)
        if not match or (match.group("key").lower() in ("title", "headline") and self.title):
            return False
        key, value = match.group("key").lower(), match.group("value").strip()
        if key in ("title", "headline", "head", "subject"):
            self.title, self.title_index = clean_title(value), self.index
            self._found("title", f"'{match.group('key')}:' label")
        elif key in ("by", "byline", "author", "authors", "writer", "writers"):
            self.byline = read_byline(f"By {value}", self.outlets) or Byline("", ())
            self._found("byline", f"'{match.group('key')}:' label")
        elif key in ("source", "outlet", "publication", "publisher"):
            self._source_or_url(value)
            self._found("url" if self.url == value else "source", f"'{match.group('key')}:' label")
        elif key in ("url", "link", "original url", "original link"):
            self.url = value
            self._found("url", f"'{match.group('key')}:' label")
        elif (
            key.startswith(("date", "published", "posted", "updated"))
            and self.date_line is None
            and not self._date(value)
        ):
            self.notes.append(
                warning(
                    self.path,
                    self.index + 1,
                    "bad-date",
                    f"the date {value!r} is not a date in a form the importer reads; left out",
                )
            )
        return True

    def _source_or_url(self, value: str) -> None:
        if _URLISH.match(value):
            self.url = value
        else:
            self.source = outlet_name(value, self.outlets)

    def _date(self, text: str) -> bool:
        if self.date_line is not None:
            return _safe_date(text)  # a second date ("Updated March 6, 2014") is decoration
        found = parse_date_line(text)
        if found is None:
            return False
        self.date, self.date_line = found, self.index + 1
        self._found("date", f"date line {date_shape(text)!r}")
        return True

    def _byline(self, text: str) -> bool:
        if self.byline is not None or self.index == self.not_byline:
            return False
        byline = read_byline(text, self.outlets, after_title=bool(self.title))
        if byline is None:
            return self._byline_with_date(text)
        if not self.title and not re.match(r"(?i)by\b|\[", text):
            self.bare_outlet = text
        if not self.title and _BY_WORD.match(text):
            self.byline_index = self.index
        self.byline = byline
        self._found("byline", byline_rule(text, bool(_BY_WORD.match(text))))
        return True

    def misread_byline(self) -> bool:
        """A `By …` line before the title was the headline if what was read as the title is not one: a
        second byline (a seed has one), a wire dateline lead, a long sentence, or nothing at all."""
        if self.byline_index < 0:
            return False
        title = self.title
        return (
            not title
            or _BY_WORD.match(title) is not None
            and read_byline(title, self.outlets) is not None
            or starts_with_dateline(title)
            or len(title.split()) > 12
            and _ends_sentence(title)
        )

    def _byline_with_date(self, text: str) -> bool:
        """`By Jane Doe, Reuters | March 5, 2014` or `March 5, 2014 - By Jane Doe`."""
        if self.date_line is not None or len(text) > MAX_BYLINE_LINE:
            return False
        for match in find_dates(text):
            rest = (text[: match.start()].strip(), text[match.end() :].strip())
            for before, after in (rest, rest[::-1]):
                if not _JOINERS.match(after):
                    continue
                byline = read_byline(before.strip(" |,;–—•·-"), self.outlets, after_title=bool(self.title))
                if byline is not None and (byline.source or byline.authors):
                    self.byline, self.date, self.date_line = byline, date_of(match, text), self.index + 1
                    self._found("byline", "byline and date on one line")
                    self._found("date", f"byline and date on one line, {date_shape(match.group(0))!r}")
                    return True
        return False

    def _bare_byline(self, text: str) -> bool:
        """A short line between the title and the date is the byline even without a "By":
        one word is an outlet ("Nikkei"), more are people."""
        if self.byline is not None or self.date_line is not None or not self._date_follows():
            return False
        words = text.split()
        if len(words) > 6 or len(text) > 60 or text.endswith((".", "!", "?", ":", ";", ",")):
            return False
        byline = read_byline(f"By {text}", self.outlets)
        if byline is None:
            return False
        self.byline = Byline(text, ()) if len(words) == 1 and not byline.source else byline
        self._found("byline", "a short line between the title and the date, without 'By'")
        return True

    def _date_follows(self) -> bool:
        return _safe_date(self._next_line())

    def _header_follows(self) -> bool:
        """Is the next line a date or byline still to come?"""
        following = self._next_line()
        if not following:
            return False
        if self.date_line is None and _safe_date(following):
            return True
        return self.byline is None and read_byline(following, self.outlets) is not None

    def _next_line(self) -> str:
        return next((line.strip() for line in self.lines[self.index + 1 :] if line.strip()), "")

    def _take_title(self) -> None:
        """The title, joined over up to three lines when a long one was wrapped."""
        block = [self.lines[self.index].strip()]
        end = self.index + 1
        while end < len(self.lines) and self.lines[end].strip() and len(block) < 3:
            block.append(self.lines[end].strip())
            end += 1
        wrapped = (
            len(block) > 1
            and (end == len(self.lines) or not self.lines[end].strip())
            and sum(map(len, block)) <= MAX_TITLE_BLOCK
            and not any(map(_ends_sentence, block))
            and not any(self._is_header_line(line) for line in block[1:])
        )
        self.title_index = self.index
        self.title = clean_title(" ".join(block) if wrapped else block[0])
        rule = f"first line of text, wrapped over {len(block)} lines" if wrapped else "first line of text"
        self._found("title", rule + (" (a 'By …' line read as a headline)" if self.index == self.not_byline else ""))
        self.index = end if wrapped else self.index + 1

    def _is_header_line(self, text: str) -> bool:
        return bool(_LABEL.match(text) or read_byline(text, self.outlets) or _safe_date(text))


def _safe_date(text: str) -> bool:
    try:
        return parse_date_line(text) is not None
    except ImpossibleDate:
        return True


def _ends_sentence(text: str) -> bool:
    return text.endswith((".", "!", "?", ":", ";", ","))


def clean_title(text: str) -> str:
    """`# **Title**` -> `Title`; whitespace collapsed; the words themselves as written."""
    marked = re.match(r"#+\s*", text.strip())
    if marked:  # an ATX heading; a closing `#` run goes only with an opening one ("Headline #" keeps it)
        text = re.sub(r"\s+#+$", "", text.strip()[marked.end() :])
    wrapped = re.fullmatch(r"(\*\*|__|\*|_)(.+)\1", text)
    if wrapped:
        text = wrapped.group(2)
    return " ".join(text.split())
