"""The content file, `content/**.md`: its schema, in one place. The importer and `new` write it; the
site's loader reads it; nothing else knows its form.

    ---
    title: Crimea votes to join Russia
    date: 2014-03-16
    slug: crimea-votes-to-join-russia
    source: BBC News
    authors: [Jane Roe]
    original_url: https://www.bbc.co.uk/news/world-europe-26606097
    caption: ""
    section: europe
    tags: [Crimea, Russia]
    summary: Crimea has voted to join Russia.
    seed: europe/crimea.txt
    seed_sha256: 5d41…
    draft: false
    content_sha256: 9f86…
    ---
    The Markdown body.

    schema     the fields, their kinds and the order they are written in (FIELDS, Kind)
    layout     the split of front matter from body (split), the head a line scan reads, key_line
    fields     the rules each field's value follows when the site reads it (article_fields)
    writer     the writer (document), the content hash, and the importer's fields read back
    yamltext   one-line YAML values, written and read back; file names as text

YAML is parsed only through generator.safeyaml, the one policy for untrusted YAML.
"""

from __future__ import annotations

from generator.contentfile.fields import (
    CONTROL,
    DATE_MESSAGE,
    Invalid,
    article_fields,
    char_code,
    load_block,
    no_control_characters,
)
from generator.contentfile.layout import (
    BOUNDARY,
    OPENING,
    block_ends,
    body_key,
    head,
    key_line,
    read_body,
    read_head,
    split,
    split_body,
)
from generator.contentfile.schema import ARTICLE_FIELDS, EMPTY, FIELDS, SCANNED, Kind
from generator.contentfile.writer import content_hash, document, front_matter, hand_edited, seed_fields
from generator.contentfile.yamltext import key_text, name_text, read_scalar, text_name, value_text

__all__ = [
    "ARTICLE_FIELDS",
    "BOUNDARY",
    "CONTROL",
    "DATE_MESSAGE",
    "EMPTY",
    "FIELDS",
    "OPENING",
    "SCANNED",
    "Invalid",
    "Kind",
    "article_fields",
    "block_ends",
    "body_key",
    "char_code",
    "content_hash",
    "document",
    "front_matter",
    "hand_edited",
    "head",
    "key_line",
    "load_block",
    "name_text",
    "no_control_characters",
    "read_body",
    "read_head",
    "read_scalar",
    "seed_fields",
    "split",
    "split_body",
    "text_name",
    "key_text",
    "value_text",
]
