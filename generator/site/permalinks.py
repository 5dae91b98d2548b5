"""PURE. Article URLs under the `permalink` pattern, the URLs of the site's other pages, and the articles
whose page would land where one of those is (routes.py makes the pages themselves)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from generator.config import SiteConfig
from generator.model import Article, DateBucket, SiteIndex
from generator.months import month_name
from generator.site.index import term_slug
from generator.slugs import MAX_SEGMENT_BYTES


def output_path(url: str) -> str:
    """`/2014/03/` -> `2014/03/index.html`; `/sitemap.xml` -> `sitemap.xml`."""
    path = url.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


class ArticleUrl:
    """An article's page URL under the `permalink` pattern. Every field is a slug (the section too), and
    every path segment is at most MAX_SEGMENT_BYTES, so no raw text reaches a path or a URL."""

    def __init__(self, config: SiteConfig):
        self.config = config

    def __call__(self, article: Article) -> str:
        if article.date is None:
            return f"/undated/{article.slug}/"
        values = {
            "year": f"{article.date.year:04d}",
            "month": f"{article.date.month:02d}",
            "day": f"{article.date.day:02d}",
            "slug": article.slug,
            "section": term_slug(article.section) or "news",
        }
        path = self.config.permalink.format(**values)
        return "/".join(_capped(part) for part in path.split("/"))

    def clashes(self, index: SiteIndex) -> dict[str, str]:
        """{article path: message} for each article whose page, or a folder its page needs, is where another
        kind of page of the index is: the tag index, a year's archive, page 2 of the front page, …"""
        pages = {output_path(self(a)): a for a in index.articles}
        found: dict[str, str] = {}
        for url, name, n in reserved_pages(index, self.config.per_page):
            output = output_path(url)
            for taken in (output, *_folders(output)):
                article = pages.get(taken)
                if article is None or article.path in found:
                    continue
                mine = self(article)
                what = name if n == 1 else f"page {n} of {name}"
                where = "" if output_path(mine) == output else f" at {url}"
                found[article.path] = f"its page {mine} collides with {what}{where}, which keeps the URL"
        return found


def reserved_pages(index: SiteIndex, per_page: int) -> Iterator[tuple[str, str, int]]:
    """(URL, what it is, page number) of every page routes.iter_routes makes that is not an article's."""

    def listing(path: str, count: int, name: str) -> Iterator[tuple[str, str, int]]:
        return ((url, name, n) for n, url in enumerate(page_paths(path, count, per_page), start=1))

    yield from listing("/", len(index.articles), "the front page")
    yield from _feeds("/", range(len(index.articles)), "the site", index)
    for bucket in index.years + index.months + index.days:
        yield from listing(period_path(bucket.key), len(bucket.articles), f"the archive of {period_title(bucket)}")
    for kind, singular, terms in (
        ("tags", "tag", index.tags),
        ("sources", "source", index.sources),
        ("authors", "author", index.authors),
        ("sections", "section", index.sections),
    ):
        if terms:
            yield f"/{kind}/", f"the {singular} index", 1
        for term in terms:
            yield from listing(f"/{kind}/{term.slug}/", len(term.articles), f"the {singular} page {term.name!r}")
            yield from _feeds(f"/{kind}/{term.slug}/", term.articles, f"the {singular} {term.name!r}", index)
    if index.undated:
        yield from listing("/undated/", len(index.undated), "the undated list")
    for url, name in (
        ("/archive/", "the archive overview"),
        ("/404.html", "the 404 page"),
        ("/sitemap.xml", "the sitemap"),
        ("/robots.txt", "robots.txt"),
    ):
        yield url, name, 1


def _feeds(path: str, ids: Sequence[int], name: str, index: SiteIndex) -> Iterator[tuple[str, str, int]]:
    """A listing's feeds (site.feeds makes them for a listing with a dated article)."""
    if has_dated(index, ids):
        yield f"{path}feed.xml", f"the feed of {name}", 1
        yield f"{path}feed.json", f"the JSON feed of {name}", 1


def has_dated(index: SiteIndex, ids: Sequence[int]) -> bool:
    """Whether these articles include a dated one. The index lists articles newest first and the undated
    last, so the first one tells."""
    return bool(ids) and index.articles[ids[0]].date is not None


def page_paths(path: str, count: int, per_page: int) -> list[str]:
    """The pages of a listing of `count` articles: path, path/page/2/, …"""
    return [path if n == 1 else f"{path}page/{n}/" for n in range(1, max(1, -(-count // per_page)) + 1)]


def period_path(key: tuple[int, ...]) -> str:
    """(2014,) -> /2014/, (2014, 3) -> /2014/03/, (2014, 3, 5) -> /2014/03/05/."""
    return "/" + "/".join(f"{part:02d}" if i else f"{part:04d}" for i, part in enumerate(key)) + "/"


def period_title(bucket: DateBucket) -> str:
    key = bucket.key
    if len(key) == 1:
        return str(key[0])
    if len(key) == 2:
        return f"{month_name(key[1])} {key[0]}"
    return f"{key[2]} {month_name(key[1])} {key[0]}"


def _capped(segment: str) -> str:
    data = segment.encode("utf-8")
    return segment if len(data) <= MAX_SEGMENT_BYTES else data[:MAX_SEGMENT_BYTES].decode("utf-8", "ignore")


def _folders(output: str) -> Iterator[str]:
    """`tags/x/index.html` -> `tags/x`, `tags`: the folders an output file needs."""
    parts = output.split("/")[:-1]
    return ("/".join(parts[:n]) for n in range(len(parts), 0, -1))
