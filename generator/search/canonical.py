"""Makes a Pagefind bundle byte-identical from run to run.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata file, in the order of
a randomly seeded hash map, and names every file after a hash of its bytes; so two builds of the same
pages differ in the filter files, the metadata file that names them, and `pagefind-entry.json`, which
names that. Everything else it writes is already deterministic. This sorts the values and the filters,
and names the rewritten files after a hash of their new bytes, the way Pagefind names its own.

The files are gzip streams of `pagefind_dcd` followed by CBOR: a filter file is `[name, [[value,
[page, …]], …]]`; the metadata file is `[version, pages, index chunks, [[filter, file hash], …], sorts,
meta fields]`. The search script reads them through Pagefind's own loader, which finds every file by the
names written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re

import cbor2

MAGIC = b"pagefind_dcd"
_FILTER = re.compile(r"^filter/(?P<hash>(?P<lang>[^_/]+)_[0-9a-f]+)\.pf_filter$")
_META = re.compile(r"^pagefind\.(?P<hash>(?P<lang>[^_/]+)_[0-9a-f]+)\.pf_meta$")
_FILTERS_AT = 3  # the metadata file's list of [filter name, filter file hash]


def canonical_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same bundle with its filter files, metadata files and entry file in a canonical form."""
    renamed: dict[str, str] = {}  # old file hash -> new
    out = {rel: data for rel, data in files.items() if not (_FILTER.match(rel) or _META.match(rel))}
    for rel, data in sorted(files.items()):
        match = _FILTER.match(rel)
        if match:
            name, values = _decode(data)
            new = _encode([name, sorted(values, key=lambda value: value[0])])
            renamed[match["hash"]] = new_hash = _hash_name(match["lang"], new, 7)
            out[f"filter/{new_hash}.pf_filter"] = new
    for rel, data in sorted(files.items()):
        match = _META.match(rel)
        if match:
            meta = _decode(data)
            filters = [[name, renamed.get(old, old)] for name, old in meta[_FILTERS_AT]]
            meta[_FILTERS_AT] = sorted(filters)
            new = _encode(meta)
            renamed[match["hash"]] = new_hash = _hash_name(match["lang"], new, 10)
            out[f"pagefind.{new_hash}.pf_meta"] = new
    if "pagefind-entry.json" in files:
        out["pagefind-entry.json"] = _entry(files["pagefind-entry.json"], renamed)
    return out


def _entry(data: bytes, renamed: dict[str, str]) -> bytes:
    entry = json.loads(data)
    for language in entry.get("languages", {}).values():
        language["hash"] = renamed.get(language["hash"], language["hash"])
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode(data: bytes) -> list:
    raw = gzip.decompress(data)
    if not raw.startswith(MAGIC):
        raise ValueError("not a Pagefind data file")
    decoded = cbor2.loads(raw[len(MAGIC) :])
    if not isinstance(decoded, list):
        raise ValueError("a Pagefind data file that is not a list")
    return decoded


def _encode(value: list) -> bytes:
    return gzip.compress(MAGIC + cbor2.dumps(value, canonical=True), compresslevel=6, mtime=0)


def _hash_name(language: str, data: bytes, digits: int) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
