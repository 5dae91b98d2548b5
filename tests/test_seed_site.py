"""Issue 2's acceptance, end to end through the CLI: the real seed, imported and built, as a reader sees it."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import REPO, run_cli


def test_the_seed_article_page_shows_what_the_seed_says(tmp_path: Path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "site.toml").write_text('title = "Archive"\nbase_url = "https://example.org/news/"\n')
    status, stdout, stderr = run_cli("build", cwd=tmp_path)
    assert status == 0, stderr
    page = tmp_path / "public/2014/03/05/russia-rebuffs-west-on-crimea-ahead-of-paris-talks/index.html"
    html = page.read_text(encoding="utf-8")
    assert "<h1>Russia Rebuffs West on Crimea Ahead of Paris Talks</h1>" in html
    assert '<time datetime="2014-03-05"' in html and "5 March 2014" in html
    assert (
        'href="/news/sources/the-moscow-times/" data-pagefind-filter="source" data-pagefind-meta="source">The Moscow Times</a>'
        in html
    )
    assert "Demonstrators holding up placards and shouting during an anti-war rally" in html
    assert "<h2>Sanctions</h2>" in html
    assert (
        "<p>U.S. President Barack Obama acknowledged that Russia had legitimate interests in Ukraine "
        "but said that did not give Putin the right to intervene militarily.</p>"
    ) in html
    assert (
        'href="https://www.themoscowtimes.com/2014/03/05/russia-rebuffs-west-on-crimea-ahead-of-paris-talks-a32725"'
    ) in html
    assert stdout.startswith("Built ") and " written, 0 unchanged, 0 removed in " in stdout


def test_the_committed_content_is_what_the_importer_makes(tmp_path: Path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    status, _, stderr = run_cli("import", cwd=tmp_path)
    assert status == 0, stderr
    made = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "content").rglob("*.md"))
    committed = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "content").rglob("*.md"))
    assert made == committed
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (REPO / rel).read_bytes()
