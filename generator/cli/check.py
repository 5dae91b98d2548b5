"""`check`: verify a built site (links and anchors, feeds, sitemaps, JSON-LD, page sizes, with `--html`
the Nu HTML Checker); one line per problem, then a summary; exit 1 on any problem."""

from __future__ import annotations

import argparse
import os
import sys
import time

from generator.check import check_site
from generator.check.vnu import Unavailable, validate
from generator.cli.options import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, positive
from generator.config import SiteConfig


def register(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="verify the built site: links, anchors, feeds, sitemap, JSON-LD, sizes")
    check.add_argument("--output", metavar="DIR", help="the built site to check (default: the site's output folder)")
    check.add_argument("--base-url", metavar="URL", help="the URL it is published at (default: base_url)")
    check.add_argument(
        "--max-page-kb", type=positive, default=100, metavar="KB", help="the size budget of an HTML page (default: 100)"
    )
    check.add_argument("--html", action="store_true", help="also validate every page with the Nu HTML Checker (Java)")
    check.add_argument("--jobs", type=positive, metavar="N", help="processes that read the files (default: 2)")
    check.set_defaults(run=run)


def run(config: SiteConfig, args: argparse.Namespace) -> int:
    root, started = config.output_path, time.perf_counter()
    if not root.is_dir():
        print(
            f"error: there is no built site at {root} to check; build it first, or name it with --output DIR",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        html = validate(root) if args.html else []
    except Unavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    jobs = args.jobs or min(2, os.cpu_count() or 1)
    report = check_site(root, config.base_url, args.max_page_kb, jobs)
    problems = sorted([*report.problems, *html], key=lambda p: (p.path, p.line or 0, p.message))
    for problem in problems:
        print(problem)
    count = f"{len(problems):,} problem" + ("" if len(problems) == 1 else "s")
    others = report.files - report.pages
    seconds = time.perf_counter() - started
    print(f"Checked {report.pages:,} pages and {others:,} other files: {count} in {seconds:.2f} s")
    return EXIT_CONTENT if problems else EXIT_OK
