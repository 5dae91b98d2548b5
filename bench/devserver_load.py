#!/usr/bin/env python3
"""Load on the preview server: many concurrent loopback clients GET built pages; prints p50/p95/p99
latency, errors and count, and (with --site) counts the tracebacks the server printed meanwhile.

    .venv/bin/python bench/devserver_load.py --site /tmp/site/site.toml   # starts `build.py serve --port 0`
    .venv/bin/python bench/devserver_load.py --url http://127.0.0.1:8000/ # a server that is already running
    .venv/bin/python bench/devserver_load.py --site … --clients 200 --requests 2000 --max-p99 0.2 --json

Traffic goes to loopback only (127.0.0.1, ::1 or localhost): any other host is refused. Each client
is one keep-alive connection on one asyncio loop; it opens a new connection when the server closes
one, and retries once a request that a reused connection lost before any byte of the answer, as
browsers do. A latency is the time from sending a request to its last body byte, reconnects included; a failed
request counts in the percentiles at the time it took to fail (a timeout at --timeout).
Acceptance (the issue "Builds you can trust"): 200 clients, 2,000 requests, p99 under 0.2 s, 0 errors.
Exit status: 0 when every request succeeded, no traceback was printed and p99 is within --max-p99.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import math
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclass(frozen=True)
class Result:
    latencies: tuple[float, ...]
    errors: tuple[str, ...]
    seconds: float

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile, in seconds (0 when nothing ran)."""
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else 0.0

    def summary(self, tracebacks: int | None) -> dict:
        return {
            "count": len(self.latencies),
            "ok": len(self.latencies) - len(self.errors),
            "errors": len(self.errors),
            "error_kinds": sorted(set(self.errors))[:10],
            "p50": self.percentile(50),
            "p95": self.percentile(95),
            "p99": self.percentile(99),
            "max": max(self.latencies, default=0.0),
            "seconds": self.seconds,
            "requests_per_second": len(self.latencies) / self.seconds if self.seconds else 0.0,
            "tracebacks": tracebacks,
        }


class Connection:
    """One client's keep-alive connection; `get` answers the status and reconnects as needed."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        reused = self.writer is not None
        try:
            return await self._exchange(path)
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            self.close()
            if reused and (not isinstance(exc, asyncio.IncompleteReadError) or not exc.partial):
                return await self._exchange(path)  # the server had closed an idle connection: retry once
            raise

    async def _exchange(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        headers = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return int(status_line.split()[1])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def client(
    host: str,
    port: int,
    paths: list[str],
    queue: asyncio.Queue,
    timeout: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    connection = Connection(host, port)
    while True:
        try:
            n = queue.get_nowait()
        except asyncio.QueueEmpty:
            break
        started = time.perf_counter()
        try:
            status = await asyncio.wait_for(connection.get(paths[n % len(paths)]), timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            connection.close()
            status, kind = 0, type(exc).__name__
        else:
            kind = f"HTTP {status}"
        latencies.append(time.perf_counter() - started)  # a failure counts too, at the time it took to fail
        if status != 200:
            errors.append(kind)
    connection.close()


async def run_load(base: str, paths: list[str], clients: int, requests: int, timeout: float) -> Result:
    parts = urlsplit(base)
    queue: asyncio.Queue = asyncio.Queue()
    for n in range(requests):
        queue.put_nowait(n)
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(
        *(client(parts.hostname, parts.port, paths, queue, timeout, latencies, errors) for _ in range(clients))
    )
    return Result(tuple(latencies), tuple(errors), time.perf_counter() - started)


def discover(base: str, limit: int) -> list[str]:
    """The front page and up to `limit` - 1 pages it links to on the same server."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path or "/")
        page = connection.getresponse().read().decode("utf-8", "replace")
    finally:
        connection.close()
    found = [parts.path or "/"]
    for href in re.findall(r'href="([^"#]+)"', page):
        target = urlsplit(urljoin(base, href))
        if target.netloc == parts.netloc and target.path not in found and not target.path.endswith(".xml"):
            found.append(target.path)
    return found[:limit]


class Serve:
    """`build.py serve --port 0` for a site; its stderr is kept to count tracebacks."""

    def __init__(self, config_file: Path):
        env = {**os.environ, "BROADSHEET_NO_VENV": "1"}
        command = [sys.executable, str(ROOT / "build.py"), "--config", str(config_file), "serve", "--port", "0"]
        self.process = subprocess.Popen(
            command, cwd=config_file.parent, env=env, text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.append(line.rstrip("\n"))

    def url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in list(self.lines):
                if match := re.match(r"Serving (\S+)", line):
                    return match.group(1)
            time.sleep(0.05)
        raise SystemExit("serve did not start:\n" + "\n".join(self.lines))

    def stop(self) -> int:
        """Stop the server; the number of tracebacks it printed."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        return sum("Traceback (most recent call last)" in line for line in self.lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8000/")
    where.add_argument("--site", type=Path, help="a site.toml: serve it with build.py serve --port 0 for the run")
    parser.add_argument("--clients", type=int, default=200, help="concurrent connections (default 200)")
    parser.add_argument("--requests", type=int, default=2000, help="requests in all (default 2,000)")
    parser.add_argument("--pages", type=int, default=20, help="distinct pages to request (default 20)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request counts as an error")
    parser.add_argument("--startup-timeout", type=float, default=120.0, help="seconds to wait for serve to start")
    parser.add_argument("--warmup", type=int, default=50, help="sequential requests before the run (default 50)")
    parser.add_argument("--max-p99", type=float, help="fail (exit 1) when p99 exceeds this many seconds")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = parser.parse_args(argv)
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("--url must point at loopback (127.0.0.1, ::1 or localhost)")
    if not 0 < args.clients <= 1000 or not 0 < args.requests <= 100_000:
        parser.error("--clients must be 1-1000 and --requests 1-100,000")
    return args


def measure(base: str, args: argparse.Namespace) -> Result:
    paths = discover(base, args.pages)
    asyncio.run(run_load(base, paths, 1, args.warmup, args.timeout))  # warm the page cache, not measured
    return asyncio.run(run_load(base, paths, args.clients, args.requests, args.timeout))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    serve = Serve(args.site.resolve()) if args.site else None
    tracebacks = None
    try:
        base = serve.url(args.startup_timeout) if serve else args.url
        result = measure(base, args)
    finally:
        if serve:
            tracebacks = serve.stop()
    summary = summary_of(result, tracebacks, args)
    print(json.dumps(summary) if args.json else format_summary(summary), flush=True)
    return 0 if summary["passed"] else 1


def summary_of(result: Result, tracebacks: int | None, args: argparse.Namespace) -> dict:
    summary = {"clients": args.clients, **result.summary(tracebacks)}
    summary["passed"] = (
        summary["errors"] == 0
        and not tracebacks
        and summary["count"] == args.requests
        and (args.max_p99 is None or summary["p99"] <= args.max_p99)
    )
    return summary


def format_summary(s: dict) -> str:
    ms = {key: f"{s[key] * 1000:.1f} ms" for key in ("p50", "p95", "p99", "max")}
    lines = [
        f"{s['count']:,} requests from {s['clients']} clients in {s['seconds']:.2f} s "
        f"({s['requests_per_second']:,.0f}/s)",
        f"p50 {ms['p50']}  p95 {ms['p95']}  p99 {ms['p99']}  max {ms['max']}",
        f"errors {s['errors']}" + (f" ({', '.join(s['error_kinds'])})" if s["errors"] else ""),
    ]
    if s["tracebacks"] is not None:
        lines.append(f"tracebacks in the server's log {s['tracebacks']}")
    return "\n".join(lines + ["PASS" if s["passed"] else "FAIL"])


if __name__ == "__main__":
    sys.exit(main())
