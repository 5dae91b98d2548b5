"""PURE. Recognises the date forms scrapers produce and formats dates without a locale.

A date line is a line that holds one date and nothing else but decoration: a
weekday, a time, a zone, words such as "Published" or "Updated", punctuation,
even a second date ("Published 5 March 2014 | Updated 6 March 2014").
"""

from __future__ import annotations

import datetime as dt
import re

from generator.importer.wordlists import MONTHS, WEEKDAYS
from generator.months import MONTH_NAMES


class ImpossibleDate(ValueError):
    """A date-shaped line that names no real day, such as 30 February."""


MAX_DATE_LINE = 120
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4}|'\d{2}|\d{2}(?![\d:.]))"
_FORMS = (
    re.compile(rf"(?<![\d.:/-])(?P<year>\d{{4}})-(?P<mnum>\d{{1,2}})-{_DAY}(?=$|[T\s,.|;)])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}(?:\s+of)?[\s-]+{_MONTH},?[\s-]+{_YEAR}\b"),
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d.]\d)"),
    re.compile(r"(?<![\d/])(?P<year>\d{4})/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})(?![\d/])"),
    re.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})(?![\d/])"),
)
_ZONES = "utc|gmt|bst|est|edt|cst|cdt|mst|mdt|pst|pdt|cet|cest|eet|eest|msk|ist|jst|hkt|sgt|aest|aedt|et|pt|z"
_DECORATION = re.compile(
    r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?"
    r"|\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?"
    r"|\b\d{1,2}\s*[ap]\.?m\b\.?|\b[ap]\.?m\b\.?"
    rf"|\b(?:{_ZONES})\b|(?<=\d)z\b|(?:\b(?:utc|gmt))?[+-]\d{{1,2}}(?::?\d{{2}})?\b"
    r"|\b(?:first|last|originally|published|updated|posted|modified|created|filed|issued|release[ds]?|on|at|"
    r"date[ds]?|the|of|time|am|pm|local)\b"
    r"|[\s,.:;|/()\[\]*_\-–—•·]|t(?=\d)",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> dt.date | None:
    """The date a line consists of, or None if the line is not just a date.

    Raises ImpossibleDate for a line that is a date in form but not in fact.
    """
    text = line.strip()
    if len(text) > MAX_DATE_LINE or not any(c.isdigit() for c in text):
        return None
    matches = find_dates(text)
    if not matches or not _only_decoration(_without(text, matches)):
        return None
    return _to_date(matches[0], text)


def find_dates(text: str) -> list[re.Match]:
    """Every date-shaped span in the text, in order, without overlaps."""
    found: list[re.Match] = []
    for form in _FORMS:
        for match in form.finditer(text):
            if _is_month_form(match) and match.group("month").lower() not in MONTHS:
                continue
            if not any(m.start() < match.end() and match.start() < m.end() for m in found):
                found.append(match)
    return sorted(found, key=lambda m: m.start())


def date_of(match: re.Match, text: str) -> dt.date | None:
    """The day a match from `find_dates` names; raises ImpossibleDate."""
    return _to_date(match, text)


def _is_month_form(match: re.Match) -> bool:
    return "month" in match.re.groupindex


def _without(text: str, matches: list[re.Match]) -> str:
    pieces, last = [], 0
    for match in matches:
        pieces.append(text[last : match.start()])
        last = match.end()
    pieces.append(text[last:])
    return " ".join(pieces)


def _only_decoration(rest: str) -> bool:
    return _DECORATION.sub("", rest).strip() == ""


def _to_date(match: re.Match, text: str) -> dt.date:
    groups = match.groupdict()
    year = _full_year(groups["year"])
    if groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        month, day = (second, first) if first > 12 else (first, second)
    else:
        day = int(groups["day"])
        month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].lower()]
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ImpossibleDate(f"impossible date {text!r}: {_impossible(year, month, day)}") from None


def _full_year(text: str) -> int:
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    return (1900 if int(digits) >= 50 else 2000) + int(digits)


def _impossible(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    return f"{MONTH_NAMES[month - 1]} {year} has no day {day}"
