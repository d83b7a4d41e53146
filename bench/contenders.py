"""What the import benchmark times, one contender per process.

    python bench/contenders.py generate --csv FILE --rows N --seed S [--time-form iso|dmy]
    python bench/contenders.py ours --csv FILE --url URL [--schema S] [--profile stages|cprofile] [--export-rows DIR]
    python bench/contenders.py baseline --csv FILE --db FILE [--time-form iso|dmy]
    python bench/contenders.py copy --rows-dir DIR --url URL --schema S

Each prints one line, ``RESULT {json}``. Run by bench/import_benchmark.py, which
starts a fresh process per run so that peak memory is the contender's own.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

import synthetic_export as export  # noqa: E402

OUTPUT_DIR = BENCH_DIR / "output"


def peak_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def child_peak_mb() -> float:
    """Peak resident memory of the largest child process ended so far: the SQLite
    import's writer process (0 when there was none)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def remove_sqlite(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def run_ours(csv: Path, url: str, schema: str | None, profile: str | None, export_rows: Path | None = None) -> dict:
    """Our importer, timed end to end: reading, cleaning, placing, writing, commit.

    ``export_rows``: on PostgreSQL, afterwards (not timed), the rows it stored are
    written to that folder in COPY's binary form, unless already there, for the
    "COPY alone" contender (:func:`run_copy`)."""
    from sqlalchemy import func, select

    from dashboard.geo import boundaries
    from dashboard.ingest.measurements import import_measurements
    from dashboard.store import database, tables

    if url.startswith("sqlite:///"):
        remove_sqlite(Path(url.removeprefix("sqlite:///")))
    engine = database.make_engine(url, **({"connect_args": {"options": f"-csearch_path={schema}"}} if schema else {}))
    boundaries.ensure_ready(engine)  # schema and communes: setup, not timed
    start_mb = peak_mb()
    stages = _time_stages() if profile == "stages" else None
    profiler = None
    if profile == "cprofile":
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    summary = import_measurements(engine, csv, rejects_dir=OUTPUT_DIR / "rejects")
    seconds = time.perf_counter() - started
    peak = peak_mb()
    if profiler:
        import pstats

        profiler.disable()
        with (OUTPUT_DIR / "profile_cprofile.txt").open("w") as out:
            out.write("cProfile sees the main thread only: the writer thread's work shows as waits in _collect.\n")
            pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(50)
    if stages is not None:
        _write_stages(stages, seconds, OUTPUT_DIR / "profile_stages.txt")
    with engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(tables.measurement)).scalar()
    if export_rows is not None and engine.dialect.name == "postgresql" and not (export_rows / "done").exists():
        _export_stored_rows(engine, export_rows)
    engine.dispose()
    return {
        "rows": summary.rows_read,
        "seconds": seconds,
        "peak_mb": peak,
        "writer_peak_mb": child_peak_mb(),
        "start_mb": start_mb,
        "stored": stored,
        "summary": {
            "imported": summary.imported,
            "rejected": summary.rejected,
            "placed": summary.placed,
            "swapped": summary.swapped,
            "duplicates_in_file": summary.duplicates_in_file,
        },
    }


def run_baseline(csv: Path, db: Path, time_form: str = "iso") -> dict:
    """The straightforward way: pandas.read_csv, geopandas sjoin, DataFrame.to_sql.
    No validation, no swapped coordinates, no snapping, no deduplication, no indexes."""
    import geopandas as gpd
    import pandas as pd
    from sqlalchemy import create_engine, text

    remove_sqlite(db)
    start_mb = peak_mb()
    started = time.perf_counter()
    df = pd.read_csv(csv, dtype={export.COL_ACCOUNT: str, export.COL_ID: str})
    # The format named, as a careful hand-written import would.
    df["measured_at"] = pd.to_datetime(df[export.COL_TIME], format=export.TIME_FORMATS[time_form])
    communes = gpd.read_file(export.COMMUNES_GEOJSON)[["ma_xa_moi", "geometry"]]
    points = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df[export.COL_LON], df[export.COL_LAT]), crs=4326)
    joined = gpd.sjoin(points, communes, how="left", predicate="within")
    out = pd.DataFrame(joined.drop(columns=["geometry", "index_right", export.COL_TIME]))
    out = out.rename(
        columns={
            export.COL_DOWN: "download_mbps",
            export.COL_UP: "upload_mbps",
            export.COL_LATENCY: "latency_ms",
            export.COL_JITTER: "jitter_ms",
            export.COL_OPERATOR: "operator",
            export.COL_CONNECTION: "connection",
            export.COL_LAT: "latitude",
            export.COL_LON: "longitude",
            export.COL_ACCOUNT: "account",
            export.COL_ID: "source_id",
            "ma_xa_moi": "commune_code",
        }
    )
    engine = create_engine(f"sqlite:///{db}")
    out.to_sql("measurement", engine, if_exists="append", index=False, chunksize=10_000, method=None)
    seconds = time.perf_counter() - started
    peak = peak_mb()
    with engine.connect() as conn:
        stored = conn.execute(text("select count(*) from measurement")).scalar()
    engine.dispose()
    return {"rows": len(df), "seconds": seconds, "peak_mb": peak, "start_mb": start_mb, "stored": stored}


#: What "COPY alone" loads: the tables' rows as our import stored them, in order.
COPIED_TABLES = ("import_batch", "measurement")


def _export_stored_rows(engine, folder: Path) -> None:
    """The import's batch row and measurements, as COPY ... TO STDOUT (FORMAT binary) writes them."""
    from psycopg import sql as pgsql

    folder.mkdir(parents=True, exist_ok=True)
    with engine.connect() as conn:
        cursor = conn.connection.driver_connection.cursor()
        for table in COPIED_TABLES:
            # In the order the import stored them (a new table's rows lie as inserted).
            statement = pgsql.SQL("COPY {} TO STDOUT (FORMAT binary)").format(pgsql.Identifier(table))
            with (folder / f"{table}.bin").open("wb") as out, cursor.copy(statement) as copy:
                for block in copy:
                    out.write(block)
    (folder / "done").write_text("")


def run_copy(rows_dir: Path, url: str, schema: str) -> dict:
    """PostgreSQL's COPY alone: the rows our import stored (exported by :func:`run_ours`)
    copied in binary form into an empty measurement table of a new schema, made by
    the same code as the product's (same columns, primary key, indexes, foreign keys
    and NOT NULLs). Creating the schema, loading the communes and the import's batch
    row come first and are not timed; the timed part is the COPY of the
    measurements and the commit."""
    from dashboard.geo import boundaries
    from dashboard.store import database

    engine = database.make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    boundaries.ensure_ready(engine)
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        driver.commit()
        cursor = driver.cursor()
        _copy_in(cursor, rows_dir / "import_batch.bin", "import_batch")
        driver.commit()
        start_mb = peak_mb()
        started = time.perf_counter()
        _copy_in(cursor, rows_dir / "measurement.bin", "measurement")
        driver.commit()
        seconds = time.perf_counter() - started
        peak = peak_mb()
        cursor.execute("SELECT count(*) FROM measurement")
        stored = cursor.fetchone()[0]
    engine.dispose()
    return {"rows": stored, "seconds": seconds, "peak_mb": peak, "start_mb": start_mb, "stored": stored}


def _copy_in(cursor, path: Path, table: str) -> None:
    """COPY a file written by :func:`_export_stored_rows` into ``table``, 1 MiB at a time."""
    from psycopg import sql as pgsql

    statement = pgsql.SQL("COPY {} FROM STDIN (FORMAT binary)").format(pgsql.Identifier(table))
    with path.open("rb") as data, cursor.copy(statement) as copy:
        for block in iter(lambda: data.read(1 << 20), b""):
            copy.write(block)


def _time_stages() -> dict:
    """Wrap the functions and methods of the import path (dashboard.ingest, dashboard.store,
    dashboard.geo) with wall-clock timers.

    Times are inclusive (a caller's time holds its callees') and kept apart per
    thread: the writer thread's functions are labelled [writer].
    """
    totals: dict[str, list] = {}

    def timed(original, label):
        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                where = "" if threading.current_thread() is threading.main_thread() else " [writer]"
                entry = totals.setdefault(label + where, [0.0, 0])
                entry[0] += time.perf_counter() - started
                entry[1] += 1

        return wrapper

    wrapped: dict[int, object] = {}
    import_path = (
        "dashboard.ingest.measurements",
        "dashboard.ingest.measurement_rows",
        "dashboard.ingest.keys",
        "dashboard.store.bulk",
        "dashboard.store.bulk_sqlite",
        "dashboard.store.import_counts",
        "dashboard.store.rollups",
        "dashboard.store.snapshots",
        "dashboard.store.month_medians",
        "dashboard.store.week_rosters",
        "dashboard.ingest.readers",
        "dashboard.ingest.values",
        "dashboard.ingest.times",
        "dashboard.geo.placement",
    )
    for full_name in import_path:
        module = importlib.import_module(full_name)
        name = full_name.rsplit(".", 1)[1]
        for attr, value in list(vars(module).items()):
            if inspect.isfunction(value) and value.__module__.startswith(
                ("dashboard.ingest.", "dashboard.store.", "dashboard.geo.")
            ):
                label = f"{value.__module__.rsplit('.', 1)[1]}.{value.__qualname__}"
                wrapped.setdefault(id(value), timed(value, label))
                setattr(module, attr, wrapped[id(value)])
            elif inspect.isclass(value) and value.__module__ == module.__name__:
                for member_name, member in list(vars(value).items()):
                    if inspect.isfunction(member) and not member_name.startswith("__"):
                        setattr(value, member_name, timed(member, f"{name}.{member.__qualname__}"))
    return totals


def _write_stages(totals: dict, total: float, path: Path, top: int = 50) -> None:
    lines = [
        f"import_measurements: {total:.2f} s wall; inclusive wall time per function, "
        "[writer] = on the writer thread, overlapping the main thread"
    ]
    for label, (seconds, calls) in sorted(totals.items(), key=lambda kv: -kv[1][0])[:top]:
        lines.append(f"{seconds:8.2f} s {100 * seconds / total:5.1f}%  {calls:6d} calls  {label}")
    path.write_text("\n".join(lines) + "\n")


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("what", choices=["generate", "ours", "baseline", "copy"])
    p.add_argument("--csv", type=Path)
    p.add_argument("--rows", type=int)
    p.add_argument("--seed", type=int)
    p.add_argument("--url")
    p.add_argument("--schema")
    p.add_argument("--db", type=Path)
    p.add_argument("--profile", choices=["stages", "cprofile"])
    p.add_argument("--time-form", choices=["iso", "dmy"], default="iso")
    p.add_argument("--export-rows", type=Path, help="ours on PostgreSQL: write the stored rows here for 'copy'")
    p.add_argument("--rows-dir", type=Path, help="copy: the rows written by ours --export-rows")
    a = p.parse_args()
    if a.what == "generate":
        result = export.generate_csv(a.csv, a.rows, a.seed, a.time_form)
    elif a.what == "ours":
        result = run_ours(a.csv, a.url, a.schema, a.profile, a.export_rows)
    elif a.what == "copy":
        result = run_copy(a.rows_dir, a.url, a.schema)
    else:
        result = run_baseline(a.csv, a.db, a.time_form)
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
