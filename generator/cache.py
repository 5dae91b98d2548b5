"""The persistent build cache, keyed by content hashes.

* ArticleCache: a content file whose bytes hash the same is never parsed or converted again.
* PageCache: a page whose inputs hash the same (its template and the templates it uses,
  the config, the site-wide values, the page's own values and this code) is never rendered again.

A missing, corrupt or foreign cache is simply empty: the cache can make a build faster, never wrong.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
import jinja2
from jinja2 import meta

from .config import SiteConfig
from .fsutil import atomic_write
from .model import Article, Route

_CODE_DIR = Path(__file__).resolve().parent


def _code_fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_CODE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CODE_FINGERPRINT = _code_fingerprint()


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _read(path: Path, fingerprint: str) -> dict:
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint:
        return {}
    return stored.get("entries", {})


def _write(path: Path, fingerprint: str, entries: dict) -> None:
    atomic_write(path, pickle.dumps({"fingerprint": fingerprint, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL))


class ArticleCache:
    """Parsed articles by content file: (content hash, file signature, article)."""

    def __init__(self, path: Path, entries: dict[str, tuple[str, tuple, Article]]):
        self.path = path
        self.entries = entries
        self.seen: dict[str, tuple[str, tuple, Article]] = {}
        self.dirty = False

    @classmethod
    def open(cls, config: SiteConfig) -> "ArticleCache":
        path = config.cache_path / "articles.pickle"
        return cls(path, _read(path, CODE_FINGERPRINT))

    def lookup(self, rel: str, signature: tuple) -> Article | None:
        """The article, if the file's size, inode and times are those seen when it was parsed."""
        hit = self.entries.get(rel)
        if hit and hit[1] == signature:
            self.seen[rel] = hit
            return hit[2]
        return None

    def get(self, rel: str, key: str, signature: tuple) -> Article | None:
        """The article, if the file's bytes hash the same as when it was parsed."""
        hit = self.entries.get(rel)
        if hit and hit[0] == key:
            self.seen[rel] = (key, signature, hit[2])
            self.dirty = True
            return hit[2]
        return None

    def last_good(self, rel: str) -> Article | None:
        """The article as it was before its file broke, so a bad edit never takes a page down."""
        hit = self.entries.get(rel)
        if hit:
            self.seen[rel] = (hit[0], (), hit[2])
            return hit[2]
        return None

    def put(self, rel: str, key: str, signature: tuple, article: Article) -> None:
        self.seen[rel] = (key, signature, article)
        self.dirty = True

    def save(self) -> None:
        """Keep only the files seen in this build; write only if something changed."""
        if self.dirty or set(self.seen) != set(self.entries):
            _write(self.path, CODE_FINGERPRINT, self.seen)
        self.entries, self.seen, self.dirty = self.seen, {}, False


class PageCache:
    def __init__(self, path: Path, fingerprint: str, env: jinja2.Environment, previous: dict[str, str]):
        self.path = path
        self.fingerprint = fingerprint
        self.env = env
        self.previous = previous
        self._template_keys: dict[str, str] = {}

    @classmethod
    def open(cls, config: SiteConfig, env: jinja2.Environment, last: "PageCache | None" = None) -> "PageCache":
        """The page keys of the last build: from memory when this process made it, else from disk."""
        settings = repr(sorted((k, v) for k, v in vars(config).items() if k not in ("jobs", "root")))
        fingerprint = content_key((CODE_FINGERPRINT + settings + repr(env.globals["site"])).encode())
        path = config.cache_path / "pages.pickle"
        if last is not None and last.fingerprint == fingerprint:
            return cls(path, fingerprint, env, last.previous)
        return cls(path, fingerprint, env, _read(path, fingerprint))

    def key(self, route: Route) -> str:
        payload = pickle.dumps((route.template, route.context), protocol=pickle.HIGHEST_PROTOCOL)
        return content_key(self.template_key(route.template).encode() + payload)

    def fresh(self, route: Route, key: str, existing: set[str]) -> bool:
        """Rendered before from the same inputs, and the file is still there."""
        return self.previous.get(route.output_path) == key and route.output_path in existing

    def template_key(self, name: str) -> str:
        """A template's hash, folded with the hashes of every template it extends, includes or imports."""
        if name not in self._template_keys:
            self._template_keys[name] = ""  # a cycle is Jinja's error to report, not ours
            try:
                source, _, _ = self.env.loader.get_source(self.env, name)
                children = sorted(t for t in meta.find_referenced_templates(self.env.parse(source)) if t)
            except jinja2.TemplateError:
                source, children = "", []
            parts = [source] + [self.template_key(child) for child in children]
            self._template_keys[name] = content_key("\0".join(parts).encode())
        return self._template_keys[name]

    def save(self, keys: dict[str, str]) -> None:
        if keys != self.previous:
            _write(self.path, self.fingerprint, keys)
        self.previous = keys


class BuildStamp:
    """The whole build as one key: when no input file's signature changed since a clean build and the
    output folder still holds exactly what that build wrote, there is nothing to do."""

    def __init__(self, path: Path, key: str, last: dict):
        self.path = path
        self.key = key
        self.last = last

    @classmethod
    def open(cls, config: SiteConfig, input_files: list[str]) -> "BuildStamp":
        digest = hashlib.blake2b(digest_size=16)
        settings = repr(sorted((k, v) for k, v in vars(config).items() if k != "jobs"))
        digest.update((CODE_FINGERPRINT + settings).encode())
        for name in input_files:
            try:
                st = os.stat(name)
            except OSError:
                continue
            digest.update(f"{name}\0{st.st_size}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\n".encode())
        path = config.cache_path / "build.pickle"
        return cls(path, digest.hexdigest(), _read(path, "build-stamp"))

    def unchanged(self, outputs: set[str]) -> dict | None:
        """The last build's summary, if its inputs are the same and its outputs are all still there."""
        if self.last.get("key") == self.key and self.last.get("outputs") == outputs:
            return self.last
        return None

    def save(self, outputs: set[str], articles: int, pages: int) -> None:
        _write(self.path, "build-stamp", {"key": self.key, "outputs": outputs, "articles": articles, "pages": pages})

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
