"""PURE. ASCII slugs that are safe as one path segment."""

from __future__ import annotations

import re

from anyascii import anyascii

MAX_LENGTH = 80  # what slugify makes
MAX_SEGMENT_BYTES = 200  # the longest path segment any URL or output path may have (file systems allow 255)


def slugify(text: str, fallback: str = "article") -> str:
    """`Putin's "Red Lines" — Crimea` -> `putins-red-lines-crimea`; never empty, never a path."""
    ascii_text = anyascii(text).lower().replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > MAX_LENGTH:
        cut = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_LENGTH] else slug[:MAX_LENGTH]
        slug = cut[:MAX_LENGTH].strip("-")
    return slug or fallback
