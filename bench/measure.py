"""Run one build and measure it: wall and CPU time, peak memory, and what it left in the output.

Peak memory is the larger of two readings:
- GNU time's "Maximum resident set size" (exact, but for the largest single process only), and
- the sum of RSS over the whole process tree, sampled every SAMPLE_S with psutil (catches worker
  processes; it counts pages that forked workers share once per process, so it errs high).
The tree's summed PSS (shared pages split between processes) is kept too, sampled every
PSS_EVERY-th time since reading it costs more.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

SAMPLE_S = 0.1
PSS_EVERY = 5
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")
Snapshot = dict[str, tuple[int, int, int]]  # relative path -> (mtime_ns, size, inode)


@dataclass
class Build:
    """One timed build."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    max_process_mb: float
    tree_rss_mb: float
    tree_pss_mb: float
    html_pages: int
    files: int
    bytes: int
    files_written: int  # files new or rewritten by this build (mtime or inode changed)
    files_removed: int
    load_before: float  # 1-minute load average, to spot a busy machine
    summary: str  # the tool's own last output line (Broadsheet: "N written, M unchanged, K removed")

    def as_dict(self) -> dict:
        return asdict(self)


class BuildFailed(RuntimeError):
    pass


def snapshot(output: Path) -> Snapshot:
    """Every file under output, with what tells a rewrite apart from an untouched file."""
    found: Snapshot = {}
    if not output.is_dir():
        return found
    for dirpath, _, names in os.walk(output):
        for name in names:
            path = os.path.join(dirpath, name)
            st = os.stat(path)
            found[os.path.relpath(path, output)] = (st.st_mtime_ns, st.st_size, st.st_ino)
    return found


def run_build(command: list[str], cwd: Path, output: Path, log: Path, env: dict[str, str] | None = None) -> Build:
    """Runs command once, from cwd, and measures it; output is the tree the build writes."""
    before = snapshot(output)
    load = os.getloadavg()[0]
    cpu_before = _children_cpu()
    with tempfile.NamedTemporaryFile(prefix="bench-time-", suffix=".txt", delete=False) as handle:
        time_file = Path(handle.name)
    wrapped = [GNU_TIME, "-v", "-o", str(time_file), *command] if GNU_TIME else command
    with open(log, "ab") as sink:
        sink.write(f"\n$ {' '.join(command)}\n".encode())
        sink.flush()
        log_offset = sink.tell()
        started = time.perf_counter()
        proc = subprocess.Popen(
            wrapped, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        sampler = _TreeSampler(proc.pid, skip_root=bool(GNU_TIME))
        sampler.start()
        returncode = proc.wait()
        seconds = time.perf_counter() - started
        sampler.stop()
    cpu_seconds = _children_cpu() - cpu_before
    printed = _read_from(log, log_offset)
    time_report = _read_time_report(time_file)
    time_file.unlink(missing_ok=True)
    if returncode != 0:
        tail = "\n".join(printed.splitlines()[-15:])
        raise BuildFailed(f"{' '.join(command)} exited {returncode}; see {log}:\n{tail}")
    after = snapshot(output)
    max_process_mb = time_report.get("max_rss_kb", 0) / 1024
    return Build(
        seconds=round(seconds, 3),
        cpu_seconds=round(cpu_seconds, 3),
        peak_mb=round(max(max_process_mb, sampler.peak_rss_mb), 1),
        max_process_mb=round(max_process_mb, 1),
        tree_rss_mb=round(sampler.peak_rss_mb, 1),
        tree_pss_mb=round(sampler.peak_pss_mb, 1),
        html_pages=sum(1 for rel in after if rel.endswith(".html")),
        files=len(after),
        bytes=sum(size for _, size, _ in after.values()),
        files_written=sum(1 for rel, stat in after.items() if _rewritten(before.get(rel), stat)),
        files_removed=sum(1 for rel in before if rel not in after),
        load_before=round(load, 2),
        summary=_last_line(printed),
    )


class _TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process tree until stopped."""

    def __init__(self, pid: int, skip_root: bool):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.skip_root = skip_root  # the root is GNU time itself: measure only what it runs
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        self._samples = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self._sample()
            self._done.wait(SAMPLE_S)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _sample(self) -> None:
        try:
            procs = self.root.children(recursive=True) + ([] if self.skip_root else [self.root])
        except psutil.Error:
            return
        with_pss = self._samples % PSS_EVERY == 0
        self._samples += 1
        rss = pss = 0
        for proc in procs:
            try:
                info = proc.memory_full_info() if with_pss else proc.memory_info()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
        self.peak_rss_mb = max(self.peak_rss_mb, rss / 2**20)
        if with_pss:
            self.peak_pss_mb = max(self.peak_pss_mb, pss / 2**20)


def _children_cpu() -> float:
    """User + system CPU seconds of every finished child process and its own waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _rewritten(before: tuple[int, int, int] | None, after: tuple[int, int, int]) -> bool:
    """New, or written again: a rewrite in place bumps the mtime, an atomic replace changes the inode."""
    return before is None or before[0] != after[0] or before[2] != after[2]


def _read_time_report(path: Path) -> dict[str, float]:
    """GNU time -v: the peak RSS in kB of the largest process."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return {"max_rss_kb": int(m.group(1))} if m else {}


def _read_from(log: Path, offset: int) -> str:
    with open(log, "rb") as handle:
        handle.seek(offset)
        return handle.read().decode("utf-8", errors="replace")


def _last_line(text: str) -> str:
    """The tool's last line; for Broadsheet its `Built …` summary, with its `Search index: …` line after a
    `|` when the build indexed anything again (the search stage's own time, inside the build's)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    built = [line for line in lines if line.startswith("Built ")]
    searched = [line for line in lines if line.startswith("Search index: ")]
    if not built:
        return lines[-1] if lines else ""
    return built[-1] + (f" | {searched[-1]}" if searched else "")
