#!/usr/bin/env python3
"""Fuzz the loaders of untrusted input: content front matter (load.parse_bytes / parse_article), site.toml
(config.load_config) and the seed normaliser (normalize.normalize).

    .venv/bin/python bench/fuzz_loaders.py                      # 100,000 examples each
    .venv/bin/python bench/fuzz_loaders.py --examples 2000      # a quick run

Each must give its value or its diagnostic (an Article or a Diagnostic; a SiteConfig or a ConfigError; a
NormalizedArticle or None, with Diagnostics), never another exception, and within --seconds per example.
Every example runs (hypothesis generates them and does not stop at a failure); the counts, the time and up to
five failures per loader are printed. Exit status 1 if any failed. Runs in the project's virtualenv.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.config import SiteConfig, load_config  # noqa: E402
from generator.diagnostics import ConfigError, Diagnostic  # noqa: E402
from generator.importer.normalize import normalize  # noqa: E402
from generator.model import Article, NormalizedArticle, SeedText  # noqa: E402
from generator.site.load import parse_article, parse_bytes  # noqa: E402

NASTY = [
    "\x00",
    "\x01",
    "\x1b",
    "\r",
    "\t",
    "\u2028",
    "\ufeff",
    "—",
    "Zürich",
    "&a",
    "*a",
    "!!binary",
    "[[[[",
    "{",
    "}",
    "]",
    "- - -",
    "> >",
    "`",
    "<script>",
    "%",
    "\\",
    "'",
    '"',
    ":",
    "#",
    "?",
    "|",
    "~",
]
# Text as decoding bytes makes it: any code point but a lone surrogate.
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), max_size=6).map("".join),
)

FM_KEYS = [
    "title",
    "date",
    "slug",
    "tags",
    "authors",
    "draft",
    "summary",
    "section",
    "source",
    "original_url",
    "caption",
    "extra",
    "&a",
    "*a",
    "<<",
    "? x",
    "- y",
]
FM_VALUES = [
    '"\\0"',
    "[a, b",
    "*a",
    "&a x",
    "2014-02-30",
    "2014-03-05",
    "2014-03-05T10:00:00+01:00",
    "- - -",
    "!!python/object/apply:os.system [true]",
    "yes",
    "0x1F",
    "~",
    "[]",
    "{}",
    "|\n  block",
    ">-\n  fold",
    "[" * 60 + "]" * 60,
    "https://example.org/a",
    "'" + "x" * 300 + "'",
]
FRONT = st.lists(st.tuples(st.sampled_from(FM_KEYS), st.one_of(st.sampled_from(FM_VALUES), TEXT)), max_size=10).map(
    lambda kv: "".join(f"{k}: {v}\n" for k, v in kv)
)
BODY = st.one_of(TEXT, st.sampled_from(["- " * 60 + "x", "[" * 60, "> " * 60, "## Head\n\npara", "[a](b)"]))
CONTENT = st.one_of(
    st.binary(max_size=400),
    st.builds(
        lambda fm, body, end: f"---\n{fm}{end}{body}", FRONT, BODY, st.sampled_from(["---\n", "--- \n", "", "...\n"])
    ),
    st.builds(lambda fm, body: f"\ufeff---\r\n{fm}---\r\n{body}".encode("utf-8", "surrogatepass"), FRONT, BODY),
)

TOML_KEYS = [
    "title",
    "base_url",
    "permalink",
    "per_page",
    "max_tags",
    "timezone",
    "jobs",
    "theme",
    "outlets",
    "build_time",
    "strict",
    "drafts",
    "root",
    "unknown",
    "[table]",
    "content_dir",
]
TOML_VALUES = [
    '"/{slug}/"',
    '"/{slug"',
    '"/{slug}?/"',
    '"/{slug:>9}/"',
    '"/{section}/{slug}/"',
    "true",
    "[1, 2]",
    '"Europe/Nowhere"',
    '"https://x.example/news/"',
    '"ftp://x"',
    "{",
    "1979-05-27",
    "-1",
    "0",
    "51",
    '"2014-02-01T12:00:00+00:00"',
    '"yesterday"',
    '["a", 1]',
    "nan",
    "inf",
    '"\\u0000"',
]
TOML = st.one_of(
    st.lists(
        st.tuples(st.sampled_from(TOML_KEYS), st.one_of(st.sampled_from(TOML_VALUES), TEXT.map(repr))), max_size=8
    ).map(lambda kv: "".join(f"{k} = {v}\n" for k, v in kv)),
    st.text(max_size=200),
)

SEED_LINES = [
    "By Anna Smith",
    "By ANNA SMITH, Reuters",
    "March 5, 2014",
    "5 March 2014",
    "2014-02-30",
    "Original url: https://example.org/a",
    "Original url: javascript:alert(1)",
    "Image caption: x",
    "---",
    "title: x",
    "LONDON (Reuters) -",
    "## Sub",
    "**bold**",
    "Photo: AFP",
    "",
]
SEED = st.lists(st.one_of(st.sampled_from(SEED_LINES), TEXT), max_size=25).map("\n".join)


@dataclass
class Tally:
    name: str
    runs: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def check(tally: Tally, limit: float, call: Callable[[], Any], ok: Callable[[Any], bool], example: Any) -> None:
    tally.runs += 1
    started = time.perf_counter()
    try:
        result = call()
        problem = "" if ok(result) else f"returned {type(result).__name__}"
    except Exception:  # the point: any other exception is a failure to report
        problem = traceback.format_exc(limit=-3)
    spent = time.perf_counter() - started
    tally.seconds += spent
    if not problem and spent > limit:
        problem = f"took {spent:.2f} s"
    if problem and len(tally.failures) < 5:
        tally.failures.append(f"{example!r:.300}\n    {problem}")
    elif problem:
        tally.failures.append("")


def fuzz(strategy, body: Callable[[Any], None], examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(example):
        body(example)

    run()


def content_ok(result: Any) -> bool:
    return isinstance(result, (Article, Diagnostic))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="examples per loader (default 100,000)")
    parser.add_argument("--seconds", type=float, default=2.0, help="time bound per example (default 2)")
    args = parser.parse_args(argv)
    limit = args.seconds
    tallies = [
        Tally("front matter (load.parse_bytes/parse_article)"),
        Tally("site.toml (config.load_config)"),
        Tally("seeds (normalize.normalize)"),
    ]
    started = time.perf_counter()

    def content(data: Any) -> None:
        call = (
            (lambda: parse_bytes(data, "content/f.md"))
            if isinstance(data, bytes)
            else (lambda: parse_article(data, "content/f.md"))
        )
        check(tallies[0], limit, call, content_ok, data)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site.toml"

        def config(text: str) -> None:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
            check(tallies[1], limit, lambda: _config(path), lambda r: isinstance(r, (SiteConfig, ConfigError)), text)

        def seed(text: str) -> None:
            seed_text = SeedText("world/f.txt", text, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
            check(tallies[2], limit, lambda: normalize(seed_text), _normalized_ok, text)

        for strategy, body in ((CONTENT, content), (TOML, config), (SEED, seed)):
            fuzz(strategy, body, args.examples)
    for tally in tallies:
        print(f"{tally.name}: {tally.runs:,} examples in {tally.seconds:.1f} s, {len(tally.failures)} failures")
        for failure in (f for f in tally.failures if f):
            print("  - " + failure)
    total = sum(t.runs for t in tallies)
    print(f"total: {total:,} examples in {time.perf_counter() - started:.1f} s (wall, with generation)")
    return 1 if any(t.failures for t in tallies) else 0


def _config(path: Path) -> SiteConfig | ConfigError:
    try:
        return load_config(path)
    except ConfigError as exc:
        return exc


def _normalized_ok(result: Any) -> bool:
    article, notes = result
    return (article is None or isinstance(article, NormalizedArticle)) and all(isinstance(n, Diagnostic) for n in notes)


if __name__ == "__main__":
    sys.exit(main())
