"""The I/O shell around `normalize`: seeds in, `content/` out.

Every seed ends as exactly one of: imported, updated, unchanged, conflict
(the content file was edited by hand since the last import) or rejected, with
a reason. A second import writes nothing; a hand edit is never overwritten
without --force; one bad file never stops the others.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .config import SiteConfig
from .decode import decode_bytes
from .diagnostics import Diagnostic, error, warning
from .fsutil import atomic_write, sorted_file_names
from .ingestpool import Job, Prepared, prepare_all
from .model import ImportReport, ImportResult, NormalizedArticle
from .normalize import Rules, content_hash, to_document
from .seedfiles import SeedFiles, Unreadable, read_seed
from .slugs import MAX_LENGTH
from .yamlout import read_scalar, text_name

_FIELD = re.compile(r"^(seed|seed_sha256|slug|content_sha256):[ \t]*(.*)$", re.MULTILINE)
_HEAD_CHUNK = 8192


@dataclass(frozen=True)
class Existing:
    """What content/ already holds for one seed."""

    path: Path
    seed_sha256: str
    slug: str


def import_seeds(config: SiteConfig, paths: list[Path] | None = None, force: bool = False,
                 dry_run: bool = False, today: dt.date | None = None) -> ImportReport:
    names = _Names(config)
    finder = SeedFiles.of(config.seeds_path, config.root, names.shown)
    seed_files, skipped = finder.find() if paths is None else finder.check(paths)
    existing = scan_content(config.content_path)
    rules = Rules(outlets=frozenset(config.outlets), max_tags=config.max_tags, today=today or dt.date.today())
    results: list[_Early | None] = []
    jobs: list[Job] = []
    for seed_file in seed_files:
        rel = names.seed(seed_file)
        early = _early_result(seed_file, rel, existing.get(rel), config, force, names, jobs)
        results.append(early)
    prepared = prepare_all(jobs, rules, config.jobs)
    writer = _Writer(config, existing, force, dry_run, names)
    final = [result if result is not None else writer.finish(next(prepared)) for result in results]
    notes = tuple(skipped) + tuple(d for _, notes in final for d in notes)
    return ImportReport(tuple(replace(r, seed=printable(r.seed)) for r, _ in final if r is not None), notes)


_Early = tuple[ImportResult | None, tuple[Diagnostic, ...]]


def _early_result(seed_file: Path, rel: str, existing: Existing | None, config: SiteConfig, force: bool,
                  names: _Names, jobs: list[Job]) -> _Early:
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
            return ImportResult(job.rel, "conflict", self.names.shown(existing.path),
                                "edited by hand since the last import; use --force to replace it"), notes
        if existing:
            article = _with_slug(article, existing.slug)
        target = self._target(article, existing)
        same = target.stem == prepared.article.slug and prepared.document
        document = (prepared.document if same else to_document(_with_slug(article, target.stem), prepared.extra))
        document = document.encode("utf-8")
        if not self.dry_run:
            atomic_write(target, document)
            if existing and existing.path != target:
                existing.path.unlink(missing_ok=True)
        self.claimed.add(target)
        status = "updated" if existing else "imported"
        return ImportResult(job.rel, status, self.names.shown(target)), notes

    def _target(self, article: NormalizedArticle, existing: Existing | None) -> Path:
        """content/YYYY/MM/<slug>.md, with -2, -3, … when another article has that path already."""
        folder = self.config.content_path / (f"{article.date:%Y/%m}" if article.date else "undated")
        n = 1
        while True:
            slug = article.slug if n == 1 else _suffixed(article.slug, n)
            candidate = folder / f"{slug}.md"
            if (existing and existing.path == candidate) or (candidate not in self.claimed and not candidate.exists()):
                return candidate
            n += 1


def _suffixed(slug: str, n: int) -> str:
    suffix = f"-{n}"
    return slug[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix


def decode_seed(data: bytes) -> str | None:
    """Text from bytes, or None for a binary file (see `decode.decode_bytes` for the reason)."""
    return decode_bytes(data).text


def scan_content(content_root: Path) -> dict[str, Existing]:
    """Map each seed name to the content file imported from it, reading only the front matter."""
    found: dict[str, Existing] = {}
    for path in walk(content_root, (".md",)):
        fields = {k: read_scalar(v) for k, v in _FIELD.findall(_front_matter_text(path))}
        fields["seed"] = text_name(fields.get("seed", ""))
        if fields.get("seed") and fields["seed"] not in found:
            found[fields["seed"]] = Existing(path, fields.get("seed_sha256", ""), fields.get("slug", path.stem))
    return found


def _front_matter_text(path: Path) -> str:
    """The front matter only, read in chunks until its closing `---`."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read(_HEAD_CHUNK)
            while "\n---" not in text[3:]:
                more = handle.read(_HEAD_CHUNK)
                if not more:
                    break
                text += more
    except OSError:
        return ""
    return text[3:].split("\n---", 1)[0] if text.startswith("---") else ""


def _edited_by_hand(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    match = re.search(r"^content_sha256:[ \t]*(\S+)", text, re.MULTILINE)
    return not match or match.group(1).strip('"') != content_hash(text)


def _with_slug(article: NormalizedArticle, slug: str) -> NormalizedArticle:
    return article if article.slug == slug else replace(article, slug=slug)


def _rejected(rel: str, shown: str, reason: str) -> tuple[ImportResult, tuple[Diagnostic, ...]]:
    return ImportResult(rel, "rejected", reason=reason), (error(shown, None, "rejected", reason),)


def walk(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Every file below root with one of the suffixes, hidden ones skipped, sorted by relative path."""
    return [Path(full) for _, full in sorted_file_names(root, suffixes)]


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
        return full[len(base) + 1:].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(real_base).as_posix()
    except ValueError:
        return ""
