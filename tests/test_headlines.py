"""Headlines that begin with a word the header reader could take for a label, a byline or a date are
read as headlines, whatever follows them: a byline, a date alone, or the body's dateline lead."""

from __future__ import annotations

import pytest

from generator.importer.normalize import Rules, normalize
from generator.model import SeedText

HEADLINES = [
    "BY ELECTION RESULTS DELAYED",
    "By Election Results Delayed Again",
    "BY THE NUMBERS HOUSING STARTS SLUMP",
    "CREDIT CARD DISCLOSURE BILLS INTRODUCED",
    "Credit Suisse Cuts Jobs",
    "PHOTO FINISH DECIDES DERBY",
    "Photo Finish Decides The Derby",
    "UPDATED FORECAST SEES GROWTH",
    "Updated Rules For Cyclists Published",
    "POSTED WORKERS DIRECTIVE AGREED",
    "Posted Workers Strike In Calais",
    "MONDAY BLUES HIT MARKETS",
    "Sunday trading laws to be relaxed",
    "MAY DAY RALLIES DRAW THOUSANDS",
    "March Of The Penguins Tops Box Office",
]
LEAD = "LONDON, March 5 - The council approved the plan on Tuesday after a long debate.\n\nIt was the second vote.\n"
LAYOUTS = {
    "byline follows": ("\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\n", ("Jane Doe",)),
    "date follows": ("\n\nMarch 5, 2014\n\n", ()),
    "lead follows": ("\n\n", ()),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("headline", HEADLINES)
def test_a_headline_is_read_as_the_title(headline, layout):
    between, authors = LAYOUTS[layout]
    article, _ = normalize(SeedText("x.txt", headline + between + LEAD, "0"), Rules())
    assert article is not None
    assert (article.title, article.authors) == (headline, authors)
    assert article.body.startswith("LONDON, March 5 - The council approved")


@pytest.mark.parametrize(
    "seed, authors",
    [
        ("Harbour Plan Approved\n\nBY JANE DOE, ASSOCIATED PRESS WRITER\n\nMarch 5, 2014\n\n", ("Jane Doe",)),
        ("BY JANE DOE\n\nHarbour Plan Approved\n\nMarch 5, 2014\n\n", ("Jane Doe",)),
        ("By [Jane Doe](#)\n\nHarbour Plan Approved\n\nMarch 5, 2014\n\n", ("Jane Doe",)),
    ],
)
def test_a_byline_is_still_a_byline(seed, authors):
    article, _ = normalize(SeedText("x.txt", seed + LEAD, "0"), Rules())
    assert article is not None and (article.title, article.authors) == ("Harbour Plan Approved", authors)
