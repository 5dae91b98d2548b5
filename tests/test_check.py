"""`build.py check` on the fixture site, built once: clean it exits 0; with one defect planted in the built
files it prints exactly that defect's line (`path:line: problem`), then the summary, and exits 1."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, cli_env, run_cli

SUMMARY = re.compile(r"^Checked \d+ pages and \d+ other files: (\d+) problems? in \d+\.\d\d s$")
ZURICH = "2014/01/07/zurich-quartet-fills-the-old-market-hall/index.html"
BASE = "https://archive.example.com/"
HAS_JAVA = shutil.which("java") is not None


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("check") / "site"
    shutil.copytree(FIXTURES / "site", site)
    status, _, stderr = run_cli("build", cwd=site)
    assert status == 0, stderr
    return site


@pytest.fixture
def site(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def check(site: Path, *args: str) -> tuple[int, list[str]]:
    """(exit status, the problem lines) of `check`; the last line must be the summary, counting them."""
    status, stdout, stderr = run_cli("check", *args, cwd=site)
    lines = stdout.splitlines()
    assert lines and SUMMARY.match(lines[-1]), (stdout, stderr)
    assert int(SUMMARY.match(lines[-1]).group(1)) == len(lines) - 1
    return status, lines[:-1]


def plant(site: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` in an output file by `new`; the line `new` starts on."""
    path = site / "public" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_the_fixture_site_is_clean(site):
    assert check(site) == (0, [])


def test_broken_link(site):
    line = plant(site, ZURICH, "</main>", '<p><a href="/2014/09/">September</a></p>\n</main>')
    assert check(site) == (1, [f"{ZURICH}:{line}: broken link to /2014/09/"])


def test_percent_encoded_and_relative_links_resolve(site):
    plant(site, ZURICH, "</main>", '<p><a href="../../../../%32014/01/">a</a> <a href="#main">b</a></p>\n</main>')
    assert check(site) == (0, [])


def test_absolute_urls_on_the_sites_host_are_internal(site):
    line = plant(
        site, ZURICH, "</main>", f'<p><a href="{BASE}2014/09/">a</a> <a href="https://x.example/">b</a></p>\n</main>'
    )
    assert check(site) == (1, [f"{ZURICH}:{line}: broken link to /2014/09/"])


def test_missing_anchor(site):
    line = plant(site, ZURICH, "</main>", '<p><a href="/2014/01/#nowhere">January</a></p>\n</main>')
    assert check(site) == (1, [f"{ZURICH}:{line}: link to /2014/01/#nowhere: no id 'nowhere' on 2014/01/index.html"])


def test_bad_feed(site):
    feed = site / "public" / "tags" / "music" / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    feed.write_text(text[: text.index("</entry>")], encoding="utf-8")
    line = text[: text.index("</entry>")].count("\n") + 1
    assert check(site) == (1, [f"tags/music/feed.xml:{line}: Atom feed does not parse: no element found"])


def test_feed_entry_without_id_or_updated(site):
    feed = site / "public" / "tags" / "music" / "feed.xml"
    text = feed.read_text(encoding="utf-8")
    entry = text.index("<entry>")
    feed.write_text(text[:entry] + text[entry:].replace("<updated>2014-01-07T00:00:00+00:00</updated>\n", "", 1))
    line = text[: text.index("<id>tag:")].count("\n") + 1
    assert check(site) == (1, [f"tags/music/feed.xml:{line}: entry 1 has no updated"])


def test_page_missing_from_the_sitemap(site):
    url = f"{BASE}{ZURICH.removesuffix('index.html')}"
    plant(site, "sitemap.xml", f"<url><loc>{url}</loc><lastmod>2014-01-07</lastmod></url>\n", "")
    assert check(site) == (1, [f"{ZURICH}: is a page the sitemap does not list"])


def test_extra_sitemap_url_and_one_not_under_base_url(site):
    line = plant(
        site,
        "sitemap.xml",
        "</urlset>",
        f"<url><loc>{BASE}2014/09/</loc></url>\n<url><loc>https://other.example.com/x/</loc></url>\n</urlset>",
    )
    assert check(site) == (
        1,
        [
            f"sitemap.xml:{line}: lists {BASE}2014/09/, which has no page",
            f"sitemap.xml:{line + 1}: loc 'https://other.example.com/x/' is not a page URL under base_url {BASE}",
        ],
    )


def test_sitemap_index_of_urlsets(site):
    public = site / "public"
    (public / "sitemaps").mkdir()
    shutil.move(public / "sitemap.xml", public / "sitemaps" / "pages.xml")
    (public / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<sitemap><loc>{BASE}sitemaps/pages.xml</loc></sitemap>\n"
        f"<sitemap><loc>{BASE}sitemaps/gone.xml</loc></sitemap>\n</sitemapindex>\n",
        encoding="utf-8",
    )
    assert check(site) == (1, [f"sitemap.xml:4: sitemap {BASE}sitemaps/gone.xml: which is not a file of the site"])


def test_missing_json_ld_field(site):
    line = plant(site, ZURICH, '"headline": "Z', '"title": "Z')
    assert check(site) == (1, [f"{ZURICH}:{line}: NewsArticle JSON-LD has no headline"])


def test_json_ld_that_does_not_parse(site):
    line = plant(site, ZURICH, '"@context":', '"@context"')
    status, lines = check(site)
    assert status == 1 and lines == [
        f"{ZURICH}:{line}: JSON-LD does not parse: Expecting ':' delimiter: line 1 column 13 (char 12)"
    ]


def test_oversized_page(site):
    plant(site, ZURICH, "</main>", "<!--" + "x" * 120_000 + "-->\n</main>")
    assert check(site) == (1, [f"{ZURICH}: is 122 KB, over the page budget of 100 KB"])


def test_page_budget_is_an_option(site):
    status, lines = check(site, "--max-page-kb", "1")
    over = [line for line in lines if re.fullmatch(r".*: is \d+ KB, over the page budget of 1 KB", line)]
    assert status == 1 and over == lines and any(line.startswith(f"{ZURICH}: is ") for line in lines)


def test_alias_collision(site):
    """A redirect page where the sitemap lists a real page: an alias took a page's URL."""
    public = site / "public"
    shutil.copy(public / "2014" / "zurich-quartet.html", public / "tags" / "index.html")
    assert check(site) == (
        1,
        [
            f"tags/index.html: a redirect page at {BASE}tags/, a URL the sitemap lists as a page (an alias colliding with it?)"
        ],
    )


def test_links_outside_the_base_path(site):
    status, _, stderr = run_cli("build", "--base-url", "https://example.org/news/", "--output", "sub", cwd=site)
    assert status == 0, stderr
    path = site / "sub" / ZURICH
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("</main>")].count("\n") + 1
    path.write_text(text.replace("</main>", '<a href="/elsewhere/">x</a></main>', 1), encoding="utf-8")
    args = ("--output", "sub", "--base-url", "https://example.org/news/")
    assert check(site, *args) == (1, [f"{ZURICH}:{line}: links to /elsewhere/, outside the base path /news/"])


def test_garbage_files_are_problem_lines_not_tracebacks(site):
    public = site / "public"
    (public / "junk.html").write_bytes(b"\xff\xfe<html>\x00\x00garbage")
    (public / "tags" / "music" / "feed.xml").write_bytes(b"<feed><<<>>>")
    (public / "sitemap.xml").write_bytes(b"<urlset><url>")
    status, lines = check(site)
    assert status == 1
    assert lines == [
        "junk.html:1: is not UTF-8 text",
        "sitemap.xml:1: does not parse as XML: no element found: line 1, column 13",
        "tags/music/feed.xml:1: Atom feed does not parse: not well-formed (invalid token)",  # at <<<
    ]


def test_a_huge_file_is_bounded(site):
    (site / "public" / "huge.html").write_bytes(b"<p>" + b"x" * (9 * 1024 * 1024))
    assert check(site) == (
        1,
        [
            "huge.html: is 9,216 KB, over the page budget of 100 KB",
            "huge.html: is 9,437,187 bytes: too large to check (at most 8,388,608)",
        ],
    )


def test_news_sitemap_lists_pages_only(site):
    news = "http://www.google.com/schemas/sitemap-news/0.9"
    (site / "public" / "news-sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="{news}">\n'
        f"<url><loc>{BASE}{ZURICH.removesuffix('index.html')}</loc><news:news><news:title>Z</news:title></news:news></url>\n"
        f"<url><loc>{BASE}2014/09/</loc><news:news><news:title>Z</news:title></news:news></url>\n</urlset>\n",
        encoding="utf-8",
    )
    assert check(site) == (1, [f"news-sitemap.xml:4: lists {BASE}2014/09/, which has no page"])


def test_no_output_folder_is_a_usage_error(site):
    status, stdout, stderr = run_cli("check", "--output", "missing", cwd=site)
    assert (status, stdout) == (2, "")
    assert stderr.strip().endswith(
        "missing to check; build it first, or name it with --output DIR"
    ) and stderr.startswith("error: there is no built site at ")


def test_html_without_java_is_a_usage_error(site):
    env = {**cli_env(), "PATH": "/nonexistent"}
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--html"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "error: --html needs Java (the Nu HTML Checker is a Java program): install a JRE\n"


@pytest.mark.skipif(not HAS_JAVA, reason="java is not on PATH (CI installs default-jre-headless)")
def test_html_validates_the_fixture_site_with_no_error(site):
    assert check(site, "--html") == (0, [])


@pytest.mark.skipif(not HAS_JAVA, reason="java is not on PATH (CI installs default-jre-headless)")
def test_html_reports_the_checkers_errors_at_their_lines(site):
    line = plant(site, ZURICH, "</main>", "<p>x</span></p>\n</main>")
    status, lines = check(site, "--html")
    assert status == 1 and lines == [f"{ZURICH}:{line}: HTML: Stray end tag “span”."] + lines[1:]
    assert all(entry.startswith(f"{ZURICH}:{line}: HTML: ") for entry in lines)


@pytest.mark.skipif(not HAS_JAVA, reason="java is not on PATH: the jar is looked for only after java")
def test_html_without_the_jar_is_a_usage_error(site):
    env = {**cli_env(), "BROADSHEET_VNU_JAR": str(site / "no-such.jar")}
    done = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "check", "--html"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("error: --html needs the Nu HTML Checker's vnu.jar: ")
