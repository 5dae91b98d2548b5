"""PURE. The redirect pages of articles' `aliases:` (their old URLs): one small page at each alias that
sends the reader on to the article's page.

An alias is a site path like any other (under the base path). It gets a page only when no other page is
there: an alias at the URL of a page the site makes (an article, a listing, a feed, the 404 page), or
at another article's alias (the newer article keeps it), is an error, and no redirect is written there.
Redirect pages are in no listing, feed or sitemap (routes.iter_routes yields them outside `listed`).
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, error
from generator.model import Article, Route, SiteIndex
from generator.site.permalinks import output_path, reserved_pages
from generator.site.views import Urls


def redirect_routes(index: SiteIndex, urls: Urls) -> Iterator[Route]:
    """The redirect page of every alias that collides with nothing, in the index's order."""
    for alias, article in _plan(index, urls)[0]:
        path = urls.article(article)
        context = {
            "page_title": article.title,
            "title": article.title,
            "url": urls.link(path),
            "canonical": urls.absolute(path),
            "alias": urls.link(alias),
        }
        yield Route(alias, output_path(alias), "redirect.html", context, source=article.path)


def alias_problems(index: SiteIndex, urls: Urls) -> tuple[Diagnostic, ...]:
    """An error for each alias that is the URL of another page, or of an alias met before."""
    return _plan(index, urls)[1]


def alias_count(index: SiteIndex, urls: Urls) -> int:
    return len(_plan(index, urls)[0])


def _plan(index: SiteIndex, urls: Urls) -> tuple[list[tuple[str, Article]], tuple[Diagnostic, ...]]:
    """(alias, article) for each redirect page to write, and the errors for the aliases that get none."""
    if not any(article.aliases for article in index.articles):
        return [], ()
    taken = _pages(index, urls)
    kept: list[tuple[str, Article]] = []
    problems: list[Diagnostic] = []
    for article in index.articles:
        for alias in article.aliases:
            owner = taken.get(output_path(alias))
            if owner is None:
                taken[output_path(alias)] = f"an alias of {article.path}"
                kept.append((alias, article))
            else:
                message = f"alias {alias} is the URL of {owner}; that page is kept and no redirect is written"
                problems.append(error(article.path, article.aliases_line, "alias-collision", message))
    return kept, tuple(problems)


def _pages(index: SiteIndex, urls: Urls) -> dict[str, str]:
    """{output path: what page is there} for every page the site makes but the redirects."""
    pages = {output_path(url): (name if n == 1 else f"page {n} of {name}") for url, name, n in _reserved(index, urls)}
    pages.update((output_path(urls.article(a)), f"the article {a.path}") for a in index.articles)
    return pages


def _reserved(index: SiteIndex, urls: Urls) -> Iterator[tuple[str, str, int]]:
    return reserved_pages(index, urls.config)
