"""The quick path's rule is derived, not listed: an edit is page-only when every other page sees the old and
the new article alike (views.seen_elsewhere), and that is exactly when every other page's inputs stay the same.

Every field of Article is changed in turn, through the real routes: no list of page-only fields is kept here
or anywhere, so a new field, or a field a teaser starts to show, is checked without touching this file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sitekit import clean_build, comparable, make_site, set_front_matter, show_extra_fields

from generator.config import SiteConfig, load_config
from generator.diagnostics import warning
from generator.model import Article
from generator.pipeline import Builder, build
from generator.site.index import build_index
from generator.site.permalinks import ArticleUrl
from generator.site.routes import iter_routes
from generator.site.views import Seen, SeenElsewhere, Urls, seen_elsewhere, site_context

CONFIG = SiteConfig(base_url="https://example.org/news/", root=Path("/nonexistent"), per_page=2)


def art(n: int, day: int, **fields: Any) -> Article:
    values: dict[str, Any] = dict(
        path=f"content/story-{n}.md",
        slug=f"story-{n}",
        title=f"Story {n}",
        date=dt.date(2014, 3, day),
        source="The Daily Test",
        authors=("Ann Writer",),
        caption=f"A photo for story {n}.",
        original_url=f"https://example.com/{n}",
        section="world",
        tags=("Europe", "Economy") if n % 2 else ("Europe",),
        summary=f"Summary of story {n}.",
        body_key=f"key-{n}",
        extra=(("series", "Winter"),),
        slug_line=4,
    )
    return Article(**{**values, **fields})


SITE = [art(1, 7), art(2, 5), art(3, 5), art(4, 2)]
EDITED = 1  # story 2: it has a neighbour on either side, and shares its day with story 3


def changed(name: str, value: Any) -> Any:
    """Another value of the same kind, for any field of Article."""
    if name == "warnings":
        return (*value, warning("content/story-2.md", 9, "body-too-deep", "nested too deep"))
    if value is None:  # a line not given (aliases_line)
        return 5
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + "-changed"
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=1)
    if isinstance(value, tuple):
        return (*value, ("desk", "Foreign") if value and isinstance(value[0], tuple) else "Changed")
    raise AssertionError(f"teach changed() a value for the Article field {name!r}: {value!r}")


def edits() -> list[tuple[str, Article]]:
    old = SITE[EDITED]
    return [
        (f.name, dataclasses.replace(old, **{f.name: changed(f.name, getattr(old, f.name))}))
        for f in dataclasses.fields(Article)
    ]


def everything_but_its_page(articles: list[Article], own: set[str], seen: SeenElsewhere) -> tuple:
    """All the inputs of every page but the edited article's own, and what a full build reports."""
    index, problems = build_index(articles, url_of=ArticleUrl(CONFIG))
    pages = [(r.url, r.output_path, r.template, r.context, r.source) for r in iter_routes(index, CONFIG, seen)]
    others = [page for page in pages if page[4] not in own]
    return others, site_context(index, CONFIG), problems, [w for a in articles for w in a.warnings]


def with_caption(article: Article, urls: Urls) -> Seen:
    """A wider view: a teaser that shows the caption too, as a theme might want."""
    view = seen_elsewhere(article, urls)
    return dataclasses.replace(view, teaser={**view.teaser, "caption": article.caption})


def page_only_fields(seen: SeenElsewhere) -> set[str]:
    """The fields whose edit the view finds page-only, each checked against every other page's inputs."""
    urls, old = Urls(CONFIG), SITE[EDITED]
    found = set()
    for name, new in edits():
        if seen(old, urls) != seen(new, urls):
            continue
        found.add(name)
        after = [*SITE[:EDITED], new, *SITE[EDITED + 1 :]]
        own = {old.path, new.path}
        assert everything_but_its_page(after, own, seen) == everything_but_its_page(SITE, own, seen), name
    return found


def test_an_edit_the_view_calls_page_only_changes_no_other_page():
    """Sound: whatever the view calls page-only leaves every other page's inputs as they were. The fields it
    finds are the ones the article page alone shows (and its body)."""
    assert page_only_fields(seen_elsewhere) == {"body_key", "caption", "original_url", "extra"}


def test_a_teaser_that_shows_the_caption_makes_the_caption_shared():
    """The same routes with a view whose teaser shows the caption: the listings now show it, and a caption
    edit is no longer page-only, with no list to update."""
    index, _ = build_index(SITE, url_of=ArticleUrl(CONFIG))
    home = next(r for r in iter_routes(index, CONFIG, with_caption) if r.url == "/")
    assert [t["caption"] for t in home.context["articles"]] == ["A photo for story 1.", "A photo for story 2."]
    assert page_only_fields(with_caption) == {"body_key", "original_url", "extra"}


def test_every_page_but_its_own_sees_an_article_only_through_its_view():
    """Each listing's teasers are the view's own teaser dicts, and the neighbours' links are made from the
    view: no other page is handed anything of the Article."""
    urls = Urls(CONFIG)
    index, _ = build_index(SITE, url_of=ArticleUrl(CONFIG))
    views = {seen_elsewhere(a, urls).teaser["url"]: seen_elsewhere(a, urls) for a in index.articles}
    for route in iter_routes(index, CONFIG):
        for teaser in route.context.get("articles", []):
            assert teaser == views[teaser["url"]].teaser
        for side in ("newer", "older"):
            if route.context.get(side):
                assert route.context[side] == views[route.context[side]["url"]].link()


def test_a_listing_template_cannot_read_more_than_the_teaser(tmp_path):
    make_site(tmp_path)
    partial = tmp_path / "themes" / "local" / "templates" / "partials" / "teaser.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("<li>{{ item.title }} {{ item.caption }}</li>\n")
    report = build(load_config(tmp_path / "site.toml", {"jobs": 1}), with_import=False)
    assert {(d.path, d.code) for d in report.diagnostics} == {
        ("themes/local/templates/partials/teaser.html", "template-error")
    }
    assert all("caption" in d.message for d in report.diagnostics)


STORY = "content/2014/03/story-2.md"
PAGE = "2014/03/03/story-2/index.html"
QUICK_EDITS = [
    ("caption", "A photo of the harbour."),
    ("original_url", "https://example.org/harbour"),
    ("series", "Winter"),  # an extra field, one the loader does not know
]


@pytest.mark.parametrize("key, value", QUICK_EDITS)
def test_a_page_only_edit_renders_one_page_in_the_watcher(tmp_path, key, value):
    make_site(tmp_path)
    show_extra_fields(tmp_path)
    builder = Builder(load_config(tmp_path / "site.toml", {"jobs": 1}))
    builder.build(with_import=False)
    set_front_matter(tmp_path / STORY, key, value)
    report = builder.build(changed=[tmp_path / STORY])
    assert report.write.written == (PAGE,)
    assert value in (tmp_path / "public" / PAGE).read_text()
    assert builder.refresh_search().reindexed == ("2014-03",)  # as serve does after the reload
    assert comparable(tmp_path / "public") == clean_build(tmp_path)


@pytest.mark.parametrize("key, value", QUICK_EDITS)
def test_a_page_only_edit_renders_one_page_from_the_command_line(tmp_path, key, value):
    make_site(tmp_path)
    show_extra_fields(tmp_path)
    build(load_config(tmp_path / "site.toml", {"jobs": 1}), with_import=False)
    set_front_matter(tmp_path / STORY, key, value)
    report = build(load_config(tmp_path / "site.toml", {"jobs": 1}), with_import=False)
    assert report.write.written == (PAGE,)
    assert comparable(tmp_path / "public") == clean_build(tmp_path)


def test_a_summary_edit_is_shown_on_the_listings_so_it_is_a_full_build(tmp_path):
    make_site(tmp_path)
    builder = Builder(load_config(tmp_path / "site.toml", {"jobs": 1}))
    builder.build(with_import=False)
    set_front_matter(tmp_path / STORY, "summary", "A new summary.")
    report = builder.build(changed=[tmp_path / STORY])
    assert {PAGE, "2014/03/03/index.html", "tags/sport/index.html"} <= set(report.write.written)  # its day, its tag
    builder.refresh_search()
    assert comparable(tmp_path / "public") == clean_build(tmp_path)
