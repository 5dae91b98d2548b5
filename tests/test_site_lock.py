"""One build at a time: the site lock is held by each build and import, and dies with its holder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, cli_env, run_cli
from sitekit import comparable, make_site

from generator.config import load_config
from generator.site.sitelock import site_lock

HOLD = """
import sys
sys.path.insert(0, {repo!r})
from generator.config import load_config
from generator.site.sitelock import site_lock
with site_lock(load_config(__import__("pathlib").Path({config!r}))):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def hold_lock(site: Path) -> subprocess.Popen:
    """Another process that holds the site's lock until its stdin closes (or it is killed)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD.format(repo=str(REPO), config=str(site / "site.toml"))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_build_with_no_wait_exits_2_naming_the_holder(tmp_path):
    make_site(tmp_path)
    holder = hold_lock(tmp_path)
    try:
        code, out, err = run_cli("build", "--no-import", "--no-wait", cwd=tmp_path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert code == 2
    assert err.strip() == (
        f"{tmp_path / '.cache' / 'lock'}: error: another Broadsheet process (pid {holder.pid}) is "
        "building this site; try again when it has finished, or leave out --no-wait to wait for it"
    )
    assert not (tmp_path / "public").exists()


def test_a_second_build_waits_with_a_message_then_builds(tmp_path):
    make_site(tmp_path)
    holder = hold_lock(tmp_path)
    build = subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "build", "--no-import"],
        cwd=tmp_path,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = build.stderr.readline()  # blocks until the build says it is waiting
        assert first.strip() == f"waiting for another Broadsheet process (pid {holder.pid}) to finish with this site…"
        assert build.poll() is None and not (tmp_path / "public").exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    out, _ = build.communicate(timeout=120)
    assert build.returncode == 0 and out.startswith("Built ")


def test_the_lock_dies_with_a_killed_holder(tmp_path):
    make_site(tmp_path)
    holder = hold_lock(tmp_path)
    holder.kill()
    holder.wait(timeout=10)
    code, out, err = run_cli("build", "--no-import", "--no-wait", cwd=tmp_path)
    assert code == 0, err


def test_the_lock_is_free_again_after_a_build(tmp_path):
    make_site(tmp_path)
    config = load_config(tmp_path / "site.toml")
    assert run_cli("build", "--no-import", cwd=tmp_path)[0] == 0
    with site_lock(config, wait=False):
        pass


def start_build(site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(REPO / "build.py"), "-q", "build"],
        cwd=site,
        env=cli_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def two_builds_at_once(site: Path) -> list[tuple[int, str]]:
    builds = [start_build(site), start_build(site)]
    deadline = time.monotonic() + 600
    results = []
    for build in builds:
        out, err = build.communicate(timeout=max(1.0, deadline - time.monotonic()))
        results.append((build.returncode, err))
    return results


def test_two_builds_at_once_import_each_seed_once(tmp_path):
    site = make_site(tmp_path / "site", count=0)
    (site / "seeds").mkdir()
    for n in range(40):
        (site / "seeds" / f"{n:03d}.txt").write_text(
            f"Harbour Story Number {n}\n\nBy [The Daily Test](#)\n\n"
            f"March 0{1 + n % 9}, 2014\n\nThe harbour council met on day {n}.\n"
        )
    results = two_builds_at_once(site)
    assert [code for code, _ in results] == [0, 0], results
    assert len(list((site / "content").rglob("*.md"))) == 40
    alone = tmp_path / "alone"
    shutil.copytree(site / "seeds", alone / "seeds")
    shutil.copy(site / "site.toml", alone / "site.toml")
    shutil.copytree(site / "themes", alone / "themes")
    assert run_cli("-q", "build", cwd=alone)[0] == 0
    assert comparable(site / "public") == comparable(alone / "public")


@pytest.mark.slow
def test_two_builds_at_once_on_the_bbc_seeds_make_2095_content_files(tmp_path, bbc_seeds):
    site = make_site(tmp_path / "site", count=0)
    shutil.copytree(bbc_seeds, site / "seeds")
    results = two_builds_at_once(site)
    assert [code for code, _ in results] == [0, 0], results
    assert len(list((site / "content").rglob("*.md"))) == 2095
    alone = make_site(tmp_path / "alone", count=0)
    shutil.copytree(bbc_seeds, alone / "seeds")
    assert run_cli("-q", "build", cwd=alone)[0] == 0
    assert comparable(site / "public") == comparable(alone / "public")
