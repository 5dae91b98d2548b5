"""`import`: normalise seeds into front-matter Markdown under content/, and report each seed's outcome."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import pipeline
from generator.cli.importreport import summary_lines, write_report
from generator.cli.options import EXIT_CONTENT, EXIT_OK, EXIT_USAGE, add_lock_options, run_options
from generator.cli.output import import_changed, import_summary
from generator.config import SiteConfig
from generator.diagnostics import has_errors, print_all
from generator.importer.explain import explain_bytes
from generator.importer.normalize import Rules
from generator.importer.seedfiles import Unreadable, read_seed


def register(commands: argparse._SubParsersAction) -> None:
    imp = commands.add_parser("import", help="normalise seeds into front-matter Markdown under content/")
    imp.add_argument("paths", nargs="*", type=Path, help="seed files to import (default: every file in seeds/)")
    imp.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    imp.add_argument("--force", action="store_true", help="overwrite content files that were edited by hand")
    imp.add_argument("--report", type=Path, metavar="FILE", help="also write the import report as JSON")
    imp.add_argument(
        "--explain",
        type=Path,
        metavar="SEED",
        help="print how each field of SEED is found (line, rule); import nothing",
    )
    add_lock_options(imp)
    imp.set_defaults(run=run)


def run(config: SiteConfig, args: argparse.Namespace) -> int:
    if args.explain:
        return explain_seed(config, args.explain)
    paths = [Path(os.path.abspath(p)) for p in args.paths] or None  # links are the importer's to judge, unfollowed
    missing = [p for p in paths or [] if not os.path.lexists(p)]
    if missing:
        print(f"{missing[0]}: error: no such seed file", file=sys.stderr)
        return EXIT_USAGE
    report = pipeline.import_seeds(config, paths, force=args.force, dry_run=args.dry_run, options=run_options(args))
    print_all(report.diagnostics)
    if not args.quiet:
        for result in report.results:
            if result.status != "unchanged" or args.dry_run:
                detail = result.content_path or result.reason
                print(f"{result.status:9} {result.seed}" + (f" -> {detail}" if detail else ""), file=sys.stderr)
    if args.report:
        write_report(args.report, report, args.dry_run)
    if args.report or import_changed(report):  # an import that changed nothing stays quiet, as before
        for line in summary_lines(report, bool(args.report)):
            print(line, file=sys.stderr)
    print(import_summary(report) + (" (dry run: nothing written)" if args.dry_run else ""))
    return EXIT_CONTENT if report.count("rejected") or has_errors(report.diagnostics, config.strict) else EXIT_OK


def explain_seed(config: SiteConfig, path: Path) -> int:
    """`import --explain SEED`: reads the seed, writes nothing, takes no lock."""
    shown = os.path.relpath(os.path.abspath(path), os.path.abspath(config.root))
    shown = str(path) if shown.startswith("..") else shown
    data = read_seed(path, config.max_seed_bytes)
    if isinstance(data, Unreadable):
        print(f"{shown}: error: {data.reason}", file=sys.stderr)
        return EXIT_USAGE if data.skipped else EXIT_CONTENT
    name = os.path.relpath(os.path.abspath(path), os.path.abspath(config.seeds_path))
    name = name if not name.startswith("..") else path.name
    rules = Rules(outlets=frozenset(config.outlets), max_tags=config.max_tags, today=config.build_date())
    lines = explain_bytes(name, data, rules)
    print("\n".join([shown + lines[0][len(name) :], *lines[1:]]))
    return EXIT_CONTENT if any(line.startswith(("error", "not imported")) for line in lines) else EXIT_OK
