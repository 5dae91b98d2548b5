"""The caches make builds faster, never different.

After any sequence of edits (of bodies, titles, tags, dates, captions, original
URLs, summaries and extra front-matter fields), additions, deletions, renames,
template changes and config changes, an incremental build (on-disk caches,
the command line's quick path, or the watcher's in-memory Builder) gives the
same bytes as a clean build into an empty folder.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitekit import (
    TAGS,
    WORDS,
    clean_build,
    comparable,
    make_site,
    set_front_matter,
    show_extra_fields,
    tree,
    write_article,
)

from generator.config import load_config
from generator.pipeline import Builder, build


def articles(root: Path) -> list[Path]:
    return sorted((root / "content").rglob("*.md"))


def field_edit(kind: str, b: int) -> tuple[str, str | None]:
    """(front-matter key, new value or None to remove it) for the edits of one field."""
    word = WORDS[b % len(WORDS)]
    value = {
        "edit-caption": ("caption", f"A photo of the {word}."),
        "edit-original-url": ("original_url", f"https://example.org/{word}/{b}"),
        "edit-summary": ("summary", f"More on the {word}."),
        "edit-extra": (("series", "desk")[b % 2], word),  # keys the loader does not know
    }[kind]
    return (value[0], None) if b % 5 == 0 else value


FIELD_EDITS = ("edit-caption", "edit-original-url", "edit-summary", "edit-extra")


FEEDS_WITH_BODIES = "feed_content = true\nfeed_entries = 3\njson_feed = true\n"  # feeds then show bodies too


def make_test_site(root: Path, settings: str = "") -> Path:
    make_site(root, extra_settings=settings)
    show_extra_fields(root)  # so that a stale page after an edit of an extra field shows
    return root


def apply(root: Path, op: tuple) -> None:
    kind, a, b = op
    files = articles(root)
    target = files[a % len(files)] if files else None
    if kind in FIELD_EDITS and target:
        set_front_matter(target, *field_edit(kind, b))
    elif kind == "edit-body" and target:
        target.write_text(target.read_text() + f"\nMore about the {WORDS[b % len(WORDS)]}.\n")
    elif kind == "edit-title" and target:
        text = target.read_text()
        target.write_text(text.replace("title: ", f"title: {WORDS[b % len(WORDS)].title()} ", 1))
    elif kind == "edit-tags" and target:
        text = target.read_text()
        start = text.index("tags: [")
        end = text.index("]", start)
        target.write_text(text[:start] + f"tags: [{TAGS[b % len(TAGS)]}" + text[end:])
    elif kind == "edit-date" and target:
        text = target.read_text()
        target.write_text(text.replace("date: 2014-03-", f"date: 2014-0{1 + b % 3}-", 1).replace("-0301", "-03-01"))
    elif kind == "add":
        n = 100 + b
        write_article(root, n, f"Added {n}", 1 + b % 28, [TAGS[b % len(TAGS)]], f"New {WORDS[b % len(WORDS)]}.")
    elif kind == "delete" and target:
        target.unlink()
    elif kind == "rename" and target:
        destination = root / "content" / "moved" / target.name
        destination.parent.mkdir(parents=True, exist_ok=True)
        target.rename(destination)
    elif kind == "template":
        template = root / "themes" / "local" / "templates" / "article.html"
        # Inside a block, so that the pages really change (text outside a child's blocks is never shown).
        template.write_text(template.read_text().replace('class="body"', f'class="body" data-v{b}=""', 1))
    elif kind == "config":
        config = root / "site.toml"
        config.write_text(config.read_text().replace("per_page = ", f"per_page = {1 + b % 3}\n#", 1))


def sources(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "public" not in p.parts}


OPS = st.tuples(
    st.sampled_from(
        [
            "edit-body",
            "edit-title",
            "edit-tags",
            "edit-date",
            *FIELD_EDITS,
            "add",
            "delete",
            "rename",
            "template",
            "config",
        ]
    ),
    st.integers(0, 20),
    st.integers(0, 20),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=6))
def test_incremental_cli_builds_match_a_clean_build(ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_test_site(root, FEEDS_WITH_BODIES)  # the watcher's test below has the default feeds
        for op in ops:
            build(load_config(root / "site.toml", {"jobs": 1}), with_import=False)
            apply(root, op)
        build(load_config(root / "site.toml", {"jobs": 1}), with_import=False)
        assert comparable(root / "public") == clean_build(root)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS.filter(lambda op: op[0] != "config"), min_size=1, max_size=6))
def test_watcher_rebuilds_match_a_clean_build(ops):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_test_site(root)
        builder = Builder(load_config(root / "site.toml", {"jobs": 1}))
        builder.build(with_import=False)
        builder.refresh_search()
        for op in ops:
            # By content, not mtime: two writes within one tick of the kernel's coarse clock share an
            # mtime, and a real watcher is told of every write anyway.
            before = sources(root)
            apply(root, op)
            after = sources(root)
            changed = {p for p in after if before.get(p) != after[p]} | (set(before) - set(after))
            builder.build(changed=changed)
            builder.refresh_search()  # as serve does, once the browsers were told to reload
        assert comparable(root / "public") == clean_build(root)


def test_second_build_writes_nothing(tmp_path):
    make_site(tmp_path)
    config = load_config(tmp_path / "site.toml", {"jobs": 1})
    assert build(config).write.written
    again = build(config)
    assert again.write.written == () and again.write.removed == ()


def test_body_edit_rerenders_only_that_page(tmp_path):
    make_site(tmp_path)
    builder = Builder(load_config(tmp_path / "site.toml", {"jobs": 1}))
    builder.build(with_import=False)
    target = tmp_path / "content" / "2014" / "03" / "story-2.md"
    target.write_text(target.read_text() + "\nA new closing line.\n")
    report = builder.build(changed=[target])
    assert report.write.written == ("2014/03/03/story-2/index.html",)
    assert "A new closing line." in (tmp_path / "public/2014/03/03/story-2/index.html").read_text()
    assert builder.refresh_search().reindexed == ("2014-03",)  # the month of the edited page, as serve does
    assert comparable(tmp_path / "public") == clean_build(tmp_path)


def test_title_edit_updates_every_listing(tmp_path):
    make_site(tmp_path)
    builder = Builder(load_config(tmp_path / "site.toml", {"jobs": 1}))
    builder.build(with_import=False)
    target = tmp_path / "content" / "2014" / "03" / "story-2.md"
    target.write_text(target.read_text().replace("title: Story 2", "title: A Renamed Story"))
    report = builder.build(changed=[target])
    assert "tags/europe/index.html" in report.write.written or "tags/sport/index.html" in report.write.written
    builder.refresh_search()
    assert comparable(tmp_path / "public") == clean_build(tmp_path)


def test_jobs_one_and_two_give_identical_trees(tmp_path):
    make_site(tmp_path, count=300)  # enough pages for several batches, so two workers really fork
    one = load_config(tmp_path / "site.toml", {"jobs": 1})
    two = replace(load_config(tmp_path / "site.toml", {"jobs": 2}), output_dir="public-2", cache_dir="cache-2")
    assert build(one).ok and build(two).ok
    assert comparable(one.output_path) == comparable(two.output_path)
    assert len(tree(one.output_path)) > 600


def test_an_edit_undone_after_a_quick_rebuild_is_rendered_again(tmp_path):
    """Found by the property test: the quick path wrote a page but not its key, so undoing the edit
    made the stale page look fresh."""
    make_site(tmp_path)
    for op in [("add", 0, 0), ("edit-body", 2, 0), ("add", 0, 0)]:
        build(load_config(tmp_path / "site.toml", {"jobs": 1}), with_import=False)
        apply(tmp_path, op)
    build(load_config(tmp_path / "site.toml", {"jobs": 1}), with_import=False)
    assert comparable(tmp_path / "public") == clean_build(tmp_path)
