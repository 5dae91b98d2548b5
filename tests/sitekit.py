"""A small hand-made site for the trust tests: articles, a local child theme, edits to apply."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from helpers import REPO
from search_helpers import search_view, without_search

from generator.config import load_config
from generator.pipeline import build

WORDS = ("harbour", "council", "budget", "river", "election", "market", "storm", "museum", "league", "bridge")
TAGS = ("Europe", "Economy", "Sport", "Weather", "London", "Paris")


def make_site(root: Path, count: int = 6, extra_settings: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(
        f'title = "Test"\nper_page = 2\ntheme = "local"\nbuild_time = "2020-01-01T00:00:00"\n{extra_settings}'
    )
    theme = root / "themes" / "local"
    (theme / "templates").mkdir(parents=True, exist_ok=True)
    (theme / "theme.toml").write_text('extends = "default"\n')
    shutil.copy(REPO / "themes" / "default" / "templates" / "article.html", theme / "templates" / "article.html")
    for n in range(count):
        write_article(
            root,
            n,
            f"Story {n}",
            1 + n % 5,
            [TAGS[n % 3], TAGS[3 + n % 3]],
            f"Body {n} about the {WORDS[n % len(WORDS)]}.",
        )
    return root


def write_article(root: Path, n: int, title: str, day: int, tags: list[str], body: str) -> Path:
    path = root / "content" / "2014" / "03" / f"story-{n}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\ndate: 2014-03-{day:02d}\nslug: story-{n}\nsource: The Daily Test\n"
        f"authors: [Ann Writer]\ntags: [{', '.join(tags)}]\nsummary: Summary of story {n}.\n---\n{body}\n"
    )
    return path


def show_extra_fields(root: Path) -> None:
    """Make the local theme's article page show the extra (unknown) front-matter fields, so that a stale
    page after an edit of one of them is seen."""
    template = root / "themes" / "local" / "templates" / "article.html"
    shown = '  {% for key, value in page.extra.items() %}<p class="extra" data-key="{{ key }}">{{ value }}</p>{% endfor %}\n'
    template.write_text(template.read_text().replace("  <footer>\n", shown + "  <footer>\n", 1))


def set_front_matter(path: Path, key: str, value: str | None) -> None:
    """Set `key: value` in a content file's front matter (a new key goes last, so no other key moves),
    or remove the key when value is None."""
    text = path.read_text()
    end = text.index("\n---\n", 3) + 1
    lines = [line for line in text[:end].splitlines(keepends=True) if not line.startswith(f"{key}:")]
    if value is not None:
        found = [i for i, line in enumerate(text[:end].splitlines()) if line.startswith(f"{key}:")]
        lines.insert(found[0] if found else len(lines), f"{key}: {value}\n")
    path.write_text("".join(lines) + text[end:])


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def clean_build(root: Path) -> dict[str, bytes]:
    """The site's output built from scratch into a separate folder, with a separate cache."""
    config = load_config(root / "site.toml", {"jobs": 1})
    fresh = replace(config, output_dir="clean-public", cache_dir="clean-cache")
    shutil.rmtree(fresh.output_path, ignore_errors=True)
    shutil.rmtree(fresh.cache_path, ignore_errors=True)
    report = build(fresh, with_import=False)
    assert report.ok, [str(d) for d in report.diagnostics]
    return comparable(fresh.output_path)


def comparable(public: Path) -> dict[str, object]:
    """A built tree as two builds of the same sources must agree on it: every file byte for byte, but the
    search index, compared as `search_helpers.search_view` says (Pagefind orders filter values at random)."""
    return {**without_search(tree(public)), "pagefind/ (search_view)": search_view(public)}
