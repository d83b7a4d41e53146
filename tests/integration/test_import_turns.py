"""Imports take turns, on SQLite and on PostgreSQL alike: a second import waits for
the first, says so once, and then finds the first one's rows already present; a
wait that runs out ends in one clear line, with nothing written.

In the threaded tests, the import holding the turn goes on only once the other
has said it waits, so the two always overlap.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.geo import boundaries
from dashboard.ingest import measurements
from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.store import database, tables
from dashboard.store.turns import import_lock
from tests.support.crash import hold_the_turn

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
sys.path.insert(0, str(FIXTURES / "bad_inputs"))
import make_bad_inputs as bad  # noqa: E402

NOW = pd.Timestamp("2026-11-30", tz="UTC")

# A second process importing the file; it prints a line when it must wait.
IMPORT_SCRIPT = """
import sys
from pathlib import Path
import pandas as pd
from dashboard.ingest.measurements import import_measurements
from dashboard.store import database

engine = database.make_engine(sys.argv[1])
summary = import_measurements(engine, Path(sys.argv[2]), rejects_dir=Path(sys.argv[3]),
                              now=pd.Timestamp("2026-11-30", tz="UTC"),
                              on_wait=lambda: print("waiting for another import…", flush=True))
print("imported", summary.imported, flush=True)
"""


def counts(engine) -> tuple[int, int]:
    """(measurements, import batches) in the database."""
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(tables.measurement)).scalar()
        batches = conn.execute(select(func.count()).select_from(tables.import_batch)).scalar()
    return stored, batches


def at_once(engine, paths, tmp_path, monkeypatch, **kwargs) -> tuple[list, list, list]:
    """Import ``paths`` on threads of their own, all at once. Returns the summaries,
    the errors, and one entry per call of ``on_wait``."""
    waiting = threading.Event()
    prepare = measurements.prepare

    def prepare_once_another_waits(*args, **kw):
        assert waiting.wait(60), "the other import never said it waits"
        return prepare(*args, **kw)

    monkeypatch.setattr(measurements, "prepare", prepare_once_another_waits)
    summaries, errors, told = [], [], []

    def on_wait():
        told.append("waiting")
        waiting.set()

    def run(path, folder):
        try:
            summaries.append(import_measurements(engine, path, rejects_dir=folder, now=NOW, on_wait=on_wait, **kwargs))
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(path, tmp_path / f"rejects{i}")) for i, path in enumerate(paths)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return summaries, errors, told


def test_same_file_twice_at_once_is_stored_once(ready_engine, tmp_path, monkeypatch):
    """Two imports of one file at once: no error, the rows stored once, one import
    stores them all and the other, having waited, finds them all already present."""
    path = tmp_path / "many_rows.csv"
    path.write_bytes(bad.many_rows_csv(3000))
    summaries, errors, told = at_once(ready_engine, [path, path], tmp_path, monkeypatch)
    assert errors == []
    assert told == ["waiting"]
    assert sorted((s.imported, s.already_present) for s in summaries) == [(0, 3000), (3000, 0)]
    assert counts(ready_engine) == (3000, 2)


def test_demo_replaced_once_when_two_real_imports_race(ready_engine, tmp_path, monkeypatch):
    """Both imports saw a demo-only database; the first to take its turn clears the
    demo, the second, having waited, keeps the first one's rows."""
    import_measurements(ready_engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path, is_demo=True, now=NOW)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_bytes(bad.many_rows_csv(50))
    second.write_bytes(bad.csv_bytes([bad.good_row(n) for n in range(100, 110)]))
    summaries, errors, told = at_once(ready_engine, [first, second], tmp_path, monkeypatch)
    assert errors == [] and told == ["waiting"]
    assert sorted(s.demo_removed for s in summaries) == [False, True]
    assert counts(ready_engine) == (60, 2)


def test_wait_runs_out_with_one_clear_line(ready_engine, tmp_path):
    """While another import holds the database past the wait limit, the import says
    once that it waits, then ends with one line, and nothing is written; once the
    database is free, the same import goes through."""
    path = bad.write("two_phones.csv", tmp_path)
    release = hold_the_turn(ready_engine)
    told = []
    try:
        with pytest.raises(FileImportError) as caught:
            import_measurements(
                ready_engine,
                path,
                rejects_dir=tmp_path / "rejects",
                now=NOW,
                on_wait=lambda: told.append("waiting"),
                wait_limit=2,
            )
    finally:
        release()
    assert str(caught.value) == "another import has held the database for 2 seconds; try again later"
    assert told == ["waiting"]
    assert counts(ready_engine) == (0, 0)
    assert not (tmp_path / "rejects").exists()
    summary = import_measurements(ready_engine, path, rejects_dir=tmp_path / "rejects", now=NOW, wait_limit=2)
    assert summary.imported == 2


def test_import_that_waited_links_to_staff_added_meanwhile(ready_engine, tmp_path):
    """Staff committed while an import waited (a roster import before it) are
    linked to its tests: what the import read before waiting is read again."""
    path = bad.write("two_phones.csv", tmp_path)
    conn = ready_engine.connect()
    transaction = conn.begin()
    if ready_engine.dialect.name == "postgresql":
        conn.execute(import_lock(wait=True))
    # On SQLite the first write takes the database's write lock.
    conn.execute(tables.staff.insert().values(staff_id="CB001", full_name="Nguyễn Văn Hải"))
    conn.execute(
        tables.staff_identifier.insert().values(identifier="hai.nv", identifier_kind="account", staff_id="CB001")
    )
    waiting, summaries = threading.Event(), []
    thread = threading.Thread(
        target=lambda: summaries.append(
            import_measurements(ready_engine, path, rejects_dir=tmp_path / "rejects", now=NOW, on_wait=waiting.set)
        )
    )
    thread.start()
    try:
        assert waiting.wait(60)
    finally:
        transaction.commit()
        conn.close()
    thread.join(60)
    assert (summaries[0].imported, summaries[0].matched_staff) == (2, 2)


def test_sqlite_import_in_another_process_waits_then_goes_on(tmp_path):
    """On SQLite a second process waits for the write lock instead of failing after
    10 s with 'database is locked', says so once, and imports once the lock is free."""
    url = f"sqlite:///{tmp_path / 'turns.sqlite'}"
    engine = database.make_engine(url)

    boundaries.ensure_ready(engine)
    path = tmp_path / "many_rows.csv"
    path.write_bytes(bad.many_rows_csv(500))
    release = hold_the_turn(engine)
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORT_SCRIPT, url, str(path), str(tmp_path / "rejects")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    try:
        assert process.stdout.readline().strip() == "waiting for another import…"
    finally:
        release()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert out.split() == ["imported", "500"]
    assert counts(engine) == (500, 1)
    engine.dispose()


def test_a_roster_import_waits_for_a_measurement_import(ready_engine, tmp_path):
    """A roster import started while a measurement import holds the turn waits, says
    so once, then runs; a wait that runs out is one clear error and writes nothing."""
    from dashboard.ingest.roster import import_roster
    from dashboard.store import turns

    staff = tmp_path / "staff.csv"
    staff.write_text("Mã cơ quan,Tên cơ quan\nSKHCN,Sở Khoa học và Công nghệ\n", encoding="utf-8")
    holder = turns.import_connection(ready_engine)
    turn = turns.begin_turn(holder)
    said = []
    with pytest.raises(FileImportError, match="another import has held the database"):
        import_roster(ready_engine, [staff], rejects_dir=tmp_path, on_wait=lambda: said.append(1), wait_limit=1.5)
    assert said == [1]
    result = {}
    worker = threading.Thread(
        target=lambda: result.update(
            summary=import_roster(ready_engine, [staff], rejects_dir=tmp_path, on_wait=lambda: said.append(2))
        )
    )
    worker.start()
    worker.join(timeout=2.5)
    assert worker.is_alive() and said == [1, 2]  # still waiting for its turn
    turn.rollback()
    holder.close()
    worker.join(timeout=60)
    assert result["summary"].applied and result["summary"].agencies_added == 1
