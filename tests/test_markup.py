"""The plain-prose fast path writes exactly what Python-Markdown and nh3 would."""

from __future__ import annotations

from pathlib import Path

import nh3
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.markup import ALLOWED_TAGS, new_converter, plain_html, to_html

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc"
CONVERTER = new_converter()


def reference(text: str) -> str:
    CONVERTER.reset()
    return nh3.clean(CONVERTER.convert(text), tags=ALLOWED_TAGS)


def corpus_bodies() -> list[str]:
    bodies = []
    for path in sorted(CORPUS.glob("*/*.txt")):
        try:
            _, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        except UnicodeDecodeError:
            continue
        bodies.append("\n\n".join(p.strip() for p in body.split("\n") if p.strip()))
    return bodies


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the BBC corpus (../shared/corpus/bbc) is not here")
def test_fast_path_matches_the_libraries_on_the_whole_bbc_corpus():
    bodies = corpus_bodies()
    fast = [(body, html) for body in bodies if (html := plain_html(body)) is not None]
    assert len(bodies) > 2000 and len(fast) > 0.7 * len(bodies)  # most real articles take the fast path
    assert [body for body, html in fast if html != reference(body)] == []


@pytest.mark.parametrize(
    "text",
    [
        "One paragraph.\n\n## Sanctions\n\nAnother paragraph.",
        'Prices rose 5% to $3.50 a share, "a record", analysts said.',
        "Vive l'été à Zürich — 10°C.",
    ],
)
def test_plain_bodies_take_the_fast_path(text):
    assert plain_html(text) == reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "Some *emphasis* here.",
        "A [link](https://example.org).",
        "AT&T shares",
        "a < b",
        "1. a list",
        "- item",
        "> quote",
        "    code",
        "# Title",
        "## Heading ##",
        "line one\nline two",
        "<b>bold</b>",
        "see https://example.org",
        "a_b_c",
        "Table | cell",
    ],
)
def test_anything_richer_goes_to_the_libraries(text):
    assert plain_html(text) is None
    assert to_html(text, new_converter()) == reference(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=60),
        min_size=1,
        max_size=5,
    )
)
def test_fast_path_never_disagrees_with_the_libraries(paragraphs):
    text = "\n\n".join(paragraphs)
    html = plain_html(text)
    if html is not None:
        assert html == reference(text)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab #*-.1:=\n>'\"()ÄÖ,;?%$/@^+", min_size=1, max_size=40))
def test_fast_path_agrees_on_markdown_punctuation(text):
    html = plain_html(text)
    if html is not None:
        assert html == reference(text)
