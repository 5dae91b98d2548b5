"""Hostile seeds: a YAML alias bomb, links and files that are not seeds, names of any characters,
temporary files left by a killed import, a second import that must not duplicate, and a fuzz test
of the normaliser. Each problem ends as a message, never a traceback or a hang."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from helpers import REPO, cli_env, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import SiteConfig
from generator.diagnostics import Diagnostic
from generator.importer import existing as contentscan
from generator.importer.ingest import import_seeds
from generator.importer.normalize import Rules, normalize, to_document
from generator.model import NormalizedArticle, SeedText

SEED = "Harbour Plan Approved\n\nBy Jane Doe, Reuters\n\nMarch 5, 2014\n\nThe council approved the plan.\n"
BOMB = (
    "---\ntitle: Laughs\n"
    + 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True))
    + "---\nBody.\n"
)
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "site.toml").write_text('title = "Hostile"\n', encoding="utf-8")
    return SiteConfig(root=tmp_path, jobs=1)


def write_seed(site: SiteConfig, name: str | bytes, text: str = SEED) -> Path:
    path = os.path.join(os.fsencode(site.seeds_path), os.fsencode(name))
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return Path(os.fsdecode(path))


def messages(report) -> list[str]:
    return [str(d) for d in report.diagnostics]


def statuses(report) -> list[tuple[str, str]]:
    return [(r.seed, r.status) for r in report.results]


def content_files(site: SiteConfig) -> list[str]:
    return sorted(p.relative_to(site.content_path).as_posix() for p in site.content_path.rglob("*") if p.is_file())


# --- the alias bomb --------------------------------------------------------------------------------


def test_the_alias_bomb_is_a_diagnostic_with_its_line():
    article, notes = normalize(SeedText("x.txt", BOMB, "0"))
    assert article is None and len(BOMB) < 1024
    assert [str(n) for n in notes] == [
        ("x.txt:4: error: invalid YAML in the front matter: aliases are not allowed in a seed (*a)")
    ]


def test_a_merge_key_alias_is_refused_and_an_anchor_alone_is_kept():
    _, notes = normalize(SeedText("x.txt", "---\ntitle: T\nbase: &b {k: v}\nmore:\n  <<: *b\n---\nB.\n", "0"))
    assert [str(n) for n in notes] == [
        ("x.txt:5: error: invalid YAML in the front matter: aliases are not allowed in a seed (*b)")
    ]
    article, _ = normalize(SeedText("x.txt", "---\ntitle: T\ndate: 2014-03-05\nbase: &b {k: v}\n---\nB.\n", "0"))
    assert article is not None and article.title == "T"


def test_deep_nesting_in_front_matter_is_a_diagnostic():
    text = "---\ntitle: T\nk: " + "[" * 5000 + "]" * 5000 + "\n---\nB.\n"
    _, notes = normalize(SeedText("x.txt", text, "0"))
    assert [str(n) for n in notes] == ["x.txt:1: error: invalid YAML in the front matter: it is nested too deeply"]


def test_the_bomb_imports_in_seconds_and_little_memory_and_the_others_import(site):
    write_seed(site, "x.txt", BOMB)
    write_seed(site, "ok.txt")
    code = (
        "import resource, runpy, sys\n"
        f"sys.argv = ['build.py', '--config', {str(site.root / 'site.toml')!r}, 'import']\n"
        f"try:\n    runpy.run_path({str(REPO / 'build.py')!r}, run_name='__main__')\nfinally:\n"
        "    print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=site.root,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        preexec_fn=_limit_memory,
        check=False,
    )
    seconds = time.monotonic() - started
    peak_mb = int(done.stderr.rsplit("peak-kb ", 1)[1]) / 1024
    assert seconds < 10 and peak_mb < 300, (seconds, peak_mb)
    assert (
        "seeds/x.txt:4: error: invalid YAML in the front matter: aliases are not allowed in a seed (*a)\n"
        in done.stderr
        and "Traceback" not in done.stderr
    )
    assert "Import of 2 seeds: 1 imported, 0 updated, 0 unchanged, 0 conflict, 1 rejected" in done.stdout
    assert done.returncode == 1 and content_files(site) == ["2014/03/harbour-plan-approved.md"]


def _limit_memory() -> None:
    """A safety net: a regression fails the test instead of eating the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


# --- files that are not seeds ----------------------------------------------------------------------


def test_a_link_out_of_the_site_is_refused_and_a_link_inside_is_read(site, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text(SEED.replace("Harbour", "Secret"), encoding="utf-8")
    (site.seeds_path / "out.txt").symlink_to(secret)
    write_seed(site, "ok.txt")
    (site.seeds_path / "in.txt").symlink_to("ok.txt")
    report = import_seeds(site)
    assert messages(report) == [
        (f"seeds/out.txt: warning: a symbolic link to {os.path.realpath(secret)}, outside the site; refused")
    ]
    assert statuses(report) == [("in.txt", "imported"), ("ok.txt", "imported")]
    assert not any("secret" in name for name in content_files(site))


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda seeds: os.mkfifo(seeds / "x.txt"), "seeds/x.txt: warning: not a regular file (a named pipe); skipped"),
        (
            lambda seeds: (seeds / "x.txt").symlink_to("nothing.txt"),
            ("seeds/x.txt: warning: a symbolic link to nothing; skipped"),
        ),
        (
            lambda seeds: (seeds / "x.txt").symlink_to("x.txt"),
            "seeds/x.txt: warning: a symbolic link to nothing; skipped",
        ),
        (
            lambda seeds: ((seeds / "folder").mkdir(), (seeds / "x.txt").symlink_to("folder")),
            "seeds/x.txt: warning: a symbolic link to a folder, not to a file; skipped",
        ),
        (lambda seeds: _bind(seeds / "x.txt"), "seeds/x.txt: warning: not a regular file (a socket); skipped"),
    ],
)
def test_a_file_that_is_not_a_seed_is_skipped_with_a_warning(site, make, message):
    make(site.seeds_path)
    write_seed(site, "ok.txt")
    report = import_seeds(site)
    assert messages(report) == [message]
    assert statuses(report) == [("ok.txt", "imported")]


def _bind(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError as exc:  # a path too long for a socket
        pytest.skip(f"cannot make a socket here: {exc}")
    finally:
        server.close()


def test_a_folder_named_like_a_seed_is_a_section(site):
    (site.seeds_path / "x.txt").mkdir()
    (site.seeds_path / "empty.txt").mkdir()
    write_seed(site, "x.txt/a.txt")
    report = import_seeds(site)
    assert statuses(report) == [("x.txt/a.txt", "imported")] and messages(report) == []


def test_an_unreadable_file_is_skipped_with_a_warning(site, monkeypatch):
    from generator.importer import seedfiles

    write_seed(site, "ok.txt")
    write_seed(site, "locked.txt")
    real_open = os.open

    def refusing(path, flags, *args):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(seedfiles.os, "open", refusing)
    report = import_seeds(site)
    assert messages(report) == ["seeds/locked.txt: warning: cannot read the file (Permission denied); skipped"]
    assert statuses(report) == [("ok.txt", "imported")]


@pytest.mark.skipif(ROOT_USER, reason="root reads every file")
def test_an_unreadable_file_and_folder_on_disk(site):
    write_seed(site, "locked.txt").chmod(0)
    (site.seeds_path / "closed").mkdir(mode=0)
    try:
        report = import_seeds(site)
    finally:
        (site.seeds_path / "closed").chmod(0o755)
    assert messages(report) == [
        "seeds/closed: warning: cannot read the folder (Permission denied); skipped",
        "seeds/locked.txt: warning: cannot read the file (Permission denied); skipped",
    ]


def test_the_cli_never_opens_a_pipe_and_never_follows_a_link_out(site, tmp_path_factory):
    os.mkfifo(site.seeds_path / "pipe.txt")
    secret = tmp_path_factory.mktemp("elsewhere") / "passwd"
    secret.write_text(SEED, encoding="utf-8")
    (site.seeds_path / "link.txt").symlink_to(secret)
    write_seed(site, "ok.txt")
    status, stdout, stderr = run_cli("--config", site.root / "site.toml", "import", cwd=site.root, timeout=60)
    assert stderr.splitlines()[:2] == [
        f"seeds/link.txt: warning: a symbolic link to {os.path.realpath(secret)}, outside the site; refused",
        "seeds/pipe.txt: warning: not a regular file (a named pipe); skipped",
    ]
    assert "Traceback" not in stderr and status == 0
    assert stdout == "Import of 1 seed: 1 imported, 0 updated, 0 unchanged, 0 conflict, 0 rejected\n"


# --- seed names of any characters ------------------------------------------------------------------

TRICKY_NAMES = [
    "tab\tseed.txt",
    "new\nline.txt",
    '"quoted".txt',
    'a"b.txt',
    "back\\slash.txt",
    "co: lon.txt",
    "#hash.txt",
    "a #b.txt",
    " lead.txt",
    "trail.txt ",
    "ünïcødé – ✓.txt",
    "- dash.txt",
    "&a.txt",
    "*a.txt",
    "'single'.txt",
    "null",
    "\u2028sep.txt",
    "x" * 250,
]
names = st.one_of(
    st.text(min_size=1, max_size=80),
    st.binary(min_size=1, max_size=40).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.sampled_from(TRICKY_NAMES),
)
ARTICLE = NormalizedArticle(
    title="T",
    date=dt.date(2014, 3, 5),
    slug="t",
    source="",
    authors=(),
    caption="",
    body="B.",
    original_url="",
    summary="",
    tags=(),
    section="",
    seed="x",
    seed_sha256="0",
)


@settings(max_examples=300, deadline=None)
@given(names)
def test_any_seed_name_round_trips_through_the_seed_field(name):
    document = to_document(replace(ARTICLE, seed=name))
    front = document[4:].split("\n---\n", 1)[0]
    assert contentscan.seed_fields(front)["seed"] == name
    document.encode("utf-8")  # a content file is always UTF-8
    meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # and YAML the loader reads
    if not any("\udc80" <= c <= "\udcff" for c in name):
        assert meta["seed"] == name


@pytest.mark.parametrize("name", TRICKY_NAMES[:-1] + [TRICKY_NAMES[-1][:240] + ".txt", b"caf\xe9-\xff.txt"])
def test_a_seed_with_a_tricky_name_is_unchanged_on_every_later_import(site, name):
    try:
        write_seed(site, name)
    except OSError as exc:
        pytest.skip(f"this file system refuses the name: {exc}")
    for _ in range(3):
        report = import_seeds(site)
    assert [r.status for r in report.results] == ["unchanged"] and messages(report) == []
    assert content_files(site) == ["2014/03/harbour-plan-approved.md"]


def test_eight_cli_imports_of_a_tab_named_seed_leave_one_file(site):
    write_seed(site, "tab\tseed.txt", SEED.replace("Harbour Plan Approved", "Tab Seed"))
    for _ in range(8):
        status, stdout, stderr = run_cli("--config", site.root / "site.toml", "import", cwd=site.root, timeout=60)
    assert (status, stderr) == (0, "")
    assert stdout == "Import of 1 seed: 0 imported, 0 updated, 1 unchanged, 0 conflict, 0 rejected\n"
    assert content_files(site) == ["2014/03/tab-seed.md"]


# --- temporary files left by a killed import -------------------------------------------------------


def test_stale_temporary_files_are_removed_and_nothing_else(site):
    write_seed(site, "a.txt")
    import_seeds(site)
    folder = site.content_path / "2014" / "03"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    stale, old = folder / f".harbour-plan-approved.md.{dead.stdout.strip()}.tmp", folder / f".b.md.{os.getpid()}.tmp"
    live = folder / f".c.md.{os.getpid()}.tmp"
    keep = [
        folder / ".draft.tmp",
        folder / "x.md.1.tmp",
        folder / ".x.txt.999999999.tmp",
        folder / ".x.md.0.tmp",
        live,
        folder / ".link.md.999999999.tmp",
    ]
    for path in (stale, old, *keep[:-1]):
        path.write_text("half a file", encoding="utf-8")
    keep[-1].symlink_to("harbour-plan-approved.md")
    hour_ago = time.time() - 2 * contentscan.STALE_AFTER
    os.utime(old, (hour_ago, hour_ago))
    assert messages(import_seeds(site, dry_run=True)) == [] and stale.exists()
    report = import_seeds(site)
    assert messages(report) == [
        f"content/2014/03/{name}: warning: removed a temporary file left by an interrupted import"
        for name in sorted((stale.name, old.name))
    ]
    assert not stale.exists() and not old.exists() and all(os.path.lexists(p) for p in keep)
    assert [r.status for r in report.results] == ["unchanged"]


# --- a second import never duplicates a seed -------------------------------------------------------


def test_an_import_that_did_not_see_the_other_imports_files_makes_no_copy(site, monkeypatch):
    for name in ("a.txt", "b.txt"):  # b has a's slug: it is the -2 file, and must stay the only -2 file
        write_seed(site, name, SEED + f"\n{name}\n")
    write_seed(site, "c.txt", SEED.replace("Harbour", "Airport"))
    first = import_seeds(site)
    before = {p: p.read_bytes() for p in site.content_path.rglob("*.md")}
    empty = contentscan.Content({}, {}, ())
    monkeypatch.setattr(
        "generator.importer.ingest.scan_content", lambda root, known=None: empty
    )  # as a second import started meanwhile
    second = import_seeds(site)
    assert [r.status for r in first.results] == ["imported"] * 3
    assert [(r.status, r.content_path) for r in second.results] == [
        ("unchanged", r.content_path) for r in first.results
    ]
    assert {p: p.read_bytes() for p in site.content_path.rglob("*.md")} == before


def test_a_copy_left_by_an_old_import_is_named(site):
    write_seed(site, "a.txt")
    import_seeds(site)
    folder = site.content_path / "2014" / "03"
    shutil.copy(folder / "harbour-plan-approved.md", folder / "harbour-plan-approved-2.md")
    report = import_seeds(site)
    assert messages(report) == [
        (
            "content/2014/03/harbour-plan-approved-2.md: warning: also imported from seed 'a.txt' (as "
            "content/2014/03/harbour-plan-approved.md); imports update only content/2014/03/harbour-plan-approved.md, "
            "so this copy can be deleted"
        )
    ]


@pytest.mark.slow
def test_the_bbc_corpus_imported_again_without_a_cache_is_unchanged(tmp_path, bbc_seeds):
    config = SiteConfig(root=tmp_path, seeds_dir=str(bbc_seeds))
    assert import_seeds(config).count("imported") == 2095
    shutil.rmtree(config.cache_path, ignore_errors=True)
    report = import_seeds(config)
    assert (report.count("imported"), report.count("unchanged")) == (0, 2095)
    assert len(list(config.content_path.rglob("*.md"))) == 2095


@pytest.mark.slow
def test_two_imports_at_once_import_each_bbc_seed_once(tmp_path, bbc_seeds):
    (tmp_path / "site.toml").write_text(f'title = "BBC"\nseeds_dir = "{bbc_seeds}"\n', encoding="utf-8")
    command = [sys.executable, str(REPO / "build.py"), "--config", str(tmp_path / "site.toml"), "import", "-q"]
    runs = [
        subprocess.Popen(
            command,
            cwd=tmp_path,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    seeds = [contentscan.read_existing(p)[0] for p in tmp_path.joinpath("content").rglob("*.md")]
    assert len(seeds) == len(set(seeds)) == 2095


# --- the normaliser never raises, and is quick, on any text ----------------------------------------

UNITS = [
    "[",
    "]",
    "](",
    "[a](b",
    "(",
    "*",
    "**a",
    "_",
    "<",
    "<a ",
    "<b>",
    "By ",
    "and ",
    "2014-03-05 ",
    "March 5, 2014 ",
    "a\n",
    "\n",
    "\r",
    " ",
    "\t",
    "Original url: ",
    "http://",
    "#",
    "> ",
    "- ",
    "{",
    "&a ",
    "*a ",
    "!!python/object:os.system ",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "---\n",
    "Caption: ",
    "Word. ",
]
YAML_LINES = [
    "title: T",
    "title: &t T",
    "date: 2014-03-05",
    "date: 2014-13-45",
    "tags: [a, b",
    "tags: *t",
    "k: &a [*a]",
    "<<: *t",
    "? complex",
    "k: |",
    "k: >",
    "  - x",
    "draft: maybe",
    "slug: Not A Slug!",
    "k: !!python/object/apply:os.system ['true']",
    "k: !!binary aGVsbG8=",
    "k: {a: {b: {c: [1, 2]}}}",
    "title:",
    "- a",
    "k: 1e400",
    "k: 0x1F",
    "...",
    "%YAML 1.1",
    "\ttitle: tab",
]
huge = st.builds(lambda unit, n: unit * n, st.sampled_from(UNITS), st.integers(1, 100_000))
deep = st.builds(
    lambda o, n, closed: o[0] * n + (o[1] * n if closed else ""),
    st.sampled_from(["[]", "{}", "()", "<>", "**", "``"]),
    st.integers(1, 50_000),
    st.booleans(),
)
yaml_like = st.builds(
    lambda lines, body: "---\n" + "\n".join(lines) + "\n---\n" + body,
    st.lists(st.sampled_from(YAML_LINES) | st.text(max_size=40), max_size=12),
    st.text(max_size=200),
)
texts = st.lists(st.text() | huge | deep | yaml_like | st.sampled_from(UNITS), max_size=6).map("\n".join)


@settings(
    max_examples=200,
    deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(texts)
def test_the_normaliser_gives_an_article_or_a_diagnostic_never_an_exception(text):
    article, notes = normalize(SeedText("s/x.txt", text, "0"), Rules(today=dt.date(2026, 1, 1)))
    assert all(isinstance(note, Diagnostic) for note in notes)
    if article is None:  # rejected: the import reports why
        assert any(note.severity == "error" for note in notes)
        return
    document = to_document(article)
    document.encode("utf-8")
    assert contentscan.seed_fields(document[4:].split("\n---\n", 1)[0])["seed"] == "s/x.txt"


def test_a_seed_named_on_the_command_line_that_links_outside_is_refused(tmp_path):
    from helpers import run_cli

    (tmp_path / "site.toml").write_text('title = "T"\n')
    (tmp_path / "seeds").mkdir()
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("Secret Title\n\nSecret body text.\n")
    (tmp_path / "seeds" / "link.txt").symlink_to(secret)
    code, out, err = run_cli("import", "seeds/link.txt", cwd=tmp_path)
    assert f"seeds/link.txt: warning: a symbolic link to {secret}, outside the site; refused" in err
    assert "Traceback" not in err
    assert list(tmp_path.glob("content/**/*.md")) == []


def test_a_pipe_named_md_in_content_never_blocks_the_import(tmp_path):
    """The importer reads content files' seed: fields; a FIFO there must not be opened (it would block)."""
    import os

    from helpers import run_cli

    (tmp_path / "site.toml").write_text('title = "T"\n')
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "A Title For The Seed\n\nBy [The Daily Test](#)\n\nMarch 05, 2014\n\nBody.\n"
    )
    (tmp_path / "content").mkdir()
    os.mkfifo(tmp_path / "content" / "pipe.md")
    code, out, err = run_cli("import", cwd=tmp_path, timeout=60)
    assert code == 0, err
    assert "Import of 1 seed: 1 imported" in out
