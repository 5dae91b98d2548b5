"""The normaliser against pinned Markdown: every fixture seed, and the real seed.

Regenerate the pinned files with `pytest tests/test_normalize.py --update-golden` (or UPDATE_GOLDEN=1),
then review the diff.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
import yaml

from generator.contentfile import content_hash
from generator.importer.normalize import Rules, clean_text, normalize, summarize, to_document
from generator.importer.pool import Job, Prepared, prepare
from generator.model import SeedText

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "normalized"
REAL_SEED = ROOT / "seeds" / "000_1dbb4553012f89ce.txt"
RULES = Rules(outlets=frozenset({"Lantern"}), max_tags=8, today=dt.date(2026, 1, 1))
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SEEDS = sorted(p.name for p in FIXTURES.iterdir())


def prepared(path: Path, rules: Rules = RULES) -> Prepared:
    data = path.read_bytes()
    return prepare(Job(path.name, f"seeds/{path.name}", data, hashlib.sha256(data).hexdigest()), rules)


def rendered(result: Prepared) -> str:
    if result.article is None:
        return f"rejected: {result.reason}\n"
    return to_document(result.article, result.extra)


@pytest.fixture
def updating(request) -> bool:
    return UPDATE or bool(request.config.getoption("--update-golden", default=False))


def check_golden(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{path.name} was missing and has been written; review it and run again")
    assert actual == path.read_text(encoding="utf-8")


def test_there_are_at_least_forty_fixture_seeds():
    assert len(SEEDS) >= 40


@pytest.mark.parametrize("name", SEEDS)
def test_fixture_seed_matches_its_pinned_markdown(name, updating):
    check_golden(GOLDEN / f"{name}.md", rendered(prepared(FIXTURES / name)), updating)


def test_fixture_diagnostics_are_pinned(updating):
    lines = [str(note) for name in SEEDS for note in prepared(FIXTURES / name).notes]
    check_golden(GOLDEN / "diagnostics.txt", "\n".join(lines) + "\n", updating)


def test_pinned_markdown_round_trips_through_yaml():
    for name in SEEDS:
        text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
        if text.startswith("---\n"):
            meta = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
            assert isinstance(meta["title"], str) and meta["content_sha256"] == content_hash(text)


@pytest.fixture(scope="module")
def document():
    result = prepared(REAL_SEED, Rules())
    assert result.notes == ()
    return rendered(result)


class TestRealSeed:
    def test_document_is_pinned(self, document, updating):
        check_golden(GOLDEN / "real_seed_000_1dbb4553012f89ce.md", document, updating)

    def test_fields(self, document):
        meta = yaml.safe_load(document.split("\n---\n", 1)[0][4:])
        assert meta["title"] == "Russia Rebuffs West on Crimea Ahead of Paris Talks"
        assert meta["date"] == dt.date(2014, 3, 5)
        assert meta["source"] == "The Moscow Times"
        assert meta["authors"] == []
        assert meta["caption"] == (
            "Demonstrators holding up placards and shouting during an anti-war rally "
            "in the Crimean town of Bakhchisaray."
        )
        assert meta["original_url"] == (
            "https://www.themoscowtimes.com/2014/03/05/russia-rebuffs-west-on-crimea-ahead-of-paris-talks-a32725"
        )
        assert {"Russia", "Crimea", "Ukraine", "Vladimir Putin", "Sergei Lavrov", "John Kerry"} <= set(meta["tags"])

    def test_body(self, document):
        body = document.split("\n---\n", 1)[1]
        paragraphs = body.strip("\n").split("\n\n")
        assert paragraphs[0].startswith("Russia said Wednesday it could not order")
        assert "## Sanctions" in paragraphs
        assert (
            "U.S. President Barack Obama acknowledged that Russia had legitimate interests in Ukraine "
            "but said that did not give Putin the right to intervene militarily."
        ) in paragraphs
        assert "Original url" not in body and "Demonstrators" not in body
        assert len(paragraphs) == 21  # 20 paragraphs (one rejoined) and one subheading


def test_clean_text_is_canonical():
    assert clean_text("\ufeffa\r\nb\rc\x00d\te \n\u00a0f\u2028g") == "a\nb\ncd  e\n f\ng"


def test_summarize_takes_the_first_sentence_or_cuts_at_a_word():
    assert (
        summarize("The council met on Monday to discuss the plan. It agreed.")
        == "The council met on Monday to discuss the plan."
    )
    long = "word " * 100
    assert summarize(long).endswith("…") and len(summarize(long)) <= 201


def test_to_document_is_stable_and_hashes_itself():
    article, _ = normalize(SeedText("world/a.txt", "Title\n\nMarch 5, 2014\n\nBody text here.\n", "0" * 64))
    document = to_document(article)
    assert document == to_document(article)
    assert "section: world\n" in document and document.endswith("Body text here.\n")
    assert f"content_sha256: {content_hash(document)}\n" in document


def test_front_matter_seed_keeps_its_metadata_and_extra_keys():
    document = rendered(prepared(FIXTURES / "37_front_matter.md"))
    meta = yaml.safe_load(document.split("\n---\n", 1)[0][4:])
    assert meta["title"] == "Harbour Seals Return: A Good Sign"
    assert meta["slug"] == "harbour-seals-return" and meta["tags"] == ["Seals", "Tarrow Bay"]
    assert meta["draft"] is True and meta["photographer"] == "Ian Reid"
    assert "## Cleaner water" in document


def test_a_normalised_document_imports_to_itself():
    first = prepared(FIXTURES / "01_classic_layout.txt")
    document = rendered(first)
    again, notes = normalize(SeedText("01_classic_layout.txt", document, first.article.seed_sha256), RULES)
    assert notes == () and again == first.article


def test_a_wire_ticker_in_angle_brackets_survives_rendering():
    from generator.contentfile import split_body
    from generator.importer.normalize import normalize as run
    from generator.importer.normalize import to_document as document
    from generator.model import SeedText as Seed
    from generator.site.markup import new_converter, to_html

    text = "Title here\n\nBy Reuters\n\nMarch 5, 2014\n\nShares of <Lucky Stores Inc> rose 5 pct, traders said.\n\nSo a < b.\n"
    article, notes = run(Seed("x.txt", text, "0" * 64))
    html = to_html(split_body(document(article)), new_converter())
    assert notes == ()
    assert "Shares of &lt;Lucky Stores Inc&gt; rose 5 pct" in html
    assert "So a &lt; b." in html
