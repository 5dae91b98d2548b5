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

import datetime as dt
import hashlib
import itertools
import os
from dataclasses import replace
from pathlib import Path

from generator.config import SiteConfig
from generator.contentfile import hand_edited
from generator.diagnostics import Diagnostic, error, warning
from generator.fsutil import atomic_write
from generator.importer.decode import decode_bytes
from generator.importer.existing import Content, Existing, read_existing, remove_stale, scan_content
from generator.importer.normalize import Rules, to_document
from generator.importer.pool import Job, Prepared, prepare_all
from generator.importer.seedfiles import SeedFiles, Unreadable, read_seed
from generator.model import ImportReport, ImportResult, NormalizedArticle
from generator.slugs import MAX_LENGTH


def import_seeds(
    config: SiteConfig,
    paths: list[Path] | None = None,
    force: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    names = _Names(config)
    finder = SeedFiles.of(config.seeds_path, config.root, names.shown)
    seed_files, skipped = finder.find() if paths is None else finder.check(paths)
    content = scan_content(config.content_path)
    existing = content.existing
    rules = Rules(outlets=frozenset(config.outlets), max_tags=config.max_tags, today=today)
    results: list[_Early | None] = []
    jobs: list[Job] = []
    for seed_file in seed_files:
        rel = names.seed(seed_file)
        early = _early_result(seed_file, rel, existing.get(rel), config, force, names, jobs)
        results.append(early)
    prepared = prepare_all(jobs, rules, config.jobs)
    writer = _Writer(config, existing, force, dry_run, names)
    final = [result if result is not None else writer.finish(next(prepared)) for result in results]
    done = [r for r, _ in final if r is not None]
    notes = (
        *skipped,
        *_cleanup(content, dry_run, names),
        *_duplicates(content, done, names),
        *(d for _, notes in final for d in notes),
    )
    return ImportReport(tuple(replace(r, seed=printable(r.seed)) for r in done), notes)


def _cleanup(content: Content, dry_run: bool, names: _Names) -> list[Diagnostic]:
    """Temporary files that an interrupted import left in content/ are removed, each with a warning."""
    if dry_run or not content.temporary:
        return []
    return [
        warning(
            names.shown(path), None, "stale-temporary-file", "removed a temporary file left by an interrupted import"
        )
        for path in remove_stale(content.temporary)
    ]


def _duplicates(content: Content, done: list[ImportResult], names: _Names) -> list[Diagnostic]:
    """A second content file for a seed (left by an old import) is named; the import updates only the first."""
    notes = []
    for result in done:
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


_Early = tuple[ImportResult | None, tuple[Diagnostic, ...]]


def _early_result(
    seed_file: Path,
    rel: str,
    existing: Existing | None,
    config: SiteConfig,
    force: bool,
    names: _Names,
    jobs: list[Job],
) -> _Early | None:
    """Unchanged, unreadable and oversized seeds are settled here; the rest become jobs."""
    shown = names.shown(seed_file)
    data = read_seed(seed_file, config.max_seed_bytes)
    if isinstance(data, Unreadable):
        if data.skipped:  # not a seed after all: no result, a warning
            return None, (warning(shown, None, "not-a-seed", data.reason),)
        return _rejected(rel, shown, data.reason)
    digest = hashlib.sha256(data).hexdigest()
    if existing and existing.seed_sha256 == digest and not force:
        return ImportResult(rel, "unchanged", names.shown(existing.path)), ()
    jobs.append(Job(rel, shown, data, digest))
    return None


class _Writer:
    """Places prepared articles in content/, one at a time, so slugs and -2 suffixes are deterministic."""

    def __init__(self, config: SiteConfig, existing: dict[str, Existing], force: bool, dry_run: bool, names: _Names):
        self.config, self.existing, self.force, self.dry_run, self.names = config, existing, force, dry_run, names
        self.claimed = {e.path for e in existing.values()}

    def finish(self, prepared: Prepared) -> tuple[ImportResult, tuple[Diagnostic, ...]]:
        job, article, notes = prepared.job, prepared.article, prepared.notes
        if article is None:
            return ImportResult(job.rel, "rejected", reason=prepared.reason), notes
        existing = self.existing.get(job.rel)
        if existing and not self.force and _edited_by_hand(existing.path):
            return _conflict(job.rel, self.names.shown(existing.path)), notes
        if existing:
            article = _with_slug(article, existing.slug)
        target, found = self._target(article, existing, job.rel)
        if (
            found is not None and found is not existing
        ):  # another import, running at the same time, wrote this seed's file meanwhile
            if found.seed_sha256 == job.sha256 and not self.force:
                return ImportResult(job.rel, "unchanged", self.names.shown(target)), notes
            if not self.force and _edited_by_hand(target):
                return _conflict(job.rel, self.names.shown(target)), notes
            existing = found
        same = target.stem == prepared.article.slug and prepared.document  # type: ignore[union-attr]
        document = prepared.document if same else to_document(_with_slug(article, target.stem), prepared.extra)
        if not self.dry_run:
            atomic_write(target, document.encode("utf-8"))
            if existing and existing.path != target:
                existing.path.unlink(missing_ok=True)
        status = "updated" if existing else "imported"
        return ImportResult(job.rel, status, self.names.shown(target)), notes

    def _target(self, article: NormalizedArticle, existing: Existing | None, rel: str) -> tuple[Path, Existing | None]:
        """content/YYYY/MM/<slug>.md, with -2, -3, … when another article has that path already; and the
        existing import of this seed: the one given, or the file another import just wrote at that path,
        recognised by its `seed:` field, so two imports at once never make a -2 copy of one seed."""
        folder = self.config.content_path / (f"{article.date:%Y/%m}" if article.date else "undated")
        for n in itertools.count(1):
            candidate = folder / f"{article.slug if n == 1 else _suffixed(article.slug, n)}.md"
            if existing and existing.path == candidate:
                break
            if candidate in self.claimed:
                continue
            if not candidate.exists():
                break
            found = None if existing else read_existing(candidate)
            if found and found[0] == rel:
                existing = found[1]
                break
        self.claimed.add(candidate)
        return candidate, existing


def _conflict(rel: str, shown: str) -> ImportResult:
    return ImportResult(rel, "conflict", shown, "edited by hand since the last import; use --force to replace it")


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


def _rejected(rel: str, shown: str, reason: str) -> tuple[ImportResult, tuple[Diagnostic, ...]]:
    return ImportResult(rel, "rejected", reason=reason), (error(shown, None, "rejected", reason),)


class _Names:
    """Seed names (relative to seeds/) and shown paths (relative to the site), without a syscall per file."""

    def __init__(self, config: SiteConfig):
        self.seeds, self.root = os.path.abspath(config.seeds_path), os.path.abspath(config.root)
        self.real_seeds, self.real_root = config.seeds_path.resolve(), config.root.resolve()

    def seed(self, path: Path) -> str:
        return _relative(path, self.seeds, self.real_seeds) or path.name

    def shown(self, path: Path) -> str:
        return printable(_relative(path, self.root, self.real_root) or str(path))


def printable(name: str) -> str:
    """A file name fit for a report: a byte that is not UTF-8 is shown as `\\udcff`, as Python prints it."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _relative(path: Path, base: str, real_base: Path) -> str:
    full = os.path.abspath(path)
    if full.startswith(base + os.sep):
        return full[len(base) + 1 :].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(real_base).as_posix()
    except ValueError:
        return ""
