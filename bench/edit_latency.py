#!/usr/bin/env python3
"""Edit-to-served latency of `build.py serve`: the time from writing an article's Markdown file to the
moment an HTTP GET of that article's URL returns the new text.

    .venv/bin/python bench/edit_latency.py                   # 20,950 articles (make_seeds.py --copies 10)
    .venv/bin/python bench/edit_latency.py --copies 1        # 2,095 articles
    .venv/bin/python bench/edit_latency.py --work /tmp/x10   # keep the site in /tmp/x10 and reuse it

It runs in the project's virtualenv (made by `python3 build.py`), as it reads the site with
Broadsheet's own loader to pick the article to edit.

It builds a site from the BBC corpus, starts `serve` on a free port, makes one warm-up edit, then
RUNS times appends a unique sentence to one article and polls its URL every 5 ms. It prints each
run and the median, for "served" (the GET shows the new text) and "announced" (the build epoch
moved, which is when open browsers reload). Acceptance: a served median under 0.3 s at --copies 10.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAKE_SEEDS = Path("/work/shared/corpus/make_seeds.py")
POLL_SECONDS = 0.005
EVENTS = "/__broadsheet/events"


def main() -> int:
    args = parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix=f"broadsheet-latency-x{args.copies}-"))
    config_file = make_site(work, args.copies, args.make_seeds)
    server = Serve(config_file)
    try:
        started = time.perf_counter()
        base = server.url(timeout=args.startup_timeout)
        print(f"serve ready at {base} after {time.perf_counter() - started:.1f} s (first build included)", flush=True)
        served, announced = measure(config_file, base, args.runs)
    finally:
        server.stop()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print("serve's own lines for the measured rebuilds:")
    for line in server.lines[-args.runs :]:
        print(f"  {line}")
    print(
        f"median of {args.runs} at --copies {args.copies}: served {statistics.median(served):.3f} s, "
        f"announced {statistics.median(announced):.3f} s (target: served < 0.300 s)"
    )
    return 0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10, help="make_seeds.py --copies (10: 20,950 articles)")
    parser.add_argument("--runs", type=int, default=5, help="measured edits (default: 5)")
    parser.add_argument("--work", type=Path, help="site folder to use and keep (reused when it already has seeds)")
    parser.add_argument(
        "--make-seeds", type=Path, default=MAKE_SEEDS, help=f"the corpus script (default: {MAKE_SEEDS})"
    )
    parser.add_argument("--startup-timeout", type=float, default=3600, help="seconds to wait for the first build")
    return parser.parse_args()


def make_site(work: Path, copies: int, make_seeds: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    config_file = work / "site.toml"
    if not config_file.exists():
        shutil.copy(ROOT / "site.toml", config_file)
    if not (work / "seeds").is_dir():
        subprocess.run([sys.executable, str(make_seeds), str(work / "seeds"), "--copies", str(copies)], check=True)
    return config_file


class Serve:
    """`build.py serve --port 0` in a subprocess, its output collected on threads."""

    def __init__(self, config_file: Path):
        python = ROOT / ".venv" / "bin" / "python"
        command = [
            str(python if python.exists() else sys.executable),
            str(ROOT / "build.py"),
            "--config",
            str(config_file),
            "serve",
            "--port",
            "0",
        ]
        env = {**os.environ, "BROADSHEET_NO_VENV": "1"}
        self.process = subprocess.Popen(
            command, cwd=config_file.parent, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.lines: list[str] = []  # stdout: the summary and one line per rebuild
        self.notes: list[str] = []  # stderr: diagnostics and "Serving …"
        self.readers = [
            threading.Thread(target=self._read, args=(stream, sink), daemon=True)
            for stream, sink in ((self.process.stdout, self.lines), (self.process.stderr, self.notes))
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, sink: list[str]) -> None:
        for line in stream:
            sink.append(line.rstrip("\n"))

    def url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.notes:
                if match := re.match(r"Serving (http://\S+)", line):
                    return match.group(1)
            if self.process.poll() is not None:
                sys.exit("serve exited:\n" + "\n".join(self.notes[-20:]))
            time.sleep(0.1)
        sys.exit(f"serve did not start within {timeout:.0f} s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def measure(config_file: Path, base: str, runs: int) -> tuple[list[float], list[float]]:
    from generator.config import load_config

    config = load_config(config_file.resolve(), {"base_url": base})
    article, url = pick_article(config)
    original = article.read_bytes()
    client = Client(base)
    served, announced = [], []
    try:
        for run in range(runs + 1):
            result = edit_and_wait(article, url, client, f"Latency probe {run} {uuid.uuid4().hex}.")
            label = "warm-up" if run == 0 else f"run {run}"
            print(f"{label}: served {result[0]:.3f} s, announced {result[1]:.3f} s", flush=True)
            if run:
                served.append(result[0])
                announced.append(result[1])
    finally:
        article.write_bytes(original)
    return served, announced


def pick_article(config) -> tuple[Path, str]:
    """A content file in the middle of the archive, and the URL path of its page."""
    from generator.site.load import load_file
    from generator.site.routes import Urls

    files = sorted(config.content_path.rglob("*.md"))
    path = files[len(files) // 2]
    article = load_file(path, path.relative_to(config.root).as_posix())
    return path, Urls(config).link(Urls(config).article(article))


def edit_and_wait(article: Path, url: str, client: Client, sentence: str) -> tuple[float, float]:
    """Seconds from the write until the page shows the sentence, and until the epoch moves."""
    epoch = client.epoch()
    epoch_moved: list[float] = []
    watcher = threading.Thread(target=lambda: epoch_moved.append(client.wait_beyond(epoch)), daemon=True)
    watcher.start()
    started = time.perf_counter()
    with open(article, "a", encoding="utf-8") as handle:
        handle.write(f"\n{sentence}\n")
    while sentence.encode() not in client.get(url):
        time.sleep(POLL_SECONDS)
    served = time.perf_counter() - started
    watcher.join(timeout=600)
    return served, (epoch_moved[0] - started) if epoch_moved else float("nan")


class Client:
    def __init__(self, base: str):
        host_port = base.split("//", 1)[1].rstrip("/")
        self.host, port = host_port.rsplit(":", 1)
        self.port = int(port)
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def get(self, path: str) -> bytes:
        self.connection.request("GET", path)
        return self.connection.getresponse().read()

    def epoch(self) -> int:
        return json.loads(self.get(f"{EVENTS}?since=-1"))["epoch"]

    def wait_beyond(self, epoch: int) -> float:
        """Long-poll until the epoch moves (on a separate connection); returns the perf_counter then."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=600)
        while True:
            connection.request("GET", f"{EVENTS}?since={epoch}")
            if json.loads(connection.getresponse().read())["epoch"] != epoch:
                return time.perf_counter()


if __name__ == "__main__":
    sys.exit(main())
