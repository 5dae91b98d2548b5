"""PURE. The files that tell crawlers what the site holds: the sitemap (one urlset, or an index of files of at
most `sitemap_entries_per_file` URLs), the Google News sitemap and robots.txt.

They read articles only as `seen_elsewhere` makes them (views.Seen: a page's path, its teaser's title and
date, its feed entry's time), so the incremental rules hold unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from generator.config import SiteConfig
from generator.model import Route
from generator.site.permalinks import sitemap_entries_per_file, sitemap_paths
from generator.site.views import Seen, Urls

NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_MAX_URLS = 1000  # Google News reads at most this many URLs of one news sitemap


def sitemap_routes(page_urls: Sequence[str], views: Sequence[Seen], urls: Urls) -> Iterator[Route]:
    """/sitemap.xml: one urlset of every page, or, with more pages than one file holds, an index of
    /sitemaps/sitemap-N.xml. The pages are ordered by URL and cut into files in that order, so the same
    pages always make the same files, and an edit that changes one page's date rewrites one file."""
    lastmod = {view.path: view.teaser["date_iso"] for view in views if view.teaser["date_iso"]}
    entries = [{"loc": urls.absolute(url), "lastmod": lastmod.get(url, "")} for url in sorted(page_urls)]
    paths = sitemap_paths(len(entries), urls.config)
    if len(paths) == 1:
        yield Route("/sitemap.xml", "sitemap.xml", "sitemap.xml", {"entries": entries})
        return
    per_file = sitemap_entries_per_file(urls.config)
    files = []
    for n, path in enumerate(paths[1:]):
        chunk = entries[n * per_file : (n + 1) * per_file]
        files.append({"loc": urls.absolute(path), "lastmod": max((e["lastmod"] for e in chunk), default="")})
        yield Route(path, urls.output(path), "sitemap.xml", {"entries": chunk})
    yield Route("/sitemap.xml", "sitemap.xml", "sitemap-index.xml", {"sitemaps": files})


def news_window(views: Sequence[Seen], config: SiteConfig) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the news sitemap's articles: `news_window_days` days ending on the build
    date (build_time or SOURCE_DATE_EPOCH), or, when neither is set, on the newest article's date (an
    archive is published after the fact, and a build never reads the clock). None when news_window_days
    is 0 or no article is dated."""
    days = config.news_window_days
    end = config.build_date() or max((v.index.date for v in views if v.index.date), default=None)
    if not days or end is None:
        return None
    return end - dt.timedelta(days=days - 1), end


def news_sitemap(views: Sequence[Seen], urls: Urls) -> Route | None:
    """/news-sitemap.xml: the dated articles of the news window, newest first, at most NEWS_MAX_URLS. A
    window without an article gives an empty urlset, so the file and robots.txt's line for it depend on
    the settings alone. None when news_window_days is 0."""
    config = urls.config
    if not config.news_window_days:
        return None
    window = news_window(views, config)
    # The index lists articles newest first (ties by slug and path), so the chosen ones are in that order.
    chosen = [v for v in views if window and v.entry and v.index.date and window[0] <= v.index.date <= window[1]]
    entries = [
        {
            "loc": urls.absolute(view.path),
            "title": view.teaser["title"],
            "published": view.entry["published"] if view.entry else "",
        }
        for view in chosen[:NEWS_MAX_URLS]
    ]
    context = {"entries": entries, "name": config.title, "language": config.language, "namespace": NEWS_NAMESPACE}
    return Route("/news-sitemap.xml", "news-sitemap.xml", "news-sitemap.xml", context)


def robots(urls: Urls) -> Route:
    """robots.txt: every page allowed, and the absolute URLs of the sitemap and the news sitemap."""
    sitemaps = [urls.absolute("/sitemap.xml")]
    if urls.config.news_window_days:
        sitemaps.append(urls.absolute("/news-sitemap.xml"))
    return Route("/robots.txt", "robots.txt", "robots.txt", {"sitemap_url": sitemaps[0], "sitemap_urls": sitemaps})
