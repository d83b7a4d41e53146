"""The measurement rows the fixture corpus stores, as text, to compare an import
with a snapshot recorded from an earlier version of it.

    python -m tests.support.stored_rows      # record tests/fixtures/stored_rows.csv again

Record again only when a change to the stored rows is meant; the snapshot's diff
then shows what changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import tempfile
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine

from dashboard.geo import boundaries
from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.store import database, tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOT = FIXTURES / "stored_rows.csv"
ROSTER = ("agencies.csv", "staff.csv")
#: The import's "now": rows dated after it are out of range, whatever day the tests run.
NOW = pd.Timestamp("2026-11-25 02:00", tz="UTC")


def corpus_files() -> list[Path]:
    """Every measurement file of tests/fixtures (the roster's files aside), by name."""
    suffixes = {".csv", ".txt", ".xlsx"}
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in suffixes and p.name not in ROSTER and p != SNAPSHOT)


def import_corpus(engine: Engine, rejects_dir: Path) -> None:
    """The roster, then every corpus file in turn, into one ready database (a file
    that cannot be imported is skipped, as a user would)."""
    import_roster(engine, [FIXTURES / n for n in ROSTER], as_of=dt.date(2026, 9, 1), rejects_dir=rejects_dir)
    for path in corpus_files():
        with contextlib.suppress(FileImportError):
            import_measurements(engine, path, rejects_dir=rejects_dir, now=NOW)


def stored_rows(engine: Engine) -> pd.DataFrame:
    """Every stored measurement (all columns) as text, in key order: the same text
    for the same value on SQLite and PostgreSQL. ``import_id`` is shown as the
    import's file name: PostgreSQL's sequence skips the ids of failed imports."""
    m, batch = tables.measurement, tables.import_batch
    with engine.connect() as conn:
        files = dict(conn.execute(select(batch.c.import_id, batch.c.file_name)).all())
        rows = conn.execute(select(m).order_by(m.c.measurement_id)).mappings().all()
    frame = pd.DataFrame([{k: _text(v) for k, v in row.items()} for row in rows], columns=[c.name for c in m.columns])
    frame["import_id"] = [files[int(i)] for i in frame["import_id"]]
    return frame


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value)


def read_snapshot() -> pd.DataFrame:
    """The recorded rows, as text."""
    return pd.read_csv(SNAPSHOT, dtype=str, keep_default_na=False)


def record() -> None:
    """Import the corpus into a new SQLite database and write the snapshot."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = database.make_engine(f"sqlite:///{Path(tmp) / 'corpus.sqlite'}")
        boundaries.ensure_ready(engine)
        import_corpus(engine, Path(tmp) / "rejects")
        rows = stored_rows(engine)
        engine.dispose()
    rows.to_csv(SNAPSHOT, index=False)
    print(f"{SNAPSHOT}: {len(rows)} rows")


if __name__ == "__main__":
    record()
