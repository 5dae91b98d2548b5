"""site/sitemaps.py: the sitemap (a urlset, or an index of files under sitemap_limit), the Google News
sitemap and robots.txt, built from the fixture site and from constructed articles."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sitekit import set_front_matter
from test_routes import art, config, routes_for

from generator.config import SiteConfig
from generator.site.index import build_index
from generator.site.permalinks import SITEMAP_MAX_BYTES, reserved_pages, sitemap_entries_per_file, sitemap_paths
from generator.site.routes import route_count

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def page_urls(public: Path, base: str) -> set[str]:
    """The absolute URL of every HTML page in a built site but the noindex ones (404.html, redirects)."""
    found = set()
    for path in public.rglob("*.html"):
        rel = path.relative_to(public).as_posix()
        if 'name="robots" content="noindex"' not in path.read_text(encoding="utf-8"):
            found.add(base + rel.removesuffix("index.html"))
    return found


def locs(root: ET.Element, tag: str) -> list[str]:
    return [el.findtext(f"{SM}loc") or "" for el in root.findall(f"{SM}{tag}")]


def test_a_low_sitemap_limit_makes_an_index_of_files_that_hold_every_page_once(fixture_site, build_site):
    base = "https://example.org/news/"
    report = build_site(fixture_site, base_url=base, sitemap_limit=10)
    public = fixture_site / "public"
    index = ET.parse(public / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    children = locs(index, "sitemap")
    pages = page_urls(public, base)
    assert children == [f"{base}sitemaps/sitemap-{n}.xml" for n in range(1, -(-len(pages) // 10) + 1)]
    seen: list[str] = []
    for child in children:
        urlset = ET.parse(public / child.removeprefix(base)).getroot()
        assert urlset.tag == f"{SM}urlset"
        entries = locs(urlset, "url")
        assert 1 <= len(entries) <= 10
        seen += entries
    assert seen == sorted(seen)  # cut in URL order
    assert len(seen) == len(set(seen)) and set(seen) == pages
    ours = [p for p in public.rglob("*") if p.is_file() and p.name != ".broadsheet-manifest"]
    assert report.pages == len([p for p in ours if "pagefind" not in p.relative_to(public).parts])  # (search index)
    robots = (public / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines()[-2:] == [f"Sitemap: {base}sitemap.xml", f"Sitemap: {base}news-sitemap.xml"]


def test_the_index_gives_each_file_the_newest_lastmod_of_its_pages(fixture_site, build_site):
    build_site(fixture_site, sitemap_limit=10)
    public = fixture_site / "public"
    index = ET.parse(public / "sitemap.xml").getroot()
    for entry in index.findall(f"{SM}sitemap"):
        child = ET.parse(public / (entry.findtext(f"{SM}loc") or "").removeprefix("https://archive.example.com/"))
        dates = [d.text for d in child.getroot().iter(f"{SM}lastmod")]
        assert entry.findtext(f"{SM}lastmod") == (max(dates) if dates else None)


def test_at_the_limit_the_sitemap_stays_one_urlset(fixture_site, build_site):
    build_site(fixture_site)
    pages = len(page_urls(fixture_site / "public", "https://archive.example.com/"))
    build_site(fixture_site, sitemap_limit=pages)
    root = ET.parse(fixture_site / "public" / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset" and len(locs(root, "url")) == pages
    assert not (fixture_site / "public" / "sitemaps").exists()
    build_site(fixture_site, sitemap_limit=pages - 1)  # one page more than a file holds: two files
    assert sorted(p.name for p in (fixture_site / "public" / "sitemaps").iterdir()) == [
        "sitemap-1.xml",
        "sitemap-2.xml",
    ]
    build_site(fixture_site)  # and back: the files of the index are pruned
    assert not (fixture_site / "public" / "sitemaps").exists()


def test_route_count_is_exact_with_sitemap_files_and_without_a_news_sitemap():
    articles = [art(f"story-{n}", f"2014-03-{n:02d}", tags=(f"Tag {n}",)) for n in range(1, 21)]
    index, _ = build_index(articles)
    for settings in ({"sitemap_limit": 7}, {"sitemap_limit": 50_000, "news_window_days": 0}, {"json_feed": True}):
        cfg = config(**settings)
        routes = routes_for(articles, cfg)
        assert route_count(index, cfg) == len(routes) == len({r.url for r in routes})
        others = {r.url for r in routes if r.template != "article.html"}
        assert others <= {url for url, _, _ in reserved_pages(index, cfg)}  # what an article may not take


def test_a_file_holds_fewer_urls_when_the_longest_could_pass_50_mb():
    assert sitemap_entries_per_file(SiteConfig()) == 50_000
    long_base = SiteConfig(base_url="https://example.org/" + "a" * 20_000 + "/")
    per_file = sitemap_entries_per_file(long_base)
    assert 2_000 < per_file < 2_600
    longest = len(long_base.base_url) + len(long_base.permalink) + 4 * 200 + len("<url><loc></loc></url>\n") + 30
    assert per_file * longest < SITEMAP_MAX_BYTES
    assert sitemap_paths(per_file + 1, long_base)[1:] == ["/sitemaps/sitemap-1.xml", "/sitemaps/sitemap-2.xml"]


NEWS_SITE = [
    art("today", "2014-03-05", title="Talks Resume in Paris"),
    art("yesterday", "2014-03-04", title="Kerry & Lavrov <Meet>"),
    art("two-days-ago", "2014-03-03", title="Too Old for News"),
    art("tomorrow", "2014-03-06", title="Dated After the Build"),
    art("no-date"),
]


def news_entries(cfg: SiteConfig, articles=NEWS_SITE) -> list[dict]:
    routes = {r.url: r for r in routes_for(articles, cfg)}
    return routes["/news-sitemap.xml"].context["entries"]


def test_the_news_window_is_the_build_date_and_the_day_before():
    cfg = config(build_time="2014-03-05T23:59:00+00:00")
    assert [e["loc"] for e in news_entries(cfg)] == [
        "https://example.org/2014/03/05/today/",
        "https://example.org/2014/03/04/yesterday/",
    ]  # 2014-03-03 is exactly news_window_days before: out; 2014-03-06 is after the build date: out
    wider = config(build_time="2014-03-05", news_window_days=3)
    assert [e["loc"].rsplit("/", 2)[-2] for e in news_entries(wider)] == ["today", "yesterday", "two-days-ago"]


def test_without_a_build_time_the_window_ends_on_the_newest_article(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert [e["loc"].rsplit("/", 2)[-2] for e in news_entries(config())] == ["tomorrow", "today"]


def test_no_article_in_the_window_gives_an_empty_urlset_that_robots_still_names():
    cfg = config(build_time="2015-01-01")
    routes = {r.url: r for r in routes_for(NEWS_SITE, cfg)}
    assert routes["/news-sitemap.xml"].context["entries"] == []
    assert routes["/robots.txt"].context["sitemap_urls"][-1] == "https://example.org/news-sitemap.xml"


def test_news_window_days_0_turns_the_news_sitemap_off():
    routes = {r.url: r for r in routes_for(NEWS_SITE, config(news_window_days=0))}
    assert "/news-sitemap.xml" not in routes
    assert routes["/robots.txt"].context["sitemap_urls"] == ["https://example.org/sitemap.xml"]


def test_the_news_sitemap_holds_the_newest_1000():
    articles = [art(f"s-{n:04d}", "2014-03-05") for n in range(1001)] + [art("older", "2014-03-04")]
    entries = news_entries(config(build_time="2014-03-05"), articles)
    assert len(entries) == 1000 and all("/2014/03/05/" in e["loc"] for e in entries)


NEWS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://archive.example.com/news/2014/01/21/archive-volunteers-wanted/</loc><news:news><news:publication><news:name>The Eastport Courier Archive</news:name><news:language>en-GB</news:language></news:publication><news:publication_date>2014-01-21T00:00:00+00:00</news:publication_date><news:title>Archive Volunteers Wanted</news:title></news:news></url>
</urlset>
"""


def test_the_news_sitemap_of_the_fixture_site(fixture_site, build_site):
    build_site(fixture_site, base_url="https://archive.example.com/news/", build_time="2014-01-22T08:00:00+00:00")
    text = (fixture_site / "public" / "news-sitemap.xml").read_text(encoding="utf-8")
    assert text == NEWS_XML  # the draft of 2014-01-28 is not published; 2014-01-07 is out of the window
    root = ET.fromstring(text)
    assert [el.text for el in root.iter(f"{NEWS}title")] == ["Archive Volunteers Wanted"]


def test_a_title_with_markup_characters_is_escaped_in_the_news_sitemap(fixture_site, build_site):
    path = fixture_site / "content" / "2014" / "01" / "archive-volunteers-wanted.md"
    set_front_matter(path, "title", "'Volunteers & <Friends> Wanted'")
    build_site(fixture_site, build_time="2014-01-21")
    root = ET.parse(fixture_site / "public" / "news-sitemap.xml").getroot()
    assert [el.text for el in root.iter(f"{NEWS}title")] == ["Volunteers & <Friends> Wanted"]
