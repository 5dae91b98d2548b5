"""load.py: front matter -> Article, or the Diagnostic with a file-absolute line number."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.contentfile import body_key, read_body, split_body
from generator.diagnostics import Diagnostic
from generator.model import Article
from generator.site.load import load_file, parse_article
from generator.site.markup import new_converter, to_html


def parse(text: str, rel: str = "content/2014/03/a.md") -> Article | Diagnostic:
    return parse_article(text, rel)


def html_of(text: str) -> str:
    """What the article page of this content file shows as its body."""
    return to_html(split_body(text), new_converter())


def doc(*front: str, body: str = "Body.\n") -> str:
    return "---\n" + "".join(line + "\n" for line in front) + "---\n" + body


@pytest.mark.parametrize(
    "text, expected",
    [
        # (the file, the one error line it gives; line 1 is the opening ---)
        (doc("date: 2014-03-05"), "a.md:1: error: missing title: every article needs `title:`"),
        (doc("date: 2014-03-05", 'title: ""'), "a.md:3: error: missing title: every article needs `title:`"),
        (
            doc("title: A", "tags: [x]", "date: 5 March"),
            "a.md:4: error: date must be an ISO date such as 2014-03-05, not '5 March'",
        ),
        (doc("title: A", "date: 20140305"), "a.md:3: error: date must be an ISO date such as 2014-03-05, not 20140305"),
        (doc("title: A", "date: [2014]"), "a.md:3: error: date must be an ISO date such as 2014-03-05, not [2014]"),
        (
            doc("title: A", "slug: Not A Slug"),
            "a.md:3: error: slug 'Not A Slug' must be lower-case ASCII words joined by hyphens",
        ),
        (doc("title: A", "slug: a--b"), "a.md:3: error: slug 'a--b' must be lower-case ASCII words joined by hyphens"),
        (doc("title: A", "slug: café"), "a.md:3: error: slug 'café' must be lower-case ASCII words joined by hyphens"),
        (
            doc("title: A", "caption: 'slug: x'", "slug: B"),
            "a.md:4: error: slug 'B' must be lower-case ASCII words joined by hyphens",
        ),
        (
            doc("title: A", "summary: |", "  two", "  lines", "slug: B"),
            "a.md:6: error: slug 'B' must be lower-case ASCII words joined by hyphens",
        ),
        (doc("title: A", "tags: {a: 1}"), "a.md:3: error: tags must be a list of names, such as [Crimea, Russia]"),
        (doc("title: A", "tags: 42"), "a.md:3: error: tags must be a list of names, such as [Crimea, Russia]"),
        (
            doc("title: A", "tags:", "  - a", "  - [b]"),
            "a.md:3: error: tags must be a list of names, such as [Crimea, Russia]",
        ),
        (
            doc("title: A", "authors: {name: X}"),
            "a.md:3: error: authors must be a list of names, such as [Crimea, Russia]",
        ),
        (
            doc("title: A", "original_url: www.example.com/a"),
            "a.md:3: error: original_url must be an http(s) URL, not 'www.example.com/a'",
        ),
        (
            doc("title: A", "original_url: ftp://example.com/a"),
            "a.md:3: error: original_url must be an http(s) URL, not 'ftp://example.com/a'",
        ),
        (doc("title: A", "draft: maybe"), "a.md:3: error: draft must be true or false, not 'maybe'"),
        (doc("title: A", "source: [X, Y]"), "a.md:3: error: source must be text, not list"),
        (doc("title: [A]"), "a.md:2: error: title must be text, not list"),
        ("# Title\n\nBody.\n", "a.md:1: error: the file must start with a `---` front-matter block"),
        ("\n---\ntitle: A\n---\n", "a.md:1: error: the file must start with a `---` front-matter block"),
        (
            "---\r\ntitle: A\r\nslug: Bad Slug\r\n---\r\nBody.\r\n",
            "a.md:3: error: slug 'Bad Slug' must be lower-case ASCII words joined by hyphens",
        ),
        pytest.param(
            doc("title: A", "date: 2014-03-05", "caption: a: b"),
            "a.md:4: error: invalid YAML: mapping values are not allowed in this context",
            id="yaml-mapping-in-value",
        ),
        pytest.param(
            doc("title: A", "\tdate: 2014-03-05"),
            "a.md:3: error: invalid YAML: found a tab character that violates indentation",
            id="yaml-tab",
        ),
        pytest.param(
            doc("title: A", "date: 2014-03-05", "  bad: indent", "source: X"),
            "a.md:4: error: invalid YAML: mapping values are not allowed in this context",
            id="yaml-indent",
        ),
        pytest.param(
            doc("title: A", "date: 2014-02-30"),
            "a.md:3: error: date must be an ISO date such as 2014-03-05, not '2014-02-30'",
            id="impossible-date",
        ),
        pytest.param(
            doc("- a", "- b"),
            "a.md:2: error: the front matter must be a mapping of `key: value` lines",
            id="not-a-mapping",
        ),
    ],
)
def test_invalid_front_matter_names_the_line(text, expected):
    result = parse(text, "a.md")
    assert isinstance(result, Diagnostic)
    assert result.severity == "error"
    assert str(result) == expected


@pytest.mark.parametrize(
    "front, field, expected",
    [
        (["title: A Day in Zürich"], "slug", "a-day-in-zurich"),
        (["title: 1984"], "title", "1984"),
        (["title: 1984"], "slug", "1984"),
        (["title: '  Padded  '"], "title", "Padded"),
        (["title: A", "slug: given-slug"], "slug", "given-slug"),
        (["title: A"], "date", None),
        (["title: A", "date: ''"], "date", None),
        (["title: A", "date: 2014-03-05"], "date", dt.date(2014, 3, 5)),
        (["title: A", "date: '2014-03-05'"], "date", dt.date(2014, 3, 5)),
        (["title: A", "date: 2014-03-05T23:30:00+04:00"], "date", dt.date(2014, 3, 5)),
        (["title: A", "date: '2014-03-05T10:00:00Z'"], "date", dt.date(2014, 3, 5)),
        (["title: A", "tags: [Crimea, Russia, Crimea, '', 2014]"], "tags", ("Crimea", "Russia", "2014")),
        (["title: A", "tags: Crimea, Russia"], "tags", ("Crimea", "Russia")),
        (["title: A", "tags:", "  - Crimea", "  - ' Russia '"], "tags", ("Crimea", "Russia")),
        (["title: A", "tags: []"], "tags", ()),
        (["title: A", "authors: [Jane Roe, John Doe]"], "authors", ("Jane Roe", "John Doe")),
        (["title: A", "source: The Moscow Times"], "source", "The Moscow Times"),
        (["title: A", "section: ''"], "section", ""),
        (["title: A", "original_url: https://example.com/a?b=1"], "original_url", "https://example.com/a?b=1"),
        (["title: A"], "draft", False),
        (["title: A", "draft: true"], "draft", True),
        (["title: A", "draft: false"], "draft", False),
        (["title: A", "kicker: Notice", "rating: 5", "seed: s.txt"], "extra", (("kicker", "Notice"), ("rating", 5))),
        (["title: A", "zeta: [1]", "alpha: {b: c}"], "extra", (("alpha", {"b": "c"}), ("zeta", [1]))),
    ],
)
def test_fields(front, field, expected):
    article = parse(doc(*front))
    assert isinstance(article, Article), str(article)
    assert getattr(article, field) == expected


def test_article_keeps_its_path_and_a_hash_of_its_body():
    text = doc("title: A", "date: 2014-03-05", body="First *line*.\n\n## Sanctions\n\nSecond.\n")
    article = parse(text)
    assert article.path == "content/2014/03/a.md"
    assert article.body_key == body_key("First *line*.\n\n## Sanctions\n\nSecond.")
    assert html_of(text) == "<p>First <em>line</em>.</p>\n<h2>Sanctions</h2>\n<p>Second.</p>"


def test_the_body_key_follows_the_body_and_nothing_else():
    first = parse(doc("title: A", "tags: [x]", body="Same body.\n"))
    retitled = parse(doc("title: B", "tags: [y]", body="Same body.\n"))
    edited = parse(doc("title: A", "tags: [x]", body="Other body.\n"))
    assert first.body_key == retitled.body_key != edited.body_key


@pytest.mark.parametrize(
    "text",
    [
        doc("title: A", body="Body.\n"),
        doc("title: A", body="\n\nBody with --- inside.\n\n---\n\nAfter a rule.\n\n"),
        doc("title: A", body=""),
        "---\ntitle: A\n-----   \nBody after a long fence.\n",
        "\n---\ntitle: A\n---\nLeading blank line.\n",
        "---\ntitle: A\nno closing fence\n",
    ],
)
def test_split_body_gives_what_python_frontmatter_gives(text):
    import frontmatter

    assert split_body(text) == frontmatter.loads(text).content


def test_read_body_decodes_like_the_loader(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nFirst.\r\n\r\nSecond.\r\n")
    assert read_body(path) == "First.\n\nSecond."
    assert load_file(path, "a.md").body_key == body_key(read_body(path))


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Hi <script>alert(1)</script> there.\n", "<p>Hi  there.</p>"),
        ('<a href="javascript:alert(1)">x</a>\n', '<p><a rel="noopener noreferrer">x</a></p>'),
        (
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n"
            "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
        ),
        ("Text\n\n---\n\nMore\n", "<p>Text</p>\n<hr>\n<p>More</p>"),
    ],
)
def test_body_is_sanitised_markdown(body, expected):
    assert html_of(doc("title: A", body=body)) == expected


def test_converter_is_reset_between_articles():
    converter = new_converter()
    to_html("Note[^1]\n\n[^1]: x\n", converter)
    assert to_html("Plain.", converter) == "<p>Plain.</p>"


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"\xef\xbb\xbf---\ntitle: With BOM\n---\nBody.\n", "With BOM"),
        (b"---\r\ntitle: Windows\r\n---\r\nBody.\r\n", "Windows"),
    ],
)
def test_load_file_decodes_utf8(tmp_path, data, expected):
    path = tmp_path / "a.md"
    path.write_bytes(data)
    assert load_file(path, "a.md").title == expected


def test_load_file_refuses_other_encodings(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    result = load_file(path, "a.md")
    assert isinstance(result, Diagnostic)
    assert (result.code, result.message) == ("encoding", "not UTF-8 text (invalid continuation byte at byte 14)")
