"""index.py (PURE): order, terms grouped by slug, date buckets, drafts and duplicate slugs."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Article, DateBucket, Term
from generator.site.index import build_index


def art(
    slug: str,
    date: str | None = None,
    *,
    tags=(),
    source="",
    authors=(),
    section="",
    draft=False,
    path: str | None = None,
) -> Article:
    day = dt.date.fromisoformat(date) if date else None
    return Article(
        path=path or f"content/{slug}.md",
        slug=slug,
        title=slug.replace("-", " ").title(),
        date=day,
        source=source,
        authors=tuple(authors),
        caption="",
        original_url="",
        section=section,
        tags=tuple(tags),
        summary="",
        body_key="0",
        draft=draft,
    )


def slugs(index, ids=None) -> list[str]:
    return [index.articles[i].slug for i in (range(len(index.articles)) if ids is None else ids)]


@pytest.mark.parametrize(
    "articles, expected",
    [
        ([], []),
        ([art("a", "2014-03-05")], ["a"]),
        ([art("old", "2013-01-01"), art("new", "2014-01-01"), art("mid", "2013-06-30")], ["new", "mid", "old"]),
        ([art("b", "2014-03-05"), art("c", "2014-03-05"), art("a", "2014-03-05")], ["a", "b", "c"]),
        ([art("undated-b"), art("dated", "1999-12-31"), art("undated-a")], ["dated", "undated-a", "undated-b"]),
        ([art("z", "2014-03-05"), art("a", "2014-03-04"), art("m")], ["z", "a", "m"]),
    ],
)
def test_articles_newest_first_ties_by_slug_undated_last(articles, expected):
    index, problems = build_index(articles)
    assert (slugs(index), problems) == (expected, ())


def test_input_order_does_not_matter():
    articles = [art(s, d) for s, d in [("a", "2014-01-02"), ("b", "2014-01-01"), ("c", "2014-01-02"), ("d", None)]]
    first, _ = build_index(articles)
    second, _ = build_index(list(reversed(articles)))
    assert first == second


@pytest.mark.parametrize(
    "tag_lists, expected",
    [
        # each article's tags, newest article first -> (name, slug, article positions) per tag, by slug
        ([["Russia"], ["Russia", "Crimea"]], [("Crimea", "crimea", (1,)), ("Russia", "russia", (0, 1))]),
        ([["Transport"], ["transport"], ["Transport"]], [("Transport", "transport", (0, 1, 2))]),
        ([["transport"], ["transport"], ["Transport"]], [("transport", "transport", (0, 1, 2))]),
        ([["EU"], ["eu"]], [("EU", "eu", (0, 1))]),  # a tie goes to the alphabetically first spelling
        ([["Zürich"], ["Zurich"], ["Zürich"]], [("Zürich", "zurich", (0, 1, 2))]),
        ([["Russia", "russia"]], [("Russia", "russia", (0,))]),  # one article counts once
        ([["!!!", "Real"]], [("Real", "real", (0,))]),  # a name with no slug is dropped
        ([[], []], []),
    ],
)
def test_tags_grouped_by_slug_with_the_most_common_spelling(tag_lists, expected):
    articles = [art(f"a{i}", f"2014-01-{20 - i:02d}", tags=tags) for i, tags in enumerate(tag_lists)]
    index, _ = build_index(articles)
    assert [(t.name, t.slug, t.articles) for t in index.tags] == expected


def test_sources_authors_and_sections_are_terms_too():
    index, _ = build_index(
        [
            art("a", "2014-01-03", source="The Moscow Times", authors=["Jane Roe"], section="world"),
            art("b", "2014-01-02", source="BBC News", authors=["Jane Roe", "John Doe"]),
            art("c", "2014-01-01", source="The Moscow Times", section="world"),
        ]
    )
    assert index.sources == (Term("BBC News", "bbc-news", (1,)), Term("The Moscow Times", "the-moscow-times", (0, 2)))
    assert index.authors == (Term("Jane Roe", "jane-roe", (0, 1)), Term("John Doe", "john-doe", (1,)))
    assert index.sections == (Term("world", "world", (0, 2)),)


def test_date_buckets_newest_first():
    index, _ = build_index(
        [
            art("a", "2014-03-05"),
            art("b", "2014-03-05"),
            art("c", "2014-03-01"),
            art("d", "2014-01-31"),
            art("e", "2013-12-31"),
            art("f"),
        ]
    )
    assert slugs(index) == ["a", "b", "c", "d", "e", "f"]
    assert index.years == (DateBucket((2014,), (0, 1, 2, 3)), DateBucket((2013,), (4,)))
    assert index.months == (DateBucket((2014, 3), (0, 1, 2)), DateBucket((2014, 1), (3,)), DateBucket((2013, 12), (4,)))
    assert index.days == (
        DateBucket((2014, 3, 5), (0, 1)),
        DateBucket((2014, 3, 1), (2,)),
        DateBucket((2014, 1, 31), (3,)),
        DateBucket((2013, 12, 31), (4,)),
    )
    assert index.undated == (5,)


@pytest.mark.parametrize("include_drafts, expected", [(False, ["published"]), (True, ["draft", "published"])])
def test_drafts_only_when_asked(include_drafts, expected):
    articles = [art("published", "2014-01-01", tags=["T"]), art("draft", "2014-01-02", tags=["T"], draft=True)]
    index, _ = build_index(articles, include_drafts=include_drafts)
    assert slugs(index) == expected
    assert index.tags[0].articles == tuple(range(len(expected)))


@pytest.mark.parametrize(
    "articles, kept, errors",
    [
        (
            [art("same", "2014-01-01", path="content/b.md"), art("same", "2014-01-01", path="content/a.md")],
            ["content/a.md"],
            ["content/b.md: error: slug 'same' on 2014-01-01 is already used by content/a.md"],
        ),
        ([art("same", "2014-01-01"), art("same", "2014-01-02")], ["content/same.md", "content/same.md"], []),
        (
            [art("same", path="content/x.md"), art("same", path="content/y.md")],
            ["content/x.md"],
            ["content/y.md: error: slug 'same' on no date is already used by content/x.md"],
        ),
        (
            [
                art("s", "2014-01-01", path="content/1.md"),
                art("s", "2014-01-01", path="content/2.md"),
                art("s", "2014-01-01", path="content/3.md"),
            ],
            ["content/1.md"],
            [
                "content/2.md: error: slug 's' on 2014-01-01 is already used by content/1.md",
                "content/3.md: error: slug 's' on 2014-01-01 is already used by content/1.md",
            ],
        ),
        (
            [art("same", "2014-01-01", path="content/draft.md", draft=True), art("same", "2014-01-01")],
            ["content/same.md"],
            [],
        ),  # a draft left out of the build takes no slug
    ],
)
def test_duplicate_slugs_on_one_day_are_refused(articles, kept, errors):
    index, problems = build_index(articles)
    assert [a.path for a in index.articles] == kept
    assert [str(p) for p in problems] == errors
    assert {p.code for p in problems} <= {"duplicate-slug"}


def test_refused_duplicate_is_in_no_term_or_bucket():
    index, _ = build_index(
        [
            art("same", "2014-01-01", tags=["A"], path="content/a.md"),
            art("same", "2014-01-01", tags=["B"], path="content/b.md"),
        ]
    )
    assert [t.name for t in index.tags] == ["A"]
    assert index.days == (DateBucket((2014, 1, 1), (0,)),)
