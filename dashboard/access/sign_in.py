"""Sign-in with a user name and password, and the slowing of repeated failures.

Repeated failed sign-ins for one user name are slowed: after
:data:`FREE_FAILURES` failures, each further attempt must wait, twice as long
each time, up to :data:`MAX_WAIT`; a successful sign-in resets the count. The
count is kept in the ``sign_in_throttle`` table and decided under a lock, so that
concurrent attempts cannot check more passwords than one after another would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import argon2
import pandas as pd
from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection, Engine

from dashboard.access import audit
from dashboard.access.accounts import HASHER, User, agency_exists, get_user, hash_password
from dashboard.store import queries, tables

#: Failed sign-ins allowed before attempts are slowed.
FREE_FAILURES = 3
#: The first wait after the free failures, then doubled with each failure.
FIRST_WAIT = dt.timedelta(seconds=15)
MAX_WAIT = dt.timedelta(minutes=15)
#: A user name's failures are forgotten this long after the last one.
FAILURE_WINDOW = dt.timedelta(hours=1)


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: the user, or why not (``wrong``,
    ``throttled`` with the seconds to wait, ``agency_gone``)."""

    user: User | None
    problem: str | None = None
    wait_seconds: int = 0


def sign_in(database: Engine | Connection, username: str, password: str, now: dt.datetime | None = None) -> SignIn:
    """Check a user name and password, slowing repeated failures; every attempt is
    written to the audit log.

    Give it the engine: the attempt is first counted as a failure in a short locked
    transaction, so that a burst of attempts checks no more than
    :data:`FREE_FAILURES` passwords before the wait starts; the slow password check
    runs after it, outside any lock, and a success clears the count. Given a
    connection, every step runs in the caller's transaction instead (scripts and
    tests, not concurrent attempts).

    A user name that is no account is slowed and answered in the same way, and
    logged as unknown, without the text typed (it may be a password).
    """
    now = now or audit.now_utc()
    name = (username or "").strip().lower()
    key = _throttle_key(name)
    with _transaction(database) as conn:
        account = conn.execute(
            select(tables.app_user.c.username, tables.app_user.c.password_hash).where(
                tables.app_user.c.username == name
            )
        ).first()
        logged_as = account.username if account else None
        wait = _reserve(conn, key, now)
        if wait:
            audit.record(conn, logged_as, "sign_in_throttled", _detail(logged_as, wait), at=now)
            return SignIn(None, "throttled", wait)
    stored = account.password_hash if account else None
    right = _verify(stored, password or "")
    with _transaction(database) as conn:
        _forget_old_failures(conn, now)
        user = get_user(conn, name) if right else None  # None too if removed meanwhile
        if user is None:
            audit.record(conn, logged_as, "sign_in_failed", _detail(logged_as), at=now)
            return SignIn(None, "wrong", seconds_to_wait(conn, name, now))
        if user.role == "agency" and not agency_exists(conn, user.agency_code):
            audit.record(
                conn, name, "sign_in_failed", audit.described("agency_gone", agency=user.agency_code or ""), at=now
            )
            return SignIn(None, "agency_gone")
        conn.execute(delete(tables.sign_in_throttle).where(tables.sign_in_throttle.c.name_key == key))
        assert stored is not None  # _verify is never right without a stored hash
        if HASHER.check_needs_rehash(stored):  # argon2's recommended parameters have changed
            conn.execute(
                update(tables.app_user)
                .where(tables.app_user.c.username == name)
                .values(password_hash=hash_password(password))
            )
        audit.record(conn, name, "sign_in", at=now)
    return SignIn(user)


def seconds_to_wait(conn: Connection, username: str, now: dt.datetime) -> int:
    """How long ``username`` (as typed) must wait before the next attempt (0: no wait)."""
    throttle = tables.sign_in_throttle.c
    row = conn.execute(
        select(throttle.failures, throttle.last_failure_at).where(throttle.name_key == _throttle_key(username))
    ).first()
    return 0 if row is None else _wait(row.failures, row.last_failure_at, now)


@cache
def _dummy_hash() -> str:
    return HASHER.hash("no account has this password")


def _throttle_key(name: str) -> str:
    # The throttle table keys every name by a hash, so that it never holds the
    # text typed; its rows go an hour after their last failure.
    return hashlib.sha256(name.strip().lower().encode("utf-8")).hexdigest()


def _detail(account: str | None, wait: int = 0) -> str:
    # A name typed that is no account may be a password: it is never logged.
    if wait:
        return audit.described("wait" if account else "unknown_name_wait", seconds=wait)
    return "" if account else audit.described("unknown_name")


@contextmanager
def _transaction(database: Engine | Connection):
    if isinstance(database, Connection):
        yield database  # the caller's transaction
        return
    with database.connect() as conn:
        # SQLite: BEGIN IMMEDIATE, so that the count is read and written under the
        # write lock, and a busy database is waited for instead of failing.
        conn.execution_options(sqlite_immediate=True)
        with conn.begin():
            yield conn


def _reserve(conn: Connection, key: str, now: dt.datetime) -> int:
    # Under the row's lock: the seconds to wait, or 0 after counting this attempt as
    # a failure until its password proves right.
    row = conn.execute(queries.sql("sign_in_throttle"), {"name_key": key}).one()
    last = None if row.last_failure_at is None else pd.Timestamp(row.last_failure_at).to_pydatetime()
    failures = row.failures if last is not None and now - last <= FAILURE_WINDOW else 0
    wait = _wait(failures, last, now)
    if not wait:
        conn.execute(
            update(tables.sign_in_throttle)
            .where(tables.sign_in_throttle.c.name_key == key)
            .values(failures=failures + 1, last_failure_at=now)
        )
    return wait


def _wait(failures: int, last_failure_at: dt.datetime | None, now: dt.datetime) -> int:
    if failures < FREE_FAILURES or last_failure_at is None or now - last_failure_at > FAILURE_WINDOW:
        return 0
    doublings = min(failures - FREE_FAILURES, 16)  # the wait is capped long before; no overflow
    wait = min(FIRST_WAIT * 2**doublings, MAX_WAIT)
    return max(0, math.ceil((last_failure_at + wait - now).total_seconds()))


def _forget_old_failures(conn: Connection, now: dt.datetime) -> None:
    # One statement in a transaction that locks no other throttle row before it, so
    # that it cannot deadlock with a concurrent attempt.
    conn.execute(
        delete(tables.sign_in_throttle).where(tables.sign_in_throttle.c.last_failure_at < now - FAILURE_WINDOW)
    )


def _verify(stored: str | None, password: str) -> bool:
    # An unknown account (or one without a password) is checked against a dummy
    # hash, so the time taken does not tell which user names exist.
    try:
        return HASHER.verify(stored or _dummy_hash(), password) and stored is not None
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False
