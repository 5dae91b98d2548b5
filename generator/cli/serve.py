"""`watch` and `serve`: the dev server's commands. The dev server itself (generator.devserver) is a
library that knows nothing of argparse; this module turns the arguments into its options."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from generator.cli.options import EXIT_OK, EXIT_USAGE, add_build_options, overrides_from_args, run_options
from generator.cli.output import Progress, build_summary
from generator.config import SiteConfig
from generator.devserver import DevServer, Options, PortInUse


def register(commands: argparse._SubParsersAction) -> None:
    watch = commands.add_parser("watch", help="build, then rebuild whenever content, seeds, themes or site.toml change")
    serve = commands.add_parser("serve", help="watch, and preview the site on 127.0.0.1 with live reload")
    for parser in (watch, serve):
        add_build_options(parser)
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


def options_from(args: argparse.Namespace) -> Options:
    return Options(
        config_file=args.config.resolve(),
        overrides=overrides_from_args(args),
        with_import=not args.no_import,
        run=run_options(args),
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
            report = dev.start(Progress(args.quiet))
            print(build_summary(report), flush=True)
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
