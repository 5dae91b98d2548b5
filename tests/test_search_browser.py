"""The search page in a real browser (Chromium through Playwright), over a real HTTP server: the fixture
site is built, its output folder served as it would be published, and a reader searches it."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest
from test_browser import CHROMIUM, CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture
def published(fixture_site, build_site):
    """The built fixture site served from its output folder; yields the server's base URL."""
    report = build_site(fixture_site)
    assert report.diagnostics == ()
    handler = functools.partial(_Quiet, directory=str(Path(fixture_site) / "public"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium.new_page()
        finally:
            chromium.close()


def test_a_word_in_one_article_finds_it_first_and_its_link_opens_it(published, page):
    from playwright.sync_api import expect

    page.goto(published + "/")
    page.fill("#site-search-q", "residence")  # the masthead form: a plain GET to /search/?q=
    page.click(".site-search button")
    page.wait_for_url("**/search/?q=residence")
    expect(page.locator("#search-nojs")).to_be_hidden()
    results = page.locator("#search-results > li")
    expect(results).to_have_count(1, timeout=15_000)
    first = results.first
    expect(first.locator("h2 a")).to_have_text("Lighthouse Keepers' Logbooks Go Online")
    expect(first.locator(".facts")).to_have_text("19 December 2013 · Coastline Weekly")
    expect(first.locator(".excerpt mark")).to_have_text("residence")
    expect(page.locator("#search-status")).to_have_text("1 article found.")
    first.locator("h2 a").click()
    page.wait_for_url("**/2013/12/19/lighthouse-keepers-logbooks-go-online/")
    expect(page.locator("article h1")).to_have_text("Lighthouse Keepers' Logbooks Go Online")


def test_typing_on_the_search_page_and_filtering_by_year_and_section(published, page):
    from playwright.sync_api import expect

    page.goto(published + "/search/")
    expect(page.locator(".search-tools")).to_be_visible(timeout=15_000)
    page.fill("#search-q", "the")
    titles = page.locator("#search-results > li h2 a")
    expect(titles).to_have_count(7, timeout=15_000)  # every published article, the undated one too
    page.select_option("#search-year", "2013")
    expect(titles).to_have_count(3)
    page.select_option("#search-section", "Culture")
    expect(titles).to_have_text(["Lighthouse Keepers' Logbooks Go Online"])
    assert page.url.endswith("/search/?q=the&section=Culture&year=2013")
    page.select_option("#search-section", "")
    page.select_option("#search-year", "")
    page.select_option("#search-sort", "desc")  # newest first, by the date Pagefind sorts on
    dates = page.locator("#search-results > li .facts")
    expect(titles).to_have_count(7)
    shown = [text.split(" · ")[0] for text in dates.all_inner_texts()]
    assert shown[:2] == ["21 January 2014", "7 January 2014"]
