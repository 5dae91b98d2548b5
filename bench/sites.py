"""Lay out the three sites in a work directory: seeds -> Broadsheet site -> Hugo and Pelican copies."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import peers
import tools

MAKE_SEEDS = Path("/work/shared/corpus/make_seeds.py")
SITE = peers.SiteInfo(
    title="Broadsheet benchmark",
    description="A news archive",
    base_url="http://127.0.0.1:8000/",
    per_page=20,
    feed_entries=20,
)
READY = ".bench-ready"  # written last, so a half-made work dir is never reused


@dataclass
class Sites:
    tools: list[tools.Tool]
    articles: int
    stories: list[peers.Story]
    edited: str  # the Broadsheet content path of the article that the edit scenario changes
    import_seconds: float | None  # Broadsheet's `import` of the seeds (not timed against the peers)


def prepare(workdir: Path, copies: int, jobs: int, peer_bin: Path, hugo_bin: Path, reuse: bool) -> Sites:
    """Makes the sites (or reuses them) and returns the tools that build them."""
    workdir.mkdir(parents=True, exist_ok=True)
    bs = workdir / "broadsheet"
    import_seconds = None
    if not (reuse and (workdir / READY).exists()):
        for name in ("broadsheet", "hugo", "pelican", "pelican-cache", READY):
            _remove(workdir / name)
        import_seconds = make_broadsheet_site(bs, copies)
    stories = peers.read_stories(bs / "content")
    if not stories:
        raise SystemExit(f"no articles in {bs / 'content'}: did the import fail? see {bs / 'import.log'}")
    if not (workdir / READY).exists():
        make_peer_sites(workdir, stories)
        (workdir / READY).write_text(f"copies={copies}\n", encoding="utf-8")
    edited = stories[len(stories) // 2]  # the article that the edit scenario changes, in every site
    pelican = peer_bin / "pelican"
    return Sites(
        tools=[
            tools.broadsheet(bs, bs / "content" / edited.rel, jobs),
            tools.hugo(workdir / "hugo", workdir / "hugo" / "content" / peers.hugo_path(edited), hugo_bin),
            *(
                tools.pelican(workdir / name, workdir / name / "content" / edited.rel, pelican, cached)
                for name, cached in (("pelican", False), ("pelican-cache", True))
            ),
        ],
        articles=len(stories),
        stories=stories,
        edited=edited.rel,
        import_seconds=import_seconds,
    )


def make_peer_sites(workdir: Path, stories: list[peers.Story]) -> None:
    print(f"  writing the Hugo and Pelican sites ({len(stories):,} articles)", flush=True)
    peers.write_hugo_site(stories, workdir / "hugo", SITE, style_css())
    for name, cached in (("pelican", False), ("pelican-cache", True)):
        peers.write_pelican_site(stories, workdir / name, SITE, style_css(), cached)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def make_broadsheet_site(site: Path, copies: int) -> float:
    """Seeds from the shared corpus, a site.toml, a child theme, then `build.py import`."""
    site.mkdir(parents=True)
    print(f"  generating seeds (x{copies}) into {site / 'seeds'}", flush=True)
    subprocess.run(
        [sys.executable, str(MAKE_SEEDS), str(site / "seeds"), "--copies", str(copies)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    (site / "site.toml").write_text(broadsheet_config(), encoding="utf-8")
    make_child_theme(site)
    print("  importing the seeds into content/ with `build.py import`", flush=True)
    command = [*tools.broadsheet_cli(site), "import"]
    started = time.perf_counter()
    with open(site / "import.log", "wb") as log:
        subprocess.run(command, cwd=site, check=True, stdout=log, stderr=subprocess.STDOUT)
    return round(time.perf_counter() - started, 2)


def broadsheet_config() -> str:
    return (
        f'title = "{SITE.title}"\ndescription = "{SITE.description}"\n'
        f'base_url = "{SITE.base_url}"\nper_page = {SITE.per_page}\n'
        f'feed_entries = {SITE.feed_entries}\ntheme = "bench"\n'
    )


def make_child_theme(site: Path) -> None:
    """themes/bench extends the default theme with its own copy of article.html, which the
    template edit changes, so the benchmark never touches the repository's theme."""
    theme = site / "themes" / "bench"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "bench"\nextends = "default"\n', encoding="utf-8")
    shutil.copyfile(
        tools.PROJECT / "themes" / "default" / "templates" / "article.html", theme / "templates" / "article.html"
    )


def style_css() -> Path:
    return tools.PROJECT / "themes" / "default" / "static" / "style.css"
