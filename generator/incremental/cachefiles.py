"""The cache folder's files: the code fingerprint that every cache is keyed by, content hashes, and
pickle streams written whole or not at all. A missing, corrupt or foreign file reads as empty."""

from __future__ import annotations

import hashlib
import os
import shutil

from generator.config import SiteConfig
from generator.fsutil import (  # the importer's manifest needs them too, and may not import this room
    CODE_FINGERPRINT,
    UNREADABLE,
    code_fingerprint,
    read_keyed,
    write_keyed,
    write_stream,
)

__all__ = [
    "CODE_FINGERPRINT",
    "UNREADABLE",
    "clear_cache",
    "code_fingerprint",
    "content_key",
    "outputs_key",
    "read_keyed",
    "write_keyed",
    "write_stream",
]


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def outputs_key(outputs: set[str] | frozenset[str]) -> str:
    """One hash for a whole output tree's file names: a stamp compares trees without storing them."""
    return content_key("\n".join(sorted(outputs)).encode())


def clear_cache(config: SiteConfig) -> None:
    """Delete every cache of the site, keeping only the lock file (which its holder has open)."""
    try:
        entries = list(os.scandir(config.cache_path))
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name == "lock":
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
