"""The persistent caches of parsed articles and rendered pages, keyed by content hashes.

* ArticleCache: a content file whose bytes hash the same is never parsed again. After the articles,
  in the same pickle stream (so they are stored once), comes the last clean build's index
  (`SavedIndex`), for the quick path of the next build (see incremental.pageonly).
* PageCache: a page whose inputs hash the same (its template and the templates it uses,
  the config, the site-wide values, the page's own values and this code) is never rendered again.

A missing, corrupt or foreign cache is simply empty: the cache can make a build faster, never wrong.
"""

from __future__ import annotations

import pickle
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import jinja2
from jinja2 import meta

from generator.config import SiteConfig
from generator.fsutil import file_signature
from generator.incremental.cachefiles import (
    CODE_FINGERPRINT,
    UNREADABLE,
    content_key,
    read_keyed,
    write_keyed,
    write_stream,
)
from generator.model import Article, Route, SiteIndex
from generator.site.theme import CACHED_INCLUDE


class CachedArticle(NamedTuple):
    content_key: str  # the hash of the file's bytes when it was parsed
    signature: tuple  # the file's size, inode and times then; () when only the hash is known
    article: Article


@dataclass(frozen=True)
class SavedIndex:
    """The index of the last clean build, with the settings it was built under and its outputs' key."""

    settings: str
    index: SiteIndex
    outputs: str


@dataclass(frozen=True)
class _Header:
    fingerprint: str
    index_settings: str | None  # the settings of the SavedIndex that follows the entries, if one does


class ArticleCache:
    """Parsed articles by content file. The saved index is read only when asked for with the
    settings it was saved under."""

    def __init__(
        self,
        path: Path,
        entries: dict[str, CachedArticle],
        saved_index: SavedIndex | None = None,
        index_on_disk: bool = False,
    ):
        self.path = path
        self.entries = entries
        self.saved_index = saved_index
        self.index_on_disk = index_on_disk or saved_index is not None
        self.seen: dict[str, CachedArticle] = {}
        self.dirty = False

    @classmethod
    def open(cls, config: SiteConfig, index_settings: str | None = None) -> ArticleCache:
        path = config.cache_path / "articles.pickle"
        try:
            with open(path, "rb") as handle:
                unpickler = pickle.Unpickler(handle)
                header = unpickler.load()
                if not isinstance(header, _Header) or header.fingerprint != CODE_FINGERPRINT:
                    return cls(path, {})
                entries = unpickler.load()
                wanted = index_settings is not None and header.index_settings == index_settings
                saved = unpickler.load() if wanted else None
                return cls(path, entries, saved, index_on_disk=header.index_settings is not None)
        except UNREADABLE:
            return cls(path, {})

    def changed_files(self, files: list[tuple[str, str]]) -> list[str] | None:
        """The content files whose signature differs from the cached one; None if a file came or went."""
        if len(files) != len(self.entries):
            return None
        changed = []
        for shown, full in files:
            hit = self.entries.get(shown)
            if hit is None:
                return None
            try:
                if hit.signature != file_signature(full):
                    changed.append(full)
            except OSError:
                return None
        return changed

    def lookup(self, rel: str, signature: tuple) -> Article | None:
        """The article, if the file's size, inode and times are those seen when it was parsed."""
        hit = self.entries.get(rel)
        if hit and hit.signature == signature:
            self.seen[rel] = hit
            return hit.article
        return None

    def find(self, rel: str, path: str) -> tuple[Article | None, str, tuple]:
        """The cached article for a file, by its signature or else by its content hash; with the hash
        ("" when the signature alone decided) and the signature, for `put` after a parse."""
        signature = file_signature(path)
        article = self.lookup(rel, signature)
        if article is not None:
            return article, "", signature
        with open(path, "rb") as handle:
            key = content_key(handle.read())
        return self.get(rel, key, signature), key, signature

    def get(self, rel: str, key: str, signature: tuple) -> Article | None:
        """The article, if the file's bytes hash the same as when it was parsed."""
        hit = self.entries.get(rel)
        if hit and hit.content_key == key:
            self.seen[rel] = CachedArticle(key, signature, hit.article)
            self.dirty = True
            return hit.article
        return None

    def last_good(self, rel: str) -> Article | None:
        """The article as it was before its file broke, so a bad edit never takes a page down."""
        hit = self.entries.get(rel)
        if hit:
            self.seen[rel] = CachedArticle(hit.content_key, (), hit.article)
            return hit.article
        return None

    def put(self, rel: str, key: str, signature: tuple, article: Article, now: bool = False) -> None:
        """Record a parsed article for the next save; `now` also serves it to lookups in this build."""
        self.seen[rel] = CachedArticle(key, signature, article)
        if now:
            self.entries[rel] = self.seen[rel]
        self.dirty = True

    def save(self, saved_index: SavedIndex | None = None) -> None:
        """Keep only the files seen in this build; write if something changed or an index is given."""
        if self.dirty or set(self.seen) != set(self.entries) or saved_index is not None or self.index_on_disk:
            header = _Header(CODE_FINGERPRINT, saved_index.settings if saved_index else None)
            write_stream(self.path, header, self.seen, saved_index)
        self.entries, self.seen, self.dirty, self.saved_index = self.seen, {}, False, saved_index
        self.index_on_disk = saved_index is not None


class PageCache:
    def __init__(self, path: Path, fingerprint: str, env: jinja2.Environment, previous: dict[str, str]):
        self.path = path
        self.fingerprint = fingerprint
        self.env = env
        self.previous = previous
        self._template_keys: dict[str, str] = {}

    @classmethod
    def open(cls, config: SiteConfig, env: jinja2.Environment, last: PageCache | None = None) -> PageCache:
        """The page keys of the last build: from memory when this process made it, else from disk."""
        settings = repr(sorted((k, v) for k, v in vars(config).items() if k not in ("jobs", "root", "config_file")))
        fingerprint = content_key((CODE_FINGERPRINT + settings + repr(env.globals["site"])).encode())
        path = config.cache_path / "pages.pickle"
        if last is not None and last.fingerprint == fingerprint:
            return cls(path, fingerprint, env, last.previous)
        return cls(path, fingerprint, env, read_keyed(path, fingerprint, dict) or {})

    def without(self, paths: frozenset[str] | None) -> PageCache:
        """This cache less the pages an interrupted build may have rewritten without recording them."""
        if not paths:
            return self
        kept = {path: key for path, key in self.previous.items() if path not in paths}
        return PageCache(self.path, self.fingerprint, self.env, kept)

    def key(self, route: Route) -> str:
        payload = pickle.dumps((route.template, route.context), protocol=pickle.HIGHEST_PROTOCOL)
        return content_key(self.template_key(route.template).encode() + payload)

    def fresh(self, route: Route, key: str, existing: AbstractSet[str]) -> bool:
        """Rendered before from the same inputs, and the file is still there."""
        return self.previous.get(route.output_path) == key and route.output_path in existing

    def template_key(self, name: str) -> str:
        """A template's hash, folded with the hashes of every template it extends, includes or imports."""
        if name not in self._template_keys:
            self._template_keys[name] = ""  # a cycle is Jinja's error to report, not ours
            try:
                if self.env.loader is None:
                    raise jinja2.TemplateNotFound(name)
                source, _, _ = self.env.loader.get_source(self.env, name)
                referenced = set(meta.find_referenced_templates(self.env.parse(source))) | set(
                    CACHED_INCLUDE.findall(source)
                )
                children = sorted(t for t in referenced if t)
            except jinja2.TemplateError:
                source, children = "", []
            parts = [source] + [self.template_key(child) for child in children]
            self._template_keys[name] = content_key("\0".join(parts).encode())
        return self._template_keys[name]

    def save(self, keys: dict[str, str]) -> None:
        if keys != self.previous:
            write_keyed(self.path, self.fingerprint, keys)
        self.previous = keys
