"""Each month's placed tests in columns: what the overview, coverage and quality
pages read of a period.

Read row by row, a province's month is hundreds of thousands of Python tuples and
objects: about nine tenths of each of those pages' time at five million tests. A
month's *snapshot* holds the same rows as an Arrow IPC stream compressed with lz4
(``month_snapshot``), read whole in a few hundredths of a second. What goes in is
one query, ``queries/month_snapshot_rows.sql``.

A snapshot is never behind the measurements:

* an import builds again, in its own transaction, the snapshots of the months its
  placed tests fall in (:func:`refresh`, called by ``rollups.add_import``);
* a roster import that links tests to other people drops the snapshots of their
  months, and the demo's removal drops them all (:func:`forget`), in their
  transactions;
* a reader that finds a month without a snapshot, or one of another
  :data:`FORMAT_VERSION`, builds it from the measurements, and stores it only when
  it can take the imports' turn at once (:mod:`dashboard.store.period_tests`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Protocol

import pyarrow as pa
from sqlalchemy.engine import Connection

from dashboard.dates.periods import month
from dashboard.store import queries

#: Bump when :data:`SCHEMA` or the query changes: older snapshots are built again.
FORMAT_VERSION = 1
#: Texts with few distinct values are stored once each, with a small number per row.
_FEW = pa.dictionary(pa.int16(), pa.string())
#: The snapshot's columns (those of ``queries/month_snapshot_rows.sql``), in order.
SCHEMA = pa.schema(
    [
        ("month", _FEW),
        ("local_date", _FEW),  # YYYY-MM-DD
        ("measured_at", pa.timestamp("us")),  # UTC
        ("commune_code", _FEW),
        ("access", _FEW),
        ("technology", _FEW),
        ("operator", _FEW),
        ("tester", pa.dictionary(pa.int32(), pa.string())),  # a person, else an identifier
        ("download_mbps", pa.float64()),
        ("upload_mbps", pa.float64()),
        ("latency_ms", pa.float64()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
    ]
)
_COMPRESSED = pa.ipc.IpcWriteOptions(compression="lz4")


class Store(Protocol):
    """Where snapshots are built and stored: an import's transaction
    (``bulk.ImportWriter``) or a connection (``rollups.on``)."""

    def run(self, name: str, **params) -> None:
        """Execute the statement ``queries/<name>.sql``."""

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table."""


def refresh(db: Store, months: Iterable[str]) -> None:
    """Build and store again the snapshot of each month (``YYYY-MM``), from the
    measurements as ``db``'s transaction sees them."""
    for key in sorted(set(months)):
        put(db.run, key, build(db.read_arrow, key))


def forget(conn: Connection, months: Iterable[str] | None = None) -> None:
    """Drop the snapshots of ``months`` (every month when None), in the connection's
    transaction: their tests changed, and readers build them again."""
    if months is None:
        queries.execute(conn, "month_snapshot_forget", first_month="0000-00", last_month="9999-99")
        return
    for key in sorted(set(months)):
        queries.execute(conn, "month_snapshot_forget", first_month=key, last_month=key)


def build(read_arrow: Callable[..., pa.Table], key: str) -> pa.Table:
    """A month's snapshot from the measurements: the rows of
    ``queries/month_snapshot_rows.sql`` in :data:`SCHEMA`'s types."""
    period = month(key)
    rows = read_arrow("month_snapshot_rows", **_days(period.first_day, period.last_day))
    return shaped(rows)


def shaped(rows: pa.Table) -> pa.Table:
    """Rows read by a driver (texts, numbers, a column of nulls typed null) in
    :data:`SCHEMA`'s types, as one chunk."""
    columns = []
    for field in SCHEMA:
        column = rows.column(field.name)
        if pa.types.is_null(column.type):
            columns.append(pa.nulls(len(rows), field.type))
        elif pa.types.is_dictionary(field.type):
            encoded = column.cast(pa.string()).combine_chunks().dictionary_encode()
            columns.append(encoded.cast(field.type))
        else:
            columns.append(column.cast(field.type).combine_chunks())
    return pa.Table.from_arrays(columns, schema=SCHEMA)


def encode(table: pa.Table) -> bytes:
    """A snapshot as the bytes stored: an Arrow IPC stream, compressed with lz4."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, SCHEMA, options=_COMPRESSED) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def decode(blob: bytes) -> pa.Table:
    """The table of a stored snapshot."""
    return pa.ipc.open_stream(pa.py_buffer(blob)).read_all()


def put(run: Callable[..., object], key: str, table: pa.Table) -> None:
    """Store a month's snapshot with ``run`` (a :class:`Store`'s, or
    ``queries.execute`` on a connection), replacing the one stored."""
    run("month_snapshot_put", month=key, format_version=FORMAT_VERSION, tests=len(table), arrow=encode(table))


def _days(first_day: dt.date, last_day: dt.date) -> dict:
    return {"first_day": first_day.isoformat(), "last_day": last_day.isoformat()}
