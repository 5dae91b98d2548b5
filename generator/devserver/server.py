"""`watch` and `serve`: build once, then rebuild on every settled batch of changes; `serve` also previews
the last good output over HTTP and reloads open browsers once each rebuild has finished.

    file events -classify-> ChangeKind -debounce-> one rebuild loop -> serve last good output, reload browsers

The parts: changes (the pure classifier and debouncer), watch (observers and the
rebuild loop), session (config, Builder, terminal lines), http and livereload.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from generator.config import SiteConfig
from generator.devserver.changes import Debouncer
from generator.devserver.http import SiteServer, bind
from generator.devserver.livereload import BuildStatus
from generator.devserver.session import Options, Session
from generator.devserver.watch import ChangeHandler, RebuildLoop, Watcher, watched_folders
from generator.model import BuildReport


class DevServer:
    """Everything `watch` and `serve` run: the first build, the watchers, the rebuild loop and, when
    `listen` was called, the HTTP server. Use `start()` and `stop()`, or `with DevServer(...) as dev:`."""

    def __init__(
        self,
        config: SiteConfig,
        options: Options,
        poll: bool = False,
        poll_interval: float = 1.0,
        debouncer: Debouncer | None = None,
        out: TextIO | None = None,
        err: TextIO | None = None,
    ):
        self.status = BuildStatus()
        self.session = Session(config, options, self.status, out, err)
        self.loop = RebuildLoop(self._apply, debouncer or Debouncer())
        handler = ChangeHandler(lambda: self.session.config, options.config_file, self.loop.enqueue)
        self.watcher = Watcher(handler, poll=poll, poll_interval=poll_interval)
        self.server: SiteServer | None = None

    def listen(self, host: str, port: int) -> str:
        """Bind the preview server before the first build, so a taken port fails at once; the site is
        then built for the server's address. Raises PortInUse."""
        self.server = bind(host, port, lambda: self.session.config.output_path, self.status)
        self.session.serve_at(self.server.url)
        return self.server.url

    def start(self, progress: Callable[[int, int], None] | None = None) -> BuildReport:
        """Watch first, so nothing saved during the first build is missed; then build, rebuild, serve."""
        self.watcher.start(self._folders())
        report = self.session.first_build(progress)
        self.loop.start()
        if self.server:
            self.server.start()
        return report

    def stop(self) -> None:
        if self.server:
            self.server.close()
        self.watcher.stop()
        self.loop.stop()

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _apply(self, batch) -> None:
        """Watch any folder that appeared before the build reads it, and any folder a new config names after."""
        self.watcher.refresh(self._folders())
        self.session.apply(batch)
        self.watcher.refresh(self._folders())

    def _folders(self) -> dict[Path, bool]:
        options = self.session.options
        return watched_folders(self.session.config, options.config_file, options.with_import)
