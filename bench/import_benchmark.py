"""Time the measurement import against a straightforward pandas/geopandas import.

    python bench/import_benchmark.py --rows 1000000 [--repeat 3] [--postgres URL] [--profile] [--product REV]

Generates bench/output/ispeed_<rows>_<seed>.csv once, then runs each contender in
a fresh process (bench/contenders.py) and prints seconds, rows/s and peak memory.
Not part of the test suite; see bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUTPUT_DIR = BENCH_DIR / "output"
CONTENDERS = BENCH_DIR / "contenders.py"
NAIVE = "baseline (sqlite)"
COPY_ALONE = "COPY alone (postgresql)"
#: Aims of issue 21: our SQLite import at least 3x the naive one's rows/s, and our
#: PostgreSQL import within 1.35x the time of COPY alone.
AIM_TIMES_NAIVE, AIM_TIMES_COPY = 3.0, 1.35


def spawn(*args: str, contenders: Path = CONTENDERS) -> dict:
    """Run one contender in its own process; its RESULT line as a dict."""
    done = subprocess.run([sys.executable, str(contenders), *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"failed: contenders.py {' '.join(args)}")
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def postgres_schema(url: str, schema: str, create: bool) -> None:
    """Create or drop the throw-away schema of a PostgreSQL run."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'create schema "{schema}"' if create else f'drop schema if exists "{schema}" cascade'))
    engine.dispose()


def product_tree(revision: str) -> Path:
    """The project as committed at ``revision``, exported once into bench/output/
    (a plain copy, not a worktree), so that its import is timed in the same run."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision], capture_output=True, text=True, check=True, cwd=BENCH_DIR.parent
    ).stdout.strip()
    tree = OUTPUT_DIR / f"product_{commit}"
    if not (tree / "bench" / "contenders.py").exists():
        tree.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], capture_output=True, check=True, cwd=BENCH_DIR.parent)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def time_contender(
    name: str, args: list[str], repeat: int, postgres: str | None = None, contenders: Path = CONTENDERS
) -> dict:
    """Run a contender ``repeat`` times: the median time and the highest peak memory."""
    runs = []
    for i in range(repeat):
        schema = f"bench_import_{os.getpid()}_{i}"
        if postgres:
            postgres_schema(postgres, schema, create=True)
        try:
            runs.append(spawn(*args, *(["--schema", schema] if postgres else []), contenders=contenders))
        finally:
            if postgres:
                postgres_schema(postgres, schema, create=False)
        print(
            f"  {name} run {i + 1}: {runs[-1]['seconds']:.2f} s, peak {runs[-1]['peak_mb']:.0f} MB, "
            f"load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    result = dict(runs[-1])
    result["seconds"] = statistics.median(r["seconds"] for r in runs)
    result["best_seconds"] = min(r["seconds"] for r in runs)
    result["peak_mb"] = max(r["peak_mb"] for r in runs)
    result["all_seconds"] = [round(r["seconds"], 2) for r in runs]
    return result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="rows in the synthetic export")
    p.add_argument("--seed", type=int, default=20261124, help="seed of the export (part of its file name)")
    p.add_argument("--repeat", type=int, default=1, help="runs per contender; the median time is shown")
    p.add_argument("--postgres", metavar="URL", help="also time our importer on PostgreSQL, in a throw-away schema")
    p.add_argument("--no-baseline", action="store_true", help="skip the pandas/geopandas baseline")
    p.add_argument(
        "--time-form",
        choices=["iso", "dmy"],
        default="iso",
        help="times written as ISO dates or as dd/mm/yyyy HH:MM:SS, i-Speed's own form (file ..._dmy.csv)",
    )
    p.add_argument(
        "--product",
        metavar="REV",
        help="also time the import as committed at REV (e.g. main), on SQLite, in the same run",
    )
    p.add_argument(
        "--profile",
        nargs="?",
        const="stages",
        choices=["stages", "cprofile"],
        help="then one more run of ours (SQLite) under a profiler; report in bench/output/",
    )
    p.add_argument("--profile-only", action="store_true", help="only the profiled run")
    a = p.parse_args()
    a.profile = a.profile or ("stages" if a.profile_only else None)

    OUTPUT_DIR.mkdir(exist_ok=True)
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (other work makes timings noisy)")
    csv = OUTPUT_DIR / f"ispeed_{a.rows}_{a.seed}{'_dmy' if a.time_form == 'dmy' else ''}.csv"
    if not csv.exists():  # in a process of its own too, so this one stays small
        info = spawn(
            "generate", "--csv", str(csv), "--rows", str(a.rows), "--seed", str(a.seed), "--time-form", a.time_form
        )
        print(f"generated {csv.name}: {info['rows']:,} rows, {info['mb']:.0f} MB in {info['seconds']:.1f} s")
    ours = ["ours", "--csv", str(csv), "--url"]
    baseline = ["baseline", "--csv", str(csv), "--db", str(OUTPUT_DIR / "baseline.sqlite"), "--time-form", a.time_form]

    results = {}
    if not a.profile_only:
        sqlite = f"sqlite:///{OUTPUT_DIR / 'bench.sqlite'}"
        contenders = [("ours (sqlite)", [*ours, sqlite], CONTENDERS)]
        if a.product:
            tree = product_tree(a.product)
            contenders.append((f"{tree.name} (sqlite)", [*ours, sqlite], tree / "bench" / "contenders.py"))
        if not a.no_baseline:
            contenders.append(("baseline (sqlite)", baseline, CONTENDERS))
        # Runs take turns (ours, product, baseline, ours, ...), so that a burst of
        # other work on the machine slows each contender alike.
        runs: dict[str, list[dict]] = {name: [] for name, _, _ in contenders}
        for _ in range(a.repeat):
            for name, args, script in contenders:
                runs[name].append(time_contender(name, args, 1, contenders=script))
        for name, done in runs.items():
            results[name] = merged(done)
        if a.postgres:
            # COPY alone copies the rows our first PostgreSQL run stored (exported after
            # its timed part); the two take turns too.
            rows_dir = OUTPUT_DIR / "copy_rows"
            shutil.rmtree(rows_dir, ignore_errors=True)  # this run's rows, not an older version's
            pg = {
                "ours (postgresql)": [*ours, a.postgres, "--export-rows", str(rows_dir)],
                COPY_ALONE: ["copy", "--rows-dir", str(rows_dir), "--url", a.postgres],
            }
            pg_runs: dict[str, list[dict]] = {name: [] for name in pg}
            for _ in range(a.repeat):
                for name, args in pg.items():
                    pg_runs[name].append(time_contender(name, args, 1, postgres=a.postgres))
            for name, done in pg_runs.items():
                results[name] = merged(done)
        report(results)
        (OUTPUT_DIR / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    if a.profile:
        r = spawn(*ours, f"sqlite:///{OUTPUT_DIR / 'profile.sqlite'}", "--profile", a.profile)
        print(f"\nprofiled run: {r['seconds']:.2f} s")
        print((OUTPUT_DIR / f"profile_{a.profile}.txt").read_text())


def merged(runs: list[dict]) -> dict:
    """One contender's runs as one result: median and best time, highest peak memory."""
    result = dict(runs[-1])
    seconds = [s for r in runs for s in r["all_seconds"]]
    result["seconds"] = statistics.median(seconds)
    result["best_seconds"] = min(seconds)
    result["peak_mb"] = max(r["peak_mb"] for r in runs)
    result["all_seconds"] = seconds
    return result


def report(results: dict) -> None:
    """The table: seconds (median and best), rows/s, peak memory and speed as a
    multiple of the naive import's, from the best runs (the least disturbed by
    other work); then the ratios the aims are about, in words."""
    naive = results.get(NAIVE)
    header = (
        f"{'contender':<24} {'rows':>10} {'median s':>9} {'best s':>7} {'rows/s':>10} "
        f"{'peak RSS MB':>12} {'x naive':>8}"
    )
    print(f"\n{header}\n{'-' * len(header)}")
    for name, r in results.items():
        best = r.get("best_seconds", r["seconds"])
        times_naive = f"{r['rows'] / best / speed(naive):.2f}x" if naive and name != COPY_ALONE else "-"
        print(
            f"{name:<24} {r['rows']:>10,} {r['seconds']:>9.2f} {best:>7.2f} {r['rows'] / best:>10,.0f} "
            f"{r['peak_mb']:>12.0f} {times_naive:>8}"
        )
    if naive:
        print("\nx naive: rows/s over the naive import's (pandas + geopandas.sjoin + to_sql, same file, same run).")
    if COPY_ALONE in results:
        print(f"{COPY_ALONE}: rows = the rows our import stored; only the COPY and its commit are timed.")
    for line in ratios(results):
        print(line)
    print(
        "\npeak RSS: ru_maxrss of the contender's own process (libraries included; before the timed part:",
        ", ".join(f"{n} {r['start_mb']:.0f} MB" for n, r in results.items()) + ")",
    )
    writers = [f"{n} {r['writer_peak_mb']:.0f} MB" for n, r in results.items() if r.get("writer_peak_mb")]
    if writers:
        print(
            "peak RSS of the SQLite writer's own process (ru_maxrss of the contender's children):", ", ".join(writers)
        )
    for name, r in results.items():
        if "summary" in r:
            s = r["summary"]
            print(
                f"{name}: stored {r['stored']:,}; placed {s['placed']}; swapped {s['swapped']:,}; "
                f"rejected {s['rejected']}; repeats {s['duplicates_in_file']:,}"
            )
        else:
            print(f"{name}: stored {r['stored']:,}")


def speed(result: dict, median: bool = False) -> float:
    """Rows per second of a contender's best (or median) run."""
    return result["rows"] / (result["seconds"] if median else result.get("best_seconds", result["seconds"]))


def ratios(results: dict) -> list[str]:
    """The summary: each of our imports as a multiple of the naive import (rows/s),
    and our PostgreSQL import's time as a multiple of COPY alone's; best runs, with
    the medians' ratio in brackets. Also kept in the results (``x_naive``, ``x_copy``)."""
    lines = []
    naive = results.get(NAIVE)
    for name, r in results.items():
        if naive and name not in (NAIVE, COPY_ALONE):
            times = speed(r) / speed(naive)
            r["x_naive"] = round(times, 2)
            aim = f"; aim >= {AIM_TIMES_NAIVE:g}x: {'met' if times >= AIM_TIMES_NAIVE else 'not met'}"
            lines.append(
                f"{name}: {times:.2f}x the naive import ({speed(r):,.0f} rows/s against {speed(naive):,.0f}; "
                f"medians {speed(r, True) / speed(naive, True):.2f}x){aim if name == 'ours (sqlite)' else ''}"
            )
    copy, ours_pg = results.get(COPY_ALONE), results.get("ours (postgresql)")
    if copy and ours_pg:
        times = ours_pg["best_seconds"] / copy["best_seconds"]
        ours_pg["x_copy"] = round(times, 2)
        lines.append(
            f"ours (postgresql): {times:.2f}x the time of COPY alone ({ours_pg['best_seconds']:.2f} s against "
            f"{copy['best_seconds']:.2f} s; medians {ours_pg['seconds'] / copy['seconds']:.2f}x); "
            f"aim <= {AIM_TIMES_COPY:g}x: {'met' if times <= AIM_TIMES_COPY else 'not met'}"
        )
    return lines


if __name__ == "__main__":
    main()
