"""PURE. Suggests tags: the people, places and organisations an article is about.

No model can be downloaded here, so this is a careful heuristic: runs of
capitalised words, counted outside sentence starts, with titles stripped,
variants merged ("Putin" into "Vladimir Putin", "U.S." into "US") and
stop words, weekdays and months refused.
"""
from __future__ import annotations

import re
from collections import Counter

from .wordlists import CONNECTORS, DEMONYMS, HONORIFICS, NOT_ENTITIES, STOP_WORDS

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.&-]*[A-Za-z.]|[A-Za-z]|[.!?;:,\"“”()—–]")
_SENTENCE_END = {".", "!", "?", ";", ":", '"', "“", "”", "(", ")", "—", "–"}


def suggest_tags(title: str, paragraphs: list[str], max_tags: int = 8, exclude: tuple[str, ...] = ()) -> tuple[str, ...]:
    counts, initial_only = _count_entities(paragraphs)
    counts = _merge_variants(counts)
    title_lower = title.lower()
    lead = paragraphs[0].lower() if paragraphs else ""
    excluded = {e.lower() for e in exclude if e}
    scores: dict[str, float] = {}
    for name, count in counts.items():
        if name.lower() in excluded or name in initial_only:
            continue
        in_title = _mentions(title_lower, name)
        if count < 2 and not in_title:
            continue
        scores[name] = count + (3 if in_title else 0) + (1 if _mentions(lead, name) else 0)
    ranked = sorted(scores, key=lambda n: (-scores[n], n))
    tags = ranked[:max_tags]
    if len(tags) < 2:
        tags += [t for t in _topic_words(paragraphs, excluded) if t not in tags][: 2 - len(tags)]
    return tuple(tags[:max_tags])


def _mentions(text_lower: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name.lower())}\b", text_lower) is not None


def _count_entities(paragraphs: list[str]) -> tuple[Counter, set[str]]:
    """Count capitalised runs; a run seen only at sentence starts is not trusted."""
    counts: Counter = Counter()
    mid_sentence: set[str] = set()
    for paragraph in paragraphs:
        for run, at_start in _capitalised_runs(paragraph):
            name, stripped = _clean_run(run)
            if not name:
                continue
            counts[name] += 1
            if not at_start or stripped or " " in name or name.isupper():
                mid_sentence.add(name)
    return counts, set(counts) - mid_sentence


def _capitalised_runs(text: str):
    run: list[str] = []
    run_at_start = False
    sentence_start = True
    for token in _TOKEN.findall(text):
        if token == ",":
            if run:
                yield run, run_at_start
                run = []
            sentence_start = False
            continue
        if token in _SENTENCE_END:
            if run:
                yield run, run_at_start
                run = []
            sentence_start = True
            continue
        word = token.rstrip(".") if not _is_initialism(token) else token
        if _is_name_word(word) or (run and word in CONNECTORS):
            if not run:
                run_at_start = sentence_start
            run.append(word)
            if re.search(r"['’]s$", word):  # "Ukraine's Crimea" is two names
                yield run, run_at_start
                run = []
        else:
            if run:
                yield run, run_at_start
                run = []
        sentence_start = token.endswith(".") and not _is_initialism(token) and word not in HONORIFICS
    if run:
        yield run, run_at_start


def _is_name_word(word: str) -> bool:
    """Capitalised, and not an adjective such as "Russian-speaking"."""
    return word[:1].isupper() and not any(part[:1].islower() for part in word.split("-"))


def _is_initialism(token: str) -> bool:
    return re.fullmatch(r"(?:[A-Z]\.){2,}", token) is not None


def _clean_run(words: list[str]) -> tuple[str, bool]:
    """The name a run of capitalised words stands for, and whether its first word was dropped."""
    words = [_canonical_word(w) for w in words]
    length = len(words)
    anchors = [i for i, w in enumerate(words) if w in HONORIFICS]
    if anchors:  # "Russian Foreign Minister Sergei Lavrov" -> "Sergei Lavrov"
        words = words[anchors[-1] + 1:]
    while words and words[-1] in CONNECTORS:
        words.pop()
    while words and (words[0].lower() in STOP_WORDS or words[0] in CONNECTORS):
        words.pop(0)
    stripped = len(words) < length
    name = " ".join(words)
    if not words or (len(words) == 1 and (len(name) < 2 or name in NOT_ENTITIES or name.lower() in STOP_WORDS)):
        return "", stripped
    return DEMONYMS.get(name, name), stripped


def _canonical_word(word: str) -> str:
    word = re.sub(r"['’]s$", "", word)
    if _is_initialism(word) or re.fullmatch(r"[A-Z]\.[A-Z]", word):
        return word.replace(".", "")
    return word.strip("'’-")


def _merge_variants(counts: Counter) -> Counter:
    """Fold a one-word name into the one longer name that ends or starts with it."""
    merged = Counter(counts)
    multi = [n for n in counts if " " in n]
    for name in sorted(counts):
        if " " in name:
            continue
        homes = [m for m in multi if m.split()[-1] == name or m.split()[0] == name]
        surname_homes = [m for m in homes if m.split()[-1] == name]
        homes = surname_homes or homes
        if len(homes) == 1:
            merged[homes[0]] += merged.pop(name)
    return merged


def _topic_words(paragraphs: list[str], excluded: set[str]) -> list[str]:
    """Fallback for articles with few names: the most frequent content words."""
    words = Counter(
        w for p in paragraphs for w in re.findall(r"\b[a-z]{5,}\b", p)
        if w not in STOP_WORDS and w not in excluded
    )
    return [w.capitalize() for w, n in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2]
