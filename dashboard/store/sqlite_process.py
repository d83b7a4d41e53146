"""The SQLite import writer's own process: runs one import's transaction through
ADBC's SQLite driver, which binds Arrow columns in C.

ADBC's driver carries its own SQLite library. Two SQLite libraries in one process
do not share their file locks or their view of the write-ahead log (a connection
of one then reads stale pages or finds the file malformed:
https://www.sqlite.org/howtocorrupt.html, section 2.2.1). So this program runs in
a process of its own, started by :mod:`dashboard.store.writer_process`, and
imports nothing that opens SQLite another way: only the standard library,
pyarrow and the ADBC driver (not its DB-API module, which brings pandas and adds
a quarter of a second to each start).

It reads requests from its standard input and answers each on its standard
output: an 8-byte length, then a pickle (both ends are this program and its
parent). A request is ``(operation, arguments)``; an answer ``("ok", value)`` or
``("error", kind, message)``. The transaction commits only on a ``commit``
request: when the parent goes away (its pipe closes, even by kill -9), the
process ends and SQLite rolls the open transaction back.

Run as a file, not as a module of the ``dashboard`` package, so that nothing of
the package is imported.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
from typing import Any, BinaryIO

import adbc_driver_manager as adbc
import adbc_driver_sqlite
import pyarrow as pa

#: Rows the driver reads before fixing a result column's type: all of them. With
#: fewer, a column whose first rows are all NULL is typed INTEGER and a later text
#: value fails the read.
BATCH_ROWS = str(1 << 26)
HEADER = struct.Struct("<Q")
#: The requests a connection answers besides ``open`` and ``close``.
OPERATIONS = frozenset({"execute", "query", "begin", "ingest"})


class Connection:
    """One connection to the database file, in autocommit mode: the transaction is
    begun and ended by the statements the parent sends (BEGIN IMMEDIATE, COMMIT)."""

    def __init__(self, path: str, pragmas: list[str]):
        self.database = adbc_driver_sqlite.connect(path)
        self.connection = adbc.AdbcConnection(self.database)
        for pragma in pragmas:
            self.query(pragma, None)

    def _statement(self, sql: str, params: pa.RecordBatch | None) -> adbc.AdbcStatement:
        # The values come as Arrow columns: pyarrow would import pandas (a fifth of a
        # second) the first time it made an array of Python values here.
        statement = adbc.AdbcStatement(self.connection)
        statement.set_options(**{"adbc.sqlite.query.batch_rows": BATCH_ROWS})
        statement.set_sql_query(sql)
        if params is not None:
            statement.bind(params)
        return statement

    def execute(self, sql: str, params: pa.RecordBatch | None) -> int:
        """Run a statement; how many rows it changed (-1 if the driver cannot say)."""
        statement = self._statement(sql, params)
        try:
            return statement.execute_update()
        finally:
            statement.close()

    def query(self, sql: str, params: pa.RecordBatch | None) -> pa.Table:
        """The rows of a query, as an Arrow table."""
        statement = self._statement(sql, params)
        try:
            handle, _ = statement.execute_query()
            return pa.RecordBatchReader._import_from_c(handle.address).read_all()
        finally:
            statement.close()

    def begin(self) -> bool:
        """BEGIN IMMEDIATE: the write lock now; False if another connection holds it
        (after the busy timeout the parent set)."""
        try:
            self.execute("BEGIN IMMEDIATE", None)
        except adbc.OperationalError as exc:
            if _error_kind(exc) == "busy":
                return False
            raise
        return True

    def ingest(self, table_name: str, data: pa.Table, temporary: bool) -> int:
        """Append Arrow rows to a table (named columns; bound in C, row by row)."""
        statement = adbc.AdbcStatement(self.connection)
        try:
            options = {
                adbc.StatementOptions.INGEST_TARGET_TABLE.value: table_name,
                adbc.StatementOptions.INGEST_MODE.value: adbc.INGEST_OPTION_MODE_APPEND,
                adbc.StatementOptions.INGEST_TEMPORARY.value: "true" if temporary else "false",
            }
            statement.set_options(**options)
            statement.bind_stream(data)
            return statement.execute_update()
        finally:
            statement.close()

    def close(self) -> None:
        """Close the connection (an open transaction rolls back)."""
        self.connection.close()
        self.database.close()


def _read(stream: BinaryIO) -> Any:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None  # the parent has gone
    (size,) = HEADER.unpack(header)
    body = stream.read(size)
    if len(body) < size:
        return None
    return pickle.loads(body)


def _write(stream: BinaryIO, message: Any) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(HEADER.pack(len(body)))
    stream.write(body)
    stream.flush()


def _error_kind(exc: BaseException) -> str:
    """What the parent needs to know of an error: a broken rule of the schema (a
    constraint), a busy database, or anything else."""
    if isinstance(exc, adbc.IntegrityError) or "constraint failed" in str(exc):
        return "constraint"
    if "database is locked" in str(exc):
        return "busy"
    return "other"


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Answer requests until ``close`` or the end of the input."""
    connection: Connection | None = None
    while True:
        request = _read(requests)
        if request is None:
            break
        operation, arguments = request
        try:
            if operation == "open":
                connection = Connection(*arguments)
                value: Any = None
            elif connection is None or operation not in OPERATIONS | {"close"}:
                raise RuntimeError(f"unexpected request {operation!r}")
            elif operation == "close":
                connection.close()
                connection = None
                with contextlib.suppress(OSError):
                    _write(answers, ("ok", None))
                break
            else:
                value = getattr(connection, operation)(*arguments)
        except Exception as exc:  # every error goes back to the parent, which raises it
            answer: tuple = ("error", _error_kind(exc), f"{type(exc).__name__}: {exc}")
        else:
            answer = ("ok", value)
        try:
            _write(answers, answer)
        except OSError:  # the parent has gone (BrokenPipeError): nothing is committed
            break
    if connection is not None:
        connection.close()  # not committed: rolled back


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
    # The connection is closed: end now, without the interpreter's slow tidying up
    # (the parent waits for this exit).
    sys.stdout.flush()
    os._exit(0)
