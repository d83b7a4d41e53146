"""Kill an import with SIGKILL and check what it leaves: a measurement import run in
a process group of its own (``crash_import.py``), read line by line, killed whole
or only its first process; then the database's own checks, the import batches
against the stored rows, and the rollups against the rollups rebuilt from the
measurements.

Black-box: nothing here knows how the import writes (on a thread, or through a
child process of its own); killing the process group kills whatever it started.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from dashboard.store import rollups, tables
from dashboard.store.turns import import_lock

REPO = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("crash_import.py")
#: How long a killed import's database may stay busy (a child process that has
#: lost its parent must notice and roll back within this).
FREE_WITHIN_SECONDS = 30.0


def subprocess_url(engine: Engine) -> str:
    """The engine's database as a URL for another process; on PostgreSQL with the
    engine's schema as the search path (each test has a schema of its own)."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.dialect.name != "postgresql":
        return url
    with engine.connect() as conn:
        schema = conn.execute(text("select current_schema()")).scalar()
    return f"{url}?options=-csearch_path%3D{schema}"


class ImportProcess:
    """``crash_import.py`` importing one file, started in a session (and process
    group) of its own; its stdout lines are read on a thread, with the time each
    arrived."""

    def __init__(self, url: str, path: Path, rejects_dir: Path, pause_at: int = 0) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(SCRIPT), url, str(path), str(rejects_dir), str(pause_at)],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            start_new_session=True,
        )
        self.group = self.process.pid  # a new session's leader: its group id is its pid
        self.seen: list[tuple[float, str]] = []
        self.killed: str | None = None
        self._lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
        self._errors: list[str] = []
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put((time.monotonic(), line.strip()))
        self._lines.put((time.monotonic(), None))

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        self._errors.extend(self.process.stderr)

    def next_line(self, deadline: float) -> tuple[float, str | None] | None:
        """The next line (time, text), (time, None) once stdout has closed, or None
        when ``deadline`` (time.monotonic()) comes first."""
        try:
            arrived, line = self._lines.get(timeout=max(deadline - time.monotonic(), 0.0))
        except queue.Empty:
            return None
        if line is not None:
            self.seen.append((arrived, line))
        return arrived, line

    def wait_for(self, wanted, timeout: float = 120.0) -> tuple[float, str]:
        """Read lines until ``wanted(line)``; fail if the process ends or the time runs out first."""
        deadline = time.monotonic() + timeout
        while True:
            got = self.next_line(deadline)
            if got is None:
                raise AssertionError(f"not seen within {timeout:g} s; {self.story()}")
            arrived, line = got
            if line is None:
                self.process.wait(timeout=60)
                raise AssertionError(f"the import ended (exit {self.process.returncode}) first; {self.story()}")
            if wanted(line):
                return arrived, line

    def stored(self) -> int:
        """Rows the import said it had stored (its last progress line)."""
        counts = [int(line.split()[1]) for _, line in self.seen if line.startswith("progress ")]
        return counts[-1] if counts else 0

    def kill_group(self) -> None:
        """SIGKILL to every process of the import's group, then reap the first."""
        self._signal(lambda: os.killpg(self.group, signal.SIGKILL))
        self.killed = "group"
        self.process.wait(timeout=60)

    def kill_parent(self) -> None:
        """SIGKILL to the importing process alone: any child of its own lives on."""
        self._signal(lambda: os.kill(self.process.pid, signal.SIGKILL))
        self.killed = "parent"
        self.process.wait(timeout=60)

    @staticmethod
    def _signal(send) -> None:
        # Already gone: the caller's checks tell whether it finished.
        with contextlib.suppress(ProcessLookupError):
            send()

    def close(self) -> None:
        """Kill whatever is left of the group, and close the pipes."""
        if self.process.poll() is None:
            self.kill_group()
        else:
            self._signal(lambda: os.killpg(self.group, signal.SIGKILL))  # orphaned children, if any
        for reader in self._readers:  # the pipes reach their end once the group is gone
            reader.join(timeout=30)
        for pipe in (self.process.stdin, self.process.stdout, self.process.stderr):
            if pipe is not None:
                pipe.close()

    def story(self) -> str:
        """What the process said, for a message."""
        said = ", ".join(line for _, line in self.seen) or "nothing"
        errors = "".join(self._errors[-20:]).strip()
        return f"it said: {said}" + (f"; stderr: {errors}" if errors else "")


def hold_the_turn(engine: Engine):
    """Take the turn an import takes, as another import would (SQLite's write lock,
    or the imports' advisory lock on PostgreSQL); returns a function that gives it back."""
    if engine.dialect.name == "sqlite":
        holder = sqlite3.connect(engine.url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        return lambda: (holder.execute("ROLLBACK"), holder.close())
    conn = engine.connect()
    transaction = conn.begin()
    conn.execute(import_lock(wait=True))
    return lambda: (transaction.rollback(), conn.close())


def wait_until_free(engine: Engine, within: float = FREE_WITHIN_SECONDS) -> float:
    """Wait until no import holds the database (no writer left behind, on SQLite;
    the imports' lock free, on PostgreSQL); return the seconds waited. Fails after
    ``within`` seconds."""
    started = time.monotonic()
    deadline = started + within
    if engine.dialect.name == "sqlite":
        # Each try waits up to 0.2 s for the write lock.
        probe = sqlite3.connect(engine.url.database, timeout=0.2, isolation_level=None)
        try:
            while True:
                try:
                    probe.execute("BEGIN IMMEDIATE")
                    probe.execute("ROLLBACK")
                    return time.monotonic() - started
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() >= deadline:
                        raise AssertionError(f"the database is still busy after {within:g} s: {exc}") from exc
        finally:
            probe.close()
    with engine.connect() as conn:
        while True:
            with conn.begin() as transaction:
                free = conn.execute(import_lock()).scalar()
                transaction.rollback()
            if free:
                return time.monotonic() - started
            assert time.monotonic() < deadline, f"an import still holds the database after {within:g} s"
            time.sleep(0.1)  # poll interval, within the deadline


def integrity_problems(engine: Engine) -> list[str]:
    """SQLite's own checks of the file (``integrity_check``, ``foreign_key_check``):
    empty when sound. PostgreSQL keeps its files itself: nothing to check here."""
    if engine.dialect.name != "sqlite":
        return []
    conn = sqlite3.connect(engine.url.database)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        problems = [] if problems == ["ok"] else problems
        problems += [f"foreign key: {row}" for row in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()
    return problems


def rollup_rows(conn) -> dict[str, Counter]:
    """Every rollup's rows (as tuples, counted), by table name."""
    return {t.name: Counter(map(tuple, conn.execute(t.select()).all())) for t in tables.ROLLUPS}


def rollup_differences(kept: dict[str, Counter], expected: dict[str, Counter]) -> list[str]:
    """A few rows that differ, per rollup: empty when the rollups are the same."""
    found = []
    for name in expected:
        extra, missing = kept[name] - expected[name], expected[name] - kept[name]
        if extra or missing:
            found.append(
                f"{name}: {sum(extra.values())} rows too many (e.g. {list(extra)[:3]}), "
                f"{sum(missing.values())} missing (e.g. {list(missing)[:3]})"
            )
    return found


def rollups_against_rebuild(engine: Engine) -> list[str]:
    """The stored rollups against the rollups rebuilt from the stored measurements
    (``rollups.rebuild``, as ``tests/unit/test_rollups.py`` compares them), in a
    transaction rolled back afterwards. Empty when they agree."""
    with engine.connect() as conn:
        transaction = conn.begin()
        try:
            kept = rollup_rows(conn)
            rollups.rebuild(conn)
            return rollup_differences(kept, rollup_rows(conn))
        finally:
            transaction.rollback()


@dataclass
class Batch:
    import_id: int
    file_name: str
    file_sha256: str
    rows_imported: int
    stored: int  # measurement rows carrying its import_id


def measurement_batches(engine: Engine) -> tuple[list[Batch], int, dict]:
    """The committed measurement imports with the rows stored under each, the
    measurement count, and the stored rows of batches that do not exist (none in a
    sound database: import_id -> rows)."""
    batch, measurement = tables.import_batch, tables.measurement
    with engine.connect() as conn:
        rows = conn.execute(
            select(batch.c.import_id, batch.c.file_name, batch.c.file_sha256, batch.c.rows_imported)
            .where(batch.c.kind == "measurements")
            .order_by(batch.c.import_id)
        ).all()
        per_import = dict(
            conn.execute(select(measurement.c.import_id, func.count()).group_by(measurement.c.import_id)).all()
        )
        total = conn.execute(select(func.count()).select_from(measurement)).scalar()
    batches = [Batch(*row, stored=per_import.pop(row.import_id, 0)) for row in rows]
    return batches, total, per_import
