"""Store one import — its ``import_batch`` row and its new measurements — in a
single transaction, as fast as each database allows.

Measurement keys rise with time (see ``measurements.measurement_keys``), so the
keys already stored that an import could repeat are found with one range scan;
only the new rows are then written: through Arrow (ADBC) on SQLite, through
``COPY`` on PostgreSQL. Statements are compiled by SQLAlchemy from the table
definitions or read from ``queries/``; no SQL is built from strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import adbc_driver_sqlite.dbapi as adbc_sqlite
import numpy as np
import pandas as pd
import pyarrow as pa
from psycopg import sql as pgsql
from sqlalchemy import BigInteger, Column, Date, DateTime, MetaData, Table, update
from sqlalchemy.engine import Engine

from dashboard.campaign import queries, store

CHUNK_ROWS = 100_000
#: Page cache for the import connection: large indexes stay in memory while a
#: million rows go in.
IMPORT_CACHE_KIB = 256 * 1024

Progress = Callable[[int], None] | None


class ImportWriter:
    """One import's transaction: ``import_batch`` row first, then chunks of rows.

    Use as a context manager; call :meth:`write` for each chunk and :meth:`finish`
    with the batch row's final values. Leaving the block without ``finish`` (or
    with an exception) rolls everything back.
    """

    def __init__(self, engine: Engine, batch: dict):
        self.engine = engine
        self.batch = batch
        self.import_id: int | None = None
        self._finished = False

    def __enter__(self) -> "ImportWriter":
        self._open()
        return self

    def write(self, rows: pd.DataFrame, progress: Progress = None) -> int:
        """Store the rows whose keys are not stored yet; return how many were stored."""
        if rows.empty:
            return 0
        stored = self._stored_keys(rows["measurement_id"].to_numpy(dtype="int64"))
        new = rows.loc[~rows["measurement_id"].isin(stored)] if len(stored) else rows
        self._append(new.assign(import_id=self.import_id), progress)
        return len(new)

    def finish(self, values: dict) -> None:
        """Write the batch row's final values; the transaction commits on leaving."""
        self._update_batch(values)
        self._finished = True

    def __exit__(self, exc_type, exc, tb) -> None:
        self._close(commit=exc_type is None and self._finished)

    # Each database implements these five.
    def _open(self) -> None:
        raise NotImplementedError

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _append(self, rows: pd.DataFrame, progress: Progress) -> None:
        raise NotImplementedError

    def _update_batch(self, values: dict) -> None:
        raise NotImplementedError

    def _close(self, commit: bool) -> None:
        raise NotImplementedError


#: The keys of the chunk being imported, to find those already stored by a join.
incoming_key = Table(
    "incoming_key",
    MetaData(),
    Column("measurement_id", BigInteger, primary_key=True),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


def import_writer(engine: Engine, batch: dict) -> ImportWriter:
    """The writer for the engine's database."""
    if engine.dialect.name == "sqlite":
        return _SQLiteWriter(engine, batch)
    if engine.dialect.name == "postgresql":
        return _PostgresWriter(engine, batch)
    raise NotImplementedError(f"imports are not implemented for {engine.dialect.name}")


# -- SQLite ------------------------------------------------------------------------


class _SQLiteWriter(ImportWriter):
    """Arrow record batches into SQLite through ADBC, on a connection of its own."""

    def _open(self) -> None:
        self._connection = adbc_sqlite.connect(self.engine.url.database, autocommit=True)
        self._cursor = self._connection.cursor()
        self._cursor.execute("PRAGMA busy_timeout=10000")
        self._cursor.execute(f"PRAGMA cache_size={-IMPORT_CACHE_KIB:d}")
        self._cursor.execute("BEGIN IMMEDIATE")  # take the write lock now, not half-way
        try:
            self._run(store.import_batch.insert().values(**_sqlite_values(self.batch)))
            self._cursor.execute("SELECT last_insert_rowid()")
            self.import_id = self._cursor.fetchone()[0]
        except BaseException:
            self._close(commit=False)
            raise

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        keys_table = pa.table({"measurement_id": pa.array(keys, type=pa.int64())})
        self._cursor.adbc_ingest(incoming_key.name, keys_table, mode="replace", temporary=True)
        self._run(queries.sql("stored_incoming_keys"))
        return np.array([r[0] for r in self._cursor.fetchall()], dtype="int64")

    def _append(self, rows: pd.DataFrame, progress: Progress) -> None:
        for chunk in _arrow_chunks(rows):
            self._cursor.adbc_ingest(store.measurement.name, chunk, mode="append")
            if progress:
                progress(chunk.num_rows)

    def _update_batch(self, values: dict) -> None:
        batch = store.import_batch
        self._run(update(batch).where(batch.c.import_id == self.import_id).values(**_sqlite_values(values)))

    def _close(self, commit: bool) -> None:
        try:
            self._cursor.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            self._cursor.close()
            self._connection.close()

    def _run(self, statement, params: dict | None = None) -> None:
        compiled = statement.compile(dialect=self.engine.dialect)
        merged = {**compiled.params, **(params or {})}
        self._cursor.execute(str(compiled), [merged[name] for name in compiled.positiontup])


def _sqlite_values(values: dict) -> dict:
    """Python values as SQLite stores them through SQLAlchemy (text times, 0/1)."""
    out = {}
    for key, value in values.items():
        if isinstance(value, dt.datetime):
            value = value.strftime("%Y-%m-%d %H:%M:%S.%f")
        elif isinstance(value, bool):
            value = int(value)
        out[key] = value
    return out


def _arrow_chunks(frame: pd.DataFrame) -> Iterator[pa.Table]:
    """Arrow tables of CHUNK_ROWS rows with SQLite's storage forms for times."""
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start : start + CHUNK_ROWS]
        columns = {name: _sqlite_column(part[name], name) for name in part.columns}
        yield pa.table(columns)


def _sqlite_column(column: pd.Series, name: str) -> pa.Array:
    sql_type = store.measurement.c[name].type if name in store.measurement.c else None
    if pd.api.types.is_datetime64_any_dtype(column):
        # The text forms SQLAlchemy's SQLite types store and read back.
        is_date = isinstance(sql_type, Date) and not isinstance(sql_type, DateTime)
        stamps = pa.array(column.dt.tz_localize(None) if column.dt.tz is not None else column)
        return stamps.cast(pa.date32() if is_date else pa.timestamp("s")).cast(pa.string())
    if pd.api.types.is_bool_dtype(column):
        return pa.array(column.to_numpy(dtype="int64"))
    if column.dtype == object:
        return pa.array(column.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    return pa.Array.from_pandas(column)


# -- PostgreSQL ----------------------------------------------------------------------


class _PostgresWriter(ImportWriter):
    """Rows into PostgreSQL with COPY, on a SQLAlchemy connection."""

    def _open(self) -> None:
        self._has_key_table = False
        self._transaction = self.engine.begin()
        self._conn = self._transaction.__enter__()
        try:
            self.import_id = self._conn.execute(store.import_batch.insert().values(**self.batch)).inserted_primary_key[0]
        except BaseException as exc:
            self._transaction.__exit__(type(exc), exc, exc.__traceback__)
            raise

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        if not self._has_key_table:
            incoming_key.create(self._conn)
            self._has_key_table = True
        self._conn.execute(incoming_key.delete())
        self._copy(incoming_key.name, ["measurement_id"], [[(int(k),) for k in keys]])
        return queries.run(self._conn, "stored_incoming_keys")["measurement_id"].to_numpy()

    def _append(self, rows: pd.DataFrame, progress: Progress) -> None:
        self._copy(store.measurement.name, list(rows.columns), _row_chunks(rows), progress)

    def _copy(self, table: str, columns: list[str], chunks, progress: Progress = None) -> None:
        copy_sql = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
            pgsql.Identifier(table), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in columns)
        )
        cursor = self._conn.connection.driver_connection.cursor()
        try:
            with cursor.copy(copy_sql) as copy:
                for chunk in chunks:
                    for row in chunk:
                        copy.write_row(row)
                    if progress:
                        progress(len(chunk))
        finally:
            cursor.close()

    def _update_batch(self, values: dict) -> None:
        batch = store.import_batch
        self._conn.execute(update(batch).where(batch.c.import_id == self.import_id).values(**values))

    def _close(self, commit: bool) -> None:
        if commit:
            self._transaction.__exit__(None, None, None)
        else:
            error = RuntimeError("import abandoned")
            self._transaction.__exit__(RuntimeError, error, None)


def _row_chunks(frame: pd.DataFrame) -> Iterator[list[tuple]]:
    """Rows as tuples of plain Python values (None for missing), CHUNK_ROWS at a time."""
    dates = {c.name for c in store.measurement.columns if isinstance(c.type, Date) and not isinstance(c.type, DateTime)}
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start : start + CHUNK_ROWS]
        yield list(zip(*[_plain(part[name], name in dates) for name in part.columns]))


def _timestamp_text(column: pd.Series, is_date: bool) -> np.ndarray:
    """'YYYY-MM-DD' for dates, 'YYYY-MM-DD HH:MM:SS' (UTC) for times, None for missing."""
    values = column.dt.tz_localize(None) if column.dt.tz is not None else column
    unit = "D" if is_date else "s"
    text = np.datetime_as_string(values.to_numpy(dtype=f"datetime64[{unit}]"), unit=unit)
    text = np.char.replace(text, "T", " ").astype(object)
    text[values.isna().to_numpy()] = None
    return text


def _plain(column: pd.Series, is_date: bool = False) -> list:
    """A column as a list the drivers bind directly: floats, ints, str, bool or None."""
    if pd.api.types.is_datetime64_any_dtype(column):
        return _timestamp_text(column, is_date).tolist()
    if pd.api.types.is_float_dtype(column):
        values = column.to_numpy(dtype="float64")
        return np.where(np.isnan(values), None, values).tolist()
    if pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype=bool).tolist()
    if pd.api.types.is_integer_dtype(column) and not column.hasnans:
        return column.to_numpy(dtype="int64").tolist()
    return column.astype(object).where(column.notna(), None).tolist()
