"""The command line as a user runs it: ``python -m dashboard …`` in a subprocess,
and what a user mistake must look like (exit 2, one line, no traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"


def dashboard(
    *args: str, database: Path | None = None, timeout: int = 120, stdin_text: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m dashboard [--database sqlite:///DB] ARGS…` from the repository root,
    with ``stdin_text`` on standard input (none by default)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "dashboard"]
    if database is not None:
        command += ["--database", f"sqlite:///{database}"]
    return subprocess.run(
        [*command, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **({"input": stdin_text} if stdin_text is not None else {"stdin": subprocess.DEVNULL}),
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    """Exit code 2, a single 'error: …' line on stderr containing the fragments, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]
