"""`init DIR`: the files of a new site, the folders it refuses, and that the new site builds (in-process)."""

from __future__ import annotations

import tomllib

import pytest
from helpers import REPO

from generator import cli
from generator.config import BUNDLED_THEMES, load_config
from generator.scaffold import site_title

REFUSED = "the folder exists and is not empty; init writes a new site only into a new or empty folder"
ARTICLE = "public/2014/03/05/harbour-lights-return/index.html"


def files_in(folder):
    return sorted(p.relative_to(folder).as_posix() + ("/" if p.is_dir() else "") for p in folder.rglob("*"))


def publish(site, title="Harbour Lights Return", date="2014-03-05"):
    """`new` writes a draft; take its `draft: true` out as a writer would."""
    assert cli.main(["-q", "--config", str(site / "site.toml"), "new", title, "--date", date]) == 0
    (article,) = (site / "content").rglob("*.md")
    article.write_text(article.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")


def test_init_writes_the_settings_and_the_folders(tmp_path, capsys):
    site = tmp_path / "harbour-news"
    assert cli.main(["init", str(site)]) == 0
    assert files_in(site) == [".gitignore", "content/", "seeds/", "site.toml", "themes/", "themes/README.txt"]
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"Wrote a new site in {site}/:"
    assert [line.split()[0] for line in out.splitlines()[1:]] == [
        "site.toml",
        "content/",
        "seeds/",
        "themes/",
        "themes/README.txt",
        ".gitignore",
    ]
    assert err.startswith(f"Next: python3 build.py --config {site}/site.toml new ")
    assert (site / ".gitignore").read_text().splitlines()[1:] == ["/public/", "/.cache/"]
    assert str(BUNDLED_THEMES / "default" / "templates") in (site / "themes" / "README.txt").read_text()


def test_the_settings_have_the_keys_of_the_repository_site_toml_and_the_title_of_the_folder(tmp_path):
    site = tmp_path / "harbour-news"
    assert cli.main(["-q", "init", str(site)]) == 0
    written = tomllib.loads((site / "site.toml").read_text(encoding="utf-8"))
    ours = tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))
    assert written == {**ours, "title": "Harbour News"}
    assert (site / "site.toml").read_text().count("\n# ") >= len(ours)  # every key has a comment
    assert load_config(site / "site.toml").title == "Harbour News"


def test_a_title_is_written_as_valid_toml_whatever_it_holds(tmp_path):
    title = 'The "Courier" \\ Eastport — 1908'
    assert cli.main(["-q", "init", str(tmp_path / "s"), "--title", title]) == 0
    assert load_config(tmp_path / "s" / "site.toml").title == title


@pytest.mark.parametrize(
    "name, title", [("harbour-news", "Harbour News"), ("the_daily.post", "The Daily Post"), ("iNews", "INews")]
)
def test_the_title_comes_from_the_folder_name(tmp_path, name, title):
    assert site_title(tmp_path / name) == title


def test_init_refuses_a_folder_that_is_not_empty_and_touches_nothing(tmp_path, capsys):
    site = tmp_path / "mine"
    site.mkdir()
    (site / "notes.txt").write_text("keep me")
    assert cli.main(["init", str(site)]) == 2
    assert capsys.readouterr() == ("", f"{site}: error: {REFUSED}\n")
    assert files_in(site) == ["notes.txt"] and (site / "notes.txt").read_text() == "keep me"


def test_init_refuses_a_folder_with_only_a_hidden_file(tmp_path, capsys):
    (tmp_path / ".git").mkdir()
    assert cli.main(["init", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: error: {REFUSED}\n"


def test_init_refuses_a_file(tmp_path, capsys):
    (tmp_path / "site").write_text("")
    assert cli.main(["init", str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == (
        f"{tmp_path / 'site'}: error: exists and is not a folder; init writes a new site into a new or empty folder\n"
    )


def test_init_fills_an_empty_folder_and_needs_no_site_toml_where_it_runs(tmp_path, monkeypatch, capsys):
    (tmp_path / "site.toml").write_text("not toml at all = = =\n")  # it must not be read
    (tmp_path / "empty-folder").mkdir()
    monkeypatch.chdir(tmp_path / "empty-folder")
    assert cli.main(["init", "."]) == 0
    assert load_config(tmp_path / "empty-folder" / "site.toml").title == "Empty Folder"
    assert "error" not in capsys.readouterr().err


def test_init_makes_missing_parent_folders(tmp_path):
    assert cli.main(["-q", "init", str(tmp_path / "a" / "b" / "news")]) == 0
    assert (tmp_path / "a" / "b" / "news" / "site.toml").is_file()


def test_the_new_site_builds_from_inside_it_with_the_bundled_theme(tmp_path, monkeypatch, capsys):
    site = tmp_path / "harbour-news"
    assert cli.main(["-q", "init", str(site)]) == 0
    publish(site)
    monkeypatch.chdir(site)
    assert cli.main(["-q", "build"]) == 0
    assert "Harbour Lights Return" in (site / ARTICLE).read_text(encoding="utf-8")
    assert "Harbour News" in (site / "public" / "index.html").read_text(encoding="utf-8")
    style = REPO / "themes" / "default" / "static" / "style.css"
    assert (site / "public" / "static" / "style.css").read_bytes() == style.read_bytes()
    assert files_in(site / "themes") == ["README.txt"]
    assert "error" not in capsys.readouterr().err


def test_the_new_site_builds_from_anywhere_with_config(tmp_path, monkeypatch):
    site = tmp_path / "harbour-news"
    assert cli.main(["-q", "init", str(site)]) == 0
    publish(site)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert cli.main(["-q", "--config", str(site / "site.toml"), "build"]) == 0
    assert (site / ARTICLE).is_file()
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_template_or_static_file_copied_into_the_new_site_themes_overrides_the_bundled_one(tmp_path):
    site = tmp_path / "harbour-news"
    assert cli.main(["-q", "init", str(site)]) == 0
    publish(site)
    override = site / "themes" / "default" / "templates" / "article.html"
    override.parent.mkdir(parents=True)
    bundled = (REPO / "themes" / "default" / "templates" / "article.html").read_text(encoding="utf-8")
    override.write_text(bundled.replace("{% block main %}", "{% block main %}<p>OVERRIDDEN</p>", 1))
    assert "{% block main %}" in bundled
    (site / "themes" / "default" / "static").mkdir()
    (site / "themes" / "default" / "static" / "style.css").write_text("body { color: red }\n")
    assert cli.main(["-q", "--config", str(site / "site.toml"), "build"]) == 0
    assert "<p>OVERRIDDEN</p>" in (site / ARTICLE).read_text(encoding="utf-8")
    assert (site / "public" / "static" / "style.css").read_text() == "body { color: red }\n"
    assert "OVERRIDDEN" not in (site / "public" / "index.html").read_text(encoding="utf-8")
