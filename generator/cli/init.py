"""`init DIR`: write a new site that builds with the bundled theme. It needs no site.toml to run:
it makes one."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from generator import scaffold
from generator.cli.options import EXIT_OK, EXIT_USAGE
from generator.cli.output import command_name


def register(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser("init", help="write a new site (site.toml, content/, seeds/, themes/) into DIR")
    init.add_argument("folder", type=Path, metavar="DIR", help="the site's folder: a new one, or an empty one")
    init.add_argument("--title", type=_title, help="the site's title (default: from the folder's name)")
    init.set_defaults(run=run, needs_config=False)


def _title(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the title must not be empty")
    return text.strip()


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    problem = scaffold.refusal(folder)
    if problem:
        print(f"{folder}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = scaffold.write_site(folder, args.title or scaffold.site_title(folder))
    except OSError as exc:
        print(f"{exc.filename or folder}: error: cannot write the new site: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote a new site in {folder}{'' if str(folder).endswith('/') else '/'}:")
    width = max(len(w.path) for w in written)
    for item in written:
        print(f"  {item.path:{width}}  {item.purpose}")
    if not args.quiet:
        print(f"Next: {next_steps(folder)}", file=sys.stderr)
        print("(a new article is a draft until its `draft: true` goes; --drafts shows drafts)", file=sys.stderr)
    return EXIT_OK


def next_steps(folder: Path) -> str:
    """What to type to write a first article and preview the site, as the user ran Broadsheet."""
    command = command_name()
    if command == "broadsheet":
        return f'cd {shlex.quote(str(folder))} && broadsheet new "First headline" && broadsheet serve --drafts'
    config = shlex.quote(str(folder / "site.toml"))
    return f'{command} --config {config} new "First headline" && {command} --config {config} serve --drafts'
