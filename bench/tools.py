"""The tools under test: how each one builds, what a cold build removes, and where the edits go."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from peers import EDIT_MARKER

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Tool:
    key: str
    label: str
    command: list[str]
    cwd: Path
    output: Path
    caches: list[Path]  # removed with the output before a cold build
    article: Path  # the content file that the article edit appends a sentence to
    template: Path  # the article template that the template edit adds a comment to
    template_syntax: str  # "jinja" or "go"
    env: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def clean(self, trash: Path) -> None:
        """Move the output and caches aside rather than delete them: on ext4, files created just after
        tens of thousands were deleted take far longer to allocate (the kernel's `recently_deleted`
        inode check), which would add seconds of system time to the cold build that follows."""
        trash.mkdir(parents=True, exist_ok=True)
        for path in (self.output, *self.caches):
            if path.exists():
                path.rename(trash / f"{self.key}-{len(list(trash.iterdir()))}-{path.name}")

    def edit_article(self, n: int) -> None:
        with open(self.article, "a", encoding="utf-8") as handle:
            handle.write(f"\nBenchmark edit {n}: one more sentence at the end of the body.\n")

    def edit_template(self, n: int) -> None:
        text = self.template.read_text(encoding="utf-8")
        self.template.write_text(add_template_comment(text, n, self.template_syntax), encoding="utf-8")


def add_template_comment(text: str, n: int, syntax: str) -> str:
    """An HTML comment at the end of the article's main block, so every article page changes."""
    if syntax == "go":  # html/template drops literal HTML comments, so print one
        snippet = f'{{{{ "<!-- benchmark edit {n} -->" | safeHTML }}}}\n'
    else:
        snippet = f"<!-- benchmark edit {n} -->\n"
    marker_line = next((line for line in text.splitlines(keepends=True) if EDIT_MARKER in line), None)
    if marker_line:
        return text.replace(marker_line, snippet + marker_line, 1)
    head, sep, tail = text.rpartition("{% endblock %}")  # Broadsheet's own article.html
    if not sep:
        raise ValueError("no place for a template edit: no marker and no {% endblock %}")
    return head + snippet + sep + tail


def broadsheet_code_fingerprint() -> str:
    """A hash of Broadsheet's code and bundled themes, to notice the repository changing mid-measurement."""
    digest = hashlib.sha256()
    files = [PROJECT / "build.py", *(PROJECT / "generator").rglob("*.py"), *(PROJECT / "themes").rglob("*")]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.relative_to(PROJECT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def broadsheet_cli(site: Path) -> list[str]:
    """build.py run by the project's venv, with the site's settings."""
    python = PROJECT / ".venv" / "bin" / "python"
    return [
        str(python if python.exists() else sys.executable),
        str(PROJECT / "build.py"),
        "--config",
        str(site / "site.toml"),
        "--quiet",
    ]


def broadsheet(site: Path, article: Path, jobs: int) -> Tool:
    return Tool(
        key="broadsheet",
        label="Broadsheet",
        command=[*broadsheet_cli(site), "build", "--jobs", str(jobs)],  # as a user runs it: seeds/ there, imported
        cwd=site,
        output=site / "public",
        caches=[site / ".cache"],
        article=article,
        template=site / "themes" / "bench" / "templates" / "article.html",
        template_syntax="jinja",
        notes=[
            f"timed as a user runs it: `build.py build`, with the seeds folder present, so every build imports "
            f"first (unchanged seeds cost a stat); --jobs {jobs}; persistent cache in .cache/, the import "
            f"manifest included (removed for cold builds)"
        ],
    )


def hugo(site: Path, article: Path, binary: Path) -> Tool:
    return Tool(
        key="hugo",
        label="Hugo",
        command=[str(binary), "--quiet", "-s", str(site), "-d", str(site / "public")],
        cwd=site,
        output=site / "public",
        caches=[site / "resources", site / ".hugo_cache"],
        article=article,
        template=site / "layouts" / "page.html",
        template_syntax="go",
        env={"HUGO_CACHEDIR": str(site / ".hugo_cache")},
        notes=["no persistent build cache: every build, rebuilds included, is a full build"],
    )


def pelican(site: Path, article: Path, pelican_bin: Path, cached: bool) -> Tool:
    return Tool(
        key="pelican-cache" if cached else "pelican",
        label="Pelican (content cache)" if cached else "Pelican",
        command=[str(pelican_bin), "content", "-o", str(site / "public"), "-s", "pelicanconf.py", "-q"],
        cwd=site,
        output=site / "public",
        caches=[site / "cache"],
        article=article,
        template=site / "theme" / "templates" / "article.html",
        template_syntax="jinja",
        notes=[
            "CACHE_CONTENT and LOAD_CONTENT_CACHE on: re-reads only changed files, renders every page"
            if cached
            else "no content cache: every build re-reads and re-renders everything"
        ],
    )
