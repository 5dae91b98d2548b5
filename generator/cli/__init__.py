"""Command line: subcommands, exit codes, progress and the one-line build summary.

Exit status: 0 clean, 1 content errors (the other pages are still written), 2 usage or config error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from generator import pipeline
from generator.config import SiteConfig, load_config
from generator.diagnostics import ConfigError, has_errors, print_all
from generator.incremental.workers import WorkerDied
from generator.model import BuildReport, ImportReport

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="build.py",
        description="Broadsheet: a static site generator for news archives.",
        epilog="Run `build.py COMMAND --help` for a command's options. With no command, `build` runs.",
    )
    top.add_argument(
        "--config",
        type=Path,
        default=Path("site.toml"),
        metavar="FILE",
        help="the site's settings; folders are relative to it (default: ./site.toml)",
    )
    top.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary line")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="import new and changed seeds, then build the site into public/")
    _build_options(build)
    imp = commands.add_parser("import", help="normalise seeds into front-matter Markdown under content/")
    imp.add_argument("paths", nargs="*", type=Path, help="seed files to import (default: every file in seeds/)")
    imp.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    imp.add_argument("--force", action="store_true", help="overwrite content files that were edited by hand")
    imp.add_argument("--report", type=Path, metavar="FILE", help="also write the import report as JSON")
    new = commands.add_parser("new", help="write a new article skeleton under content/")
    new.add_argument("title", type=_title, help="the article's title")
    new.add_argument("--date", type=dt.date.fromisoformat, help="its date, YYYY-MM-DD (default: today)")
    new.add_argument("--source", default="", help="the outlet that ran it")
    _clean_command(commands)
    _lock_options(imp)
    _register_extra_commands(commands)
    for command in commands.choices.values():  # `build.py build -q` as well as `build.py -q build`
        command.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help="print only problems and the summary line",
        )
    return top


def _clean_command(commands: argparse._SubParsersAction) -> None:
    clean = commands.add_parser("clean", help="delete the cache, and the files Broadsheet wrote into the output folder")
    clean.add_argument("--cache-only", action="store_true", help="keep the output folder; delete only .cache/")
    clean.add_argument("--output", metavar="DIR", help="the output folder to clean (default: public/)")
    _lock_options(clean)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return int(text)


def _title(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the title must not be empty")
    return text.strip()


def _register_extra_commands(commands) -> None:
    """Commands that live in their own modules register themselves here."""
    try:
        from generator.devserver import server as devserver
    except ImportError:
        return
    devserver.add_commands(commands, _build_options)


def _build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--output", metavar="DIR", help="where to write the site (default: public/)")
    command.add_argument(
        "--base-url", metavar="URL", help="the URL the site is published at, e.g. https://example.org/news/"
    )
    command.add_argument(
        "--jobs", type=_positive, metavar="N", help="processes that render pages (default: one per core)"
    )
    command.add_argument("--drafts", action="store_true", default=None, help="include articles marked draft: true")
    command.add_argument("--strict", action="store_true", default=None, help="treat warnings as errors")
    command.add_argument("--no-import", action="store_true", help="build from content/ only; do not import seeds")
    command.add_argument(
        "--clean",
        action="store_true",
        help="delete everything in the output folder first, files Broadsheet did not write included",
    )
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="discard the cache and build everything from the sources (the cache is then refilled)",
    )
    _lock_options(command)


def _lock_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build or import of this site is running, exit (status 2) instead of waiting",
    )


def run_options(args: argparse.Namespace) -> pipeline.RunOptions:
    """The command line's choices on how to run against the site: the lock, a clean start."""
    return pipeline.RunOptions(
        wait=not getattr(args, "no_wait", False),
        on_wait=_say_waiting,
        clean=getattr(args, "clean", False),
        no_cache=getattr(args, "no_cache", False),
    )


def _say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(_with_default_command(sys.argv[1:] if argv is None else argv))
    command = args.command
    try:
        config = load_config(args.config, overrides_from_args(args))
        return COMMANDS[command](config, args) if command in COMMANDS else args.run(config, args)
    except ConfigError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return EXIT_USAGE
    except WorkerDied as exc:
        print(f"error: {exc}; run it again (an unfinished build leaves nothing the next one trusts)", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _with_default_command(argv: list[str]) -> list[str]:
    """`build.py --jobs 2` means `build.py build --jobs 2`: insert `build` after the global options."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help"):
            return argv
        if arg == "--config":
            if i + 1 >= len(argv):
                return argv  # argparse reports the missing value (exit 2)
            i += 2
        elif arg.startswith("--config=") or arg in ("-q", "--quiet"):
            i += 1
        else:
            break
    if i < len(argv) and not argv[i].startswith("-"):
        return argv
    return argv[:i] + ["build"] + argv[i:]


def overrides_from_args(args: argparse.Namespace) -> dict:
    """The settings given on the command line, which win over site.toml."""
    return {
        "output_dir": getattr(args, "output", None),
        "base_url": getattr(args, "base_url", None),
        "jobs": getattr(args, "jobs", None),
        "drafts": getattr(args, "drafts", None),
        "strict": getattr(args, "strict", None),
    }


def run_build(config: SiteConfig, args: argparse.Namespace) -> int:
    report = pipeline.build(
        config, progress=Progress(args.quiet), with_import=not args.no_import, options=run_options(args)
    )
    print_all(report.diagnostics)
    if report.imported and _import_changed(report.imported) and not args.quiet:
        print(import_summary(report.imported), file=sys.stderr)
    print(build_summary(report))
    if not args.quiet and config.output_path.is_dir():
        print(f"Preview it with: {preview_hint(config)}", file=sys.stderr)
    return EXIT_CONTENT if has_errors(report.diagnostics, config.strict) else EXIT_OK


def _command_names() -> set[str]:
    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return {name for action in actions for name in action.choices}


def preview_hint(config: SiteConfig) -> str:
    if "serve" in _command_names():
        return "python3 build.py serve"
    return f"python3 -m http.server --directory {config.output_path} 8000"


def build_summary(report: BuildReport) -> str:
    w = report.write
    articles = f"{report.articles:,} article" + ("" if report.articles == 1 else "s")
    return (
        f"Built {report.pages:,} files from {articles}: {len(w.written):,} written, "
        f"{len(w.unchanged):,} unchanged, {len(w.removed):,} removed in {report.seconds:.2f} s"
    )


def run_import(config: SiteConfig, args: argparse.Namespace) -> int:
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
        args.report.write_text(json.dumps(import_json(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(import_summary(report) + (" (dry run: nothing written)" if args.dry_run else ""))
    return EXIT_CONTENT if report.count("rejected") or has_errors(report.diagnostics, config.strict) else EXIT_OK


def import_summary(report: ImportReport) -> str:
    counts = ", ".join(f"{report.count(s):,} {s}" for s in ("imported", "updated", "unchanged", "conflict", "rejected"))
    seeds = f"{len(report.results):,} seed" + ("" if len(report.results) == 1 else "s")
    return f"Import of {seeds}: {counts}"


def _import_changed(report: ImportReport) -> bool:
    return any(r.status != "unchanged" for r in report.results)


def import_json(report: ImportReport) -> dict:
    return {
        "seeds": [
            {"seed": r.seed, "status": r.status, "content": r.content_path, "reason": r.reason} for r in report.results
        ],
        "diagnostics": [str(d) for d in report.diagnostics],
        "counts": {s: report.count(s) for s in ("imported", "updated", "unchanged", "conflict", "rejected")},
    }


def run_new(config: SiteConfig, args: argparse.Namespace) -> int:
    from generator.importer.skeleton import write_skeleton

    path = write_skeleton(config, args.title, args.date or dt.date.today(), args.source)
    if path is None:
        print("error: an article with that title and date exists already", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {path}")
    return EXIT_OK


def run_clean(config: SiteConfig, args: argparse.Namespace) -> int:
    removed = pipeline.clean(config, cache_only=args.cache_only, options=run_options(args))
    where = "" if args.cache_only else f" and {len(removed):,} file(s) Broadsheet wrote in {config.output_dir}/"
    print(f"Removed the cache ({config.cache_dir}/){where}")
    return EXIT_OK


COMMANDS = {"build": run_build, "import": run_import, "new": run_new, "clean": run_clean}


class Progress:
    """A progress bar on a terminal once a build runs past two seconds; plain lines elsewhere."""

    DELAY = 2.0

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.started = time.monotonic()
        self.bar: Any = None  # a rich progress bar, made on first use
        self.last_line = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.quiet or now - self.started < self.DELAY:
            return
        if sys.stderr.isatty() and not os.environ.get("CI"):
            self._bar(done, total)
        elif now - self.last_line >= 5 or done == total:
            self.last_line = now
            print(f"rendering: {done:,}/{total:,} pages", file=sys.stderr, flush=True)

    def _bar(self, done: int, total: int) -> None:
        if self.bar is None:
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Rendering pages", total=total)
        self.bar.update(self.task, completed=done)
        if done >= total:
            self.bar.stop()
