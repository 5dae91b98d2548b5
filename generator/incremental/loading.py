"""Loading every content file for a full build: an article whose file is unchanged comes from the
article cache; the others are parsed in batches across the build's worker processes."""

from __future__ import annotations

import sys
from dataclasses import replace

from generator.diagnostics import Diagnostic
from generator.incremental.cache import ArticleCache
from generator.incremental.workers import IN_PROCESS, Workers
from generator.model import Article
from generator.site.discover import content_files, unreadable
from generator.site.load import parse_bytes

BATCH = 200


def load_all(
    config,
    cache: ArticleCache,
    workers: Workers = IN_PROCESS,
    files: list[tuple[str, str]] | None = None,
) -> tuple[list[Article], tuple[Diagnostic, ...]]:
    """Every content file: from the cache when its bytes are unchanged, else parsed (across processes).
    The problems include the entries content_files skipped and each article's warnings, every build."""
    files = files if files is not None else content_files(config)
    found: dict[str, Article] = {}
    misses: list[tuple[str, str, str, tuple]] = []
    problems: list[Diagnostic] = list(getattr(files, "skipped", ()))
    for shown, path in files:
        try:
            article, key, signature = cache.find(shown, path)
        except OSError as exc:  # gone or unreadable since the walk
            problems.append(unreadable(shown, exc))
            continue
        if article is None:
            misses.append((shown, path, key, signature))
        else:
            found[shown] = article
    batches = [misses[start : start + BATCH] for start in range(0, len(misses), BATCH)]
    parsed = (result for part in workers.map(_parse_files, batches) for result in part)
    for (shown, _, key, signature), result in zip(misses, parsed, strict=True):
        if isinstance(result, Diagnostic):
            problems.append(result)
            last_good = cache.last_good(shown)  # a broken edit never takes the page down
            if last_good is not None:
                found[shown] = last_good
        else:
            found[shown] = _shared_names(result)
            cache.put(shown, key, signature, found[shown])
    problems.extend(w for shown in sorted(found) for w in found[shown].warnings)
    return [found[shown] for shown in sorted(found)], tuple(problems)


def _shared_names(article: Article) -> Article:
    """The article with its tag, author, source and section names interned: an article parsed in a worker
    arrives with its own copies, and thousands of articles share a few thousand names."""
    return replace(
        article,
        source=sys.intern(article.source),
        section=sys.intern(article.section),
        tags=tuple(map(sys.intern, article.tags)),
        authors=tuple(map(sys.intern, article.authors)),
    )


def _parse_files(batch) -> list[Article | Diagnostic]:
    results: list[Article | Diagnostic] = []
    for shown, path, _, _ in batch:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as exc:
            results.append(unreadable(shown, exc))
            continue
        results.append(parse_bytes(data, shown))
    return results
