"""`import --explain SEED`: each field's line and rule, from the provenance the parsing functions return."""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli

from generator.importer.explain import explain
from generator.importer.header import read_header
from generator.importer.provenance import Found, date_shape
from generator.model import SeedText

SEED = (
    "Harbour Plan Approved\n\nBy [Jane Doe](#), Reuters\n\nMarch 5, 2014\n\n"
    "FILE PHOTO: The harbour at dawn in Eastport, where the board met on the plan.\n\n"
    "EASTPORT, March 5 - The council approved the plan on Tuesday after a long debate that ran late.\n\n"
    "It was the second vote on the\n\nplan this year, officials said.\n\n"
    "Original url: https://example.com/harbour\n"
)


def found(text: str) -> tuple[Found, ...]:
    header, _ = read_header(text.split("\n"), "x.txt", frozenset())
    assert header is not None
    return header.found


def test_each_header_field_says_its_line_and_rule():
    assert found(SEED) == (
        Found("title", 1, "first line of text"),
        Found("byline", 3, "'By [Name](#)' link form"),
        Found("date", 5, "date line 'Month D, YYYY'"),
    )
    assert found("Title: Harbour Plan\nBy: Jane Doe\nDate: 2014-03-05\n\nText.") == (
        Found("title", 1, "'Title:' label"),
        Found("byline", 2, "'By:' label"),
        Found("date", 3, "date line 'YYYY-DD-DD'"),
    )
    assert found("Harbour Plan\n\nBy Jane Doe, Reuters | March 5, 2014\n\nText.") == (
        Found("title", 1, "first line of text"),
        Found("byline", 3, "byline and date on one line"),
        Found("date", 3, "byline and date on one line, 'Month D, YYYY'"),
    )
    assert found("BY ELECTION RESULTS DELAYED\n\nMarch 5, 2014\n\nLONDON, March 5 - Counting stopped.")[0] == Found(
        "title", 1, "first line of text (a 'By …' line read as a headline)"
    )


def test_date_shapes_name_the_form_not_the_date():
    assert [date_shape(t) for t in ("March 5, 2014", "Wed, 5 Mar 2014", "05/03/2014")] == [
        "Month D, YYYY",
        "Weekday, D Month YYYY",
        "DD/DD/YYYY",
    ]


def test_the_explanation_names_every_field_then_the_paragraphs():
    assert explain(SeedText("world/a.txt", SEED, "")) == [
        "world/a.txt: plain-text seed",
        "title      line 1   first line of text",
        "byline     line 3   'By [Name](#)' link form  -> Jane Doe; source Reuters",
        "date       line 5   date line 'Month D, YYYY'  -> 2014-03-05",
        "caption    line 7   FILE PHOTO: prefix",
        "trailer    line 15  'Original url' label  -> https://example.com/harbour",
        "body                2 paragraphs; 1 split mid-sentence and joined to the one before",
        "slug                from the title  -> harbour-plan-approved",
        "section             from the seed's folder  -> world",
    ]


def test_a_seed_without_byline_or_date_says_so():
    lines = explain(SeedText("a.txt", "Harbour Plan Approved\n\nThe council approved the plan.\n", ""))
    assert lines[1:4] == [
        "title      line 1   first line of text",
        "byline              none found",
        "date                none found",
    ]
    assert lines[-1] == "warning    no date found; the article is listed under Undated"


def test_explain_on_the_command_line_writes_nothing(tmp_path: Path):
    (tmp_path / "site.toml").write_text('title = "T"\n', encoding="utf-8")
    (tmp_path / "seeds" / "world").mkdir(parents=True)
    (tmp_path / "seeds" / "world" / "a.txt").write_text(SEED, encoding="utf-8")
    status, stdout, stderr = run_cli("import", "--explain", "seeds/world/a.txt", cwd=tmp_path)
    assert (status, stderr) == (0, "")
    assert stdout.splitlines()[0] == "seeds/world/a.txt: plain-text seed"
    assert "caption    line 7   FILE PHOTO: prefix" in stdout.splitlines()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds", "site.toml"]
    (tmp_path / "seeds" / "bad.txt").write_text("Harbour\n\nFebruary 30, 2014\n\nText.\n", encoding="utf-8")
    status, stdout, _ = run_cli("import", "--explain", "seeds/bad.txt", cwd=tmp_path)
    assert status == 1
    assert (
        stdout.splitlines()[-1] == "error      line 3: impossible date 'February 30, 2014': February 2014 has no day 30"
    )
