"""Fast, transactional bulk insert of a DataFrame, skipping rows already present.

SQLite gets the driver's ``executemany`` with ``INSERT … ON CONFLICT DO NOTHING``;
PostgreSQL gets ``COPY`` into a temporary table and one ``INSERT … SELECT … ON
CONFLICT DO NOTHING``. Both statements are compiled by SQLAlchemy from the table
definition and run on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd
from psycopg import sql as pgsql
from sqlalchemy import Column, Date, MetaData, Table, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

CHUNK_ROWS = 100_000
IMPORT_CACHE_KIB = 256 * 1024


def insert_new_rows(
    conn: Connection,
    table: Table,
    frame: pd.DataFrame,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert the rows of ``frame`` (columns named as in ``table``) that conflict
    with no unique key; return how many were inserted."""
    if frame.empty:
        return 0
    columns = list(frame.columns)
    if conn.dialect.name == "sqlite":
        return _insert_sqlite(conn, table, columns, frame, progress)
    if conn.dialect.name == "postgresql":
        return _insert_postgresql(conn, table, columns, frame, progress)
    raise NotImplementedError(f"bulk insert is not implemented for {conn.dialect.name}")


def _insert_sqlite(conn, table, columns, frame, progress) -> int:
    compiled = sqlite_insert(table).on_conflict_do_nothing().compile(dialect=conn.dialect, column_keys=columns)
    order = [columns.index(name) for name in compiled.positiontup]
    dates = {name for name in columns if isinstance(table.c[name].type, Date)}
    cursor = conn.connection.driver_connection.cursor()
    # Random 64-bit keys touch pages all over the unique index: a large page cache
    # for the import doubles the insert rate on a million rows. Restored after.
    default_cache = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute(f"PRAGMA cache_size={-IMPORT_CACHE_KIB:d}")
    inserted = 0
    try:
        for rows in _chunks(frame, order, dates):
            cursor.executemany(str(compiled), rows)
            inserted += cursor.rowcount
            if progress:
                progress(len(rows))
    finally:
        cursor.execute(f"PRAGMA cache_size={int(default_cache):d}")
        cursor.close()
    return inserted


def _insert_postgresql(conn, table, columns, frame, progress) -> int:
    staging = Table(
        f"{table.name}_incoming",
        MetaData(),
        *(Column(c.name, c.type) for c in table.columns if c.name in columns),
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )
    staging.create(conn)
    dates = {name for name in columns if isinstance(table.c[name].type, Date)}
    copy_sql = pgsql.SQL("COPY {} ({}) FROM STDIN").format(
        pgsql.Identifier(staging.name), pgsql.SQL(", ").join(pgsql.Identifier(c) for c in columns)
    )
    move = pg_insert(table).from_select(columns, select(*staging.c)).on_conflict_do_nothing()
    compiled = move.compile(dialect=conn.dialect)
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(copy_sql) as copy:
            for rows in _chunks(frame, range(len(columns)), dates):
                for row in rows:
                    copy.write_row(row)
                if progress:
                    progress(len(rows))
        # The driver's own cursor, because it reports the inserted row count.
        cursor.execute(str(compiled), compiled.params)
        inserted = cursor.rowcount
    finally:
        cursor.close()
    staging.drop(conn)
    return inserted


def _chunks(frame: pd.DataFrame, order, dates: set[str]) -> Iterator[list[tuple]]:
    """Rows as tuples of plain Python values (None for missing), CHUNK_ROWS at a time.

    Columns named in ``dates`` are written as 'YYYY-MM-DD', other timestamps as
    'YYYY-MM-DD HH:MM:SS' (UTC): the text both databases read back as such.
    """
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start : start + CHUNK_ROWS]
        arrays = [_plain(part.iloc[:, i], part.columns[i] in dates) for i in order]
        yield list(zip(*arrays))


def _plain(column: pd.Series, is_date: bool = False) -> list:
    """A column as a list the drivers bind directly: floats, ints, str, bool or None."""
    if pd.api.types.is_datetime64_any_dtype(column):
        values = column.dt.tz_localize(None) if column.dt.tz is not None else column
        unit = "D" if is_date else "s"
        text = np.datetime_as_string(values.to_numpy(dtype=f"datetime64[{unit}]"), unit=unit)
        text = np.char.replace(text, "T", " ").astype(object)
        text[values.isna().to_numpy()] = None
        return text.tolist()
    if pd.api.types.is_float_dtype(column):
        values = column.to_numpy(dtype="float64")
        if np.isnan(values).any():
            return np.where(np.isnan(values), None, values).tolist()
        return values.tolist()
    if pd.api.types.is_bool_dtype(column):
        return column.to_numpy(dtype=bool).tolist()
    if pd.api.types.is_integer_dtype(column):
        if column.hasnans:
            return column.astype(object).where(column.notna(), None).tolist()
        return column.to_numpy(dtype="int64").tolist()
    return column.astype(object).where(column.notna(), None).tolist()
