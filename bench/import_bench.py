#!/usr/bin/env python3
"""Times the importer on the BBC corpus, the way a user has it: `make_seeds.py --copies 10` (20,950 seeds)
into a temporary site's seeds/ folder, which stays there for every measurement.

  cold import          an empty content/ and cache, the report written (`import --report`)   target < 15 s
  unchanged import     the same import again, no report (every seed settled by a stat)      target < 0.3 s
  with --builds, through the command line (`build.py build`, which imports first), seeds present:
  no-change build      after a cold build, the same build again                               target < 1 s
  one-article edit     a sentence appended to one content file, then `build`                 target < 1.5 s

    .venv/bin/python bench/import_bench.py [--copies N] [--jobs N] [--runs N] [--builds]

Wall and CPU seconds are printed for each run, and the best and the spread of the runs: the machine is
shared, and CPU seconds (this process and its finished workers) are what the load inflates least.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli.importreport import write_report  # noqa: E402
from generator.config import SiteConfig  # noqa: E402
from generator.importer.ingest import import_seeds  # noqa: E402

MAKE_SEEDS = ROOT.parent / "shared" / "corpus" / "make_seeds.py"
TARGETS = {"cold import": 15.0, "unchanged import": 0.3, "no-change build": 1.0, "one-article edit": 1.5}


def cpu_seconds() -> float:
    """CPU time of this process and its finished workers: the machine's load does not inflate it."""
    return sum(
        resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )


def timed_import(config: SiteConfig, report: Path | None) -> tuple[float, float, str]:
    started, cpu = time.perf_counter(), cpu_seconds()
    result = import_seeds(config, today=config.build_date())
    if report is not None:
        write_report(report, result)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    counts = {s: result.count(s) for s in ("imported", "updated", "unchanged", "conflict", "rejected")}
    return seconds, cpu, ", ".join(f"{n:,} {s}" for s, n in counts.items() if n)


def timed_build(root: Path, jobs: int) -> tuple[float, float, str]:
    command = [sys.executable, str(ROOT / "build.py"), "build", "-q", "--jobs", str(jobs)]
    started, cpu = time.perf_counter(), cpu_seconds()
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=True)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return seconds, cpu, done.stdout.strip().splitlines()[-1]


def make_site(root: Path, copies: int, jobs: int) -> SiteConfig:
    subprocess.run(
        [sys.executable, str(MAKE_SEEDS), str(root / "seeds"), "--copies", str(copies)],
        check=True,
        capture_output=True,
    )
    (root / "site.toml").write_text('title = "Import bench"\nper_page = 20\n', encoding="utf-8")
    return SiteConfig(root=root, jobs=jobs, per_page=20)


def show(name: str, runs: list[tuple[float, float, str]]) -> None:
    for wall, cpu, what in runs:
        print(f"  {name:17} {wall:7.2f} s wall {cpu:7.2f} s CPU  {what}")
    walls = [wall for wall, _, _ in runs]
    best, spread = min(walls), max(walls) - min(walls)
    verdict = "met" if best < TARGETS[name] else "NOT met"
    target = f"target < {TARGETS[name]} s: {verdict}"
    print(f"{name:19} best {best:6.2f} s, spread {spread:5.2f} s over {len(runs)} runs  ({target})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default: 2, as the targets say)")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement (default: 2)")
    parser.add_argument(
        "--builds", action="store_true", help="also time no-change and edit builds (a cold build first)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="broadsheet-import-bench-") as folder:
        root = Path(folder)
        config = make_site(root, args.copies, args.jobs)
        seeds = sum(1 for p in (root / "seeds").rglob("*") if p.is_file())
        print(
            f"{seeds:,} seeds in {root / 'seeds'}, present for every measurement; --jobs {args.jobs}; "
            f"{os.cpu_count()} cores; load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        cold, warm = [], []
        for run in range(args.runs):
            for name in ("content", ".cache", ".broadsheet"):
                shutil.rmtree(root / name, ignore_errors=True)
            cold.append(timed_import(config, root / f"report-{run}.json"))
            warm.append(timed_import(config, None))
        show("cold import", cold)
        show("unchanged import", warm)
        if args.builds:
            timed_build(root, args.jobs)  # the cold build, not timed
            same = [timed_build(root, args.jobs) for _ in range(args.runs)]
            edits = []
            article = sorted((root / "content").rglob("*.md"))[seeds // 2]
            for run in range(args.runs):
                with open(article, "a", encoding="utf-8") as handle:
                    handle.write(f"\nAn edit for the benchmark, number {run}.\n")
                edits.append(timed_build(root, args.jobs))
            show("no-change build", same)
            show("one-article edit", edits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
