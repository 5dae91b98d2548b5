"""One invalid input at a time (tests/fixtures/invalid/), dropped into a site with two good articles.

Each must be reported as exactly one `path:line: error: message` line; the good articles still
build, and the exit status is 1. A broken template (tests/fixtures/invalid/themes/, one theme per
case) is one line however many pages it broke, and the pages it does not make still build. A broken
theme.toml stops the build before any page (exit status 2), like a broken site.toml.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import FIXTURES, REPO, run_cli

INVALID = FIXTURES / "invalid"
GOOD_PAGES = ("2014/01/10/tide-gauge-repaired-at-last/index.html", "2014/01/11/market-hall-roof-finished/index.html")
SUMMARY = re.compile(r"^Built \d+ files from \d+ articles?: \d+ written, \d+ unchanged, \d+ removed in \d+\.\d\d s$")


# (case, files from tests/fixtures/invalid/content/, the one error line expected)
CASES = [
    pytest.param(
        "bad-yaml",
        ["bad-yaml.md"],
        "content/2014/01/bad-yaml.md:5: error: invalid YAML: mapping values are not allowed in this context",
        id="bad-yaml",
    ),
    pytest.param(
        "missing-title",
        ["missing-title.md"],
        "content/2014/01/missing-title.md:1: error: missing title: every article needs `title:`",
        id="missing-title",
    ),
    pytest.param(
        "bad-date",
        ["bad-date.md"],
        "content/2014/01/bad-date.md:3: error: date must be an ISO date such as 2014-03-05, not 'the fifth of January'",
        id="bad-date",
    ),
    pytest.param(
        "impossible-date",
        ["impossible-date.md"],
        "content/2014/01/impossible-date.md:3: error: date must be an ISO date such as 2014-03-05, not '2014-02-30'",
        id="impossible-date",
    ),
    pytest.param(
        "bad-slug",
        ["bad-slug.md"],
        "content/2014/01/bad-slug.md:4: error: slug 'Fish_Market' must be lower-case ASCII words joined by hyphens",
        id="bad-slug",
    ),
    pytest.param(
        "tags-not-a-list",
        ["tags-not-a-list.md"],
        "content/2014/01/tags-not-a-list.md:5: error: tags must be a list of names, such as [Crimea, Russia]",
        id="tags-not-a-list",
    ),
    pytest.param(
        "bad-original-url",
        ["bad-original-url.md"],
        "content/2014/01/bad-original-url.md:6: error: original_url must be an http(s) URL, "
        "not 'coastline.example.com/swimming-club'",
        id="bad-original-url",
    ),
    pytest.param(
        "not-utf8",
        ["not-utf8.md"],
        "content/2014/01/not-utf8.md:8: error: not UTF-8 text (invalid continuation byte at byte 127)",
        id="not-utf8",
    ),
    pytest.param(
        "no-front-matter",
        ["no-front-matter.md"],
        "content/2014/01/no-front-matter.md:1: error: the file must start with a `---` front-matter block",
        id="no-front-matter",
    ),
    pytest.param(
        "duplicate-slug",
        ["duplicate-slug-1.md", "duplicate-slug-2.md"],
        "content/2014/01/duplicate-slug-2.md:4: error: slug 'ferry-fares-rise' on 2014-01-14 is already "
        "used by content/2014/01/duplicate-slug-1.md",
        id="duplicate-slug",
    ),
    pytest.param(
        "aliases-not-a-list",
        ["aliases-not-a-list.md"],
        "content/2014/01/aliases-not-a-list.md:5: error: aliases must be a URL path or a list of them, "
        "such as [/old/path/, /2014/old.html]",
        id="aliases-not-a-list",
    ),
    pytest.param(
        "alias-relative",
        ["alias-relative.md"],
        "content/2014/01/alias-relative.md:5: error: alias 'old/survey/' must start with /, as a path of the "
        "site such as /old/path/",
        id="alias-relative",
    ),
    pytest.param(
        "alias-dot-dot",
        ["alias-dot-dot.md"],
        "content/2014/01/alias-dot-dot.md:5: error: alias '/old/../../etc/' must not have empty, . or .. segments",
        id="alias-dot-dot",
    ),
    pytest.param(
        "alias-not-a-page",
        ["alias-not-a-page.md"],
        "content/2014/01/alias-not-a-page.md:5: error: alias '/feed.xml' must name a page: end with / or .html",
        id="alias-not-a-page",
    ),
    pytest.param(
        "alias-control-character",
        ["alias-control-character.md"],
        "content/2014/01/alias-control-character.md:5: error: aliases contains the control character U+0007; remove it",
        id="alias-control-character",
    ),
    pytest.param(
        "alias-collision",
        ["alias-collision.md"],
        "content/2014/01/alias-collision.md:5: error: alias /2014/01/10/tide-gauge-repaired-at-last/ is the URL "
        "of the article content/2014/01/first-good-story.md; that page is kept and no redirect is written",
        id="alias-collision",
    ),
    pytest.param(
        "bad-template",
        [],
        "themes/broken/templates/404.html:3: error: Encountered unknown tag 'frobnicate'. Jinja was looking "
        "for the following tags: 'endblock'. The innermost block that needs to be closed is 'block'. "
        "(while rendering /404.html)",
        id="bad-template",
    ),
]
CASE_FILES = {p.values[0]: p.values[1] for p in CASES}
DEFAULT_TEMPLATES = "{repo}/themes/default/templates"

# (case: a theme in tests/fixtures/invalid/themes/, the one error line expected, whether the articles still build)
TEMPLATE_CASES = [
    pytest.param(
        "template-syntax",
        "themes/template-syntax/templates/article.html:4: error: unexpected '}' (broke 2 pages)",
        False,
        id="template-syntax",
    ),
    pytest.param(
        "missing-parent-template",
        "themes/missing-parent-template/templates/404.html:2: error: template "
        "'layouts/wide.html' not found in themes/missing-parent-template/templates, "
        f"{DEFAULT_TEMPLATES} (while rendering /404.html)",
        True,
        id="missing-parent-template",
    ),
    pytest.param(
        "missing-include",
        "themes/missing-include/templates/archive.html:4: error: template "
        f"'partials/years.html' not found in themes/missing-include/templates, {DEFAULT_TEMPLATES} "
        "(while rendering /archive/)",
        True,
        id="missing-include",
    ),
    pytest.param(
        "undefined-variable",
        "themes/undefined-variable/templates/terms.html:4: error: UndefinedError: "
        "'dict object' has no attribute 'introduction' (broke 2 pages)",
        True,
        id="undefined-variable",
    ),
    pytest.param(
        "filter-error",
        "themes/filter-error/templates/home.html:3: error: ValueError: invalid width 0 "
        "(must be > 0) (while rendering /)",
        True,
        id="filter-error",
    ),
]
# (case: a theme in tests/fixtures/invalid/themes/ with a broken theme.toml, the one error line expected)
THEME_TOML_CASES = [
    pytest.param(
        "theme-syntax",
        "themes/theme-syntax/theme.toml:3: error: invalid TOML: Illegal character '\\n' (at line 3, column 19)",
        id="theme-syntax",
    ),
    pytest.param(
        "theme-unknown-key",
        "themes/theme-unknown-key/theme.toml:4: error: unknown key 'layout'; allowed keys: name, extends",
        id="theme-unknown-key",
    ),
    pytest.param(
        "theme-wrong-type",
        "themes/theme-wrong-type/theme.toml:3: error: extends must be a string, not list ['default']",
        id="theme-wrong-type",
    ),
    pytest.param(
        "theme-missing-parent",
        "themes/theme-missing-parent/theme.toml:2: error: theme 'no-such-theme' "
        "not found in {site}/themes or {repo}/themes",
        id="theme-missing-parent",
    ),
    pytest.param(
        "theme-cycle",
        "themes/theme-cycle-partner/theme.toml:2: error: theme 'theme-cycle' extends "
        "itself: theme-cycle -> theme-cycle-partner -> theme-cycle",
        id="theme-cycle",
    ),
]
THEME_CASES = {p.values[0] for p in TEMPLATE_CASES + THEME_TOML_CASES}


def make_site(root: Path, files: list[str], broken_theme: bool = False, theme: str = "") -> Path:
    """The invalid-inputs site with the good articles and the given bad files in content/2014/01/;
    with `theme`, every theme of tests/fixtures/invalid/themes/ is there and the site uses that one."""
    content = root / "content" / "2014" / "01"
    content.mkdir(parents=True)
    config = (INVALID / "site.toml").read_text(encoding="utf-8")
    if broken_theme:
        shutil.copytree(INVALID / "theme", root / "themes" / "broken")
        config = config.replace('theme = "default"', 'theme = "broken"')
    if theme:
        shutil.copytree(INVALID / "themes", root / "themes")
        config = config.replace('theme = "default"', f'theme = "{theme}"')
    (root / "site.toml").write_text(config, encoding="utf-8")
    for good in sorted((INVALID / "good").iterdir()):
        shutil.copy(good, content / good.name)
    for name in files:
        shutil.copy(INVALID / "content" / name, content / name)
    return root


_RUNS: dict[str, tuple[Path, int, str, str]] = {}


@pytest.fixture(scope="module")
def built_case(tmp_path_factory):
    """Build each case once, in a subprocess, and keep (site, exit status, stdout, stderr)."""

    def run(case: str) -> tuple[Path, int, str, str]:
        if case not in _RUNS:
            site = make_site(
                tmp_path_factory.mktemp(case),
                CASE_FILES.get(case, []),
                broken_theme=case == "bad-template",
                theme=case if case in THEME_CASES else "",
            )
            _RUNS[case] = (site, *run_cli("build", cwd=site))
        return _RUNS[case]

    return run


def filled(expected: str, site: Path | None = None) -> str:
    """An expected line with {repo} (and {site}) replaced by the folders of this run."""
    return expected.replace("{repo}", str(REPO)).replace("{site}", str(site))


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def test_every_content_fixture_is_used():
    used = {name for files in CASE_FILES.values() for name in files}
    assert used == {p.name for p in (INVALID / "content").iterdir()}


@pytest.mark.parametrize("case, files, expected", CASES)
def test_error_is_reported_as_one_exact_line(built_case, case, files, expected):
    _, _, _, stderr = built_case(case)
    assert error_lines(stderr) == [expected]


@pytest.mark.parametrize("case", list(CASE_FILES))
def test_other_articles_still_build_and_exit_status_is_1(built_case, case):
    site, status, stdout, stderr = built_case(case)
    assert status == 1, stderr
    assert len(error_lines(stderr)) == 1
    for page in GOOD_PAGES:
        assert "<h1>" in (site / "public" / page).read_text(encoding="utf-8")
    assert [line for line in stdout.splitlines() if SUMMARY.match(line)] == stdout.splitlines()[-1:]


def test_every_theme_fixture_is_used():
    assert THEME_CASES | {"theme-cycle-partner"} == {p.name for p in (INVALID / "themes").iterdir()}


@pytest.mark.parametrize("case, expected, articles_build", TEMPLATE_CASES)
def test_template_error_is_one_exact_line_and_the_other_pages_build(built_case, case, expected, articles_build):
    site, status, stdout, stderr = built_case(case)
    assert error_lines(stderr) == [filled(expected)]
    assert status == 1 and "Traceback" not in stderr
    for page in ("robots.txt", "sitemap.xml") + (GOOD_PAGES if articles_build else ()):
        assert (site / "public" / page).is_file()
    assert [line for line in stdout.splitlines() if SUMMARY.match(line)] == stdout.splitlines()[-1:]


@pytest.mark.parametrize("case, expected", THEME_TOML_CASES)
def test_theme_toml_error_is_one_exact_line_and_exit_status_2(built_case, case, expected):
    site, status, stdout, stderr = built_case(case)
    assert error_lines(stderr) == [filled(expected, site)]
    assert (status, stdout) == (2, "")
    assert not (site / "public").exists()


def test_duplicate_slug_keeps_the_first_article(built_case):
    site, _, _, _ = built_case("duplicate-slug")
    page = (site / "public" / "2014/01/14/ferry-fares-rise/index.html").read_text(encoding="utf-8")
    assert "<h1>Ferry Fares Rise</h1>" in page
    assert "Ferry Fares to Rise in February" not in page


def test_alias_collision_keeps_the_article_and_builds_the_rest(built_case):
    site, status, stdout, _ = built_case("alias-collision")
    page = (site / "public" / "2014/01/10/tide-gauge-repaired-at-last/index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in page and "<h1>" in page
    assert (site / "public" / "2014/01/13/alias-collision/index.html").is_file()
    assert status == 1 and stdout.startswith("Built 26 files from 3 articles: 26 written, ")


def test_bad_template_leaves_the_other_pages(built_case):
    site, _, stdout, _ = built_case("bad-template")
    assert not (site / "public" / "404.html").exists()
    assert (site / "public" / "index.html").is_file()
    assert stdout.startswith("Built 24 files from 2 articles: 23 written, 0 unchanged, 0 removed in ")


def test_all_invalid_inputs_at_once(tmp_path):
    every_file = sorted(p.name for p in (INVALID / "content").iterdir())
    site = make_site(tmp_path / "site", every_file, broken_theme=True)
    status, stdout, stderr = run_cli("build", cwd=site)
    assert status == 1
    errors = error_lines(stderr)
    assert len(errors) == len(CASES)
    assert errors == sorted(errors)
    named = {line.split(":", 1)[0] for line in errors}
    assert named == {f"content/2014/01/{n}" for n in every_file if n != "duplicate-slug-1.md"} | {
        "themes/broken/templates/404.html"
    }
    kept = ("2014/01/14/ferry-fares-rise/index.html", "2014/01/13/alias-collision/index.html")  # valid but an alias
    for page in GOOD_PAGES + kept:
        assert (site / "public" / page).is_file()
    assert stdout.startswith("Built 28 files from 4 articles: ")


def test_the_site_without_invalid_inputs_builds_clean(tmp_path):
    site = make_site(tmp_path / "site", [])
    status, stdout, stderr = run_cli("build", cwd=site)
    assert (status, error_lines(stderr)) == (0, [])
    assert SUMMARY.match(stdout.splitlines()[-1])
