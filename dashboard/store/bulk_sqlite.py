"""The SQLite side of :mod:`bulk`: rows into SQLite with ``executemany``, on a
connection of the import's own, in one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Table, bindparam, delete, insert, update
from sqlalchemy.schema import CreateTable

from dashboard.store import arrow_reads, queries, tables
from dashboard.store.bulk import (
    ROWS_PER_INSERT,
    TURN_POLL_SECONDS,
    ImportWriter,
    arrow_table,
    incoming_key,
)

#: Page cache for the import connection: 64 MiB (a negative size is in KiB).
#: Chunks arrive in key order, so the indexes are visited in order too; more cache
#: (256 MiB was tried) made a million-row import no faster, only bigger. PRAGMAs
#: take no bound parameters: the value is written out here.
CACHE_PRAGMA = "PRAGMA cache_size=-65536"


class SQLiteWriter(ImportWriter):
    """Rows into SQLite with ``executemany``, on a connection of its own.

    It uses Python's own ``sqlite3``, the library the rest of the program reads
    with. A second SQLite library in the same process (such as ADBC's bundled
    one) does not share the first one's file locks or its view of the
    write-ahead log: connections then read stale pages or report a malformed
    file (https://www.sqlite.org/howtocorrupt.html, section 2.2.1).
    """

    def _open(self) -> None:
        # Opened here, used on the writer thread too, never by two threads at once.
        # A busy database is waited for TURN_POLL_SECONDS at a time (see _try_turn).
        assert self.engine.url.database is not None  # a SQLite URL names its file
        self._connection = sqlite3.connect(
            self.engine.url.database, isolation_level=None, check_same_thread=False, timeout=TURN_POLL_SECONDS
        )
        self._cursor = self._connection.cursor()
        self._in_transaction = False
        self._inserts: dict[tuple[tuple[str, ...], int], str] = {}
        try:
            self._cursor.execute(CACHE_PRAGMA)
            self._cursor.execute("PRAGMA temp_store=MEMORY")  # the table of a chunk's keys
            self._cursor.execute("PRAGMA foreign_keys=ON")
            if self._cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                # As the app's own connections (database.make_engine): in WAL mode a commit
                # survives a crash of the program; a power cut or an OS crash may lose
                # the last commits, never corrupt the file.
                self._cursor.execute("PRAGMA synchronous=NORMAL")
            self._take_turn()
            self._run(tables.import_batch.insert().values(**_sqlite_values(self.batch)))
            self.import_id = self._cursor.lastrowid
            self._cursor.execute(str(CreateTable(incoming_key).compile(dialect=self.engine.dialect)))
        except BaseException:
            self._close(commit=False)
            raise

    def _try_turn(self) -> bool:
        # The write lock, taken now rather than half-way; in WAL mode readers never wait for it.
        try:
            self._cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                raise
            return False
        self._in_transaction = True
        return True

    def _key_span(self) -> tuple[int, int] | None:
        self._run(queries.sql("stored_key_range"))
        low, high = self._cursor.fetchone()
        return None if low is None else (low, high)

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        self._cursor.execute(self._sql(delete(incoming_key)))
        self._cursor.executemany(self._sql(insert(incoming_key)), ((k,) for k in keys.tolist()))
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
        # The columns in the table's order, the order of the compiled statement's marks.
        by_name = dict(zip(names, columns, strict=True))
        order = [column.name for column in tables.measurement.columns if column.name in by_name]
        grid = np.empty((len(columns[0]), len(order)), dtype=object)
        for position, name in enumerate(order):
            grid[:, position] = by_name[name]
        # Many rows per statement: SQLite's per-statement work and Python's per-call
        # work are paid once per block instead of once per row.
        per_block = ROWS_PER_INSERT
        whole = len(grid) - len(grid) % per_block
        if whole:
            self._cursor.executemany(
                self._insert_rows(tuple(order), per_block),
                (grid[start : start + per_block].ravel().tolist() for start in range(0, whole, per_block)),
            )
        if whole < len(grid):
            self._cursor.executemany(self._insert_rows(tuple(order), 1), grid[whole:].tolist())

    def _insert_rows(self, names: tuple[str, ...], rows: int) -> str:
        """An INSERT of ``rows`` measurements (columns ``names``, in the table's order),
        compiled once per shape: its marks take the rows' values one row after another."""
        key = (names, rows)
        if key not in self._inserts:
            values: list[dict[str, Any]] = [
                {name: bindparam(f"r{row}_{name}") for name in names} for row in range(rows)
            ]
            compiled = insert(tables.measurement).values(values).compile(dialect=self.engine.dialect)
            assert compiled.positiontup == [f"r{row}_{name}" for row in range(rows) for name in names]
            self._inserts[key] = str(compiled)
        return self._inserts[key]

    def _sql(self, statement) -> str:
        """A SQLAlchemy statement without values as SQLite's text (``?`` marks)."""
        return str(statement.compile(dialect=self.engine.dialect))

    def _update_batch(self, values: dict) -> None:
        batch = tables.import_batch
        self._run(update(batch).where(batch.c.import_id == self.import_id).values(**_sqlite_values(values)))

    def _close(self, commit: bool) -> None:
        try:
            if self._in_transaction:
                self._cursor.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            self._cursor.close()
            self._connection.close()

    def _read(self, statement, params: dict | None = None) -> pd.DataFrame:
        self._run(statement, params)
        names = [column[0] for column in self._cursor.description]
        return pd.DataFrame(self._cursor.fetchall(), columns=names)

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table, in the
        import's transaction (the snapshots of the months it changed)."""
        self._run(queries.sql(name), params)
        return arrow_reads.from_rows([column[0] for column in self._cursor.description], self._cursor.fetchall())

    def _load(self, table: Table, rows: pd.DataFrame) -> None:
        self._cursor.execute(str(CreateTable(table, if_not_exists=True).compile(dialect=self.engine.dialect)))
        self._cursor.execute(self._sql(delete(table)))
        columns = [rows[name].to_numpy(dtype=object).tolist() for name in rows.columns]
        statement = insert(table).values({name: bindparam(name) for name in rows.columns})
        self._cursor.executemany(self._sql(statement), zip(*columns, strict=True))

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
