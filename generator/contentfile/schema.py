"""PURE. The fields of a content file's front matter: their names, kinds and written order, declared once."""

from __future__ import annotations

import enum
from types import MappingProxyType
from typing import Any


class Kind(enum.Enum):
    """What a field holds, and so how the site reads it (see fields.article_fields)."""

    TEXT = "text"  # one line of text; a number is read as its text
    DATE = "date"  # an ISO date such as 2014-03-05; a date-time is read as its date
    SLUG = "slug"  # lower-case ASCII words joined by hyphens; made from the title when empty
    URL = "url"  # an http(s) URL, or empty
    NAMES = "names"  # a list of names, or one text of names joined by commas
    FLAG = "flag"  # true or false
    IMPORT = "import"  # the importer's own record (which seed, which bytes); the site does not read it
    PATHS = "paths"  # site URL paths (a list, or one), written by hand: the importer and `new` leave it out


# Every field the schema knows, in the order the writer writes them. A key not here is kept as it
# is (Article.extra) and written, sorted with the others like it, just before `draft`.
FIELDS = MappingProxyType(
    {
        "title": Kind.TEXT,  # the one field every article must have
        "date": Kind.DATE,
        "slug": Kind.SLUG,
        "source": Kind.TEXT,
        "authors": Kind.NAMES,
        "original_url": Kind.URL,
        "caption": Kind.TEXT,
        "section": Kind.TEXT,
        "tags": Kind.NAMES,
        "summary": Kind.TEXT,
        "aliases": Kind.PATHS,  # old URLs of the article: each gets a redirect page (site.redirects)
        "seed": Kind.IMPORT,  # the seed's file name, relative to seeds/ (see yamltext.name_text)
        "seed_sha256": Kind.IMPORT,  # the hash of the seed's bytes when it was imported
        "draft": Kind.FLAG,
        "content_sha256": Kind.IMPORT,  # the hash of the rest of the file, so a hand edit shows
    }
)
EXTRA_BEFORE = "draft"
HASH = "content_sha256"
# The fields an imported article (model.NormalizedArticle) has an attribute for.
ARTICLE_FIELDS = tuple(
    name for name, kind in FIELDS.items() if name not in (EXTRA_BEFORE, HASH) and kind is not Kind.PATHS
)
# What the importer reads back from the files in content/ (existing.py), without parsing the YAML.
SCANNED = ("seed", "seed_sha256", "slug", "content_sha256")
# The value of an empty field of each kind, as a skeleton (`new`) writes it.
EMPTY: MappingProxyType[Kind, Any] = MappingProxyType(
    {
        Kind.TEXT: "",
        Kind.DATE: None,
        Kind.SLUG: "",
        Kind.URL: "",
        Kind.NAMES: (),
        Kind.FLAG: False,
        Kind.IMPORT: "",
        Kind.PATHS: (),
    }
)
