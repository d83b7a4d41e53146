"""The pages' cache: the database engine, created once, and figures are kept for a while, and recomputed as soon as the
data changes.

Every cached loader is keyed by the *data version* (``queries/data_version.sql``:
imports, targets, stored settings), read on each run of a page in about a millisecond. An import
from the web page, from the command line on the same machine or from another
server of the department therefore shows on the next click, and the time to live
only bounds how long unused figures stay in memory.
"""

from __future__ import annotations

import functools

import streamlit as st

from dashboard.geo import boundaries
from dashboard.store import database, queries

#: Seconds a cached result is kept after it was computed.
CACHE_TTL = 600
#: Results kept per loader.
MAX_ENTRIES = 16
#: Periods kept by the loaders of a period's tests (tens of megabytes each on a
#: province's month), so that the app stays small on an ordinary laptop.
PERIOD_TESTS_ENTRIES = 4


@st.cache_resource(show_spinner=False)
def engine():
    """The database engine, created once per process, with the schema ready."""
    eng = database.make_engine()
    boundaries.ensure_ready(eng)
    return eng


def data_version(engine) -> str:
    """A short text that changes whenever imported data or targets change."""
    with engine.connect() as conn:
        row = queries.run(conn, "data_version").iloc[0]
    return "|".join(str(value) for value in row.tolist())


def cached(loader=None, *, max_entries: int = MAX_ENTRIES):
    """Cache a page's loader (arguments hashed by Streamlit) until the data version
    changes or :data:`CACHE_TTL` passes; ``loader.clear()`` empties it."""

    def wrap(function):
        def keyed(version: str, *args, **kwargs):
            del version  # only part of the cache key
            return function(*args, **kwargs)

        # Streamlit names a cache after the function's module and qualified name:
        # each loader gets a cache of its own.
        keyed.__module__, keyed.__qualname__ = function.__module__, f"{function.__qualname__}.cached"
        keyed = st.cache_data(ttl=CACHE_TTL, max_entries=max_entries, show_spinner=False)(keyed)

        @functools.wraps(function)
        def load(*args, **kwargs):
            return keyed(data_version(engine()), *args, **kwargs)

        load.clear = keyed.clear
        return load

    return wrap(loader) if loader else wrap
