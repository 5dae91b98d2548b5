"""PURE. What a reviewer of a large import may want to look at: not problems (the seed imported), doubts.

Each is a warning-shaped Diagnostic with a stable code, listed per seed in the import report and never
among the import's problems (so `--strict` does not fail on them):

    all-caps-title   the title is written in capitals (a wire headline, kept as written)
    ticker-kept      the text holds `<DD>`-style tickers, kept as text (not taken for HTML)
    caption-guessed  the caption was told from the first paragraph by its shape, not by a mark or credit
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostic, warning
from generator.model import NormalizedArticle

_TICKER = re.compile(r"<[A-Z][A-Za-z0-9.&'’ -]{0,40}>")
GUESSED = frozenset({"short line before a dateline", "descriptive sentence (participle, no finite verb)"})


def doubts(path: str, text: str, article: NormalizedArticle, caption_rule: str = "") -> tuple[Diagnostic, ...]:
    found = []
    words = article.title.split()
    if len(words) > 1 and article.title.isupper():
        found.append(warning(path, None, "all-caps-title", f"the title is in capitals: {article.title!r}"))
    tickers = sorted(set(_TICKER.findall(text)))
    if tickers:
        shown = ", ".join(tickers[:5]) + (", …" if len(tickers) > 5 else "")
        found.append(warning(path, None, "ticker-kept", f"kept {shown} as text (a ticker, not HTML)"))
    if article.caption and caption_rule in GUESSED:
        found.append(
            warning(path, None, "caption-guessed", f"the caption was told from the lead by its shape: {caption_rule}")
        )
    return tuple(found)
