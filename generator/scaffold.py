"""A new site's files, as `init` writes them: site.toml, content/, seeds/, themes/ for overrides.

The site uses the bundled default theme, so it builds as soon as it is written. Nothing that exists
is ever overwritten: every folder and file is created with exclusive flags, and a folder that
exists and is not empty is refused before anything is written."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path

from generator.config import BUNDLED_THEMES, SiteConfig

SITE_TOML = string.Template("""\
# Broadsheet site settings. Folders are relative to this file; an unknown key is an error.
# `broadsheet --help` lists the commands.

# The site's name, in every page's header and title.
title = $title
# One line about the site: the page footer and the description search engines show.
description = $description
# The address the site is published at; absolute links and the sitemap are made from it.
# It may have a sub-path, "https://example.org/news/". `build --base-url URL` overrides it.
base_url = $base_url
# The pages' language (an HTML lang code), and the site's timezone (an IANA name such as Europe/London).
language = $language
timezone = $timezone
# Each article's address: {year}, {month}, {day}, {slug} (which it must have) and {section}.
permalink = $permalink
# How many articles a page of the front page and of each listing shows.
per_page = $per_page
# The theme: "default" comes with Broadsheet. themes/README.txt says how to change its templates.
theme = $theme
# How many of the newest articles the Atom feeds hold: /feed.xml and <tag, source, author, section page>/feed.xml.
feed_entries = $feed_entries
# Whether feed entries carry each article's body (true) or its summary alone (false).
feed_content = $feed_content
# Whether a JSON Feed 1.1 (feed.json) is written beside each feed.xml.
json_feed = $json_feed
""")

THEMES_README = string.Template("""\
Themes of this site, and overrides of the ones that come with Broadsheet.

To change one template of the bundled default theme, copy it here under the same name
and edit the copy, e.g.

    themes/default/templates/article.html

Broadsheet looks for each template in themes/<theme>/templates/ here first and then in
the bundled theme, so your file wins and every other template still comes from the
bundled one. Static files (themes/default/static/style.css) are overridden the same way.
The bundled default theme's templates, to copy from, are in

    $bundled

A theme of your own: make themes/<name>/templates/, put `extends = "default"` in
themes/<name>/theme.toml to fall back on the default theme's templates, and set
theme = "<name>" in site.toml.
""")

GITIGNORE = "# What Broadsheet writes: the built site and its cache.\n/public/\n/.cache/\n"


@dataclass(frozen=True)
class Written:
    """One thing `init` made: its path inside the site (a folder's ends in /) and what it is for."""

    path: str
    purpose: str


def site_title(folder: Path) -> str:
    """A title from a folder's name: `harbour-news` -> "Harbour News"."""
    words = re.split(r"[\s_.-]+", folder.resolve().name)
    return " ".join(word[:1].upper() + word[1:] for word in words if word) or SiteConfig.title


def refusal(folder: Path) -> str:
    """Why `folder` cannot take a new site ("" if it can): it must be new, or an empty folder."""
    if not os.path.lexists(folder):
        return ""
    if not folder.is_dir():
        return "exists and is not a folder; init writes a new site into a new or empty folder"
    try:
        empty = next(os.scandir(folder), None) is None
    except OSError as exc:
        return f"cannot read the folder: {exc.strerror}"
    return "" if empty else "the folder exists and is not empty; init writes a new site only into a new or empty folder"


def write_site(folder: Path, title: str) -> tuple[Written, ...]:
    """Write a new site into `folder` (new or empty: see `refusal`); what it wrote, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    return (
        _file(folder, "site.toml", site_toml(title), "the settings"),
        _folder(folder, "content", "articles, as front-matter Markdown: `new` starts one"),
        _folder(folder, "seeds", "raw articles for `import` to normalise into content/"),
        _folder(folder, "themes", "your templates, over the bundled default theme"),
        _file(
            folder,
            "themes/README.txt",
            THEMES_README.substitute(bundled=BUNDLED_THEMES / "default" / "templates"),
            "how to override one",
        ),
        _file(folder, ".gitignore", GITIGNORE, "keeps public/ and .cache/ out of git"),
    )


def site_toml(title: str) -> str:
    """The settings file, with the default of every key the repository's own site.toml sets."""
    defaults = {f.name: f.default for f in dataclasses.fields(SiteConfig)}
    keys = (
        "description",
        "base_url",
        "language",
        "timezone",
        "permalink",
        "per_page",
        "theme",
        "feed_entries",
        "feed_content",
        "json_feed",
    )
    return SITE_TOML.substitute(title=_toml(title), **{key: _toml(defaults[key]) for key in keys})


def _toml(value: object) -> str:
    """A TOML value: JSON's string escapes are all valid in a TOML basic string."""
    return json.dumps(value, ensure_ascii=False)


def _file(folder: Path, name: str, text: str, purpose: str) -> Written:
    with open(folder / name, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return Written(name, purpose)


def _folder(folder: Path, name: str, purpose: str) -> Written:
    (folder / name).mkdir()  # fails if something is there already
    return Written(name + "/", purpose)
