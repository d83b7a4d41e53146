"""The time in a measurement key, and the keys of a span of local days.

A test's key (``measurement.measurement_id``) holds the whole seconds since 2020
(UTC) of its time, above :data:`KEY_HASH_BITS` bits of a hash (see
``ingest/keys.py``). Keys rise with time, so the tests of a span of days are one
range of the primary key: queries that read the measurements of a period take
that range (:func:`day_keys`), and the table needs no index by day, which every
import would pay for.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.dates.clock import ZONE

#: The instant whose key time is 0.
KEY_EPOCH = pd.Timestamp("2020-01-01", tz="UTC")
#: The low bits of a key that hold its hash; the seconds are above them.
KEY_HASH_BITS = 33


def day_keys(first_day: dt.date, last_day: dt.date) -> dict[str, int]:
    """``first_key`` and ``last_key``: the lowest and highest key a test measured
    on the local days ``first_day`` to ``last_day`` (Vietnam time) can have."""
    start = _seconds(first_day)
    end = _seconds(last_day + dt.timedelta(days=1))  # the next day's first second
    return {"first_key": start << KEY_HASH_BITS, "last_key": (end << KEY_HASH_BITS) - 1}


def _seconds(day: dt.date) -> int:
    """Seconds from the key epoch to the start of a local day."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=ZONE)
    return int((start - KEY_EPOCH.to_pydatetime()).total_seconds())
