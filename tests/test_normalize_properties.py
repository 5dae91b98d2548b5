"""Properties of the normaliser over generated seeds: it never raises, its output is canonical,
it loses no body word, and importing is idempotent."""

from __future__ import annotations

import re
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.importer.ingest import import_seeds
from generator.importer.normalize import Rules, normalize, to_document
from generator.model import SeedText

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=1, max_size=10)
sentences = st.lists(words, min_size=1, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
titles = st.lists(words, min_size=1, max_size=8).map(lambda ws: " ".join(ws).title())
noise = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def seeds_with_body(draw) -> tuple[str, list[str]]:
    """A plausible seed (title, maybe a byline and a date, paragraphs perhaps wrapped, maybe a trailer),
    and the paragraphs it was made from."""
    newline = draw(noise)
    lines = [""] * draw(st.integers(0, 3)) + [draw(titles), ""]
    if draw(st.booleans()):
        lines += [draw(st.sampled_from(["By Jane Doe, Reuters", "By [The Moscow Times](#)", "REUTERS"])), ""]
    if draw(st.booleans()):
        lines += [draw(st.sampled_from(["March 05, 2014", "26.02.1987", "2014-03-05", "Thursday, 5 June 2003"])), ""]
    body = draw(st.lists(paragraphs, min_size=0, max_size=6))
    for paragraph in body:
        lines += (_wrap(paragraph) if draw(st.booleans()) else [paragraph]) + [""]
    if draw(st.booleans()):
        lines += ["Original url:", "", "<https://www.example.com/story>"]
    return newline.join(lines) + draw(st.sampled_from(["", "\n", "  \n\n"])), body


seeds = seeds_with_body().map(lambda pair: pair[0])


def _wrap(text: str, width: int = 60) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + [current]


def body_words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


@FAST
@given(st.text())
def test_arbitrary_text_never_raises(text):
    article, notes = normalize(SeedText("x.txt", text, "0" * 64))
    assert article is not None or any(n.severity == "error" for n in notes)
    if article is not None:
        to_document(article)


@FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data):
    from generator.importer.pool import Job, prepare

    result = prepare(Job("x.txt", "seeds/x.txt", data, "0" * 64), Rules())
    assert result.article is not None or result.reason


@FAST
@given(seeds)
def test_output_is_canonical(seed):
    article, _ = normalize(SeedText("world/x.txt", seed, "0" * 64))
    document = to_document(article)
    assert "\r" not in document and unicodedata.is_normalized("NFC", document)
    assert document.endswith("\n") and not document.endswith("\n\n")
    assert SLUG.match(article.slug) and len(article.slug) <= 80
    meta = yaml.safe_load(document.split("\n---\n", 1)[0][4:])
    assert meta["title"] == article.title and meta["slug"] == article.slug
    assert meta["tags"] == list(article.tags) and meta["authors"] == list(article.authors)


@FAST
@given(seeds_with_body())
def test_no_body_word_is_lost(pair):
    seed, body = pair
    article, _ = normalize(SeedText("x.txt", seed, "0" * 64))
    kept = body_words(f"{article.body} {article.caption}")
    assert sorted(kept) == sorted(body_words(" ".join(body)))


@FAST
@given(seeds)
def test_a_normalised_document_normalises_to_itself(seed):
    article, _ = normalize(SeedText("x.txt", seed, "0" * 64))
    again, notes = normalize(SeedText("x.txt", to_document(article), "0" * 64))
    assert again == article and all(n.code == "no-date" for n in notes)


@settings(max_examples=25, deadline=None)
@given(st.lists(seeds, min_size=1, max_size=4))
def test_importing_twice_changes_nothing(batch):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "seeds").mkdir()
        for i, seed in enumerate(batch):
            (root / "seeds" / f"{i}.txt").write_text(seed, encoding="utf-8", newline="")
        config = SiteConfig(root=root)
        first = import_seeds(config)
        files = {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
        second = import_seeds(config)
        assert [r.status for r in second.results] == ["unchanged"] * len(batch)
        assert [r.content_path for r in second.results] == [r.content_path for r in first.results]
        assert {p: p.read_bytes() for p in (root / "content").rglob("*.md")} == files
