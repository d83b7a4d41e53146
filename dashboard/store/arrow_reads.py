"""A query's rows as an Arrow table, without a DataFrame of Python objects in between.

On PostgreSQL the server writes the rows as CSV (``COPY (query) TO STDOUT``) and
Arrow parses them in C; on SQLite the driver's rows are turned into one Arrow
array per column. Types are those of the values (a query casts its columns, see
``queries/month_snapshot_rows.sql``); the caller casts the table to the schema it
needs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import psycopg
import pyarrow as pa
import pyarrow.csv as pacsv
from psycopg import sql as pgsql
from sqlalchemy.engine import Connection


def read(conn: Connection, statement, params: dict | None = None) -> pa.Table:
    """The rows of ``statement`` (a SQLAlchemy text clause with bound parameters)
    as an Arrow table, in the connection's transaction."""
    if conn.dialect.name == "postgresql":
        return _copied(conn, statement, params or {})
    result = conn.execute(statement, params or {})
    names = list(result.keys())
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    return from_rows(names, rows)


def binary_rows(conn: Connection, statement, params: dict | None = None) -> list[tuple]:
    """The rows of a query that returns large binary values (snapshots): on
    PostgreSQL fetched in binary form (as text, a ``bytea`` travels as hex, twice
    its size, and is decoded in Python: four times slower for a month's snapshot)."""
    if conn.dialect.name != "postgresql":
        return [tuple(row) for row in conn.execute(statement, params or {})]
    compiled = statement.compile(dialect=conn.dialect)
    driver = conn.connection.driver_connection
    assert driver is not None  # the connection is checked out
    with driver.cursor(binary=True) as cursor:
        cursor.execute(str(compiled), {**compiled.params, **(params or {})})
        return cursor.fetchall()


def from_rows(names: list[str], rows: Sequence[Sequence]) -> pa.Table:
    """Rows of a DB-API cursor as an Arrow table (a column of nulls only is typed null)."""
    if not rows:
        return pa.table({name: pa.array([], type=pa.null()) for name in names})
    columns = zip(*rows, strict=True)
    return pa.table({name: pa.array(values) for name, values in zip(names, columns, strict=True)})


def _copied(conn: Connection, statement, params: dict) -> pa.Table:
    """On PostgreSQL: the query's rows through ``COPY ... TO STDOUT`` as CSV.

    COPY takes no bound parameters: psycopg binds them into the text on the client,
    quoting each value (``ClientCursor.mogrify``). The columns' types are the
    server's (the query described first, without rows), so that a text of digits
    stays a text. An empty unquoted field is a NULL; an empty text is written quoted.
    """
    compiled = statement.compile(dialect=conn.dialect)
    driver = conn.connection.driver_connection
    assert driver is not None  # the connection is checked out
    bound = pgsql.SQL(psycopg.ClientCursor(driver).mogrify(str(compiled), {**compiled.params, **params}))
    text = io.BytesIO()
    with driver.cursor() as cursor:
        cursor.execute(pgsql.SQL("select * from ({}) as described limit 0").format(bound))
        assert cursor.description is not None  # a query describes its columns
        types = {column.name: _ARROW_TYPES.get(column.type_code, pa.string()) for column in cursor.description}
        with cursor.copy(pgsql.SQL("COPY ({}) TO STDOUT WITH (FORMAT csv, HEADER true)").format(bound)) as rows:
            for chunk in rows:
                text.write(chunk)
    text.seek(0)
    options = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=False)
    return pacsv.read_csv(text, convert_options=options)


#: PostgreSQL's type codes (OIDs) -> Arrow types; any other type is read as text.
_ARROW_TYPES = {
    16: pa.bool_(),  # boolean
    20: pa.int64(),  # bigint
    21: pa.int64(),  # smallint
    23: pa.int64(),  # integer
    700: pa.float64(),  # real
    701: pa.float64(),  # double precision
    1700: pa.float64(),  # numeric (sums and averages)
    1082: pa.date32(),  # date
    1114: pa.timestamp("us"),  # timestamp without time zone
}
