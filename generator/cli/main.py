"""`main(argv)`: parse, load the config once, run the command, turn failures into exit codes.

A command runs as `run(config, args)`, or as `run(args)` when its parser sets `needs_config=False`."""

from __future__ import annotations

import sys

from generator.cli.arguments import parser, with_default_command
from generator.cli.options import EXIT_CONTENT, EXIT_USAGE, overrides_from_args
from generator.config import load_config
from generator.diagnostics import ConfigError
from generator.incremental.workers import WorkerDied


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(with_default_command(sys.argv[1:] if argv is None else argv))
    try:
        if not args.needs_config:  # `init` writes a site.toml; there is none to read yet
            return args.run(args)
        config = load_config(args.config, overrides_from_args(args))
        return args.run(config, args)
    except ConfigError as exc:
        print(exc.diagnostic, file=sys.stderr)
        return EXIT_USAGE
    except WorkerDied as exc:
        print(f"error: {exc}; run it again (an unfinished build leaves nothing the next one trusts)", file=sys.stderr)
        return EXIT_CONTENT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
