"""theme.py: the theme chain (site, theme, parent), static files, and the Jinja2 environment."""

from __future__ import annotations

import jinja2
import pytest
from helpers import REPO, run_cli

from generator.config import SiteConfig, load_config
from generator.diagnostics import ConfigError
from generator.site.index import build_index
from generator.site.routes import site_context
from generator.site.theme import environment, static_files, template_files, theme_chain

DEFAULT = REPO / "themes" / "default"


def site_config(root, theme="default") -> SiteConfig:
    return SiteConfig(root=root, theme=theme)


def test_default_theme_is_the_bundled_one(tmp_path):
    assert theme_chain(site_config(tmp_path)) == [DEFAULT]


def test_child_theme_comes_before_its_parent(fixture_site):
    assert theme_chain(load_config(fixture_site / "site.toml")) == [fixture_site / "themes/test", DEFAULT]


def test_chain_of_three(tmp_path, write_tree):
    write_tree(
        tmp_path,
        {
            "themes/a/theme.toml": 'extends = "b"\n',
            "themes/a/templates/x.html": "a",
            "themes/b/theme.toml": 'extends = "default"\n',
            "themes/b/templates/x.html": "b",
        },
    )
    assert theme_chain(site_config(tmp_path, "a")) == [tmp_path / "themes/a", tmp_path / "themes/b", DEFAULT]


TEMPLATES = {"themes/a/templates/x.html": "", "themes/b/templates/x.html": ""}


@pytest.mark.parametrize(
    "files, code, expected",
    [
        (
            {"themes/a/theme.toml": 'extends = "b"\n', "themes/b/theme.toml": 'name = "b"\nextends = "a"\n'},
            "theme-cycle",
            "themes/b/theme.toml:2: error: theme 'a' extends itself: a -> b -> a",
        ),
        (
            {"themes/a/theme.toml": '# a\nextends = "a"\n'},
            "theme-cycle",
            "themes/a/theme.toml:2: error: theme 'a' extends itself: a -> a",
        ),
        (
            {"themes/a/theme.toml": 'extends = "nowhere"\n'},
            "theme-missing",
            "themes/a/theme.toml:1: error: theme 'nowhere' not found in {root}/themes or {repo}/themes",
        ),
        (
            {"themes/a/theme.toml": 'name = "a"\nextends = \n'},
            "theme-syntax",
            "themes/a/theme.toml:2: error: invalid TOML: Invalid value (at line 2, column 11)",
        ),
        (
            {"themes/a/theme.toml": 'name = "a"\ncolour = "blue"\n'},
            "theme-unknown-key",
            "themes/a/theme.toml:2: error: unknown key 'colour'; allowed keys: name, extends",
        ),
        (
            {"themes/a/theme.toml": 'name = "a"\n\n[extends]\ntheme = "b"\n'},
            "theme-type",
            "themes/a/theme.toml:3: error: extends must be a string, not dict {{'theme': 'b'}}",
        ),
        (
            {"themes/a/theme.toml": b'name = "caf\xe9"\n'},
            "theme-unreadable",
            "themes/a/theme.toml: error: cannot read the theme settings: not UTF-8 text",
        ),
    ],
)
def test_broken_theme_chains_are_config_errors_at_the_line(tmp_path, write_tree, files, code, expected):
    write_tree(tmp_path, {**TEMPLATES, **files})
    with pytest.raises(ConfigError) as caught:
        theme_chain(site_config(tmp_path, "a"))
    assert caught.value.diagnostic.code == code
    assert str(caught.value.diagnostic) == expected.format(root=tmp_path, repo=REPO)


def test_a_theme_without_templates_is_missing(tmp_path, write_tree):
    write_tree(tmp_path, {"themes/a/theme.toml": 'name = "no templates folder"\n'})
    with pytest.raises(ConfigError) as caught:
        theme_chain(site_config(tmp_path, "a"))
    assert caught.value.diagnostic.code == "theme-missing"


def test_a_broken_theme_toml_exits_2_with_one_line(tmp_path, write_tree):
    write_tree(
        tmp_path,
        {
            "site.toml": 'theme = "a"\n',
            "themes/a/templates/x.html": "",
            "themes/a/theme.toml": 'extends = "default"\nlayout = "wide"\n',
        },
    )
    status, stdout, stderr = run_cli("build", "--no-import", cwd=tmp_path)
    assert (status, stdout) == (2, "")
    assert stderr == "themes/a/theme.toml:2: error: unknown key 'layout'; allowed keys: name, extends\n"


def test_missing_theme_exits_2(tmp_path):
    (tmp_path / "site.toml").write_text('title = "X"\ntheme = "nope"\n', encoding="utf-8")
    status, stdout, stderr = run_cli("build", cwd=tmp_path)
    assert (status, stdout) == (2, "")
    assert f"error: theme 'nope' not found in {tmp_path / 'themes'} or {REPO / 'themes'}\n" in stderr


def test_missing_theme_names_the_line_in_site_toml(tmp_path):
    (tmp_path / "site.toml").write_text('title = "X"\ntheme = "nope"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        theme_chain(load_config(tmp_path / "site.toml"))
    assert caught.value.diagnostic.line == 2


def test_a_site_can_override_one_template_of_a_bundled_theme(fixture_site, write_tree, build_site):
    write_tree(
        fixture_site,
        {
            "themes/default/templates/404.html": '{% extends "base.html" %}\n{% block main %}<h1>Lost at sea</h1>{% endblock %}\n'
        },
    )
    report = build_site(fixture_site, theme="default")
    assert [str(d) for d in report.diagnostics] == []
    assert "<h1>Lost at sea</h1>" in (fixture_site / "public/404.html").read_text(encoding="utf-8")
    assert theme_chain(load_config(fixture_site / "site.toml", {"theme": "default"})) == [
        fixture_site / "themes/default",
        DEFAULT,
    ]


def test_static_files_child_wins_over_parent(tmp_path, write_tree):
    write_tree(
        tmp_path,
        {
            "themes/a/theme.toml": 'extends = "default"\n',
            "themes/a/templates/x.html": "",
            "themes/a/static/style.css": "child",
            "themes/a/static/img/logo.svg": "<svg/>",
        },
    )
    found = static_files(site_config(tmp_path, "a"))
    assert found == {
        "static/img/logo.svg": tmp_path / "themes/a/static/img/logo.svg",
        "static/search.js": REPO / "themes/default/static/search.js",
        "static/style.css": tmp_path / "themes/a/static/style.css",
    }


def test_template_files_cover_the_whole_chain(fixture_site):
    files = template_files(load_config(fixture_site / "site.toml"))
    assert fixture_site / "themes/test/templates/partials/teasers.html" in files
    assert DEFAULT / "templates/partials/teasers.html" in files
    assert DEFAULT / "templates/base.html" in files
    assert files == sorted(files)


def test_environment_is_strict_escapes_html_and_has_the_site(fixture_site):
    config = load_config(fixture_site / "site.toml", {"title": "T & Co"})
    env = environment(config, site_context(build_index([])[0], config))
    assert env.from_string("{{ site.title }}").render() == "T &amp; Co"
    assert (
        env.get_template("partials/teasers.html")
        .render(page={"articles": []})
        .startswith('<ol class="teasers from-test-theme">')
    )
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ page.missing }}").render(page={})
    html = env.get_template("404.html").render(page={"page_title": "<Missing>"})
    assert "<title>&lt;Missing&gt; · T &amp; Co</title>" in html


def test_render_cached_renders_each_distinct_item_once(tmp_path, write_tree, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(tmp_path, {"themes/t/templates/t.html": "[{{ item.title }}]{{ count.append(1) or '' }}"})
    env = environment(SiteConfig(root=tmp_path, theme="t"), {})
    count: list[int] = []
    env.globals["count"] = count
    render = env.globals["render_cached"]
    same = [render("t.html", {"title": "A & B"}), render("t.html", {"title": "A & B"})]
    other = render("t.html", {"title": "A & C"})
    assert same == ["[A &amp; B]", "[A &amp; B]"] and other == "[A &amp; C]"
    assert len(count) == 2
    unpicklable = {"title": "L", "f": lambda: 1}
    assert [render("t.html", unpicklable) for _ in range(2)] == ["[L]", "[L]"] and len(count) == 4
