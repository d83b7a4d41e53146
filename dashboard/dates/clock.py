"""The program's one clock: what time and day it is for the reader, in Vietnam.

Pages, commands, imports and reports ask this module, never the server's clock:
a server on UTC would otherwise start the next day at 17:00 UTC for some parts
and at midnight for others. "Today" is the date in Asia/Ho_Chi_Minh; stored
times stay in UTC (:func:`stored_now`).

Everything reads :func:`_utc_now`. Tests fix the clock either by monkeypatching
``clock._utc_now`` or, for a command run in a subprocess, by setting the
environment variable ``ISPEED_NOW`` to an ISO time (``2026-11-29T18:00:00Z``;
without an offset it is Vietnam time). The variable is read only when set, so
a deployment that does not set it runs on the real clock.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard.dates.periods import iso_week_of

#: Vietnam's time zone (UTC+7, no summer time): the zone of every local date and time.
LOCAL_TZ = "Asia/Ho_Chi_Minh"
#: The environment variable that fixes the clock (for tests); unset in production.
NOW_SWITCH = "ISPEED_NOW"
ZONE = ZoneInfo(LOCAL_TZ)


def _utc_now() -> dt.datetime:
    """The current time, aware, in UTC: the fixed time of ``ISPEED_NOW`` when set."""
    fixed = os.environ.get(NOW_SWITCH)
    if not fixed:
        return dt.datetime.now(dt.UTC)
    try:
        when = dt.datetime.fromisoformat(fixed)
    except ValueError:
        raise ValueError(f"{NOW_SWITCH}={fixed!r} is not an ISO time (e.g. 2026-11-29T18:00:00Z)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=ZONE)
    return when.astimezone(dt.UTC)


def utc_now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return _utc_now()


def stored_now() -> dt.datetime:
    """The current time in UTC without a zone, as every time in the store."""
    return _utc_now().replace(tzinfo=None)


def now() -> dt.datetime:
    """The current time, aware, in Vietnam."""
    return _utc_now().astimezone(ZONE)


def today() -> dt.date:
    """Today's date in Vietnam: the day every page, command and report means by "today"."""
    return now().date()


def current_week() -> str:
    """The ISO week that holds :func:`today`, written '2026-W48'."""
    return iso_week_of(today())


def local_time(stored) -> dt.datetime | None:
    """One stored time (UTC, without a zone; a datetime or its text) as a Vietnam time
    without a zone; None for a missing one."""
    if stored is None or pd.isna(stored):
        return None
    return pd.Timestamp(stored).tz_localize("UTC").tz_convert(LOCAL_TZ).tz_localize(None).to_pydatetime()


def local_times(stored: pd.Series) -> pd.Series:
    """Stored times (UTC, without a zone) as Vietnam times without a zone, for display."""
    return pd.to_datetime(stored).dt.tz_localize("UTC").dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)
