#!/usr/bin/env python3
"""Times the importer on the BBC corpus: `make_seeds.py --copies 10` (20,950 seeds) into a temporary
site, then a cold import (target < 60 s) and an unchanged re-import (target < 5 s).

    .venv/bin/python bench/import_bench.py [--copies N] [--jobs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import SiteConfig  # noqa: E402
from generator.importer.ingest import import_seeds  # noqa: E402

MAKE_SEEDS = ROOT.parent / "shared" / "corpus" / "make_seeds.py"


def cpu_seconds() -> float:
    """CPU time of this process and its finished workers: the machine's load does not inflate it."""
    return sum(
        resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )


def timed(config: SiteConfig) -> tuple[float, float, dict[str, int]]:
    started, cpu = time.perf_counter(), cpu_seconds()
    report = import_seeds(config)
    seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    counts = {
        s: report.count(s) for s in ("imported", "updated", "unchanged", "conflict", "rejected") if report.count(s)
    }
    return seconds, cpu, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: one per core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="broadsheet-import-bench-") as folder:
        root = Path(folder)
        subprocess.run(
            [sys.executable, str(MAKE_SEEDS), str(root / "seeds"), "--copies", str(args.copies)],
            check=True,
            capture_output=True,
        )
        config = SiteConfig(root=root, jobs=args.jobs)
        load = os.getloadavg()
        seeds = sum(1 for p in (root / "seeds").rglob("*") if p.is_file())
        cold, cold_cpu, cold_counts = timed(config)
        warm, warm_cpu, warm_counts = timed(config)
    print(f"seeds: {seeds:,}; load average before: {' '.join(f'{x:.1f}' for x in load)}")
    print(f"cold import:      {cold:6.2f} s wall, {cold_cpu:6.2f} s CPU  {cold_counts}  (target < 60 s)")
    print(f"unchanged import: {warm:6.2f} s wall, {warm_cpu:6.2f} s CPU  {warm_counts}  (target < 5 s)")
    return 0 if cold < 60 and warm < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
