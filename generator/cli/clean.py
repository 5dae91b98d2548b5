"""`clean`: delete the cache and the files Broadsheet wrote into the output folder, and nothing else."""

from __future__ import annotations

import argparse

from generator import pipeline
from generator.cli.options import EXIT_OK, add_lock_options, run_options
from generator.config import SiteConfig


def register(commands: argparse._SubParsersAction) -> None:
    clean = commands.add_parser("clean", help="delete the cache, and the files Broadsheet wrote into the output folder")
    clean.add_argument("--cache-only", action="store_true", help="keep the output folder; delete only .cache/")
    clean.add_argument("--output", metavar="DIR", help="the output folder to clean (default: public/)")
    add_lock_options(clean)
    clean.set_defaults(run=run)


def run(config: SiteConfig, args: argparse.Namespace) -> int:
    removed = pipeline.clean(config, cache_only=args.cache_only, options=run_options(args))
    where = "" if args.cache_only else f" and {len(removed):,} file(s) Broadsheet wrote in {config.output_dir}/"
    print(f"Removed the cache ({config.cache_dir}/){where}")
    return EXIT_OK
