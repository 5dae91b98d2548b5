"""generator.search.canonical: a Pagefind bundle whose filter values come in any order is rewritten to the
same bytes under the same names, and every file that names another still names it."""

from __future__ import annotations

import gzip
import itertools
import json

import cbor2
import pytest

from generator.search.canonical import MAGIC, canonical_bundle


def packed(value: list) -> bytes:
    return gzip.compress(MAGIC + cbor2.dumps(value))


def unpacked(data: bytes) -> list:
    raw = gzip.decompress(data)
    assert raw.startswith(MAGIC)
    return cbor2.loads(raw[len(MAGIC) :])


SECTION = [["Tech", [1, 3]], ["Business", [0]], ["Sport", [2]]]
YEAR = [["2004", [0, 1, 2, 3]]]


def bundle(section_order: tuple, filter_order: tuple, names: tuple[str, str, str]) -> dict[str, bytes]:
    """A bundle as Pagefind writes it: the values and filters in the given order, files named at random."""
    section_file, year_file, meta_file = names
    filters = {"section": section_file, "year": year_file}
    meta = ["1.5.2", [["en_aaaaaaa", 10]], [["a", "z", "en_bbbbbbb"]], [[f, filters[f]] for f in filter_order], []]
    entry = {"version": "1.5.2", "languages": {"en": {"hash": meta_file, "wasm": "en", "page_count": 4}}}
    return {
        f"filter/{section_file}.pf_filter": packed(["section", [SECTION[i] for i in section_order]]),
        f"filter/{year_file}.pf_filter": packed(["year", YEAR]),
        f"pagefind.{meta_file}.pf_meta": packed(meta),
        "pagefind-entry.json": json.dumps(entry).encode(),
        "fragment/en_ccccccc.pf_fragment": b"kept as it is",
    }


ORDERS = list(itertools.product(itertools.permutations(range(3)), (("section", "year"), ("year", "section"))))


@pytest.mark.parametrize(("values", "filters"), ORDERS)
def test_any_order_and_any_names_give_the_same_bytes(values, filters):
    first = canonical_bundle(bundle((0, 1, 2), ("section", "year"), ("en_1111111", "en_2222222", "en_33333333")))
    other = canonical_bundle(bundle(values, filters, ("en_4444444", "en_5555555", "en_6666666666")))
    assert first == other


def test_every_name_in_the_bundle_is_a_file_of_it():
    files = canonical_bundle(bundle((2, 0, 1), ("year", "section"), ("en_1111111", "en_2222222", "en_3333333333")))
    entry = json.loads(files["pagefind-entry.json"])
    meta_name = f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = unpacked(files[meta_name])
    assert meta[3] == sorted(meta[3]) and [name for name, _ in meta[3]] == ["section", "year"]
    for name, file_hash in meta[3]:
        assert unpacked(files[f"filter/{file_hash}.pf_filter"])[0] == name
    section = unpacked(files[f"filter/{meta[3][0][1]}.pf_filter"])
    assert [value for value, _ in section[1]] == ["Business", "Sport", "Tech"]
    assert files["fragment/en_ccccccc.pf_fragment"] == b"kept as it is"
    assert len(files) == 5  # renamed, not added to


def test_a_file_that_is_not_pagefind_data_is_refused():
    files = bundle((0, 1, 2), ("section", "year"), ("en_1111111", "en_2222222", "en_3333333333"))
    files["filter/en_1111111.pf_filter"] = gzip.compress(b"something else")
    with pytest.raises(ValueError, match="not a Pagefind data file"):
        canonical_bundle(files)
