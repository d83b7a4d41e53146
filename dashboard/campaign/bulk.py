"""Store one import — its ``import_batch`` row and its new measurements — in a
single transaction, as fast as each database allows.

Chunks are written on a thread of the writer's own while the caller prepares the
next chunk: the database drivers and Arrow release the GIL, so on two cores the
cleaning and the writing overlap. Measurement keys rise with time (see
``keys.measurement_keys``). A key outside the range of the keys stored when the
import began cannot be stored; those inside it are looked up with a join on a
temporary table of the chunk's keys, and only the new rows are written: with
``executemany`` on SQLite, through ``COPY`` on PostgreSQL. Statements are compiled
by SQLAlchemy from the table definitions or read from ``queries/``; no SQL is
built from strings.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import BigInteger, Column, Date, DateTime, MetaData, Table, update
from sqlalchemy.schema import CreateTable
from sqlalchemy.engine import Engine

from dashboard.campaign import queries, rollups, store

#: Page cache for the import connection. Chunks arrive in key order, so the
#: indexes are visited in order too; more cache (256 MiB was tried) made a
#: million-row import no faster, only bigger.
IMPORT_CACHE_KIB = 64 * 1024
#: Chunks handed to the writer thread and not yet stored. One is written while
#: the next is prepared; a second smooths out uneven chunks. Each waiting chunk
#: holds its rows in memory.
WRITE_AHEAD = 2
#: Rows in one SQLite INSERT statement (columns x rows stays under SQLite's
#: limit of 32,766 bound values).
ROWS_PER_INSERT = 64

Progress = Callable[[int], None] | None


class ImportWriter:
    """One import's transaction: ``import_batch`` row first, then chunks of rows.

    Use as a context manager; call :meth:`write` for each chunk, :meth:`flush`
    to wait until all are stored, and :meth:`finish` with the batch row's final
    values. Leaving the block without ``finish`` (or with an exception) waits for
    the chunk being written, drops those still waiting and rolls everything back.
    An error on the writer thread is raised again on the caller's, at the next
    :meth:`write`, :meth:`flush` or :meth:`finish`.
    """

    def __init__(self, engine: Engine, batch: dict, first: list | None = None):
        self.engine = engine
        self.batch = batch
        #: Statements run at the start of the transaction (clearing the demo campaign).
        self.first = first or []
        self.import_id: int | None = None
        self._finished = False
        self._pending: deque[tuple[Future, pd.DataFrame, Callable | None, Progress]] = deque()
        self._counts = rollups.ImportCounts()
        self._in_rollups = False
        self._thread: ThreadPoolExecutor | None = None

    def __enter__(self) -> "ImportWriter":
        self._open()
        try:
            # Read once. SQLite: the import holds the write lock, so rows added later
            # are its own, and the caller drops a file's repeats before they come
            # here. PostgreSQL: another import committing meanwhile is still caught
            # by the primary key (this import then fails and rolls back).
            self._stored_span = self._key_span()
        except BaseException:
            self._close(commit=False)
            raise
        # One thread: chunks are stored in the order given, on one connection.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer")
        return self

    def write(self, rows: pd.DataFrame, done: Callable[[int], None] | None = None, progress: Progress = None) -> None:
        """Queue rows to be stored on the writer thread; those already stored are skipped.

        ``done(stored)`` and ``progress(stored)`` are called on the caller's
        thread once the chunk is stored, with how many of its rows were new.
        """
        while len(self._pending) >= WRITE_AHEAD:
            self._collect()
        keys = rows["measurement_id"].to_numpy(dtype="int64")
        # Converted here, so that the writer thread spends its time in the driver.
        data = self._convert(rows.assign(import_id=self.import_id))
        self._pending.append((self._thread.submit(self._store, keys, data), rows, done, progress))

    def flush(self) -> None:
        """Wait until every queued chunk is stored (raising the writer's error, if any)."""
        while self._pending:
            self._collect()

    def add_to_rollups(self) -> None:
        """Wait until every chunk is stored, then add the import to the rollups."""
        self.flush()
        rollups.add_import(self, self.import_id, self._counts)
        self._in_rollups = True

    # The rollups' Database (rollups.Database), in the import's transaction.
    def run(self, name: str, **params) -> None:
        """Execute the statement ``queries/<name>.sql``."""
        self._run(queries.sql(name), params)

    def read(self, name: str, **params) -> pd.DataFrame:
        """The rows of the query ``queries/<name>.sql``."""
        return self._read(queries.sql(name), params)

    def load(self, table: Table, rows: pd.DataFrame) -> None:
        """Fill a temporary table (created if needed, emptied first) with ``rows``."""
        self._load(table, rows[[column.name for column in table.columns]])

    def finish(self, values: dict) -> None:
        """Write the batch row's final values (after :meth:`add_to_rollups`, which
        runs here if it has not run); the transaction commits on leaving."""
        if not self._in_rollups:
            self.add_to_rollups()
        self._update_batch(values)
        self._finished = True

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            for future, *_ in self._pending:
                future.cancel()
            self._thread.shutdown(wait=True)  # the connection is ours again
        finally:
            self._close(commit=exc_type is None and self._finished)

    def _collect(self) -> None:
        future, rows, done, progress = self._pending.popleft()
        new = future.result()
        stored = int(new.sum())
        if stored:  # counted here, while the writer thread stores the next chunk
            self._counts.add(rows if stored == len(rows) else rows[new])
        for callback in (done, progress):
            if callback:
                callback(stored)

    def _store(self, keys: np.ndarray, data) -> np.ndarray:
        """On the writer thread: store the rows whose keys are not stored yet;
        return which rows were new."""
        if len(keys) == 0:
            return np.zeros(0, dtype=bool)
        new = np.ones(len(keys), dtype=bool)
        if self._stored_span is not None:  # only keys within the stored range can be stored
            low, high = self._stored_span
            maybe = keys[(keys >= low) & (keys <= high)]
            stored = np.sort(self._stored_keys(maybe)) if len(maybe) else maybe
            if len(stored):
                new = stored[np.minimum(np.searchsorted(stored, keys), len(stored) - 1)] != keys
        if new.all():
            self._append(data)
        elif new.any():
            self._append(self._subset(data, new))
        return new

    # Each database implements these eleven.
    def _open(self) -> None:
        raise NotImplementedError

    def _convert(self, rows: pd.DataFrame):
        """The rows in the form :meth:`_append` takes (on the caller's thread)."""
        raise NotImplementedError

    def _subset(self, data, keep: np.ndarray):
        """The rows of converted ``data`` where ``keep`` is true."""
        raise NotImplementedError

    def _key_span(self) -> tuple[int, int] | None:
        """The lowest and highest stored keys; None for an empty table."""
        raise NotImplementedError

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _append(self, data) -> None:
        raise NotImplementedError

    def _update_batch(self, values: dict) -> None:
        raise NotImplementedError

    def _close(self, commit: bool) -> None:
        raise NotImplementedError

    def _run(self, statement, params: dict | None = None) -> None:
        """Execute a SQLAlchemy statement (or a query's text) in the import's transaction."""
        raise NotImplementedError

    def _load(self, table: Table, rows: pd.DataFrame) -> None:
        """Create the temporary ``table`` unless it exists, empty it and insert ``rows``
        (its columns, in order)."""
        raise NotImplementedError

    def _read(self, statement, params: dict | None = None) -> pd.DataFrame:
        """The rows of a query, in the import's transaction."""
        raise NotImplementedError


#: The keys of the chunk being imported, to find those already stored by a join.
incoming_key = Table(
    "incoming_key",
    MetaData(),
    Column("measurement_id", BigInteger, primary_key=True),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


def import_writer(engine: Engine, batch: dict, first: list | None = None) -> ImportWriter:
    """The writer for the engine's database; ``first`` are statements (SQLAlchemy
    Core) to run at the start of its transaction."""
    if engine.dialect.name == "sqlite":
        return _SQLiteWriter(engine, batch, first)
    if engine.dialect.name == "postgresql":
        from dashboard.campaign.bulk_postgres import PostgresWriter  # it builds on this module

        return PostgresWriter(engine, batch, first)
    raise NotImplementedError(f"imports are not implemented for {engine.dialect.name}")


# -- SQLite ------------------------------------------------------------------------


class _SQLiteWriter(ImportWriter):
    """Rows into SQLite with ``executemany``, on a connection of its own.

    It uses Python's own ``sqlite3``, the library the rest of the program reads
    with. A second SQLite library in the same process (such as ADBC's bundled
    one) does not share the first one's file locks or its view of the
    write-ahead log: connections then read stale pages or report a malformed
    file (https://www.sqlite.org/howtocorrupt.html, section 2.2.1).
    """

    def _open(self) -> None:
        # Opened here, used on the writer thread too, never by two threads at once.
        self._connection = sqlite3.connect(
            self.engine.url.database, isolation_level=None, check_same_thread=False, timeout=10
        )  # fmt: skip
        self._cursor = self._connection.cursor()
        self._cursor.execute(f"PRAGMA cache_size={-IMPORT_CACHE_KIB:d}")
        self._cursor.execute("PRAGMA temp_store=MEMORY")  # the table of a chunk's keys
        self._cursor.execute("PRAGMA foreign_keys=ON")
        if self._cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
            # As the app's own connections (store.make_engine): in WAL mode a commit
            # survives a crash of the program; a power cut or an OS crash may lose
            # the last commits, never corrupt the file.
            self._cursor.execute("PRAGMA synchronous=NORMAL")
        self._cursor.execute("BEGIN IMMEDIATE")  # take the write lock now, not half-way
        try:
            for statement in self.first:
                self._run(statement)
            self._run(store.import_batch.insert().values(**_sqlite_values(self.batch)))
            self.import_id = self._cursor.lastrowid
            self._cursor.execute(str(CreateTable(incoming_key).compile(dialect=self.engine.dialect)))
        except BaseException:
            self._close(commit=False)
            raise

    def _key_span(self) -> tuple[int, int] | None:
        self._run(queries.sql("stored_key_range"))
        low, high = self._cursor.fetchone()
        return None if low is None else (low, high)

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        self._cursor.execute(f"DELETE FROM {incoming_key.name}")
        self._cursor.executemany(f"INSERT INTO {incoming_key.name} VALUES (?)", ((k,) for k in keys.tolist()))
        self._run(queries.sql("stored_incoming_keys"))
        return np.array([row[0] for row in self._cursor.fetchall()], dtype="int64")

    def _convert(self, rows: pd.DataFrame) -> tuple[list[str], list[list]]:
        table = arrow_table(rows, booleans_as_int=True)
        return table.column_names, [_python_values(column) for column in table.columns]

    def _subset(self, data: tuple[list[str], list[list]], keep: np.ndarray) -> tuple[list[str], list[list]]:
        names, columns = data
        positions = np.flatnonzero(keep).tolist()
        return names, [[column[i] for i in positions] for column in columns]

    def _append(self, data: tuple[list[str], list[list]]) -> None:
        names, columns = data
        grid = np.empty((len(columns[0]), len(columns)), dtype=object)
        for position, column in enumerate(columns):
            grid[:, position] = column
        # Many rows per statement: SQLite's per-statement work and Python's per-call
        # work are paid once per block instead of once per row.
        per_block = ROWS_PER_INSERT
        whole = len(grid) - len(grid) % per_block
        one_row = f"({', '.join('?' * len(names))})"
        head = f"INSERT INTO {store.measurement.name} ({', '.join(names)}) VALUES "
        if whole:
            self._cursor.executemany(
                head + ", ".join([one_row] * per_block),
                (grid[start : start + per_block].ravel().tolist() for start in range(0, whole, per_block)),
            )  # fmt: skip
        if whole < len(grid):
            self._cursor.executemany(head + one_row, grid[whole:].tolist())

    def _update_batch(self, values: dict) -> None:
        batch = store.import_batch
        self._run(update(batch).where(batch.c.import_id == self.import_id).values(**_sqlite_values(values)))

    def _close(self, commit: bool) -> None:
        try:
            self._cursor.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            self._cursor.close()
            self._connection.close()

    def _read(self, statement, params: dict | None = None) -> pd.DataFrame:
        self._run(statement, params)
        names = [column[0] for column in self._cursor.description]
        return pd.DataFrame(self._cursor.fetchall(), columns=names)

    def _load(self, table: Table, rows: pd.DataFrame) -> None:
        self._cursor.execute(str(CreateTable(table, if_not_exists=True).compile(dialect=self.engine.dialect)))
        self._cursor.execute(f"DELETE FROM {table.name}")
        columns = [rows[name].to_numpy(dtype=object).tolist() for name in rows.columns]
        marks = ", ".join("?" * len(columns))
        self._cursor.executemany(f"INSERT INTO {table.name} VALUES ({marks})", zip(*columns, strict=True))

    def _run(self, statement, params: dict | None = None) -> None:
        compiled = statement.compile(dialect=self.engine.dialect)
        merged = {**compiled.params, **(params or {})}
        self._cursor.execute(str(compiled), [merged[name] for name in compiled.positiontup])


def _python_values(column: pa.ChunkedArray) -> list:
    """A column as a list of Python values for ``executemany``, None for nulls.

    Through NumPy where possible (much faster than Arrow's ``to_pylist``); a float
    NaN is stored by SQLite as NULL.
    """
    if pa.types.is_floating(column.type):
        return column.to_numpy().tolist()
    if pa.types.is_integer(column.type) and column.null_count == 0:
        return column.to_numpy().tolist()
    if pa.types.is_integer(column.type):
        values = column.to_numpy(zero_copy_only=False).astype(object)  # floats with NaN for nulls
        values[column.is_null().to_numpy(zero_copy_only=False)] = None
        return [None if v is None else int(v) for v in values.tolist()]
    return column.to_numpy(zero_copy_only=False).tolist()


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


def arrow_table(rows: pd.DataFrame, booleans_as_int: bool) -> pa.Table:
    """The rows as an Arrow table: times and dates as text, in UTC
    ('YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD'), missing values as nulls.

    The text forms are those SQLAlchemy's SQLite types store and read back, and
    PostgreSQL reads them too. SQLite stores booleans as 0 and 1.
    """
    columns = {}
    for name in rows.columns:
        column = rows[name]
        sql_type = store.measurement.c[name].type if name in store.measurement.c else None
        if pd.api.types.is_datetime64_any_dtype(column):
            is_date = isinstance(sql_type, Date) and not isinstance(sql_type, DateTime)
            stamps = pa.array(column.dt.tz_localize(None) if column.dt.tz is not None else column)
            columns[name] = stamps.cast(pa.date32() if is_date else pa.timestamp("s")).cast(pa.string())
        elif pd.api.types.is_bool_dtype(column) and booleans_as_int:
            columns[name] = pa.array(column.to_numpy(dtype="int64"))
        elif column.dtype == object:
            columns[name] = pa.array(column.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
        else:
            columns[name] = pa.Array.from_pandas(column)
    return pa.table(columns)
