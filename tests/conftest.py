"""Shared fixtures: a fresh database on SQLite and on PostgreSQL for each test.

PostgreSQL tests use the local server (127.0.0.1:5432, database ``test``, trust
auth), each in a schema of its own that is dropped afterwards. They skip only when
no server answers, and fail instead when REQUIRE_POSTGRES=1 (as in CI).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboard.geo import boundaries
from dashboard.store import database

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_answers() -> str | None:
    try:
        with create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3}).connect() as conn:
            conn.execute(text("select 1"))
        return None
    except Exception as exc:  # any failure to connect means "no server here"
        return str(exc).splitlines()[0]


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An empty database engine, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        eng = database.make_engine(f"sqlite:///{tmp_path / 'test.sqlite'}")
        yield eng
        eng.dispose()
        return
    problem = _postgres_answers()
    if problem:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required here but does not answer: {problem}")
        pytest.skip(f"no PostgreSQL server answers: {problem}")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    eng = database.make_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture
def ready_engine(engine):
    """A database with the schema and the shipped administrative units."""
    boundaries.ensure_ready(engine)
    return engine


@pytest.fixture
def file_database(tmp_path):
    """Build a SQLite file for the command line: ``file_database(fill)`` readies the
    schema, calls ``fill(engine)`` and returns the database URL."""

    def build(fill) -> str:
        url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
        eng = database.make_engine(url)
        boundaries.ensure_ready(eng)
        fill(eng)
        eng.dispose()
        return url

    return build


@pytest.fixture(scope="session")
def sqlite_only_engine(tmp_path_factory):
    """One SQLite database with the units loaded, shared by read-only tests."""
    eng = database.make_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'shared.sqlite'}")
    boundaries.ensure_ready(eng)
    return eng


@pytest.fixture(scope="session")
def demo_campaign(tmp_path_factory):
    """The default demo campaign, generated once per test session into SQLite.

    Returns (database URL, folder of the generated files). Pages, browser tests and
    the independent recount all read this one database.
    """
    from dashboard import demo

    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'demo.sqlite'}"
    eng = database.make_engine(url)
    demo.create_demo(eng, folder)
    eng.dispose()
    return url, folder


def pytest_collection_modifyitems(items):
    """Mark each test by its folder: ``integration`` (the demo campaign, the command
    line in subprocesses, a PostgreSQL deployment), ``app`` (AppTest) and ``e2e``
    (a real browser); a test elsewhere that reads the demo campaign is
    ``integration`` too. ``pytest -m "not integration and not app and not e2e"``
    runs the fast ones alone."""
    for item in items:
        folder = item.path.parent.name
        if folder in ("integration", "app", "e2e"):
            item.add_marker(folder)
        elif "demo_campaign" in getattr(item, "fixturenames", ()):
            item.add_marker("integration")
