"""A real browser against `build.py serve`: an edit on disk shows up without a manual reload, a broken
front matter shows the error overlay over the last good page, and fixing it brings the page back; error
text that would break a script element is shown verbatim."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from test_devserver import article_text, article_url, wait_for, write_child_theme, write_site
from test_hostile_devserver import HOSTILE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--headless=new",
]
BUILD_PY = Path(__file__).resolve().parent.parent / "build.py"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


class ServeProcess:
    """`build.py serve --port 0` in a subprocess; its stderr is read on a thread to learn the URL."""

    def __init__(self, config_file: Path):
        env = {**os.environ, "BROADSHEET_NO_VENV": "1"}
        command = [sys.executable, str(BUILD_PY), "--config", str(config_file), "serve", "--port", "0", "--jobs", "1"]
        self.process = subprocess.Popen(
            command, cwd=config_file.parent, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.lines: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(stream,), daemon=True)
            for stream in (self.process.stdout, self.process.stderr)
        ]
        for reader in self.readers:
            reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def url(self) -> str:
        def serving():
            if self.process.poll() is not None:
                raise AssertionError("serve exited early:\n" + "\n".join(self.lines))
            return next((m.group(1) for line in self.lines if (m := re.match(r"Serving (\S+)", line))), None)

        return wait_for(serving, timeout=60, what="serve to start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self.readers:
            reader.join(timeout=5)


@pytest.fixture
def served(tmp_path):
    site = write_site(tmp_path / "site")
    serve = ServeProcess(site)
    try:
        yield site, serve
    finally:
        serve.stop()


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def test_live_reload_and_the_error_overlay(served, browser):
    from playwright.sync_api import expect

    site, serve = served
    url = serve.url()
    article = site.parent / "content" / "2014" / "03" / "markets-steady.md"
    page = browser.new_page()
    page.goto(url + article_url("Markets Steady", 4).lstrip("/"))
    main = page.locator("main")
    expect(main).to_contain_text("The first paragraph of markets steady.")
    overlay = page.locator("#broadsheet-errors")

    article.write_text(article_text("Markets Steady", 4, "Edited on disk, shown live."), encoding="utf-8")
    expect(main).to_contain_text("Edited on disk, shown live.", timeout=15_000)

    article.write_text(article_text("Markets Steady", 4, "Broken.").replace("date: 2014-03-04", "date: [oops"))
    expect(overlay).to_be_visible(timeout=15_000)
    error_line = re.compile(r"content/2014/03/markets-steady\.md:\d+: error: invalid YAML")
    expect(overlay).to_contain_text(error_line)
    wait_for(lambda: any(error_line.match(line) for line in serve.lines), what="the same error in the terminal")
    expect(main).to_contain_text("Edited on disk, shown live.")  # the last good page, under the overlay

    article.write_text(article_text("Markets Steady", 4, "Fixed and back."), encoding="utf-8")
    expect(main).to_contain_text("Fixed and back.", timeout=15_000)
    expect(overlay).to_have_count(0)


def hostile_template() -> str:
    """An article.html whose rendering fails with HOSTILE in the message (written with Jinja escapes)."""
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    return '{% extends "base.html" %}{% block main %}{{ "{0:' + escaped + '}".format(1) }}{% endblock %}\n'


def test_the_overlay_shows_any_error_text_verbatim_and_the_fix_reloads(tmp_path, browser):
    """Error text with <!--<script>, </script>, U+2028, quotes, backslashes and NUL: the overlay shows it
    verbatim, both over the long poll and from a freshly loaded page's script, and the fix reloads both."""
    from playwright.sync_api import expect

    site = write_site(tmp_path / "site", theme="mine")
    template = write_child_theme(site.parent, '{% extends "base.html" %}{% block main %}<p>MARK-1</p>{% endblock %}\n')
    serve = ServeProcess(site)
    try:
        overlay_then_fix(browser, serve.url() + article_url("Markets Steady", 4).lstrip("/"), template, expect)
    finally:
        serve.stop()


def overlay_then_fix(browser, url: str, template: Path, expect) -> None:
    def overlay_text(page) -> str:
        return page.evaluate("() => (document.getElementById('broadsheet-errors') || {}).textContent || ''")

    live = browser.new_page()
    live.goto(url)
    expect(live.locator("main")).to_contain_text("MARK-1")
    template.write_text(hostile_template(), encoding="utf-8")
    wait_for(lambda: HOSTILE in overlay_text(live), what="the overlay, over the long poll, with the text verbatim")
    fresh = browser.new_page()  # the error now travels in the page's own reload script
    fresh.goto(url)
    wait_for(lambda: HOSTILE in overlay_text(fresh), what="the overlay, from the injected script")
    expect(fresh.locator("main")).to_contain_text("MARK-1")  # the last good page underneath
    template.write_text('{% extends "base.html" %}{% block main %}<p>MARK-2</p>{% endblock %}\n', encoding="utf-8")
    for page in (live, fresh):
        expect(page.locator("main")).to_contain_text("MARK-2", timeout=15_000)
        expect(page.locator("#broadsheet-errors")).to_have_count(0)
