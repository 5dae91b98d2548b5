"""The tool apart from the repository: the wheel holds every package and the bundled themes, and once
installed in a fresh virtualenv its `broadsheet` command makes, builds and serves a site far from
any checkout, with the theme it carries.

The `wheel` tests build the wheel once (pip wheel, in an isolated build environment, from a copy
of the sources that is deleted before anything is installed), make a virtualenv and install the
pinned dependencies and the wheel into it: about 20 s with pip's cache warm.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest
from helpers import REPO

BIN = "Scripts" if os.name == "nt" else "bin"
ARTICLE = Path("public/2014/03/05/harbour-lights-return/index.html")
SOURCES = ("generator", "themes", "pyproject.toml", "README.md")
WHERE = "import generator.config as c; print(c.__file__); print(c.BUNDLED_THEMES)"


def run(*args: str | os.PathLike, cwd: Path, env: dict[str, str] | None = None, timeout: float = 240) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def theme_files() -> list[str]:
    """The files of the repository's themes/, as the wheel must hold them."""
    found = (p for p in (REPO / "themes").rglob("*") if p.is_file())
    return sorted("generator/_themes/" + p.relative_to(REPO / "themes").as_posix() for p in found)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the sources; the copy is gone by the time a test gets it."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(REPO / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, source, cwd=dist)
    shutil.rmtree(source)
    (built,) = dist.glob("broadsheet-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the pinned dependencies and the wheel: its bin/ folder."""
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv, cwd=venv)
    python = venv / BIN / "python"
    run(python, "-m", "pip", "install", "-q", "-r", REPO / "requirements.lock", wheel, cwd=venv, timeout=400)
    run(python, "-m", "pip", "check", cwd=venv)
    return venv / BIN


def tool_env(bin_dir: Path) -> dict[str, str]:
    """The environment of a user who installed the tool: its bin/ first on PATH, nothing of ours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "BROADSHEET"))}
    env.pop("SOURCE_DATE_EPOCH", None)
    return {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}


def test_pyproject_lists_every_package_of_generator():
    """A subpackage left out of [tool.setuptools] packages is silently left out of the wheel."""
    listed = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "generator").rglob("__init__.py")}
    assert set(listed) == found | {"generator._themes"}


@pytest.mark.wheel
def test_the_wheel_holds_every_module_and_the_bundled_themes(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    modules = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "generator").rglob("*.py"))
    assert [m for m in modules if m not in names] == []
    assert sorted(n for n in names if n.startswith("generator/_themes/")) == theme_files()
    assert "generator/_themes/default/templates/base.html" in names
    assert not [n for n in names if n.startswith(("themes/", "tests/", "content/", "seeds/"))]


@pytest.mark.wheel
def test_the_installed_command_makes_and_builds_a_site_with_the_theme_it_carries(installed, tmp_path):
    env = tool_env(installed)
    broadsheet = installed / "broadsheet"
    run(broadsheet, "init", "harbour-news", cwd=tmp_path, env=env)
    new = ("new", "Harbour Lights Return", "--date", "2014-03-05")
    run(broadsheet, "--config", "harbour-news/site.toml", *new, cwd=tmp_path, env=env)
    site = tmp_path / "harbour-news"
    (draft,) = (site / "content").rglob("*.md")
    draft.write_text(draft.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    assert run(broadsheet, "build", cwd=site, env=env).startswith("Built ")
    assert "Harbour Lights Return" in (site / ARTICLE).read_text(encoding="utf-8")
    assert "Harbour News" in (site / "public" / "index.html").read_text(encoding="utf-8")
    style = REPO / "themes" / "default" / "static" / "style.css"
    assert (site / "public" / "static" / "style.css").read_bytes() == style.read_bytes()
    assert sorted(p.name for p in (site / "themes").iterdir()) == ["README.txt"]  # no themes/default: bundled
    where = run(installed / "python", "-c", WHERE, cwd=tmp_path, env=env).split()
    venv = installed.parent.resolve()
    assert [Path(p).resolve().is_relative_to(venv) for p in where] == [True, True], where
    assert Path(where[1]).name == "_themes"
    assert str(Path(where[1]) / "default" / "templates") in (site / "themes" / "README.txt").read_text()
    run(broadsheet, "--config", site / "site.toml", "build", "--output", tmp_path / "elsewhere", cwd=tmp_path, env=env)
    assert (tmp_path / "elsewhere" / ARTICLE.relative_to("public")).is_file()
    assert run(broadsheet, "--help", cwd=tmp_path, env=env).startswith("usage: broadsheet ")


@pytest.mark.wheel
def test_the_installed_command_serves_the_new_site(installed, tmp_path):
    env = tool_env(installed)
    run(installed / "broadsheet", "-q", "init", "site", cwd=tmp_path, env=env)
    server = subprocess.Popen(
        [str(installed / "broadsheet"), "serve", "--port", "0"],
        cwd=tmp_path / "site",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = _served_url(server)
        with urllib.request.urlopen(url, timeout=10) as response:
            assert "Site" in response.read().decode("utf-8")
        with urllib.request.urlopen(url + "static/style.css", timeout=10) as response:
            assert response.read() == (REPO / "themes" / "default" / "static" / "style.css").read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=30)


def _served_url(server: subprocess.Popen) -> str:
    """The URL from the server's `Serving http://…/ (press Ctrl+C to stop)` line on stderr."""
    assert server.stderr is not None
    seen: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([server.stderr], [], [], deadline - time.monotonic())
        line = server.stderr.readline() if ready else ""
        if line.startswith("Serving "):
            return line.split()[1]
        if not line and server.poll() is not None:
            break
        seen.append(line)
    raise AssertionError("the server never said where it serves:\n" + "".join(seen))
