"""PURE. Articles -> SiteIndex: newest first, grouped by tag, source, author, section and date."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache

from generator.diagnostics import Diagnostic, error
from generator.model import Article, DateBucket, SiteIndex, Term
from generator.slugs import slugify


def build_index(
    articles: Iterable[Article], include_drafts: bool = False, url_of: Callable[[Article], str] | None = None
) -> tuple[SiteIndex, tuple[Diagnostic, ...]]:
    """`url_of` gives each article's page URL, so two articles that would share a page are caught. When it
    also has `clashes(index)` ({article path: message}, see permalinks.ArticleUrl), an article whose page
    another page of the site takes (the tag index, a year's archive, …) is refused too, with an error."""
    ordered = sorted((a for a in articles if include_drafts or not a.draft), key=lambda a: (a.sort_key, a.path))
    kept, diagnostics = _drop_duplicates(ordered, url_of or (lambda a: f"{a.date}/{a.slug}"))
    index = _index(kept)
    clashes = getattr(url_of, "clashes", None)
    found: dict[str, str] = clashes(index) if clashes else {}
    if found:
        refused = tuple(error(a.path, a.slug_line, "route-collision", found[a.path]) for a in kept if a.path in found)
        index = _index([a for a in kept if a.path not in found])
        diagnostics += refused
    return index, diagnostics


def _index(kept: list[Article]) -> SiteIndex:
    return SiteIndex(
        articles=tuple(kept),
        tags=_terms(kept, lambda a: a.tags),
        sources=_terms(kept, lambda a: (a.source,) if a.source else ()),
        authors=_terms(kept, lambda a: a.authors),
        sections=_terms(kept, lambda a: (a.section,) if a.section else ()),
        years=_buckets(kept, 1),
        months=_buckets(kept, 2),
        days=_buckets(kept, 3),
        undated=tuple(i for i, a in enumerate(kept) if a.date is None),
    )


@cache
def term_slug(name: str) -> str:
    """The URL segment of a tag, source, author or section name ("" if it has none)."""
    return slugify(name, fallback="")


def _drop_duplicates(
    articles: list[Article], url_of: Callable[[Article], str]
) -> tuple[list[Article], tuple[Diagnostic, ...]]:
    """Two articles with one URL would share a page: the newer one keeps it, the other is refused."""
    seen: dict[str, Article] = {}
    kept, diagnostics = [], []
    for article in articles:
        url = url_of(article)
        owner = seen.get(url)
        if owner is None:
            seen[url] = article
            kept.append(article)
        elif owner.date == article.date:
            diagnostics.append(
                error(
                    article.path,
                    article.slug_line,
                    "duplicate-slug",
                    f"slug {article.slug!r} on {article.date or 'no date'} is already used by {owner.path}",
                )
            )
        else:
            diagnostics.append(
                error(
                    article.path,
                    article.slug_line,
                    "duplicate-url",
                    f"slug {article.slug!r} gives the URL {url}, already used by {owner.path}",
                )
            )
    return kept, tuple(diagnostics)


def _terms(articles: list[Article], names_of: Callable[[Article], tuple[str, ...]]) -> tuple[Term, ...]:
    """Group by slug; the name shown is the spelling used most (ties: alphabetical)."""
    members: dict[str, list[int]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for i, article in enumerate(articles):
        for name in names_of(article):
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


def _buckets(articles: list[Article], depth: int) -> tuple[DateBucket, ...]:
    groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        if article.date:
            groups[(article.date.year, article.date.month, article.date.day)[:depth]].append(i)
    return tuple(DateBucket(key, tuple(ids)) for key, ids in sorted(groups.items(), reverse=True))
