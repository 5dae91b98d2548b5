"""`watch` and `serve`: build once, then rebuild on every settled batch of changes; `serve` also previews
the last good output over HTTP and reloads open browsers once each rebuild has finished.

    file events -classify-> ChangeKind -debounce-> one rebuild loop -> serve last good output, reload browsers

The parts: devserver_changes (pure classifier and debouncer), devserver_watch (observers and the
rebuild loop), devserver_session (config, Builder, terminal lines), devserver_http and livereload.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from generator import cli
from generator.config import SiteConfig
from generator.devserver.changes import Debouncer
from generator.devserver.http import PortInUse, SiteServer, bind
from generator.devserver.livereload import BuildStatus
from generator.devserver.session import Options, Session
from generator.devserver.watch import ChangeHandler, RebuildLoop, Watcher, watched_folders
from generator.model import BuildReport

EXIT_OK, EXIT_USAGE = 0, 2


def add_commands(
    commands: argparse._SubParsersAction, build_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    watch = commands.add_parser("watch", help="build, then rebuild whenever content, seeds, themes or site.toml change")
    serve = commands.add_parser("serve", help="watch, and preview the site on 127.0.0.1 with live reload")
    for parser in (watch, serve):
        build_options(parser)
        parser.add_argument(
            "--poll",
            action="store_true",
            help="poll for changes instead of using file-system events (network or VM file systems)",
        )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=8000, help="the port to listen on (default: 8000; 0 picks a free one)"
    )
    watch.set_defaults(run=run_watch)
    serve.set_defaults(run=run_serve)


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


def options_from(args: argparse.Namespace) -> Options:
    return Options(
        config_file=args.config.resolve(),
        overrides=cli.overrides_from_args(args),
        with_import=not args.no_import,
        run=cli.run_options(args),
    )


def run_watch(config: SiteConfig, args: argparse.Namespace) -> int:
    dev = DevServer(config, options_from(args), poll=args.poll)
    return _run_until_stopped(dev, args, "Watching for changes")


def run_serve(config: SiteConfig, args: argparse.Namespace) -> int:
    dev = DevServer(config, options_from(args), poll=args.poll)
    try:
        url = dev.listen(args.host, args.port)
    except PortInUse as exc:
        print(f"error: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    return _run_until_stopped(dev, args, f"Serving {url}")


def _run_until_stopped(dev: DevServer, args: argparse.Namespace, doing: str) -> int:
    with _stop_on_sigterm():
        try:
            report = dev.start(cli.Progress(args.quiet))
            print(cli.build_summary(report), flush=True)
            print(f"{doing} (press Ctrl+C to stop)", file=sys.stderr, flush=True)
            threading.Event().wait()
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
        finally:
            dev.stop()
    return EXIT_OK


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """`kill` stops the server as Ctrl+C does: the socket closes and the watchers end cleanly."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
