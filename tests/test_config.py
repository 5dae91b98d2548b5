"""site.toml -> SiteConfig: unknown keys, wrong types, invalid TOML, value checks and CLI overrides."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from helpers import run_cli

from generator.config import FILE_KEYS, SiteConfig, load_config
from generator.diagnostics import ConfigError

ALLOWED = ", ".join(FILE_KEYS)


def config_error(tmp_path: Path, text: str, overrides: dict | None = None) -> str:
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path, overrides)
    diagnostic = caught.value.diagnostic
    assert diagnostic.severity == "error"
    assert str(caught.value) == str(diagnostic)
    return str(diagnostic).replace(str(path), "site.toml", 1)


def test_file_keys_are_the_settings_of_the_issue_and_not_the_runtime_fields():
    assert {"title", "base_url", "language", "timezone", "permalink", "per_page", "theme"} <= set(FILE_KEYS)
    assert not {"root", "jobs"} & set(FILE_KEYS)


def test_missing_file_means_all_defaults(tmp_path):
    config = load_config(tmp_path / "site.toml")
    assert config == SiteConfig(root=tmp_path, config_file=str(tmp_path / "site.toml"))
    assert (config.base_path, config.output_path, config.content_path) == (
        "/",
        tmp_path / "public",
        tmp_path / "content",
    )


def test_config_is_frozen(tmp_path):
    config = load_config(tmp_path / "site.toml")
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.title = "Changed"  # type: ignore[misc]


def test_values_are_read(tmp_path):
    (tmp_path / "site.toml").write_text(
        'title = "Courier"\nbase_url = "https://example.org/news/"\nlanguage = "en-GB"\ntimezone = "Europe/London"\n'
        'permalink = "/{year}/{slug}/"\nper_page = 5\ntheme = "plain"\noutlets = ["BBC News"]\ndrafts = true\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "site.toml")
    assert (
        config.title,
        config.base_url,
        config.language,
        config.timezone,
        config.permalink,
        config.per_page,
        config.theme,
        config.outlets,
        config.drafts,
    ) == (
        "Courier",
        "https://example.org/news/",
        "en-GB",
        "Europe/London",
        "/{year}/{slug}/",
        5,
        "plain",
        ("BBC News",),
        True,
    )
    assert config.root == tmp_path


@pytest.mark.parametrize(
    "text, expected",
    [
        ('title = "X"\ncolour = "red"\n', f"site.toml:2: error: unknown key 'colour'; allowed keys: {ALLOWED}"),
        ('Title = "X"\n', f"site.toml:1: error: unknown key 'Title'; allowed keys: {ALLOWED}"),
        ("zebra = 1\nalpha = 2\n", f"site.toml:2: error: unknown key 'alpha'; allowed keys: {ALLOWED}"),
        pytest.param(
            'title = "X"\n[site]\nname = "Y"\n',
            f"site.toml:2: error: unknown key 'site'; allowed keys: {ALLOWED}",
            id="table",
        ),
        pytest.param(
            'root = "/somewhere/else"\n', f"site.toml:1: error: unknown key 'root'; allowed keys: {ALLOWED}", id="root"
        ),
        pytest.param("jobs = 4\n", f"site.toml:1: error: unknown key 'jobs'; allowed keys: {ALLOWED}", id="jobs"),
    ],
)
def test_unknown_key_lists_the_allowed_keys(tmp_path, text, expected):
    assert config_error(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('title = "X"\nper_page = "ten"\n', "site.toml:2: error: per_page must be an integer, not str 'ten'"),
        ("per_page = true\n", "site.toml:1: error: per_page must be an integer, not bool True"),
        ("per_page = 2.5\n", "site.toml:1: error: per_page must be an integer, not float 2.5"),
        pytest.param(
            'title = "X"\n\nper_page = "ten"\n',
            "site.toml:3: error: per_page must be an integer, not str 'ten'",
            id="blank-line-before",
        ),
        pytest.param(
            "\n\ntitle = 5\n", "site.toml:3: error: title must be a string, not int 5", id="blank-lines-first"
        ),
        ('drafts = "yes"\n', "site.toml:1: error: drafts must be true or false, not str 'yes'"),
        ('outlets = "BBC"\n', "site.toml:1: error: outlets must be a list of strings, not str 'BBC'"),
        ('outlets = ["BBC", 3]\n', "site.toml:1: error: outlets must be a list of strings, not list ['BBC', 3]"),
        ('title = "X"\n  base_url = 80\n', "site.toml:2: error: base_url must be a string, not int 80"),
    ],
)
def test_wrong_type_names_the_line(tmp_path, text, expected):
    assert config_error(tmp_path, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ('title = "X"\nbase_url = \n', "site.toml:2: error: invalid TOML: Invalid value (at line 2, column 12)"),
        (
            'title = "X"\n\n[section\n',
            "site.toml:3: error: invalid TOML: Expected ']' at the end of a table declaration (at line 3, column 9)",
        ),
        (
            'title = "X"\ntitle = "Y"\n',
            "site.toml:2: error: invalid TOML: Cannot overwrite a value (at line 2, column 12)",
        ),
    ],
)
def test_invalid_toml_names_the_line(tmp_path, text, expected):
    assert config_error(tmp_path, text) == expected


@pytest.mark.parametrize(
    "base_url, base_path, absolute",
    [
        ("http://127.0.0.1:8000/", "/", "http://127.0.0.1:8000/2014/"),
        ("https://example.org/news/", "/news/", "https://example.org/news/2014/"),
        ("https://example.org/news", "/news/", "https://example.org/news/2014/"),
        ("https://example.org", "/", "https://example.org/2014/"),
        ("https://example.org/a/b/", "/a/b/", "https://example.org/a/b/2014/"),
    ],
)
def test_base_url_gives_the_base_path(tmp_path, base_url, base_path, absolute):
    config = load_config(tmp_path / "site.toml", {"base_url": base_url})
    assert config.base_path == base_path
    assert config.absolute_url(base_path + "2014/") == absolute


@pytest.mark.parametrize("base_url", ["/news/", "example.org", "ftp://example.org/", "https://", "news"])
def test_base_url_must_be_absolute_http(tmp_path, base_url):
    message = config_error(tmp_path, f'title = "X"\nbase_url = "{base_url}"\n')
    assert message == f"site.toml:2: error: base_url must be an absolute http(s) URL, not {base_url!r}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("per_page = 0\n", "site.toml:1: error: per_page must be at least 1, not 0"),
        ("max_tags = 51\n", "site.toml:1: error: max_tags must be between 1 and 50, not 51"),
        ("sitemap_limit = 0\n", "site.toml:1: error: sitemap_limit must be between 1 and 50000, not 0"),
        ("sitemap_limit = 50001\n", "site.toml:1: error: sitemap_limit must be between 1 and 50000, not 50001"),
        ("news_window_days = -1\n", "site.toml:1: error: news_window_days must be 0 or more, not -1"),
        (
            'news_window_days = "2"\n',
            "site.toml:1: error: news_window_days must be an integer, not str '2'",
        ),
        (
            'timezone = "Mars/Olympus"\n',
            "site.toml:1: error: unknown timezone 'Mars/Olympus' (use an IANA name such as Europe/London)",
        ),
        (
            'permalink = "/{year}/{title}/"\n',
            "site.toml:1: error: permalink must start with / and use {slug} and only "
            "day, month, section, slug, year, not '/{year}/{title}/'",
        ),
        (
            'permalink = "/{year}/"\n',
            "site.toml:1: error: permalink must start with / and use {slug} and only "
            "day, month, section, slug, year, not '/{year}/'",
        ),
        (
            'permalink = "{slug}/"\n',
            "site.toml:1: error: permalink must start with / and use {slug} and only "
            "day, month, section, slug, year, not '{slug}/'",
        ),
        (
            'build_time = "yesterday"\n',
            "site.toml:1: error: build_time must be an ISO date-time or Unix seconds, not 'yesterday'",
        ),
    ],
)
def test_value_checks(tmp_path, text, expected):
    assert config_error(tmp_path, text) == expected


def test_overrides_win_over_the_file_and_none_means_not_given(tmp_path):
    (tmp_path / "site.toml").write_text('base_url = "https://a.example/"\noutput_dir = "site"\n', encoding="utf-8")
    config = load_config(
        tmp_path / "site.toml",
        {"base_url": "https://b.example/news/", "output_dir": None, "drafts": True, "strict": None, "jobs": 3},
    )
    assert (config.base_url, config.output_dir, config.drafts, config.strict, config.jobs) == (
        "https://b.example/news/",
        "site",
        True,
        False,
        3,
    )


def test_overrides_are_validated_too(tmp_path):
    assert (
        config_error(tmp_path, "", {"base_url": "example.org"})
        == "site.toml: error: base_url must be an absolute http(s) URL, not 'example.org'"
    )


def test_source_date_epoch_is_the_build_time_unless_the_file_sets_one(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1391212800")
    assert load_config(tmp_path / "site.toml").build_time == "1391212800"
    (tmp_path / "site.toml").write_text('build_time = "2014-02-01T00:00:00+00:00"\n', encoding="utf-8")
    assert load_config(tmp_path / "site.toml").build_time == "2014-02-01T00:00:00+00:00"


# --- through the command line ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ('title = "X"\ncolour = "red"\n', f"site.toml:2: error: unknown key 'colour'; allowed keys: {ALLOWED}"),
        ('title = "X"\nper_page = "ten"\n', "site.toml:2: error: per_page must be an integer, not str 'ten'"),
        ('title = "X\n', "site.toml:1: error: invalid TOML: Illegal character '\\n' (at line 1, column 11)"),
    ],
)
def test_config_errors_exit_2(tmp_path, text, message):
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    status, stdout, stderr = run_cli(cwd=tmp_path)
    assert (status, stdout) == (2, "")
    assert stderr.splitlines()[-1].endswith(message)  # the path may be printed in full
    assert not (tmp_path / "public").exists()


def test_config_error_names_the_file_as_given(tmp_path):
    (tmp_path / "site.toml").write_text('title = "X"\nper_page = "ten"\n', encoding="utf-8")
    status, _, stderr = run_cli(cwd=tmp_path)
    assert (status, stderr) == (2, "site.toml:2: error: per_page must be an integer, not str 'ten'\n")


def test_bad_base_url_option_exits_2(tmp_path):
    status, _, stderr = run_cli("build", "--base-url", "example.org/news", cwd=tmp_path)
    assert status == 2
    assert stderr.splitlines()[-1].endswith(
        "site.toml: error: base_url must be an absolute http(s) URL, not 'example.org/news'"
    )


def test_output_and_base_url_options(fixture_site):
    status, _, stderr = run_cli(
        "build", "--output", "elsewhere", "--base-url", "https://example.org/news/", cwd=fixture_site
    )
    assert status == 0, stderr
    assert not (fixture_site / "public").exists()
    front = (fixture_site / "elsewhere" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/news/">' in front
    assert '<a class="brand" href="/news/">' in front


def test_drafts_option_includes_drafts(fixture_site):
    draft = fixture_site / "public" / "2014/01/28/draft-budget-leaked-before-vote/index.html"
    assert run_cli("build", cwd=fixture_site)[0] == 0
    assert not draft.exists()
    assert run_cli("build", "--drafts", cwd=fixture_site)[0] == 0
    assert draft.is_file()


def test_config_option_points_at_another_site(fixture_site, tmp_path):
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    status, stdout, _ = run_cli("--config", fixture_site / "site.toml", "build", cwd=elsewhere)
    assert status == 0
    assert stdout.startswith("Built 67 files from 7 articles: 67 written")
    assert (fixture_site / "public" / "index.html").is_file()
    assert list(elsewhere.iterdir()) == []
