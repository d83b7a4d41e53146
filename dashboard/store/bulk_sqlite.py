"""The SQLite side of :mod:`bulk`: an import's transaction run in a process of its
own (:mod:`.sqlite_process`), where ADBC's SQLite driver binds Arrow columns in C.

Statements are compiled here by SQLAlchemy for SQLite, with their values made
plain (text times, 0 and 1), and sent with the rows as Arrow tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Date, DateTime, Table, delete, insert, update
from sqlalchemy.schema import CreateTable

from dashboard.store import queries, tables, writer_process
from dashboard.store.bulk import TURN_POLL_SECONDS, ImportWriter, StoreRefused, incoming_key
from dashboard.store.writer_process import WriterError, WriterGone

#: Page cache for the import connection: 64 MiB (a negative size is in KiB).
#: Chunks arrive in key order, so the indexes are visited in order too; more cache
#: (256 MiB was tried) made a million-row import no faster, only bigger. PRAGMAs
#: take no bound parameters: the values are written out here.
PRAGMAS = [
    "PRAGMA cache_size=-65536",
    "PRAGMA temp_store=MEMORY",  # the temporary tables of counts and keys
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={int(TURN_POLL_SECONDS * 1000)}",  # each try for the import's turn
]
#: A chunk's stored keys are read by the key range when the range holds at most
#: this many stored keys per key of the chunk; else looked up one by one.
RANGE_FACTOR = 4


class SQLiteWriter(ImportWriter):
    """An import's transaction in the writer's own process.

    The rest of the program reads and writes SQLite with Python's own
    ``sqlite3``. ADBC's driver carries a second SQLite library; in one process two
    libraries lose each other's file locks (https://www.sqlite.org/howtocorrupt.html,
    section 2.2.1), so the driver runs only in :mod:`.sqlite_process`. If either
    process dies, the transaction is rolled back by SQLite.
    """

    def _open(self) -> None:
        assert self.engine.url.database is not None  # a SQLite URL names its file
        self._in_transaction = False
        self._has_key_table = False
        self._process = writer_process.take()
        try:
            self._call("open", self.engine.url.database, PRAGMAS)
            if self._call("query", "PRAGMA journal_mode", None).column(0)[0].as_py().lower() == "wal":
                # As the app's own connections (database.make_engine): in WAL mode a commit
                # survives a crash of the program; a power cut or an OS crash may lose
                # the last commits, never corrupt the file.
                self._call("execute", "PRAGMA synchronous=NORMAL", None)
            self._take_turn()
            batch = tables.import_batch
            inserted = self._query(insert(batch).values(**self.batch).returning(batch.c.import_id))
            self.import_id = int(inserted.column(0)[0].as_py())
        except BaseException:
            self._close(commit=False)
            raise

    def _try_turn(self) -> bool:
        # The write lock, taken now rather than half-way; in WAL mode readers never wait for it.
        self._in_transaction = self._call("begin")
        return self._in_transaction

    def _key_span(self) -> tuple[int, int] | None:
        low, high = self._query(queries.sql("stored_key_range")).to_pylist()[0].values()
        return None if low is None else (low, high)

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        limit = RANGE_FACTOR * len(keys)
        params = {"low": int(keys.min()), "high": int(keys.max()), "limit_rows": limit + 1}
        stored = self._query(queries.sql("stored_keys_between"), params).column(0).to_numpy()
        if len(stored) <= limit:
            return stored
        # Spread over many stored keys (an old file among newer ones): look up each key.
        if not self._has_key_table:
            self._run(CreateTable(incoming_key))
            self._has_key_table = True
        self._run(delete(incoming_key))
        self._call("ingest", incoming_key.name, pa.table({"measurement_id": pa.array(keys)}), True)
        return self._query(queries.sql("stored_incoming_keys")).column(0).to_numpy()

    def _convert(self, rows: pd.DataFrame) -> pa.Table:
        return sqlite_table(rows)

    def _subset(self, data: pa.Table, keep: np.ndarray) -> pa.Table:
        return data.filter(pa.array(keep))

    def _append(self, data: pa.Table) -> None:
        self._call("ingest", tables.measurement.name, data, False)

    def _update_batch(self, values: dict) -> None:
        batch = tables.import_batch
        self._run(update(batch).where(batch.c.import_id == self.import_id).values(**values))

    def _close(self, commit: bool) -> None:
        try:
            if self._in_transaction:
                self._in_transaction = False
                self._call("execute", "COMMIT" if commit else "ROLLBACK", None)
        except StoreRefused:
            if commit:
                raise
        finally:
            self._process.close()  # the process ends; had it not committed, SQLite rolls back

    def _read(self, statement, params: dict | None = None) -> pd.DataFrame:
        result = self._query(statement, params)
        # As a cursor's rows would be: Python values, None for NULL.
        columns = [column.to_pylist() for column in result.columns]
        return pd.DataFrame(list(zip(*columns, strict=True)), columns=result.column_names)

    def _read_arrow(self, statement, params: dict | None = None) -> pa.Table:
        return self._query(statement, params)

    def _load(self, table: Table, rows: pd.DataFrame) -> None:
        self._run(CreateTable(table, if_not_exists=True))
        self._run(delete(table))
        if len(rows):
            self._call("ingest", table.name, sqlite_table(rows), True)

    def _run(self, statement, params: dict | None = None) -> None:
        self._call("execute", *self._compiled(statement, params))

    def _query(self, statement, params: dict | None = None) -> pa.Table:
        """The rows of a statement (with its values) as an Arrow table."""
        return self._call("query", *self._compiled(statement, params))

    def _compiled(self, statement, params: dict | None) -> tuple[str, pa.RecordBatch | None]:
        """SQLite's text of a statement (``?`` marks) and its values in order, made
        plain as SQLAlchemy would bind them (its types' bind processors), as one row
        of Arrow columns (None when it has none)."""
        compiled = statement.compile(dialect=self.engine.dialect)
        if not hasattr(compiled, "positiontup"):  # DDL: no values
            return str(compiled), None
        values = compiled.construct_params(params or {})
        # SQLAlchemy has no public accessor for these; they turn a datetime into
        # the text its SQLite DateTime type stores, a bool into 0 or 1, and so on.
        processors = compiled._bind_processors
        plain = []
        for name in compiled.positiontup or []:
            value = values[name]
            processor = processors.get(name)
            plain.append(_plain(processor(value) if processor is not None and value is not None else value))
        if not plain:
            return str(compiled), None
        names = [str(position) for position in range(len(plain))]
        return str(compiled), pa.record_batch([pa.array([value]) for value in plain], names=names)

    def _call(self, operation: str, *arguments: Any) -> Any:
        """A request to the writer's process; its refusals raised as StoreRefused."""
        try:
            return self._process.call(operation, *arguments)
        except WriterGone as exc:
            raise StoreRefused("writer_gone", exit_code=str(exc.exit_code)) from None
        except WriterError as exc:
            if exc.kind == "constraint":
                # The rows are checked before they come here (measurement_rows): a last
                # guard, whose message may quote a value; the general words only.
                raise StoreRefused("row_refused") from exc
            raise


def _plain(value: Any) -> Any:
    """A value as SQLite stores it: text for times and dates, 0/1, Python numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def sqlite_table(rows: pd.DataFrame) -> pa.Table:
    """The rows as an Arrow table: times and dates as text, in UTC
    ('YYYY-MM-DD HH:MM:SS', 'YYYY-MM-DD'), missing values as nulls.

    The text forms are those SQLAlchemy's SQLite types store and read back;
    booleans as 0 and 1, as SQLite stores them.
    """
    columns = {}
    for name in rows.columns:
        column = rows[name]
        sql_type = tables.measurement.c[name].type if name in tables.measurement.c else None
        if pd.api.types.is_datetime64_any_dtype(column):
            is_date = isinstance(sql_type, Date) and not isinstance(sql_type, DateTime)
            stamps = pa.array(column.dt.tz_localize(None) if column.dt.tz is not None else column)
            columns[name] = stamps.cast(pa.date32() if is_date else pa.timestamp("s")).cast(pa.string())
        elif pd.api.types.is_bool_dtype(column):
            columns[name] = pa.array(column.to_numpy(dtype="int64"))
        elif column.dtype == object:
            columns[name] = pa.array(column.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
        else:
            columns[name] = pa.Array.from_pandas(column)
    return pa.table(columns)
