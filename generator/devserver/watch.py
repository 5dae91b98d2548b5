"""File watching for `watch` and `serve`: watchdog observers whose callbacks only classify and enqueue,
and the one rebuild-loop thread that takes settled batches off the queue, so builds never overlap."""

from __future__ import annotations

import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator.config import SiteConfig
from generator.devserver.changes import BUNDLED_THEMES, ChangeKind, Debouncer, classify_change

Enqueue = Callable[[Path, ChangeKind], None]
# Reads (opened, closed without writing) and attribute changes are not edits; the build's own reads
# of content/ would otherwise wake the watcher after every rebuild.
EDIT_EVENTS = frozenset(
    {EVENT_TYPE_CREATED, EVENT_TYPE_MODIFIED, EVENT_TYPE_DELETED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED}
)
# The same, asked of the kernel: inotify then does not even report the reads of 20,000 files per rebuild.
EDIT_EVENT_CLASSES = (
    FileCreatedEvent,
    DirCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    DirDeletedEvent,
    FileMovedEvent,
    DirMovedEvent,
    FileClosedEvent,
)


def watched_folders(config: SiteConfig, config_file: Path, with_seeds: bool) -> dict[Path, bool]:
    """Folder -> recursive? The folder of site.toml is watched on its own, for site.toml and new folders."""
    folders = {config_file.parent.resolve(): False}
    trees = [config.content_path, config.root / "themes", BUNDLED_THEMES] + ([config.seeds_path] if with_seeds else [])
    for folder in trees:
        if folder.is_dir():
            folders[folder.resolve()] = True
    return folders


class ChangeHandler(FileSystemEventHandler):
    """Turns watchdog events into (path, kind) on the queue; a move counts at both ends, so an
    editor's save through a temporary file and a rename is seen at the real file's name."""

    def __init__(self, config: Callable[[], SiteConfig], config_file: Path, enqueue: Enqueue):
        self.config = config
        self.config_file = config_file
        self.enqueue = enqueue

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in EDIT_EVENTS or (event.is_directory and event.event_type == EVENT_TYPE_MODIFIED):
            return
        config = self.config()
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                path = Path(os.path.abspath(os.fsdecode(raw)))
                kind = classify_change(path, config, self.config_file)
                if kind != ChangeKind.IGNORED:
                    self.enqueue(path, kind)


class Watcher:
    """The observer and its watches, kept in step with the folders the current config names."""

    def __init__(self, handler: ChangeHandler, poll: bool = False, poll_interval: float = 1.0):
        self.handler = handler
        self.observer: BaseObserver = PollingObserver(timeout=poll_interval) if poll else Observer()
        self.watches: dict[tuple[Path, bool], ObservedWatch] = {}

    def start(self, folders: dict[Path, bool]) -> None:
        self.refresh(folders)
        self.observer.start()

    def refresh(self, folders: dict[Path, bool]) -> None:
        """Watch exactly these folders: after a config edit, or when a watched folder appears."""
        wanted = set(folders.items())
        for key in set(self.watches) - wanted:
            self.observer.unschedule(self.watches.pop(key))
        for folder, recursive in sorted(wanted - set(self.watches)):
            self.watches[(folder, recursive)] = self.observer.schedule(
                self.handler, str(folder), recursive=recursive, event_filter=list(EDIT_EVENT_CLASSES)
            )

    def stop(self) -> None:
        self.observer.stop()
        if self.observer.is_alive():
            self.observer.join()


class RebuildLoop:
    """The only thread that builds. Watchers call `enqueue`; the loop waits for the debouncer to say a
    batch has settled, then hands the whole batch to `apply`."""

    def __init__(self, apply: Callable[[dict[Path, ChangeKind]], None], debouncer: Debouncer):
        self.apply = apply
        self.debouncer = debouncer
        self.wake = threading.Condition()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="broadsheet-rebuild", daemon=True)

    def enqueue(self, path: Path, kind: ChangeKind) -> None:
        with self.wake:
            self.debouncer.add(path, kind)
            self.wake.notify()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        with self.wake:
            self.stopping = True
            self.wake.notify()
        if self.thread.is_alive():
            self.thread.join()

    def _next_batch(self) -> dict[Path, ChangeKind] | None:
        with self.wake:
            while not self.stopping:
                wait = self.debouncer.wait_time()
                if wait == 0:
                    return self.debouncer.take()
                self.wake.wait(wait)
            return None

    def _run(self) -> None:
        while (batch := self._next_batch()) is not None:
            try:
                self.apply(batch)
            except Exception:  # apply reports its own failures; this guard only keeps the loop alive
                traceback.print_exc(file=sys.stderr)
