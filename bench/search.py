#!/usr/bin/env python3
"""The search stage on the BBC corpus: indexing time and index size, cold and after a one-article edit.

    .venv/bin/python bench/search.py --copies 1     # 2,095 articles
    .venv/bin/python bench/search.py --copies 10    # 20,950 articles

It makes a site from /work/shared/corpus's seeds in a work folder outside the repository (kept and reused
with --reuse), builds its pages, then times the search stage alone (`Builder.refresh_search`):

  cold        the search files and state removed first: every shard (month) indexed
  no change   the stage again, with nothing changed
  edit        a sentence appended to one article's body, the page-only build, then the stage

and prints the index's size: bytes and files in all, per shard, and what a reader's browser fetches
before its first result (each shard's pagefind.js, wasm, entry and meta files).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.pipeline import Builder  # noqa: E402

MAKE_SEEDS = Path("/work/shared/corpus/make_seeds.py")
SETTINGS = 'title = "Search benchmark"\nbase_url = "http://127.0.0.1:8000/"\nper_page = 20\n'
FIXED = ("pagefind.js", "pagefind-entry.json", ".pf_meta", ".pagefind")  # fetched once per shard per visit


def make_site(site: Path, copies: int) -> None:
    if (site / ".ready").exists():
        return
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    subprocess.run(
        [sys.executable, str(MAKE_SEEDS), str(site / "seeds"), "--copies", str(copies)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (site / "site.toml").write_text(SETTINGS, encoding="utf-8")
    pipeline.import_seeds(load_config(site / "site.toml"))
    (site / ".ready").write_text("", encoding="utf-8")


def sizes(public: Path) -> dict[str, object]:
    files = [p for p in (public / "pagefind").rglob("*") if p.is_file()]
    shards: dict[str, int] = {}
    for p in files:
        shard = p.relative_to(public / "pagefind").parts[0]
        shards[shard] = shards.get(shard, 0) + p.stat().st_size
    fixed = sum(p.stat().st_size for p in files if p.name.endswith(FIXED))
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "shards": len(shards),
        "median_shard_bytes": int(statistics.median(shards.values())) if shards else 0,
        "first_query_fixed_bytes": fixed,
    }


def timed(builder: Builder) -> tuple[float, int]:
    started = time.perf_counter()
    report = builder.refresh_search()
    assert not report.diagnostics, [str(d) for d in report.diagnostics]
    return round(time.perf_counter() - started, 3), len(report.reindexed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/broadsheet-search-bench"))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    work = args.work.resolve()
    if work == REPO or REPO in work.parents:
        raise SystemExit("--work must be outside the repository (the corpus is not copied into it)")
    site = work / f"x{args.copies}"
    make_site(site, args.copies)
    config = load_config(site / "site.toml", {"jobs": args.jobs})
    Builder(config).build(with_import=False)  # the pages; the stage is timed alone below
    shutil.rmtree(site / "public" / "pagefind", ignore_errors=True)
    (config.cache_path / "search.pickle").unlink(missing_ok=True)
    builder = Builder(config)
    builder.build(with_import=False)  # the pagefind files are gone: a full build, pages unchanged
    cold, cold_shards = timed(builder)
    size = sizes(site / "public")
    unchanged, _ = timed(builder)
    article = sorted((site / "content").rglob("*.md"))[len(list((site / "content").rglob("*.md"))) // 2]
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more sentence for the benchmark.\n")
    started = time.perf_counter()
    builder.build(changed=[article])
    page_seconds = round(time.perf_counter() - started, 3)
    edit, edit_shards = timed(builder)
    articles = len(list((site / "content").rglob("*.md")))
    result = {
        "copies": args.copies,
        "articles": articles,
        "cold_seconds": cold,
        "cold_shards_indexed": cold_shards,
        "no_change_seconds": unchanged,
        "edit_page_seconds": page_seconds,
        "edit_search_seconds": edit,
        "edit_shards_indexed": edit_shards,
        **size,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
