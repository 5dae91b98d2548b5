"""The argument parser: the global options, then each command's own parser from its module."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.cli import build, check, clean, importing, init, new, serve
from generator.cli.output import command_name


def parser() -> argparse.ArgumentParser:
    prog = command_name().removeprefix("python3 ")  # `broadsheet`, or `build.py`
    top = argparse.ArgumentParser(
        prog=prog,
        description="Broadsheet: a static site generator for news archives.",
        epilog=f"Run `{prog} COMMAND --help` for a command's options. With no command, `build` runs.",
    )
    top.set_defaults(needs_config=True)  # a command that makes a site (init) says False: main reads no site.toml
    top.add_argument(
        "--config",
        type=Path,
        default=Path("site.toml"),
        metavar="FILE",
        help="the site's settings; folders are relative to it (default: ./site.toml)",
    )
    top.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary line")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    for command in (build, importing, new, clean, serve, init, check):
        command.register(commands)
    for sub in commands.choices.values():  # `build.py build -q` as well as `build.py -q build`
        sub.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help="print only problems and the summary line",
        )
    return top


def with_default_command(argv: list[str]) -> list[str]:
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
