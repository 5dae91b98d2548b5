"""PURE. Recognises the date forms scrapers produce and formats dates without a locale."""
from __future__ import annotations

import datetime as dt
import re

from .wordlists import MONTH_NAMES, MONTHS, WEEKDAYS


class ImpossibleDate(ValueError):
    """A date-shaped line that names no real day, such as 30 February."""


_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_FORMS = (
    re.compile(rf"\b{_YEAR}-(?P<mnum>\d{{1,2}})-{_DAY}(?=$|[T\s])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\.(?P<mnum>\d{{1,2}})\.{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}/(?P<mnum>\d{{1,2}})/{_DAY}\b"),
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b"),
)
_ALLOWED_LEFTOVER = re.compile(
    r"(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?"
    r"|\d{1,2}[:.]\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?"
    r"|\b[ap]\.?m\b\.?|\b(?:utc|gmt|bst|est|edt|cst|cdt|mst|mdt|pst|pdt|cet|cest|eet|eest|msk|ist|jst|aest|aedt|z)\b|(?<=\d)z\b|[+-]\d{2}:?\d{2}"
    r"|\b(?:published|updated|posted|last|modified|on|at|date|dated|am|pm)\b"
    r"|[\s,.:;|/()\-–—]|t(?=\d)",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> dt.date | None:
    """The date a line consists of, or None if the line is not just a date.

    Raises ImpossibleDate for a line that is a date in form but not in fact.
    """
    text = line.strip()
    if len(text) > 80:
        return None
    for form in _FORMS:
        match = form.search(text)
        if match and _only_decoration(text[: match.start()] + " " + text[match.end():]):
            return _to_date(match, text)
    return None


def _only_decoration(rest: str) -> bool:
    return _ALLOWED_LEFTOVER.sub("", rest).strip() == ""


def _to_date(match: re.Match, text: str) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("a"):
        first, second = int(groups["a"]), int(groups["b"])
        month, day = (second, first) if first > 12 else (first, second)
    else:
        day = int(groups["day"])
        if groups.get("mnum"):
            month = int(groups["mnum"])
        else:
            month = MONTHS.get(groups["month"].lower(), 0)
            if not month:
                return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ImpossibleDate(f"impossible date {text!r}: {year:04d}-{month:02d}-{day:02d} does not exist") from None


def long_date(day: dt.date) -> str:
    """5 March 2014, the same in every locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]
