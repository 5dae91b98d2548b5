"""Builds the Jinja2 environment from the theme chain and lists the theme's static files."""
from __future__ import annotations

import hashlib
import pickle
import re
import tomllib
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .config import PROJECT_DIR, SiteConfig, key_line_in_file
from .diagnostics import ConfigError, error


def theme_chain(config: SiteConfig) -> list[Path]:
    """The theme's folders, child first. A theme named N is the site's themes/N over the bundled
    themes/N (so a site can override single templates of a bundled theme), then N's parents."""
    chain: list[Path] = []
    name: str | None = config.theme
    while name:
        folders = _find_theme(name, config)
        if any(folder in chain for folder in folders):
            raise ConfigError(error(str(folders[0] / "theme.toml"), None, "theme-cycle", f"theme {name!r} extends itself"))
        chain += folders
        name = next((_theme_settings(f)["extends"] for f in folders if "extends" in _theme_settings(f)), None)
    return chain


def _find_theme(name: str, config: SiteConfig) -> list[Path]:
    bases = [config.root / "themes"] + ([PROJECT_DIR / "themes"] if config.root.resolve() != PROJECT_DIR else [])
    found = [base / name for base in bases if (base / name / "templates").is_dir()]
    if not found:
        line = key_line_in_file(config.config_file, "theme") if config.theme == name else None
        raise ConfigError(error(config.config_file if line else str(config.root / "site.toml"), line, "theme-missing",
                                f"theme {name!r} not found in {config.root / 'themes'} or {PROJECT_DIR / 'themes'}"))
    return found


def _theme_settings(folder: Path) -> dict[str, Any]:
    path = folder / "theme.toml"
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(error(str(path), None, "theme-syntax", f"invalid TOML: {exc}")) from None


def environment(config: SiteConfig, site: dict[str, Any]) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader([str(folder / "templates") for folder in theme_chain(config)])
    env = jinja2.Environment(
        loader=loader, autoescape=jinja2.select_autoescape(["html", "xml"]), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False,
    )
    env.globals["site"] = site
    env.globals["render_cached"] = _cached_renderer(env)
    env.site_root = str(config.root)  # template errors are named relative to the site, like content errors
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
