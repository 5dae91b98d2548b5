"""PURE. Splits a byline into the people who wrote an article and the outlet that ran it."""
from __future__ import annotations

import re

BUILTIN_OUTLETS = frozenset(name.lower() for name in (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Agence France Presse", "Bloomberg",
    "Bloomberg News", "BBC", "BBC News", "CNN", "NPR", "UPI", "United Press International", "Interfax",
    "RIA Novosti", "TASS", "ITAR-TASS", "Xinhua", "Kyodo", "Kyodo News", "Yonhap", "dpa", "EFE", "ANSA",
    "PA", "Press Association", "PA Media", "Al Jazeera", "The Moscow Times", "Moscow Times",
    "The New York Times", "New York Times", "The Washington Post", "Washington Post", "The Guardian",
    "Guardian", "The Times", "The Independent", "The Telegraph", "The Daily Telegraph", "Financial Times",
    "The Financial Times", "FT", "The Wall Street Journal", "Wall Street Journal", "WSJ", "The Economist",
    "Los Angeles Times", "USA Today", "Le Monde", "Der Spiegel", "Kommersant", "Vedomosti", "Novaya Gazeta",
    "Sky News", "ABC News", "CBS News", "NBC News", "Fox News", "Politico", "Axios", "The Atlantic",
    "Newsweek", "Time", "The Hindu", "The Japan Times", "South China Morning Post", "The Irish Times",
    "The Scotsman", "Daily Mail", "The Sun", "Mirror", "Evening Standard", "Euronews", "Deutsche Welle",
    "DW", "RFE/RL", "Radio Free Europe", "Voice of America", "VOA", "Meduza", "The Local", "Haaretz",
    "The Jerusalem Post", "Times of India", "The Straits Times", "Bernama", "Anadolu Agency", "Ukrinform",
    "UNIAN", "Sputnik", "RT", "Agencies", "Wire Services", "Staff", "Staff Reporter", "Staff Writer",
))
_OUTLET_WORDS = frozenset("""
    times news post press journal herald tribune gazette telegraph guardian observer daily weekly agency
    agencies service services wire radio television tv network magazine review chronicle courier mail
    express independent standard monitor bulletin dispatch examiner inquirer star mirror staff newswire
    media broadcasting correspondents correspondent desk reporters bureau online
""".split())
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_PREFIX = re.compile(r"^(?:written\s+by|reported\s+by|posted\s+by|story\s+by|words\s+by|by)\b[:\s]*", re.IGNORECASE)


def is_byline(line: str) -> bool:
    return bool(_PREFIX.match(line)) or bool(re.fullmatch(r"\s*\[[^\]]+\]\([^)]*\)\s*", line))


def parse(line: str, extra_outlets: frozenset[str] = frozenset()) -> tuple[str, tuple[str, ...]]:
    """`By Jane Doe and John Roe, Reuters` -> ("Reuters", ("Jane Doe", "John Roe"))."""
    text = _PREFIX.sub("", _LINK.sub(r"\1", line)).strip()
    if not text:
        return "", ()
    outlets = BUILTIN_OUTLETS | {o.lower() for o in extra_outlets}
    source = ""
    authors: list[str] = []
    for part in re.split(r"\s*(?:,|;|&|\band\b|\s[|/–—-]\s|\bfor\b)\s*", text, flags=re.IGNORECASE):
        name = part.strip(" .")
        if not name:
            continue
        if _is_outlet(name, outlets):
            source = source or _outlet_case(name)
        elif len(name.split()) <= 5:
            authors.append(_person_case(name))
    return source, tuple(dict.fromkeys(authors))


def _is_outlet(name: str, outlets: frozenset[str]) -> bool:
    lower = name.lower()
    return lower in outlets or bool(set(lower.split()) & _OUTLET_WORDS)


def _outlet_case(name: str) -> str:
    if name.isupper() and len(name) > 4:
        return " ".join(w.capitalize() for w in name.split())
    return name


def _person_case(name: str) -> str:
    if not name.isupper() and not name.islower():
        return name
    return " ".join("-".join(p.capitalize() for p in word.split("-")) for word in name.split())
