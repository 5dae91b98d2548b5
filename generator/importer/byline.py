"""PURE. Splits a byline into the people who wrote an article and the outlet that ran it.

By [Jane Doe](#) and [John Roe](#), Reuters  -> source "Reuters", authors ("Jane Doe", "John Roe")
BY JANE DOE, ASSOCIATED PRESS WRITER        -> source "Associated Press", authors ("Jane Doe",)
The Moscow Times                            -> source "The Moscow Times", no authors
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from generator.importer.wordlists import BUILTIN_OUTLETS, NAME_PARTICLES, OUTLET_WORDS, ROLE_WORDS

MAX_BYLINE = 160
MAX_BYLINE_LINE = 2000  # links' URLs included; a longer line is no byline, and is not searched for links
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(.+?)\1")
_PREFIX = re.compile(
    r"^(?:(?:written|reported|posted|story|words|text|reporting|compiled|edited)\s+by|by(?:line)?)\b\s*:?\s*|"
    r"^(?:authors?|writers?|reporters?|credit)\s*:\s*",  # a label word needs its colon: "CREDIT CARD BILLS …"
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|;|&|\+|\band\b|\bwith\b|\bfor\b|\s[|/–—-]\s|\|)\s*", re.IGNORECASE)
_OUTLET_LEAD = re.compile(r"^(?:for|of|special\s+to|exclusive\s+to|from)\s+", re.IGNORECASE)
_PLACE_TAIL = re.compile(r"\s+(?:in|at|reporting\s+from|from)\s+\S.*$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[^\W\d_][\w'’.-]*|(?:[^\W\d_]\.)+)$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md"})


@dataclass(frozen=True)
class Byline:
    source: str
    authors: tuple[str, ...]


def read_byline(line: str, extra_outlets: frozenset[str] = frozenset(), after_title: bool = True) -> Byline | None:
    """The byline a line holds, or None if it is not a byline.

    Before the title only a `By …` line, a Markdown link or a known outlet counts;
    after it, an unknown name that looks like a paper ("The Daily Bugle") does too.
    """
    if len(line) > MAX_BYLINE_LINE:
        return None
    text = _EMPHASIS.sub(r"\2", line.strip()).strip()
    linked = bool(_LINK.search(text))
    text = _LINK.sub(r"\1", text).strip(" \t|-–—•")
    if not text or len(text) > MAX_BYLINE or text.endswith(("?", "!")):
        return None
    prefixed = _PREFIX.match(text)
    if prefixed:
        text = text[prefixed.end() :].strip()
    if not text or not text[0].isupper():
        return None
    byline = _split(text, _outlet_table(frozenset(extra_outlets)))
    if byline is None:
        return None
    if prefixed or linked:
        return byline
    known = byline.source.lower() in _outlet_table(frozenset(extra_outlets))
    return byline if byline.source and (known or after_title) else None


def is_byline(line: str, extra_outlets: frozenset[str] = frozenset()) -> bool:
    return read_byline(line, extra_outlets) is not None


def parse(line: str, extra_outlets: frozenset[str] = frozenset()) -> tuple[str, tuple[str, ...]]:
    """`By Jane Doe and John Roe, Reuters` -> ("Reuters", ("Jane Doe", "John Roe"))."""
    byline = read_byline(line, extra_outlets)
    return (byline.source, byline.authors) if byline else ("", ())


def outlet_name(text: str, extra_outlets: frozenset[str] = frozenset()) -> str:
    """The canonical spelling of an outlet named in a `Source:` line."""
    table = _outlet_table(frozenset(extra_outlets))
    name = text.strip(" .")
    return _outlet_case(name, table) if name else ""


@functools.lru_cache(maxsize=64)
def _outlet_table(extra: frozenset[str]) -> dict[str, str]:
    """Lower-case name -> display name; the site's own list wins."""
    table = {name.lower(): name for name in BUILTIN_OUTLETS}
    table.update({name.strip().lower(): name.strip() for name in extra if name.strip()})
    return table


@functools.lru_cache(maxsize=64)
def _outlet_pattern(table_key: frozenset[str]) -> re.Pattern:
    names = sorted(table_key, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE)


def _split(text: str, table: dict[str, str]) -> Byline | None:
    """Protect known outlet names (which may hold "and" or "&"), then split on the separators."""
    pattern = _outlet_pattern(frozenset(table))
    found: list[str] = []

    def hold(match: re.Match) -> str:
        found.append(match.group(0))
        return f"\x00{len(found) - 1}\x00"

    held = pattern.sub(hold, text)
    source, authors = "", list[str]()
    for raw in _SEPARATORS.split(held):
        part = _trim(re.sub(r"\x00(\d+)\x00", lambda m: found[int(m.group(1))], raw))
        kind, value = _classify(part, table)
        if kind == "bad":
            return None
        if kind == "outlet":
            source = source or value
        elif kind == "suffix" and authors:
            authors[-1] = f"{authors[-1]} {value}"
        elif kind == "person":
            authors.append(value)
    return Byline(source, _people(authors))


def _trim(part: str) -> str:
    """Strip spaces and a sentence's full stop, but not the one of an initial or of "Jr."."""
    part = part.strip(" :")
    last = part.rsplit(" ", 1)[-1]
    if part.endswith(".") and len(last) > 3 and last.lower().strip(".") not in _SUFFIXES:
        part = part[:-1]
    return part


def _classify(part: str, table: dict[str, str]) -> tuple[str, str]:
    """("outlet" | "person" | "suffix" | "skip" | "bad", the cleaned name)."""
    if not part:
        return "skip", ""
    part = _OUTLET_LEAD.sub("", part)
    if part.lower() in table:
        return "outlet", _outlet_case(part, table)
    words = part.split()
    lowered = {w.lower().strip(".,") for w in words}
    if lowered & ROLE_WORDS:
        inner = _outlet_pattern(frozenset(table)).search(part)
        return ("outlet", _outlet_case(inner.group(0), table)) if inner else ("skip", "")
    if _looks_like_outlet(words):
        return "outlet", _outlet_case(part, table)
    if part.lower().strip(".") in _SUFFIXES:
        return "suffix", part
    person = _PLACE_TAIL.sub("", part)
    if _looks_like_name(person.split()):
        return "person", _person_case(person)
    return "bad", ""


def _people(names: list[str]) -> tuple[str, ...]:
    """Drop a lone one-word "name" that follows real ones: it is a place ("By Jane Doe, Moscow")."""
    if len(names) > 1:
        names = [n for n in names if " " in n] or names
    return tuple(dict.fromkeys(names))


def _looks_like_name(words: list[str]) -> bool:
    if not 1 <= len(words) <= 5 or words[0].lower() in ("the", "a", "an"):  # "By The Numbers …" is a headline
        return False
    for i, word in enumerate(words):
        if not _NAME_WORD.match(word):
            return False
        if not word[0].isupper() and not (i and word.lower() in NAME_PARTICLES) and not _particle_prefixed(word):
            return False
    return True


def _particle_prefixed(word: str) -> bool:
    return re.match(r"^(?:d['’]|al-|el-|de|van|von)", word) is not None and len(word) > 3


def _looks_like_outlet(words: list[str]) -> bool:
    """ "The Daily Bugle", "Evening Standard", "Kyiv Post": capitalised, with a newspaper word first or last."""
    if not 1 < len(words) <= 6 or not all(w[0].isupper() or w.lower() in {"of", "the", "and"} for w in words):
        return False
    lowered = [w.lower() for w in words if w.lower() != "the"]
    return lowered[-1] in OUTLET_WORDS or lowered[0] in {"daily", "weekly", "evening", "morning", "sunday"}


def _outlet_case(name: str, table: dict[str, str]) -> str:
    """Known outlets keep their spelling when the byline shouts; unknown ones are title-cased."""
    if not (name.isupper() or name.islower()):
        return name
    known = table.get(name.lower())
    if known:
        return known
    return " ".join(w if not re.search(r"[aeiouy]", w, re.IGNORECASE) else _capitalise(w.lower()) for w in name.split())


def _person_case(name: str) -> str:
    name = " ".join(name.split())
    if not name.isupper() and not name.islower():
        return name
    words = name.lower().split(" ")
    return " ".join(w if i and w in NAME_PARTICLES else _capitalise(w) for i, w in enumerate(words))


def _capitalise(word: str) -> str:
    """jean-paul -> Jean-Paul, o'brien -> O'Brien, mcdonald -> McDonald."""
    parts = re.split(r"([-'’])", word)
    out = "".join(p[:1].upper() + p[1:] for p in parts)
    return re.sub(r"^Mc([a-z])", lambda m: "Mc" + m.group(1).upper(), out)
