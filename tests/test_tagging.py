"""Tag suggestions: names merged, noise refused, order deterministic, at most max_tags."""

from generator.importer.tagging import suggest_tags
from generator.importer.tagwords import STOP_WORDS
from generator.importer.wordlists import MONTHS, WEEKDAYS

PARAGRAPHS = [
    "Russia said on Wednesday that President Vladimir Putin would meet U.S. Secretary of State John Kerry in Paris.",
    "Putin told reporters in Moscow that the United States and Russia had common interests. Kerry agreed.",
    "But Kerry said the U.S. would not accept the vote. The Organization for Security and Cooperation in Europe, "
    "or OSCE, sent monitors, and the OSCE said the monitors reached Crimea on Monday.",
    "Monday was calm. However, Putin said Russia would defend its interests in Crimea.",
]


def test_variants_are_merged():
    tags = suggest_tags("Putin and Kerry to Meet in Paris", PARAGRAPHS)
    assert "Vladimir Putin" in tags and "Putin" not in tags
    assert "John Kerry" in tags and "Kerry" not in tags
    assert "US" in tags and "U.S." not in tags and "United States" not in tags
    assert "OSCE" in tags and not any(t.startswith("Organization") for t in tags)


def test_no_stop_word_weekday_month_or_sentence_initial_word():
    tags = suggest_tags("Putin and Kerry to Meet in Paris", PARAGRAPHS)
    for tag in tags:
        assert tag.lower() not in MONTHS and tag.lower() not in WEEKDAYS
        assert tag.isupper() or tag.lower() not in STOP_WORDS
    assert "However" not in tags and "But" not in tags and "Monday" not in tags


def test_order_is_deterministic_and_limited():
    first = suggest_tags("Putin and Kerry to Meet in Paris", PARAGRAPHS, max_tags=3)
    assert first == suggest_tags("Putin and Kerry to Meet in Paris", PARAGRAPHS, max_tags=3)
    assert len(first) == 3 and first[0] == "Vladimir Putin"


def test_outlet_and_authors_are_not_tags():
    tags = suggest_tags("Report", ["Reuters said Paris was calm. Paris and Reuters again."], exclude=("Reuters",))
    assert "Reuters" not in tags and "Paris" in tags


def test_articles_with_few_names_get_topics():
    tags = suggest_tags(
        "Library extends opening hours",
        [
            "The library will open later. The library board said students had asked for the change.",
            "Students welcomed the longer hours at the library.",
        ],
    )
    assert tags[0] == "Library" and len(tags) >= 2
