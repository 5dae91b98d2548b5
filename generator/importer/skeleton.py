"""Writes a new article skeleton, in the same canonical form the importer writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import contentfile
from generator.config import SiteConfig
from generator.contentfile import EMPTY, FIELDS, Kind
from generator.fsutil import atomic_write
from generator.slugs import slugify


def write_skeleton(config: SiteConfig, title: str, date: dt.date, source: str = "") -> Path | None:
    slug = slugify(title)
    path = config.content_path / f"{date:%Y/%m}" / f"{slug}.md"
    if path.exists():
        return None
    values = {
        name: EMPTY[kind] for name, kind in FIELDS.items() if kind not in (Kind.IMPORT, Kind.PATHS)
    }  # no seed, hash, alias
    values.update(title=title.strip(), date=date, slug=slug, source=source, draft=True)
    atomic_write(path, contentfile.document(values, "Write the article here.").encode("utf-8"))
    return path
