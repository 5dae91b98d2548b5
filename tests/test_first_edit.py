"""The first edit after `serve` starts is as quick as the rest.

A fresh site's first build imports its seeds while the watcher already runs, so the watcher then
hears of every content file the import wrote. Those files are exactly what the model was made from:
the rebuild they cause must look at no page, and the user's first edit must render its page alone.
Counted in rendered-page checks (PageCache.key calls), never in seconds."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_devserver import SEED, Recorder, dev_server, read, wait_for

from generator.config import load_config
from generator.incremental.cache import PageCache
from generator.pipeline import Builder

SEEDS = 240  # above the importer's and the loader's parallel thresholds, as a real archive is


def write_seed_site(root: Path) -> Path:
    config_file = root / "site.toml"
    root.mkdir(parents=True, exist_ok=True)
    config_file.write_text('title = "Test Gazette"\nbase_url = "https://example.org/"\n')
    seeds = root / "seeds" / "world"
    seeds.mkdir(parents=True)
    for n in range(SEEDS):
        title = f"Story Number {n} Is Reported"
        (seeds / f"story-{n}.txt").write_text(SEED.format(title=title, day=1 + n % 28, body=f"Body of story {n}."))
    return config_file


@pytest.fixture
def page_checks(monkeypatch):
    """How many pages had their inputs hashed: every page a build renders or finds unchanged."""
    calls: list[str] = []
    key = PageCache.key

    def counting(self, route):
        calls.append(route.output_path)
        return key(self, route)

    monkeypatch.setattr(PageCache, "key", counting)
    return calls


def content_files(root: Path) -> list[Path]:
    return sorted((root / "content").rglob("*.md"))


def test_the_import_own_writes_make_a_rebuild_that_checks_no_page(tmp_path, page_checks):
    builder = Builder(load_config(write_seed_site(tmp_path), {"jobs": 1}))
    first = builder.build()
    assert first.imported is not None and first.imported.count("imported") == SEEDS
    page_checks.clear()
    report = builder.build(changed=content_files(tmp_path))
    assert (page_checks, report.write.written, report.write.removed) == ([], (), ())


def test_an_edit_after_the_import_events_renders_its_page_alone(tmp_path, page_checks):
    builder = Builder(load_config(write_seed_site(tmp_path), {"jobs": 1}))
    builder.build()
    builder.build(changed=content_files(tmp_path))
    story = content_files(tmp_path)[7]
    story.write_text(story.read_text() + "\nA closing line, added by hand.\n")
    page_checks.clear()
    report = builder.build(changed=[story])
    assert len(page_checks) == 1 and len(report.write.written) == 1
    assert "A closing line, added by hand." in (tmp_path / "public" / report.write.written[0]).read_text()


def test_first_edit_in_a_running_watcher_renders_one_page(tmp_path, page_checks):
    """Real file-system events: the import writes content/ and 240 files while the watcher runs (a
    watcher names the new folder rather than each file in it)."""
    dev = dev_server(write_seed_site(tmp_path))
    recorder = Recorder(dev)
    with dev:
        page_checks.clear()
        written = {p.resolve() for p in content_files(tmp_path)}
        assert len(written) == SEEDS
        wait_for(lambda: written <= covered(recorder), what="the watcher to apply the events of the import's writes")
        assert page_checks == []
        story = content_files(tmp_path)[7]
        story.write_text(story.read_text() + "\nA closing line, added by hand.\n")
        page = next(p for p in (tmp_path / "public").rglob("index.html") if story.stem in str(p))
        wait_for(lambda: "A closing line, added by hand." in read(page), what="the edited page")
    assert page_checks == [page.relative_to(tmp_path / "public").as_posix()]


def covered(recorder: Recorder) -> set[Path]:
    """The files the applied batches named, a folder standing for every file in it."""
    named = {p.resolve() for batch in recorder.batches for p in batch}
    return named | {f.resolve() for p in named if p.is_dir() for f in p.rglob("*.md")}
