"""Finds the content files: the regular `*.md` files below content/, with a warning for every other
entry so named (see fsutil.regular_files), so a FIFO, a folder or a dangling symlink never stops a build."""

from __future__ import annotations

from generator.diagnostics import Diagnostic, warning
from generator.fsutil import regular_files


class ContentFiles(list):
    """(name shown in messages, file path) pairs, a plain list to every caller; `skipped` holds the
    warnings for the entries named like content files that are not readable regular files."""

    def __init__(self, files: list[tuple[str, str]], skipped: tuple[Diagnostic, ...] = ()):
        super().__init__(files)
        self.skipped = skipped


def content_files(config) -> ContentFiles:
    """(name shown in messages, file path) for every content file, in a stable order. A FIFO, socket, device,
    folder or unreadable file named `*.md` is skipped with a warning, never opened; so is a symlink that is
    dangling, leads to a folder, or leads outside the site. A symlink to a file inside the site is followed."""
    prefix = config.content_dir.rstrip("/") + "/"
    found, skipped = regular_files(config.content_path, (".md",), config.root)
    return ContentFiles(
        [(prefix + rel, full) for rel, full in found],
        tuple(warning(prefix + rel, None, "content-skipped", why) for rel, why in skipped),
    )


def unreadable(shown: str, exc: OSError) -> Diagnostic:
    return warning(shown, None, "content-unreadable", f"cannot be read ({exc.strerror or exc})")
