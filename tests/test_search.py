"""The search stage (generator/search): a Pagefind bundle per month of article pages, written through the
journal and the manifest like every page, redone only for the months whose pages changed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import tree
from search_helpers import search_view, without_search

from generator import pipeline
from generator.config import load_config
from generator.pipeline import Builder

LIGHTHOUSE = "content/2013/12/lighthouse-keepers-logbooks-go-online.md"
SHARDS = ["2013-12", "2014-01", "undated"]


def config_of(site: Path, **overrides):
    return load_config(site / "site.toml", {"jobs": 1, **overrides})


def build(site: Path, **overrides):
    return pipeline.build(config_of(site, **overrides))


def search_files(site: Path) -> dict[str, int]:
    folder = site / "public" / "pagefind"
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_the_first_build_indexes_every_month_of_article_pages(fixture_site):
    report = build(fixture_site)
    assert report.diagnostics == ()
    assert report.search is not None and list(report.search.reindexed) == SHARDS
    folder = fixture_site / "public" / "pagefind"
    assert sorted(p.name for p in folder.iterdir()) == SHARDS
    for shard in SHARDS:  # the files the search page loads, and not Pagefind's own UI
        names = {p.name for p in (folder / shard).iterdir()}
        assert {"pagefind.js", "pagefind-entry.json", "fragment", "index"} <= names
        assert not any("ui" in name for name in names)
    manifest = (fixture_site / "public" / ".broadsheet-manifest").read_text()
    assert "pagefind/2013-12/pagefind.js\n" in manifest  # ours: pruned by `clean`, never a foreign file


def test_the_masthead_form_and_the_search_page_work_without_javascript(fixture_site):
    build(fixture_site)
    public = fixture_site / "public"
    front = (public / "index.html").read_text()
    form = re.search(
        r'<form class="site-search" role="search" aria-label="Site search" action="([^"]+)" method="get">(.*?)</form>',
        front,
        re.S,
    )
    assert form and form.group(1) == "/search/"
    assert 'name="q"' in form.group(2) and 'type="submit"' in form.group(2)
    page = (public / "search" / "index.html").read_text()
    assert '<meta name="robots" content="noindex">' in page
    nojs = re.search(r'<div id="search-nojs" class="search-nojs">(.*?)</div>', page, re.S)
    assert nojs and 'href="/archive/"' in nojs.group(1) and 'href="/tags/"' in nojs.group(1)
    assert "Search needs JavaScript" in nojs.group(1)
    assert '<fieldset class="search-tools" hidden>' in page  # the filters appear only with the script
    assert "/search/" not in (public / "sitemap.xml").read_text()


def test_an_edit_reindexes_only_its_month_and_no_change_reindexes_nothing(fixture_site):
    build(fixture_site)
    before = search_files(fixture_site)
    article = fixture_site / LIGHTHOUSE
    article.write_text(article.read_text() + "\nA keeper's cat named Barnacle appears in 1931.\n")
    edited = build(fixture_site)
    assert edited.search is not None and edited.search.reindexed == ("2013-12",)
    after = search_files(fixture_site)
    untouched = {rel: t for rel, t in before.items() if not rel.startswith("2013-12/")}
    assert {rel: after[rel] for rel in untouched} == untouched
    assert any(after.get(rel) != t for rel, t in before.items() if rel.startswith("2013-12/"))
    again = build(fixture_site)
    assert again.search is not None and again.search.reindexed == () and again.search.written == ()
    assert search_files(fixture_site) == after


def test_the_watchers_quick_path_refreshes_the_edited_articles_month(fixture_site):
    builder = Builder(config_of(fixture_site))
    builder.build(with_import=False)
    assert list(builder.refresh_search().reindexed) == SHARDS
    article = fixture_site / LIGHTHOUSE
    article.write_text(article.read_text() + "\nThe word quahog appears once.\n")
    report = builder.build(changed=[article])
    assert report.write.written == ("2013/12/19/lighthouse-keepers-logbooks-go-online/index.html",)
    assert builder.refresh_search().reindexed == ("2013-12",)
    assert builder.refresh_search().reindexed == ()  # nothing changed since


def test_search_files_after_edits_equal_a_clean_builds(fixture_site, tmp_path):
    build(fixture_site)
    article = fixture_site / LIGHTHOUSE
    article.write_text(article.read_text().replace("title: Lighthouse", "title: Old Lighthouse"))
    build(fixture_site)
    (fixture_site / "content/2014/01/zurich-quartet.md").unlink()
    build(fixture_site)
    incremental = search_view(fixture_site / "public")
    pipeline.clean(config_of(fixture_site))
    build(fixture_site)
    assert search_view(fixture_site / "public") == incremental


def test_two_clean_builds_agree_but_for_pagefinds_filter_order(fixture_site, tmp_path):
    build(fixture_site)
    first, first_view = tree(fixture_site / "public"), search_view(fixture_site / "public")
    pipeline.clean(config_of(fixture_site))
    build(fixture_site)
    second = tree(fixture_site / "public")
    assert without_search(first) == without_search(second)
    assert search_view(fixture_site / "public") == first_view
    same = [rel for rel in first if rel.startswith("pagefind/") and "/filter/" not in rel and "pf_meta" not in rel]
    assert same and all(first[rel] == second.get(rel) for rel in same if "pagefind-entry" not in rel)


def test_clean_removes_the_search_files(fixture_site):
    build(fixture_site)
    removed = pipeline.clean(config_of(fixture_site))
    assert any(rel.startswith("pagefind/") for rel in removed)
    assert not (fixture_site / "public" / "pagefind").exists()


def test_a_foreign_file_where_a_search_file_goes_is_never_overwritten(fixture_site):
    build(fixture_site)
    foreign = fixture_site / "public" / "pagefind" / "2014-02" / "pagefind.js"
    foreign.parent.mkdir()
    foreign.write_text("// someone else's\n")
    new = fixture_site / "content" / "2014" / "02" / "thaw.md"
    new.parent.mkdir()
    new.write_text("---\ntitle: The Thaw Comes\ndate: 2014-02-03\n---\nThe canal opens again.\n")
    report = build(fixture_site)
    assert [str(d) for d in report.diagnostics] == [
        "pagefind/2014-02/pagefind.js: error: search file pagefind/2014-02/pagefind.js not written: a file "
        "Broadsheet did not write is in its place in the output folder (move it away, or build with --clean)"
    ]
    assert foreign.read_text() == "// someone else's\n"
    assert not (foreign.parent / "pagefind-entry.json").exists()  # the shard is not written in part
    assert report.search is not None and "2014-02" in report.search.reindexed


def test_a_failed_search_stage_is_reported_and_redone_in_full(fixture_site, monkeypatch):
    build(fixture_site)
    article = fixture_site / LIGHTHOUSE
    article.write_text(article.read_text() + "\nMore.\n")

    def broken(*args):
        raise OSError("pagefind exited")

    monkeypatch.setattr("generator.search.refresh.build_bundles", broken)
    failed = build(fixture_site)
    assert [d.code for d in failed.diagnostics] == ["search-failed"]
    monkeypatch.undo()
    assert build(fixture_site).search.reindexed == ("2013-12",)  # the other months' files are still good
    assert build(fixture_site).search.reindexed == ()


def test_search_off_writes_no_index_and_removes_an_old_one(fixture_site):
    build(fixture_site)
    settings = fixture_site / "site.toml"
    settings.write_text(settings.read_text() + "search = false\n")
    report = build(fixture_site)
    assert report.diagnostics == ()
    public = fixture_site / "public"
    assert not (public / "pagefind").exists() and not (public / "search").exists()
    assert 'class="site-search"' not in (public / "index.html").read_text()
    assert "pagefind/" not in (public / ".broadsheet-manifest").read_text()


@pytest.mark.parametrize("value", ['"yes"', "1"])
def test_the_search_setting_is_true_or_false(fixture_site, value):
    from generator.diagnostics import ConfigError

    settings = fixture_site / "site.toml"
    settings.write_text(settings.read_text() + f"search = {value}\n")
    with pytest.raises(ConfigError) as caught:
        config_of(fixture_site)
    assert "search" in str(caught.value.diagnostic) and "true or false" in str(caught.value.diagnostic)


def test_serve_refreshes_the_index_only_after_the_browsers_are_told_to_reload(fixture_site):
    import io

    from generator.devserver.changes import ChangeKind
    from generator.devserver.livereload import BuildStatus
    from generator.devserver.session import Options, Session

    status = BuildStatus()
    session = Session(
        config_of(fixture_site), Options(fixture_site / "site.toml"), status, io.StringIO(), io.StringIO()
    )
    session.first_build()
    assert session.builder is not None
    real, calls = session.builder.refresh_search, []

    def spy():
        calls.append(status.current.epoch)  # the epoch browsers have been told of when the stage starts
        found = real()
        calls.append(found.reindexed)
        return found

    session.builder.refresh_search = spy  # type: ignore[method-assign]
    epoch = status.current.epoch
    article = (fixture_site / LIGHTHOUSE).resolve()
    article.write_text(article.read_text() + "\nA new word: periwinkle.\n")
    session.apply({article: ChangeKind.CONTENT})
    assert calls == [epoch + 1, ("2013-12",)]
