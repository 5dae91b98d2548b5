"""Month names and the long date form, the same in every locale (shared by the importer and the site)."""

from __future__ import annotations

import datetime as dt

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(day: dt.date) -> str:
    """5 March 2014."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]
