"""What two builds' search files must share: every byte. Pagefind (1.5.2) writes each filter's values in
the order of a randomly seeded hash map; generator.search.canonical sorts them and renames the files that
name them, so the index is byte-for-byte the same from build to build. `search_view` is the index's files,
under `pagefind/`, and `without_search` the rest of a tree, for tests that compare the two apart."""

from __future__ import annotations

from pathlib import Path


def search_view(public: Path) -> dict[str, object]:
    folder = public / "pagefind"
    files = sorted(folder.rglob("*")) if folder.is_dir() else []
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files if path.is_file()}


def without_search(files: dict[str, bytes]) -> dict[str, bytes]:
    """A tree's files but the search index, and the manifest without the index's names."""
    kept = {rel: data for rel, data in files.items() if not rel.startswith("pagefind/")}
    if ".broadsheet-manifest" in kept:
        lines = kept[".broadsheet-manifest"].decode("utf-8").splitlines(keepends=True)
        kept[".broadsheet-manifest"] = "".join(x for x in lines if not x.startswith("pagefind/")).encode("utf-8")
    return kept
