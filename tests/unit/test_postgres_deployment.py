"""The README's PostgreSQL deployment, command by command, on the local server:
schema, communes, first administrator, roster and tests, then the page figures
from the rollups."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conftest import POSTGRES_URL, _postgres_answers
from dashboard.campaign import overview, participation, store
from dashboard.campaign.periods import month

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def server_url():
    """A URL on the local server whose tables go to a schema of their own."""
    problem = _postgres_answers()
    if problem:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but does not answer: {problem}")
        pytest.skip(f"no PostgreSQL server answers: {problem}")
    schema = f"deploy_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


def _dashboard(url: str, tmp_path: Path, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run([sys.executable, "-m", "dashboard", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


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
            figures = overview.headline(conn, month("2026-10"))
            weeks = participation.agency_weeks(conn, "2026-W41", "2026-W41")
    finally:
        engine.dispose()
    assert tests > 0 and figures["tests"] == tests  # every test of the file is in October
    assert figures["tests_by_staff"] > 0 and not weeks.empty
