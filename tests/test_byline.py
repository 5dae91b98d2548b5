"""Bylines: people into `authors`, the outlet into `source`."""

import pytest

from generator.importer.byline import Byline, is_byline, parse, read_byline


@pytest.mark.parametrize(
    "line, source, authors",
    [
        ("By [The Moscow Times](#)", "The Moscow Times", ()),
        ("By [Jane Doe](#) and [John Roe](#), [Reuters](#)", "Reuters", ("Jane Doe", "John Roe")),
        ("By Jane Doe, Reuters", "Reuters", ("Jane Doe",)),
        ("By Jane Doe, John Roe and Ann Poe", "", ("Jane Doe", "John Roe", "Ann Poe")),
        ("By Jane Doe, John Roe, and Ann Poe", "", ("Jane Doe", "John Roe", "Ann Poe")),
        ("BY JANE DOE AND JOHN MCDONALD", "", ("Jane Doe", "John McDonald")),
        ("BY MARY O'BRIEN, ASSOCIATED PRESS WRITER", "Associated Press", ("Mary O'Brien",)),
        ("Reuters", "Reuters", ()),
        ("REUTERS", "Reuters", ()),
        ("By Reuter", "Reuter", ()),
        ("By Jane Doe in Moscow", "", ("Jane Doe",)),
        ("By Jane Doe, Moscow Correspondent", "", ("Jane Doe",)),
        ("By Jane Doe for The Globe and Mail", "The Globe and Mail", ("Jane Doe",)),
        ("By Jane Doe | The Daily Bugle", "The Daily Bugle", ("Jane Doe",)),
        ("By Martin Luther King, Jr.", "", ("Martin Luther King Jr.",)),
        ("By Ludwig van Beethoven", "", ("Ludwig van Beethoven",)),
        ("Written by: Jane Doe", "", ("Jane Doe",)),
        ("By Staff Writer", "", ()),
    ],
)
def test_byline_forms(line, source, authors):
    assert parse(line) == (source, authors)


@pytest.mark.parametrize(
    "line",
    [
        "By the numbers: how the budget works",
        "By-election called in Bristol",
        "Times Square Crowds Gather",
        "Demonstrators holding up placards during a rally.",
        "Sanctions",
        "By",
    ],
)
def test_lines_that_are_not_bylines(line):
    assert not is_byline(line)


def test_configured_outlets_are_recognised():
    assert parse("By Sam Hill, Lantern", frozenset({"Lantern"})) == ("Lantern", ("Sam Hill",))
    assert read_byline("Lantern", frozenset({"Lantern"}), after_title=False).source == "Lantern"


def test_an_unknown_paper_counts_only_after_the_title():
    assert read_byline("The Daily Bugle", after_title=False) is None
    assert read_byline("The Daily Bugle", after_title=True).source == "The Daily Bugle"


@pytest.mark.parametrize(
    "line",
    [
        "CREDIT CARD DISCLOSURE BILLS INTRODUCED",
        "Credit Card Disclosure Bills Introduced",
        "AUTHORS GUILD SUES OVER SCANNING",
        "Writers Strike Ends After Three Months",
        "BY THE NUMBERS HOUSING STARTS SLUMP",
        "By The Numbers Housing Starts Slump",
    ],
)
def test_a_headline_that_starts_with_a_label_word_is_no_byline(line):
    """A label is known by its shape (`Credit: …`), never by its first word alone."""
    assert read_byline(line, after_title=False) is None
    assert read_byline(line, after_title=True) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Credit: Reuters", Byline("Reuters", ())),
        ("Author: Jane Doe", Byline("", ("Jane Doe",))),
        ("By Jane Doe", Byline("", ("Jane Doe",))),
        ("By The Moscow Times", Byline("The Moscow Times", ())),
    ],
)
def test_a_label_with_its_colon_or_a_by_with_a_name_is_a_byline(line, expected):
    assert read_byline(line, after_title=False) == expected
