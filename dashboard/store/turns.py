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

from dashboard.refusals import duration
from dashboard.store.bulk import TURN_POLL_SECONDS, WAIT_LIMIT_SECONDS, DatabaseBusy

#: The advisory locks imports take turns with on PostgreSQL: this class (any number,
#: the same in every process), and the schema's own key within it, so that imports
#: into two schemas of one server (two departments, or two test runs) do not wait
#: for each other.
IMPORT_LOCK_CLASS = 48_571_202


def import_lock(wait: bool = False):
    """The statement that takes the import lock of the connection's schema for the
    transaction: at once or not at all (True or False), or waiting for it (``wait``)."""
    take = func.pg_advisory_xact_lock if wait else func.pg_try_advisory_xact_lock
    return select(take(IMPORT_LOCK_CLASS, func.hashtext(func.current_schema())))


#: On SQLite, each try for the write lock waits TURN_POLL_SECONDS (in milliseconds;
#: PRAGMAs take no bound parameters, so the value is written out).
POLL_PRAGMA = "PRAGMA busy_timeout=1000"


def begin_turn(
    conn: Connection, on_wait: Callable[[], None] | None = None, wait_limit: float = WAIT_LIMIT_SECONDS
) -> RootTransaction:
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
            raise DatabaseBusy("busy", duration=duration(wait_limit))
        if not waited and on_wait:
            on_wait()
        waited = True


def try_turn(conn: Connection) -> RootTransaction | None:
    """Begin a transaction on ``conn`` (from :func:`import_connection`) holding the
    imports' turn if no import is under way; None at once if one is."""
    return _try(conn, poll=False)


def import_connection(engine: Engine) -> Connection:
    """A connection whose transactions take SQLite's write lock when they begin."""
    return engine.connect().execution_options(sqlite_immediate=True)


def _try(conn: Connection, poll: bool = True) -> RootTransaction | None:
    """The turn, waiting up to TURN_POLL_SECONDS for it (``poll``) or not at all."""
    if conn.dialect.name == "sqlite":
        # On the driver's connection: through SQLAlchemy the PRAGMA would begin the transaction.
        driver = conn.connection.dbapi_connection
        assert driver is not None  # the connection is open (checked out) here
        driver.execute(POLL_PRAGMA if poll else "PRAGMA busy_timeout=0")
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
    if conn.execute(import_lock()).scalar():
        return transaction
    transaction.rollback()
    if poll:
        time.sleep(TURN_POLL_SECONDS)
    return None
