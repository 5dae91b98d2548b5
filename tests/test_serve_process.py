"""`serve` as a user runs it: a real process, a site big enough that rendering forks workers, then `kill`."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
from pathlib import Path

from helpers import REPO, cli_env


def make_site(root: Path, count: int) -> None:
    (root / "site.toml").write_text('title = "T"\nper_page = 2\n')
    for n in range(count):
        path = root / "content" / "2014" / "03" / f"story-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: Story {n}\ndate: 2014-03-{1 + n % 28:02d}\ntags: [Tag {n % 7}]\n---\nBody {n}.\n")


def serve_first_build_then_kill(root: Path) -> tuple[str, str, str, subprocess.Popen]:
    """Start `serve` in root, wait (up to 120 s) for its first build's summary line, then `kill` it:
    (that line, the rest of stdout, stderr, the process)."""
    process = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "serve", "--port", "0", "--jobs", "2"],
        cwd=root,
        env=cli_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    readable, _, _ = select.select([process.stdout], [], [], 120)
    first = process.stdout.readline() if readable else ""  # the first build's summary: it has finished
    process.send_signal(signal.SIGTERM)
    rest, stderr = process.communicate(timeout=60)
    return first, rest, stderr, process


def test_serve_stops_cleanly_after_a_forking_build(tmp_path):
    make_site(tmp_path, 300)
    first, rest, stderr, process = serve_first_build_then_kill(tmp_path)
    assert process.returncode == 0
    assert "Traceback" not in stderr, stderr
    assert first.startswith("Built ") and "Stopped." in stderr, (first + rest, stderr)


def test_serve_imports_a_fresh_site_in_worker_processes_and_finishes_its_first_build(tmp_path):
    """The first build of a fresh site imports its seeds in a forked pool while `serve` has turned
    SIGTERM into KeyboardInterrupt; the pool's workers must not inherit that, or one caught on the
    task queue's lock keeps the first build waiting for ever (seen once at x10)."""
    (tmp_path / "site.toml").write_text('title = "T"\nper_page = 2\n')
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for n in range(260):  # over the importer's parallel threshold
        title = f"Story Number {n} Is Reported"
        (seeds / f"story-{n}.txt").write_text(
            f"{title}\n\nBy [The Daily](#)\n\nMarch {1 + n % 28:02d}, 2014\n\nBody {n}.\n"
        )
    first, rest, stderr, process = serve_first_build_then_kill(tmp_path)
    assert first.startswith("Built ") and "260 articles" in first, (first + rest, stderr)
    assert process.returncode == 0 and "Traceback" not in stderr, stderr
