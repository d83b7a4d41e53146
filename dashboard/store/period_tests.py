"""A period's placed tests, for the overview, coverage and quality pages: read from
the snapshots of the months it touches (:mod:`dashboard.store.snapshots`).

A month without a usable snapshot is built from the measurements and stored only
when the reader can take the imports' turn at once (:func:`turns.try_turn`): no
import can then change the month between the read and the write, so a snapshot
stored by a reader is as fresh as one stored by an import. A busy database, or
one the reader may not write, only costs the slower read.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from dashboard.dates.periods import periods_between
from dashboard.store import arrow_reads, queries, snapshots, turns

log = logging.getLogger(__name__)


def read(conn: Connection, first_day: dt.date, last_day: dt.date) -> pa.Table:
    """The placed tests from ``first_day`` to ``last_day`` (local dates, inclusive),
    in :data:`snapshots.SCHEMA`: the snapshots of the months the period touches,
    cut to its days."""
    months = sorted(periods_between("month", first_day, last_day), key=lambda period: period.first_day)
    found = arrow_reads.binary_rows(
        conn, queries.sql("month_snapshots"), {"first_month": months[0].key, "last_month": months[-1].key}
    )
    stored = {key: arrow for key, version, _, arrow in found if version == snapshots.FORMAT_VERSION}
    tables = [snapshots.decode(stored[m.key]) if m.key in stored else _built(conn, m.key) for m in months]
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    if first_day > months[0].first_day or last_day < months[-1].last_day:
        day = table.column("local_date").cast(pa.string())
        within = pc.and_(pc.greater_equal(day, first_day.isoformat()), pc.less_equal(day, last_day.isoformat()))
        table = table.filter(within)
    return table


def frame(table: pa.Table, columns: list[str], accesses: Iterable[str] | None = None) -> pd.DataFrame:
    """Some columns of a period's tests as a DataFrame with the types of a query's
    rows (``queries.run``): texts as ``str``, numbers as floats, times as
    ``datetime64[us]``; only the tests of ``accesses`` when given."""
    if accesses is not None:
        table = table.filter(pc.is_in(table.column("access").cast(pa.string()), pa.array(list(accesses))))
    plain = {}
    for name in columns:
        column = table.column(name)
        plain[name] = column.cast(column.type.value_type) if pa.types.is_dictionary(column.type) else column
    return pa.table(plain).to_pandas()


def _built(conn: Connection, key: str) -> pa.Table:
    """A month's snapshot read from the measurements; stored when the imports' turn
    is free at once (in a transaction of its own), so that the next reader finds it."""
    engine = conn.engine
    if engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        return snapshots.build(_reader(conn), key)  # one connection only: nothing to take turns with
    try:
        with turns.import_connection(engine) as own:
            transaction = turns.try_turn(own)
            if transaction is not None:
                with transaction:
                    table = snapshots.build(_reader(own), key)
                    snapshots.put(lambda name, **params: queries.execute(own, name, **params), key, table)
                return table
    except DBAPIError as exc:  # locked, read-only, or gone: the page reads the rows anyway
        log.warning("month %s: snapshot not stored (%s)", key, type(exc.orig).__name__)
    return snapshots.build(_reader(conn), key)


def _reader(conn: Connection) -> Callable[..., pa.Table]:
    """The connection's ``read_arrow`` (see :class:`snapshots.Store`)."""
    return lambda name, **params: arrow_reads.read(conn, queries.sql(name), params)
