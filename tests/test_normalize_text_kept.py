"""The importer loses nothing: every word of a seed's title and body reaches the article page as text.

Seeds are scraped text, not trusted HTML or Markdown. Wire tickers that are HTML element names
(`Du Pont Co <DD>`, `Bancorp <I>`), `&amp;`, `*`, `_`, `#`, backticks, `[a](b)` and a leading
`1.`, `-` or `>` are rendered through the real chain (normalize -> content file -> load ->
Markdown + nh3 -> the default article template) and read back with html.parser.
Run locally with more examples: HYPOTHESIS_EXAMPLES=10000 pytest tests/test_normalize_text_kept.py
"""

from __future__ import annotations

import os
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.contentfile import split_body
from generator.importer.htmlclean import _ELEMENTS
from generator.importer.normalize import normalize, to_document
from generator.model import Article, SeedText
from generator.site import theme
from generator.site.index import build_index
from generator.site.load import parse_article
from generator.site.markup import new_converter, to_html
from generator.site.render import render
from generator.site.routes import Urls, article_page, site_context

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "400"))
TICKERS = [f"<{name.upper()}>" for name in _ELEMENTS] + [f"<{name}>" for name in _ELEMENTS]
MARKS = ["&", "&amp;", "&#244;", "*", "**", "_", "__", "#", "`", "``", "[a](b)", "[x]", "![i](s)", "\\*", "<", ">"]
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
tokens = st.one_of(words, words, st.sampled_from(TICKERS), st.sampled_from(MARKS))
# A leading `#` is left out: `## Subheading` in a seed is Markdown meant as formatting (fixture 19).
leads = st.sampled_from(["", "", "1. ", "- ", "> ", "* ", "+ ", "1) "])


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style", "head")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style", "head")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def article_html(seed: str, root: Path) -> str:
    """A seed made into its article page, through the same stages `build` uses."""
    article, _ = normalize(SeedText("wire/seed.txt", seed, "0" * 64))
    assert article is not None
    document = to_document(article)
    loaded = parse_article(document, "2014/03/seed.md")
    assert isinstance(loaded, Article), loaded
    config = SiteConfig(root=root)
    index, _ = build_index([loaded])
    route = article_page(index, 0, Urls(config))
    body = to_html(split_body(document), new_converter())
    output = render(
        replace(route, context={**route.context, "body_html": body}),
        theme.environment(config, site_context(index, config)),
    )
    assert not hasattr(output, "severity"), output
    return output.data.decode("utf-8")


def in_order(needles: list[str], text: str) -> bool:
    at = 0
    for needle in needles:
        found = text.find(needle, at)
        if found < 0:
            return False
        at = found + len(needle)
    return True


@st.composite
def wire_seeds(draw) -> tuple[str, list[str]]:
    title = "Headline " + " ".join(draw(st.lists(tokens, min_size=1, max_size=10)))
    paras = [
        draw(leads) + f"Para{i} " + " ".join(draw(st.lists(tokens, min_size=1, max_size=20))) + "."
        for i in range(draw(st.integers(1, 5)))
    ]
    seed = "\n\n".join([title, "By Jane Doe, Reuters", "March 5, 2014", *paras]) + "\n"
    return seed, [title, *paras]


@pytest.mark.parametrize(
    "title, body",
    [
        ("Du Pont Co <DD> Launches Improved Aramid Fibers", "DU PONT <DD> WINS SUIT over *fibres* & A_B."),
        ("Sears <S> to Restructure", "First Interstate Bancorp <I> takeover bid, `code` [a](b) &amp; #1."),
    ],
)
def test_a_ticker_that_is_a_tag_name_stays_in_the_title_and_body(tmp_path: Path, title: str, body: str):
    seed = f"{title}\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\n{body}\n"
    article, notes = normalize(SeedText("x.txt", seed, "0" * 64))
    assert article is not None and notes == ()
    assert article.title == title
    text = page_text(article_html(seed, tmp_path))
    assert in_order([title, body], text), text


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(wire_seeds())
def test_every_word_of_title_and_body_reaches_the_page(tmp_path: Path, case: tuple[str, list[str]]):
    seed, pieces = case
    text = page_text(article_html(seed, tmp_path))
    assert in_order([" ".join(p.split()) for p in pieces], text), (pieces, text)
