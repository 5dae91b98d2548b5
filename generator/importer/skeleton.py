"""Writes a new article skeleton, in the same canonical form the importer writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.config import SiteConfig
from generator.fsutil import atomic_write
from generator.slugs import slugify
from generator.yamlout import front_matter


def write_skeleton(config: SiteConfig, title: str, date: dt.date, source: str = "") -> Path | None:
    slug = slugify(title)
    path = config.content_path / f"{date:%Y/%m}" / f"{slug}.md"
    if path.exists():
        return None
    fields = {
        "title": title.strip(),
        "date": date,
        "slug": slug,
        "source": source,
        "authors": [],
        "original_url": "",
        "caption": "",
        "section": "",
        "tags": [],
        "summary": "",
        "draft": True,
    }
    atomic_write(path, front_matter(fields, "Write the article here.").encode("utf-8"))
    return path
