"""Which database, and an engine for it.

One schema serves SQLite (the embedded default) and PostgreSQL (a department's
server). The tables are declared in :mod:`dashboard.store.tables`, the schema is
created and upgraded by :mod:`dashboard.store.migrations`, and every read query
lives in ``queries/`` and runs through :mod:`dashboard.store.queries`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from dashboard.paths import REPO_ROOT

DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / "ispeed.sqlite"
SECRETS_PATH = REPO_ROOT / ".streamlit" / "secrets.toml"


def database_url() -> str:
    """Return the database URL: ``DATABASE_URL``, then secrets.toml, then embedded SQLite."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    if SECRETS_PATH.exists():
        with SECRETS_PATH.open("rb") as fh:
            secrets = tomllib.load(fh)
        url = secrets.get("database", {}).get("url")
        if url:
            return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """Create an engine for ``url`` (default :func:`database_url`).

    SQLite gets WAL mode, foreign keys, and explicit BEGIN so that a series of
    statements is one real transaction. A
    connection with the execution option ``sqlite_immediate=True`` begins with
    BEGIN IMMEDIATE instead (see :func:`_configure_sqlite`).
    """
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Autocommit at the driver level; SQLAlchemy's "begin" event below issues
        # BEGIN itself, so DDL and DML share one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock at once, waiting for it up to busy_timeout.
        # A plain (deferred) transaction that reads, then writes after another
        # connection has written, fails at once with "database is locked": waiting
        # would not help its stale snapshot. Sign-in reads a count, then writes it.
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
