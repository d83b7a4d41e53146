"""Each month's median per metric, category and operator: the quality page's
monthly trend, kept in ``month_median``.

The medians come from the counts of each value in ``rollup_month_value`` (values
to a tenth, so each median is within 0.05 of the tests' own). Read over every
month, a category's counts are some 160,000 rows at five million tests: 0.4 s,
more than the rest of the quality page. A month's medians change only when its
counts do, so they are computed where the counts change, in the same transaction:

* an import, for the metrics, categories and months its own counts touch
  (:func:`add_import`, called by ``rollups.add_import``), from its own counts where
  a month had none of them before (nothing read back), else from the counts stored;
* a rebuild of the counts, a migration: every month (:func:`rebuild`);
* the demo's removal empties the table with the rollups.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Column, MetaData, String, Table

from dashboard.store.tables import month_median

#: Every month, as a range of ``YYYY-MM`` keys.
EVERY_MONTH = ("0000-00", "9999-99")


class Store(Protocol):
    """An import's transaction (``bulk.ImportWriter``) or a connection (``rollups.on``)."""

    def run(self, name: str, **params) -> None:
        """Execute the statement ``queries/<name>.sql``."""

    def read(self, name: str, **params) -> pd.DataFrame:
        """The rows of the query ``queries/<name>.sql``."""

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table."""

    def load(self, table: Table, rows: pd.DataFrame) -> None:
        """Fill a temporary table (created if needed, emptied first) with ``rows``."""


def _temporary(name: str, columns: list[Column]) -> Table:
    return Table(name, MetaData(), *columns, prefixes=["TEMPORARY"], postgresql_on_commit="DROP")


#: The metrics and categories whose medians are computed again.
KEYS = _temporary("incoming_month_median_key", [Column("metric", String(16)), Column("category", String(12))])
#: Their medians, before they replace the stored ones in one statement.
INCOMING = _temporary("incoming_month_median", [Column(c.name, c.type) for c in month_median.columns])


def add_import(db: Store, counts: pd.DataFrame) -> None:
    """The medians of the metrics, categories and months of an import's counts
    (rows shaped as ``rollup_month_value``, already added to it). A metric and
    category without medians stored in those months had no counts there before:
    its medians come from the import's own counts, read back from nowhere; the
    others' counts are read back."""
    if counts.empty:
        return
    months = {"first_month": str(counts["month"].min()), "last_month": str(counts["month"].max())}
    pairs = set(counts[["metric", "category"]].drop_duplicates().itertuples(index=False, name=None))
    stored = db.read("month_median_months", **months)
    known = set(zip(stored["metric"], stored["category"], strict=True)) & pairs
    pair = pd.MultiIndex.from_arrays([counts["metric"], counts["category"]])
    own = counts[~pair.isin(list(known))] if known else counts
    own = own[(own["operator"] != "").to_numpy()]
    _replace(db, pairs, months["first_month"], months["last_month"], from_counts(own), read_back=known)


def _replace(
    db: Store,
    keys: Iterable[tuple[str, str]],
    first_month: str,
    last_month: str,
    computed: pd.DataFrame,
    read_back: set[tuple[str, str]] | None = None,
) -> None:
    """Replace the stored medians of ``keys`` over the months with ``computed`` and
    those computed from the counts of ``read_back`` (every key when None), as ``db``
    sees them: a few statements, whatever the number of keys (each is a round trip
    to an import's writer)."""
    wanted = sorted(set(keys))
    if not wanted:
        return
    months = {"first_month": first_month, "last_month": last_month}
    frames = [computed] if len(computed) else []
    reread = wanted if read_back is None else sorted(read_back)
    if reread:
        db.load(KEYS, pd.DataFrame(reread, columns=["metric", "category"]))
        frames.append(from_counts(db.read_arrow("month_value_counts_of_keys", **months).to_pandas()))
    db.load(KEYS, pd.DataFrame(wanted, columns=["metric", "category"]))
    db.run("month_median_clear", **months)
    medians = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(medians):
        db.load(INCOMING, medians)
        db.run("month_median_add")


def rebuild(db: Store) -> None:
    """Compute again every month's medians, for every metric and category with counts."""
    db.run("month_median_clear_all")
    keys = db.read("month_value_categories")
    _replace(db, zip(keys["metric"], keys["category"], strict=True), *EVERY_MONTH, pd.DataFrame())


def from_counts(counts: pd.DataFrame) -> pd.DataFrame:
    """Samples and median per month and operator (and per metric and category, when
    ``counts`` has them) from rows shaped as ``queries/month_value_counts_of_keys.sql``
    (one row per key and value, in any order): the
    middle value, or the mean of the two middle ones for an even count; in Mbps or
    ms (the counts are in tenths)."""
    keys = [name for name in ("metric", "category", "month", "operator") if name in counts.columns]
    columns = [*keys, "samples", "median"]
    if counts.empty:
        return pd.DataFrame(columns=columns)
    # Keys as integer codes in their sorted order, then rows sorted by key and value:
    # each key is a run of rows, and every run's median is found at once in the
    # running counts.
    coded = [pd.factorize(counts[name], sort=True) for name in keys]
    tenths, tests = counts["tenths"].to_numpy(dtype=float), counts["tests"].to_numpy(dtype="int64")
    order = np.lexsort((tenths, *[codes for codes, _ in reversed(coded)]))
    codes = [key_codes[order] for key_codes, _ in coded]
    tenths, tests = tenths[order], tests[order]
    changes = np.zeros(len(order) - 1, dtype=bool)
    for key_codes in codes:
        changes |= key_codes[1:] != key_codes[:-1]
    starts = np.flatnonzero(np.r_[True, changes])
    totals = np.add.reduceat(tests, starts)
    ends = np.cumsum(tests)  # the 1-based position of the last copy of each value, over every run
    before = ends[starts] - tests[starts]  # copies in the runs before
    low = np.minimum(np.searchsorted(ends, before + (totals + 1) // 2), len(tests) - 1)
    high = np.minimum(np.searchsorted(ends, before + (totals + 2) // 2), len(tests) - 1)
    frame = pd.DataFrame(
        {
            **{
                name: np.asarray(uniques, dtype=object)[key_codes[starts]]
                for name, key_codes, (_, uniques) in zip(keys, codes, coded, strict=True)
            },
            "samples": totals.astype("int64"),
            "median": (tenths[low] + tenths[high]) / 2 / 10,
        },
        columns=columns,
    )
    return frame[totals > 0].reset_index(drop=True)  # a run of no tests (never stored) has no median
