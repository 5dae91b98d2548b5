"""PURE. Suggests tags: the people, places, organisations and topics an article is about.

No model can be downloaded here, so this is a careful heuristic: runs of
capitalised words, with offices stripped ("Foreign Minister Sergei Lavrov"),
variants merged ("Putin" into "Vladimir Putin", "U.S." and "United States" into
"US", "OSCE" with its long name), and stop words, weekdays, months and words
seen only at the start of a sentence refused. Articles with few names get
topics: the title's content words that the text uses, or its most frequent ones.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.importer.tagnames import PLACES, POSSESSIVE, canonical_word, clean_run, is_name_word
from generator.importer.tagwords import (
    ALIASES,
    CONNECTORS,
    LEADING_NOISE,
    STOP_WORDS,
)

MIN_TAGS = 3
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’&-]*|\d[\w,.]*|[.!?;:,\"“”‘()\[\]—–-]")
_ABBREVIATIONS = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "St",
        "Gen",
        "Sen",
        "Rep",
        "Gov",
        "Lt",
        "Col",
        "Capt",
        "Prof",
        "Rev",
        "Jr",
        "Sr",
        "No",
        "vs",
        "Inc",
        "Ltd",
        "Co",
        "Corp",
        "Mt",
        "Ft",
        "Sgt",
        "Cmdr",
    }
)
_OUTLET_NOISE = re.compile(r"^the\s+|\s+(?:news|online|staff)$", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Z.' -]+(?=,|\s+[-–—(])")
_ENDS = frozenset(".!?")
_CLAUSE_STARTS = frozenset(":-—–")  # "SALVADOR, Feb 26 - Showers continued": a sentence starts
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’-])")
_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-ЯЁ"
_WORD_START = rf"(?:(?:[{_CAPITAL}]\.){{2,}}|[{_CAPITAL}][\w'’&-]*)"
_RUN = re.compile(rf"(?<![\w'’.-]){_WORD_START}(?:(?:\s+(?:{'|'.join(sorted(CONNECTORS))}))*\s+{_WORD_START})*")
_NOISE_WORDS = frozenset(w.capitalize() for w in LEADING_NOISE)
_LAST_WORD = re.compile(r"[\w.]+$")
_TOPIC = re.compile(r"\b[a-z]{4,}\b")
_ACRONYM_SKIP = frozenset({"of", "for", "and", "in", "on", "the", "de", "la", "du", "to", "&"})


@dataclass
class _Tally:
    counts: Counter = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)
    trusted: set[str] = field(default_factory=set)
    position: int = 0

    def add(self, name: str, trusted: bool) -> None:
        self.counts[name] += 1
        self.first.setdefault(name, self.position)
        self.position += 1
        if trusted:
            self.trusted.add(name)


def suggest_tags(
    title: str, paragraphs: list[str], max_tags: int = 8, exclude: tuple[str, ...] = ()
) -> tuple[str, ...]:
    tally = _Tally()
    for paragraph in paragraphs:
        if not _shouting(paragraph):
            _count_names(_DATELINE.sub(lambda m: m.group(0).title(), paragraph, count=1), tally)
    _drop_common_words(tally, paragraphs)
    variants = _merge_variants(tally)
    excluded = {e.lower() for e in exclude if e} | {_OUTLET_NOISE.sub("", e).lower() for e in exclude if e}
    title_text, lead_text = _searchable(title), _searchable(paragraphs[0] if paragraphs else "")
    scores: dict[str, float] = {}
    for name, count in tally.counts.items():
        names = variants.get(name, {name})
        if name not in tally.trusted or any(n.lower() in excluded for n in names):
            continue
        in_title = any(f" {n.lower()} " in title_text for n in names)
        scores[name] = count + (3 if in_title else 0) + (1 if any(f" {n.lower()} " in lead_text for n in names) else 0)
    ranked = sorted(scores, key=lambda n: (-scores[n], tally.first[n], n))
    tags = [n for n in ranked if tally.counts[n] >= 2 or scores[n] > tally.counts[n] + 1][:max_tags]
    if len(tags) < MIN_TAGS:
        tags += [n for n in ranked if n not in tags][: MIN_TAGS - len(tags)]
    if len(tags) < MIN_TAGS:
        taken = {t.lower() for t in tags} | excluded
        tags += [t for t in _topic_words(title, paragraphs) if t.lower() not in taken][: MIN_TAGS - len(tags)]
    return tuple(tags[:max_tags])


def _drop_common_words(tally: _Tally, paragraphs: list[str]) -> None:
    """A lone capitalised word that the article also uses in lower case ("Economy", "economy") is no name."""
    singles = {n.lower(): n for n in tally.counts if " " not in n and not n.isupper()}
    if not singles:
        return
    for word in set(_LOWER_WORD.findall(" ".join(paragraphs))) & singles.keys():
        tally.counts.pop(singles[word], None)
        tally.trusted.discard(singles[word])


def _shouting(paragraph: str) -> bool:
    lower = sum(map(paragraph.count, "etaoinsrhldcu"))  # the common letters are enough to tell
    upper = sum(map(paragraph.count, "ETAOINSRHLDCU"))
    return upper + lower > 20 and upper > 0.6 * (upper + lower)


def _count_names(paragraph: str, tally: _Tally) -> None:
    """Count runs of capitalised words; a run that opens a sentence is trusted only if it is clearly a name."""
    for match in _RUN.finditer(paragraph):
        text = match.group(0)
        if text in _NOISE_WORDS:  # "The", "But", "He": most runs, and never a name
            continue
        at_start = _opens_sentence(paragraph, match.start())
        run: list[str] = []
        for token in text.split():
            word = canonical_word(token)
            if not word or not (is_name_word(word) or (run and word in CONNECTORS)):
                _flush(run, at_start, tally)
                at_start = False
                continue
            run.append(word)
            if POSSESSIVE.search(token):  # "Ukraine's Crimea" is two names
                _flush(run, at_start, tally)
                at_start = False
        _flush(run, at_start, tally)


def _opens_sentence(text: str, start: int) -> bool:
    """Is the word at `start` the first of a sentence (or of a paragraph, or after a colon or a dash)?"""
    before = text[max(0, start - 24) : start].rstrip(" \"“‘'(")
    if not before:
        return start < 24 or not text[:start].strip()
    if before[-1] in _CLAUSE_STARTS:
        return True
    if before[-1] not in _ENDS:
        return False
    previous = _LAST_WORD.search(before[:-1])
    return not previous or previous.group(0) not in _ABBREVIATIONS


def _flush(run: list[str], at_start: bool, tally: _Tally) -> None:
    if not run:
        return
    name, stripped = clean_run(tuple(run))
    if name:
        known = name in PLACES
        tally.add(name, trusted=not at_start or stripped or known or " " in name or name.isupper())
    run.clear()


def _merge_variants(tally: _Tally) -> dict[str, set[str]]:
    """Fold acronyms into their long names and surnames into full names; return each name's variants."""
    variants: dict[str, set[str]] = {}
    for short, full in _acronym_pairs(tally.counts):
        if short in tally.counts and full in tally.counts:
            keep, drop = (full, short) if tally.counts[full] > tally.counts[short] else (short, full)
            _fold(tally, variants, keep, drop)
    for short, full in _surname_pairs(tally.counts):
        _fold(tally, variants, full, short)
    for plural in sorted(n for n in tally.counts if n.endswith("s") and n[:-1] in tally.counts):
        one = plural[:-1]
        keep, drop = (plural, one) if tally.counts[plural] > tally.counts[one] else (one, plural)
        _fold(tally, variants, keep, drop)
    return variants


def _fold(tally: _Tally, variants: dict[str, set[str]], keep: str, drop: str) -> None:
    tally.counts[keep] += tally.counts.pop(drop)
    tally.first[keep] = min(tally.first[keep], tally.first.pop(drop))
    if drop in tally.trusted:
        tally.trusted.add(keep)
    variants[keep] = variants.get(keep, {keep}) | variants.pop(drop, {drop})


def _acronym_pairs(counts: Counter) -> list[tuple[str, str]]:
    """("OSCE", "Organization for Security and Cooperation in Europe")."""
    pairs = []
    for short in sorted(n for n in counts if n.isupper() and 2 <= len(n) <= 6 and " " not in n):
        fulls = [n for n in counts if " " in n and _initials(n) == short]
        if len(fulls) == 1:
            pairs.append((short, fulls[0]))
    return pairs


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in _ACRONYM_SKIP).upper()


def _surname_pairs(counts: Counter) -> list[tuple[str, str]]:
    """("Putin", "Vladimir Putin") when exactly one full name ends with the word; else ("Alex", "Alex Kapranos")
    when exactly one starts with it."""
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for name in counts:
        if " " in name:
            by_last.setdefault(name.rsplit(" ", 1)[1], []).append(name)
            by_first.setdefault(name.split(" ", 1)[0], []).append(name)
    pairs = []
    for name in sorted(n for n in counts if " " not in n and n not in PLACES):
        homes = by_last.get(name) or by_first.get(name, [])
        if len(homes) == 1:
            pairs.append((name, homes[0]))
    return pairs


def _searchable(text: str) -> str:
    """Lower-case words with aliases applied, padded with spaces, for whole-word lookups."""
    words = [canonical_word(t) for t in _TOKEN.findall(text) if t[0].isalpha()]
    words = [ALIASES.get(w, w) for w in words]
    return " " + " ".join(words).lower() + " "


def _topic_words(title: str, paragraphs: list[str]) -> list[str]:
    """For articles with few names: content words of the title that the text uses, then its most frequent ones."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for word in _TOPIC.findall(" ".join(paragraphs).lower()):
        if word not in STOP_WORDS and not word.endswith(("ly", "ed", "ing")):
            counts[word] += 1
            first.setdefault(word, len(first))
    in_title = set(_TOPIC.findall(title.lower()))
    chosen = [w for w in counts if w in in_title or counts[w] >= 3]
    ranked = sorted(chosen, key=lambda w: (w not in in_title, -counts[w], first[w]))
    return [w.capitalize() for w in ranked]
