"""watch: the pure change classifier and debouncer, then real file-system events against a small site."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import cli
from generator.config import PROJECT_DIR, load_config
from generator.devserver import DevServer
from generator.devserver.changes import ChangeKind, Debouncer, classify_change, describe_changes
from generator.devserver.session import Options, rebuild_line
from generator.model import BuildReport, WriteResult

# ---------------------------------------------------------------- helpers shared with the HTTP and browser tests

ARTICLE = """---
title: {title}
date: 2014-03-{day:02d}
slug: {slug}
source: The Moscow Times
authors: []
original_url: https://www.example.com/{slug}
caption: ""
section: world
tags: [Crimea, Russia]
summary: {title}, in short.
draft: false
---
{body}
"""

SEED = "\n\n{title}\n\nBy [The Moscow Times](#)\n\nMarch {day:02d}, 2014\n\n\n\n{body}\n\nOriginal url:\n\n<https://www.example.com/{day}>\n"


def article_text(title: str, day: int, body: str) -> str:
    return ARTICLE.format(title=title, day=day, slug=slug_of(title), body=body)


def slug_of(title: str) -> str:
    return "-".join(title.lower().split())


def article_url(title: str, day: int) -> str:
    return f"/2014/03/{day:02d}/{slug_of(title)}/"


def write_article(root: Path, title: str, day: int, body: str) -> Path:
    path = root / "content" / "2014" / "03" / f"{slug_of(title)}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text(title, day, body), encoding="utf-8")
    return path


def write_site(root: Path, theme: str = "default") -> Path:
    """A three-article site using the bundled theme (or a child of it); returns its site.toml."""
    root.mkdir(parents=True, exist_ok=True)
    config_file = root / "site.toml"
    config_file.write_text(f'title = "Test Gazette"\nbase_url = "https://example.org/news/"\ntheme = "{theme}"\n')
    for day, title in ((3, "Talks Open In Paris"), (4, "Markets Steady"), (5, "Crimea Vote Called")):
        write_article(root, title, day, f"The first paragraph of {title.lower()}.\n\nA second paragraph.")
    return config_file


def write_child_theme(root: Path, article_template: str) -> Path:
    """A site theme that extends the bundled default and overrides article.html."""
    folder = root / "themes" / "mine"
    (folder / "templates").mkdir(parents=True, exist_ok=True)
    (folder / "theme.toml").write_text('extends = "default"\n')
    template = folder / "templates" / "article.html"
    template.write_text(article_template)
    return template


GOOD_TEMPLATE = (
    '{% extends "base.html" %}{% block main %}<h1>{{ page.title }}</h1><p>MARK-{mark}</p>'
    "{{ page.body_html|safe }}{% endblock %}\n"
)


def wait_for(predicate, timeout: float = 15.0, what: str = "the condition"):
    """Poll until predicate() is truthy; fail with `what` after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def dev_server(config_file: Path, **kwargs) -> DevServer:
    config = load_config(config_file, {"jobs": 1})
    options = Options(config_file=config_file, overrides={"jobs": 1})
    kwargs.setdefault("out", io.StringIO())
    kwargs.setdefault("err", io.StringIO())
    return DevServer(config, options, **kwargs)


class Recorder:
    """Wraps the rebuild loop's apply to keep every batch it was handed."""

    def __init__(self, dev: DevServer):
        self.batches: list[dict[Path, ChangeKind]] = []
        self.apply = dev.loop.apply
        dev.loop.apply = self

    def __call__(self, batch):
        self.apply(batch)
        self.batches.append(batch)


# ---------------------------------------------------------------- classify_change (pure)


@pytest.fixture
def config(tmp_path):
    write_site(tmp_path)
    return load_config(tmp_path / "site.toml", {})


@pytest.mark.parametrize(
    "rel, kind",
    [
        ("content/2014/03/a.md", ChangeKind.CONTENT),
        ("content/2014/03", ChangeKind.CONTENT),
        ("content/2014/../2014/03/a.md", ChangeKind.CONTENT),
        ("seeds/world/a.txt", ChangeKind.SEED),
        ("themes/mine/templates/article.html", ChangeKind.THEME),
        ("themes/mine/theme.toml", ChangeKind.THEME),
        ("site.toml", ChangeKind.CONFIG),
        ("public/index.html", ChangeKind.IGNORED),
        ("public/2014/03/05/a/index.html", ChangeKind.IGNORED),
        (".cache/articles.pickle", ChangeKind.IGNORED),
        ("content/2014/03/.a.md.swp", ChangeKind.IGNORED),
        ("content/2014/03/a.md.swx", ChangeKind.IGNORED),
        ("content/2014/03/a.md~", ChangeKind.IGNORED),
        ("content/2014/03/4913", ChangeKind.IGNORED),
        ("content/2014/03/.#a.md", ChangeKind.IGNORED),
        ("content/2014/03/#a.md#", ChangeKind.IGNORED),
        ("content/2014/03/a.md___jb_tmp___", ChangeKind.IGNORED),
        ("content/.git/index", ChangeKind.IGNORED),
        ("content/2014/03/.a.md.x1y2.tmp", ChangeKind.IGNORED),
        ("site.toml~", ChangeKind.IGNORED),
        ("README.md", ChangeKind.IGNORED),
        ("build.log", ChangeKind.IGNORED),
    ],
)
def test_classify_change(config, tmp_path, rel, kind):
    assert classify_change(tmp_path / rel, config) == kind


def test_classify_change_accepts_strings_and_bundled_themes(config, tmp_path):
    assert classify_change(str(tmp_path / "content" / "a.md"), config) == ChangeKind.CONTENT
    assert classify_change(PROJECT_DIR / "themes" / "default" / "templates" / "base.html", config) == ChangeKind.THEME


def test_classify_change_names_the_config_file_it_was_given(config, tmp_path):
    other = tmp_path / "preview.toml"
    assert classify_change(other, config, config_file=other) == ChangeKind.CONFIG
    assert classify_change(tmp_path / "site.toml", config, config_file=other) == ChangeKind.IGNORED


def test_classify_change_ignores_an_output_folder_inside_content(tmp_path):
    write_site(tmp_path)
    config = load_config(tmp_path / "site.toml", {"output_dir": "content/_site"})
    assert classify_change(tmp_path / "content" / "_site" / "index.html", config) == ChangeKind.IGNORED
    assert classify_change(tmp_path / "content" / "a.md", config) == ChangeKind.CONTENT


def test_classify_change_does_not_touch_the_file_system(config, tmp_path):
    assert classify_change(tmp_path / "content" / "no" / "such" / "file.md", config) == ChangeKind.CONTENT


# ---------------------------------------------------------------- Debouncer (pure, injected clock)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_debouncer_waits_for_a_quiet_period():
    clock = Clock()
    debouncer = Debouncer(quiet=0.1, max_wait=5.0, clock=clock)
    assert debouncer.wait_time() is None
    debouncer.add(Path("/a"), ChangeKind.CONTENT)
    assert debouncer.wait_time() == pytest.approx(0.1)
    clock.now = 0.08
    debouncer.add(Path("/b"), ChangeKind.THEME)
    assert debouncer.wait_time() == pytest.approx(0.1)
    clock.now = 0.18
    assert debouncer.wait_time() == 0
    assert debouncer.take() == {Path("/a"): ChangeKind.CONTENT, Path("/b"): ChangeKind.THEME}
    assert debouncer.wait_time() is None


def test_debouncer_fires_after_max_wait_under_a_steady_stream():
    clock = Clock()
    debouncer = Debouncer(quiet=0.15, max_wait=1.0, burst_size=100, clock=clock)
    for step in range(10):
        clock.now = step * 0.1
        debouncer.add(Path(f"/f{step}"), ChangeKind.CONTENT)
        assert debouncer.wait_time() > 0
    clock.now = 1.0
    assert debouncer.wait_time() == 0
    assert len(debouncer.take()) == 10


def test_debouncer_merges_repeated_changes_to_one_path():
    clock = Clock()
    debouncer = Debouncer(clock=clock)
    for _ in range(3):
        debouncer.add(Path("/a"), ChangeKind.CONTENT)
    clock.now = 10
    assert debouncer.take() == {Path("/a"): ChangeKind.CONTENT}


def test_debouncer_a_burst_of_1000_changes_is_one_batch_even_with_a_pause():
    clock = Clock()
    debouncer = Debouncer(quiet=0.1, max_wait=5.0, burst_size=10, burst_quiet=0.5, clock=clock)
    batches = []
    for n in range(1000):
        clock.now = n * 0.0005 + (0.3 if n >= 500 else 0)  # a git checkout that stalls for 0.3 s halfway
        if debouncer.wait_time() == 0:
            batches.append(debouncer.take())
        debouncer.add(Path(f"/content/{n}.md"), ChangeKind.CONTENT)
    clock.now += 0.49
    assert debouncer.wait_time() > 0
    clock.now += 0.02
    assert debouncer.wait_time() == 0
    batches.append(debouncer.take())
    assert [len(b) for b in batches] == [1000]


@given(gaps=st.lists(st.floats(min_value=0, max_value=0.6), min_size=1, max_size=60))
def test_debouncer_is_never_due_early_nor_late(gaps):
    clock = Clock()
    debouncer = Debouncer(quiet=0.1, max_wait=2.0, burst_size=10, burst_quiet=0.5, clock=clock)
    first = None
    for n, gap in enumerate(gaps):
        clock.now += gap
        if debouncer.wait_time() == 0:
            debouncer.take()
            first = None
        debouncer.add(Path(f"/{n}"), ChangeKind.CONTENT)
        first = clock.now if first is None else first
        quiet = 0.5 if len(debouncer.pending) >= 10 else 0.1
        assert debouncer.wait_time() == pytest.approx(min(quiet, first + 2.0 - clock.now))


# ---------------------------------------------------------------- terminal lines and the command line


def test_describe_changes():
    root = Path("/site")
    assert describe_changes({root / "content/a.md": ChangeKind.CONTENT}, root) == "content/a.md changed"
    batch = {root / f"content/{n}.md": ChangeKind.CONTENT for n in range(1200)} | {
        root / "themes/x.html": ChangeKind.THEME
    }
    assert describe_changes(batch, root) == "1,201 files changed (content: 1,200, theme: 1)"


def test_rebuild_line():
    report = BuildReport((), WriteResult(("a",), ("b",) * 2000, ()), articles=3, pages=2001, seconds=0.5)
    assert (
        rebuild_line("content/a.md changed", report, 0.0412)
        == "content/a.md changed: 1 written, 2,000 unchanged, 0 removed in 0.04 s"
    )
    assert rebuild_line("x changed", report, 1.0, errors=2).endswith("; 2 errors")


def test_watch_and_serve_are_commands_with_their_options():
    args = cli.parser().parse_args(["serve", "--port", "9000", "--host", "0.0.0.0", "--poll", "--drafts"])
    assert (args.port, args.host, args.poll, args.drafts, args.run.__name__) == (
        9000,
        "0.0.0.0",
        True,
        True,
        "run_serve",
    )
    args = cli.parser().parse_args(["serve"])
    assert (args.port, args.host, args.poll) == (8000, "127.0.0.1", False)
    args = cli.parser().parse_args(["watch", "--no-import", "--jobs", "2"])
    assert (args.no_import, args.jobs, args.poll, args.run.__name__) == (True, 2, False, "run_watch")


# ---------------------------------------------------------------- real file-system events


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path / "site")


@pytest.fixture
def dev(site):
    server = dev_server(site)
    server.start()
    yield server
    server.stop()


def rebuilt(dev: DevServer, count: int):
    return lambda: dev.session.rebuilds >= count


def page(site: Path, url: str) -> Path:
    return site.parent / "public" / url.lstrip("/") / "index.html"


def test_the_first_build_writes_the_site(dev, site):
    assert "first paragraph of markets steady" in read(page(site, article_url("Markets Steady", 4)))
    assert dev.status.current.epoch == 1 and dev.status.current.errors == ()


def test_an_article_edit_is_rebuilt_and_reported_on_one_line(dev, site):
    article = write_article(site.parent, "Markets Steady", 4, "Markets rallied at noon.")
    wait_for(
        lambda: "Markets rallied at noon." in read(page(site, article_url("Markets Steady", 4))), what="the new text"
    )
    wait_for(lambda: dev.status.current.epoch == 2, what="the epoch to move")
    lines = dev.session.out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{article.relative_to(site.parent).as_posix()} changed: 1 written, ")
    assert lines[0].endswith(" s") and " unchanged, 0 removed in " in lines[0]


def test_a_save_through_a_temporary_file_and_a_rename_is_seen(dev, site):
    target = site.parent / "content" / "2014" / "03" / "markets-steady.md"
    temp = target.with_name("markets-steady.md.tmp-save")  # not a dot-file: the rename itself must be seen
    temp.write_text(article_text("Markets Steady", 4, "Saved through a rename."), encoding="utf-8")
    os.replace(temp, target)
    wait_for(
        lambda: "Saved through a rename." in read(page(site, article_url("Markets Steady", 4))), what="the new text"
    )


def test_a_vim_style_save_with_a_backup_and_a_probe_file_is_seen(dev, site):
    folder = site.parent / "content" / "2014" / "03"
    (folder / "4913").write_text("")
    (folder / "4913").unlink()
    os.rename(folder / "markets-steady.md", folder / "markets-steady.md~")
    (folder / "markets-steady.md").write_text(article_text("Markets Steady", 4, "Written by vim."), encoding="utf-8")
    (folder / "markets-steady.md~").unlink()
    wait_for(lambda: "Written by vim." in read(page(site, article_url("Markets Steady", 4))), what="the new text")


def test_a_burst_of_1000_files_causes_one_rebuild(dev, site):
    recorder = Recorder(dev)
    folder = site.parent / "content" / "2014" / "03"
    for n in range(1000):
        (folder / f"burst-{n}.md").write_text(article_text(f"Burst {n}", 10, "x"), encoding="utf-8")
    wait_for(lambda: recorder.batches, what="the rebuild")
    assert dev.session.builder  # the site now has 1,003 articles
    assert page(site, article_url("Burst 999", 10)).exists()
    write_article(site.parent, "Markets Steady", 4, "After the burst.")  # a marker that follows every burst event
    wait_for(lambda: len(recorder.batches) >= 2, what="the marker's rebuild")
    assert [len(batch) for batch in recorder.batches] == [1000, 1]


def test_a_broken_then_fixed_template(tmp_path):
    site = write_site(tmp_path / "site", theme="mine")
    template = write_child_theme(site.parent, GOOD_TEMPLATE.replace("{mark}", "one"))
    url = article_url("Markets Steady", 4)
    with dev_server(site) as dev:
        assert "MARK-one" in read(page(site, url))
        template.write_text('{% extends "base.html" %}{% block main %}\n<h1>{{ page.title }</h1>{% endblock %}\n')
        errors = wait_for(lambda: dev.status.current.errors, what="the template error")
        assert all("article.html:2: error:" in line for line in errors)
        assert "MARK-one" in read(page(site, url))  # the last good page stays
        assert "article.html:2: error:" in dev.session.err.getvalue()
        template.write_text(GOOD_TEMPLATE.replace("{mark}", "two"))
        wait_for(lambda: "MARK-two" in read(page(site, url)), what="the fixed template's page")
        wait_for(lambda: dev.status.current.errors == (), what="the errors to clear")


def test_a_broken_front_matter_keeps_the_last_good_page(dev, site):
    url = article_url("Markets Steady", 4)
    article = site.parent / "content" / "2014" / "03" / "markets-steady.md"
    article.write_text(article_text("Markets Steady", 4, "Fine.").replace("date: 2014-03-04", "date: [oops"))
    errors = wait_for(lambda: dev.status.current.errors, what="the front-matter error")
    assert errors[0].startswith("content/2014/03/markets-steady.md:") and ": error: invalid YAML" in errors[0]
    assert "first paragraph of markets steady" in read(page(site, url))
    write_article(site.parent, "Markets Steady", 4, "Fixed again.")
    wait_for(lambda: "Fixed again." in read(page(site, url)), what="the fixed page")
    wait_for(lambda: dev.status.current.errors == (), what="the errors to clear")


def test_a_deleted_article_disappears_from_its_page_and_the_indexes(dev, site):
    (site.parent / "content" / "2014" / "03" / "markets-steady.md").unlink()
    wait_for(lambda: not page(site, article_url("Markets Steady", 4)).exists(), what="the page to go")
    assert "Markets Steady" not in read(site.parent / "public" / "index.html")
    assert "Markets Steady" not in read(site.parent / "public" / "2014" / "03" / "index.html")


def test_a_config_edit_rebuilds_with_the_new_config(dev, site):
    first_builder = dev.session.builder
    site.write_text(site.read_text().replace("Test Gazette", "Evening Courier"))
    wait_for(lambda: "Evening Courier" in read(site.parent / "public" / "index.html"), what="the new title")
    wait_for(lambda: dev.session.config.title == "Evening Courier", what="the new config")
    assert dev.session.builder is not first_builder


def test_a_broken_config_is_reported_and_the_last_good_site_kept(dev, site):
    good = site.read_text()
    site.write_text(good + "colour = 'red'\n")
    errors = wait_for(lambda: dev.status.current.errors, what="the config error")
    assert errors[0].startswith(f"{site}:4: error: unknown key 'colour'")
    assert dev.session.config.title == "Test Gazette"
    assert "rebuild failed" in dev.session.out.getvalue()
    write_article(site.parent, "Markets Steady", 4, "Edited while the config was broken.")
    wait_for(
        lambda: "Edited while" in read(page(site, article_url("Markets Steady", 4))),
        what="a rebuild with the last good config",
    )
    wait_for(lambda: dev.session.rebuilds >= 2, what="that rebuild to finish")
    assert dev.status.current.errors == errors  # site.toml is still broken
    site.write_text(good.replace("Test Gazette", "Fixed Gazette"))
    wait_for(lambda: "Fixed Gazette" in read(site.parent / "public" / "index.html"), what="the fixed config")
    wait_for(lambda: dev.status.current.errors == (), what="the errors to clear")


def test_scratch_files_and_the_build_own_output_never_trigger_a_rebuild(dev, site):
    recorder = Recorder(dev)
    root = site.parent
    folder = root / "content" / "2014" / "03"
    for name in (".markets-steady.md.swp", "markets-steady.md~", "4913", ".#markets-steady.md"):
        (folder / name).write_text("scratch")
    (root / "public" / "stray.html").write_text("x")
    (root / ".cache" / "stray").write_text("x")
    (root / "notes.txt").write_text("x")
    marker = write_article(root, "Markets Steady", 4, "Marker.")
    wait_for(lambda: recorder.batches, what="the marker's rebuild")
    assert list(recorder.batches[0]) == [marker]


def test_a_rebuild_does_not_wake_the_watcher_again(dev, site):
    recorder = Recorder(dev)
    marker = write_article(site.parent, "Markets Steady", 4, "Once.")
    wait_for(lambda: recorder.batches, what="the rebuild")
    second = write_article(site.parent, "Crimea Vote Called", 5, "Twice.")
    wait_for(lambda: len(recorder.batches) >= 2, what="the second rebuild")
    assert [list(b) for b in recorder.batches] == [[marker], [second]]


def test_a_new_seed_is_imported_then_built(tmp_path):
    site = write_site(tmp_path / "site")
    seeds = site.parent / "seeds"
    seeds.mkdir()
    with dev_server(site) as dev:
        (seeds / "new.txt").write_text(SEED.format(title="Fresh Seed Arrives", day=7, body="Seed body text here."))
        wait_for(
            lambda: "Seed body text here." in read(page(site, article_url("Fresh Seed Arrives", 7))),
            what="the imported article",
        )
        wait_for(lambda: dev.session.rebuilds >= 2, what="the rebuild that the import's own write causes")
        lines = dev.session.out.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith("seeds/new.txt changed: ") and "1 imported" in lines[0]


def test_poll_mode_sees_an_edit(site):
    with dev_server(site, poll=True, poll_interval=0.1) as dev:
        write_article(site.parent, "Markets Steady", 4, "Seen by polling.")
        wait_for(lambda: "Seen by polling." in read(page(site, article_url("Markets Steady", 4))), what="the new text")
        assert type(dev.watcher.observer).__name__ == "PollingObserver"


def test_a_content_folder_created_later_is_watched(tmp_path):
    site = write_site(tmp_path / "site")
    content = site.parent / "content"
    content.rename(site.parent / "content-aside")
    with dev_server(site) as dev:
        assert dev.session.builder
        (site.parent / "content-aside").rename(content)
        wait_for(lambda: page(site, article_url("Markets Steady", 4)).exists(), what="the moved-in articles")
        write_article(site.parent, "Markets Steady", 4, "Watched after all.")
        wait_for(lambda: "Watched after all." in read(page(site, article_url("Markets Steady", 4))), what="the edit")
