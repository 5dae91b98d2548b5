"""`aliases:` in front matter: a redirect page at each old URL, through the normal routes, in no listing,
feed or sitemap; a change of aliases is a full build whose output equals a clean build's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sitekit import clean_build, comparable, make_site, set_front_matter

from generator.config import SiteConfig, load_config
from generator.incremental.cache import ArticleCache
from generator.model import Article
from generator.pipeline import Builder
from generator.site.index import build_index
from generator.site.permalinks import ArticleUrl
from generator.site.redirects import alias_problems
from generator.site.routes import iter_routes, route_count
from generator.site.views import Urls

CONFIG = SiteConfig(base_url="https://example.org/news/", root=Path("/nonexistent"), per_page=2)


def art(n: int, aliases: tuple[str, ...] = ()) -> Article:
    return Article(
        path=f"content/story-{n}.md",
        slug=f"story-{n}",
        title=f"Story {n}",
        date=dt.date(2014, 3, n),
        source="",
        authors=(),
        caption="",
        original_url="",
        section="",
        tags=(),
        summary="",
        body_key=f"key-{n}",
        aliases=aliases,
        aliases_line=6 if aliases else None,
    )


def test_an_alias_is_a_redirect_page_under_the_base_path_outside_the_sitemap():
    index, _ = build_index([art(1, ("/old/one/", "/2014/one.html")), art(2)], url_of=ArticleUrl(CONFIG))
    routes = list(iter_routes(index, CONFIG))
    redirects = [r for r in routes if r.template == "redirect.html"]
    assert [(r.url, r.output_path, r.context["url"], r.context["canonical"]) for r in redirects] == [
        (
            "/old/one/",
            "old/one/index.html",
            "/news/2014/03/01/story-1/",
            "https://example.org/news/2014/03/01/story-1/",
        ),
        (
            "/2014/one.html",
            "2014/one.html",
            "/news/2014/03/01/story-1/",
            "https://example.org/news/2014/03/01/story-1/",
        ),
    ]
    sitemap = next(r for r in routes if r.url == "/sitemap.xml")
    assert not [e for e in sitemap.context["entries"] if "one" in e["loc"] and "story" not in e["loc"]]
    assert route_count(index, CONFIG) == len(routes)


def test_an_alias_that_is_a_page_or_another_alias_is_an_error_and_the_page_wins():
    articles = [art(1, ("/2014/", "/old/")), art(2, ("/old/", "/2014/03/01/story-1/index.html", "/fine/"))]
    index, _ = build_index(articles, url_of=ArticleUrl(CONFIG))
    assert [str(d) for d in alias_problems(index, Urls(CONFIG))] == [  # newest first: story 2 keeps /old/
        "content/story-2.md:6: error: alias /2014/03/01/story-1/index.html is the URL of the article "
        "content/story-1.md; that page is kept and no redirect is written",
        "content/story-1.md:6: error: alias /2014/ is the URL of the archive of 2014; "
        "that page is kept and no redirect is written",
        "content/story-1.md:6: error: alias /old/ is the URL of an alias of content/story-2.md; "
        "that page is kept and no redirect is written",
    ]
    routes = list(iter_routes(index, CONFIG))
    assert [r.url for r in routes if r.template == "redirect.html"] == ["/old/", "/fine/"]
    assert route_count(index, CONFIG) == len(routes)
    assert len({r.output_path for r in routes}) == len(routes)


@pytest.mark.parametrize("watcher", [True, False], ids=["watcher", "command-line"])
def test_adding_then_removing_an_alias_equals_a_clean_build(tmp_path, watcher):
    """Through the watcher's quick path (one Builder, told what changed) and the command line's (a new
    Builder each time, finding the edit from file signatures): neither takes an alias edit as page-only."""
    root = make_site(tmp_path / "site")
    config = load_config(root / "site.toml", {"jobs": 1})
    builder = Builder(config)
    builder.build()
    story = root / "content" / "2014" / "03" / "story-1.md"
    output = root / "public"
    for aliases, expected in (("[/old/story/, /2013/story.html]", True), (None, False)):
        set_front_matter(story, "aliases", aliases)
        used = builder if watcher else Builder(config)
        report = used.build(changed=[story]) if watcher else used.build()
        used.refresh_search()  # as build() and serve do after the pages
        assert report.ok, [str(d) for d in report.diagnostics]
        assert (output / "old" / "story" / "index.html").is_file() is expected
        assert (output / "2013" / "story.html").is_file() is expected
        built = comparable(output)
        built.pop(".broadsheet-manifest")
        fresh = clean_build(root)
        fresh.pop(".broadsheet-manifest")
        assert built == fresh


def test_aliases_survive_the_article_cache(tmp_path):
    root = make_site(tmp_path / "site")
    story = root / "content" / "2014" / "03" / "story-1.md"
    set_front_matter(story, "aliases", "/old/story/")
    config = load_config(root / "site.toml", {"jobs": 1})
    first = Builder(config).build()
    (root / "public" / "old" / "story" / "index.html").unlink()
    second = Builder(config).build()  # a new Builder: the articles come from the cache on disk
    assert first.ok and second.ok
    assert (root / "public" / "old" / "story" / "index.html").is_file()
    cached = ArticleCache.open(config).entries["content/2014/03/story-1.md"].article
    assert (cached.aliases, cached.aliases_line) == (("/old/story/",), 9)
