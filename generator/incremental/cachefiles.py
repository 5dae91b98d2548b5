"""The cache folder's files: the code fingerprint that every cache is keyed by, content hashes, and
pickle streams written whole or not at all. A missing, corrupt or foreign file reads as empty."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

from generator.config import SiteConfig

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # generator/, every folder of it
UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def code_fingerprint(package: Path) -> str:
    """A hash of every module of the package, in every folder, by its path and bytes."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CODE_FINGERPRINT = code_fingerprint(_PACKAGE_DIR)


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def outputs_key(outputs: set[str] | frozenset[str]) -> str:
    """One hash for a whole output tree's file names: a stamp compares trees without storing them."""
    return content_key("\n".join(sorted(outputs)).encode())


def read_keyed(path: Path, fingerprint: str, kind: type) -> Any:
    """The value saved under `fingerprint`, if it is a `kind`; else None. (The file is a dict with the
    keys `fingerprint` and `entries`, the format every Broadsheet has written; ownership reads it too.)"""
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except UNREADABLE:
        return None
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint:
        return None
    value = stored.get("entries")
    return value if isinstance(value, kind) else None


def write_keyed(path: Path, fingerprint: str, value: Any) -> None:
    write_stream(path, {"fingerprint": fingerprint, "entries": value})


def write_stream(path: Path, *objects: Any) -> None:
    """Pickle straight into a temporary file, then rename: no second copy of a large cache in memory.
    Several objects go through one pickler, so what they share is stored once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            for item in objects:
                pickler.dump(item)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
