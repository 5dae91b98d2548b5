"""PURE. Article URLs under the `permalink` pattern, the URLs of the site's other pages (with the letter pages of
a large term index and the sitemap's files), and the articles whose page would land where one of those is
(routes.py makes the pages themselves)."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator, Sequence

from generator.config import SiteConfig
from generator.model import Article, DateBucket, SiteIndex, Term
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
        for url, name, n in reserved_pages(index, self.config):
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


def reserved_pages(index: SiteIndex, config: SiteConfig) -> Iterator[tuple[str, str, int]]:
    """(URL, what it is, page number) of every page routes.iter_routes makes that is not an article's."""
    listed = list(_listings(index, config.per_page))
    yield from listed
    yield from _feeds("/", range(len(index.articles)), "the site", index)
    for kind, singular, terms in _term_kinds(index):
        for term in terms:
            yield from _feeds(f"/{kind}/{term.slug}/", term.articles, f"the {singular} {term.name!r}", index)
    yield "/404.html", "the 404 page", 1
    yield "/robots.txt", "robots.txt", 1
    if config.search:
        yield "/search/", "the search page", 1
    if config.news_window_days:
        yield "/news-sitemap.xml", "the news sitemap", 1
    for n, url in enumerate(sitemap_paths(len(index.articles) + len(listed), config), start=1):
        yield url, "the sitemap", n


def _term_kinds(index: SiteIndex) -> tuple[tuple[str, str, tuple[Term, ...]], ...]:
    return (
        ("tags", "tag", index.tags),
        ("sources", "source", index.sources),
        ("authors", "author", index.authors),
        ("sections", "section", index.sections),
    )


def _listings(index: SiteIndex, per_page: int) -> Iterator[tuple[str, str, int]]:
    """The pages other than articles that the sitemap lists: every listing and index, the archive."""

    def listing(path: str, count: int, name: str, size: int = per_page) -> Iterator[tuple[str, str, int]]:
        return ((url, name, n) for n, url in enumerate(page_paths(path, count, size), start=1))

    yield from listing("/", len(index.articles), "the front page")
    for bucket in index.years + index.months + index.days:
        yield from listing(period_path(bucket.key), len(bucket.articles), f"the archive of {period_title(bucket)}")
    for kind, singular, terms in _term_kinds(index):
        if terms:
            yield f"/{kind}/", f"the {singular} index", 1
        for letter, members in letter_buckets(terms):
            yield from listing(
                letter_path(kind, letter), len(members), f"the {singular} index of {letter!r}", TERMS_PER_PAGE
            )
        for term in terms:
            yield from listing(f"/{kind}/{term.slug}/", len(term.articles), f"the {singular} page {term.name!r}")
    if index.undated:
        yield from listing("/undated/", len(index.undated), "the undated list")
    yield "/archive/", "the archive overview", 1


SITEMAP_MAX_BYTES = 50 * 1024 * 1024  # the protocol's limit of one sitemap file, uncompressed
_ENTRY_BYTES = len("<url><loc></loc><lastmod>2014-03-05</lastmod></url>\n")
# The longest path of a page the permalink does not make: /undated/<slug of MAX_SEGMENT_BYTES>/ (a listing,
# /sections/<slug of at most 80>/page/<n>/, is shorter).
_OTHER_PATH_BYTES = len("/undated//") + MAX_SEGMENT_BYTES


def sitemap_entries_per_file(config: SiteConfig) -> int:
    """How many URLs one sitemap file holds: sitemap_limit, fewer if that many of the longest URLs the
    settings allow (every field of the permalink MAX_SEGMENT_BYTES long, the base URL escaped) would
    pass SITEMAP_MAX_BYTES. Found from the settings alone, so the count of files is known before the URLs."""
    fields = config.permalink.count("{")
    longest = max(len(config.permalink) + fields * MAX_SEGMENT_BYTES, _OTHER_PATH_BYTES)
    base = len(html.escape(config.base_url).encode("utf-8"))  # as escaped in XML, or longer
    entry = _ENTRY_BYTES + base + longest
    return max(1, min(config.sitemap_limit, (SITEMAP_MAX_BYTES - 1024) // entry))


def sitemap_paths(pages: int, config: SiteConfig) -> list[str]:
    """/sitemap.xml, and when the site has more pages than one file holds, the files it indexes:
    /sitemaps/sitemap-1.xml, …"""
    per_file = sitemap_entries_per_file(config)
    if pages <= per_file:
        return ["/sitemap.xml"]
    return ["/sitemap.xml", *(f"/sitemaps/sitemap-{n}.xml" for n in range(1, -(-pages // per_file) + 1))]


# The A-Z index of a large kind of term: /tags/ shows the most used, /tags/_letter/a/ (paginated) every tag
# whose slug starts with a. A slug is [a-z0-9-] and never starts with "-", so no tag's page can be in
# the folder: "_" is a character the slugger never makes.
LETTER_FOLDER = "_letter"
TERMS_PER_PAGE = 300  # an index of more terms than this is split by letter, with this many on a page
TOP_TERMS = 100  # the most used terms that a split index's first page shows
LETTERS = ("0-9", *"abcdefghijklmnopqrstuvwxyz", "other")


def term_letter(slug: str) -> str:
    """The bucket of a term's slug: its first letter, "0-9", or "other" (a slug of no ASCII letter or digit
    first, which slugify does not make today: the bucket is there so that no term is ever left out)."""
    first = slug[:1]
    if "a" <= first <= "z":
        return first
    return "0-9" if "0" <= first <= "9" else "other"


def letter_path(kind: str, letter: str) -> str:
    return f"/{kind}/{LETTER_FOLDER}/{letter}/"


def letter_page_count(terms: Sequence[Term], per_page: int = TERMS_PER_PAGE) -> int:
    """How many letter pages letter_buckets' letters make, without sorting the terms."""
    if len(terms) <= per_page:
        return 0
    counts = Counter(term_letter(t.slug) for t in terms)
    return sum(-(-n // per_page) for n in counts.values())


def letter_buckets(terms: Sequence[Term], per_page: int = TERMS_PER_PAGE) -> list[tuple[str, list[Term]]]:
    """The letters of an index of more than `per_page` terms, in LETTERS order, each with its terms by slug
    (then name); none for a smaller index, which is one page."""
    if len(terms) <= per_page:
        return []
    buckets: dict[str, list[Term]] = {}
    for term in sorted(terms, key=lambda t: (t.slug, t.name)):
        buckets.setdefault(term_letter(term.slug), []).append(term)
    return [(letter, buckets[letter]) for letter in LETTERS if letter in buckets]


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
