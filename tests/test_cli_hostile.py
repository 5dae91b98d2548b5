"""User mistakes on the command line: a clear message and exit 2, never a traceback."""

from __future__ import annotations

import pytest
from helpers import run_cli


@pytest.mark.parametrize(
    "args, message",
    [
        (["--config", "seeds", "build"], "seeds: error: cannot read the settings file: Is a directory"),
        (["new", "   "], "argument title: the title must not be empty"),
        (["build", "--jobs", "-3"], "argument --jobs: must be a whole number of 1 or more, not '-3'"),
        (["build", "--jobs", "0"], "argument --jobs: must be a whole number of 1 or more, not '0'"),
    ],
)
def test_mistakes_exit_2_with_a_message(tmp_path, args, message):
    (tmp_path / "seeds").mkdir()
    status, stdout, stderr = run_cli(*args, cwd=tmp_path)
    assert (status, stdout) == (2, "")
    assert message in stderr and "Traceback" not in stderr
    assert not (tmp_path / "content").exists()
