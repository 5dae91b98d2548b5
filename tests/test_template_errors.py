"""A template error is reported once, at the template's file and line, with the count of pages it broke.

diagnostics.collapse_repeats groups identical problems; print_all calls it, so every printer shows
one line per problem. A problem seen on one page names the page instead: `(while rendering /x/)`.
"""

from __future__ import annotations

import io
from pathlib import Path

from helpers import run_cli

from generator.diagnostics import Diagnostic, collapse_repeats, error, print_all

BROKEN_ARTICLE = """{% extends "base.html" %}
{% block main %}
<article class="story">
  <h1>{{ page.title }</h1>
</article>
{% endblock %}
"""
ERROR = "themes/mine/templates/article.html:4: error: unexpected '}'"


def broke(page: str) -> Diagnostic:
    return Diagnostic("themes/t/templates/a.html", 4, "error", "template-syntax", "unexpected '}'", page=page)


def test_a_problem_on_one_page_names_the_page():
    assert [str(d) for d in collapse_repeats([broke("content/2014/01/a.md")])] == [
        "themes/t/templates/a.html:4: error: unexpected '}' (while rendering content/2014/01/a.md)"
    ]


def test_a_problem_on_many_pages_is_one_diagnostic_with_the_count():
    collapsed = collapse_repeats([broke(f"/{n}/") for n in range(2095)])
    assert [str(d) for d in collapsed] == ["themes/t/templates/a.html:4: error: unexpected '}' (broke 2,095 pages)"]
    assert collapsed[0].code == "template-syntax"


def test_only_identical_problems_group_in_order_of_first_appearance():
    other_line = Diagnostic("themes/t/templates/a.html", 5, "error", "template-syntax", "unexpected '}'", page="/a/")
    content = error("content/2014/01/x.md", 3, "bad-date", "date must be an ISO date")
    collapsed = collapse_repeats([broke("/a/"), content, other_line, broke("/b/"), content])
    assert [str(d) for d in collapsed] == [
        "themes/t/templates/a.html:4: error: unexpected '}' (broke 2 pages)",
        "content/2014/01/x.md:3: error: date must be an ISO date (reported 2 times)",
        "themes/t/templates/a.html:5: error: unexpected '}' (while rendering /a/)",
    ]
    assert collapse_repeats([]) == ()


def test_print_all_prints_each_problem_once_sorted():
    stream = io.StringIO()
    print_all([broke("/a/"), error("content/x.md", 2, "c", "m"), broke("/b/")], stream)
    assert stream.getvalue() == (
        "content/x.md:2: error: m\nthemes/t/templates/a.html:4: error: unexpected '}' (broke 2 pages)\n"
    )


def make_site(root: Path, articles: int) -> Path:
    """A site of `articles` articles whose own theme has a syntax error on line 4 of article.html."""
    root.mkdir()
    (root / "site.toml").write_text(
        'title = "Many"\nbase_url = "https://many.example.com/"\ntheme = "mine"\n'
        'build_time = "2015-01-01T00:00:00+00:00"\n',
        encoding="utf-8",
    )
    (root / "themes/mine/templates").mkdir(parents=True)
    (root / "themes/mine/theme.toml").write_text('extends = "default"\n', encoding="utf-8")
    (root / "themes/mine/templates/article.html").write_text(BROKEN_ARTICLE, encoding="utf-8")
    (root / "content/2014/01").mkdir(parents=True)
    for n in range(articles):
        (root / f"content/2014/01/story-{n}.md").write_text(
            f"---\ntitle: Story {n}\ndate: 2014-01-{n % 28 + 1:02d}\nslug: story-{n}\ntags: [Harbour]\n---\n"
            f"Story number {n}.\n",
            encoding="utf-8",
        )
    return root


def build(tmp_path: Path, articles: int, jobs: int) -> tuple[Path, int, str, str]:
    site = make_site(tmp_path / "site", articles)
    status, stdout, stderr = run_cli("--config", site / "site.toml", "build", "--jobs", str(jobs), cwd=tmp_path)
    return site, status, stdout, stderr


def test_a_syntax_error_in_the_article_template_is_one_line_with_the_count(tmp_path):
    site, status, stdout, stderr = build(tmp_path, 30, jobs=1)
    assert [line for line in stderr.splitlines() if ": error: " in line] == [f"{ERROR} (broke 30 pages)"]
    assert status == 1 and "Traceback" not in stderr
    public = site / "public"
    for page in ("index.html", "404.html", "archive/index.html", "tags/harbour/index.html", "sitemap.xml"):
        assert (public / page).is_file(), page
    assert not (public / "2014/01/01/story-0/index.html").exists()
    assert stdout.splitlines()[-1].startswith("Built ")


def test_pages_broken_in_several_worker_processes_are_counted_once(tmp_path):
    """Enough articles for forked workers and several batches: their diagnostics still make one line."""
    _, status, _, stderr = build(tmp_path, 600, jobs=2)
    assert [line for line in stderr.splitlines() if ": error: " in line] == [f"{ERROR} (broke 600 pages)"]
    assert status == 1 and "Traceback" not in stderr
