"""`build`: import new and changed seeds, then build the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import pipeline
from generator.cli.importreport import write_report
from generator.cli.options import EXIT_CONTENT, EXIT_OK, add_build_options, run_options
from generator.cli.output import Progress, build_summary, hint, import_changed, import_summary, search_summary
from generator.config import SiteConfig, publishing_warnings
from generator.diagnostics import has_errors, print_all


def register(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser("build", help="import new and changed seeds, then build the site into public/")
    add_build_options(build)
    build.add_argument(
        "--import-report", type=Path, metavar="FILE", help="write the import's report as JSON (see import --report)"
    )
    build.set_defaults(run=run)


def run(config: SiteConfig, args: argparse.Namespace) -> int:
    report = pipeline.build(
        config, progress=Progress(args.quiet), with_import=not args.no_import, options=run_options(args)
    )
    # The config's own warnings are reported here, once, and not by the build: a build with a diagnostic
    # forgets its stamp, and a lasting warning would make every no-change build a full one.
    diagnostics = publishing_warnings(config) + report.diagnostics
    print_all(diagnostics)
    if report.imported and import_changed(report.imported) and not args.quiet:
        print(import_summary(report.imported), file=sys.stderr)
    if getattr(args, "import_report", None) and report.imported is not None:
        write_report(args.import_report, report.imported)
    searched = search_summary(report)
    if searched and not args.quiet:
        print(searched, file=sys.stderr)
    print(build_summary(report))
    if not args.quiet and config.output_path.is_dir():
        print(f"Preview it with: {hint(args.config, 'serve')}", file=sys.stderr)
    return EXIT_CONTENT if has_errors(diagnostics, config.strict) else EXIT_OK
