"""What the commands print: the one-line summaries and the progress of a long build."""

from __future__ import annotations

import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from generator.model import BuildReport, ImportReport

IMPORT_OUTCOMES = ("imported", "updated", "unchanged", "conflict", "rejected")


def command_name() -> str:
    """How to run Broadsheet, for usage lines and hints: `broadsheet` when it runs as the installed
    command, else `python3 build.py` (the repository's entry point)."""
    return "broadsheet" if Path(sys.argv[0]).stem == "broadsheet" else "python3 build.py"


def hint(config_file: Path, command: str) -> str:
    """A command line to run `command` on this site, e.g. `python3 build.py serve`; `--config` is
    spelled out when the site's settings were not the default ./site.toml."""
    config = "" if config_file == Path("site.toml") else f" --config {shlex.quote(str(config_file))}"
    return f"{command_name()}{config} {command}"


def build_summary(report: BuildReport) -> str:
    """The build's one line; its time includes the search stage's when the build ran one."""
    w = report.write
    articles = f"{report.articles:,} article" + ("" if report.articles == 1 else "s")
    seconds = report.seconds + (report.search.seconds if report.search else 0.0)
    return (
        f"Built {report.pages:,} files from {articles}: {len(w.written):,} written, "
        f"{len(w.unchanged):,} unchanged, {len(w.removed):,} removed in {seconds:.2f} s"
    )


def search_summary(report: BuildReport) -> str | None:
    """What the search stage did, when it indexed anything again (the summary line's time includes it)."""
    search = report.search
    if search is None or not search.reindexed:
        return None
    return (
        f"Search index: {len(search.reindexed):,} of {search.shards:,} shards indexed again "
        f"({len(search.written):,} files written) in {search.seconds:.2f} s"
    )


def import_summary(report: ImportReport) -> str:
    counts = ", ".join(f"{report.count(s):,} {s}" for s in IMPORT_OUTCOMES)
    seeds = f"{len(report.results):,} seed" + ("" if len(report.results) == 1 else "s")
    return f"Import of {seeds}: {counts}"


def import_changed(report: ImportReport) -> bool:
    return any(r.status != "unchanged" for r in report.results)


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
