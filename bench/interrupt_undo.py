#!/usr/bin/env python3
"""Interrupt-and-undo on the BBC corpus: stopped builds never leave a page a later build trusts.

    python3 bench/interrupt_undo.py [--sequences 50] [--out /tmp/broadsheet-interrupt]

Makes a site from the 2,095 BBC seeds (../shared/corpus/make_seeds.py), builds it once into an
empty folder (the reference), then runs N random sequences. Each sequence makes one to three
edits (the article template, an article's body, title or tags), starts a CLI build after each and
stops it partway (SIGINT or SIGKILL to the build, or SIGKILL to one of its workers, once the
build's journal has a random number of lines), undoes every edit, builds again, and compares
the output tree, file by file, with the reference. Prints one line per sequence and a summary.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
MAKE_SEEDS = PROJECT.parent / "shared" / "corpus" / "make_seeds.py"
HOW = ("sigint", "sigkill", "kill-worker")
LINES_WRITTEN = {"template": 2095, "title": 30, "tags": 30, "body": 1}  # about what each edit's build journals


def make_site(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    subprocess.run([sys.executable, str(MAKE_SEEDS), str(root / "seeds")], check=True, stdout=subprocess.DEVNULL)
    (root / "site.toml").write_text(
        'title = "BBC"\ntheme = "local"\nbase_url = "https://example.org/"\nbuild_time = "2020-01-01T00:00:00"\n'
    )
    theme = root / "themes" / "local" / "templates"
    theme.mkdir(parents=True)
    (theme.parent / "theme.toml").write_text('extends = "default"\n')
    shutil.copy(PROJECT / "themes" / "default" / "templates" / "article.html", theme / "article.html")


def digests(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def journal_lines(root: Path) -> int:
    try:
        return (root / ".cache" / "journal").read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def run_build(root: Path, how: str = "none", after: int = 0) -> tuple[int, bool, str]:
    """A CLI build, stopped as `how` once the journal has `after` lines; (exit status, stopped, stderr)."""
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "-q", "build", "--no-import", "--jobs", "2"],
        cwd=root,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    stopped, deadline = False, time.monotonic() + 600
    while how != "none" and process.poll() is None and time.monotonic() < deadline:
        if journal_lines(root) >= after:
            victims = children(process.pid)[:1] if how == "kill-worker" else [process.pid]
            for pid in victims:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGINT if how == "sigint" else signal.SIGKILL)
                    stopped = True
            break
        time.sleep(0.002)  # polling the journal for the moment to stop at
    _, err = process.communicate(timeout=600)
    return process.returncode, stopped, err.decode("utf-8", "replace")


def edit(root: Path, rng: random.Random) -> str:
    kind = rng.choice(["template", "body", "title", "tags"])
    if kind == "template":
        path = root / "themes" / "local" / "templates" / "article.html"
        path.write_text(path.read_text().replace('class="body"', f'class="body" data-v{rng.randrange(999)}=""', 1))
        return kind
    files = sorted((root / "content").rglob("*.md"))
    path = rng.choice(files)
    text = path.read_text()
    if kind == "body":
        path.write_text(text + "\nAn added closing line.\n")
    elif kind == "title":
        path.write_text(text.replace("title: ", "title: Edited ", 1))
    else:
        path.write_text(text.replace("tags: [", "tags: [Edited Tag, ", 1))
    return kind


def sequence(root: Path, rng: random.Random) -> tuple[list[str], int]:
    saved = {p: p.read_bytes() for p in [*(root / "content").rglob("*.md"), *(root / "themes").rglob("*.html")]}
    steps = []
    for _ in range(rng.randint(1, 3)):
        kind, how = edit(root, rng), rng.choice(HOW)
        after = rng.randint(1, LINES_WRITTEN[kind])
        code, stopped, err = run_build(root, how, after)
        if "Traceback" in err:
            raise SystemExit(f"a traceback from an interrupted build:\n{err}")
        steps.append(f"{kind}/{how}@{after}" + ("" if stopped else "(finished)"))
    for path, data in saved.items():
        if path.read_bytes() != data:
            path.write_bytes(data)
    code, _, err = run_build(root)
    return steps, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sequences", type=int, default=50)
    parser.add_argument("--out", type=Path, default=Path("/tmp/broadsheet-interrupt"))
    args = parser.parse_args()
    if not MAKE_SEEDS.exists():
        return print(f"needs the BBC corpus: {MAKE_SEEDS} is missing", file=sys.stderr) or 2
    root, started = args.out / "site", time.monotonic()
    make_site(root)
    subprocess.run([sys.executable, str(PROJECT / "build.py"), "-q", "build", "--jobs", "2"], cwd=root, check=True)
    reference = digests(root / "public")
    failures = 0
    for n in range(args.sequences):
        steps, code = sequence(root, random.Random(n))
        actual = digests(root / "public")
        differing = sorted(k for k in reference.keys() | actual.keys() if reference.get(k) != actual.get(k))
        failures += bool(differing or code)
        print(
            f"sequence {n + 1:2}: {' '.join(steps)}: exit {code}, {len(differing)} files differ"
            + (f" (first: {differing[0]})" if differing else ""),
            flush=True,
        )
    print(
        f"{args.sequences} sequences on {len(reference):,} files: {failures} with differences "
        f"from the clean build, in {time.monotonic() - started:.0f} s"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
