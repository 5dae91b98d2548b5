"""The running site of `watch` and `serve`: its config and Builder, one rebuild per batch of changes,
one terminal line per rebuild, and the build status that browsers follow.

A rebuild that fails keeps the last good site: a broken site.toml keeps the last good config and
Builder, a broken article keeps its last good version, a broken template keeps the last good pages.
"""

from __future__ import annotations

import dataclasses
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from generator.config import SiteConfig, load_config
from generator.devserver.changes import ChangeKind, describe_changes
from generator.devserver.livereload import BuildStatus
from generator.diagnostics import ConfigError, Diagnostic, collapse_repeats, print_all
from generator.incremental.workers import WorkerDied
from generator.model import BuildReport
from generator.pipeline import Builder, RunOptions


@dataclass(frozen=True)
class Options:
    """How the site was asked for on the command line, so a site.toml edit can be applied the same way."""

    config_file: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    with_import: bool = True
    run: RunOptions = RunOptions()  # the lock, and a clean start for the first build


class Session:
    def __init__(
        self,
        config: SiteConfig,
        options: Options,
        status: BuildStatus,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ):
        self.config = config
        self.options = options
        self.status = status
        self.out, self.err = out or sys.stdout, err or sys.stderr
        self.builder: Builder | None = None
        self.rebuilds = 0
        self.config_problem: Diagnostic | None = None
        self._warnings: set[str] = set()
        self._imported: set[Path] = set()

    def serve_at(self, base_url: str) -> None:
        """Links in the preview point at the preview server (any sub-path is dropped)."""
        self.config = dataclasses.replace(self.config, base_url=base_url)
        self.options = dataclasses.replace(self.options, overrides={**self.options.overrides, "base_url": base_url})

    def first_build(self, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        self.builder = Builder(self.config, options=self.options.run)
        report = self.builder.build(progress, with_import=self.options.with_import)
        self.builder.load_last_build()  # so the first edit is as quick as the later ones
        print_all(report.diagnostics, self.err)
        self._warnings = self._warnings_of(report)
        self._remember_imports(report)
        self.status.publish(tuple(str(d) for d in self._errors_of(report)))
        self.refresh_search()
        return report

    def apply(self, batch: dict[Path, ChangeKind]) -> None:
        """Rebuild after a batch of changes; on any failure the last good site stays in place."""
        started, what = time.perf_counter(), describe_changes(batch, self.config.root)
        try:
            report = self._reload() if ChangeKind.CONFIG in batch.values() else self._rebuild(batch)
        except ConfigError as exc:
            self._failed(what, [str(exc.diagnostic)], started)
        except WorkerDied as exc:
            self._failed(what, [f"error: {exc}"], started)
        except Exception as exc:  # a bug or an I/O failure must not end the session
            traceback.print_exc(file=self.err)
            self._failed(what, [f"error: the rebuild failed: {type(exc).__name__}: {exc}"], started)
        else:
            self._report(what, report, batch, time.perf_counter() - started)  # browsers reload now
            self.refresh_search()
        self.rebuilds += 1

    def refresh_search(self) -> None:
        """The search index catches up with the pages, after the browsers were told to reload."""
        assert self.builder is not None, "after a build"
        try:
            found = self.builder.refresh_search()
        except Exception as exc:  # a bug or an I/O failure: the pages are served, the index is redone next time
            traceback.print_exc(file=self.err)
            print(f"error: the search index was not refreshed: {type(exc).__name__}: {exc}", file=self.err)
            return
        print_all(found.diagnostics, self.err)

    def _rebuild(self, batch: dict[Path, ChangeKind]) -> BuildReport:
        paths = [p for p, kind in batch.items() if kind != ChangeKind.SEED or self.options.with_import]
        assert self.builder is not None, "changes are applied only after the first build"
        return self.builder.build(with_import=self.options.with_import, changed=paths)

    def _reload(self) -> BuildReport:
        """A site.toml edit: a new config and a new Builder, adopted only once its build has run. Until
        site.toml is fixed, its error stays on every report, while edits still build with the last good one."""
        try:
            config = load_config(self.options.config_file, self.options.overrides)
            builder = Builder(config, options=dataclasses.replace(self.options.run, clean=False, no_cache=False))
            report = builder.build(with_import=self.options.with_import)
        except ConfigError as exc:
            self.config_problem = exc.diagnostic
            raise
        self.config, self.builder, self.config_problem = config, builder, None
        return report

    def _report(self, what: str, report: BuildReport, batch: dict[Path, ChangeKind], seconds: float) -> None:
        errors = self._errors_of(report)
        warnings = self._warnings_of(report)
        print_all(errors + tuple(d for d in report.diagnostics if str(d) in warnings - self._warnings), self.err)
        self._warnings = warnings
        error_lines = tuple(str(d) for d in errors)
        changed = bool(report.write.written or report.write.removed) or error_lines != self.status.current.errors
        if changed or not set(batch) <= self._imported:
            print(rebuild_line(what, report, seconds, len(errors)), file=self.out, flush=True)
        self._remember_imports(report)
        if changed:
            self.status.publish(error_lines)

    def _failed(self, what: str, errors: list[str], started: float) -> None:
        for line in errors:
            print(line, file=self.err)
        seconds = time.perf_counter() - started
        print(f"{what}: rebuild failed in {seconds:.2f} s; still serving the last good site", file=self.out, flush=True)
        self.status.publish(tuple(errors))

    def _errors_of(self, report: BuildReport) -> tuple[Diagnostic, ...]:
        """What the overlay shows: a broken site.toml, then errors (and warnings under the strict policy)."""
        shown = collapse_repeats(d for d in report.diagnostics if d.severity == "error" or self.config.strict)
        found = sorted(shown, key=lambda d: (d.path, d.line or 0, d.message))
        return ((self.config_problem,) if self.config_problem else ()) + tuple(found)

    def _warnings_of(self, report: BuildReport) -> set[str]:
        """The lines printed once, when they first appear: warnings, unless the strict policy makes them errors."""
        return {str(d) for d in report.diagnostics if d.severity != "error" and not self.config.strict}

    def _remember_imports(self, report: BuildReport) -> None:
        """Content files this build's import wrote: their own events must not look like a user's edit."""
        results = report.imported.results if report.imported else ()
        self._imported = {
            (self.config.root / r.content_path).resolve()
            for r in results
            if r.status in ("imported", "updated") and r.content_path
        }


def rebuild_line(what: str, report: BuildReport, seconds: float, errors: int = 0) -> str:
    w = report.write
    line = (
        f"{what}: {len(w.written):,} written, {len(w.unchanged):,} unchanged, "
        f"{len(w.removed):,} removed in {seconds:.2f} s"
    )
    if report.imported and any(r.status != "unchanged" for r in report.imported.results):
        counts = {s: report.imported.count(s) for s in ("imported", "updated", "conflict", "rejected")}
        line += " (seeds: " + ", ".join(f"{n:,} {s}" for s, n in counts.items() if n) + ")"
    if errors:
        line += f"; {errors:,} error" + ("" if errors == 1 else "s")
    return line
