"""Shared test infrastructure: the --update-golden option, fixture sites copied into tmp_path,
the BBC seeds made once per session, and a runner for `build.py` in a subprocess.

Everything a test writes goes under tmp_path; nothing is written inside the repository
(except tests/golden/ when --update-golden is given on purpose).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import helpers
import pytest
from helpers import FIXTURES

# The shared folder sits beside the repository: /work/shared locally, ../shared in CI.
SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS_SCRIPT = SHARED / "corpus" / "make_seeds.py"
BBC_SEED_COUNT = 2095


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current output instead of comparing against it",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def _write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root, making folders; returns root."""
    root = Path(root)
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8", newline="\n")
    return root


@pytest.fixture
def write_tree() -> Callable[[Path, dict[str, str | bytes]], Path]:
    return _write_tree


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/site, at tmp_path/site."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "site", site)
    return site


@pytest.fixture
def build_site() -> Callable[..., object]:
    """build_site(root, **overrides) -> BuildReport: an in-process build of root/site.toml, in one process
    unless `jobs` is given."""
    from generator.config import load_config
    from generator.pipeline import build

    def run(root: Path, **overrides):
        return build(load_config(Path(root) / "site.toml", {"jobs": 1, **overrides}))

    return run


@pytest.fixture
def run_cli() -> Callable[..., tuple[int, str, str]]:
    """run_cli(*args, cwd=DIR) -> (exit status, stdout, stderr) of `python build.py ARGS…`."""
    return helpers.run_cli


@pytest.fixture(scope="session")
def bbc_seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2,095 BBC seeds, made once per session by ../shared/corpus/make_seeds.py."""
    if not CORPUS_SCRIPT.is_file():
        pytest.skip(
            f"the BBC corpus is not here: {CORPUS_SCRIPT} is missing (it lives in the shared folder "
            f"beside the repository)"
        )
    out = tmp_path_factory.mktemp("bbc-seeds")
    done = subprocess.run(
        [sys.executable, str(CORPUS_SCRIPT), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    count = sum(1 for _ in out.rglob("*.txt"))
    assert count == BBC_SEED_COUNT, done.stdout
    return out
