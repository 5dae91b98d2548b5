"""The fixture site (tests/fixtures/site) built and compared byte for byte with tests/golden/site/.

After an intended change to the output, run `pytest tests/test_golden_site.py --update-golden`
and review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import difflib
import re
import shutil

import pytest
from helpers import GOLDEN, REPO, Site, tree

GOLDEN_SITE = GOLDEN / "site"
MANIFEST = ".broadsheet-manifest"
BASE_URL = "https://archive.example.com/"
MAX_GOLDEN_FILES = 70  # 13 of them feeds


def _first_difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    for rel in sorted(expected):
        if expected[rel] != actual[rel]:
            diff = difflib.unified_diff(
                expected[rel].decode("utf-8", "replace").splitlines(keepends=True),
                actual[rel].decode("utf-8", "replace").splitlines(keepends=True),
                fromfile=f"golden/site/{rel}",
                tofile=f"built/{rel}",
            )
            return f"{rel} differs from the golden copy (rerun with --update-golden if intended):\n" + "".join(diff)
    return ""


def _pages(root) -> dict[str, bytes]:
    """The built site but its search index (pagefind/: compressed, not byte-identical from build to build,
    and checked by tests/test_search.py), also left out of the manifest."""
    pages = {rel: data for rel, data in tree(root).items() if not rel.startswith("pagefind/")}
    if MANIFEST in pages:
        lines = pages[MANIFEST].decode("utf-8").splitlines(keepends=True)
        pages[MANIFEST] = "".join(line for line in lines if not line.startswith("pagefind/")).encode("utf-8")
    return pages


def test_fixture_site_matches_golden_output(fixture_site, build_site, update_golden):
    report = build_site(fixture_site)
    assert [str(d) for d in report.diagnostics] == []
    built = _pages(fixture_site / "public")
    if update_golden:
        shutil.rmtree(GOLDEN_SITE, ignore_errors=True)
        shutil.copytree(fixture_site / "public", GOLDEN_SITE, ignore=shutil.ignore_patterns("pagefind"))
        (GOLDEN_SITE / MANIFEST).write_bytes(built[MANIFEST])
    golden = _pages(GOLDEN_SITE)
    assert (sorted(set(golden) - set(built)), sorted(set(built) - set(golden))) == ([], []), (
        "(missing, unexpected) files compared with tests/golden/site/"
    )
    difference = _first_difference(golden, built)
    if difference:
        pytest.fail(difference, pytrace=False)


def test_golden_tree_stays_small():
    assert 0 < len(tree(GOLDEN_SITE)) <= MAX_GOLDEN_FILES


def test_default_theme_builds_fixture_site_without_diagnostics(fixture_site, build_site):
    report = build_site(fixture_site, theme="default")
    assert report.diagnostics == ()
    assert report.articles == 7  # the draft is left out
    front = (fixture_site / "public" / "index.html").read_text(encoding="utf-8")
    assert 'class="teasers"' in front and "from-test-theme" not in front


def test_fixture_theme_overrides_one_template_and_inherits_the_rest(fixture_site, build_site):
    build_site(fixture_site)
    front = (fixture_site / "public" / "index.html").read_text(encoding="utf-8")
    assert '<ol class="teasers from-test-theme">' in front  # the child's partial
    assert '<header class="masthead">' in front  # the parent's base.html
    assert (fixture_site / "public" / "static" / "style.css").read_bytes() == (
        REPO / "themes" / "default" / "static" / "style.css"
    ).read_bytes()  # the parent's static files


def test_second_build_writes_nothing(fixture_site, build_site):
    first = build_site(fixture_site)
    output = fixture_site / "public"
    stamps = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    second = build_site(fixture_site)
    assert len(first.write.written) == first.pages == 67
    assert second.write.written == ()
    assert second.write.removed == ()
    assert len(second.write.unchanged) == second.pages == 67
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == stamps


@pytest.mark.parametrize(
    "base_url, base_path",
    [
        ("https://example.org/news/", "/news/"),
        ("https://example.org/a/b/", "/a/b/"),
        (BASE_URL, "/"),
    ],
)
def test_every_internal_link_resolves_under_the_base_path(fixture_site, build_site, base_url, base_path):
    report = build_site(fixture_site, base_url=base_url)
    assert report.diagnostics == ()
    site = Site(fixture_site / "public", base_url)
    links = site.check_links()
    assert links.pages == 49  # every .html file
    assert links.broken == []
    rooted = [(page, link.value) for page, link in _all_links(site) if link.value.startswith("/")]
    assert rooted and [(p, v) for p, v in rooted if not v.startswith(base_path)] == []
    # The only links to other hosts are plain <a> links to an article's original.
    assert {(link.tag, link.value) for _, link in links.external} == {
        ("a", "https://coastline.example.com/2013/12/19/lighthouse-logbooks")
    }


def test_sitemap_and_robots_point_at_pages_that_exist(fixture_site, build_site):
    base_url = "https://example.org/news/"
    build_site(fixture_site, base_url=base_url)
    site = Site(fixture_site / "public", base_url)
    sitemap = (fixture_site / "public" / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locs) == 46  # every page but 404.html and the redirect page of an alias
    origin = "https://example.org"
    assert [loc for loc in locs if not loc.startswith(base_url) or site.file_for(loc[len(origin) :]) is None] == []
    robots = (fixture_site / "public" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.org/news/sitemap.xml\n" in robots


def test_every_page_is_reachable_from_the_front_page(fixture_site, build_site):
    build_site(fixture_site)
    site = Site(fixture_site / "public", BASE_URL)
    reached = site.reach("/")
    pages = {site.url_of(p) for p in site.html_files()} - {"/404.html", "/2014/zurich-quartet.html"}  # and an alias
    assert sorted(pages - reached) == []


def _all_links(site: Site):
    for path in site.html_files():
        page = site.page(site.url_of(path))
        for link in page.links:
            yield page.url, link
