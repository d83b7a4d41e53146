"""The audit log: who signed in, imported, downloaded personal data, changed an
account or sent the weekly mail, and when. Administrators read it on the
administration page.

Events are written in the caller's transaction, so an import that rolls back
leaves no "import" event behind.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
from sqlalchemy import Insert
from sqlalchemy.engine import Connection

from dashboard import i18n
from dashboard.dates import clock
from dashboard.store import queries, tables

#: A detail's values that are stored codes, named in the reader's words when shown.
_CODED_VALUES = {"access": "access", "operator": "operator", "technology": "technology"}
_ACCESS_CODES = ("fixed", "mobile", "both")

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


def described(key: str, **values: str | int) -> str:
    """A detail the log shows in its reader's language: the label ``audit_<key>``
    (dashboard/i18n/access.py) filled with ``values``, stored as JSON so that the
    record itself stays the same whoever reads it."""
    return json.dumps({"key": key, "values": values}, ensure_ascii=False)


def readable(detail: str | None, language: str) -> str:
    """A stored detail in ``language``: a :func:`described` one through its label
    (numbers written the reader's way, codes named); any other as it was written."""
    try:
        parsed = json.loads(detail or "")
        key, values = parsed["key"], parsed["values"]
    except (ValueError, TypeError, KeyError):
        return detail or ""
    shown = {name: _value(name, value, language) for name, value in values.items()}
    try:
        return i18n.label(f"audit_{key}", language).format(**shown)
    except (KeyError, IndexError):  # a label that names another value: the record as stored
        return detail or ""


def _value(name: str, value, language: str) -> str:
    """One value of a detail as the reader reads it: a count their way, a code named
    (a quality category is a connection kind or a technology), anything else as is."""
    if isinstance(value, int) and not isinstance(value, bool):
        return i18n.number(value, language)
    if name == "category":
        name = "access" if value in _ACCESS_CODES else "technology"
    if name in _CODED_VALUES:
        return i18n.value_name(_CODED_VALUES[name], value, language)
    return str(value)
