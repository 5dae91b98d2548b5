"""The command line: one module per command, the shared options, the output and progress.

Exit status: 0 clean, 1 content errors (the other pages are still written), 2 usage or config error.

    main -> arguments.parser() -> the command's run(config, args) -> generator.pipeline / generator.devserver
"""

from __future__ import annotations

from generator.cli.arguments import parser
from generator.cli.main import main
from generator.cli.output import build_summary

__all__ = ["build_summary", "main", "parser"]
