"""Turn a Broadsheet site's content/ into a Hugo site and a Pelican site with the same articles.

Each article keeps its title, date, slug, body, tags, source (outlet), authors (people), section,
summary, caption and original URL. Both peers get small templates (bench/templates/) that mirror
Broadsheet's default theme: the same masthead, teaser lists, byline, tags and newer/older links.

Needs only PyYAML, so the smoke test can run it in the project's venv.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).resolve().parent / "templates"
# Where a template edit goes in the peers' article templates (see bench/templates/).
EDIT_MARKER = "bench: template edits go above this line"


@dataclass(frozen=True)
class Story:
    """One Broadsheet article, as its content file's front matter and body give it."""

    rel: str  # path under content/, e.g. 2004/03/yahoo-celebrates-a-decade-online.md
    title: str
    date: dt.date | dt.datetime | None
    slug: str
    source: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    section: str
    summary: str
    caption: str
    original_url: str
    draft: bool
    body: str

    @property
    def day(self) -> dt.date | None:
        return self.date.date() if isinstance(self.date, dt.datetime) else self.date


@dataclass(frozen=True)
class SiteInfo:
    title: str
    description: str
    base_url: str
    per_page: int
    feed_entries: int  # each feed's newest entries, as Broadsheet's feed_entries


# --- reading Broadsheet content ---------------------------------------------------------------


def parse_story(text: str, rel: str) -> Story | None:
    """A content file -> Story; None when it has no YAML front matter."""
    if not text.startswith("---\n"):
        return None
    head, sep, body = text[4:].partition("\n---\n")
    if not sep:
        return None
    meta = yaml.safe_load(head) or {}
    date = meta.get("date")
    if isinstance(date, str):
        date = dt.datetime.fromisoformat(date) if "T" in date or " " in date else dt.date.fromisoformat(date)
    return Story(
        rel=rel,
        title=str(meta.get("title", "")),
        date=date,
        slug=str(meta.get("slug") or Path(rel).stem),
        source=str(meta.get("source") or ""),
        authors=tuple(str(a) for a in meta.get("authors") or ()),
        tags=tuple(str(t) for t in meta.get("tags") or ()),
        section=str(meta.get("section") or ""),
        summary=str(meta.get("summary") or ""),
        caption=str(meta.get("caption") or ""),
        original_url=str(meta.get("original_url") or ""),
        draft=bool(meta.get("draft", False)),
        body=body,
    )


def read_stories(content_dir: Path) -> list[Story]:
    """Every published, dated article under content/, in path order."""
    stories = []
    for path in sorted(content_dir.rglob("*.md")):
        story = parse_story(path.read_text(encoding="utf-8"), path.relative_to(content_dir).as_posix())
        if story and not story.draft and story.day:
            stories.append(story)
    return stories


# --- Hugo ------------------------------------------------------------------------------------
# Hugo has no date archives (gohugoio/hugo#448). Nested year/month/day content sections with an
# _index.md each gave the right URLs but doubled Hugo's CPU time at x1 (18.7 s against 8.8 s,
# with about 730 day sections). So the periods are three more taxonomies (years, months, days),
# whose term pages live at /YYYY/, /YYYY/MM/ and /YYYY/MM/DD/ ([permalinks.term]): Hugo groups
# and paginates them itself.
DATE_TAXONOMIES = ("years", "months", "days")


def hugo_path(story: Story) -> str:
    """articles/<Broadsheet's YYYY/MM/slug.md>: one content section, so Hugo adds no section pages."""
    return f"articles/{story.rel}"


def hugo_page(story: Story) -> str:
    front = {
        "title": story.title,
        "date": story.date.isoformat(),
        "slug": story.slug,
        "summary": story.summary,
        "tags": list(story.tags),
        "sources": [story.source] if story.source else [],
        "authors": list(story.authors),
        "sections": [story.section] if story.section else [],
        "years": [f"{story.day:%Y}"],
        "months": [f"{story.day:%Y/%m}"],
        "days": [f"{story.day:%Y/%m/%d}"],
        "params": {"source": story.source, "caption": story.caption, "original_url": story.original_url},
    }
    return _front_matter(front) + story.body


def hugo_unlisted_pages(stories: list[Story]) -> dict[str, str]:
    """List pages Broadsheet has no counterpart for: /articles/, /years/, /months/, /days/, and
    /authors/ when no article names a person (Broadsheet then writes no author index either). The date
    terms' pages have no feed, as Broadsheet's date pages have none."""
    names = ["articles", *DATE_TAXONOMIES] + ([] if any(s.authors for s in stories) else ["authors"])
    hidden = _front_matter({"build": {"render": "never"}, "cascade": {"outputs": ["html"]}})  # no date feeds
    return {f"{name}/_index.md": hidden for name in names}


def _front_matter(values: dict) -> str:
    return "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def hugo_config(site: SiteInfo) -> str:
    return f"""\
baseURL = {_toml(site.base_url)}
title = {_toml(site.title)}
locale = "en"
timeZone = "UTC"
enableRobotsTXT = true

[services.rss]
  limit = {site.feed_entries}

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html", "rss"]

[params]
  description = {_toml(site.description)}

[pagination]
  pagerSize = {site.per_page}
  path = "page"
  disableAliases = true

[taxonomies]
  tag = "tags"
  source = "sources"
  author = "authors"
  section = "sections"
  year = "years"
  month = "months"
  day = "days"

[permalinks.page]
  articles = "/:year/:month/:day/:slug/"

[permalinks.term]
  years = "/:slug/"
  months = "/:slug/"
  days = "/:slug/"
"""


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_hugo_site(stories: list[Story], site_dir: Path, site: SiteInfo, style_css: Path) -> dict[str, Path]:
    """Writes the Hugo site; returns Broadsheet content path -> the Hugo content file."""
    content = site_dir / "content"
    files = {hugo_path(s): hugo_page(s) for s in stories}
    files.update(hugo_unlisted_pages(stories))
    files["archive/_index.md"] = _front_matter({"title": "Archive"})
    _write_all(content, files)
    _copy_tree(TEMPLATES / "hugo" / "layouts", site_dir / "layouts")
    _copy_file(style_css, site_dir / "static" / "static" / "style.css")
    (site_dir / "hugo.toml").write_text(hugo_config(site), encoding="utf-8")
    return {s.rel: content / hugo_path(s) for s in stories}


# --- Pelican ---------------------------------------------------------------------------------


def pelican_page(story: Story) -> str:
    """Pelican's Markdown: `Key: value` metadata lines, a blank line, then the body."""
    tags = "; ".join(story.tags) if any("," in t for t in story.tags) else ", ".join(story.tags)
    meta = [
        ("Title", story.title),
        ("Date", story.date.isoformat()),
        ("Slug", story.slug),
        ("Tags", tags),
        ("Category", story.section),
        ("Author", story.source),
        ("Authors", "" if story.source else "; ".join(story.authors)),
        ("Summary", story.summary),
        ("Caption", story.caption),
        ("Original_url", story.original_url),
    ]
    head = "".join(f"{key}: {_one_line(value)}\n" for key, value in meta if value)
    return head + "\n" + story.body


def _one_line(value: str) -> str:
    return " ".join(value.split())


def pelican_config(site: SiteInfo, cache: bool) -> str:
    origin = site.base_url.rstrip("/")
    return f'''\
"""Pelican settings written by bench/peers.py: the same URLs, pagination and archives as Broadsheet."""
SITENAME = {site.title!r}
SITE_DESCRIPTION = {site.description!r}
SITEURL = ""
SITE_ABSOLUTE = {origin!r}
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
THEME = "theme"
THEME_STATIC_DIR = "static"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["neighbours"]
USE_FOLDER_AS_CATEGORY = False
PAGE_PATHS = []
STATIC_PATHS = []
DELETE_OUTPUT_DIRECTORY = False
MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.tables": {{}}, "markdown.extensions.fenced_code": {{}},
        "markdown.extensions.sane_lists": {{}}, "markdown.extensions.meta": {{}},
    }},
    "output_format": "html5",
}}

DEFAULT_PAGINATION = {site.per_page}
PAGINATED_TEMPLATES = {{"index": None, "tag": None, "category": None, "author": None, "period_archives": None}}
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)

ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/{{slug}}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
YEAR_ARCHIVE_URL = "{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_URL + "index.html"
MONTH_ARCHIVE_URL = "{{date:%Y}}/{{date:%m}}/"
MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL + "index.html"
DAY_ARCHIVE_URL = "{{date:%Y}}/{{date:%m}}/{{date:%d}}/"
DAY_ARCHIVE_SAVE_AS = DAY_ARCHIVE_URL + "index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = TAG_URL + "index.html"
CATEGORY_URL = "sections/{{slug}}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
AUTHOR_URL = "sources/{{slug}}/"
AUTHOR_SAVE_AS = AUTHOR_URL + "index.html"

DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404", "sitemap", "robots"]
INDEX_URL = ""
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_SAVE_AS = "sections/index.html"
AUTHORS_SAVE_AS = "sources/index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"

FEED_DOMAIN = {origin!r}
FEED_MAX_ITEMS = {site.feed_entries}
FEED_ALL_ATOM = "feed.xml"
CATEGORY_FEED_ATOM = "sections/{{slug}}/feed.xml"
TAG_FEED_ATOM = "tags/{{slug}}/feed.xml"
AUTHOR_FEED_ATOM = "sources/{{slug}}/feed.xml"
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
CACHE_PATH = "cache"
'''


def write_pelican_site(
    stories: list[Story], site_dir: Path, site: SiteInfo, style_css: Path, cache: bool
) -> dict[str, Path]:
    """Writes the Pelican site; returns Broadsheet content path -> the Pelican content file."""
    content = site_dir / "content"
    _write_all(content, {s.rel: pelican_page(s) for s in stories})
    _copy_tree(TEMPLATES / "pelican" / "templates", site_dir / "theme" / "templates")
    _copy_tree(TEMPLATES / "pelican" / "plugins", site_dir / "plugins")
    _copy_file(style_css, site_dir / "theme" / "static" / "style.css")
    (site_dir / "pelicanconf.py").write_text(pelican_config(site, cache), encoding="utf-8")
    return {s.rel: content / s.rel for s in stories}


# --- files -----------------------------------------------------------------------------------


def _write_all(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))


def _copy_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
