"""The PostgreSQL side of :mod:`dashboard.store.bulk`: rows in with ``COPY``."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pgpq
import pyarrow as pa
from psycopg import errors as pgerrors
from psycopg import sql as pgsql
from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Table,
    update,
)

from dashboard.store import arrow_reads, queries, tables
from dashboard.store.bulk import TURN_POLL_SECONDS, ImportWriter, StoreRefused, incoming_key
from dashboard.store.turns import import_lock


class PostgresWriter(ImportWriter):
    """Rows into PostgreSQL with COPY, on a SQLAlchemy connection."""

    def _open(self) -> None:
        self._has_key_table = False
        self._transaction = self.engine.begin()
        self._conn = self._transaction.__enter__()
        try:
            self._take_turn()
            key = self._conn.execute(tables.import_batch.insert().values(**self.batch)).inserted_primary_key
            assert key is not None  # a single-row INSERT has its primary key
            self.import_id = key[0]
        except BaseException as exc:
            self._transaction.__exit__(type(exc), exc, exc.__traceback__)
            raise

    def _try_turn(self) -> bool:
        # A lock of the transaction's own, released when it commits or rolls back.
        # The next import's statements (read committed) then see its rows.
        if self._conn.execute(import_lock()).scalar():
            return True
        time.sleep(TURN_POLL_SECONDS)
        return False

    def _key_span(self) -> tuple[int, int] | None:
        low, high = queries.run(self._conn, "stored_key_range").iloc[0]
        return None if pd.isna(low) else (int(low), int(high))

    def _stored_keys(self, keys: np.ndarray) -> np.ndarray:
        if not self._has_key_table:
            incoming_key.create(self._conn)
            self._has_key_table = True
        self._conn.execute(incoming_key.delete())
        self._copy(incoming_key, pa.table({"measurement_id": pa.array(keys, type=pa.int64())}))
        return queries.run(self._conn, "stored_incoming_keys")["measurement_id"].to_numpy()

    def _convert(self, rows: pd.DataFrame) -> pa.Table:
        return typed_table(rows, tables.measurement)

    def _subset(self, data: pa.Table, keep: np.ndarray) -> pa.Table:
        return data.filter(pa.array(keep))

    def _append(self, data: pa.Table) -> None:
        self._copy(tables.measurement, data)

    def _copy(self, table: Table, data: pa.Table) -> None:
        """COPY an Arrow table (typed as :func:`typed_table` types it) in binary form,
        encoded by pgpq in compiled code: no text for the server to parse, no Python
        loop per row."""
        copy_sql = pgsql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT binary)").format(
            pgsql.Identifier(table.name), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in data.column_names)
        )
        encoder = pgpq.ArrowToPostgresBinaryEncoder(data.schema)
        driver = self._conn.connection.driver_connection
        assert driver is not None  # the connection is checked out for the whole transaction
        cursor = driver.cursor()
        try:
            with cursor.copy(copy_sql) as copy:
                copy.write(encoder.write_header())
                for batch in data.to_batches():
                    copy.write(encoder.write_batch(batch))
                copy.write(encoder.finish())
        except pgerrors.DataError as exc:
            # The rows are checked before they come here (measurement_rows), so this
            # is a last guard. PostgreSQL's message names the line and quotes the
            # value (a phone, say); only the first, general line is passed on.
            primary = exc.diag.message_primary or "a value does not fit its column"
            raise StoreRefused("value_refused", detail=primary) from None
        finally:
            cursor.close()

    def _update_batch(self, values: dict) -> None:
        batch = tables.import_batch
        self._conn.execute(update(batch).where(batch.c.import_id == self.import_id).values(**values))

    def _run(self, statement, params: dict | None = None) -> None:
        self._conn.execute(statement, params or {})

    def _load(self, table: Table, rows: pd.DataFrame) -> None:
        table.create(self._conn, checkfirst=True)  # dropped at commit
        self._conn.execute(table.delete())
        self._copy(table, typed_table(rows, table))

    def _read(self, statement, params: dict | None = None) -> pd.DataFrame:
        result = self._conn.execute(statement, params or {})
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def _read_arrow(self, statement, params: dict | None = None) -> pa.Table:
        # Through COPY: see arrow_reads.
        return arrow_reads.read(self._conn, statement, params)

    def _close(self, commit: bool) -> None:
        if commit:
            self._transaction.__exit__(None, None, None)
        else:
            error = RuntimeError("import abandoned")
            self._transaction.__exit__(RuntimeError, error, None)


def typed_table(rows: pd.DataFrame, table: Table) -> pa.Table:
    """The rows as an Arrow table whose types are those of ``table``'s columns in
    PostgreSQL's binary form (bigint as int64, double precision as float64, a
    timestamp in microseconds, a date as date32, text as large strings); missing
    values, NaN included, as nulls. Times are kept to the second, as stored."""
    columns = {}
    for name in rows.columns:
        column = rows[name]
        if pd.api.types.is_datetime64_any_dtype(column) and column.dt.tz is not None:
            column = column.dt.tz_convert("UTC").dt.tz_localize(None)
        values = pa.Array.from_pandas(column)
        sql_type = table.c[name].type
        if pa.types.is_timestamp(values.type):
            values = values.cast(pa.timestamp("s"))
        columns[name] = values.cast(_arrow_type(sql_type))
    return pa.table(columns)


def _arrow_type(sql_type) -> pa.DataType:
    """The Arrow type pgpq encodes as the column's PostgreSQL type."""
    checks = [
        (Boolean, pa.bool_()),
        (SmallInteger, pa.int16()),
        (BigInteger, pa.int64()),
        (Integer, pa.int32()),
        (Float, pa.float64()),
        (DateTime, pa.timestamp("us")),
        (Date, pa.date32()),
        (LargeBinary, pa.large_binary()),
        (String, pa.large_string()),
    ]
    for kind, arrow in checks:
        if isinstance(sql_type, kind):
            return arrow
    raise TypeError(f"no binary COPY type for {sql_type!r}")
