"""The feeds: Atom at /feed.xml and <term page>/feed.xml, JSON Feed by option, parsed by feedparser;
their ids, times, links, entries and escaping; which feeds an edit rewrites; byte-identical rebuilds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from sitekit import comparable, tree

from generator.config import load_config
from generator.diagnostics import ConfigError

LIGHTHOUSE = "content/2013/12/lighthouse-keepers-logbooks-go-online.md"
LIGHTHOUSE_PAGE = "2013/12/19/lighthouse-keepers-logbooks-go-online/index.html"
LIGHTHOUSE_ID = "tag:archive.example.com,2013-12-19:/2013/12/19/lighthouse-keepers-logbooks-go-online/"
NEWEST = (  # the dated articles of the fixture site, newest first (ties by slug)
    "Archive Volunteers Wanted",
    "Ice Closes the Northern Canal",
    "Zürich Quartet Fills the Old Market Hall",
    "Lighthouse Keepers' Logbooks Go Online",
    "Council Approves Night-Bus Trial",
    "Harbour Ferry Fares Frozen for Winter",
)


def feeds(public: Path, name: str = "feed.xml") -> dict[str, bytes]:
    return {rel: data for rel, data in tree(public).items() if rel.endswith(name)}


def parsed(data: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(data)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_every_feed_parses_with_ids_times_links_and_newest_entries_first(fixture_site, build_site):
    assert build_site(fixture_site).ok
    public = fixture_site / "public"
    found = feeds(public)
    assert len(found) == 13 and "feed.xml" in found  # the site's and one per tag, source, author, section
    for rel, data in found.items():
        feed = parsed(data)
        listing = "https://archive.example.com/" + rel.removesuffix("feed.xml")
        assert feed.feed.id == f"https://archive.example.com/{rel}"
        assert {(link.rel, link.href) for link in feed.feed.links} == {
            ("self", f"https://archive.example.com/{rel}"),
            ("alternate", listing),
        }
        published = [entry.published for entry in feed.entries]
        assert published == sorted(published, reverse=True) and len(published) >= 1
        assert feed.feed.updated == published[0]  # the newest entry's, not the build's time
        for entry in feed.entries:
            assert entry.id.startswith("tag:archive.example.com,") and entry.id.endswith("/")
            assert entry.updated == entry.published and entry.published.endswith("T00:00:00+00:00")
            assert entry.link.startswith("https://archive.example.com/20")
            assert (public / entry.link.removeprefix("https://archive.example.com/") / "index.html").is_file()
    site = parsed(found["feed.xml"])
    assert [e.title for e in site.entries] == list(NEWEST)  # the undated article and the draft are in no feed
    assert site.feed.title == "The Eastport Courier Archive"


def test_an_entry_carries_title_link_id_times_authors_categories_and_summary(fixture_site, build_site):
    build_site(fixture_site)
    feed = parsed((fixture_site / "public/tags/harbour/feed.xml").read_bytes())
    assert feed.feed.title == "Tag: Harbour · The Eastport Courier Archive"
    assert [e.title for e in feed.entries] == [NEWEST[3], NEWEST[5]]
    entry = feed.entries[0]
    assert entry.id == LIGHTHOUSE_ID
    assert entry.link == "https://archive.example.com/2013/12/19/lighthouse-keepers-logbooks-go-online/"
    assert entry.published == "2013-12-19T00:00:00+00:00"
    assert [a.name for a in entry.authors] == ["Maren Holt", "Tobias Wren"]
    assert [t.term for t in entry.tags] == ["Harbour", "Archives"]
    assert entry.summary.startswith("Forty years of handwritten entries")
    assert "content" not in entry  # feed_content is off by default


def test_dates_are_midnight_in_the_site_timezone(fixture_site, build_site):
    build_site(fixture_site, timezone="America/New_York")
    feed = parsed((fixture_site / "public/feed.xml").read_bytes())
    assert feed.entries[0].published == "2014-01-21T00:00:00-05:00"
    assert feed.feed.updated == "2014-01-21T00:00:00-05:00"


def test_feed_entries_limits_each_feed_to_the_newest(fixture_site, build_site):
    build_site(fixture_site, feed_entries=2)
    site = parsed((fixture_site / "public/feed.xml").read_bytes())
    assert [e.title for e in site.entries] == list(NEWEST[:2])
    city = parsed((fixture_site / "public/sections/city/feed.xml").read_bytes())
    assert len(city.entries) == 2


def test_feed_entries_must_be_positive(tmp_path):
    (tmp_path / "site.toml").write_text("feed_entries = 0\n")
    with pytest.raises(ConfigError, match="feed_entries must be at least 1"):
        load_config(tmp_path / "site.toml")


def test_every_listing_page_links_its_feeds(fixture_site, build_site):
    build_site(fixture_site, json_feed=True)
    public = fixture_site / "public"
    for page, feed in (
        ("index.html", "/feed.xml"),
        ("page/3/index.html", "/feed.xml"),
        ("tags/harbour/index.html", "/tags/harbour/feed.xml"),
        ("tags/transport/page/2/index.html", "/tags/transport/feed.xml"),
        ("sources/coastline-weekly/index.html", "/sources/coastline-weekly/feed.xml"),
        ("authors/maren-holt/index.html", "/authors/maren-holt/feed.xml"),
        ("sections/city/page/2/index.html", "/sections/city/feed.xml"),
    ):
        head = (public / page).read_text(encoding="utf-8").split("</head>")[0]
        assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in head
        json_feed = feed.replace(".xml", ".json")
        assert f'<link rel="alternate" type="application/feed+json" href="{json_feed}"' in head
        assert (public / feed.lstrip("/")).is_file() and (public / json_feed.lstrip("/")).is_file()
    assert "application/atom+xml" not in (public / "2014/index.html").read_text(encoding="utf-8")


def test_json_feed_beside_each_atom_feed(fixture_site, build_site):
    build_site(fixture_site, json_feed=True)
    public = fixture_site / "public"
    atom, jsons = feeds(public), feeds(public, "feed.json")
    assert {rel.removesuffix(".json") for rel in jsons} == {rel.removesuffix(".xml") for rel in atom}
    for rel, data in jsons.items():
        feed = json.loads(data)
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["feed_url"] == f"https://archive.example.com/{rel}"
        assert feed["title"] and feed["items"]
        ids = [entry.id for entry in parsed(atom[rel.replace(".json", ".xml")]).entries]
        assert [item["id"] for item in feed["items"]] == ids
        for item in feed["items"]:
            assert item["url"].startswith("https://archive.example.com/")
            assert item["content_text"] and item["date_published"].endswith("T00:00:00+00:00")


def test_hostile_titles_and_summaries_are_text_in_every_feed(fixture_site, build_site):
    title = "<script>alert('x')</script> & \"Co\" ]]> <b>bold</b>"
    summary = "Fish & <chips> </summary></entry> &amp; more"
    path = fixture_site / "content/2014/01/hostile.md"
    path.write_text(
        f"---\ntitle: '{title.replace(chr(39), chr(39) * 2)}'\ndate: 2014-01-30\nslug: hostile\n"
        f"tags: [Music]\nsummary: '{summary}'\n---\nA <script>body</script> with & in it.\n",
        encoding="utf-8",
    )
    assert build_site(fixture_site, json_feed=True, feed_content=True).ok
    public = fixture_site / "public"
    for rel in ("feed.xml", "tags/music/feed.xml"):
        data = (public / rel).read_bytes()
        assert b"<script>" not in data and b"<chips>" not in data
        entry = parsed(data).entries[0]
        assert (entry.title, entry.summary) == (title, summary)
        assert "<script>" not in entry.content[0].value  # the body is the sanitised HTML, escaped once
        item = json.loads((public / rel.replace(".xml", ".json")).read_bytes())["items"][0]
        assert (item["title"], item["summary"]) == (title, summary)


def test_feed_content_carries_each_body(fixture_site, build_site):
    build_site(fixture_site, feed_content=True, json_feed=True)
    entry = parsed((fixture_site / "public/tags/harbour/feed.xml").read_bytes()).entries[0]
    assert entry.content[0].type == "text/html"
    assert entry.content[0].value.startswith("<p>Forty years of handwritten entries")
    assert "<h2>What the keepers wrote</h2>" in entry.content[0].value
    item = json.loads((fixture_site / "public/tags/harbour/feed.json").read_bytes())["items"][0]
    assert item["content_html"] == entry.content[0].value


def _holding(public: Path, article_id: str) -> set[str]:
    return {rel for rel, data in feeds(public).items() if article_id in {e.id for e in parsed(data).entries}}


def test_a_body_edit_rewrites_its_page_alone_without_feed_content(fixture_site, build_site):
    build_site(fixture_site)
    path = fixture_site / LIGHTHOUSE
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert build_site(fixture_site).write.written == (LIGHTHOUSE_PAGE,)


def test_a_body_edit_rewrites_the_feeds_that_hold_it_with_feed_content(fixture_site, build_site):
    build_site(fixture_site, feed_content=True)
    holding = _holding(fixture_site / "public", LIGHTHOUSE_ID)
    path = fixture_site / LIGHTHOUSE
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    written = set(build_site(fixture_site, feed_content=True).write.written)
    assert written == {LIGHTHOUSE_PAGE} | holding
    assert "One more line." in (fixture_site / "public/tags/harbour/feed.xml").read_text(encoding="utf-8")


def test_a_title_edit_rewrites_its_page_listings_and_exactly_the_feeds_that_hold_it(fixture_site, build_site):
    build_site(fixture_site, feed_entries=2)
    public = fixture_site / "public"
    holding = _holding(public, LIGHTHOUSE_ID)
    assert "feed.xml" not in holding and "tags/harbour/feed.xml" in holding  # the site's two newest are others
    path = fixture_site / LIGHTHOUSE
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Lighthouse Keepers'", "title: Lighthouse"), encoding="utf-8"
    )
    written = set(build_site(fixture_site, feed_entries=2).write.written)
    assert {rel for rel in written if rel.endswith("feed.xml")} == holding
    assert {LIGHTHOUSE_PAGE, "page/2/index.html", "tags/harbour/index.html", "2013/12/index.html"} <= written
    entry = parsed((public / "tags/harbour/feed.xml").read_bytes()).entries[0]
    assert (entry.title, entry.id) == ("Lighthouse Logbooks Go Online", LIGHTHOUSE_ID)  # the id stays


def test_a_sub_path_base_url_gives_absolute_links_under_it(fixture_site, build_site):
    build_site(fixture_site, base_url="https://example.org/news/", json_feed=True)
    public = fixture_site / "public"
    feed = parsed((public / "tags/harbour/feed.xml").read_bytes())
    assert feed.feed.id == "https://example.org/news/tags/harbour/feed.xml"
    assert {link.href for link in feed.feed.links} == {
        "https://example.org/news/tags/harbour/feed.xml",
        "https://example.org/news/tags/harbour/",
    }
    entry = feed.entries[0]
    assert entry.link == "https://example.org/news/2013/12/19/lighthouse-keepers-logbooks-go-online/"
    assert entry.id == "tag:example.org,2013-12-19:/news/2013/12/19/lighthouse-keepers-logbooks-go-online/"
    item = json.loads((public / "feed.json").read_bytes())["items"][0]
    assert item["url"].startswith("https://example.org/news/")
    head = (public / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml" href="/news/feed.xml"' in head


def test_two_clean_builds_are_byte_identical(fixture_site, build_site, tmp_path):
    other = tmp_path / "again"
    shutil.copytree(fixture_site, other)
    settings = {"json_feed": True, "feed_content": True}
    build_site(fixture_site, **settings)
    build_site(other, jobs=2, **settings)
    first, second = comparable(fixture_site / "public"), comparable(other / "public")
    assert first == second  # the search index as search_helpers says: Pagefind orders filter values at random
    assert len(feeds(fixture_site / "public")) == 13 and len(feeds(fixture_site / "public", "feed.json")) == 13
