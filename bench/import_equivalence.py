"""Check that the import stores what the product stores, on a large synthetic export.

    python bench/import_equivalence.py --rows 200000 --product main

Imports bench/output/ispeed_<rows>_<seed>.csv (made by import_benchmark.py) into
two new SQLite files, once with the project as committed at ``--product`` and once
with the working tree, then compares the measurement table (every column) and
every rollup, row for row. Exits 1 on any difference. Not part of the test run:
the tests compare the fixture corpus with a snapshot (tests/unit/test_stored_rows.py);
this compares a million rows when the import's code changes.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from import_benchmark import CONTENDERS, OUTPUT_DIR, product_tree, spawn

#: Tables compared, with the columns left out (the import's own id and time differ by design).
TABLES = {
    "measurement": (),
    "rollup_day": (),
    "rollup_staff_week": (),
    "rollup_staff_last": (),
    "rollup_agency_week": (),
    "month_median": (),
}


def differences(ours: str, product: str) -> dict[str, tuple[int, int, int]]:
    """Per table: (rows in ours, rows only in ours, rows only in the product's)."""
    conn = sqlite3.connect(ours)
    conn.execute("attach database ? as product", (product,))
    found = {}
    for table, left_out in TABLES.items():
        columns = [row[1] for row in conn.execute(f"pragma table_info({table})") if row[1] not in left_out]
        listed = ", ".join(f'"{c}"' for c in columns)
        count = conn.execute(f"select count(*) from main.{table}").fetchone()[0]
        only_ours = conn.execute(
            f"select count(*) from (select {listed} from main.{table} except select {listed} from product.{table})"
        ).fetchone()[0]
        only_product = conn.execute(
            f"select count(*) from (select {listed} from product.{table} except select {listed} from main.{table})"
        ).fetchone()[0]
        found[table] = (count, only_ours, only_product)
    conn.close()
    return found


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200_000)
    p.add_argument("--seed", type=int, default=20261124)
    p.add_argument("--product", default="HEAD", metavar="REV")
    p.add_argument("--time-form", choices=["iso", "dmy"], default="iso")
    a = p.parse_args()
    csv = OUTPUT_DIR / f"ispeed_{a.rows}_{a.seed}{'_dmy' if a.time_form == 'dmy' else ''}.csv"
    if not csv.exists():
        spawn("generate", "--csv", str(csv), "--rows", str(a.rows), "--seed", str(a.seed), "--time-form", a.time_form)
    databases = {"ours": OUTPUT_DIR / "equivalence_ours.sqlite", "product": OUTPUT_DIR / "equivalence_product.sqlite"}
    scripts = {"ours": CONTENDERS, "product": product_tree(a.product) / "bench" / "contenders.py"}
    for name, db in databases.items():
        r = spawn("ours", "--csv", str(csv), "--url", f"sqlite:///{db}", contenders=scripts[name])
        print(f"{name}: stored {r['stored']:,} in {r['seconds']:.2f} s")
    found = differences(str(databases["ours"]), str(databases["product"]))
    for table, (count, only_ours, only_product) in found.items():
        print(f"{table:<20} {count:>10,} rows; only ours {only_ours:,}; only the product's {only_product:,}")
    sys.exit(1 if any(o or p for _, o, p in found.values()) else 0)


if __name__ == "__main__":
    main()
