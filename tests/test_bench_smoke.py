"""Smoke tests for bench/: the site conversion and the bookkeeping, without running any generator."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

differences = pytest.importorskip("differences")
peers = pytest.importorskip("peers")
report = pytest.importorskip("report")
tools = pytest.importorskip("tools")

ARTICLE = """\
---
title: "Russia: talks in Paris"
date: 2014-03-05
slug: russia-talks-in-paris
source: The Moscow Times
authors: [Jane Doe]
original_url: https://example.org/a
caption: ""
section: world
tags: [Crimea, Russia, "AT&T"]
summary: Russia said Wednesday it could not order forces back.
draft: false
---
Russia said Wednesday it could not order forces back.

## Sanctions

Lavrov was later due to meet Kerry.
"""
SITE = peers.SiteInfo(
    title="Bench", description="A news archive", base_url="http://127.0.0.1:8000/", per_page=20, feed_entries=20
)


def css(tmp_path: Path) -> Path:
    path = tmp_path / "style.css"
    path.write_text("body {}\n", encoding="utf-8")
    return path


def story() -> peers.Story:
    parsed = peers.parse_story(ARTICLE, "2014/03/russia-talks-in-paris.md")
    assert parsed is not None
    return parsed


def test_parse_story_reads_every_field_peers_need():
    s = story()
    assert (s.title, s.slug, s.source, s.section) == (
        "Russia: talks in Paris",
        "russia-talks-in-paris",
        "The Moscow Times",
        "world",
    )
    assert s.day.isoformat() == "2014-03-05" and s.authors == ("Jane Doe",) and "AT&T" in s.tags
    assert s.body.startswith("Russia said") and "## Sanctions" in s.body


def test_hugo_site_has_date_taxonomies_and_same_urls(tmp_path):
    mapping = peers.write_hugo_site([story()], tmp_path / "site", SITE, css(tmp_path))
    page = mapping["2014/03/russia-talks-in-paris.md"].read_text(encoding="utf-8")
    front, _, body = page[4:].partition("\n---\n")
    meta = peers.yaml.safe_load(front)
    assert meta["days"] == ["2014/03/05"] and meta["sources"] == ["The Moscow Times"] and meta["sections"] == ["world"]
    assert body.startswith("Russia said")
    config = (tmp_path / "site" / "hugo.toml").read_text(encoding="utf-8")
    assert 'articles = "/:year/:month/:day/:slug/"' in config and "pagerSize = 20" in config
    assert (tmp_path / "site" / "layouts" / "page.html").exists()


def test_pelican_site_paginates_period_archives(tmp_path):
    mapping = peers.write_pelican_site([story()], tmp_path / "site", SITE, css(tmp_path), cache=True)
    text = mapping["2014/03/russia-talks-in-paris.md"].read_text(encoding="utf-8")
    assert "Title: Russia: talks in Paris\n" in text and "Author: The Moscow Times\n" in text
    assert "Tags: Crimea, Russia, AT&T\n" in text and "Category: world\n" in text
    config = (tmp_path / "site" / "pelicanconf.py").read_text(encoding="utf-8")
    compile(config, "pelicanconf.py", "exec")
    assert '"period_archives": None' in config and "CACHE_CONTENT = True" in config


@pytest.mark.parametrize(
    "syntax, text, expected",
    [
        ("jinja", "{% block main %}\nbody\n{% endblock %}\n", "body\n<!-- benchmark edit 2 -->\n{% endblock %}"),
        (
            "go",
            '{{ define "main" }}\n{{/* bench: template edits go above this line */}}\n{{ end }}\n',
            '{{ "<!-- benchmark edit 2 -->" | safeHTML }}\n{{/* bench',
        ),
    ],
)
def test_template_edit_lands_inside_the_article_block(syntax, text, expected):
    assert expected in tools.add_template_comment(text, 2, syntax)


def test_census_sorts_pages_by_kind(tmp_path):
    for rel in (
        "index.html",
        "page/2/index.html",
        "2014/index.html",
        "2014/03/index.html",
        "2014/03/05/index.html",
        "2014/03/05/page/2/index.html",
        "2014/03/05/a-story/index.html",
        "tags/index.html",
        "tags/crimea/index.html",
        "sitemap.xml",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    counts = differences.census(tmp_path)
    assert counts == {
        ".xml files": 1,
        "article": 1,
        "day archive": 2,
        "home": 2,
        "month archive": 1,
        "tag": 2,
        "tag terms": 1,
        "year archive": 1,
    }


def test_ratio_table_prints_every_scenario():
    def tool(seconds: float) -> dict:
        scenario = {
            "median_s": seconds,
            "median_cpu_s": seconds,
            "median_peak_mb": 100.0,
            "median_peak_pss_mb": 90.0,
            "median_files_written": 5,
            "html_pages": 10,
            "files": 12,
            "bytes": 10**6,
        }
        return {
            "scenarios": {s: scenario for s in report.SCENARIOS},
            "peak_mb": 100.0,
            "peak_pss_mb": 90.0,
            "html_pages": 10,
            "files": 12,
            "bytes": 10**6,
        }

    results = {"broadsheet": tool(1.0), "hugo": tool(2.0)}
    data = {"copies": 1, "articles": 3, "runs": 1, "tools": results, "ratios": report.ratios(results)}
    table = report.format_table(data)
    assert data["ratios"]["hugo"]["cold"] == 0.5
    assert all(label in table for label in report.SCENARIOS.values()) and "0.50x" in table
