"""The README's PostgreSQL deployment, command by command, on the local server:
schema, communes, first administrator, roster and tests, then the page figures
from the rollups."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from dashboard.campaign import clock, participation, store
from dashboard.campaign.figures import headline
from dashboard.campaign.settings import load_settings
from dashboard.campaign.periods import month

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def server_url(engine):
    """A URL on the local server whose tables go to the schema of its own that the
    ``engine`` fixture made (and drops afterwards)."""
    with engine.connect() as conn:
        schema = conn.execute(text("show search_path")).scalar()
    return f"{engine.url.render_as_string(hide_password=False)}?options=-csearch_path%3D{schema}"


def _dashboard(url: str, tmp_path: Path, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_readme_commands_on_postgresql(server_url, tmp_path):
    _dashboard(server_url, tmp_path, "init")
    _dashboard(server_url, tmp_path, "users", "add", "admin.tinh", "--role", "admin", "--password-stdin",
               stdin="a long enough password\n")  # fmt: skip
    _dashboard(server_url, tmp_path, "import-roster", str(FIXTURES / "agencies.csv"), str(FIXTURES / "staff.csv"))
    _dashboard(server_url, tmp_path, "import-measurements", str(FIXTURES / "gaps_and_outside.csv"))
    status = _dashboard(server_url, tmp_path, "status")
    assert "postgresql" in status
    engine = store.make_engine(server_url)
    try:
        with engine.connect() as conn:
            assert store.current_version(conn) == store.SCHEMA_VERSION
            tests = conn.execute(text("select count(*) from measurement")).scalar()
            figures = headline(conn, month("2026-10"), load_settings(conn), clock.today())
            weeks = participation.agency_weeks(conn, "2026-W41", "2026-W41")
    finally:
        engine.dispose()
    assert tests > 0 and figures["tests"] == tests  # every test of the file is in October
    assert figures["staff_tested"] > 0 and not weeks.empty
