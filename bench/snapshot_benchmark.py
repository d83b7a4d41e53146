"""Pages read a month from snapshots: the product against the working tree, in one run.

    python bench/snapshot_benchmark.py --base bench/output/base18.sqlite \\
        --export bench/output/ispeed_export_2026-11.csv --product main --repeat 3

``--base`` is a SQLite database imported by the product (for instance the scale
benchmark's campaign without its last export); ``--export`` a monthly file not in
it yet. The product (``--product``, exported once by ``git archive``) reads the base
as it is; the working tree reads a copy of it brought to its schema (timed), with
every month's snapshot built once (timed, with their sizes), as imports would
have kept them.

1. **Pages**: for the month asked (``--month``), each page's data
   (``bench/page_data.py`` of each tree) and the reads behind it (coverage's tests,
   quality's tests, the overview's headline, the monthly trend), each in a new
   process: *cold* is the first call, *warm* the best of ``--repeat`` more; peak
   memory is the process's VmHWM.
2. **Import**: ``--export`` into a fresh copy of each database, in turns; the
   working tree's time spent building snapshots inside the import is shown apart.

Prints Markdown tables; results also go to ``bench/output/snapshot_results.json``.
Not part of the tests. The machine's load moves timings: compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bench" / "output"
READS = ("coverage_data", "quality_tests", "headline", "monthly_trend")
PAGES = ("overview", "coverage", "quality")


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def product_tree(revision: str) -> Path:
    """The project as committed at ``revision``, exported once into bench/output/."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    tree = OUTPUT / f"product_{commit}"
    if not (tree / "bench" / "page_data.py").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], capture_output=True, check=True, cwd=ROOT)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def child(*args: str) -> dict:
    """Run a step of this script in a new process; its last output line is JSON."""
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: {' '.join(args)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def copy_database(source: Path, target: Path) -> None:
    """A copy of a SQLite file (no write-ahead log left beside either)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


# Steps run in a child process, with ``--root`` (the tree) first on the path.


def step_prepare(database: Path) -> dict:
    """The working tree's schema on a copy of the base, then every month's snapshot."""
    from sqlalchemy import text

    from dashboard.store import database as store
    from dashboard.store import migrations, queries, rollups, snapshots

    engine = store.make_engine(f"sqlite:///{database}")
    started = time.perf_counter()
    migrations.migrate(engine)
    migrated = time.perf_counter() - started
    built = {}
    with engine.connect() as conn:
        months = [row[0] for row in conn.execute(text("select distinct month from rollup_day order by month"))]
    for key in months:
        started = time.perf_counter()
        with engine.begin() as conn:
            table = snapshots.build(rollups.on(conn).read_arrow, key)
            blob = snapshots.encode(table)
            snapshots.put(lambda name, **params: queries.execute(conn, name, **params), key, table)
        built[key] = {
            "tests": len(table),
            "mb": round(len(blob) / 2**20, 2),
            "s": round(time.perf_counter() - started, 2),
        }
    engine.dispose()  # the write-ahead log checkpointed: the file alone is the database
    return {"migrate_s": round(migrated, 2), "months": built, "peak_mb": round(peak_mb())}


def step_read(database: Path, what: str, month: str, repeat: int) -> dict:
    """One page's data (or one read behind it), cold then warm."""
    import datetime as dt

    from dashboard.dates.periods import month as month_period
    from dashboard.reports import coverage, figures, quality
    from dashboard.reports.settings import load_settings
    from dashboard.store import database as store

    period = month_period(month)
    today = dt.date(2026, 11, 25)

    def call(conn):
        if what in PAGES:
            from bench import page_data

            return page_data.PAGES[what](conn, period)
        if what == "coverage_data":
            return coverage.coverage_data(conn, period)
        if what == "quality_tests":
            return quality.period_tests(conn, period.first_day, period.last_day)
        if what == "headline":
            return figures.headline(conn, period, load_settings(conn), today)
        return quality.monthly_trend(conn, "mobile", "download_mbps")

    engine = store.make_engine(f"sqlite:///{database}")
    timings = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        with engine.connect() as conn:
            call(conn)
        timings.append(time.perf_counter() - started)
    return {"cold_s": round(timings[0], 3), "warm_s": round(min(timings[1:]), 3), "peak_mb": round(peak_mb())}


def step_import(database: Path, export: Path) -> dict:
    """The export into the database, timed; the time spent storing the months'
    snapshots (``snapshots.add_import``) apart."""
    from dashboard.ingest.measurements import import_measurements
    from dashboard.store import database as store

    spent = {"snapshots_s": 0.0}
    try:
        from dashboard.store import snapshots

        add_import = snapshots.add_import

        def timed(db, placed):
            started = time.perf_counter()
            try:
                return add_import(db, placed)
            finally:
                spent["snapshots_s"] += time.perf_counter() - started

        snapshots.add_import = timed
    except (ImportError, AttributeError):  # a product without snapshots, or keeping them otherwise
        spent = {}
    engine = store.make_engine(f"sqlite:///{database}")
    started = time.perf_counter()
    summary = import_measurements(engine, export, rejects_dir=OUTPUT / "rejects")
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"rows": summary.imported, "s": round(seconds, 2), **{k: round(v, 2) for k, v in spent.items()}}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("step", nargs="?", default="all", choices=["all", "prepare", "read", "import"])
    p.add_argument("--base", type=Path, default=OUTPUT / "base18.sqlite")
    p.add_argument("--export", type=Path, default=OUTPUT / "ispeed_export_2026-11.csv")
    p.add_argument("--product", default="main")
    p.add_argument("--month", default="2026-10")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--what", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.step != "all":
        sys.path.insert(0, str(a.root))
        os.chdir(a.root)
        if a.step == "prepare":
            result = step_prepare(a.database)
        elif a.step == "read":
            result = step_read(a.database, a.what, a.month, a.repeat)
        else:
            result = step_import(a.database, a.export)
        print(json.dumps(result))
        return 0

    product = product_tree(a.product)
    after = OUTPUT / "snapshot_after.sqlite"
    copy_database(a.base, after)
    prepared = child("prepare", "--root", str(ROOT), "--database", str(after))
    sizes = [m["mb"] for m in prepared["months"].values()]
    print(f"schema step: {prepared['migrate_s']} s; snapshots of {len(sizes)} months: {sum(sizes):.0f} MB in all")
    print(f"  {a.month}: {prepared['months'].get(a.month)}")
    results: dict = {"prepare": prepared, "reads": [], "imports": []}
    print(f"\n| read ({a.month}) | product cold s | product warm s | tree cold s | tree warm s | peak MB p / t |")
    print("|---|---|---|---|---|---|")
    for what in (*READS, *PAGES):
        row = {"what": what}
        for name, tree, database in (("product", product, a.base), ("tree", ROOT, after)):
            row[name] = child(
                "read", "--root", str(tree), "--database", str(database), "--what", what,
                "--month", a.month, "--repeat", str(a.repeat),
            )  # fmt: skip
        results["reads"].append(row)
        pr, tr = row["product"], row["tree"]
        print(
            f"| {what} | {pr['cold_s']} | {pr['warm_s']} | {tr['cold_s']} | {tr['warm_s']} | "
            f"{pr['peak_mb']} / {tr['peak_mb']} |",
            flush=True,
        )
    print(f"\n| import of {a.export.name} | rows | s | of which snapshots s | load |")
    print("|---|---|---|---|---|")
    for _ in range(a.repeat):
        for name, tree, database in (("product", product, a.base), ("tree", ROOT, after)):
            target = OUTPUT / f"snapshot_import_{name}.sqlite"
            copy_database(database, target)
            done = child("import", "--root", str(tree), "--database", str(target), "--export", str(a.export))
            results["imports"].append({"code": name, **done})
            print(
                f"| {name} | {done['rows']:,} | {done['s']} | {done.get('snapshots_s', '')} | {os.getloadavg()[0]:.1f} |"
            )
            target.unlink()
    (OUTPUT / "snapshot_results.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
