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

from dashboard.dates import clock, periods
from dashboard.dates.periods import month
from dashboard.reports import participation
from dashboard.reports.figures import headline
from dashboard.reports.settings import load_settings
from dashboard.store import database, migrations

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
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_readme_commands_on_postgresql(server_url, tmp_path):
    """The README's commands, run in order on PostgreSQL, give the current schema, a first administrator, the roster and
    the tests, and the page's figures then count every test imported."""
    _dashboard(server_url, tmp_path, "init")
    _dashboard(
        server_url,
        tmp_path,
        "users",
        "add",
        "admin.tinh",
        "--role",
        "admin",
        "--password-stdin",
        stdin="a long enough password\n",
    )
    _dashboard(server_url, tmp_path, "import-roster", str(FIXTURES / "agencies.csv"), str(FIXTURES / "staff.csv"))
    _dashboard(server_url, tmp_path, "import-measurements", str(FIXTURES / "gaps_and_outside.csv"))
    status = _dashboard(server_url, tmp_path, "status")
    assert "postgresql" in status
    engine = database.make_engine(server_url)
    try:
        with engine.connect() as conn:
            assert migrations.current_version(conn) == migrations.SCHEMA_VERSION
            tests = conn.execute(text("select count(*) from measurement")).scalar()
            figures = headline(conn, month("2026-10"), load_settings(conn), clock.today())
            weeks = participation.agency_weeks(conn, periods.weeks("2026-W41", "2026-W41"))
    finally:
        engine.dispose()
    assert tests > 0 and figures["tests"] == tests  # every test of the file is in October
    assert figures["staff_tested"] > 0 and not weeks.empty
