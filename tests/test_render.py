"""render.py: a Route becomes an Output, or a Diagnostic naming the template file, its line and the page."""

from __future__ import annotations

import pytest

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.model import Output, Route
from generator.site.render import render
from generator.site.theme import environment


@pytest.fixture
def theme(tmp_path, write_tree, monkeypatch):
    """A one-folder theme in tmp_path/themes/t; the working folder is tmp_path, as in a real build."""
    monkeypatch.chdir(tmp_path)

    def make(templates: dict[str, str]):
        write_tree(tmp_path, {f"themes/t/templates/{name}": text for name, text in templates.items()})
        return environment(SiteConfig(root=tmp_path, theme="t"), {"title": "Site"})

    return make


def route(template: str, **context) -> Route:
    return Route("/2014/03/05/a/", "2014/03/05/a/index.html", template, context, source="content/2014/03/a.md")


def test_render_gives_utf8_bytes_at_the_output_path(theme):
    env = theme({"page.html": "<h1>{{ page.title }}</h1> {{ site.title }}\n"})
    assert render(route("page.html", title="Zürich & Co"), env) == Output(
        "2014/03/05/a/index.html", "<h1>Zürich &amp; Co</h1> Site\n".encode()
    )


@pytest.mark.parametrize(
    "templates, template, expected",
    [
        (
            {"page.html": "<p>\n{% if page.title %}\n<h1>{{ page.title }}</h1>\n"},
            "page.html",
            "themes/t/templates/page.html:3: error: Unexpected end of template. Jinja was looking for the following tags: "
            "'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'. "
            "(while rendering content/2014/03/a.md)",
        ),
        (
            {"page.html": "<p>\n{{ page.title | shout }}\n"},
            "page.html",
            "themes/t/templates/page.html:2: error: No filter named 'shout'. (while rendering content/2014/03/a.md)",
        ),
        (
            {"page.html": "<p>\n\n{{ page.missing.deeper }}\n"},
            "page.html",
            "themes/t/templates/page.html:3: error: UndefinedError: 'dict object' has no attribute 'missing' "
            "(while rendering content/2014/03/a.md)",
        ),
        (
            {
                "page.html": '{% extends "base.html" %}{% block b %}{{ page.title }}{% endblock %}',
                "base.html": "<html>\n<body>\n{% block b %}{% endblock %}\n{{ page.author.name }}\n</body>\n",
            },
            "page.html",
            "themes/t/templates/base.html:4: error: UndefinedError: 'dict object' has no attribute 'author' "
            "(while rendering content/2014/03/a.md)",
        ),
        (
            {"page.html": '<p>\n{% include "partials/bad.html" %}\n', "partials/bad.html": "ok\n{{ 1 / 0 }}\n"},
            "page.html",
            "themes/t/templates/partials/bad.html:2: error: ZeroDivisionError: division by zero "
            "(while rendering content/2014/03/a.md)",
        ),
    ],
)
def test_template_errors_name_the_template_line_and_the_page(theme, templates, template, expected):
    env = theme(templates)
    result = render(route(template, title="A"), env)
    assert isinstance(result, Diagnostic)
    assert str(result) == expected


@pytest.mark.parametrize(
    "templates, expected",
    [
        (
            {"page.html": '{# the layout #}\n{% extends "nobase.html" %}\n'},
            "themes/t/templates/page.html:2: error: template 'nobase.html' not found in themes/t/templates "
            "(while rendering content/2014/03/a.md)",
        ),
        (
            {"page.html": '{% extends "base.html" %}', "base.html": '<p>\n\n{% include "partials/nope.html" %}\n'},
            "themes/t/templates/base.html:3: error: template 'partials/nope.html' not found in themes/t/templates "
            "(while rendering content/2014/03/a.md)",
        ),
        (
            {"page.html": '<p>\n{% include ["a.html", "b.html"] %}\n'},
            "themes/t/templates/page.html:2: error: none of the templates 'a.html', 'b.html' found in themes/t/templates "
            "(while rendering content/2014/03/a.md)",
        ),
    ],
)
def test_a_missing_parent_or_include_names_the_template_and_line_that_asked(theme, templates, expected):
    result = render(route("page.html"), theme(templates))
    assert isinstance(result, Diagnostic) and result.code == "template-missing"
    assert str(result) == expected


def test_a_missing_page_template_is_named_where_the_theme_would_have_it(theme):
    result = render(route("nothere.html"), theme({"page.html": ""}))
    assert str(result) == (
        "themes/t/templates/nothere.html: error: template 'nothere.html' not found in "
        "themes/t/templates (while rendering content/2014/03/a.md)"
    )


def test_the_page_is_kept_out_of_the_message_so_that_pages_group(theme):
    env = theme({"page.html": "<p>\n{{ page.title | wordwrap(0) }}\n"})
    one, other = (render(Route(f"/{n}/", f"{n}/index.html", "page.html", {"title": "T"}), env) for n in "ab")
    assert (one.path, one.line, one.code, one.message) == (
        "themes/t/templates/page.html",
        2,
        "template-error",
        "ValueError: invalid width 0 (must be > 0)",
    )
    assert (one.page, other.page) == ("/a/", "/b/")
    assert (one.path, one.line, one.message) == (other.path, other.line, other.message)


def test_a_route_without_a_source_names_its_url(theme):
    env = theme({"list.html": "{{ page.nope }}"})
    result = render(Route("/tags/x/", "tags/x/index.html", "list.html", {}), env)
    assert str(result) == (
        "themes/t/templates/list.html:1: error: UndefinedError: 'dict object' has no attribute "
        "'nope' (while rendering /tags/x/)"
    )
