"""PURE. For the tagger (tagging.py): which runs of capitalised words are names, and the name each stands for.

A run loses its offices ("Russian Foreign Minister Sergei Lavrov" is Sergei Lavrov), its leading noise
("But", "However") and its corporate suffix; a shouted dateline is title-cased; aliases fold variants
into one place ("Britain" is UK); and stop words, months, weekdays and contractions are no names.
"""

from __future__ import annotations

import functools
import re

from generator.importer.tagwords import (
    ALIASES,
    CONNECTORS,
    CORPORATE_SUFFIXES,
    HONORIFICS,
    LEADING_NOISE,
    NOT_ENTITIES,
    ROLE_PREFIXES,
    STOP_WORDS,
)
from generator.importer.wordlists import MONTHS, WEEKDAYS

MAX_NAME_WORDS = 5
PLACES = frozenset(ALIASES.values())
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d|t)$", re.IGNORECASE)


@functools.lru_cache(maxsize=16384)
def canonical_word(token: str) -> str:
    word = POSSESSIVE.sub("", token)
    if "." in word:
        return word.replace(".", "")
    return word.strip("'’-")


@functools.lru_cache(maxsize=16384)
def is_name_word(word: str) -> bool:
    """Capitalised, and not an adjective such as "Russian-speaking"."""
    return word[:1].isupper() and not any(part[:1].islower() for part in word.split("-"))


@functools.lru_cache(maxsize=16384)
def clean_run(words: tuple[str, ...]) -> tuple[str, bool]:
    """The name a run of capitalised words stands for, and whether its first word was dropped."""
    length = len(words)
    words = tuple(_title_case_shouted(list(words)))
    anchors = [i for i, w in enumerate(words[:-1]) if w in HONORIFICS]
    if anchors:  # "Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"
        words = words[anchors[-1] + 1 :]
        if len(words) > 2 and words[0] == "of":  # "Secretary of State John Kerry"
            words = words[2:]
    while words and (_noise(words[0]) or words[0] in CONNECTORS or words[0].endswith("ly")):
        words = words[1:]
    stripped = len(words) < length
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words = words[:-1]
    while words and (words[-1] in CONNECTORS or _noise(words[-1])):
        words = words[:-1]
    name = " ".join(words)
    if not words or len(words) > MAX_NAME_WORDS or not _is_entity(list(words), name):
        return "", stripped
    return _alias(name), stripped


def _noise(word: str) -> bool:
    """ "But", "However", "I"; not "US", which only looks like "us"."""
    return word.lower() in LEADING_NOISE and (not word.isupper() or len(word) == 1)


def _title_case_shouted(words: list[str]) -> list[str]:
    """A dateline's "NEW YORK" is New York; "OSCE" and "US" stay acronyms."""
    if len(words) > 1 and all(w.isupper() for w in words) and any(len(w) > 4 for w in words):
        return [w.capitalize() if w not in CONNECTORS else w for w in words]
    return words


def _alias(name: str) -> str:
    """ "Britain" -> "UK", "Russian" -> "Russia", "Indians" -> "India"."""
    if name in ALIASES:
        return ALIASES[name]
    if name.endswith("s") and name[:-1] in ALIASES and " " not in name:
        return ALIASES[name[:-1]]
    return name


def _is_entity(words: list[str], name: str) -> bool:
    if all(w in HONORIFICS or w in ROLE_PREFIXES or w in ALIASES for w in words) and name not in ALIASES:
        return False
    if name.isupper() and len(name) > 6 and " " not in name:
        return False  # a shouted word, not an acronym
    if len(words) == 1:
        lowered = name.lower()
        return (
            len(name) > 1
            and name not in NOT_ENTITIES
            and lowered not in MONTHS
            and lowered not in WEEKDAYS
            and (lowered not in STOP_WORDS or name.isupper())
            and not _CONTRACTION.search(name)
            and not all(p in ALIASES for p in name.split("-"))
        )
    return True
