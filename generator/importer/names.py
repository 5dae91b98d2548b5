"""Seed names (relative to seeds/) and the paths reports show (relative to the site's folder)."""

from __future__ import annotations

import os
from pathlib import Path

from generator.config import SiteConfig


class Names:
    """Seed names (relative to seeds/) and shown paths (relative to the site), without a syscall per file."""

    def __init__(self, config: SiteConfig):
        self.seeds, self.root = os.path.abspath(config.seeds_path), os.path.abspath(config.root)
        self.real_seeds, self.real_root = config.seeds_path.resolve(), config.root.resolve()

    def seed(self, path: Path) -> str:
        return _relative(path, self.seeds, self.real_seeds) or path.name

    def shown_full(self, full: str) -> str:
        """shown() of an absolute path string below the site, without a Path: the unchanged path's cost."""
        if full.startswith(self.root + os.sep) and os.sep == "/":
            name = full[len(self.root) + 1 :]
            return name if name.isascii() else printable(name)
        return self.shown(Path(full))

    def shown(self, path: Path) -> str:
        return printable(_relative(path, self.root, self.real_root) or str(path))


def printable(name: str) -> str:
    """A file name fit for a report: a byte that is not UTF-8 is shown as `\\udcff`, as Python prints it."""
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _relative(path: Path, base: str, real_base: Path) -> str:
    full = os.path.abspath(path)
    if full.startswith(base + os.sep):
        return full[len(base) + 1 :].replace(os.sep, "/")
    try:
        return path.resolve().relative_to(real_base).as_posix()
    except ValueError:
        return ""
