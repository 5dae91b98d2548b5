"""Hostile content/: every case is bounded work and a diagnostic naming the file, never a traceback or a hang,
and the other articles are still built."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import REPO, cli_env, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig, load_config
from generator.diagnostics import ConfigError, Diagnostic
from generator.model import Article
from generator.site import markup
from generator.site.load import parse_article, parse_bytes
from generator.slugs import MAX_SEGMENT_BYTES, slugify

OTHER = "2014/01/07/zurich-quartet-fills-the-old-market-hall/index.html"  # an ordinary article of the fixture site


def article(title: str, body: str, date: str = "2014-01-20", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def add(site: Path, rel: str, text: str | bytes) -> Path:
    path = site / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def messages(report) -> list[str]:
    return sorted(str(d) for d in report.diagnostics)


def page(site: Path, rel: str) -> str:
    return (site / "public" / rel).read_text(encoding="utf-8")


def measured_cli(site: Path, timeout: float = 60) -> tuple[int, str, float, int]:
    """The CLI build of `site` in a fresh process: (status, stderr, seconds, peak MB of that process tree)."""
    probe = (
        "import json, resource, subprocess, sys, time; t = time.perf_counter(); "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, stdin=subprocess.DEVNULL); "
        "print(json.dumps([done.returncode, done.stderr, time.perf_counter() - t, "
        "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024]))"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            sys.executable,
            str(REPO / "build.py"),
            "--config",
            str(site / "site.toml"),
            "build",
        ],
        cwd=site,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    status, stderr, seconds, peak = json.loads(done.stdout)
    return status, stderr, seconds, peak


# 1. Markdown nesting -----------------------------------------------------------------------------------

DEEP = {
    "list": ("- " * 10_000 + "x", "lists or blockquotes nested deeper than 50 levels"),
    "indented-list": (
        "\n".join("    " * i + "- item" for i in range(300)),
        "lists or blockquotes nested deeper than 50 levels",
    ),
    "blockquote": ("> " * 10_000 + "x", "lists or blockquotes nested deeper than 50 levels"),
    "brackets": ("[" * 10_000, "brackets nested deeper than 50 levels or left open"),
    "links-left-open": ("[a](" * 8_000, "brackets nested deeper than 50 levels or left open"),
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_a_body_nested_too_deep_is_shown_as_text_with_a_warning(fixture_site, kind):
    body, message = DEEP[kind]
    add(fixture_site, "2014/01/deep.md", article("Deep", "Intro line.\n\n" + body))
    status, stderr, seconds, peak = measured_cli(fixture_site)
    assert status == 0 and "Traceback" not in stderr
    line = 57 if kind == "indented-list" else 7  # the body starts on line 5, the deep part on line 7
    assert f"content/2014/01/deep.md:{line}: warning: {message}; the body is shown as plain text" in stderr
    assert seconds < 10 and peak < 300, (seconds, peak)
    shown = page(fixture_site, "2014/01/20/deep/index.html")
    assert '<pre class="unrendered">' in shown and body[:2000].replace(">", "&gt;") in shown
    assert "Haydn" in page(fixture_site, OTHER)


def test_nesting_within_the_limit_is_still_markdown(fixture_site, build_site):
    add(fixture_site, "2014/01/fine.md", article("Fine", "\n".join("    " * i + "- item" for i in range(40))))
    report = build_site(fixture_site)
    assert messages(report) == []
    shown = page(fixture_site, "2014/01/20/fine/index.html")
    assert "unrendered" not in shown and shown.count("<ul>\n<li>item") == 40


def test_the_depth_check_is_linear():
    started = time.perf_counter()
    for text in ("[" * 200_000, "- " * 200_000, "> " * 200_000, " " * 2_000_000 + "- x", "[a](" * 100_000):
        assert markup.too_deep(text) is not None
    assert time.perf_counter() - started < 2


# 2. The time budget --------------------------------------------------------------------------------------

SLOW = "[" * 45 + " x" * 20_000  # within the limits, but Python-Markdown rescans it from every [ (~0.5 s)


def test_a_body_over_its_time_budget_is_text_and_a_warning_every_build(fixture_site, build_site, monkeypatch):
    monkeypatch.setattr(markup, "BUDGET_SECONDS", 0.05)
    add(fixture_site, "2014/01/slow.md", article("Slow", SLOW))
    expected = [
        "content/2014/01/slow.md: warning: converting the body took longer than 0.05 s; it is shown as plain text"
    ]
    for _ in range(2):  # not stored: the next build tries again, and warns again
        report = build_site(fixture_site)
        assert messages(report) == expected
        assert '<pre class="unrendered">[[[' in page(fixture_site, "2014/01/20/slow/index.html")
        assert "Haydn" in page(fixture_site, OTHER)


def test_the_budget_also_holds_off_the_main_thread():
    results: list[markup.Converted] = []
    worker = threading.Thread(target=lambda: results.append(markup.convert(SLOW, markup.new_converter(), 0.05)))
    started = time.perf_counter()
    worker.start()
    worker.join(timeout=10)
    assert time.perf_counter() - started < 2
    [converted] = results
    assert (converted.final, converted.warning) == (
        False,
        "converting the body took longer than 0.05 s; it is shown as plain text",
    )
    assert markup.convert("*fine*", markup.new_converter(), 0.05).html == "<p><em>fine</em></p>"


# 3. Entries under content/ that are not regular files --------------------------------------------------


def test_entries_that_are_not_regular_files_are_skipped_with_a_warning(fixture_site, tmp_path):
    content = fixture_site / "content"
    os.mkfifo(content / "2014/01/fifo.md")
    (content / "2014/01/folder.md").mkdir()
    (content / "2014/01/dangling.md").symlink_to(content / "nowhere.md")
    (content / "2014/01/to-folder.md").symlink_to(content / "2013")
    outside = tmp_path / "outside.md"
    outside.write_text(article("Outside", "Secret."), encoding="utf-8")
    (content / "2014/01/outside.md").symlink_to(outside)
    (content / "2014/01/inside.md").symlink_to(content / "2014/01/zurich-quartet.md")
    status, stdout, stderr = run_cli("--config", fixture_site / "site.toml", "build", cwd=fixture_site, timeout=60)
    assert "Traceback" not in stderr
    for line in [
        "content/2014/01/dangling.md: warning: a dangling symlink (its target does not exist); skipped",
        "content/2014/01/fifo.md: warning: not a regular file (a FIFO); skipped",
        "content/2014/01/folder.md: warning: a folder, not a file; skipped",
        "content/2014/01/outside.md: warning: a symlink to a file outside the site; refused",
        "content/2014/01/to-folder.md: warning: a symlink to a folder; skipped",
    ]:
        assert line in stderr
    assert "Haydn" in page(fixture_site, OTHER)
    # a symlink to a file inside the site is followed: here it repeats an article, so it is a duplicate slug
    assert "content/2014/01/zurich-quartet.md:" in stderr and "already used by content/2014/01/inside.md" in stderr
    assert "Secret" not in "".join(p.read_text(encoding="utf-8") for p in (fixture_site / "public").rglob("*.html"))


def test_a_socket_is_skipped(fixture_site, build_site):
    here = os.getcwd()
    os.chdir(fixture_site / "content")
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind("sock.md")
            report = build_site(fixture_site)
    finally:
        os.chdir(here)
    assert messages(report) == ["content/sock.md: warning: not a regular file (a socket); skipped"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_skipped(fixture_site, build_site):
    path = add(fixture_site, "2014/01/secret.md", article("Secret", "Hidden."))
    path.chmod(0)
    try:
        report = build_site(fixture_site)
    finally:
        path.chmod(0o644)
    assert messages(report) == ["content/2014/01/secret.md: warning: cannot be read (Permission denied); skipped"]
    assert "Haydn" in page(fixture_site, OTHER)


# 4. Slug length ---------------------------------------------------------------------------------------


def test_a_slug_longer_than_200_bytes_is_an_error(fixture_site, build_site):
    add(fixture_site, "2014/01/long.md", article("Long", "Text.", extra=f"slug: {'a' * 263}\n"))
    report = build_site(fixture_site)
    assert messages(report) == [
        "content/2014/01/long.md:4: error: slug is 263 bytes long; a URL segment may be at most 200"
    ]
    assert "Haydn" in page(fixture_site, OTHER)


def test_slugify_keeps_to_the_limit_on_a_word_boundary():
    slug = slugify("Endless " * 100 + "Headline")
    assert len(slug.encode()) <= MAX_SEGMENT_BYTES and slug.endswith("endless") and "--" not in slug


# 5. Permalink fields ----------------------------------------------------------------------------------


def test_every_permalink_field_is_a_slug(fixture_site, build_site, write_tree):
    toml = fixture_site / "site.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"/{year}/{month}/{day}/{slug}/"', '"/{section}/{slug}/"'),
        encoding="utf-8",
    )
    add(fixture_site, "2014/01/odd.md", article("Odd", "Text.", extra='section: "World?\\nNews #1 / x"\n'))
    report = build_site(fixture_site)
    assert messages(report) == []
    assert (fixture_site / "public/world-news-1-x/odd/index.html").is_file()
    locs = [line for line in page(fixture_site, "sitemap.xml").splitlines() if "<loc>" in line]
    assert any("/world-news-1-x/odd/" in loc for loc in locs)
    assert not any(c in loc for loc in locs for c in "?# \n")


@pytest.mark.parametrize("pattern", ["/{slug}?x/", "/{slug}/#top", "/../{slug}/", "/{slug:>300}/", "/{slug}/{"])
def test_a_permalink_with_unsafe_text_is_a_config_error(tmp_path, pattern):
    (tmp_path / "site.toml").write_text(f"permalink = {json.dumps(pattern)}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "site.toml")
    assert "site.toml:1: error: permalink " in str(caught.value)


# 6. Route collisions ----------------------------------------------------------------------------------


def use_permalink(site: Path, pattern: str) -> None:
    toml = site / "site.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('"/{year}/{month}/{day}/{slug}/"', json.dumps(pattern)),
        encoding="utf-8",
    )


def test_an_article_on_the_tag_index_is_an_error_naming_both(fixture_site, run_cli):
    use_permalink(fixture_site, "/{slug}/")
    add(fixture_site, "2014/01/tags.md", article("Tags", "I would be the tag index."))
    status, stdout, stderr = run_cli("--config", fixture_site / "site.toml", "build", cwd=fixture_site)
    assert status == 1 and "Traceback" not in stderr
    expected = "content/2014/01/tags.md:2: error: its page /tags/ collides with the tag index, which keeps the URL"
    assert expected in stderr
    assert "I would be" not in page(fixture_site, "tags/index.html")
    sitemap = page(fixture_site, "sitemap.xml")
    assert sitemap.count("<loc>https://archive.example.com/tags/</loc>") == 1
    locs = [line for line in sitemap.splitlines() if "<loc>" in line]
    assert len(locs) == len(set(locs))
    assert "Haydn" in page(fixture_site, "zurich-quartet-fills-the-old-market-hall/index.html")


def test_collisions_with_other_kinds_of_page(fixture_site, build_site):
    use_permalink(fixture_site, "/{slug}/")
    add(fixture_site, "2014/01/y.md", article("Year", "Text.", extra="slug: '2014'\n"))
    add(fixture_site, "2014/01/a.md", article("Archive", "Text."))
    report = build_site(fixture_site)
    assert messages(report) == [
        "content/2014/01/a.md:2: error: its page /archive/ collides with the archive overview, which keeps the URL",
        "content/2014/01/y.md:4: error: its page /2014/ collides with the archive of 2014, which keeps the URL",
    ]


def test_an_article_file_where_a_folder_is_needed(fixture_site, build_site):
    use_permalink(fixture_site, "/{slug}")
    add(fixture_site, "2014/01/tags.md", article("Tags", "Text."))
    report = build_site(fixture_site)
    assert messages(report) == [
        "content/2014/01/tags.md:2: error: its page /tags collides with the tag index at /tags/, which keeps the URL"
    ]


def test_two_articles_with_one_slug_and_date_name_each_other(fixture_site, build_site):
    add(fixture_site, "2014/01/one.md", article("Same Story", "One."))
    add(fixture_site, "2014/01/two.md", article("Same Story", "Two."))
    report = build_site(fixture_site)
    assert messages(report) == [
        "content/2014/01/two.md:2: error: slug 'same-story' on 2014-01-20 is already used by content/2014/01/one.md"
    ]
    assert page(fixture_site, "sitemap.xml").count("/2014/01/20/same-story/<") == 1


# 7. Control characters in front matter ------------------------------------------------------------------


def test_an_escaped_nul_in_a_field_is_an_error_on_its_line(fixture_site, build_site):
    add(fixture_site, "2014/01/nul.md", article("Fine", "Text.", extra='summary: "bad\\0summary"\n'))
    report = build_site(fixture_site)
    assert messages(report) == [
        "content/2014/01/nul.md:4: error: summary contains the control character U+0000; remove it"
    ]
    pages = [p for p in (fixture_site / "public").rglob("*.*") if "pagefind" not in p.parts]  # the index is gzip
    assert not any("\x00" in p.read_text(encoding="utf-8") for p in pages)


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\r"])
def test_a_raw_control_character_in_front_matter_is_an_error_on_its_line(char):
    result = parse_article(f"---\ntitle: ok\ntags: [a{char}b]\n---\nBody\n", "content/x.md")
    assert str(result) == (
        f"content/x.md:3: error: front matter contains the control character U+{ord(char):04X}; remove it"
    )


def test_tab_and_newline_are_allowed():
    result = parse_article('---\ntitle: "a\\tb"\nsummary: "two\\nlines"\n---\nBody\n', "content/x.md")
    assert isinstance(result, Article) and result.title == "a\tb"


# 8. YAML aliases ------------------------------------------------------------------------------------------

BOMB = (
    '---\ntitle: Bomb\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    + "---\nBody\n"
)


def test_an_alias_bomb_is_an_error_at_once(fixture_site, build_site):
    started = time.perf_counter()
    assert str(parse_article(BOMB, "content/x.md")) == (
        "content/x.md:3: error: YAML aliases (&/*) are not allowed in front matter"
    )
    assert time.perf_counter() - started < 1
    add(fixture_site, "2014/01/bomb.md", BOMB)
    assert messages(build_site(fixture_site)) == [
        "content/2014/01/bomb.md:3: error: YAML aliases (&/*) are not allowed in front matter"
    ]


def test_a_lone_alias_and_deep_nesting_are_refused():
    assert str(parse_article("---\ntitle: x\nsummary: *x\n---\nB\n", "c.md")) == (
        "c.md:3: error: YAML aliases (&/*) are not allowed in front matter"
    )
    deep = "---\ntitle: x\nextra: " + "[" * 60 + "]" * 60 + "\n---\nB\n"
    assert str(parse_article(deep, "c.md")) == "c.md:3: error: front matter nested deeper than 50 levels"


# 9. Fuzz: the loaders give a value or a diagnostic, never another exception, in bounded time -------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)  # decoded text has no lone surrogates
FIELD = st.sampled_from(["title", "date", "slug", "tags", "authors", "draft", "summary", "section", "x", "&a", "*a"])
VALUE = st.one_of(
    TEXT,
    st.sampled_from(
        [
            '"\\0"',
            "[a, b",
            "{",
            "*a",
            "&a x",
            "2014-02-30",
            "[[[[",
            "- - -",
            "!!python/object:os.system",
            "yes",
            "0x1F",
            "~",
        ]
    ),
)
FRONT = st.lists(st.tuples(FIELD, VALUE), max_size=8).map(lambda kv: "".join(f"{k}: {v}\n" for k, v in kv))
FILE = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda fm, body: f"---\n{fm}---\n{body}", FRONT, TEXT),
    st.builds(lambda fm, body: f"\ufeff---\r\n{fm}---\r\n{body}".encode(), FRONT, TEXT),
)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(FILE)
def test_fuzz_front_matter_loader(data):
    result = parse_bytes(data, "content/f.md") if isinstance(data, bytes) else parse_article(data, "content/f.md")
    assert isinstance(result, (Article, Diagnostic))


TOML_KEY = st.sampled_from(
    [
        "title",
        "base_url",
        "permalink",
        "per_page",
        "max_tags",
        "timezone",
        "jobs",
        "x",
        "outlets",
        "build_time",
        "strict",
        "[t]",
    ]
)
TOML_VALUE = st.one_of(
    st.text(max_size=20).map(json.dumps),
    st.integers(-5, 100).map(str),
    st.sampled_from(
        [
            '"/{slug}/"',
            '"/{slug"',
            '"/{slug}?/"',
            "true",
            "[1, 2]",
            '"Europe/Nowhere"',
            '"https://x.example/"',
            "{",
            '"/{section}/{slug}/"',
            "1979-05-27",
        ]
    ),
)


@settings(
    max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.lists(st.tuples(TOML_KEY, TOML_VALUE), max_size=6).map(lambda kv: "".join(f"{k} = {v}\n" for k, v in kv)),
        TEXT,
    )
)
def test_fuzz_config_loader(tmp_path, text):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        assert isinstance(load_config(path), SiteConfig)
    except ConfigError:
        pass


# The pieces: the alias-refusing Loader class and the time budget's two mechanisms -------------------------


def test_the_loader_class_refuses_aliases_too():
    import yaml

    from generator import safeyaml

    with pytest.raises(safeyaml.Refused) as caught:
        yaml.load(BOMB.split("---\n")[1], Loader=safeyaml.NoAliasLoader)
    assert (caught.value.line, str(caught.value)) == (2, "YAML aliases (&/*) are not allowed in front matter")
    assert safeyaml.load("title: Haydn & Bartók\nn: 3\n") == {"title": "Haydn & Bartók", "n": 3}


def test_the_budget_leaves_an_armed_alarm_alone():
    import signal

    from generator.site.timebudget import OverBudget, call_within

    rang: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: rang.append(1))
    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        with pytest.raises(OverBudget):
            call_within(0.05, lambda: [None for _ in iter(int, 1)])  # forever, but for the budget
        assert call_within(1, lambda: 42) == 42
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 25  # the other timer is still armed, untouched
        assert signal.getsignal(signal.SIGALRM) is not previous
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert rang == []


def test_a_fifo_added_after_a_clean_build_is_still_reported(tmp_path):
    import os

    from sitekit import make_site

    from generator.config import load_config
    from generator.pipeline import build

    make_site(tmp_path)
    config = load_config(tmp_path / "site.toml", {"jobs": 1})
    assert build(config, with_import=False).ok
    os.mkfifo(tmp_path / "content" / "pipe.md")
    report = build(config, with_import=False)
    assert [str(d) for d in report.diagnostics] == ["content/pipe.md: warning: not a regular file (a FIFO); skipped"]


def test_a_front_matter_key_that_is_not_text_is_a_diagnostic():
    """Found by bench/fuzz_loaders.py: U+2028 is a YAML line break, so `title: \\u2028?` makes a `?` key."""
    from generator.diagnostics import Diagnostic
    from generator.site.load import parse_bytes

    for data in ("---\r\ntitle: \u2028?\n---\r\nO".encode("utf-8-sig"), b"---\ntitle: T\n1: one\n---\nBody\n"):
        result = parse_bytes(data, "content/x.md")
        assert isinstance(result, Diagnostic), result
        assert str(result).startswith("content/x.md:1: error: every front-matter key must be text, such as `title:`")
