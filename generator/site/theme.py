"""Builds the Jinja2 environment from the theme chain and lists the theme's static files."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tomllib
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.config import BUNDLED_THEMES, SiteConfig, key_line_in_file
from generator.diagnostics import ConfigError, error
from generator.fsutil import sorted_file_names

THEME_KEYS = ("name", "extends")


def theme_chain(config: SiteConfig) -> list[Path]:
    """The theme's folders, child first. A theme named N is the site's themes/N over the bundled
    themes/N (BUNDLED_THEMES: so a site can override single templates of a bundled theme), then N's parents."""
    chain: list[Path] = []
    names: list[str] = []
    name: str | None = config.theme
    asked: tuple[str, int | None] | None = None  # the theme.toml and line of the `extends` naming `name`
    while name:
        if name in names:
            cycle = " -> ".join(names[names.index(name) :] + [name])
            where = asked or (config.config_file, None)
            raise ConfigError(error(*where, "theme-cycle", f"theme {name!r} extends itself: {cycle}"))
        folders = _find_theme(name, config, asked)
        names.append(name)
        chain += folders
        name, asked = _parent(folders, config)
    return chain


def _find_theme(name: str, config: SiteConfig, asked: tuple[str, int | None] | None) -> list[Path]:
    site_themes = config.root / "themes"
    bases = [site_themes] + ([BUNDLED_THEMES] if site_themes.resolve() != BUNDLED_THEMES else [])
    found = [base / name for base in bases if (base / name / "templates").is_dir()]
    if found:
        return found
    if asked is None:
        line = key_line_in_file(config.config_file, "theme") if config.theme == name else None
        asked = (config.config_file if line else str(config.root / "site.toml"), line)
    raise ConfigError(error(*asked, "theme-missing", f"theme {name!r} not found in {site_themes} or {BUNDLED_THEMES}"))


def _parent(folders: list[Path], config: SiteConfig) -> tuple[str | None, tuple[str, int | None] | None]:
    """The theme the first of `folders` with an `extends` names, and where it says so."""
    for folder in folders:
        settings = _theme_settings(folder, config.root)
        if "extends" in settings:
            path = folder / "theme.toml"
            return settings["extends"], (site_relative(str(path), config.root), key_line_in_file(str(path), "extends"))
    return None, None


def _theme_settings(folder: Path, root: Path) -> dict[str, Any]:
    """A theme's theme.toml, checked like site.toml: TOML syntax, known keys, string values."""
    path = folder / "theme.toml"
    shown = site_relative(str(path), root)
    if not path.exists():
        return {}
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(error(shown, None, "theme-unreadable", f"cannot read the theme settings: {reason}")) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(error(shown, _toml_line(exc), "theme-syntax", f"invalid TOML: {exc}")) from None
    for key, value in values.items():
        if key not in THEME_KEYS:
            raise ConfigError(
                error(
                    shown,
                    key_line_in_file(str(path), key),
                    "theme-unknown-key",
                    f"unknown key {key!r}; allowed keys: {', '.join(THEME_KEYS)}",
                )
            )
        if not isinstance(value, str):
            raise ConfigError(
                error(
                    shown,
                    key_line_in_file(str(path), key),
                    "theme-type",
                    f"{key} must be a string, not {type(value).__name__} {value!r}",
                )
            )
    return values


def _toml_line(exc: tomllib.TOMLDecodeError) -> int | None:
    """The line of a TOML syntax error: an attribute from Python 3.14, in the message before."""
    lineno = getattr(exc, "lineno", None)
    match = re.search(r"\(at line (\d+)", str(exc))
    return lineno if isinstance(lineno, int) else int(match.group(1)) if match else None


def site_relative(filename: str, root: str | Path) -> str:
    """A path relative to the site's folder when it is inside it (as content files are named), else as given."""
    relative = os.path.relpath(filename, root)
    return filename if relative.startswith("..") else relative


class SiteEnvironment(jinja2.Environment):
    """A Jinja2 environment that knows the site's root, so template errors are named relative to it."""

    def __init__(self, site_root: str, **options: Any):
        super().__init__(**options)
        self.site_root = site_root


def environment(config: SiteConfig, site: dict[str, Any]) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([str(folder / "templates") for folder in theme_chain(config)])
    env = SiteEnvironment(
        str(config.root),  # template errors are named relative to the site, like content errors
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals["site"] = site
    env.globals["render_cached"] = _cached_renderer(env)
    return env


# `render_cached("name", item)` in a template: the cache module reads these names to hash the dependency.
CACHED_INCLUDE = re.compile(r"""render_cached\(\s*["']([^"']+)["']""")


def _cached_renderer(env: jinja2.Environment):
    """`render_cached(name, item)`: render a fragment (a teaser) once per build for each distinct item,
    however many listings show it. Items are remembered by a digest of their pickled values, so the
    memo holds one fragment per article and no copy of the values. An item that cannot be pickled
    is rendered every time."""
    memo: dict[bytes, Markup] = {}

    def render_cached(name: str, item: dict[str, Any]) -> Markup:
        try:
            key = hashlib.blake2b(pickle.dumps((name, item), pickle.HIGHEST_PROTOCOL), digest_size=16).digest()
        except (pickle.PicklingError, TypeError, AttributeError):
            return Markup(env.get_template(name).render(item=item))
        if key not in memo:
            memo[key] = Markup(env.get_template(name).render(item=item))
        return memo[key]

    return render_cached


def static_files(config: SiteConfig) -> dict[str, Path]:
    """Output path (under static/) -> source file; a child theme's file wins over its parent's."""
    found: dict[str, Path] = {}
    for folder in reversed(theme_chain(config)):
        static = folder / "static"
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            found["static/" + path.relative_to(static).as_posix()] = path
    return dict(sorted(found.items()))


def template_files(config: SiteConfig) -> list[Path]:
    """Every template file the chain offers, for hashing: a template edit must re-render its pages."""
    return sorted(p for folder in theme_chain(config) for p in (folder / "templates").rglob("*") if p.is_file())


def theme_files(config: SiteConfig) -> list[str]:
    """Every file of the theme chain: templates, static files, theme.toml."""
    return [full for folder in theme_chain(config) for _, full in sorted_file_names(folder, ("",))]
