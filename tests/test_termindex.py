"""site/termindex.py and the letter scheme of site/permalinks.py: a large tag (source, author, section) index
split into the most used terms and paginated A-Z letter pages; a small one stays one page."""

from __future__ import annotations

import json
import re

from helpers import Site
from hypothesis import given, settings
from hypothesis import strategies as st
from sitekit import WORDS, make_site, set_front_matter, write_article
from test_routes import art, config, routes_for

from generator.model import Term
from generator.site.index import build_index, term_slug
from generator.site.permalinks import LETTER_FOLDER, TERMS_PER_PAGE, letter_buckets, reserved_pages, term_letter
from generator.site.routes import route_count
from generator.site.termindex import term_index_pages
from generator.site.views import Urls


def terms(*names: str, counts: dict[str, int] | None = None) -> tuple[Term, ...]:
    made = {term_slug(n): Term(n, term_slug(n), tuple(range((counts or {}).get(n, 1)))) for n in names}
    return tuple(sorted(made.values(), key=lambda t: t.slug))


def pages(found, per_page=3, top=2, base="https://example.org/"):
    return {r.url: r.context for r in term_index_pages(found, Urls(config(base)), "tags", "Tags", per_page, top)}


def test_letters_come_from_the_slug_digits_and_non_ascii_folded():
    names = ("Ärzte", "'Brexit'", "2005 election", "日本", "#hashtag", "zebra", "Ølfest", "9/11")
    buckets = dict(letter_buckets(terms(*names), per_page=3))
    assert {k: [t.name for t in v] for k, v in buckets.items()} == {
        "0-9": ["2005 election", "9/11"],
        "a": ["Ärzte"],
        "b": ["'Brexit'"],
        "h": ["#hashtag"],
        "o": ["Ølfest"],
        "r": ["日本"],
        "z": ["zebra"],
    }
    assert [term_letter(s) for s in ("abc", "0ab", "9", "-x", "")] == ["a", "0-9", "0-9", "other", "other"]


def test_a_small_index_is_one_page_of_every_term_by_name():
    found = pages(terms("beta", "Alpha", "gamma"))
    assert list(found) == ["/tags/"]
    assert [t["name"] for t in found["/tags/"]["terms"]] == ["Alpha", "beta", "gamma"]
    assert found["/tags/"]["letters"] == [] and found["/tags/"]["pagination"] is None


def test_a_large_index_shows_the_most_used_by_count_then_name_and_paginated_letters():
    names = ("apple", "avocado", "apricot", "almond", "banana", "Basil", "cherry", "1984")
    counts = {"banana": 5, "cherry": 5, "Basil": 9, "apple": 2}
    found = pages(terms(*names, counts=counts), per_page=3, top=3)
    assert list(found) == [
        "/tags/",
        f"/tags/{LETTER_FOLDER}/0-9/",
        f"/tags/{LETTER_FOLDER}/a/",
        f"/tags/{LETTER_FOLDER}/a/page/2/",
        f"/tags/{LETTER_FOLDER}/b/",
        f"/tags/{LETTER_FOLDER}/c/",
    ]
    assert [(t["name"], t["count"]) for t in found["/tags/"]["terms"]] == [("Basil", 9), ("banana", 5), ("cherry", 5)]
    a1, a2 = found["/tags/_letter/a/"], found["/tags/_letter/a/page/2/"]
    assert [t["name"] for t in a1["terms"]] == ["almond", "apple", "apricot"]
    assert [t["name"] for t in a2["terms"]] == ["avocado"]
    assert a1["pagination"] == {"current": 1, "total": 2, "previous_url": "", "next_url": "/tags/_letter/a/page/2/"}
    assert a2["page_title"] == "Tags: A (page 2)" and a2["heading"] == "Tags: A"
    nav = {n["label"]: (n["url"], n["current"]) for n in a2["letters"]}
    assert len(nav) == 27 and "Other" not in nav  # 0-9 and A-Z; "other" only when it has terms
    assert nav["A"] == ("/tags/_letter/a/", True) and nav["D"] == ("", False) and nav["0–9"][0]


def test_letter_pages_carry_canonical_and_collection_page_breadcrumbs_under_a_sub_path():
    found = pages(terms("apple", "avocado", "apricot", "almond", "banana"), base="https://example.org/news/")
    page = found["/tags/_letter/a/page/2/"]
    assert page["canonical"] == "https://example.org/news/tags/_letter/a/page/2/"
    assert page["url"] == "/news/tags/_letter/a/page/2/"
    data = json.loads(page["jsonld"])
    assert data["@type"] == "CollectionPage" and data["url"] == page["canonical"]
    assert [c["item"] for c in data["breadcrumb"]["itemListElement"]] == [
        "https://example.org/news/",
        "https://example.org/news/tags/",
        "https://example.org/news/tags/_letter/a/",
        "https://example.org/news/tags/_letter/a/page/2/",
    ]
    assert [i["url"] for i in data["mainEntity"]["itemListElement"]] == ["https://example.org/news/tags/avocado/"]


def test_no_tag_page_collides_with_the_letter_folder():
    """Tags slugged like a letter, a bucket or the folder's name keep their own pages."""
    special = ("A", "Letter", "_letter", "0-9", "Other", "Page")
    fill = tuple(f"Topic {n:03d}" for n in range(TERMS_PER_PAGE))
    articles = [art("story", "2014-03-05", tags=special + fill)]
    routes = routes_for(articles, config())
    urls = [r.url for r in routes]
    assert len(urls) == len(set(urls))
    assert {"/tags/a/", "/tags/letter/", "/tags/0-9/", "/tags/other/", "/tags/page/"} <= set(urls)
    assert {"/tags/_letter/a/", "/tags/_letter/l/", "/tags/_letter/0-9/", "/tags/_letter/t/"} <= set(urls)
    segments = {u.split("/")[2] for u in urls if u.startswith("/tags/") and u != "/tags/"}
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) for s in segments - {LETTER_FOLDER})  # slugs
    index, _ = build_index(articles)
    assert route_count(index, config()) == len(routes)
    assert {u for u in urls if u.startswith("/tags/")} <= {u for u, _, _ in reserved_pages(index, config())}
    letter_a = {r.url: r for r in routes}["/tags/_letter/a/"].context
    assert [t["url"] for t in letter_a["terms"]] == ["/tags/a/"]


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(names, min_size=4, max_size=40), st.integers(1, 5))
def test_every_term_is_on_exactly_one_letter_page(found_names, per_page):
    found = terms(*(n for n in found_names if term_slug(n)))
    shown = pages(found, per_page=per_page, top=2)
    letters = [(url, ctx) for url, ctx in shown.items() if url != "/tags/"]
    if len(found) <= per_page:
        assert letters == [] and len(shown["/tags/"]["terms"]) == len(found)
        return
    listed = [t["url"] for _, ctx in letters for t in ctx["terms"]]
    assert sorted(listed) == sorted(f"/tags/{t.slug}/" for t in found)
    for url, ctx in letters:
        assert 1 <= len(ctx["terms"]) <= per_page
        letter = url.split("/")[3]
        assert all(term_letter(t["url"].split("/")[2]) == letter for t in ctx["terms"])


def many_tag_site(root):
    """40 articles with 9 tags each of their own: 360 tags, a split index with letter pages."""
    make_site(root, count=0)
    for n in range(40):
        tags = [f"{WORDS[k]} {n}" for k in range(9)]
        write_article(root, n, f"Story {n}", 1 + n % 5, tags, f"Body {n}.")
    return root


def test_letter_pages_build_with_working_links(tmp_path, build_site):
    root = many_tag_site(tmp_path / "site")
    report = build_site(root)
    assert report.diagnostics == ()
    public = root / "public"
    letters = sorted(p.parent.name for p in (public / "tags" / "_letter").glob("*/index.html"))
    assert letters == sorted({w[0] for w in WORDS[:9]})
    site = Site(public, "http://127.0.0.1:8000/")
    assert site.check_links().broken == []
    html = (public / "tags" / "_letter" / "b" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/tags/_letter/b/" aria-current="page">B</a>' in html and "<span>D</span>" in html
    assert html.count('<li><a href="/tags/budget-') == 40 and html.count('<li><a href="/tags/') == 40 + 9
    assert '<link rel="canonical" href="http://127.0.0.1:8000/tags/_letter/b/">' in html


def test_an_edit_that_changes_no_tag_rewrites_no_tag_index_page(tmp_path, build_site):
    root = many_tag_site(tmp_path / "site")
    build_site(root)
    index_pages = {p.relative_to(root / "public").as_posix() for p in (root / "public" / "tags").glob("**/index.html")}
    index_pages = {p for p in index_pages if p == "tags/index.html" or p.startswith("tags/_letter/")}
    assert len(index_pages) == 9
    set_front_matter(root / "content" / "2014" / "03" / "story-5.md", "title", "A New Title")
    report = build_site(root)
    assert "2014/03/01/story-5/index.html" in report.write.written  # a full build: listings show titles
    assert "tags/budget-5/index.html" in report.write.written  # its tags' pages show its teaser
    assert index_pages & set(report.write.written) == set()
    assert index_pages <= set(report.write.unchanged)
    set_front_matter(root / "content" / "2014" / "03" / "story-5.md", "tags", "[budget 5, zebra crossing]")
    report = build_site(root)
    assert {"tags/_letter/z/index.html", "tags/_letter/b/index.html"} <= set(report.write.written)
    assert "tags/_letter/h/index.html" in report.write.removed or "tags/_letter/h/index.html" in (report.write.written)


def test_an_article_whose_page_would_be_a_letter_page_is_refused():
    cfg = config(permalink="/tags/_letter/{slug}/")
    tags = tuple(f"Topic {n:03d}" for n in range(TERMS_PER_PAGE + 1))
    articles = [art("t", "2014-03-05", tags=tags), art("keeps-its-page", "2014-03-04", tags=tags)]
    index, problems = build_index(articles, False, Urls(cfg).article)
    assert [(p.path, p.code) for p in problems] == [("content/t.md", "route-collision")]
    assert "collides with the tag index of 't'" in problems[0].message
    assert [a.slug for a in index.articles] == ["keeps-its-page"]
