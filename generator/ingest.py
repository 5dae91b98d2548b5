"""The I/O shell around `normalize`: seeds in, `content/` out.

Every seed ends as exactly one of: imported, updated, unchanged, conflict
(the content file was edited by hand since the last import) or rejected.
A second import writes nothing; a hand edit is never overwritten without --force.
"""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from .config import SiteConfig
from .diagnostics import Diagnostic, error
from .fsutil import atomic_write, sorted_files
from .model import ImportReport, ImportResult, NormalizedArticle, SeedText
from .normalize import Rules, content_hash, normalize, to_document

SEED_SUFFIXES = (".txt",)
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF", b"BZh")
_FIELD = re.compile(r"^(seed|seed_sha256|slug|content_sha256):[ \t]*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Existing:
    """What content/ already holds for one seed."""

    path: Path
    seed_sha256: str
    slug: str


def import_seeds(config: SiteConfig, paths: list[Path] | None = None, force: bool = False,
                 dry_run: bool = False, today: dt.date | None = None) -> ImportReport:
    seeds_root, content_root = config.seeds_path, config.content_path
    seed_files = paths if paths is not None else sorted_files(seeds_root, SEED_SUFFIXES)
    existing = scan_content(content_root)
    claimed = {e.path for e in existing.values()}
    rules = Rules(outlets=frozenset(config.outlets), max_tags=config.max_tags, today=today)
    results: list[ImportResult] = []
    diagnostics: list[Diagnostic] = []
    for seed_file in seed_files:
        rel = _seed_name(seed_file, seeds_root)
        result, notes = _import_one(seed_file, rel, existing.get(rel), claimed, rules, config, force, dry_run)
        results.append(result)
        diagnostics.extend(notes)
    return ImportReport(tuple(results), tuple(diagnostics))


def _import_one(seed_file, rel, existing, claimed, rules, config, force, dry_run):
    shown = _shown_path(seed_file, config.root)
    try:
        data = seed_file.read_bytes()
    except OSError as exc:
        return _rejected(rel, shown, f"cannot read the file: {exc.strerror}")
    digest = hashlib.sha256(data).hexdigest()
    if existing and existing.seed_sha256 == digest and not force:
        return ImportResult(rel, "unchanged", _content_name(existing.path, config)), ()
    if len(data) > config.max_seed_bytes:
        return _rejected(rel, shown, f"the file is {len(data):,} bytes, over the limit of {config.max_seed_bytes:,} (max_seed_bytes)")
    text = decode_seed(data)
    if text is None:
        return _rejected(rel, shown, "the file is binary, not text")
    article, notes = normalize(SeedText(rel, text, digest), rules)
    notes = tuple(_renamed(n, shown) for n in notes)
    if article is None:
        return ImportResult(rel, "rejected", reason=notes[0].message if notes else "not an article"), notes
    if existing:
        article = _with_slug(article, existing.slug)
    target = _target(article, config.content_path, claimed, existing)
    if existing and not force and _edited_by_hand(existing.path):
        return ImportResult(rel, "conflict", _content_name(existing.path, config),
                            "edited by hand since the last import; use --force to replace it"), notes
    document = to_document(_with_slug(article, target.stem)).encode("utf-8")
    status = "updated" if existing else "imported"
    if not dry_run:
        atomic_write(target, document)
        if existing and existing.path != target:
            existing.path.unlink(missing_ok=True)
    claimed.add(target)
    return ImportResult(rel, status, _content_name(target, config)), notes


def decode_seed(data: bytes) -> str | None:
    """Text from bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252; None for binary."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if data.startswith(_BINARY_MAGIC) or _control_ratio(data) > 0.1:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return data.decode("cp1252", errors="replace")
    return str(best)


def _control_ratio(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample)


def scan_content(content_root: Path) -> dict[str, Existing]:
    """Map each seed name to the content file imported from it, reading only the front matter."""
    found: dict[str, Existing] = {}
    for path in sorted_files(content_root, (".md",)):
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(4096)
        fields = {k: v.strip().strip('"') for k, v in _FIELD.findall(head.split("\n---", 1)[0])}
        if fields.get("seed") and fields["seed"] not in found:
            found[fields["seed"]] = Existing(path, fields.get("seed_sha256", ""), fields.get("slug", path.stem))
    return found


def _edited_by_hand(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True
    match = re.search(r"^content_sha256:[ \t]*(\S+)", text, re.MULTILINE)
    return not match or match.group(1).strip('"') != content_hash(text)


def _target(article: NormalizedArticle, content_root: Path, claimed: set[Path], existing: Existing | None) -> Path:
    """content/YYYY/MM/<slug>.md, with -2, -3, … when another article has that path already."""
    folder = content_root / (f"{article.date:%Y/%m}" if article.date else "undated")
    n = 1
    while True:
        candidate = folder / (f"{article.slug}.md" if n == 1 else f"{article.slug}-{n}.md")
        if (existing and existing.path == candidate) or (candidate not in claimed and not candidate.exists()):
            return candidate
        n += 1


def _with_slug(article: NormalizedArticle, slug: str) -> NormalizedArticle:
    return article if article.slug == slug else replace(article, slug=slug)


def _rejected(rel: str, shown: str, reason: str) -> tuple[ImportResult, tuple[Diagnostic, ...]]:
    return ImportResult(rel, "rejected", reason=reason), (error(shown, None, "rejected", reason),)


def _renamed(diagnostic: Diagnostic, shown: str) -> Diagnostic:
    return replace(diagnostic, path=shown)


def _seed_name(path: Path, seeds_root: Path) -> str:
    try:
        return path.resolve().relative_to(seeds_root.resolve()).as_posix()
    except ValueError:
        return path.name


def _shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _content_name(path: Path, config: SiteConfig) -> str:
    return _shown_path(path, config.root)
