"""`check_site`: every check of a built site, from its files alone -> `CheckReport`.

The pages and the feeds are read across a forked pool (each file on its own: htmlscan, feeds); the
checks across files (links and anchors, the sitemaps against the pages, redirect pages) run here, on
what the scans hand back.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from generator.check.feeds import FeedScan, scan_feed
from generator.check.htmlscan import PageScan, scan_page
from generator.check.links import Base, Target, resolve
from generator.check.problems import CheckReport, Problem
from generator.check.sitemaps import read_sitemaps

FEEDS = ("feed.xml", "feed.json")
POOL_FROM = 200  # fewer files than this are read in this process: a pool would cost more than it saves


def check_site(root: Path, base_url: str, max_page_kb: int = 100, jobs: int = 2) -> CheckReport:
    started = time.perf_counter()
    base, files = Base.of(base_url), output_files(root)
    pages = [rel for rel in files if rel.endswith((".html", ".htm"))]
    feeds = [rel for rel in files if rel.rsplit("/", 1)[-1] in FEEDS]
    with _mapper(jobs if len(pages) + len(feeds) >= POOL_FROM else 1) as map_each:
        scans = list(map_each(functools.partial(scan_page, root, base, max_page_kb * 1024), pages))
        feed_scans = list(map_each(functools.partial(scan_feed, root), feeds))
    fileset = frozenset(files)
    problems = [p for scan in [*scans, *feed_scans] for p in scan.problems]
    problems += link_problems(base, scans, feed_scans, fileset)
    problems += sitemap_problems(root, base, scans, fileset)
    problems.sort(key=lambda p: (p.path, p.line or 0, p.message))
    return CheckReport(len(pages), len(files), tuple(problems), time.perf_counter() - started)


def output_files(root: Path) -> list[str]:
    """Every regular file under the output folder, relative and sorted; symbolic links are not followed."""
    found: list[str] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.extend(prefix + n for n in names if os.path.isfile(os.path.join(folder, n)) and not _link(folder, n))
    return sorted(found)


def _link(folder: str, name: str) -> bool:
    return os.path.islink(os.path.join(folder, name))


@contextmanager
def _mapper(jobs: int) -> Iterator[Callable[[Callable[[str], Any], list[str]], Iterable[Any]]]:
    """map over files, in a forked pool of `jobs` processes (in order), or here for one."""
    if jobs <= 1:
        yield lambda fn, items: map(fn, items)
        return
    pool = multiprocessing.get_context("fork").Pool(jobs)
    try:
        yield lambda fn, items: pool.imap(fn, items, chunksize=64)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def link_problems(base: Base, scans: list[PageScan], feeds: list[FeedScan], files: frozenset[str]) -> list[Problem]:
    """Every link of every page and feed must name a file of the site, and its fragment an id there; a feed
    links to pages, not to noindex ones (a redirect)."""
    ids = {scan.rel: scan.ids for scan in scans}
    noindex = {scan.rel for scan in scans if scan.noindex}
    resolved: dict[tuple[str, str], Target | str | None] = {}
    problems = []
    for rel, links, is_feed in [(s.rel, s.links, False) for s in scans] + [(f.rel, f.links, True) for f in feeds]:
        page_url = base.url_of(rel)
        for value, line in links:
            key = ("" if value.startswith(("/", "http:", "https:")) else page_url, value)
            if key not in resolved:
                resolved[key] = resolve(base, page_url, value, files)
            target = resolved[key]
            if isinstance(target, str):
                problems.append(Problem(rel, line, target))
            elif target is not None:
                problems.extend(_target_problems(rel, line, value, target, ids, noindex if is_feed else set()))
    return problems


def _target_problems(rel: str, line: int, value: str, target: Target, ids: dict, noindex: set) -> list[Problem]:
    if target.fragment and target.rel in ids and target.fragment not in ids[target.rel]:
        return [Problem(rel, line, f"link to {value}: no id {target.fragment!r} on {target.rel}")]
    if target.rel in noindex:
        return [Problem(rel, line, f"links to {value}, a noindex page ({target.rel}), not an article")]
    return []


def sitemap_problems(root: Path, base: Base, scans: list[PageScan], files: frozenset[str]) -> list[Problem]:
    """The sitemap lists exactly the pages (every HTML file but the noindex ones); a redirect page is at no
    URL it lists; the news sitemap lists pages only."""
    found = read_sitemaps(root, base, files)
    problems = list(found.problems)
    by_rel = {scan.rel: scan for scan in scans}
    listed = set()
    for entry in found.pages + found.news:
        scan = by_rel.get(entry.rel or "")
        if entry.rel is None:
            problems.append(Problem(entry.sitemap, entry.line, f"lists {entry.loc}, which has no page"))
        elif scan is None:
            problems.append(Problem(entry.sitemap, entry.line, f"lists {entry.loc}, which is not an HTML page"))
        elif scan.refresh:
            what = f"a redirect page at {entry.loc}, a URL the sitemap lists as a page (an alias colliding with it?)"
            problems.append(Problem(entry.rel, None, what))
        elif scan.noindex:
            problems.append(Problem(entry.sitemap, entry.line, f"lists {entry.loc}, a noindex page"))
        if entry.sitemap != "news-sitemap.xml":
            listed.add(entry.rel)
    missing = [s.rel for s in scans if s.parsed and not s.noindex and s.rel not in listed and found.complete]
    problems.extend(Problem(rel, None, "is a page the sitemap does not list") for rel in missing)
    return problems
