"""The PostgreSQL side of :mod:`dashboard.store.bulk`: rows in with ``COPY``."""

from __future__ import annotations

import io
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg import errors as pgerrors
from psycopg import sql as pgsql
from sqlalchemy import Table, update

from dashboard.store import arrow_reads, queries, tables
from dashboard.store.bulk import TURN_POLL_SECONDS, ImportWriter, StoreRefused, arrow_table, incoming_key
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
        self._copy(incoming_key.name, pa.table({"measurement_id": pa.array(keys, type=pa.int64())}))
        return queries.run(self._conn, "stored_incoming_keys")["measurement_id"].to_numpy()

    def _convert(self, rows: pd.DataFrame) -> pa.Table:
        return arrow_table(rows, booleans_as_int=False)

    def _subset(self, data: pa.Table, keep: np.ndarray) -> pa.Table:
        return data.filter(pa.array(keep))

    def _append(self, data: pa.Table) -> None:
        self._copy(tables.measurement.name, data)

    def _copy(self, table: str, data: pa.Table) -> None:
        """COPY an Arrow table in as CSV, written by Arrow in C (not a Python loop per row)."""
        copy_sql = pgsql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv)").format(
            pgsql.Identifier(table), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in data.column_names)
        )
        text = io.BytesIO()
        # Every value quoted, nulls left empty: PostgreSQL reads an unquoted empty field as NULL.
        pacsv.write_csv(data, text, pacsv.WriteOptions(include_header=False, quoting_style="all_valid"))
        driver = self._conn.connection.driver_connection
        assert driver is not None  # the connection is checked out for the whole transaction
        cursor = driver.cursor()
        try:
            with cursor.copy(copy_sql) as copy:
                copy.write(text.getbuffer())
        except pgerrors.DataError as exc:
            # The rows are checked before they come here (measurement_rows), so this
            # is a last guard. PostgreSQL's message names the line and quotes the
            # value (a phone, say); only the first, general line is passed on.
            primary = exc.diag.message_primary or "a value does not fit its column"
            raise StoreRefused(f"the database refused a value of this file ({primary}); nothing was imported") from None
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
        self._copy(table.name, pa.Table.from_pandas(rows, preserve_index=False))

    def _read(self, statement, params: dict | None = None) -> pd.DataFrame:
        result = self._conn.execute(statement, params or {})
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table, in the
        import's transaction (through COPY: see ``arrow_reads``)."""
        return arrow_reads.read(self._conn, queries.sql(name), params)

    def _close(self, commit: bool) -> None:
        if commit:
            self._transaction.__exit__(None, None, None)
        else:
            error = RuntimeError("import abandoned")
            self._transaction.__exit__(RuntimeError, error, None)
