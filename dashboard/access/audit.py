"""The audit log: who signed in, imported, downloaded personal data, changed an
account or sent the weekly mail, and when. Administrators read it on the
administration page.

Events are written in the caller's transaction, so an import that rolls back
leaves no "import" event behind.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Insert
from sqlalchemy.engine import Connection

from dashboard.dates import clock
from dashboard.store import queries, tables

#: The kinds of event, in the order the administration page lists them.
ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_in_throttled",
    "sign_out",
    "import",
    "import_failed",
    "download",
    "personal_data_download",
    "user_added",
    "user_removed",
    "role_changed",
    "password_changed",
    "targets_saved",
    "setting_changed",
    "mail_sent",
    "mail_failed",
)


def now_utc() -> dt.datetime:
    """The current time in UTC, without a zone (as every time in the store)."""
    return clock.stored_now()


def record(
    conn: Connection, username: str | None, action: str, detail: str = "", at: dt.datetime | None = None
) -> None:
    """Add one event to the log. ``detail`` says what (a file name, a list, an account)."""
    conn.execute(event(username, action, detail, at))


def event(username: str | None, action: str, detail: str = "", at: dt.datetime | None = None) -> Insert:
    """The statement that adds one event to the log, for a transaction run elsewhere
    (an import's): see :func:`record`."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    return tables.audit_event.insert().values(
        at=at or now_utc(), username=username, action=action, detail=detail[:2000]
    )


def events(conn: Connection, username: str | None = None, action: str | None = None, limit: int = 500) -> pd.DataFrame:
    """The latest events, newest first: at (UTC), username, action, detail."""
    frame = queries.run(conn, "audit_events", username=username, action=action, limit_rows=limit)
    frame["at"] = pd.to_datetime(frame["at"])  # SQLite gives text, PostgreSQL a timestamp
    return frame
