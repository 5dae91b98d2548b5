#!/usr/bin/env python3
"""Broadsheet: build a static news archive from seeds and Markdown.

    python3 build.py              set up .venv if needed, import seeds, build public/
    python3 build.py --help       every command
    python3 build.py test         set up .venv with the test tools, run the whole test suite

The first run creates a local virtualenv (.venv) with the pinned dependencies
from requirements.lock and re-runs itself inside it; later runs reuse it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _lock_files(with_tests: bool) -> list[Path]:
    return [ROOT / "requirements.lock"] + ([ROOT / "requirements-dev.lock"] if with_tests else [])


def _stamp(with_tests: bool) -> str:
    digest = hashlib.sha256()
    for path in _lock_files(with_tests):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _venv_is_ready(with_tests: bool) -> bool:
    stamp = VENV / "broadsheet-stamp"
    if not VENV_PYTHON.exists() or not stamp.exists():
        return False
    lines = stamp.read_text().split()
    return _stamp(with_tests) in lines or (not with_tests and _stamp(False) in lines)


def _ensure_venv(with_tests: bool) -> None:
    if _venv_is_ready(with_tests):
        return
    if sys.version_info < (3, 11):
        sys.exit("Broadsheet needs Python 3.11 or newer")
    print(f"Setting up {VENV.name}/ with pinned dependencies (first run only)…", file=sys.stderr, flush=True)
    if not VENV_PYTHON.exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    for lock in _lock_files(with_tests):
        subprocess.run(pip + ["-r", str(lock)], check=True)
    _link_project()
    (VENV / "broadsheet-stamp").write_text(f"{_stamp(with_tests)}\n{_stamp(False)}\n")


def _link_project() -> None:
    """Make `import generator` and the `broadsheet` command work inside .venv, without a build step."""
    purelib = subprocess.run(
        [str(VENV_PYTHON), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "broadsheet.pth").write_text(str(ROOT) + "\n")
    if os.name != "nt":
        script = VENV / "bin" / "broadsheet"
        script.write_text(f"#!{VENV_PYTHON}\nimport sys\nfrom generator.cli import main\nsys.exit(main())\n")
        script.chmod(0o755)


def _in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def main() -> int:
    args = sys.argv[1:]
    with_tests = args[:1] == ["test"]
    if not _in_venv() and not os.environ.get("BROADSHEET_NO_VENV"):
        _ensure_venv(with_tests)
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *args])
    if with_tests:
        if not _venv_is_ready(True) and not os.environ.get("BROADSHEET_NO_VENV"):
            _ensure_venv(True)
        return subprocess.call([sys.executable, "-m", "pytest", *args[1:]], cwd=ROOT)
    sys.path.insert(0, str(ROOT))
    from generator.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
