"""renderpool.py and bodies.py: an article page gets its body from the body store, or from its file, when rendered."""

from __future__ import annotations

import pytest

from generator.config import SiteConfig
from generator.contentfile import body_key
from generator.incremental.bodystore import BodyStore
from generator.incremental.cache import PageCache
from generator.incremental.renderpool import Target, render_and_write
from generator.model import Route
from generator.site.ownership import WriteJournal
from generator.site.theme import environment

SOURCE = "content/2014/03/a.md"


@pytest.fixture
def site(tmp_path, write_tree, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_tree(
        tmp_path,
        {
            "themes/t/templates/article.html": "<h1>{{ page.title }}</h1>{{ page.body_html|safe }}\n",
            SOURCE: "---\ntitle: A\n---\nFirst *line*.\n\n## Sanctions\n",
        },
    )
    config = SiteConfig(root=tmp_path, theme="t")
    env = environment(config, {"title": "Site"})
    return config, env, PageCache.open(config, env)


def article_route(key: str) -> Route:
    return Route("/a/", "a/index.html", "article.html", {"title": "A", "body_key": key}, source=SOURCE)


def test_the_page_shows_the_body_of_its_file_and_keeps_its_key(site):
    config, env, cache = site
    result = render_and_write(
        [article_route(body_key("First *line*.\n\n## Sanctions"))], env, {}, config, cache, _target(config)
    )
    page = (config.output_path / "a/index.html").read_text()
    assert page == "<h1>A</h1><p>First <em>line</em>.</p>\n<h2>Sanctions</h2>\n"
    assert list(result.keys) == ["a/index.html"] and result.diagnostics == ()


def test_a_stored_body_is_not_read_or_converted_again(site):
    config, env, cache = site
    route = article_route(body_key("First *line*.\n\n## Sanctions"))
    render_and_write([route], env, {}, config, cache, _target(config))
    (config.root / SOURCE).unlink()
    (config.output_path / "a/index.html").unlink()
    result = render_and_write([route], env, {}, config, cache, _target(config))
    assert "<em>line</em>" in (config.output_path / "a/index.html").read_text()
    assert list(result.keys) == ["a/index.html"] and result.diagnostics == ()


def test_pruning_keeps_the_bodies_of_live_articles_only(site):
    config, env, cache = site
    live, dead = body_key("First *line*.\n\n## Sanctions"), "ab" * 16
    store = BodyStore(config)
    render_and_write([article_route(live)], env, {}, config, cache, _target(config))
    (store.root / dead[:2]).mkdir(parents=True, exist_ok=True)
    (store.root / dead[:2] / f"{dead}.html").write_text("<p>gone</p>")
    (store.parent / "old-version" / "ab").mkdir(parents=True)
    store.prune({live})
    assert sorted(p.relative_to(store.parent).as_posix() for p in store.parent.rglob("*.html")) == [
        f"{store.root.name}/{live[:2]}/{live}.html"
    ]
    assert not (store.parent / "old-version").exists()


def test_a_body_edited_since_loading_is_shown_and_rendered_again_next_time(site):
    config, env, cache = site
    result = render_and_write([article_route(body_key("An older body."))], env, {}, config, cache, _target(config))
    assert "<em>line</em>" in (config.output_path / "a/index.html").read_text()
    assert result.written == ["a/index.html"] and result.keys == {}


def test_a_file_gone_since_loading_is_named_and_its_old_page_stays(site):
    config, env, cache = site
    (config.output_path / "a").mkdir(parents=True)
    (config.output_path / "a/index.html").write_text("old page")
    (config.root / SOURCE).unlink()
    result = render_and_write([article_route("0")], env, {}, config, cache, _target(config, {"a/index.html"}))
    assert [str(d) for d in result.diagnostics] == [
        f"{SOURCE}: error: could not read the article's body again: "
        f"[Errno 2] No such file or directory: '{config.root / SOURCE}'"
    ]
    assert result.keys == {}
    assert (config.output_path / "a/index.html").read_text() == "old page"


def _target(config, owned=()):
    return Target(frozenset(owned), frozenset(), WriteJournal(config, config.output_path))
