"""pipeline.build over the fixture site: selective rewrites, pruning, the caches, drafts, URL clashes."""

from __future__ import annotations

import pytest

from generator.config import load_config
from generator.pipeline import Builder

ARTICLE = "2013/12/19/lighthouse-keepers-logbooks-go-online/index.html"
LIGHTHOUSE = "content/2013/12/lighthouse-keepers-logbooks-go-online.md"


def files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_a_builder_reused_writes_nothing_the_second_time(fixture_site):
    builder = Builder(load_config(fixture_site / "site.toml", {"jobs": 1}))
    first = builder.build()
    second = builder.build()
    assert (len(first.write.written), first.write.unchanged) == (67, ())
    assert (second.write.written, len(second.write.unchanged), second.write.removed) == ((), 67, ())


def test_editing_one_article_rewrites_only_the_pages_that_show_it(fixture_site, build_site):
    build_site(fixture_site)
    path = fixture_site / LIGHTHOUSE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("spent two winters", "spent three winters"), encoding="utf-8")
    report = build_site(fixture_site)
    assert report.write.written == (ARTICLE,)
    assert "spent three winters" in (fixture_site / "public" / ARTICLE).read_text(encoding="utf-8")


def test_editing_a_title_rewrites_the_listings_and_neighbours_that_show_it(fixture_site, build_site):
    build_site(fixture_site)
    path = fixture_site / LIGHTHOUSE
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Lighthouse Keepers'", "title: Lighthouse"), encoding="utf-8"
    )
    report = build_site(fixture_site)
    assert set(report.write.written) == {
        ARTICLE,
        "2014/01/07/zurich-quartet-fills-the-old-market-hall/index.html",  # its newer neighbour
        "2013/12/02/council-approves-night-bus-trial/index.html",  # its older neighbour
        "page/2/index.html",
        "2013/index.html",
        "2013/12/index.html",
        "2013/12/19/index.html",
        "tags/harbour/index.html",
        "tags/archives/index.html",
        "sources/coastline-weekly/index.html",
        "authors/maren-holt/index.html",
        "authors/tobias-wren/index.html",
        "sections/culture/index.html",
        # and every feed that holds it
        "feed.xml",
        "tags/harbour/feed.xml",
        "tags/archives/feed.xml",
        "sources/coastline-weekly/feed.xml",
        "authors/maren-holt/feed.xml",
        "authors/tobias-wren/feed.xml",
        "sections/culture/feed.xml",
    }


def test_deleting_an_article_prunes_its_pages(fixture_site, build_site):
    build_site(fixture_site)
    (fixture_site / LIGHTHOUSE).unlink()
    report = build_site(fixture_site)
    assert report.articles == 6
    assert set(report.write.removed) == {
        ARTICLE,
        "2013/12/19/index.html",
        "authors/index.html",
        "authors/maren-holt/index.html",
        "authors/tobias-wren/index.html",
        "sources/coastline-weekly/index.html",
        "tags/archives/page/2/index.html",
        "page/4/index.html",
        "2013/page/2/index.html",
        "2013/12/page/2/index.html",
        "authors/maren-holt/feed.xml",
        "authors/tobias-wren/feed.xml",
        "sources/coastline-weekly/feed.xml",
    }
    assert not (fixture_site / "public/2013/12/19").exists()
    assert not (fixture_site / "public/authors").exists()


def test_a_deleted_output_file_is_written_again(fixture_site, build_site):
    build_site(fixture_site)
    (fixture_site / "public" / ARTICLE).unlink()
    report = build_site(fixture_site)
    assert report.write.written == (ARTICLE,)


def test_a_file_that_breaks_keeps_its_last_good_page(fixture_site, build_site):
    build_site(fixture_site)
    before = (fixture_site / "public" / ARTICLE).read_bytes()
    path = fixture_site / LIGHTHOUSE
    path.write_text(path.read_text(encoding="utf-8").replace("slug: lighthouse", "slug: Lighthouse"), encoding="utf-8")
    report = build_site(fixture_site)
    assert [str(d) for d in report.diagnostics] == [
        f"{LIGHTHOUSE}:4: error: slug 'Lighthouse-keepers-logbooks-go-online' must be lower-case ASCII words "
        f"joined by hyphens"
    ]
    assert (report.articles, report.write.written, report.write.removed) == (7, (), ())
    assert (fixture_site / "public" / ARTICLE).read_bytes() == before


def test_a_broken_file_with_no_last_good_version_is_left_out(fixture_site, write_tree, build_site):
    write_tree(fixture_site, {"content/2014/01/broken.md": "---\ntitle: Broken\ndate: soon\n---\nText.\n"})
    report = build_site(fixture_site)
    assert [str(d) for d in report.diagnostics] == [
        "content/2014/01/broken.md:3: error: date must be an ISO date such as 2014-03-05, not 'soon'"
    ]
    assert (report.ok, report.articles) == (False, 7)


def test_changing_a_template_rerenders_the_pages_that_use_it(fixture_site, build_site):
    build_site(fixture_site)
    teasers = fixture_site / "themes/test/templates/partials/teasers.html"
    teasers.write_text(teasers.read_text(encoding="utf-8").replace("from-test-theme", "changed"), encoding="utf-8")
    report = build_site(fixture_site)
    written = set(report.write.written)
    assert "index.html" in written and "tags/harbour/index.html" in written
    assert not any(p.startswith("2013/12/19/lighthouse") for p in written)  # article pages have no teasers
    assert "tags/index.html" not in written and "archive/index.html" not in written
    assert len(written) == 34  # 4 front, 12 date, 9 tag, 3 source, 2 author, 3 section and 1 undated page


def test_changing_the_base_url_rewrites_every_page(fixture_site, build_site):
    build_site(fixture_site)
    report = build_site(fixture_site, base_url="https://example.org/news/")
    assert len(report.write.written) == 64  # all but the stylesheet, the search script and the news sitemap,
    assert report.write.unchanged == ("news-sitemap.xml", "static/search.js", "static/style.css")  # (no URL in it)


@pytest.mark.parametrize("drafts, articles", [(False, 7), (True, 8)])
def test_drafts(fixture_site, build_site, drafts, articles):
    report = build_site(fixture_site, drafts=drafts)
    assert report.articles == articles
    draft = fixture_site / "public/2014/01/28/draft-budget-leaked-before-vote/index.html"
    assert draft.is_file() is drafts


def test_drafts_off_again_removes_the_draft_pages(fixture_site, build_site):
    build_site(fixture_site, drafts=True)
    report = build_site(fixture_site)
    assert "2014/01/28/draft-budget-leaked-before-vote/index.html" in report.write.removed


@pytest.mark.parametrize(
    "value, day",
    [
        ("", None),
        ("2014-02-01T12:00:00+00:00", "2014-02-01"),
        ("1391212800", "2014-02-01"),
        ("2014-02-01", "2014-02-01"),
    ],
)
def test_build_date_comes_from_config_never_the_clock(tmp_path, value, day):
    config = load_config(tmp_path / "site.toml", {"build_time": value or None})
    assert (str(config.build_date()) if config.build_date() else None) == day


def test_two_articles_with_one_url_are_a_content_error(fixture_site, write_tree, build_site):
    (fixture_site / "site.toml").write_text(
        (fixture_site / "site.toml")
        .read_text(encoding="utf-8")
        .replace('permalink = "/{year}/{month}/{day}/{slug}/"', 'permalink = "/{year}/{slug}/"'),
        encoding="utf-8",
    )
    write_tree(
        fixture_site,
        {
            "content/2014/01/same-a.md": "---\ntitle: First\ndate: 2014-01-02\nslug: same\n---\nA.\n",
            "content/2014/01/same-b.md": "---\ntitle: Second\ndate: 2014-01-03\nslug: same\n---\nB.\n",
        },
    )
    report = build_site(fixture_site)
    assert [d.path for d in report.diagnostics if d.severity == "error"] == ["content/2014/01/same-a.md"]
    assert "<h1>Second</h1>" in (fixture_site / "public/2014/same/index.html").read_text(encoding="utf-8")
