"""Small file-system helpers shared by the modules that write: atomic writes, sorted walks, and the cache
files' conventions (the code fingerprint every cache is keyed by; pickle streams written whole or not at
all, a missing, corrupt or foreign one read as empty), which the build's caches and the importer's share."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent  # generator/, every folder of it
UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def code_fingerprint(package: Path) -> str:
    """A hash of every module of the package, in every folder, by its path and bytes."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CODE_FINGERPRINT = code_fingerprint(_PACKAGE_DIR)


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


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so no reader ever sees half a file.

    The temporary name is the target's, hidden, with this process's id: no other writer can be
    writing it, and it is cheaper than mkstemp for tens of thousands of files."""
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def file_signature(path: str) -> tuple[int, int, int, int]:
    """Size, inode and times: when all match, a file's bytes are taken as unchanged without reading them."""
    st = os.stat(path)
    return (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write only when the bytes differ, keeping the mtime of an unchanged file. True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except (FileNotFoundError, NotADirectoryError):
        pass
    atomic_write(path, data)
    return True


def file_names(root: Path, suffixes: tuple[str, ...] = ("",), hidden: bool = False) -> list[tuple[str, str]]:
    """(posix path relative to root, full path) for every file below root with one of the suffixes.
    Plain strings and scandir: cheap for tens of thousands of files. Hidden names are skipped unless asked."""
    found: list[tuple[str, str]] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.name.startswith(".") and not hidden:
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, prefix + entry.name + "/")
            elif entry.name.endswith(suffixes):
                found.append((prefix + entry.name, entry.path))

    walk(str(root), "")
    return found


def sorted_file_names(root: Path, suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """`file_names`, hidden ones skipped, sorted by relative path: the order every stage reads files in."""
    return sorted(file_names(root, suffixes))


Pairs = list[tuple[str, str]]


def regular_files(root: Path, suffixes: tuple[str, ...], site: Path) -> tuple[Pairs, Pairs]:
    """(relative path, full path) of every regular file below root named with one of the suffixes, sorted;
    and (relative path, why) for every other entry so named, which is skipped. Nothing is opened, so a FIFO
    cannot hang the walk. A symlink to a regular file inside `site` is followed; one that leads outside it,
    to a folder, or nowhere is skipped. Symlinked folders are not entered; hidden names are skipped."""
    found: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    boundary = os.path.realpath(site)

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError):
            return
        except OSError as exc:
            skipped.append((prefix.rstrip("/") or ".", f"folder cannot be read ({exc.strerror}); skipped"))
            return
        for entry in entries:
            rel = prefix + entry.name
            if entry.name.startswith("."):
                continue
            is_folder = _is_folder(entry)
            if is_folder and not entry.name.endswith(suffixes):
                walk(entry.path, rel + "/")
            elif entry.name.endswith(suffixes):
                why = "a folder, not a file; skipped" if is_folder else not_regular(entry.path, boundary)
                if why:
                    skipped.append((rel, why))
                else:
                    found.append((rel, entry.path))

    walk(str(root), "")
    return sorted(found), sorted(skipped)


def not_regular(path: str, boundary: str) -> str:
    """Why `path` is not a readable regular file inside `boundary` (a resolved path); "" when it is one."""
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            target = os.path.realpath(path)
            if not os.path.exists(target):
                return "a dangling symlink (its target does not exist); skipped"
            mode = os.stat(target).st_mode
            if stat.S_ISDIR(mode):
                return "a symlink to a folder; skipped"
            if os.path.commonpath([target, boundary]) != boundary:
                return "a symlink to a file outside the site; refused"
        if not stat.S_ISREG(mode):
            return f"not a regular file ({_kind(mode)}); skipped"
        if not os.access(path, os.R_OK):
            return "cannot be read (Permission denied); skipped"
    except OSError as exc:
        return f"cannot be read ({exc.strerror}); skipped"
    return ""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
