"""A file read in many chunks, each stored on the writer thread while the next is
prepared: the same result as in one piece, and one transaction whatever fails where.

Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard.geo import boundaries
from dashboard.ingest import measurements, readers
from dashboard.ingest.measurements import import_measurements
from dashboard.store import database, tables, writers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def counts(engine) -> tuple[int, int]:
    """(measurements, import batches) in the database."""
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(tables.measurement)).scalar()
        batches = conn.execute(select(func.count()).select_from(tables.import_batch)).scalar()
    return stored, batches


def source_ids(engine) -> list[str]:
    m = tables.measurement
    with engine.connect() as conn:
        return conn.execute(select(m.c.source_id).order_by(m.c.source_id)).scalars().all()


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of a few rows, so that a small fixture crosses many of them."""
    monkeypatch.setattr(readers, "CHUNK_BYTES", 160)


def test_many_chunks_give_the_result_of_one(ready_engine, tmp_path, small_chunks):
    """Repeats in other chunks are counted once, the first row in the file wins,
    progress adds up to the rows stored, and a re-import adds nothing."""
    reported = []
    summary = import_measurements(
        ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path, progress=reported.append
    )
    assert (summary.rows_read, summary.imported, summary.duplicates_in_file, summary.already_present) == (9, 6, 3, 3)
    assert len(reported) > 2 and sum(reported) == 6
    assert source_ids(ready_engine) == ["M001", "M002", "M003", "M004", "M005", "M006"]
    again = import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    assert (again.imported, again.already_present) == (0, 9)
    assert counts(ready_engine) == (6, 2)


def test_overlapping_file_in_many_chunks(ready_engine, tmp_path, small_chunks):
    """Only the keys inside the stored range are looked up, and those already
    stored are skipped: the second weekly export adds its four new tests."""
    import_measurements(ready_engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path)
    b = import_measurements(ready_engine, FIXTURES / "weekly_b.csv", rejects_dir=tmp_path)
    assert (b.rows_read, b.imported, b.already_present) == (7, 4, 3)
    assert counts(ready_engine) == (10, 2)


def test_writer_failure_on_a_later_chunk_rolls_back(ready_engine, tmp_path, small_chunks, monkeypatch):
    """A failure on the writer thread after chunks were stored reaches the caller,
    and the whole file is undone: no measurement, no batch, no rejects file."""
    import_measurements(ready_engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path)
    before = counts(ready_engine)
    writer_class = type(writers.import_writer(ready_engine, {}))
    append, calls = writer_class._append, []

    def append_then_fail(writer, data):
        calls.append(len(data))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        append(writer, data)

    monkeypatch.setattr(writer_class, "_append", append_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        import_measurements(ready_engine, FIXTURES / "bad_values.csv", rejects_dir=tmp_path)
    assert calls[0] > 0  # a first chunk really was written before the failure
    assert counts(ready_engine) == before
    assert not list(tmp_path.glob("bad_values*"))


def test_failure_while_preparing_a_later_chunk_rolls_back(ready_engine, tmp_path, small_chunks, monkeypatch):
    """An error on the caller's side while earlier chunks are being written waits
    for the writer thread and rolls back; the next import of the file works."""
    prepare, calls = measurements.prepare, []

    def prepare_then_fail(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValueError("cannot parse")
        return prepare(*args, **kwargs)

    monkeypatch.setattr(measurements, "prepare", prepare_then_fail)
    with pytest.raises(ValueError, match="cannot parse"):
        import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    assert counts(ready_engine) == (0, 0)
    monkeypatch.setattr(measurements, "prepare", prepare)
    assert import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path).imported == 6


def test_sqlite_reader_opened_before_an_import_sees_its_rows(tmp_path):
    """The import writes with the same SQLite library the app reads with: a pooled
    connection opened before the import sees every row after it (two libraries in
    one process left such a connection reading a stale file)."""

    eng = database.make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    boundaries.ensure_ready(eng)
    with eng.connect() as reader:
        counts = []
        for name in ("weekly_a.csv", "weekly_b.csv"):
            summary = import_measurements(eng, FIXTURES / name, rejects_dir=tmp_path)
            reader.rollback()  # end the read transaction, as a new page run would
            counts.append(
                (summary.imported, reader.execute(select(func.count()).select_from(tables.measurement)).scalar())
            )
    assert counts[0][1] == counts[0][0] and counts[1][1] == counts[0][0] + counts[1][0]
    assert counts[1][0] > 0


def _slow_writer(engine, monkeypatch, module, name: str) -> list[str]:
    """The engine's writer made slower than the cleaning, as COPY on PostgreSQL. The
    list returned notes, in order, "stored" for each chunk stored and ``name`` for
    each call of ``module.name``."""
    writer_class = type(writers.import_writer(engine, {}))
    append, noted, events, lock = writer_class._append, getattr(module, name), [], threading.Lock()

    def slow_append(writer, data):
        append(writer, data)
        time.sleep(0.2)
        with lock:
            events.append("stored")

    def noting(*args, **kwargs):
        with lock:
            events.append(name)
        return noted(*args, **kwargs)

    monkeypatch.setattr(writer_class, "_append", slow_append)
    monkeypatch.setattr(module, name, noting)
    return events


def test_rollups_are_computed_while_the_last_chunks_are_stored(ready_engine, tmp_path, small_chunks, monkeypatch):
    """Chunks whose keys are all new (an empty database) are counted as they are
    handed over, so the rollups start before the writer has stored the last of them
    (a slow writer shows it); the rollups still equal those rebuilt from the tests,
    and every chunk is stored."""
    from dashboard.store import rollups
    from tests.support.crash import rollups_against_rebuild

    events = _slow_writer(ready_engine, monkeypatch, rollups, "add_import")
    summary = import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    assert summary.imported == 6 and counts(ready_engine) == (6, 1)
    assert "stored" in events[events.index("add_import") :], events  # a chunk was stored after the rollups began
    assert rollups_against_rebuild(ready_engine) == []


def test_a_first_import_makes_its_months_while_its_last_chunks_are_stored(
    ready_engine, tmp_path, small_chunks, monkeypatch
):
    """Into an empty database no month had a test before: the import makes its
    months' snapshots from its own rows without reading the database, so while a
    slow writer (COPY on PostgreSQL) still stores its last chunks; the snapshots
    stored equal those built from the tests afterwards."""
    from dashboard.store import rollups, snapshots

    events = _slow_writer(ready_engine, monkeypatch, snapshots, "put")
    summary = import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    assert summary.imported == 6
    assert "stored" in events[events.index("put") :], events  # a chunk was stored after the first snapshot
    with ready_engine.connect() as conn:
        kept = conn.execute(select(tables.month_snapshot.c.month, tables.month_snapshot.c.arrow)).all()
        assert kept and all(
            snapshots.decode(arrow).equals(snapshots.build(rollups.on(conn).read_arrow, key)) for key, arrow in kept
        )


def test_a_preview_fails_as_the_import_would_on_its_last_chunk(ready_engine, tmp_path, small_chunks, monkeypatch):
    """A preview waits until every chunk is stored: a writer failure on the last
    chunk, which no count waits for, is raised by the preview as by the import."""
    writer_class = type(writers.import_writer(ready_engine, {}))
    append, calls = writer_class._append, []

    def counted_append(writer, data):
        calls.append(len(data))
        append(writer, data)

    monkeypatch.setattr(writer_class, "_append", counted_append)
    import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path, dry_run=True)
    last = len(calls)
    assert last > 2  # the file crosses several chunks
    calls.clear()

    def fail_on_the_last(writer, data):
        calls.append(len(data))
        if len(calls) == last:
            raise RuntimeError("disk full")
        append(writer, data)

    monkeypatch.setattr(writer_class, "_append", fail_on_the_last)
    with pytest.raises(RuntimeError, match="disk full"):
        import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path, dry_run=True)
    assert counts(ready_engine) == (0, 0)
