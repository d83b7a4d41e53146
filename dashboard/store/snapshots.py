"""Each month's placed tests in columns: what the overview, coverage and quality
pages read of a period.

Read row by row, a province's month is hundreds of thousands of Python tuples and
objects: about nine tenths of each of those pages' time at five million tests. A
month's *snapshot* holds the same rows as an Arrow IPC stream compressed with zstd
(``month_snapshot``), read whole in a few hundredths of a second. What goes in is
what one query reads, ``queries/month_snapshot_rows.sql``; an import's own rows are
shaped as that query would read them (:func:`from_measurements`; the tests compare
every stored snapshot with one the query builds).

A snapshot is never behind the measurements:

* an import stores again, in its own transaction, the snapshots of the months its
  placed tests fall in (:func:`add_import`, called by ``rollups.add_import``): a
  month whose placed tests are all the import's is made of the rows the import
  holds, another is read back from the measurements;
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

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.engine import Connection

from dashboard.dates import key_time
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
#: zstd at its fastest level: a third smaller than lz4 for a month, as fast to write
#: and to read (an older lz4 snapshot is read as well: the stream names its codec).
_COMPRESSED = pa.ipc.IpcWriteOptions(compression=pa.Codec("zstd", 1))
#: Who made a test, as the query's coalesce names them, in its order.
_TESTER_COLUMNS = [
    ("staff:", "staff_id"),
    ("account:", "account"),
    ("phone:", "phone"),
    ("email:", "email"),
    ("device:", "device_id"),
]
_NUMBERS = ("download_mbps", "upload_mbps", "latency_ms", "latitude", "longitude")


class Store(Protocol):
    """Where snapshots are built and stored: an import's transaction
    (``bulk.ImportWriter``) or a connection (``rollups.on``)."""

    def run(self, name: str, **params) -> None:
        """Execute the statement ``queries/<name>.sql``."""

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table."""

    def read(self, name: str, **params) -> pd.DataFrame:
        """The rows of the query ``queries/<name>.sql``."""


def add_import(db: Store, placed: pa.Table, stored_span: tuple[int, int] | None = None) -> dict[str, pa.Table]:
    """Store again the snapshots of the months of an import's placed tests
    (``placed``: :func:`from_measurements` of the rows it stored; called before the
    rollups count them), and return them by month. A month that had no placed test
    before is that part of ``placed``, read back from nowhere; another is built
    from the measurements. Everything is read first: the snapshots are then stored
    while the next ones are made (an import's statements are queued).

    ``stored_span``: the lowest and highest keys stored before the import, if known
    (an empty span, lowest above highest, when nothing was). A month wholly outside
    it had no test before, and nothing is read for it: a read waits until the
    import's rows are stored, where the months could be made meanwhile (on
    PostgreSQL, while the last chunks are copied)."""
    months = placed.column("month").cast(pa.string())
    own = {key: placed.filter(pc.equal(months, key)) for key in sorted(set(months.unique().to_pylist()))}
    stored = {}
    for key in own:
        period = month(key)
        keys = key_time.day_keys(period.first_day, period.last_day)
        if stored_span is not None and (keys["last_key"] < stored_span[0] or keys["first_key"] > stored_span[1]):
            continue
        before = db.read("month_placed_tests", **_days(period.first_day, period.last_day))
        if int(before["tests"].iloc[0]):
            stored[key] = build(db.read_arrow, key)
    for key, rows in own.items():
        stored[key] = stored[key] if key in stored else joined(rows)
        put(db.run, key, stored[key])
    return dict(sorted(stored.items()))


def from_measurements(rows: pd.DataFrame) -> pa.Table:
    """The placed tests among measurement rows as the import holds them (the
    columns of ``tables.measurement``), in :data:`SCHEMA`'s types, with the values
    of ``queries/month_snapshot_rows.sql`` once stored. Each text column is
    numbered in this chunk's own dictionary; :func:`joined` makes the chunks of a
    month one table, as :func:`shaped` makes the query's rows."""
    placed = pa.array(rows["commune_code"].notna().to_numpy())

    def column(name: str) -> pa.Array:
        # Only the columns the snapshot holds are cut to the placed rows, in Arrow.
        return pa.array(rows[name], from_pandas=True).filter(placed)

    # Days are numbered as dates, then only the distinct ones written as text (YYYY-MM-DD).
    days = column("local_date").cast(pa.date32()).dictionary_encode()
    columns = {
        "month": _few(column("month").cast(pa.string()).dictionary_encode()),
        "local_date": _few(pa.DictionaryArray.from_arrays(days.indices, days.dictionary.cast(pa.string()))),
        "measured_at": column("measured_at").cast(pa.timestamp("us", tz="UTC")).cast(pa.timestamp("us")),
        **{
            name: _few(column(name).cast(pa.string()).dictionary_encode())
            for name in ("commune_code", "access", "technology", "operator")
        },
        "tester": _testers([column(name).cast(pa.string()) for _, name in _TESTER_COLUMNS]),
        **{name: column(name).cast(pa.float64()) for name in _NUMBERS},
    }
    return pa.Table.from_arrays([columns[field.name] for field in SCHEMA], schema=SCHEMA)


def joined(parts: pa.Table) -> pa.Table:
    """Chunks of :func:`from_measurements` as one table, each text column with one
    dictionary of the values its rows use, in order of first use: the table
    :func:`shaped` makes of the same rows read back."""
    one = parts.unify_dictionaries().combine_chunks()
    columns = []
    for field in SCHEMA:
        values = one.column(field.name).chunk(0) if one.column(field.name).num_chunks else pa.array([], field.type)
        columns.append(_compacted(values) if pa.types.is_dictionary(field.type) else values)
    return pa.Table.from_arrays(columns, schema=SCHEMA)


def _few(encoded: pa.DictionaryArray) -> pa.DictionaryArray:
    """A dictionary-encoded text column in :data:`SCHEMA`'s small numbers."""
    return encoded.cast(_FEW)


def _testers(named: list[pa.Array]) -> pa.DictionaryArray:
    """Who made each test, as the query's coalesce names them (the first of the
    columns given, with its prefix), built from each column's distinct values:
    the prefixes are written once per value, not once per row."""
    codes, dictionaries, offset = [], [], 0
    for (prefix, _), values in zip(_TESTER_COLUMNS, named, strict=True):
        encoded = values.dictionary_encode()
        codes.append(pc.add(encoded.indices.cast(pa.int32()), offset))
        dictionaries.append(pc.binary_join_element_wise(prefix, encoded.dictionary, ""))
        offset += len(encoded.dictionary)
    dictionary = pa.concat_arrays(dictionaries) if dictionaries else pa.array([], pa.string())
    return pa.DictionaryArray.from_arrays(pc.coalesce(*codes), dictionary.cast(pa.string()))


def _compacted(column: pa.DictionaryArray) -> pa.DictionaryArray:
    """A dictionary array whose dictionary holds only the values its rows use, in
    order of first use (as ``dictionary_encode`` of its values would number them)."""
    used = pc.unique(column.indices).drop_null()
    indices = pc.index_in(column.indices, value_set=used).cast(column.type.index_type)
    return pa.DictionaryArray.from_arrays(indices, column.dictionary.take(used))


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
    days = _days(period.first_day, period.last_day)
    rows = read_arrow("month_snapshot_rows", **days, **key_time.day_keys(period.first_day, period.last_day))
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
    """A snapshot as the bytes stored: an Arrow IPC stream, compressed with zstd."""
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
