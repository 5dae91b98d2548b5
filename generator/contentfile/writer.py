"""PURE. Writes content files in their one canonical form, and reads back what the importer keeps in them.

document(values, body, extra, hashed)   the file: the schema's fields in their order, then the body
front_matter(fields, body)              the lower level: the given fields in the given order
content_hash(text), hand_edited(text)   the `content_sha256` an import writes, and whether it still holds
seed_fields(head)                       the importer's fields (schema.SCANNED), without a YAML parser
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from generator.contentfile.schema import EXTRA_BEFORE, FIELDS, HASH, SCANNED
from generator.contentfile.yamltext import key_text, name_text, read_scalar, text_name, value_text

_SCANNED = re.compile(rf"^({'|'.join(SCANNED)}):[ \t]*(.*)$", re.MULTILINE)
_HASH_LINE = re.compile(rf"^{HASH}:.*\n", re.MULTILINE)
_HASH_VALUE = re.compile(rf"^{HASH}:[ \t]*(\S+)", re.MULTILINE)


def document(values: Mapping[str, Any], body: str, extra: Mapping[str, Any] | None = None, hashed: bool = False) -> str:
    """A content file. `values` maps fields to values, written in the schema's order (a field not in it is
    not written, but for `draft`, which is always written: false unless `values` or `extra` says true);
    `extra` keys are written, sorted, before `draft`; the seed's name is written as yamltext.name_text
    writes it. With `hashed`, `content_sha256` ends the front matter (an import's file)."""
    extra = dict(extra or {})
    fields = {name: values[name] for name in FIELDS if name in values and name not in (EXTRA_BEFORE, HASH)}
    if "seed" in fields:
        fields["seed"] = name_text(fields["seed"])
    fields.update((k, v) for k, v in sorted(extra.items()) if k != EXTRA_BEFORE)
    fields[EXTRA_BEFORE] = bool(values.get(EXTRA_BEFORE, extra.get(EXTRA_BEFORE, False)))
    written = front_matter(fields, body)
    return with_content_hash(written) if hashed else written


def front_matter(fields: Mapping[str, Any], body: str) -> str:
    """`---`, one `key: value` line per field, `---`, the body, one final newline."""
    lines = ["---"] + [f"{key_text(key)}: {value_text(value)}" for key, value in fields.items()] + ["---"]
    text = "\n".join(lines) + "\n"
    return text + (body.strip("\n") + "\n" if body.strip() else "")


def with_content_hash(document: str) -> str:
    """Add `content_sha256`, the hash of everything else in the file, as the last front-matter line."""
    head, sep, rest = document.partition("\n---\n")
    return f"{head}\n{HASH}: {content_hash(document)}{sep}{rest}"


def content_hash(document: str) -> str:
    """The hash a file had at import, so that a hand edit can be seen: the file minus its hash line."""
    without = _HASH_LINE.sub("", document, count=1)
    return hashlib.sha256(without.encode("utf-8")).hexdigest()


def hand_edited(text: str) -> bool:
    """Whether a content file's text differs from what its import wrote (or it has no `content_sha256`)."""
    match = _HASH_VALUE.search(text)
    return not match or match.group(1).strip('"') != content_hash(text)


def seed_fields(head: str) -> dict[str, str]:
    """The importer's fields (`seed`, `seed_sha256`, `slug`, `content_sha256`) of a front-matter head
    (layout.head), each read as the one-line scalar the writer wrote, the seed's name decoded back."""
    fields = {k: read_scalar(v) for k, v in _SCANNED.findall(head)}
    if "seed" in fields:
        fields["seed"] = text_name(fields["seed"])
    return fields
