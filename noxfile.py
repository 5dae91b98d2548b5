"""Everyday checks, run in the project's own .venv (set up by `python3 build.py test`).

nox -s lint types tests      # what CI runs
nox -s golden                # regenerate tests/golden after an intended output change
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "none"  # build.py keeps the pinned .venv; nox only runs commands
nox.options.sessions = ["lint", "types", "tests"]
VENV_BIN = ".venv/bin/"


@nox.session
def lint(session: nox.Session) -> None:
    session.run(VENV_BIN + "ruff", "check", ".", external=True)
    session.run(VENV_BIN + "ruff", "format", "--check", ".", external=True)


@nox.session
def types(session: nox.Session) -> None:
    session.run(VENV_BIN + "mypy", external=True)


@nox.session
def tests(session: nox.Session) -> None:
    session.run("python3", "build.py", "test", "-q", *session.posargs, external=True)


@nox.session
def golden(session: nox.Session) -> None:
    session.run("python3", "build.py", "test", "-q", "tests/test_golden_site.py", "--update-golden", external=True)
