"""What the normaliser needs from the config (a module of its own, so that the import's unchanged path
does not load the normaliser and its word lists)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    """What the normaliser needs from the config."""

    outlets: frozenset[str] = frozenset()
    max_tags: int = 8
    today: dt.date | None = None  # a later date is kept, with a warning
