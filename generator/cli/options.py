"""Options that several commands share, and what they mean to the pipeline."""

from __future__ import annotations

import argparse
import sys

from generator.pipeline import RunOptions

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def add_build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--output", metavar="DIR", help="where to write the site (default: public/)")
    command.add_argument(
        "--base-url", metavar="URL", help="the URL the site is published at, e.g. https://example.org/news/"
    )
    command.add_argument(
        "--jobs", type=positive, metavar="N", help="processes that render pages (default: one per core)"
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
    add_lock_options(command)


def add_lock_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-wait",
        action="store_true",
        help="if another build or import of this site is running, exit (status 2) instead of waiting",
    )


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return int(text)


def overrides_from_args(args: argparse.Namespace) -> dict:
    """The settings given on the command line, which win over site.toml."""
    return {
        "output_dir": getattr(args, "output", None),
        "base_url": getattr(args, "base_url", None),
        "jobs": getattr(args, "jobs", None),
        "drafts": getattr(args, "drafts", None),
        "strict": getattr(args, "strict", None),
    }


def run_options(args: argparse.Namespace) -> RunOptions:
    """The command line's choices on how to run against the site: the lock, a clean start."""
    return RunOptions(
        wait=not getattr(args, "no_wait", False),
        on_wait=_say_waiting,
        clean=getattr(args, "clean", False),
        no_cache=getattr(args, "no_cache", False),
        import_warnings=bool(getattr(args, "import_report", None)),
    )


def _say_waiting(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
