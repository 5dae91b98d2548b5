"""`new`: write a new article skeleton under content/."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from generator.cli.options import EXIT_OK, EXIT_USAGE
from generator.config import SiteConfig
from generator.importer.skeleton import write_skeleton


def register(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="write a new article skeleton under content/")
    new.add_argument("title", type=_title, help="the article's title")
    new.add_argument("--date", type=dt.date.fromisoformat, help="its date, YYYY-MM-DD (default: today)")
    new.add_argument("--source", default="", help="the outlet that ran it")
    new.set_defaults(run=run)


def _title(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the title must not be empty")
    return text.strip()


def run(config: SiteConfig, args: argparse.Namespace) -> int:
    path = write_skeleton(config, args.title, args.date or dt.date.today(), args.source)
    if path is None:
        print("error: an article with that title and date exists already", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {path}")
    return EXIT_OK
