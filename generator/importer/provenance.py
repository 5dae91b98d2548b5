"""PURE. Provenance: how the importer found each field of a seed (which line, which rule), as data on the
values its parsing functions return (`Header.found`, `Body.caption_rule`, `Trailer.label`), for
`import --explain`. Recording it costs a few small objects per seed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.wordlists import MONTHS, WEEKDAYS

_LINK_FORM = re.compile(r"\[[^\]]+\]\([^)]*\)")
_MONTH_NAME = re.compile(r"\b(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(r"\b(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """Where a field came from: the field, its line (1-based, in the seed's text) and the rule that read it."""

    field: str
    line: int
    rule: str


def byline_rule(text: str, by_word: bool) -> str:
    if _LINK_FORM.search(text):
        return "'By [Name](#)' link form"
    if by_word:
        return "'By Name' line"
    return "an outlet's or a writer's name alone"


def date_shape(text: str) -> str:
    """`March 5, 2014` -> `Month D, YYYY`: the form of a date line, for explanations."""
    shaped = _MONTH_NAME.sub("Month", text.strip())
    shaped = _WEEKDAY_NAME.sub("Weekday", shaped)
    return re.sub(r"\d+", lambda m: "YYYY" if len(m.group(0)) == 4 else "D" * len(m.group(0)), shaped)
