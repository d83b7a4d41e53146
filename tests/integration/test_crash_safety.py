"""Crash safety (issue 21): an import killed with SIGKILL at any moment leaves the
database as it was, or (killed after its commit) holds the whole import; never part
of one. On SQLite and on PostgreSQL alike.

Each test readies a database with the communes, a roster and one committed import,
then imports a generated export of 60,000 rows in a process of its own
(``tests/support/crash_import.py``, in a process group of its own) and kills it:

* ``waiting`` — early: the import has begun but waits for its turn (another
  import holds it), before anything is written;
* ``mid-write`` — at its first progress line: one chunk stored, the next being
  written, in the open transaction;
* ``mid-write-parent-only`` — the same moment, but only the importing process is
  killed: a writer process of its own (if any) must notice and not commit;
* ``all-written`` — every row stored, the rollups not yet added: the process
  blocks in its last progress callback and is killed there;
* ``rollups-commit`` — after the last progress line, half-way through the time an
  uninterrupted import of the same file took from there to its end (rollups,
  batch row, commit); the test reports whether the kill came before or after the
  commit, and checks either outcome.

The whole group is killed except where said, so that a child process of the
import dies too. Then, once the database is free: SQLite's integrity check, every
committed import's ``rows_imported`` equal to its stored rows (and their sum to
the measurement count), the killed import absent (or whole, when it committed
first), every rollup equal to the rollups rebuilt from the measurements; and a
fresh import of the same file stores the rows the killed one did not, leaving
rollups identical to those of an uninterrupted import.

Black-box: the tests know only ``import_measurements`` and the stored tables, so
they hold whether the import writes on a thread or through a child process.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bench.synthetic_export import generate_csv
from dashboard.dates import clock
from dashboard.geo import boundaries
from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.store import database
from tests.support.crash import (
    ImportProcess,
    hold_the_turn,
    integrity_problems,
    measurement_batches,
    rollup_differences,
    rollup_rows,
    rollups_against_rebuild,
    subprocess_url,
    wait_until_free,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: Rows in the generated export: two chunks of the reader, a few seconds to import.
ROWS = 60_000
SEED = 21
#: The clock of every process here (the rollups' weeks run to the current week).
NOW = "2026-11-30T10:00:00+07:00"
MOMENTS = ["waiting", "mid-write", "mid-write-parent-only", "all-written", "rollups-commit"]
#: Moments at which the import cannot have committed: its batch must be absent.
BEFORE_COMMIT = {"waiting", "all-written"}
#: Where in the time from the last progress line to the end the late kill falls.
LATE_SHARE = 0.5


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """Every process of a test (this one and the imports it starts) on one clock."""
    monkeypatch.setenv(clock.NOW_SWITCH, NOW)


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """The generated export (the import benchmark's generator), once for the file."""
    path = tmp_path_factory.mktemp("crash_export") / "ispeed_export_big.csv"
    generate_csv(path, ROWS, SEED, time_form="dmy")
    return path


def prepare(engine: Engine, rejects: Path) -> None:
    """The communes, a roster and one committed import, as before the killed import."""
    boundaries.ensure_ready(engine)
    import_roster(
        engine, [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"], as_of=dt.date(2026, 9, 1), rejects_dir=rejects
    )
    assert import_measurements(engine, FIXTURES / "weekly_a.csv", rejects_dir=rejects).imported > 0


@dataclass
class Reference:
    """The export imported without a kill, into a database prepared the same way."""

    stored: int  # rows its progress lines counted
    imported: int  # rows its summary counted
    tail: float  # seconds from its last progress line to its end
    measurements: int
    rollups: dict[str, Counter]


class References:
    """One uninterrupted import per database kind, made when a test first needs it."""

    def __init__(self, folder: Path, export: Path) -> None:
        self.folder, self.export = folder, export
        self.made: dict[str, Reference] = {}
        self.cleanups: list = []

    def of(self, engine: Engine) -> Reference:
        kind = engine.dialect.name
        if kind not in self.made:
            self.made[kind] = self._make(self._database(engine))
        return self.made[kind]

    def _database(self, like: Engine) -> str:
        """A URL to an empty database of the same kind as ``like``."""
        if like.dialect.name == "sqlite":
            return f"sqlite:///{self.folder / 'reference.sqlite'}"
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(like.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'create schema "{schema}"'))

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'drop schema "{schema}" cascade'))
            admin.dispose()

        self.cleanups.append(drop)
        return f"{like.url.render_as_string(hide_password=False)}?options=-csearch_path%3D{schema}"

    def _make(self, url: str) -> Reference:
        engine = database.make_engine(url)
        stored, last_progress = [0], [0.0]

        def progress(rows: int) -> None:
            stored[0] += rows
            last_progress[0] = time.monotonic()

        try:
            prepare(engine, self.folder / "rejects")
            summary = import_measurements(engine, self.export, rejects_dir=self.folder / "rejects", progress=progress)
            ended = time.monotonic()
            _, measurements, _ = measurement_batches(engine)
            with engine.connect() as conn:
                kept = rollup_rows(conn)
        finally:
            engine.dispose()
        return Reference(stored[0], summary.imported, ended - last_progress[0], measurements, kept)

    def close(self) -> None:
        for cleanup in self.cleanups:
            cleanup()


@pytest.fixture(scope="module")
def references(tmp_path_factory, export):
    """The uninterrupted imports the killed ones are measured against."""
    made = References(tmp_path_factory.mktemp("crash_reference"), export)
    yield made
    made.close()


def kill_at(process: ImportProcess, moment: str, reference: Reference) -> None:
    """Wait for ``moment`` in what the import says, and kill it there."""
    if moment == "waiting":
        process.wait_for(lambda line: line == "waiting")
    elif moment in ("mid-write", "mid-write-parent-only"):
        process.wait_for(lambda line: line.startswith("progress "))
    elif moment == "all-written":
        process.wait_for(lambda line: line == "paused")
    else:  # rollups-commit: part of the measured time after the last progress line
        seen, _ = process.wait_for(lambda line: line.startswith("progress ") and int(line[9:]) >= reference.stored)
        deadline = seen + LATE_SHARE * reference.tail
        while (got := process.next_line(deadline)) is not None and got[1] is not None:
            if got[1].startswith("done "):
                break  # finished first: killed all the same, the checks take the commit
    if moment == "mid-write-parent-only":
        process.kill_parent()
    else:
        process.kill_group()


def stage_hit(process: ImportProcess, reference: Reference, committed: bool) -> str:
    """Where the import was when killed, in words."""
    said = [line for _, line in process.seen]
    if committed:
        finished = any(s.startswith("done ") for s in said)
        where = "after it finished" if finished else "after its commit, before the import returned"
    elif "paused" in said:
        where = "with every row written, before the rollups"
    elif process.stored() >= reference.stored:
        where = "after every row was written (rollups, batch row or commit), before the commit"
    elif process.stored():
        where = f"mid-write, after {process.stored():,} of {reference.stored:,} rows"
    elif "waiting" in said:
        where = "while waiting for its turn"
    else:
        where = "before any row was written"
    return f"{where}; {process.killed} killed"


@pytest.mark.parametrize("moment", MOMENTS)
def test_an_import_killed_at_any_moment_leaves_no_partial_import(
    moment, ready_engine, export, references, tmp_path, record_property
):
    """A SIGKILL at each moment of an import (and, once, of the importing process
    alone) leaves a sound database holding all of the import or none of it: each
    committed import's rows equal its ``rows_imported``, the rollups equal those
    rebuilt from the measurements, and the same file imported afresh then gives the
    counts and rollups of an import never killed."""
    engine = ready_engine
    prepare(engine, tmp_path / "rejects")
    reference = references.of(engine)
    before_batches, before_count, _ = measurement_batches(engine)
    with engine.connect() as conn:
        before_rollups = rollup_rows(conn)

    release = hold_the_turn(engine) if moment == "waiting" else None
    pause_at = reference.stored if moment == "all-written" else 0
    process = ImportProcess(subprocess_url(engine), export, tmp_path / "rejects", pause_at=pause_at)
    try:
        kill_at(process, moment, reference)
        if release:
            release()
            release = None
        # What the kill left behind (a writer that lost its parent) must let go.
        waited = wait_until_free(engine)

        assert integrity_problems(engine) == []
        batches, count, orphans = measurement_batches(engine)
        assert orphans == {}, "rows stored under an import batch that does not exist"
        for batch in batches:
            assert batch.stored == batch.rows_imported, f"{batch.file_name}: a partial import"
        assert count == sum(batch.rows_imported for batch in batches)
        killed = [batch for batch in batches if batch.file_name == export.name]
        committed = bool(killed)
        stage = stage_hit(process, reference, committed)
        record_property("stage", stage)
        print(f"[{engine.dialect.name} {moment}] killed {stage}; database free after {waited:.2f} s")
        if committed:
            (batch,) = killed
            assert (batch.rows_imported, len(batch.file_sha256)) == (reference.imported, 64), stage
            assert moment not in BEFORE_COMMIT, f"committed although killed {stage}"
            warnings.warn(
                f"{engine.dialect.name} {moment}: the kill came {stage}; the whole import is stored", stacklevel=1
            )
        else:
            assert batches == before_batches and count == before_count, stage
        problems = rollups_against_rebuild(engine)
        assert problems == [], f"killed {stage}: the rollups differ from the measurements: {problems}"
        if not committed:
            with engine.connect() as conn:
                assert rollup_differences(rollup_rows(conn), before_rollups) == [], stage
    finally:
        process.close()
        if release:
            release()

    started = time.monotonic()
    summary = import_measurements(engine, export, rejects_dir=tmp_path / "rejects")
    seconds = time.monotonic() - started
    if committed:
        assert (summary.imported, summary.already_present) == (0, reference.stored)
    else:
        assert summary.imported == reference.imported
    batches, count, orphans = measurement_batches(engine)
    assert orphans == {} and all(batch.stored == batch.rows_imported for batch in batches)
    assert count == reference.measurements
    with engine.connect() as conn:
        assert rollup_differences(rollup_rows(conn), reference.rollups) == []
    print(f"[{engine.dialect.name} {moment}] fresh import: {summary.imported:,} rows in {seconds:.1f} s")
