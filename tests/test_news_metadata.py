"""News metadata (issue #11): NewsArticle JSON-LD, Open Graph and Twitter tags and the canonical link on
article pages, CollectionPage JSON-LD on listings, the inline favicon, and the base_url warnings that
`build` gives (a sub-path, for robots.txt; localhost) and `serve` does not."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import run_cli, tree
from sitekit import comparable, set_front_matter

from generator.config import load_config, publishing_warnings
from generator.devserver.livereload import BuildStatus
from generator.devserver.session import Options, Session
from generator.diagnostics import ConfigError
from generator.site.metadata import script_json

LIGHTHOUSE = "2013/12/19/lighthouse-keepers-logbooks-go-online/index.html"
LIGHTHOUSE_URL = "https://archive.example.com/2013/12/19/lighthouse-keepers-logbooks-go-online/"
ORIGINAL = "https://coastline.example.com/2013/12/19/lighthouse-logbooks"
LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def page(site: Path, rel: str) -> str:
    return (site / "public" / rel).read_text(encoding="utf-8")


def json_ld(html: str) -> dict:
    (text,) = LD.findall(html)
    return json.loads(text)


def set_setting(site: Path, line: str) -> None:
    toml = site / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_article_json_ld_has_every_field(fixture_site, build_site):
    lighthouse = fixture_site / "content/2013/12/lighthouse-keepers-logbooks-go-online.md"
    set_front_matter(lighthouse, "updated", "2013-12-20")
    set_front_matter(lighthouse, "image", "/static/logbook.jpg")
    assert build_site(fixture_site).diagnostics == ()
    assert json_ld(page(fixture_site, LIGHTHOUSE)) == {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Lighthouse Keepers' Logbooks Go Online",
        "description": "Forty years of handwritten entries from the North Spit light can now be read online.",
        "datePublished": "2013-12-19",
        "dateModified": "2013-12-20",
        "author": [{"@type": "Person", "name": "Maren Holt"}, {"@type": "Person", "name": "Tobias Wren"}],
        "publisher": {
            "@type": "Organization",
            "name": "The Eastport Courier Archive",
            "url": "https://archive.example.com/",
        },
        "isBasedOn": ORIGINAL,
        "keywords": ["Harbour", "Archives"],
        "articleSection": "culture",
        "inLanguage": "en-GB",
        "mainEntityOfPage": {"@type": "WebPage", "@id": LIGHTHOUSE_URL},
        "url": LIGHTHOUSE_URL,
        "image": "https://archive.example.com/static/logbook.jpg",
    }


def test_article_without_author_names_its_source_and_omits_what_it_lacks(fixture_site, build_site):
    build_site(fixture_site)
    ferry = json_ld(page(fixture_site, "2013/12/02/harbour-ferry-fares-frozen-for-winter/index.html"))
    assert ferry["author"] == {"@type": "Organization", "name": "The Eastport Courier"}
    assert ferry["datePublished"] == ferry["dateModified"] == "2013-12-02"
    assert not {"image", "isBasedOn"} & set(ferry)
    undated = json_ld(page(fixture_site, "undated/about-this-archive/index.html"))
    assert not {"datePublished", "dateModified", "image"} & set(undated)


def test_hostile_title_stays_inside_the_json_string(fixture_site, build_site):
    hostile = "</script><script>alert(1)</script> & <!--"
    ice = fixture_site / "content/2014/01/ice-closes-the-northern-canal.md"
    set_front_matter(ice, "title", json.dumps(hostile))
    build_site(fixture_site)
    html = page(fixture_site, "2014/01/07/ice-closes-the-northern-canal/index.html")
    (script,) = LD.findall(html)
    assert not re.search(r"[<>&]", script)
    assert "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in script
    assert json.loads(script)["headline"] == hostile
    assert "<script>alert(1)" not in html
    assert script_json({"t": "a\u2028b</"}) == '{"t": "a\\u2028b\\u003c/"}'
    # Listings show the title too; their JSON-LD names only URLs, and their HTML escapes it.
    assert "<script>alert(1)" not in page(fixture_site, "index.html")


def test_canonical_is_our_page_unless_the_site_prefers_the_original(fixture_site, build_site):
    build_site(fixture_site)
    assert f'<link rel="canonical" href="{LIGHTHOUSE_URL}">' in page(fixture_site, LIGHTHOUSE)
    set_setting(fixture_site, 'canonical = "original"')
    build_site(fixture_site)
    html = page(fixture_site, LIGHTHOUSE)
    assert f'<link rel="canonical" href="{ORIGINAL}">' in html
    assert f'<meta property="og:url" content="{ORIGINAL}">' in html
    assert json_ld(html)["mainEntityOfPage"]["@id"] == LIGHTHOUSE_URL  # the JSON-LD still describes our page
    # An article without an original URL keeps its own canonical link.
    ferry = page(fixture_site, "2013/12/02/harbour-ferry-fares-frozen-for-winter/index.html")
    assert (
        '<link rel="canonical" href="https://archive.example.com/2013/12/02/harbour-ferry-fares-frozen-for-winter/">'
        in ferry
    )


def test_canonical_setting_is_validated(fixture_site):
    set_setting(fixture_site, 'canonical = "theirs"')
    with pytest.raises(ConfigError) as caught:
        load_config(fixture_site / "site.toml")
    assert str(caught.value).endswith(': error: canonical must be "self" or "original", not \'theirs\'')


def test_open_graph_and_twitter_tags(fixture_site, build_site):
    build_site(fixture_site)
    html = page(fixture_site, LIGHTHOUSE)
    for tag in (
        '<meta property="og:type" content="article">',
        '<meta property="og:title" content="Lighthouse Keepers&#39; Logbooks Go Online">',
        f'<meta property="og:url" content="{LIGHTHOUSE_URL}">',
        '<meta property="og:site_name" content="The Eastport Courier Archive">',
        '<meta property="og:description" content="Forty years of handwritten entries from the North Spit light'
        ' can now be read online.">',
        '<meta property="article:published_time" content="2013-12-19">',
        '<meta property="article:section" content="culture">',
        '<meta property="article:tag" content="Harbour">\n<meta property="article:tag" content="Archives">',
        '<meta name="twitter:card" content="summary">',
    ):
        assert tag in html, tag
    assert "og:image" not in html  # it has no image


def test_tag_page_has_collection_page_with_breadcrumbs(fixture_site, build_site):
    build_site(fixture_site)
    data = json_ld(page(fixture_site, "tags/city-council/page/2/index.html"))
    assert (data["@type"], data["name"]) == ("CollectionPage", "Tag: City Council (page 2)")
    assert data["url"] == "https://archive.example.com/tags/city-council/page/2/"
    assert data["breadcrumb"]["@type"] == "BreadcrumbList"
    assert [(c["position"], c["name"], c["item"]) for c in data["breadcrumb"]["itemListElement"]] == [
        (1, "The Eastport Courier Archive", "https://archive.example.com/"),
        (2, "Tags", "https://archive.example.com/tags/"),
        (3, "Tag: City Council", "https://archive.example.com/tags/city-council/"),
        (4, "Page 2", "https://archive.example.com/tags/city-council/page/2/"),
    ]
    assert [item["url"] for item in data["mainEntity"]["itemListElement"]] == [
        "https://archive.example.com/2013/12/02/harbour-ferry-fares-frozen-for-winter/"
    ]
    front = json_ld(page(fixture_site, "index.html"))
    assert len(front["breadcrumb"]["itemListElement"]) == 1
    day = json_ld(page(fixture_site, "2013/12/02/index.html"))
    assert [c["name"] for c in day["breadcrumb"]["itemListElement"]][1:] == ["2013", "December 2013", "2 December 2013"]


def test_favicon_is_inline_on_every_page(fixture_site, build_site):
    build_site(fixture_site)
    pages = {rel: body.decode("utf-8") for rel, body in tree(fixture_site / "public").items() if rel.endswith(".html")}
    assert len(pages) > 30
    for rel, html in pages.items():
        assert '<link rel="icon" href="data:image/svg+xml,%3Csvg' in html, rel
        assert "favicon.ico" not in html, rel


def test_sub_path_warns_that_robots_txt_belongs_at_the_host_root(fixture_site, build_site):
    config = load_config(fixture_site / "site.toml", {"base_url": "https://example.org/news/"})
    assert [str(d) for d in publishing_warnings(config)] == [
        "site.toml:5: warning: base_url has a sub-path (/news/): robots.txt is only read at the host root "
        "(https://example.org/robots.txt); copy the Sitemap: lines of public/robots.txt into the robots.txt "
        "served there"
    ]
    build_site(fixture_site, base_url="https://example.org/news/")
    assert page(fixture_site, "robots.txt") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n"
        "Sitemap: https://example.org/news/news-sitemap.xml\n"
    )
    assert publishing_warnings(load_config(fixture_site / "site.toml")) == ()


LOCALHOST_WARNING = (
    "site.toml:5: warning: base_url points at localhost (http://127.0.0.1:8000/): canonical, sitemap and feed "
    "URLs will point at the preview server; set base_url to where the site is published\n"
)


@pytest.fixture
def local_site(fixture_site):
    toml = fixture_site / "site.toml"
    toml.write_text(toml.read_text().replace("https://archive.example.com/", "http://127.0.0.1:8000/"))
    return fixture_site


@pytest.mark.parametrize("base_url", ["http://localhost:4000/", "http://[::1]/", "http://127.0.0.2/x/"])
def test_every_loopback_address_is_localhost(fixture_site, base_url):
    config = load_config(fixture_site / "site.toml", {"base_url": base_url})
    assert "points at localhost" in publishing_warnings(config)[0].message


def test_build_warns_once_about_localhost_and_strict_fails(local_site):
    status, stdout, stderr = run_cli("build", "--jobs", "1", cwd=local_site)
    assert (status, stderr.count("localhost")) == (0, 1)
    assert stderr.startswith(LOCALHOST_WARNING)
    # A lasting config warning does not make the next build a full one: the stamp is kept, the next build
    # has nothing to do, and the warning is said again, once.
    assert (local_site / ".cache" / "build.pickle").is_file()
    status, stdout, stderr = run_cli("build", "--jobs", "1", "--quiet", cwd=local_site)
    assert (status, stderr) == (0, LOCALHOST_WARNING)
    assert re.search(r" 0 written, ", stdout), stdout
    status, _, stderr = run_cli("build", "--jobs", "1", "--quiet", "--strict", cwd=local_site)
    assert (status, stderr) == (1, LOCALHOST_WARNING)


def test_serve_builds_for_its_own_address_without_the_warning(local_site):
    config = load_config(local_site / "site.toml", {"jobs": 1})
    out, err = io.StringIO(), io.StringIO()
    session = Session(config, Options(local_site / "site.toml", {"jobs": 1}), BuildStatus(), out, err)
    session.serve_at("http://127.0.0.1:8123/")
    report = session.first_build()
    assert (report.diagnostics, err.getvalue()) == ((), "")
    assert 'href="http://127.0.0.1:8123/' in page(local_site, LIGHTHOUSE)


def test_two_builds_are_byte_identical(fixture_site, build_site, tmp_path):
    build_site(fixture_site)
    first = comparable(fixture_site / "public")
    shutil.rmtree(fixture_site / "public")
    shutil.rmtree(fixture_site / ".cache")
    build_site(fixture_site)
    assert comparable(fixture_site / "public") == first  # Pagefind's filter order aside (search_helpers)
