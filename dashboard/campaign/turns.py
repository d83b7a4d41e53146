"""Imports take turns: one import writes at a time, on either database.

The measurement writer (bulk.py) takes its turn on a connection of its own; a
roster import takes it here, on a SQLAlchemy connection: BEGIN IMMEDIATE on SQLite
(the write lock, tried again every second), the imports' advisory lock on
PostgreSQL. Both wait up to the same limit, say once that they wait, then give
up with one sentence.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine, RootTransaction
from sqlalchemy.exc import OperationalError

from dashboard.campaign.bulk import TURN_POLL_SECONDS, WAIT_LIMIT_SECONDS, DatabaseBusy, duration_words
from dashboard.campaign.bulk_postgres import IMPORT_LOCK_KEY  # the lock measurement imports take


def begin_turn(conn: Connection, on_wait: Callable[[], None] | None = None,
               wait_limit: float = WAIT_LIMIT_SECONDS) -> RootTransaction:  # fmt: skip
    """Begin the import's transaction on ``conn`` once no other import is under way.

    ``on_wait()`` is called once if the import has to wait; after ``wait_limit``
    seconds DatabaseBusy is raised and nothing was written.
    """
    deadline = time.monotonic() + wait_limit
    waited = False
    while True:
        transaction = _try(conn)
        if transaction is not None:
            return transaction
        if time.monotonic() >= deadline:
            raise DatabaseBusy(f"another import has held the database for {duration_words(wait_limit)}; try again later")
        if not waited and on_wait:
            on_wait()
        waited = True


def import_connection(engine: Engine) -> Connection:
    """A connection whose transactions take SQLite's write lock when they begin."""
    return engine.connect().execution_options(sqlite_immediate=True)


def _try(conn: Connection) -> RootTransaction | None:
    if conn.dialect.name == "sqlite":
        # On the driver's connection: through SQLAlchemy the PRAGMA would begin the transaction.
        driver = conn.connection.dbapi_connection
        driver.execute(f"PRAGMA busy_timeout={int(TURN_POLL_SECONDS * 1000)}")
        try:
            return conn.begin()
        except OperationalError as exc:
            if getattr(exc.orig, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY:
                raise
            conn.rollback()
            return None
        finally:
            driver.execute("PRAGMA busy_timeout=10000")  # as store.make_engine sets it
    transaction = conn.begin()
    if conn.execute(select(func.pg_try_advisory_xact_lock(IMPORT_LOCK_KEY))).scalar():
        return transaction
    transaction.rollback()
    time.sleep(TURN_POLL_SECONDS)
    return None
