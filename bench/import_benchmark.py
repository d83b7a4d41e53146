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
import statistics
import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUTPUT_DIR = BENCH_DIR / "output"
CONTENDERS = BENCH_DIR / "contenders.py"


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
            pg = [*ours, a.postgres]
            results["ours (postgresql)"] = time_contender("ours (postgresql)", pg, a.repeat, postgres=a.postgres)
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
    """The table: seconds (median and best), rows/s, peak memory and speed-up over
    the naive baseline, from the best runs (the least disturbed by other work)."""
    baseline = results.get("baseline (sqlite)")
    header = (
        f"{'contender':<24} {'rows':>10} {'median s':>9} {'best s':>7} {'rows/s':>10} "
        f"{'peak RSS MB':>12} {'vs naive':>9}"
    )
    print(f"\n{header}\n{'-' * len(header)}")
    for name, r in results.items():
        best = r.get("best_seconds", r["seconds"])
        speed_up = f"{baseline.get('best_seconds', baseline['seconds']) / best:.2f}x" if baseline else "-"
        print(
            f"{name:<24} {r['rows']:>10,} {r['seconds']:>9.2f} {best:>7.2f} {r['rows'] / best:>10,.0f} "
            f"{r['peak_mb']:>12.0f} {speed_up:>9}"
        )
    print(
        "\npeak RSS: ru_maxrss of the contender's own process (libraries included; before the timed part:",
        ", ".join(f"{n} {r['start_mb']:.0f} MB" for n, r in results.items()) + ")",
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


if __name__ == "__main__":
    main()
