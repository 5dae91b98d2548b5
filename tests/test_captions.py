"""Captions told from leads by structure: a short line before a dateline, a `FILE PHOTO:` prefix,
a trailing credit. On the BBC corpus, which has no captions, none is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.captions import caption_text
from generator.importer.normalize import normalize
from generator.model import SeedText

DATELINE = "ZURICH, March 5 - Swiss banks said on Thursday they would cut jobs across the country."
LEAD = "Swiss banks said on Thursday they would cut jobs across the country."


@pytest.mark.parametrize(
    "text, following, expected",
    [
        ("Commuters walk past a bank branch in Zürich.", DATELINE, "Commuters walk past a bank branch in Zürich."),
        (
            "Traders on the floor of the exchange in Clarksburg.",
            DATELINE,
            "Traders on the floor of the exchange in Clarksburg.",
        ),
        (
            "FILE PHOTO: Company headquarters in Westminster, where the board met on the offer.",
            LEAD,
            "FILE PHOTO: Company headquarters in Westminster, where the board met on the offer.",
        ),
        ("PHOTO: Company headquarters in Westminster.", LEAD, "Company headquarters in Westminster."),
        ("Photo: Company headquarters in Westminster.", LEAD, "Company headquarters in Westminster."),
        (
            "Commuters walk past a bank branch. REUTERS/Arnd Wiegmann",
            LEAD,
            "Commuters walk past a bank branch. REUTERS/Arnd Wiegmann",
        ),
        ("Waves break over the harbour wall. Getty Images", LEAD, "Waves break over the harbour wall. Getty Images"),
        (
            "Firefighters battle flames on a ridge. (AP Photo/Ray Mendez)",
            LEAD,
            "Firefighters battle flames on a ridge. (AP Photo/Ray Mendez)",
        ),
    ],
)
def test_a_caption_is_known_by_its_structure(text, following, expected):
    assert caption_text(text, 1, following) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Commuters walk past a bank branch in Zürich.",  # present tense, but no dateline follows
        "Shares rose sharply on Monday, traders said. Reuters",
        "Striker Leon Adu signs a three-year contract with Eastfield Rovers, ending weeks of talks.",
    ],
)
def test_a_lead_is_not_a_caption(text):
    assert caption_text(text, 1, LEAD) == ""


@pytest.mark.slow
def test_no_caption_is_found_on_the_bbc_corpus(bbc_seeds: Path):
    """The BBC seeds have no photo captions: the importer found 0 before structural captions, and still does."""
    seeds = sorted(bbc_seeds.rglob("*.txt"))
    assert len(seeds) == 2095
    found = []
    for path in seeds:
        article, _ = normalize(SeedText(path.name, path.read_text(encoding="utf-8"), "0" * 64))
        if article is not None and article.caption:
            found.append((path.name, article.caption))
    assert found == []
