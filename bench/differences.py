"""What still differs between the three sites: a census of each output, and the known differences."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from peers import Story

PAGE_KINDS = (  # first match wins; paths are relative to the output directory
    ("article", r"\d{4}/\d\d/\d\d/(?!page/)[^/]+/index\.html"),
    ("day archive", r"\d{4}/\d\d/\d\d/(page/\d+/)?index\.html"),
    ("month archive", r"\d{4}/\d\d/(page/\d+/)?index\.html"),
    ("year archive", r"\d{4}/(page/\d+/)?index\.html"),
    ("home", r"(page/\d+/)?index\.html"),
    ("tag", r"tags/.+\.html"),
    ("source", r"sources/.+\.html"),
    ("author", r"authors/.+\.html"),
    ("section", r"sections/.+\.html"),
    ("archive overview", r"archive/index\.html"),
    ("404", r"404\.html"),
    ("other HTML", r".+\.html"),
)
_KINDS = [(name, re.compile(pattern)) for name, pattern in PAGE_KINDS]
_TERM_FIRST_PAGE = re.compile(r"tags/[^/]+/index\.html")

STATED = [
    "Markdown: Broadsheet and Pelican use Python-Markdown (tables, fenced_code, sane_lists; Broadsheet also "
    "sanitises the HTML with nh3); Hugo uses Goldmark with its defaults (smart quotes, linkify).",
    "Date archives: Hugo has none built in (gohugoio/hugo#448). Here they are three extra taxonomies "
    "(years, months, days) whose term pages sit at /YYYY/, /YYYY/MM/, /YYYY/MM/DD/ through [permalinks.term], "
    "so Hugo groups and paginates them itself. Nested year/month/day content sections gave the same URLs "
    "but doubled Hugo's CPU time at x1, so they are not used.",
    "Pelican has one author taxonomy: it carries the outlet (Broadsheet's source) at /sources/<slug>/. "
    "Broadsheet's people (authors) become Pelican authors only for articles without a source.",
    "Newer/older links: Hugo's .Next/.Prev; Pelican has none built in, so a 10-line plugin "
    "(bench/templates/pelican/plugins/neighbours.py) links them at build time.",
    "Sitemaps: Broadsheet lists every HTML page but 404 (pages 2+ of listings included); Hugo lists each page "
    "once, without pager pages; Pelican's (a direct template) lists articles, period archives and term pages.",
    "Feeds: each tool builds its own, holding the newest 20 entries: Broadsheet Atom for the site and each tag, "
    "source, author and section; Hugo its built-in RSS for the home page and each term but the date terms "
    "(cascade outputs [html]); Pelican Atom for the site and each tag, category and author. "
    "Broadsheet also builds its Pagefind search index, which neither peer has.",
    "Templates: Hugo renders its masthead and footer once with partialCached (idiomatic Hugo); Broadsheet and "
    "Pelican render them on every page from precomputed values.",
    "Template edit: an HTML comment at the end of the article block, so every article page changes in all "
    "three (Hugo prints it with safeHTML, as html/template drops literal comments).",
    "Rebuilds: Hugo has no persistent cache, so every rebuild is a full build; Pelican's content cache "
    "re-reads only changed files but renders and writes every page; Broadsheet writes only changed files.",
    "Term slugs come from each tool's own slugify, so terms that differ only in punctuation or case can "
    "merge differently (see the census).",
    "Cold builds start with no output and no tool cache but a warm OS file cache. The machine may be shared: "
    "each build records the 1-minute load average before it started.",
]


def census(output: Path) -> dict[str, int]:
    """Pages per kind, tag terms, and other files per extension."""
    counts: Counter[str] = Counter()
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(output).as_posix()
        if rel.endswith(".html"):
            counts[next(name for name, pattern in _KINDS if pattern.fullmatch(rel))] += 1
            counts["tag terms"] += bool(_TERM_FIRST_PAGE.fullmatch(rel))
        else:
            counts["." + rel.rpartition(".")[2] + " files"] += 1
    return dict(sorted(counts.items()))


def census_differences(censuses: dict[str, dict[str, int]], labels: dict[str, str]) -> list[str]:
    """One line per kind of page whose count differs from Broadsheet's."""
    base = censuses["broadsheet"]
    lines = []
    for key, counts in censuses.items():
        if key == "broadsheet":
            continue
        for kind in sorted(set(base) | set(counts)):
            if base.get(kind, 0) != counts.get(kind, 0):
                lines.append(f"{labels[key]}: {counts.get(kind, 0):,} {kind} vs Broadsheet's {base.get(kind, 0):,}")
    return lines


def html_paths(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*.html")}


def path_differences(outputs: dict[str, Path], labels: dict[str, str], examples: int = 3) -> list[str]:
    """HTML paths that one site has and Broadsheet lacks, or the other way round, with a few examples."""
    base = html_paths(outputs["broadsheet"])
    lines = []
    for key, output in outputs.items():
        if key == "broadsheet":
            continue
        theirs = html_paths(output)
        for only, side in ((sorted(theirs - base), "only in"), (sorted(base - theirs), "missing from")):
            if only:
                shown = ", ".join(only[:examples])
                lines.append(f"{len(only):,} HTML paths {side} {labels[key]}'s output, e.g. {shown}")
    return lines


def content_differences(stories: list[Story]) -> list[str]:
    with_people = sum(1 for s in stories if s.authors and s.source)
    return (
        [f"{with_people:,} articles name people besides a source: Hugo has them (authors taxonomy), Pelican does not."]
        if with_people
        else []
    )
