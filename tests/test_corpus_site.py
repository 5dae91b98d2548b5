"""The whole BBC corpus: 2,095 seeds imported and built under a sub-path, then every page crawled.

Run with -s to see the counts. CI runs it too; `-m "not slow"` leaves it out locally.
"""

from __future__ import annotations

import re
import shutil
import time

import pytest
from helpers import Site, run_cli

from generator.model import Article
from generator.site.load import load_file
from generator.slugs import slugify

pytestmark = pytest.mark.slow

BASE_URL = "https://example.org/news/"
BASE = "/news/"
SEED_COUNT = 2095
SUMMARY = re.compile(
    r"^Built ([\d,]+) files from ([\d,]+) articles?: "
    r"([\d,]+) written, ([\d,]+) unchanged, ([\d,]+) removed in "
)

WEEKDAYS = {
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
STOP_WORDS = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "his",
    "her",
    "their",
    "our",
    "my",
    "not",
    "no",
    "yes",
    "so",
    "than",
    "then",
    "there",
    "here",
    "what",
    "which",
    "who",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "some",
    "more",
    "most",
    "also",
    "said",
    "says",
    "say",
    "will",
    "would",
    "could",
    "should",
    "can",
    "may",
    "might",
    "must",
    "new",
    "last",
    "first",
    "next",
    "year",
    "years",
    "week",
    "day",
    "today",
    "yesterday",
    "tomorrow",
    "mr",
    "mrs",
    "ms",
    "dr",
    "one",
    "two",
    "three",
    "after",
    "before",
    "over",
    "under",
    "about",
    "up",
    "down",
    "out",
    "into",
    "just",
    "only",
    "very",
    "still",
    "however",
    "while",
    "because",
    "against",
    "between",
    "during",
    "through",
    "without",
    "within",
    "among",
    "again",
    "further",
    "once",
    "both",
    "each",
    "few",
    "other",
    "such",
    "own",
    "same",
    "too",
    "him",
    "them",
    "me",
    "us",
    "your",
    "whose",
    "whom",
    "being",
    "having",
    "doing",
    "off",
    "above",
    "below",
    "until",
    "since",
    "per",
    "via",
    "now",
    "ago",
    "even",
    "ever",
    "never",
    "always",
    "often",
    "well",
    "back",
    "many",
    "much",
    "every",
    "another",
    "time",
    "times",
    "people",
    "told",
    "added",
    "asked",
    "according",
}
NOT_MEANINGFUL = WEEKDAYS | MONTHS | STOP_WORDS


def counts(stdout: str) -> tuple[int, ...]:
    """The numbers of the summary line (the last line of stdout)."""
    match = SUMMARY.match(stdout.splitlines()[-1])
    assert match, stdout
    return tuple(int(n.replace(",", "")) for n in match.groups())


def meaningful(tag: str) -> bool:
    """A tag is meaningful when one of its words is not a weekday, month, stop word or number;
    an acronym (US, DEC) counts as meaningful."""
    words = re.findall(r"[A-Za-z0-9]+", tag.replace("'", "").replace("\u2019", ""))
    return any((w.isupper() and len(w) > 1) or not (w.lower() in NOT_MEANINGFUL or w.isdigit()) for w in words)


@pytest.mark.parametrize(
    "tag, expected",
    [
        ("Tuesday", False),
        ("may", False),
        ("The", False),
        ("Last Monday", False),
        ("2004", False),
        ("", False),
        ("us", False),
        ("Tony Blair", True),
        ("New York", True),
        ("BBC", True),
        ("US", True),
        ("Chelsea", True),
    ],
)
def test_meaningful_tag_rule(tag, expected):
    assert meaningful(tag) is expected


@pytest.fixture(scope="module")
def corpus_site(bbc_seeds, tmp_path_factory):
    """The corpus imported and built by `build.py build`, then built a second time."""
    site = tmp_path_factory.mktemp("bbc-site")
    shutil.copytree(bbc_seeds, site / "seeds")
    (site / "site.toml").write_text(
        f'title = "BBC News Archive"\nbase_url = "{BASE_URL}"\nbuild_time = "2006-01-01T00:00:00+00:00"\n',
        encoding="utf-8",
    )
    started = time.perf_counter()
    first = run_cli("build", cwd=site, timeout=600)
    second = run_cli("build", cwd=site, timeout=600)
    print(f"\ncorpus: import and build {time.perf_counter() - started:.1f} s for both builds")
    return site, first, second


@pytest.fixture(scope="module")
def crawled(corpus_site):
    site_dir, _, _ = corpus_site
    site = Site(site_dir / "public", BASE_URL)
    started = time.perf_counter()
    report = site.check_links()
    print(
        f"\ncorpus: crawled {report.pages:,} pages, checked {report.checked:,} internal links "
        f"in {time.perf_counter() - started:.1f} s; {len(report.broken)} broken"
    )
    return site, report


@pytest.fixture(scope="module")
def articles(corpus_site) -> list[Article]:
    site_dir, _, _ = corpus_site
    loaded = [load_file(p, p.relative_to(site_dir).as_posix()) for p in sorted((site_dir / "content").rglob("*.md"))]
    problems = [str(a) for a in loaded if not isinstance(a, Article)]
    assert problems == []
    return loaded


def article_url(article: Article) -> str:
    return f"{BASE}{article.date:%Y/%m/%d}/{article.slug}/"


def test_every_seed_is_imported_and_built_cleanly(corpus_site):
    _, (status, stdout, stderr), _ = corpus_site
    assert status == 0, stderr[-2000:]
    assert [line for line in stderr.splitlines() if ": error: " in line] == []
    assert (
        f"Import of {SEED_COUNT:,} seeds: {SEED_COUNT:,} imported, 0 updated, 0 unchanged, 0 conflict, "
        f"0 rejected" in stderr.splitlines()
    )
    files, count, written, unchanged, removed = counts(stdout)
    assert (count, written, unchanged, removed) == (SEED_COUNT, files, 0, 0)


def test_second_build_writes_no_file(corpus_site):
    _, (_, first_out, _), (status, stdout, _) = corpus_site
    files = counts(first_out)[0]
    assert status == 0
    assert counts(stdout) == (files, SEED_COUNT, 0, files, 0)


CHECKED = re.compile(r"^Checked ([\d,]+) pages and ([\d,]+) other files: 0 problems in (\d+\.\d\d) s$")


def test_check_finds_no_problem(corpus_site):
    """`build.py check` over the built corpus: links, anchors, feeds, sitemap, JSON-LD, under /news/, and
    every page within the default budget of 100 KB (the tag index is split into letter pages)."""
    site, _, _ = corpus_site
    status, stdout, stderr = run_cli("check", cwd=site, timeout=600)
    assert (status, stderr) == (0, ""), stdout[-3000:]
    match = CHECKED.match(stdout)
    assert match and int(match.group(1).replace(",", "")) > SEED_COUNT, stdout[-3000:]
    print(f"\ncorpus: {stdout.strip()}")


def test_no_internal_link_is_broken(crawled):
    site, report = crawled
    assert report.pages == len(site.html_files()) > SEED_COUNT
    assert report.checked > 100_000
    assert report.broken[:20] == []
    rooted = [
        link.value
        for url in list(site._pages)
        for link in site._pages[url].links
        if link.value.startswith("/") and not link.value.startswith(BASE)
    ]
    assert rooted[:20] == []
    assert {link.tag for _, link in report.external} <= {"a"}  # no resources from other hosts


def test_every_article_is_reachable_from_the_front_page(crawled, articles):
    site, _ = crawled
    assert len(articles) == SEED_COUNT
    urls = {article_url(a) for a in articles}
    assert len(urls) == SEED_COUNT
    reached = site.reach(BASE)
    assert sorted(urls - reached)[:20] == []
    listed = site.reach(BASE, follow=site.listing(BASE))  # through the front page's own pages
    assert sorted(urls - listed)[:20] == []
    print(f"\ncorpus: {len(reached):,} URLs reachable from the front page")


def test_every_article_is_reachable_from_each_of_its_tags(crawled, articles):
    site, _ = crawled
    by_tag: dict[str, set[str]] = {}
    for article in articles:
        for tag in article.tags:
            by_tag.setdefault(f"{BASE}tags/{slugify(tag, fallback='')}/", set()).add(article_url(article))
    missing = []
    for tag_url, urls in sorted(by_tag.items()):
        assert site.file_for(tag_url) is not None, tag_url
        reached = site.reach(tag_url, follow=site.listing(tag_url))
        missing += [(tag_url, url) for url in sorted(urls - reached)]
    assert missing[:20] == []
    print(f"\ncorpus: {len(by_tag):,} tag pages, {sum(map(len, by_tag.values())):,} article-tag pairs checked")


def test_every_article_is_reachable_from_its_month_archive(crawled, articles):
    site, _ = crawled
    by_month: dict[str, set[str]] = {}
    for article in articles:
        by_month.setdefault(f"{BASE}{article.date:%Y/%m}/", set()).add(article_url(article))
    missing = []
    for month_url, urls in sorted(by_month.items()):
        reached = site.reach(month_url, follow=site.listing(month_url))
        missing += [(month_url, url) for url in sorted(urls - reached)]
    assert missing[:20] == []
    assert len(by_month) == 24  # 2004 and 2005


def test_year_month_and_day_archives_exist(crawled, articles):
    site, _ = crawled
    periods = set()
    for article in articles:
        periods |= {f"{BASE}{article.date:%Y}/", f"{BASE}{article.date:%Y/%m}/", f"{BASE}{article.date:%Y/%m/%d}/"}
    assert [url for url in sorted(periods) if site.file_for(url) is None] == []
    assert {BASE + "2004/", BASE + "2005/"} <= periods
    assert site.file_for(BASE + "archive/") is not None
    archive_links = site.links_from(BASE + "archive/")
    assert {BASE + "2004/", BASE + "2005/", BASE + "2004/01/", BASE + "2005/12/"} <= archive_links


def test_every_article_has_at_least_two_meaningful_tags(articles):
    poor = [(a.path, a.tags) for a in articles if sum(meaningful(t) for t in a.tags) < 2]
    assert poor == []


MAX_PAGE_BYTES = 100 * 1024


def test_no_html_page_is_over_100_kb(corpus_site):
    site_dir, _, _ = corpus_site
    pages = sorted((site_dir / "public").rglob("*.html"))
    sizes = sorted(((p.stat().st_size, p.relative_to(site_dir / "public").as_posix()) for p in pages), reverse=True)
    print(f"\ncorpus: the largest pages: {sizes[:3]}")
    assert [(size, path) for size, path in sizes if size > MAX_PAGE_BYTES] == []
    assert (site_dir / "public" / "tags" / "_letter" / "a" / "index.html").is_file()  # /tags/ is split by letter


def test_every_tag_is_on_one_letter_page_reached_from_the_tag_index(crawled, articles):
    site, _ = crawled
    tags = {f"{BASE}tags/{slugify(tag, fallback='')}/" for a in articles for tag in a.tags if slugify(tag, fallback="")}
    letters = f"{BASE}tags/_letter/"
    letter_pages = {url for url in site.reach(f"{BASE}tags/", follow=lambda u: u.startswith(letters))}
    on_letters = [
        link.value
        for url in sorted(u for u in letter_pages if u.startswith(letters))
        for link in site.page(url).links
        if link.value.startswith(f"{BASE}tags/") and not link.value.startswith(letters)
    ]
    listed = [url for url in on_letters if url != f"{BASE}tags/"]
    assert len(listed) == len(set(listed)) and set(listed) == tags


def test_the_sitemap_lists_every_html_page_but_the_noindex_ones(corpus_site):
    site_dir, _, _ = corpus_site
    public = site_dir / "public"
    text = (public / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", text)
    pages = {BASE_URL + p.relative_to(public).as_posix().removesuffix("index.html") for p in public.rglob("*.html")}
    assert len(locs) == len(set(locs)) and set(locs) == pages - {BASE_URL + "404.html", BASE_URL + "search/"}
