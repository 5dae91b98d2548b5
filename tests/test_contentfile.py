"""contentfile: the schema of `content/**.md`, in one place. What is written can be split and read back:
every field's value, the body, the line each key is on, and the importer's fields; and the one form
a content file has, shown whole."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import contentfile
from generator.contentfile import FIELDS, Kind
from generator.model import Article
from generator.site.load import parse_article

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text at all, but for lone surrogates (the writer turns them into U+FFFD; a file name's raw bytes
# are the exception, see seeds below).
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
names = st.lists(texts, max_size=4)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
KIND_VALUES = {
    Kind.TEXT: texts,
    Kind.SLUG: texts,
    Kind.URL: texts,
    Kind.DATE: dates,
    Kind.NAMES: names,
    Kind.FLAG: st.booleans(),
    Kind.IMPORT: texts,
    Kind.PATHS: names,
}
# A seed's name: text without NUL (no file name holds one), with perhaps bytes that are not UTF-8 (as
# os.fsdecode keeps them: U+DC80..U+DCFF).
raw_bytes = st.integers(0xDC80, 0xDCFF).map(chr)
seeds = st.lists(st.one_of(texts.map(lambda t: t.replace("\x00", "")), raw_bytes), max_size=5).map("".join)
# Text that a YAML 1.1 resolver would read as something else if written plain: booleans, nulls, numbers in
# every base and form (signs, underscores, sexagesimal), dates and times, merge and value keys.
YAML_WORDS = ("y", "n", "yes", "No", "ON", "off", "True", "false", "null", "Null", "NULL", "~", "<<", "=", "")
yaml_lookalikes = st.one_of(
    st.sampled_from(YAML_WORDS),
    st.from_regex(
        r"[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)", fullmatch=True
    ),
    st.from_regex(r"[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9_]*)?|[-+]?\.(inf|Inf|INF|nan|NaN)|\.[0-9]+", fullmatch=True),
    st.from_regex(
        r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?( ?Z| ?[-+][0-9]{1,2})?)?",
        fullmatch=True,
    ),
)
scalars = st.one_of(texts, yaml_lookalikes, st.integers(), st.booleans(), st.floats(allow_nan=False), dates)
# Extra keys are a seed's own names: a key YAML would read as a boolean, a null or a number is quoted too.
extra_keys = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True), yaml_lookalikes).filter(
    lambda key: key not in FIELDS
)
extras = st.dictionaries(extra_keys, st.one_of(scalars, st.lists(scalars, max_size=3)), max_size=3)
bodies = st.one_of(
    texts,
    st.lists(st.sampled_from(["Para one.", "", "---", "## Head", "  indented", "- item", "***"]), max_size=8).map(
        "\n".join
    ),
)


@st.composite
def field_values(draw) -> dict:
    """Some of the schema's fields (never the hash, which the writer makes), each with a value of its kind."""
    chosen = draw(st.lists(st.sampled_from([n for n in FIELDS if n != "content_sha256"]), unique=True))
    values = {name: draw(KIND_VALUES[FIELDS[name]]) for name in chosen}
    if "seed" in values:
        values["seed"] = draw(seeds)
    return values


def written(value):
    """A value as YAML reads it back: lists and tuples are lists."""
    return list(value) if isinstance(value, tuple) else value


def same(a, b) -> bool:
    """Equal, and of one type: YAML gives back an int as an int, a date as a date, a text as a text."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


@FAST
@given(field_values(), extras, bodies, st.booleans())
def test_what_is_written_splits_into_the_same_fields_and_body(values, extra, body, hashed):
    text = contentfile.document(values, body, extra, hashed=hashed)
    block, read_body = contentfile.split(text)
    assert block is not None and read_body == body.strip()
    meta = contentfile.load_block(block)
    expected = {**{k: v for k, v in values.items() if k != "seed"}, **extra}
    expected["draft"] = bool(values.get("draft", extra.get("draft", False)))
    for key, value in expected.items():
        assert same(meta[key], written(value)), key
    if "seed" in values:  # written as text YAML can hold; the importer's scan decodes it
        assert contentfile.text_name(meta["seed"]) == values["seed"]
    assert ("content_sha256" in meta) == hashed
    assert list(meta)[-1] == ("content_sha256" if hashed else "draft")


@FAST
@given(field_values(), extras, bodies)
def test_the_fields_come_in_the_schema_order_with_extra_keys_sorted_before_draft(values, extra, body):
    meta = list(contentfile.load_block(contentfile.split(contentfile.document(values, body, extra))[0]))
    known = [k for k in meta if k in FIELDS]
    assert known == [k for k in FIELDS if k in known]
    assert meta[meta.index("draft") - len(extra) : meta.index("draft")] == sorted(extra)


@FAST
@given(field_values(), extras, bodies, st.booleans())
def test_key_line_finds_each_key_on_its_line(values, extra, body, hashed):
    text = contentfile.document(values, body, extra, hashed=hashed)
    lines = text.split("\n")
    for key in contentfile.load_block(contentfile.split(text)[0]):
        line = contentfile.key_line(text, key)
        assert line is not None and lines[line - 1].startswith(f"{contentfile.key_text(key)}: ")
    assert contentfile.key_line(text, "not_a_key") == 1 and contentfile.key_line(text, None) is None


@FAST
@given(field_values(), extras, bodies, st.booleans())
def test_the_head_a_line_scan_reads_is_the_front_matter_split_gives(values, extra, body, hashed):
    text = contentfile.document(values, body, extra, hashed=hashed)
    assert contentfile.head(text) + "\n" == contentfile.split(text)[0]


@FAST
@given(field_values(), bodies)
def test_the_importer_reads_its_fields_back_without_a_yaml_parser(values, body):
    values = {"seed": "s.txt", "seed_sha256": "0" * 64, **values}
    text = contentfile.document(values, body, hashed=True)
    fields = contentfile.seed_fields(contentfile.head(text))
    assert fields["seed"] == values["seed"] and fields["seed_sha256"] == values["seed_sha256"]
    if "slug" in values:
        assert fields["slug"] == values["slug"]
    assert fields["content_sha256"] == contentfile.content_hash(text)
    assert not contentfile.hand_edited(text)
    assert contentfile.hand_edited(text.replace("\n---\n", "\n---\nEdited.\n", 1))


@FAST
@given(yaml_lookalikes)
def test_text_that_yaml_would_read_as_another_type_reads_back_as_text(text):
    value = contentfile.value_text(text)
    meta = contentfile.load_block(f"{contentfile.key_text(text)}: {value}\nnote: {value}\n")
    assert meta == {text: text, "note": text}


def test_the_forms_a_plain_scalar_would_lose_are_quoted():
    for text in ("on", "yes", "no", "null", "~", "1e3", "0x10", "0b101", "+0x1_0", "1:30.5", "2014-03-05", "<<"):
        assert contentfile.value_text(text) == f'"{text}"' and contentfile.key_text(text) == f'"{text}"'
    assert contentfile.value_text("Reuters") == "Reuters" and contentfile.key_text("image") == "image"


@FAST
@given(texts)
def test_a_scalar_reads_back_as_written(text):
    assert contentfile.read_scalar(contentfile.value_text(text)) == text


def test_an_imported_article_has_one_form():
    values = {
        "title": "Crimea votes: what next?",
        "date": dt.date(2014, 3, 16),
        "slug": "crimea-votes-what-next",
        "source": "BBC News",
        "authors": ("Jane Roe",),
        "original_url": "https://www.bbc.co.uk/news/world-europe-26606097",
        "caption": "",
        "section": "europe",
        "tags": ("Crimea", "Russia"),
        "summary": "Crimea has voted to join Russia.",
        "seed": "europe/crimea.txt",
        "seed_sha256": "5d41",
    }
    text = contentfile.document(values, "\n\nThe body.\n\n", {"kicker": "Vote", "draft": False}, hashed=True)
    assert text == (
        "---\n"
        'title: "Crimea votes: what next?"\n'
        "date: 2014-03-16\n"
        "slug: crimea-votes-what-next\n"
        "source: BBC News\n"
        "authors: [Jane Roe]\n"
        "original_url: https://www.bbc.co.uk/news/world-europe-26606097\n"
        'caption: ""\n'
        "section: europe\n"
        "tags: [Crimea, Russia]\n"
        "summary: Crimea has voted to join Russia.\n"
        "seed: europe/crimea.txt\n"
        "seed_sha256: 5d41\n"
        "kicker: Vote\n"
        "draft: false\n"
        f"content_sha256: {contentfile.content_hash(text)}\n"
        "---\n"
        "The body.\n"
    )
    article = parse_article(text, "content/2014/03/crimea.md")
    assert isinstance(article, Article)
    assert (article.title, article.tags, article.extra) == (values["title"], values["tags"], (("kicker", "Vote"),))
    assert article.slug_line == contentfile.key_line(text, "slug") == 4


def test_a_skeleton_writes_every_field_but_the_importers_and_aliases_empty():
    values = {name: contentfile.EMPTY[kind] for name, kind in FIELDS.items() if kind not in (Kind.IMPORT, Kind.PATHS)}
    values.update(title="T", date=dt.date(2014, 1, 2), draft=True)
    assert contentfile.document(values, "Write here.") == (
        '---\ntitle: T\ndate: 2014-01-02\nslug: ""\nsource: ""\nauthors: []\noriginal_url: ""\ncaption: ""\n'
        'section: ""\ntags: []\nsummary: ""\ndraft: true\n---\nWrite here.\n'
    )


def test_keys_that_python_frontmatter_took_for_its_own_are_extra_fields():
    """`content` and `handler` once clashed with frontmatter.Post's arguments (a TypeError); they are keys."""
    article = parse_article("---\ntitle: A\ncontent: x\nhandler: y\n---\nBody.\n", "a.md")
    assert isinstance(article, Article) and article.extra == (("content", "x"), ("handler", "y"))
