"""The import report: every seed with its outcome and its warnings, as JSON (`import --report FILE`,
`build --import-report FILE`), and the one-screen summary of it the terminal gets.

Deterministic: seeds sorted by name, warnings in the order the importer found them, no times.
Outcomes: imported, updated, unchanged, conflict (the content file was edited by hand and left alone),
quarantined (could not be imported; copied to .broadsheet/quarantine/ with its diagnostics) and, in a dry
run, rejected (the same, nothing copied).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic
from generator.fsutil import atomic_write
from generator.importer.quarantine import FOLDER, SUFFIX
from generator.model import ImportReport, ImportResult

OUTCOMES = ("imported", "updated", "unchanged", "conflict", "quarantined", "rejected")
SHOWN = 10  # doubtful seeds shown in the terminal


def outcome(result: ImportResult, dry_run: bool) -> str:
    return "quarantined" if result.status == "rejected" and not dry_run else result.status


def report_json(report: ImportReport, dry_run: bool = False) -> dict[str, Any]:
    results = sorted(report.results, key=lambda r: r.seed)
    return {
        "counts": _outcome_counts(report, dry_run),
        "warnings": dict(sorted(_warning_counts(report).items())),
        "seeds": [_seed(r, dry_run) for r in results],
        "diagnostics": [str(d) for d in report.diagnostics],
    }


def write_report(path: Path, report: ImportReport, dry_run: bool = False) -> None:
    text = json.dumps(report_json(report, dry_run), indent=2, ensure_ascii=False) + "\n"
    atomic_write(path, text.encode("utf-8", "surrogateescape"))


def _seed(result: ImportResult, dry_run: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"seed": result.seed, "outcome": outcome(result, dry_run)}
    if result.content_path:
        entry["content"] = result.content_path
    if result.reason:
        entry["reason"] = result.reason
    if entry["outcome"] == "quarantined":
        entry["quarantine"] = f"{FOLDER.as_posix()}/{result.seed}"
        entry["diagnostics"] = f"{FOLDER.as_posix()}/{result.seed}{SUFFIX}"
    entry["warnings"] = [_warning(w) for w in result.warnings]
    return entry


def _warning(diagnostic: Diagnostic) -> dict[str, Any]:
    return {"code": diagnostic.code, "line": diagnostic.line, "message": diagnostic.message}


def _outcome_counts(report: ImportReport, dry_run: bool) -> dict[str, int]:
    counts = Counter(outcome(r, dry_run) for r in report.results)
    return {name: counts[name] for name in OUTCOMES if name != ("quarantined" if dry_run else "rejected")}


def _warning_counts(report: ImportReport) -> Counter:
    return Counter(w.code for r in report.results for w in r.warnings)


def summary_lines(report: ImportReport, has_report: bool, shown: int = SHOWN) -> list[str]:
    """Counts per warning kind and the first doubtful seeds, for the terminal; nothing when none is doubtful."""
    kinds = _warning_counts(report)
    if not kinds:
        return []
    doubtful = sorted((r for r in report.results if r.warnings), key=lambda r: r.seed)
    lines = ["Warnings: " + ", ".join(f"{n:,} {code}" for code, n in sorted(kinds.items()))]
    lines += [str(w) for r in doubtful[:shown] for w in r.warnings]
    if len(doubtful) > shown:
        more = f"… and {len(doubtful) - shown:,} more doubtful seeds"
        lines.append(more + ("; see the report for all" if has_report else "; see --report FILE for all"))
    return lines
