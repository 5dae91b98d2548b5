"""The I/O shell around `normalize`: seeds in, `content/` out.

Every seed ends as exactly one of: imported, updated, unchanged, conflict
(the content file was edited by hand since the last import) or rejected, with
a reason. A second import writes nothing; a hand edit is never overwritten
without --force; one bad file never stops the others. A file under seeds/
that is not a seed (a pipe, a link out of the site, …) is skipped with a warning.
The seed -> content mapping comes from the content files' own `seed:` fields,
looked up again before a new file is written, so no seed is imported twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from generator.config import SiteConfig
from generator.contentfile import hand_edited
from generator.diagnostics import Diagnostic, warning
from generator.fsutil import atomic_write
from generator.importer import outcomes, quarantine
from generator.importer.decode import decode_bytes
from generator.importer.existing import Content, Existing, read_existing, remove_stale, scan_content
from generator.importer.manifest import ManifestFile, Seen, Signature, signature
from generator.importer.names import Names as Names
from generator.importer.names import printable
from generator.importer.outcomes import Early, Notes, Outcome, conflict, warnings_of
from generator.importer.pool import Job, Prepared, prepare_all
from generator.importer.rules import Rules
from generator.importer.seedfiles import SeedFiles
from generator.model import ImportReport, ImportResult, NormalizedArticle
from generator.slugs import MAX_LENGTH


def import_seeds(
    config: SiteConfig,
    paths: list[Path] | None = None,
    force: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
    warnings: bool = True,
) -> ImportReport:
    """Every seed (or those of `paths`) into content/. With `warnings` (the default), the report lists every
    seed's warnings, parsing an unchanged seed whose warnings the manifest does not know; a build, which
    shows no report, passes False."""
    names = Names(config)
    finder = SeedFiles.of(config.seeds_path, config.root, names.shown)
    if paths is None:
        seed_files, skipped = finder.find_named()
    else:
        checked, skipped = finder.check(paths)
        seed_files = [(names.seed(path), str(path)) for path in checked]
    jobs: list[Job] = []
    with _collector_paused():  # tens of thousands of small tuples, none of them garbage
        manifest = ManifestFile(config, trust=not force)
        content = scan_content(config.content_path, manifest.content_known())
        early_settler = Early(config, content, manifest, names, force)
        early_settler.warnings = warnings
        settle = early_settler.settle
        early = [settle(rel, full, jobs) for rel, full in seed_files]
    rules = Rules(outlets=frozenset(config.outlets), max_tags=config.max_tags, today=today)
    prepared = prepare_all(jobs, rules, config.jobs)
    writer = _Writer(config, content, force, dry_run, names, manifest.before_write)
    final = [outcome if outcome is not None else writer.finish(next(prepared)) for outcome in early]
    done = [(full, o) for (_, full), o in zip(seed_files, final, strict=True) if o[0] is not None]
    notes = [*skipped, *_cleanup(content, dry_run, names, manifest), *_duplicates(content, done, names)]
    notes += (d for _, found, _ in final for d in found)
    if not dry_run:
        notes += _quarantine(config, done, manifest)
        manifest.save(_entries(manifest, done, paths is None))
    results = tuple(r if printable(r.seed) == r.seed else replace(r, seed=printable(r.seed)) for r in _only(done))
    return ImportReport(results, tuple(notes))


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the unchanged seeds are settled: it would walk every tuple
    made so far, again and again, for a third of the time of an import that changes nothing."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _only(done: list[tuple[str, Outcome]]) -> list[ImportResult]:
    return [result for _, (result, _, _) in done if result is not None]


def _entries(manifest: ManifestFile, done: list[tuple[str, Outcome]], whole: bool) -> dict[str, Seen]:
    """The next manifest: every seed this import settled; for an import of a few paths, the others kept."""
    entries = {} if whole else dict(manifest.entries)
    for _, (result, _, seen) in done:
        if result is not None and seen is not None:
            entries[result.seed] = seen
        elif result is not None:
            entries.pop(result.seed, None)
    return entries


def _quarantine(config: SiteConfig, done: list[tuple[str, Outcome]], manifest: ManifestFile) -> list[Diagnostic]:
    """Rejected seeds are copied to the quarantine with their diagnostics; imported ones leave it."""
    held = [quarantine.Held(r.seed, Path(path), found) for path, (r, found, _) in done if r and r.status == "rejected"]
    fine = [r.seed for _, (r, _, _) in done if r and r.status in ("imported", "updated", "unchanged")]
    if not held and not quarantine.quarantine_path(config).exists():
        return []
    return quarantine.update(config, held, fine, quarantine.FOLDER.as_posix())


def _cleanup(content: Content, dry_run: bool, names: Names, manifest: ManifestFile) -> list[Diagnostic]:
    """Temporary files that an interrupted import left in content/ are removed, each with a warning."""
    if dry_run or not content.temporary:
        return []
    manifest.before_write()
    return [
        warning(
            names.shown(path), None, "stale-temporary-file", "removed a temporary file left by an interrupted import"
        )
        for path in remove_stale(content.temporary)
    ]


def _duplicates(content: Content, done: list[tuple[str, Outcome]], names: Names) -> list[Diagnostic]:
    """A second content file for a seed (left by an old import) is named; the import updates only the first."""
    notes = []
    for _, (result, _, _) in done:
        if result is None or not content.duplicates:
            continue
        for path in content.duplicates.get(result.seed, ()):
            first = names.shown(content.existing[result.seed].path)
            notes.append(
                warning(
                    names.shown(path),
                    None,
                    "duplicate-import",
                    f"also imported from seed {printable(result.seed)!r} (as {first}); "
                    f"imports update only {first}, so this copy can be deleted",
                )
            )
    return notes


class _Writer:
    """Places prepared articles in content/, one at a time, so slugs and -2 suffixes are deterministic."""

    def __init__(
        self,
        config: SiteConfig,
        content: Content,
        force: bool,
        dry_run: bool,
        names: Names,
        before_write: Callable[[], None],
    ):
        self.config, self.existing, self.force, self.dry_run, self.names = (
            config,
            content.existing,
            force,
            dry_run,
            names,
        )
        self.signatures, self.before_write = content.signatures, before_write

    @functools.cached_property
    def claimed(self) -> set[str]:
        """The content files taken, by full path: made at the first write, not on the unchanged path."""
        return {e.full for e in self.existing.values()}

    def finish(self, prepared: Prepared) -> Outcome:
        job, article, notes = prepared.job, prepared.article, prepared.notes
        warned = warnings_of(prepared)
        if article is None:
            return outcomes.result(job.rel, "rejected", reason=prepared.reason, warnings=warned), notes, None
        existing = self.existing.get(job.rel)
        if existing and job.settled:  # the same bytes as imported: read again only for the report's warnings
            return self._unchanged(job, existing.path, existing.slug, warned, notes)
        if existing and not self.force and _edited_by_hand(existing.path):
            return conflict(job.rel, self.names.shown(existing.path), warned), notes, None
        if existing:
            article = _with_slug(article, existing.slug)
        target, found = self._target(article, existing, job.rel)
        if (
            found is not None and found is not existing
        ):  # another import, running at the same time, wrote this seed's file meanwhile
            if found.seed_sha256 == job.sha256 and not self.force:
                return self._unchanged(job, target, found.slug, warned, notes)
            if not self.force and _edited_by_hand(target):
                return conflict(job.rel, self.names.shown(target), warned), notes, None
            existing = found
        same = target.stem == prepared.article.slug and prepared.document  # type: ignore[union-attr]
        if not same:
            from generator.importer.normalize import to_document  # loaded only when a file is written

        document = prepared.document if same else to_document(_with_slug(article, target.stem), prepared.extra)
        seen = None
        if not self.dry_run:
            self.before_write()
            atomic_write(target, document.encode("utf-8"))
            if existing and existing.path != target:
                existing.path.unlink(missing_ok=True)
            seen = self._seen(job, target, target.stem, warned, signature(os.stat(target)))
        status = "updated" if existing else "imported"
        return outcomes.result(job.rel, status, self.names.shown(target), warnings=warned), notes, seen

    def _unchanged(self, job: Job, path: Path, slug: str, warned: Notes, notes: Notes) -> Outcome:
        sig = self.signatures.get(str(path))
        seen = self._seen(job, path, slug, warned, sig) if sig else None
        return outcomes.result(job.rel, "unchanged", self.names.shown(path), warnings=warned), notes, seen

    def _seen(self, job: Job, path: Path, slug: str, warned: tuple[Diagnostic, ...], sig: Signature) -> Seen:
        return Seen(job.signature, str(path), sig, job.sha256, slug, warned)

    def _target(self, article: NormalizedArticle, existing: Existing | None, rel: str) -> tuple[Path, Existing | None]:
        """content/YYYY/MM/<slug>.md, with -2, -3, … when another article has that path already; and the
        existing import of this seed: the one given, or the file another import just wrote at that path,
        recognised by its `seed:` field, so two imports at once never make a -2 copy of one seed."""
        folder = self.config.content_path / (f"{article.date:%Y/%m}" if article.date else "undated")
        for n in itertools.count(1):
            candidate = folder / f"{article.slug if n == 1 else _suffixed(article.slug, n)}.md"
            if existing and existing.full == str(candidate):
                break
            if str(candidate) in self.claimed:
                continue
            if not candidate.exists():
                break
            found = None if existing else read_existing(candidate)
            if found and found[0] == rel:
                existing = found[1]
                break
        self.claimed.add(str(candidate))
        return candidate, existing


def _suffixed(slug: str, n: int) -> str:
    suffix = f"-{n}"
    return slug[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix


def decode_seed(data: bytes) -> str | None:
    """Text from bytes, or None for a binary file (see `decode.decode_bytes` for the reason)."""
    return decode_bytes(data).text


def _edited_by_hand(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    return hand_edited(text)


def _with_slug(article: NormalizedArticle, slug: str) -> NormalizedArticle:
    return article if article.slug == slug else replace(article, slug=slug)
