"""The import manifest (`.cache/import.pickle`): what the last finished import saw of each seed and wrote
for it, so that an unchanged seed costs a stat, not a read and a parse.

For each seed name: the seed file's signature (size, inode, mtime, ctime), the content file written for it
and that file's signature just after the write, and the seed's warnings, for the report. On the next import
a seed is unchanged, unread, when its signature matches and its content file's does too (so a hand edit, a
deleted or replaced content file, or a touched seed is read again, as without a manifest).

The file is keyed by the code fingerprint and the importer's settings (`settings_key`). It follows the
cache files' conventions (fsutil: one pickle, written whole through a rename; missing, corrupt or foreign
reads as empty). It is removed before an import writes its first file and written again only once the
import has finished, so an import stopped part way leaves no manifest that a later import would believe.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.fsutil import CODE_FINGERPRINT, read_keyed, write_keyed

NAME = "import.pickle"
Signature = tuple[int, int, int, int]


class Seen(NamedTuple):
    """One seed as the last finished import left it."""

    seed: Signature  # the seed file's signature
    content: str  # the content file's full path
    content_sig: Signature  # its signature just after the import wrote (or found) it
    sha256: str  # the seed's bytes' hash
    slug: str
    warnings: tuple[Diagnostic, ...] | None  # the seed's warnings at its last parse, for the report; None: unknown


def settings_key(config: SiteConfig) -> str:
    """The code and every setting that changes what an import makes of a seed."""
    parts = (
        CODE_FINGERPRINT,
        repr(sorted(config.outlets)),
        str(config.max_tags),
        str(config.max_seed_bytes),
        repr(config.build_date()),
        os.path.abspath(config.seeds_path),
        os.path.abspath(config.content_path),
    )
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def signature(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)


class ManifestFile:
    """The manifest of one site: read once at the start, removed before the first write, saved at the end."""

    def __init__(self, config: SiteConfig, trust: bool = True):
        self.path = Path(config.cache_path) / NAME
        self.key = settings_key(config)
        read = read_keyed(self.path, self.key, dict) if trust else None
        self.entries: dict[str, Seen] = read or {}
        self.removed = False

    def before_write(self) -> None:
        """Called before the import changes any file: the manifest on disk no longer holds."""
        if not self.removed:
            self.path.unlink(missing_ok=True)
            self.removed = True

    def save(self, entries: dict[str, Seen]) -> None:
        """After the import finished: the manifest for what it left, written only if it differs."""
        if entries == self.entries and not self.removed and self.path.exists():
            return
        self.before_write()
        write_keyed(self.path, self.key, entries)
        self.entries, self.removed = entries, False

    def content_known(self) -> dict[str, tuple[Signature, str, Seen]]:
        """content file path -> (its signature, the seed, the entry): content files the scan need not read."""
        return {seen.content: (seen.content_sig, seed, seen) for seed, seen in self.entries.items()}
