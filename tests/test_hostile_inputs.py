"""One test per hostile input, each asserting the exact outcome and message."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.importer.ingest import import_seeds


@pytest.fixture
def site(tmp_path: Path) -> SiteConfig:
    (tmp_path / "seeds").mkdir()
    return SiteConfig(root=tmp_path)


def run(site: SiteConfig, name: str, data: bytes):
    (site.seeds_path / name).write_bytes(data)
    report = import_seeds(site)
    [result] = report.results
    return result, [str(d) for d in report.diagnostics]


def content_files(site: SiteConfig) -> list[str]:
    return sorted(p.relative_to(site.content_path).as_posix() for p in site.content_path.rglob("*.md"))


def test_empty_file(site):
    result, notes = run(site, "empty.txt", b"")
    assert (result.status, result.reason) == ("rejected", "no title found (the file has no text)")
    assert notes == ["seeds/empty.txt: error: no title found (the file has no text)"]


def test_whitespace_only(site):
    result, notes = run(site, "blank.txt", b" \n\t\r\n   \n\n")
    assert (result.status, result.reason) == ("rejected", "no title found (the file has no text)")


def test_binary_file(site):
    rng = random.Random(3)
    noise = bytes(rng.randrange(256) for _ in range(4096))
    result, notes = run(site, "photo.jpg", noise)
    assert (result.status, result.reason) == ("rejected", "the file is binary (it is full of control bytes), not text")
    assert notes == ["seeds/photo.jpg: error: the file is binary (it is full of control bytes), not text"]


def test_nul_bytes(site):
    result, notes = run(site, "nul.txt", b"Title\x00 Here\n\nMarch 5, 2014\n\nSome\x00 body\x00 text.\n")
    assert result.status == "imported"
    assert notes == ["seeds/nul.txt: warning: removed 3 NUL bytes"]
    text = (site.root / result.content_path).read_text(encoding="utf-8")
    assert "title: Title Here\n" in text and "\x00" not in text and text.endswith("Some body text.\n")


def test_huge_file(site):
    result, notes = run(site, "huge.txt", b"Title\n\n" + b"x" * 2_000_000)
    assert result.status == "rejected"
    assert (
        result.reason == "the file is 2,000,007 bytes, over the limit of 2,000,000 bytes (max_seed_bytes in site.toml)"
    )
    assert content_files(site) == []


def test_single_very_long_line(site):
    result, notes = run(site, "oneline.txt", b"word " * 200_000)
    assert result.status == "rejected"
    assert notes == [
        "seeds/oneline.txt:1: error: the title is 999,999 characters long (at most 500); "
        "is the whole article on one line?"
    ]


def test_very_long_body_line_is_fine(site):
    result, notes = run(site, "longbody.txt", b"Title\n\nMarch 5, 2014\n\n" + b"word " * 200_000 + b"end.\n")
    assert result.status == "imported" and notes == []


def test_script_in_the_title_is_kept_as_text(site):
    """A seed is text: the tag is kept, word for word, and the page shows it escaped (never runs it)."""
    result, notes = run(site, "xss.txt", b"Breaking <script>alert('x')</script> News\n\nMarch 5, 2014\n\nBody text.\n")
    assert result.status == "imported" and notes == []
    text = (site.root / result.content_path).read_text(encoding="utf-8")
    assert "title: Breaking <script>alert('x')</script> News\n" in text


def test_path_traversal_in_the_title(site):
    result, notes = run(site, "dots.txt", b"../../etc/passwd\n\nMarch 5, 2014\n\nBody text.\n")
    assert result.status == "imported" and notes == []
    assert content_files(site) == ["2014/03/etc-passwd.md"]
    assert "title: ../../etc/passwd\n" in (site.content_path / "2014/03/etc-passwd.md").read_text(encoding="utf-8")


def test_title_of_400_characters(site):
    title = ("Very long headline " * 22)[:400].strip()
    result, notes = run(site, "long.txt", f"{title}\n\nMarch 5, 2014\n\nBody text.\n".encode())
    assert result.status == "imported"
    assert notes == [f"seeds/long.txt: warning: the title is {len(title)} characters long; its slug was cut to 80"]
    [path] = content_files(site)
    slug = Path(path).stem
    assert len(slug) <= 80 and slug.startswith("very-long-headline-very-long-headline")
    assert f"title: {title}\n" in (site.content_path / path).read_text(encoding="utf-8")


def test_two_articles_with_the_same_title_and_date(site):
    for name in ("a.txt", "b.txt"):
        (site.seeds_path / name).write_text(f"Same Title\n\nMarch 5, 2014\n\nBody of {name}.\n", encoding="utf-8")
    report = import_seeds(site)
    assert [r.status for r in report.results] == ["imported", "imported"]
    assert [r.content_path for r in report.results] == [
        "content/2014/03/same-title.md",
        "content/2014/03/same-title-2.md",
    ]
    assert "slug: same-title-2\n" in (site.content_path / "2014/03/same-title-2.md").read_text(encoding="utf-8")
    again = import_seeds(site)
    assert [r.status for r in again.results] == ["unchanged", "unchanged"]
