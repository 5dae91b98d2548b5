"""PURE. Articles -> SiteIndex: newest first, grouped by tag, source, author, section and date."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import NamedTuple

from generator.diagnostics import Diagnostic, error
from generator.model import Article, DateBucket, SiteIndex, Term
from generator.slugs import slugify


class IndexKey(NamedTuple):
    """All that build_index reads of an article (besides handing it to `url_of`): whether it is listed,
    where it sorts, which groups it joins, and what a message about it says."""

    path: str
    draft: bool
    order: tuple  # newest first (Article.sort_key), ties broken by path
    date: dt.date | None
    slug: str
    slug_line: int | None
    tags: tuple[str, ...]
    sources: tuple[str, ...]
    authors: tuple[str, ...]
    sections: tuple[str, ...]


def index_key(article: Article) -> IndexKey:
    return IndexKey(
        path=article.path,
        draft=article.draft,
        order=(article.sort_key, article.path),
        date=article.date,
        slug=article.slug,
        slug_line=article.slug_line,
        tags=article.tags,
        sources=(article.source,) if article.source else (),
        authors=article.authors,
        sections=(article.section,) if article.section else (),
    )


Keyed = list[tuple[IndexKey, Article]]


def build_index(
    articles: Iterable[Article], include_drafts: bool = False, url_of: Callable[[Article], str] | None = None
) -> tuple[SiteIndex, tuple[Diagnostic, ...]]:
    """`url_of` gives each article's page URL, so two articles that would share a page are caught. When it
    also has `clashes(index)` ({article path: message}, see permalinks.ArticleUrl), an article whose page
    another page of the site takes (the tag index, a year's archive, …) is refused too, with an error.
    Articles are read only through index_key, so the index is the same for articles with equal keys
    (and URLs)."""
    keyed = sorted(((index_key(a), a) for a in articles), key=lambda pair: pair[0].order)
    listed = [(key, a) for key, a in keyed if include_drafts or not key.draft]
    kept, diagnostics = _drop_duplicates(listed, url_of or (lambda a: f"{a.date}/{a.slug}"))
    index = _index(kept)
    clashes = getattr(url_of, "clashes", None)
    found: dict[str, str] = clashes(index) if clashes else {}
    if found:
        refused = tuple(
            error(k.path, k.slug_line, "route-collision", found[k.path]) for k, _ in kept if k.path in found
        )
        index = _index([(k, a) for k, a in kept if k.path not in found])
        diagnostics += refused
    return index, diagnostics


def _index(kept: Keyed) -> SiteIndex:
    keys = [key for key, _ in kept]
    return SiteIndex(
        articles=tuple(article for _, article in kept),
        tags=_terms(keys, lambda k: k.tags),
        sources=_terms(keys, lambda k: k.sources),
        authors=_terms(keys, lambda k: k.authors),
        sections=_terms(keys, lambda k: k.sections),
        years=_buckets(keys, 1),
        months=_buckets(keys, 2),
        days=_buckets(keys, 3),
        undated=tuple(i for i, k in enumerate(keys) if k.date is None),
    )


@cache
def term_slug(name: str) -> str:
    """The URL segment of a tag, source, author or section name ("" if it has none)."""
    return slugify(name, fallback="")


def _drop_duplicates(keyed: Keyed, url_of: Callable[[Article], str]) -> tuple[Keyed, tuple[Diagnostic, ...]]:
    """Two articles with one URL would share a page: the newer one keeps it, the other is refused."""
    seen: dict[str, IndexKey] = {}
    kept: Keyed = []
    diagnostics = []
    for key, article in keyed:
        url = url_of(article)
        owner = seen.get(url)
        if owner is None:
            seen[url] = key
            kept.append((key, article))
        elif owner.date == key.date:
            diagnostics.append(
                error(
                    key.path,
                    key.slug_line,
                    "duplicate-slug",
                    f"slug {key.slug!r} on {key.date or 'no date'} is already used by {owner.path}",
                )
            )
        else:
            diagnostics.append(
                error(
                    key.path,
                    key.slug_line,
                    "duplicate-url",
                    f"slug {key.slug!r} gives the URL {url}, already used by {owner.path}",
                )
            )
    return kept, tuple(diagnostics)


def _terms(keys: list[IndexKey], names_of: Callable[[IndexKey], tuple[str, ...]]) -> tuple[Term, ...]:
    """Group by slug; the name shown is the spelling used most (ties: alphabetical)."""
    members: dict[str, list[int]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for i, key in enumerate(keys):
        for name in names_of(key):
            slug = term_slug(name)
            if not slug:
                continue
            if not members[slug] or members[slug][-1] != i:
                members[slug].append(i)
            spellings[slug][name] += 1
    return tuple(
        Term(name=min(spellings[slug].items(), key=lambda kv: (-kv[1], kv[0]))[0], slug=slug, articles=tuple(ids))
        for slug, ids in sorted(members.items())
    )


def _buckets(keys: list[IndexKey], depth: int) -> tuple[DateBucket, ...]:
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        if key.date:
            groups[(key.date.year, key.date.month, key.date.day)[:depth]].append(i)
    return tuple(DateBucket(key, tuple(ids)) for key, ids in sorted(groups.items(), reverse=True))
