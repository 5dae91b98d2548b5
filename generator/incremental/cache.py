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
import shutil
from collections.abc import Set as AbstractSet
from pathlib import Path

import jinja2
from jinja2 import meta

from generator.config import SiteConfig
from generator.fsutil import file_signature
from generator.model import Article, Route
from generator.site.theme import CACHED_INCLUDE

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # generator/, every folder of it


def _code_fingerprint() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


CODE_FINGERPRINT = _code_fingerprint()


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_UNREADABLE = (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError, ValueError)


def _read(path: Path, fingerprint: str) -> dict:
    try:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
    except _UNREADABLE:
        return {}
    if not isinstance(stored, dict) or stored.get("fingerprint") != fingerprint:
        return {}
    return stored.get("entries", {})


def _write(path: Path, fingerprint: str, entries: dict, **parts) -> None:
    _write_stream(path, {"fingerprint": fingerprint, "entries": entries, **parts})


def _write_stream(path: Path, *objects) -> None:
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


def outputs_key(outputs: set[str]) -> str:
    """One hash for a whole output tree's file names: a stamp compares trees without storing them."""
    return content_key("\n".join(sorted(outputs)).encode())


class ArticleCache:
    """Parsed articles by content file: (content hash, file signature, article).

    After them, in the same pickle stream (so the articles are stored once), comes the index
    of the last clean build (`saved_model`), for the command line's quick path (see pipeline).
    It is read only when asked for with the settings it was saved under."""

    def __init__(
        self,
        path: Path,
        entries: dict[str, tuple[str, tuple, Article]],
        saved_model: dict | None = None,
        model_on_disk: bool = False,
    ):
        self.path = path
        self.entries = entries
        self.saved_model = saved_model or {}
        self.model_on_disk = model_on_disk or bool(saved_model)
        self.seen: dict[str, tuple[str, tuple, Article]] = {}
        self.dirty = False

    @classmethod
    def open(cls, config: SiteConfig, model_settings: str | None = None) -> ArticleCache:
        path = config.cache_path / "articles.pickle"
        try:
            with open(path, "rb") as handle:
                unpickler = pickle.Unpickler(handle)
                header = unpickler.load()
                if not isinstance(header, dict) or header.get("fingerprint") != CODE_FINGERPRINT:
                    return cls(path, {})
                entries = unpickler.load()
                saved = header.get("model_settings")
                wanted = model_settings is not None and saved == model_settings
                return cls(path, entries, unpickler.load() if wanted else None, model_on_disk=saved is not None)
        except _UNREADABLE:
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
                if hit[1] != file_signature(full):
                    changed.append(full)
            except OSError:
                return None
        return changed

    def lookup(self, rel: str, signature: tuple) -> Article | None:
        """The article, if the file's size, inode and times are those seen when it was parsed."""
        hit = self.entries.get(rel)
        if hit and hit[1] == signature:
            self.seen[rel] = hit
            return hit[2]
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

    def put(self, rel: str, key: str, signature: tuple, article: Article, now: bool = False) -> None:
        """Record a parsed article for the next save; `now` also serves it to lookups in this build."""
        self.seen[rel] = (key, signature, article)
        if now:
            self.entries[rel] = self.seen[rel]
        self.dirty = True

    def save(self, model: dict | None = None) -> None:
        """Keep only the files seen in this build; write if something changed or a model is given."""
        if self.dirty or set(self.seen) != set(self.entries) or model is not None or self.model_on_disk:
            header = {"fingerprint": CODE_FINGERPRINT, "model_settings": model["settings"] if model else None}
            _write_stream(self.path, header, self.seen, model)
        self.entries, self.seen, self.dirty, self.saved_model = self.seen, {}, False, model or {}
        self.model_on_disk = model is not None


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
        return cls(path, fingerprint, env, _read(path, fingerprint))

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
            _write(self.path, self.fingerprint, keys)
        self.previous = keys


def _signatures(seed: bytes, files: list[str]) -> str:
    digest = hashlib.blake2b(seed, digest_size=16)
    for name in files:
        try:
            digest.update(f"{name}\0{file_signature(name)}\n".encode())
        except OSError:
            continue
    return digest.hexdigest()


class BuildStamp:
    """The whole build as one key: when no input file's signature changed since a clean build and the
    output folder still holds exactly what that build wrote, there is nothing to do."""

    def __init__(self, path: Path, settings: str, key: str, last: dict):
        self.path = path
        self.settings = settings  # code, config and theme files: everything but the content
        self.key = key
        self.last = last

    @classmethod
    def open(cls, config: SiteConfig, content_files: list[str], theme_files: list[str]) -> BuildStamp:
        config_text = repr(sorted((k, v) for k, v in vars(config).items() if k not in ("jobs", "config_file")))
        settings = _signatures((CODE_FINGERPRINT + config_text).encode(), theme_files)
        key = _signatures(settings.encode(), content_files)
        path = config.cache_path / "build.pickle"
        return cls(path, settings, key, _read(path, "build-stamp"))

    def unchanged(self, outputs: str) -> dict | None:
        """The last build's summary, if its inputs are the same and its outputs (an `outputs_key`)
        are all still there."""
        if self.last.get("key") == self.key and self.last.get("outputs") == outputs:
            return self.last
        return None

    def save(self, outputs: str, articles: int, pages: int) -> None:
        stamp = {"key": self.key, "outputs": outputs, "articles": articles, "pages": pages}
        _write(self.path, "build-stamp", stamp)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
