"""A bounded in-memory cache of served pages, so a page asked for again costs one stat, not a walk
through every folder of its path and a read.

An entry holds the bytes as served (live-reload script included) for one URL path, the build status
they were made for and the identity of the real file they came from (inode, size, mtime). It is used
only while both still hold: a new build status or any change to the file is a miss, and a miss goes
through the full resolution again, so the cache can never serve anything that resolution would refuse.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from generator.devserver.livereload import Status

Signature = tuple[int, int, int]  # st_ino, st_size, st_mtime_ns


def signature(stat: os.stat_result) -> Signature:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


@dataclass(frozen=True)
class Page:
    path: Path  # the real file, inside the output folder when it was cached
    identity: Signature
    status: Status
    kind: str
    body: bytes


class PageCache:
    """Least recently used pages, at most `entries` of them and `total_bytes` in all."""

    def __init__(self, entries: int = 1024, total_bytes: int = 64 << 20, largest: int = 2 << 20):
        self.entries, self.total_bytes, self.largest = entries, total_bytes, largest
        self._pages: OrderedDict[tuple[str, str], Page] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, root: Path, url_path: str, status: Status) -> Page | None:
        key = (str(root), url_path)
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
        if page is None or page.status != status:
            return None
        try:
            current = signature(os.stat(page.path, follow_symlinks=False))
        except OSError:
            return None
        return page if current == page.identity else None

    def put(self, root: Path, url_path: str, page: Page) -> None:
        if len(page.body) > self.largest:
            return
        key = (str(root), url_path)
        with self._lock:
            old = self._pages.pop(key, None)
            self._size += len(page.body) - (len(old.body) if old else 0)
            self._pages[key] = page
            while self._pages and (len(self._pages) > self.entries or self._size > self.total_bytes):
                _, dropped = self._pages.popitem(last=False)
                self._size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._pages)
