"""Reads `site.toml` into one frozen, validated `SiteConfig`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.diagnostics import ConfigError, Diagnostic, error, warning

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _bundled_themes() -> Path:
    """The themes that come with Broadsheet: generator/_themes/ in an installed package (the wheel maps
    the repository's top-level themes/ there), else themes/ beside generator/ in a source checkout."""
    installed = resources.files("generator") / "_themes"
    if isinstance(installed, Path) and installed.is_dir():
        return installed.resolve()
    return PROJECT_DIR / "themes"


BUNDLED_THEMES = _bundled_themes()
DEFAULT_PERMALINK = "/{year}/{month}/{day}/{slug}/"
PERMALINK_FIELDS = frozenset({"year", "month", "day", "slug", "section"})
CANONICAL_CHOICES = ("self", "original")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class SiteConfig:
    """Every setting of a site. The keys of site.toml are the fields above `root`."""

    title: str = "Broadsheet"
    description: str = "A news archive"
    base_url: str = "http://127.0.0.1:8000/"
    language: str = "en"
    timezone: str = "UTC"
    permalink: str = DEFAULT_PERMALINK
    canonical: str = "self"  # an article's canonical link: "self" (our page) or "original" (its original_url)
    per_page: int = 20
    theme: str = "default"
    content_dir: str = "content"
    seeds_dir: str = "seeds"
    output_dir: str = "public"
    cache_dir: str = ".cache"
    max_tags: int = 8
    outlets: tuple[str, ...] = ()
    max_seed_bytes: int = 2_000_000
    build_time: str = ""
    strict: bool = False
    drafts: bool = False
    feed_entries: int = 20  # the newest articles in /feed.xml and in each tag, source, author and section feed
    feed_content: bool = False  # feeds carry each article's body HTML, not only its summary
    json_feed: bool = False  # a JSON Feed 1.1 (feed.json) beside each feed.xml
    sitemap_limit: int = 50_000  # URLs per sitemap file; more pages make sitemap.xml an index of files
    news_window_days: int = 2  # days of articles in /news-sitemap.xml, ending on the build date; 0: none
    search: bool = True  # a /search/ page and a Pagefind index of the article pages (pagefind/)
    # Not read from site.toml: where the site lives, its settings file, how many processes render it.
    root: Path = Path(".")
    config_file: str = "site.toml"
    jobs: int = 0

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def seeds_path(self) -> Path:
        return self.root / self.seeds_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def cache_path(self) -> Path:
        return self.root / self.cache_dir

    @property
    def base_path(self) -> str:
        """The URL path the site lives under: "/" or "/news/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def build_date(self) -> dt.date | None:
        """The day the build stands on: from build_time (or SOURCE_DATE_EPOCH), never the wall clock."""
        if not self.build_time:
            return None
        if self.build_time.isdigit():
            return dt.datetime.fromtimestamp(int(self.build_time), dt.UTC).date()
        return dt.datetime.fromisoformat(self.build_time).date()

    def absolute_url(self, site_url: str) -> str:
        """`/news/2014/` -> `https://example.org/news/2014/`."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}{site_url}"


RUN_KEYS = ("root", "config_file", "jobs")
FILE_KEYS = tuple(f.name for f in dataclasses.fields(SiteConfig) if f.name not in RUN_KEYS)


def load_config(path: Path, overrides: dict[str, Any] | None = None) -> SiteConfig:
    """Read site.toml (a missing file means all defaults), apply overrides, validate once."""
    values: dict[str, Any] = {}
    text = ""
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            raise ConfigError(
                error(str(path), None, "config-unreadable", f"cannot read the settings file: {reason}")
            ) from None
        try:
            values = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            line = _toml_error_line(str(exc))
            raise ConfigError(error(str(path), line, "config-syntax", f"invalid TOML: {exc}")) from None
    unknown = sorted(set(values) - set(FILE_KEYS))
    if unknown:
        raise ConfigError(
            error(
                str(path),
                _key_line(text, unknown[0]),
                "config-unknown-key",
                f"unknown key {unknown[0]!r}; allowed keys: {', '.join(FILE_KEYS)}",
            )
        )
    values = {**values, **{k: v for k, v in (overrides or {}).items() if v is not None}}
    return _validate(values, path, text)


def _validate(values: dict[str, Any], path: Path, text: str) -> SiteConfig:
    kwargs: dict[str, Any] = {"root": path.resolve().parent, "config_file": str(path)}
    for f in dataclasses.fields(SiteConfig):
        if f.name in values:
            kwargs[f.name] = _checked(f.name, str(f.type), values[f.name], path, text)
    if "build_time" not in values and os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        kwargs["build_time"] = os.environ["SOURCE_DATE_EPOCH"]
    config = SiteConfig(**kwargs)
    _check_values(config, path, text)
    return config


_TYPES = MappingProxyType({"str": str, "int": int, "bool": bool, "Path": Path})


def _checked(name: str, type_name: str, value: Any, path: Path, text: str) -> Any:
    if name in ("root", "config_file"):
        return value
    if type_name == "tuple[str, ...]":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(value)
        expected = "a list of strings"
    else:
        wanted = _TYPES[type_name]
        if isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
            return value
        expected = {"str": "a string", "int": "an integer", "bool": "true or false"}[type_name]
    raise ConfigError(
        error(
            str(path),
            _key_line(text, name),
            "config-type",
            f"{name} must be {expected}, not {type(value).__name__} {value!r}",
        )
    )


def _check_values(config: SiteConfig, path: Path, text: str) -> None:
    def fail(key: str, message: str) -> None:
        raise ConfigError(error(str(path), _key_line(text, key), "config-value", message))

    parts = urlsplit(config.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fail("base_url", f"base_url must be an absolute http(s) URL, not {config.base_url!r}")
    if config.canonical not in CANONICAL_CHOICES:
        fail("canonical", f'canonical must be "self" or "original", not {config.canonical!r}')
    if config.per_page < 1:
        fail("per_page", f"per_page must be at least 1, not {config.per_page}")
    if config.feed_entries < 1:
        fail("feed_entries", f"feed_entries must be at least 1, not {config.feed_entries}")
    if not 1 <= config.sitemap_limit <= 50_000:
        fail("sitemap_limit", f"sitemap_limit must be between 1 and 50000, not {config.sitemap_limit}")
    if config.news_window_days < 0:
        fail("news_window_days", f"news_window_days must be 0 or more, not {config.news_window_days}")
    if not 1 <= config.max_tags <= 50:
        fail("max_tags", f"max_tags must be between 1 and 50, not {config.max_tags}")
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        fail("timezone", f"unknown timezone {config.timezone!r} (use an IANA name such as Europe/London)")
    problem = permalink_problem(config.permalink)
    if problem:
        fail("permalink", f"permalink {problem}, not {config.permalink!r}")
    if config.build_time and not _is_build_time(config.build_time):
        fail("build_time", f"build_time must be an ISO date-time or Unix seconds, not {config.build_time!r}")


def permalink_problem(pattern: str) -> str:
    """What is wrong with a permalink pattern ("" if nothing): its fields are filled with slugs and digits,
    and its own text must be as safe in a path and a URL."""
    usage = f"must start with / and use {{slug}} and only {', '.join(sorted(PERMALINK_FIELDS))}"
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError:
        return usage
    fields = [name for _, name, spec, conversion in parts if name is not None]
    plain = all(not spec and not conversion for _, name, spec, conversion in parts if name is not None)
    if not pattern.startswith("/") or "slug" not in fields or not set(fields) <= PERMALINK_FIELDS or not plain:
        return usage
    literal = "".join(text for text, _, _, _ in parts)
    if not _SAFE_PATH.fullmatch(literal) or "//" in pattern or any(p in (".", "..") for p in pattern.split("/")):
        return "may hold only letters, digits, and - . _ ~ between its / (no empty, . or .. segments)"
    return ""


_SAFE_PATH = re.compile(r"[A-Za-z0-9._~/-]*")


def _is_build_time(value: str) -> bool:
    if value.isdigit():
        return True
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _key_line(text: str, key: str) -> int | None:
    """The line of `key = …` (or of a `[key]` table) in a TOML text."""
    name = re.escape(key)
    match = re.search(rf"^[ \t]*(?:{name}[ \t]*=|\[[ \t]*{name}[ \t]*\])", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def key_line_in_file(path: str, key: str) -> int | None:
    try:
        return _key_line(Path(path).read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        return None


def publishing_warnings(config: SiteConfig) -> tuple[Diagnostic, ...]:
    """What is wrong with base_url for a site to be published (`build` reports these; `serve` builds for its
    own address and does not). They come from the config, not the build, so they never stop a build that
    has nothing to do from saying so."""
    shown = Path(config.config_file)
    if shown.is_absolute() and shown.is_relative_to(config.root):
        shown = shown.relative_to(config.root)
    where = (shown.as_posix(), key_line_in_file(config.config_file, "base_url"))
    found = []
    host = (urlsplit(config.base_url).hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost") or host.startswith("127."):
        found.append(
            f"base_url points at localhost ({config.base_url}): canonical, sitemap and feed URLs will point at "
            "the preview server; set base_url to where the site is published"
        )
    if config.base_path != "/":
        found.append(
            f"base_url has a sub-path ({config.base_path}): robots.txt is only read at the host root "
            f"({config.absolute_url('/robots.txt')}); copy the Sitemap: lines of {config.output_dir}/robots.txt "
            "into the robots.txt served there"
        )
    return tuple(warning(*where, "config-base-url", message) for message in found)


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
