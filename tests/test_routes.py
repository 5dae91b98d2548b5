"""routes.py (PURE): the URL scheme of ARCHITECTURE.md, output paths, pagination, base paths, permalinks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.model import Article
from generator.site.index import build_index
from generator.site.routes import Urls, make_routes, paginate


def config(base_url: str = "https://example.org/", **settings) -> SiteConfig:
    return SiteConfig(base_url=base_url, root=Path("/nonexistent"), **settings)


def art(slug: str, date: str | None = None, **fields) -> Article:
    values = dict(
        path=f"content/{slug}.md",
        slug=slug,
        title=slug.title(),
        date=None,
        source="",
        authors=(),
        caption="",
        original_url="",
        section="",
        tags=(),
        summary="",
        body_key="",
    )
    values.update(fields)
    values["date"] = dt.date.fromisoformat(date) if date else None
    return Article(**values)


SMALL_SITE = [
    art(
        "crimea-talks",
        "2014-03-05",
        tags=("Crimea", "Russia"),
        source="The Moscow Times",
        authors=("Jane Roe",),
        section="world",
    ),
    art("kiev-protest", "2014-02-20", tags=("Ukraine",)),
    art("about-us"),
]


def routes_for(articles, cfg: SiteConfig):
    index, problems = build_index(articles)
    assert problems == ()
    return list(make_routes(index, cfg))


def test_url_scheme_of_a_small_site():
    routes = routes_for(SMALL_SITE, config(per_page=20))
    assert {r.url: (r.output_path, r.template) for r in routes} == {
        "/2014/03/05/crimea-talks/": ("2014/03/05/crimea-talks/index.html", "article.html"),
        "/2014/02/20/kiev-protest/": ("2014/02/20/kiev-protest/index.html", "article.html"),
        "/undated/about-us/": ("undated/about-us/index.html", "article.html"),
        "/": ("index.html", "home.html"),
        "/2014/": ("2014/index.html", "list.html"),
        "/2014/03/": ("2014/03/index.html", "list.html"),
        "/2014/02/": ("2014/02/index.html", "list.html"),
        "/2014/03/05/": ("2014/03/05/index.html", "list.html"),
        "/2014/02/20/": ("2014/02/20/index.html", "list.html"),
        "/tags/": ("tags/index.html", "terms.html"),
        "/tags/crimea/": ("tags/crimea/index.html", "list.html"),
        "/tags/russia/": ("tags/russia/index.html", "list.html"),
        "/tags/ukraine/": ("tags/ukraine/index.html", "list.html"),
        "/sources/": ("sources/index.html", "terms.html"),
        "/sources/the-moscow-times/": ("sources/the-moscow-times/index.html", "list.html"),
        "/authors/": ("authors/index.html", "terms.html"),
        "/authors/jane-roe/": ("authors/jane-roe/index.html", "list.html"),
        "/sections/": ("sections/index.html", "terms.html"),
        "/sections/world/": ("sections/world/index.html", "list.html"),
        "/undated/": ("undated/index.html", "list.html"),
        "/archive/": ("archive/index.html", "archive.html"),
        "/feed.xml": ("feed.xml", "feed.xml"),
        "/tags/crimea/feed.xml": ("tags/crimea/feed.xml", "feed.xml"),
        "/tags/russia/feed.xml": ("tags/russia/feed.xml", "feed.xml"),
        "/tags/ukraine/feed.xml": ("tags/ukraine/feed.xml", "feed.xml"),
        "/sources/the-moscow-times/feed.xml": ("sources/the-moscow-times/feed.xml", "feed.xml"),
        "/authors/jane-roe/feed.xml": ("authors/jane-roe/feed.xml", "feed.xml"),
        "/sections/world/feed.xml": ("sections/world/feed.xml", "feed.xml"),
        "/404.html": ("404.html", "404.html"),
        "/search/": ("search/index.html", "search.html"),
        "/sitemap.xml": ("sitemap.xml", "sitemap.xml"),
        "/news-sitemap.xml": ("news-sitemap.xml", "news-sitemap.xml"),
        "/robots.txt": ("robots.txt", "robots.txt"),
    }
    assert len(routes) == 33  # no URL twice
    assert [r.source for r in routes if r.template == "article.html"] == [
        "content/crimea-talks.md",
        "content/kiev-protest.md",
        "content/about-us.md",
    ]


def test_empty_site_still_has_a_front_page_archive_and_404():
    assert [r.url for r in routes_for([], config())] == [
        "/",
        "/archive/",
        "/404.html",
        "/search/",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]


@pytest.mark.parametrize(
    "count, per_page, pages, sizes",
    [
        (0, 3, ["/"], [0]),
        (1, 3, ["/"], [1]),
        (3, 3, ["/"], [3]),
        (4, 3, ["/", "/page/2/"], [3, 1]),
        (7, 3, ["/", "/page/2/", "/page/3/"], [3, 3, 1]),
        (2, 1, ["/", "/page/2/"], [1, 1]),
    ],
)
def test_pagination_edges(count, per_page, pages, sizes):
    urls = Urls(config())
    teasers = [{"n": i, "url": f"/{i}/"} for i in range(count)]  # a listing's JSON-LD names each teaser's url
    routes = list(paginate(urls, "/", "Latest", range(count), teasers, per_page, "home"))
    assert [r.url for r in routes] == pages
    assert [r.output_path for r in routes] == [Urls.output(p) for p in pages]
    assert [len(r.context["articles"]) for r in routes] == sizes
    assert [t["n"] for r in routes for t in r.context["articles"]] == list(range(count))
    assert [r.context["count"] for r in routes] == [count] * len(pages)
    nav = [
        (
            r.context["pagination"]["current"],
            r.context["pagination"]["total"],
            r.context["pagination"]["newer_url"],
            r.context["pagination"]["older_url"],
        )
        for r in routes
    ]
    assert nav == [
        (n, len(pages), pages[n - 2] if n > 1 else "", pages[n] if n < len(pages) else "")
        for n in range(1, len(pages) + 1)
    ]
    assert [r.context["page_title"] for r in routes] == ["Latest"] + [
        f"Latest (page {n})" for n in range(2, len(pages) + 1)
    ]


def test_listings_paginate_under_their_own_path():
    articles = [art(f"s{i}", f"2014-03-{i + 1:02d}", tags=("Crimea",)) for i in range(5)]
    urls = {r.url for r in routes_for(articles, config(per_page=2))}
    for listing in ("/", "/2014/", "/2014/03/", "/tags/crimea/"):
        assert {listing, f"{listing}page/2/", f"{listing}page/3/"} <= urls
        assert f"{listing}page/4/" not in urls
    assert "/2014/03/01/page/2/" not in urls


@pytest.mark.parametrize(
    "base_url, base",
    [
        ("https://example.org/", "/"),
        ("https://example.org/news/", "/news/"),
        ("https://example.org/news", "/news/"),
        ("http://localhost:8000/a/b/", "/a/b/"),
    ],
)
def test_every_link_in_every_context_is_under_the_base_path(base_url, base):
    routes = routes_for(SMALL_SITE, config(base_url, per_page=1))
    origin = base_url.split("/", 3)[:3]
    links = [
        value
        for route in routes
        for key, value in _walk(route.context)
        if key.endswith("url") and value and key != "original_url" and key != "sitemap_url"
    ]
    assert len(links) > 50
    assert [link for link in links if not link.startswith(base)] == []
    absolute = [
        value for route in routes for key, value in _walk(route.context) if key in ("canonical", "loc", "sitemap_url")
    ]
    assert [a for a in absolute if not a.startswith("/".join(origin) + base)] == []
    # Route URLs and output paths do not depend on the base path.
    assert [(r.url, r.output_path) for r in routes] == [
        (r.url, r.output_path) for r in routes_for(SMALL_SITE, config(per_page=1))
    ]


def _walk(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, k)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v, key)
    elif isinstance(value, str):
        yield key, value


@pytest.mark.parametrize(
    "permalink, date, section, url, output",
    [
        ("/{year}/{month}/{day}/{slug}/", "2014-03-05", "", "/2014/03/05/s/", "2014/03/05/s/index.html"),
        ("/{year}/{slug}/", "2014-03-05", "", "/2014/s/", "2014/s/index.html"),
        ("/{year}/{month}/{slug}.html", "2014-03-05", "", "/2014/03/s.html", "2014/03/s.html"),
        ("/{section}/{slug}/", "2014-03-05", "world", "/world/s/", "world/s/index.html"),
        ("/{section}/{slug}/", "2014-03-05", "", "/news/s/", "news/s/index.html"),
        ("/{slug}/", "0999-01-02", "", "/s/", "s/index.html"),
        ("/{year}/{month}/{day}/{slug}/", "0999-01-02", "", "/0999/01/02/s/", "0999/01/02/s/index.html"),
        ("/{year}/{slug}/", None, "", "/undated/s/", "undated/s/index.html"),
    ],
)
def test_permalink_pattern(permalink, date, section, url, output):
    cfg = config("https://example.org/news/", permalink=permalink)
    article = art("s", date, section=section)
    urls = Urls(cfg)
    assert urls.article(article) == url
    assert Urls.output(url) == output
    route = [r for r in routes_for([article], cfg) if r.template == "article.html"][0]
    assert (route.url, route.output_path, route.context["url"]) == (url, output, "/news" + url)
    assert route.context["canonical"] == "https://example.org/news" + url


@pytest.mark.parametrize(
    "path, link, absolute, output",
    [
        ("/", "/news/", "https://example.org/news/", "index.html"),
        ("/2014/", "/news/2014/", "https://example.org/news/2014/", "2014/index.html"),
        ("/404.html", "/news/404.html", "https://example.org/news/404.html", "404.html"),
        (
            "/tags/crimea/page/2/",
            "/news/tags/crimea/page/2/",
            "https://example.org/news/tags/crimea/page/2/",
            "tags/crimea/page/2/index.html",
        ),
    ],
)
def test_urls_link_absolute_and_output(path, link, absolute, output):
    urls = Urls(config("https://example.org/news/"))
    assert (urls.link(path), urls.absolute(path), urls.output(path)) == (link, absolute, output)


def test_article_context_links_its_neighbours_terms_and_dates():
    routes = routes_for(SMALL_SITE, config("https://example.org/news/"))
    page = {r.url: r.context for r in routes}["/2014/03/05/crimea-talks/"]
    assert page["newer"] is None
    assert page["older"] == {"title": "Kiev-Protest", "url": "/news/2014/02/20/kiev-protest/"}
    assert page["tags"] == [
        {"name": "Crimea", "url": "/news/tags/crimea/"},
        {"name": "Russia", "url": "/news/tags/russia/"},
    ]
    assert page["source"] == {"name": "The Moscow Times", "url": "/news/sources/the-moscow-times/"}
    assert page["authors"] == [{"name": "Jane Roe", "url": "/news/authors/jane-roe/"}]
    assert page["section"] == {"name": "world", "url": "/news/sections/world/"}
    assert (page["date"], page["date_iso"], page["day_url"], page["month_url"]) == (
        "5 March 2014",
        "2014-03-05",
        "/news/2014/03/05/",
        "/news/2014/03/",
    )
    undated = {r.url: r.context for r in routes}["/undated/about-us/"]
    assert (undated["date"], undated["day_url"], undated["month_url"], undated["newer"]["title"], undated["older"]) == (
        "",
        "",
        "",
        "Kiev-Protest",
        None,
    )


def test_date_pages_link_up_and_down():
    routes = routes_for(SMALL_SITE, config())
    pages = {r.url: r.context for r in routes}
    assert pages["/2014/"]["period"] == {
        "up": [],
        "down": [
            {"name": "February", "url": "/2014/02/", "count": 1},
            {"name": "March", "url": "/2014/03/", "count": 1},
        ],
    }
    assert pages["/2014/03/"]["period"] == {
        "up": [{"name": "2014", "url": "/2014/"}],
        "down": [{"name": "5", "url": "/2014/03/05/", "count": 1}],
    }
    assert pages["/2014/03/05/"]["period"] == {
        "up": [{"name": "2014", "url": "/2014/"}, {"name": "March 2014", "url": "/2014/03/"}],
        "down": [],
    }
    assert [p["heading"] for p in (pages["/2014/"], pages["/2014/03/"], pages["/2014/03/05/"])] == [
        "2014",
        "March 2014",
        "5 March 2014",
    ]


def test_archive_overview_counts_years_and_months():
    pages = {r.url: r.context for r in routes_for(SMALL_SITE, config())}
    archive = pages["/archive/"]
    assert archive["total"] == 3
    assert archive["years"] == [
        {
            "name": "2014",
            "url": "/2014/",
            "count": 2,
            "months": [
                {"name": "February", "url": "/2014/02/", "count": 1},
                {"name": "March", "url": "/2014/03/", "count": 1},
            ],
        }
    ]
    assert archive["undated"] == {"url": "/undated/", "count": 1}


def test_sitemap_lists_every_html_page_but_404_with_article_dates():
    routes = routes_for(SMALL_SITE, config("https://example.org/news/"))
    entries = {r.url: r.context for r in routes}["/sitemap.xml"]["entries"]
    html = [r.url for r in routes if r.output_path.endswith(".html") and r.url not in ("/404.html", "/search/")]
    assert [e["loc"] for e in entries] == ["https://example.org/news" + u for u in sorted(html)]
    assert {e["loc"]: e["lastmod"] for e in entries if e["lastmod"]} == {
        "https://example.org/news/2014/03/05/crimea-talks/": "2014-03-05",
        "https://example.org/news/2014/02/20/kiev-protest/": "2014-02-20",
    }
