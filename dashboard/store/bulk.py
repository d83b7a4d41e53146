"""Store one import — its ``import_batch`` row and its new measurements — in a
single transaction, as fast as each database allows.

Chunks are written on a thread of the writer's own while the caller prepares the
next chunk: the database drivers and Arrow release the GIL, and SQLite's rows are
written by a process of their own (:mod:`.sqlite_process`), so on two cores the
cleaning and the writing overlap. Measurement keys rise with time (see
``keys.measurement_keys``). A key outside the range of the keys stored when the
import began cannot be stored; those inside it are looked up (by the key range
on SQLite, with a join on a temporary table of the chunk's keys on PostgreSQL),
and only the new rows are written: by ADBC's ingest of Arrow columns on SQLite,
through ``COPY`` on PostgreSQL. Statements are compiled by SQLAlchemy from the
table definitions or read from ``queries/``; no SQL is built from strings.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import BigInteger, Column, MetaData, Table
from sqlalchemy.engine import Engine

from dashboard.refusals import Refusal, duration
from dashboard.store import import_counts, queries, rollups, snapshots

#: Chunks handed to the writer thread and not yet stored. One is written while
#: the next is prepared; the others smooth out uneven chunks and, where the
#: writer is the slower (COPY on PostgreSQL), leave it work to do while this
#: thread computes the rollups. Each waiting chunk holds its rows in memory
#: (about 12 MB for 40,000 rows).
WRITE_AHEAD = 4
#: How long an import waits for its turn before giving up. Imports take turns on
#: both databases: SQLite lets one connection write at a time, and two imports
#: of one file at once on PostgreSQL would both store its rows.
WAIT_LIMIT_SECONDS = 600.0
#: The key span of an empty table: no key lies within it (the lowest above the
#: highest), so no month, and no key, has to be looked up.
NO_KEYS = (int(np.iinfo(np.int64).max), int(np.iinfo(np.int64).min))
#: How often a waiting import tries again (on SQLite, each try waits this long).
TURN_POLL_SECONDS = 1.0

Progress = Callable[[int], None] | None
#: Called with how many rows of a chunk were new, and those rows.
Done = Callable[[int, pd.DataFrame], None] | None


@dataclass
class _Chunk:
    """A chunk handed to the writer thread: its rows, and whether they have been
    counted (as new) already."""

    stored: Future
    rows: pd.DataFrame
    done: Done
    progress: Progress
    counted: bool


class StoreRefused(Refusal):
    """The database refused the import; the refusal is for the user and quotes no value."""


class DatabaseBusy(StoreRefused):
    """Another import held the database for the whole wait."""


class ImportWriter:
    """One import's transaction: ``import_batch`` row first, then chunks of rows.

    Use as a context manager; call :meth:`write` for each chunk, :meth:`count`
    to know every chunk's new rows (or :meth:`flush` to wait until all are
    stored), and :meth:`finish` with the batch row's final values. Leaving the
    block without ``finish`` (or with an exception) waits for the chunk being
    written, drops those still waiting and rolls everything back.
    An error on the writer thread is raised again on the caller's, at the next
    :meth:`write`, :meth:`flush` or :meth:`finish`.

    Imports take turns: one that finds another under way calls ``on_wait()`` once
    (on the caller's thread) and waits, up to ``wait_limit`` seconds, then raises
    DatabaseBusy.
    """

    def __init__(
        self,
        engine: Engine,
        batch: dict,
        first: list | Callable[[], list] | None = None,
        on_wait: Callable[[], None] | None = None,
        wait_limit: float = WAIT_LIMIT_SECONDS,
    ):
        self.engine = engine
        self.batch = batch
        #: Statements run at the start of the transaction (clearing the demo campaign);
        #: a function giving them is called once the import's turn has come.
        self.first = first or []
        self.on_wait = on_wait
        self.wait_limit = wait_limit
        #: Whether the import waited for another one (which may have changed what it read before).
        self.waited = False
        self.import_id: int | None = None
        self._finished = False
        self._pending: deque[_Chunk] = deque()
        #: Statements queued on the writer's thread after the chunks (see :meth:`run`).
        self._statements: deque[Future] = deque()
        self._counts = import_counts.ImportCounts()
        #: The placed tests stored, as the months' snapshots hold them.
        self._placed: list[pa.Table] = []
        self._in_rollups = False
        self._thread: ThreadPoolExecutor | None = None

    def __enter__(self) -> ImportWriter:
        self._open()
        try:
            # Read once, in the import's turn: rows added later are its own, and
            # the caller drops a file's repeats before they come here.
            self._stored_span = self._key_span() or NO_KEYS
        except BaseException:
            self._close(commit=False)
            raise
        # One thread: chunks are stored in the order given, on one connection.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-writer")
        return self

    def write(self, rows: pd.DataFrame, done: Done = None, progress: Progress = None) -> None:
        """Queue rows to be stored on the writer thread; those already stored are skipped.

        ``done(stored, stored_rows)`` is called on the caller's thread with how many
        of the chunk's rows are new, and those rows: at once when none of its keys
        can be stored already (all lie outside the range stored when the import
        began, as a new month's do), else once the chunk is stored.
        ``progress(stored)`` is called once the chunk is stored.
        """
        while len(self._pending) >= WRITE_AHEAD:
            self._collect()
        keys = rows["measurement_id"].to_numpy(dtype="int64")
        # Converted here, so that the writer thread spends its time in the driver.
        data = self._convert(rows.assign(import_id=self.import_id))
        assert self._thread is not None  # started in __enter__
        stored = self._thread.submit(self._store, keys, data)
        # New rows are counted as soon as they are known to be new, while the writer
        # stores the chunks before them: the rollups can then be computed before
        # the last chunks are stored.
        counted = len(keys) > 0 and self._all_new(keys)
        if counted:
            self._count(rows, done)
        self._pending.append(_Chunk(stored, rows, done, progress, counted))

    def count(self) -> None:
        """Wait until every chunk's new rows are known (each ``done`` called); the
        last chunks may still be being stored."""
        while any(not chunk.counted for chunk in self._pending):
            self._collect()

    def flush(self) -> None:
        """Wait until every queued chunk is stored and every queued statement has
        run (raising the writer's error, if any)."""
        while self._pending:
            self._collect()
        while self._statements:
            self._statements.popleft().result()

    def add_to_rollups(self) -> None:
        """Add the import to the rollups, once every chunk's new rows are known.
        The rollups' statements are queued after the chunks; what they compute
        before their first read overlaps the storing of the last chunks."""
        self.count()
        assert self.import_id is not None  # the batch row is inserted in _open
        placed = pa.concat_tables(self._placed) if self._placed else snapshots.SCHEMA.empty_table()
        self._placed = []
        rollups.add_import(self, self._counts, placed, self._stored_span)
        self._in_rollups = True

    # The rollups' Database (rollups.Database), in the import's transaction. Statements
    # that return nothing are queued on the writer's thread, in order, so that the
    # database runs them while this thread computes what comes next (the rollups'
    # counts, the months' snapshots and medians); a read waits for them first.
    def run(self, name: str, **params) -> None:
        """Queue the statement ``queries/<name>.sql`` (its error, if any, is raised at
        the next read, :meth:`flush` or :meth:`finish`)."""
        self._later(self._run, queries.sql(name), params)

    def read(self, name: str, **params) -> pd.DataFrame:
        """The rows of the query ``queries/<name>.sql``, once the queued statements have run."""
        self.flush()
        return self._read(queries.sql(name), params)

    def load(self, table: Table, rows: pd.DataFrame) -> None:
        """Queue filling a temporary table (created if needed, emptied first) with ``rows``."""
        self._later(self._load, table, rows[[column.name for column in table.columns]])

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table, once the
        queued statements have run."""
        self.flush()
        return self._read_arrow(queries.sql(name), params)

    def finish(self, values: dict) -> None:
        """Write the batch row's final values (after :meth:`add_to_rollups`, which
        runs here if it has not run); the transaction commits on leaving."""
        if not self._in_rollups:
            self.add_to_rollups()
        self.flush()
        self._update_batch(values)
        self._finished = True

    def _later(self, work: Callable, *arguments) -> None:
        assert self._thread is not None  # started in __enter__
        self._statements.append(self._thread.submit(work, *arguments))

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            for chunk in self._pending:
                chunk.stored.cancel()
            for future in self._statements:
                future.cancel()
            assert self._thread is not None  # started in __enter__, which ran to reach __exit__
            self._thread.shutdown(wait=True)  # the connection is ours again
        finally:
            self._close(commit=exc_type is None and self._finished)

    def _collect(self) -> None:
        chunk = self._pending.popleft()
        new = chunk.stored.result()
        stored = int(new.sum())
        if chunk.counted:
            if stored != len(chunk.rows):  # the import holds its turn: no other can store them
                raise RuntimeError(f"{len(chunk.rows) - stored} rows counted as new were stored already")
        else:  # counted here, while the writer thread stores the next chunk
            self._count(chunk.rows if stored == len(chunk.rows) else chunk.rows[new], chunk.done)
        if chunk.progress:
            chunk.progress(stored)

    def _count(self, rows: pd.DataFrame, done: Done) -> None:
        """Count a chunk's new ``rows`` for the rollups and the months' snapshots."""
        if len(rows):
            self._counts.add(rows)
            self._placed.append(snapshots.from_measurements(rows))
        if done:
            done(len(rows), rows)

    def _all_new(self, keys: np.ndarray) -> bool:
        """Whether none of ``keys`` can be stored yet: all lie outside the range of
        the keys stored when the import began (the caller drops the file's repeats)."""
        low, high = self._stored_span
        return bool(((keys < low) | (keys > high)).all())

    def _store(self, keys: np.ndarray, data) -> np.ndarray:
        """On the writer thread: store the rows whose keys are not stored yet;
        return which rows were new."""
        if len(keys) == 0:
            return np.zeros(0, dtype=bool)
        new = np.ones(len(keys), dtype=bool)
        low, high = self._stored_span  # only keys within the stored range can be stored
        maybe = keys[(keys >= low) & (keys <= high)]
        stored = np.sort(self._stored_keys(maybe)) if len(maybe) else maybe
        if len(stored):
            new = stored[np.minimum(np.searchsorted(stored, keys), len(stored) - 1)] != keys
        if new.all():
            self._append(data)
        elif new.any():
            self._append(self._subset(data, new))
        return new

    def _take_turn(self) -> None:
        """Wait until no other import is under way; then run the first statements."""
        deadline = time.monotonic() + self.wait_limit
        while not self._try_turn():
            if time.monotonic() >= deadline:
                raise DatabaseBusy("busy", duration=duration(self.wait_limit))
            if not self.waited and self.on_wait:
                self.on_wait()
            self.waited = True
        if callable(self.first):  # decided now: an import that ran meanwhile may have changed the answer
            self.first = self.first()
        for statement in self.first:
            self._run(statement)

    # Each database implements these thirteen.
    def _open(self) -> None:
        raise NotImplementedError

    def _try_turn(self) -> bool:
        """Start the import's turn if no other import holds one (waiting up to
        TURN_POLL_SECONDS); False if another does."""
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

    def _read_arrow(self, statement, params: dict | None = None) -> pa.Table:
        """The rows of a query as an Arrow table, in the import's transaction."""
        raise NotImplementedError


#: The keys of the chunk being imported, to find those already stored by a join.
incoming_key = Table(
    "incoming_key",
    MetaData(),
    Column("measurement_id", BigInteger, primary_key=True),
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)
