"""Medians, the Broadsheet/peer ratio table, the JSON results and the chart."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

SCENARIOS = {  # key -> label, in the order they run
    "cold": "cold build",
    "nochange": "no-change rebuild",
    "article": "one-article edit",
    "template": "template edit",
}
PEERS = ("hugo", "pelican", "pelican-cache")
SHORT = {"broadsheet": "Broadsheet", "hugo": "Hugo", "pelican": "Pelican", "pelican-cache": "Pelican+cache"}


def summarise(builds: list[dict]) -> dict:
    """The medians of one tool's runs of one scenario, plus every run."""

    def median(key: str) -> float:
        return round(statistics.median(b[key] for b in builds), 3)

    last = builds[-1]
    return {
        "median_s": median("seconds"),
        "median_cpu_s": median("cpu_seconds"),
        "median_peak_mb": median("peak_mb"),
        "median_peak_pss_mb": median("tree_pss_mb"),
        "median_files_written": median("files_written"),
        "html_pages": last["html_pages"],
        "files": last["files"],
        "bytes": last["bytes"],
        "runs": builds,
    }


def tool_totals(scenarios: dict[str, dict]) -> dict:
    cold = scenarios["cold"]
    return {
        "peak_mb": max(s["median_peak_mb"] for s in scenarios.values()),
        "peak_pss_mb": max(s["median_peak_pss_mb"] for s in scenarios.values()),
        "html_pages": cold["html_pages"],
        "files": cold["files"],
        "bytes": cold["bytes"],
    }


def ratios(results: dict[str, dict]) -> dict[str, dict[str, float | None]]:
    """Broadsheet's median divided by each peer's, per scenario, and for peak memory."""
    bs = results["broadsheet"]
    table: dict[str, dict[str, float | None]] = {}
    for peer in PEERS:
        if peer not in results:
            continue
        row = {s: _ratio(bs["scenarios"][s]["median_s"], results[peer]["scenarios"][s]["median_s"]) for s in SCENARIOS}
        row["peak_mb"] = _ratio(bs["peak_mb"], results[peer]["peak_mb"])
        row["peak_pss_mb"] = _ratio(bs["peak_pss_mb"], results[peer]["peak_pss_mb"])
        table[peer] = row
    return table


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def format_table(data: dict) -> str:
    """The printed table: medians per tool, then Broadsheet/peer ratios."""
    tools = data["tools"]
    keys = [k for k in ("broadsheet", *PEERS) if k in tools]
    peers = [k for k in PEERS if k in tools]
    head = f"{'':26}" + "".join(f"{SHORT[k]:>14}" for k in keys) + "".join(f"{'BS/' + SHORT[k]:>19}" for k in peers)
    lines = [
        f"Broadsheet vs peers, x{data['copies']} ({data['articles']:,} articles), "
        f"median of {data['runs']} run(s); wall seconds [CPU seconds]; ratios of wall time",
        head,
    ]
    for s, label in SCENARIOS.items():
        cells = "".join(f"{_secs(tools[k]['scenarios'][s]):>14}" for k in keys)
        lines.append(f"{label:26}{cells}" + "".join(f"{_x(data['ratios'][p][s]):>19}" for p in peers))
    for key, label in (("peak_mb", "peak memory, RSS (MB)"), ("peak_pss_mb", "peak memory, PSS (MB)")):
        lines.append(
            f"{label:26}"
            + "".join(f"{tools[k][key]:>14,.0f}" for k in keys)
            + "".join(f"{_x(data['ratios'][p][key]):>19}" for p in peers)
        )
    lines.append(f"{'HTML pages':26}" + "".join(f"{tools[k]['html_pages']:>14,}" for k in keys))
    lines.append(f"{'output (MB)':26}" + "".join(f"{tools[k]['bytes'] / 1e6:>14,.1f}" for k in keys))
    for s, label in SCENARIOS.items():
        lines.append(
            f"{'files written, ' + label:26}"
            + "".join(f"{tools[k]['scenarios'][s]['median_files_written']:>14,.0f}" for k in keys)
        )
    return "\n".join(lines)


def format_context(data: dict) -> str:
    """Versions, settings and how busy the machine was."""
    v = data["versions"]
    loads = [b["load_before"] for t in data["tools"].values() for s in t["scenarios"].values() for b in s["runs"]]
    codes = {b.get("code") for s in data["tools"]["broadsheet"]["scenarios"].values() for b in s["runs"]} - {None}
    text = (
        f"Broadsheet {v['broadsheet']} (--jobs {data['broadsheet_jobs']}), Hugo {v['hugo']}, "
        f"Pelican {v['pelican']}, Python {v['python']}; {data['machine']['cpus']} cores; 1-minute load average "
        f"before the builds: median {statistics.median(loads):.1f}, max {max(loads):.1f}"
    )
    if len(codes) > 1:
        text += f"\nWARNING: Broadsheet's code changed during the measurement ({len(codes)} versions were timed)"
    return text


def _secs(scenario: dict) -> str:
    return f"{scenario['median_s']:.2f} [{scenario['median_cpu_s']:.1f}]"


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def draw_chart(results_dir: Path, target: Path) -> list[Path]:
    """Build time against archive size, one panel per scenario, from every results-x*.json present."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    files = sorted(results_dir.glob("results-x*.json"), key=lambda p: int(p.stem.partition("-x")[2] or 0))
    runs = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    runs.sort(key=lambda r: r["articles"])
    fig, axes = plt.subplots(2, 2, figsize=(11, 8), sharex=True)
    for ax, (s, label) in zip(axes.flat, SCENARIOS.items(), strict=False):
        for key in ("broadsheet", *PEERS):
            points = [(r["articles"], r["tools"][key]["scenarios"][s]["median_s"]) for r in runs if key in r["tools"]]
            if points:
                xs, ys = zip(*points, strict=True)
                ax.plot(xs, ys, marker="o", label=SHORT[key])
                for x, y in points:
                    ax.annotate(f"{y:.1f}s", (x, y), textcoords="offset points", xytext=(4, 4), fontsize=7)
        ax.set_title(label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("articles")
        ax.set_ylabel("seconds (median, wall)")
        ax.grid(True, which="both", alpha=0.3)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:g} s"))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xticks([r["articles"] for r in runs])
    axes.flat[0].legend()
    sizes = ", ".join(f"x{r['copies']} = {r['articles']:,}" for r in runs)
    fig.suptitle(f"Build time against archive size ({sizes} articles; {runs[-1]['machine']['cpus']} cores)")
    fig.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=110)
    plt.close(fig)
    return files
