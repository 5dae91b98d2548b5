"""What becomes of each seed, as the import settles it: the outcome values, and the seeds settled before
any parse (unchanged by the import manifest or by their bytes, unreadable, oversized)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic, error, warning
from generator.importer.existing import Content, Existing
from generator.importer.manifest import ManifestFile, Seen, Signature, signature
from generator.importer.names import Names
from generator.importer.pool import Job, Prepared
from generator.importer.seedfiles import Unreadable, read_seed
from generator.model import ImportResult

Notes = tuple[Diagnostic, ...]
Outcome = tuple[ImportResult | None, Notes, Seen | None]  # result, notes, manifest entry


class Early:
    """Settles the seeds that need no parse: unchanged (by the manifest, or by their bytes' hash), unreadable
    and oversized. The rest become jobs. With `warnings`, an unchanged seed whose warnings the manifest does
    not know is parsed for them (a report lists every seed's); without, they are recorded as unknown."""

    def __init__(self, config: SiteConfig, content: Content, manifest: ManifestFile, names: Names, force: bool):
        self.config, self.content, self.manifest, self.names, self.force = config, content, manifest, names, force
        self.warnings = True  # set False by a build

    def settle(self, rel: str, seed_file: str, jobs: list[Job]) -> Outcome | None:
        existing = self.content.existing.get(rel)
        seen = self.manifest.entries.get(rel)
        try:
            sig = signature(os.stat(seed_file))
        except OSError:
            sig = (-1, -1, -1, -1)
        known = seen is not None and (seen.warnings is not None or not self.warnings)
        if seen is not None and existing is not None and known and not self.force and self._holds(seen, sig, existing):
            return self._unchanged(rel, seen)
        shown = self.names.shown(Path(seed_file))
        data = read_seed(seed_file, self.config.max_seed_bytes)
        if isinstance(data, Unreadable):
            if data.skipped:  # not a seed after all: no result, a warning
                return None, (warning(shown, None, "not-a-seed", data.reason),), None
            return rejected(rel, shown, data.reason)
        digest = hashlib.sha256(data).hexdigest()
        settled = existing is not None and existing.seed_sha256 == digest and not self.force
        if settled and existing is not None and (known and seen and seen.sha256 == digest or not self.warnings):
            full = existing.full
            kept = seen.warnings if seen is not None and seen.sha256 == digest else None
            entry = Seen(sig, full, self.content.signatures.get(full, sig), digest, existing.slug, kept)
            return self._unchanged(rel, entry)
        jobs.append(Job(rel, shown, data, digest, sig, settled))
        return None

    def _unchanged(self, rel: str, seen: Seen) -> Outcome:
        return result(rel, "unchanged", self.names.shown_full(seen.content), warnings=seen.warnings or ()), (), seen

    def _holds(self, seen: Seen, sig: Signature, existing: Existing) -> bool:
        """The seed is as the manifest saw it, and so is the content file the scan found for it."""
        return (
            seen.seed == sig
            and seen.content == existing.full
            and self.content.signatures.get(seen.content) == seen.content_sig
        )


def conflict(rel: str, shown: str, warned: tuple[Diagnostic, ...]) -> ImportResult:
    reason = "edited by hand since the last import; use --force to replace it"
    return result(rel, "conflict", shown, reason, warned)


def result(
    rel: str, status: str, shown: str = "", reason: str = "", warnings: tuple[Diagnostic, ...] = ()
) -> ImportResult:
    return ImportResult(rel, status, shown, reason, warnings)


def warnings_of(prepared: Prepared) -> tuple[Diagnostic, ...]:
    """What the report lists for a seed: its warnings, then the importer's doubts about it."""
    return tuple(n for n in prepared.notes if n.severity == "warning") + prepared.doubts


def rejected(rel: str, shown: str, reason: str) -> Outcome:
    return result(rel, "rejected", reason=reason), (error(shown, None, "rejected", reason),), None
