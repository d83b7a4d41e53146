"""Each month's median per metric, category and operator: the quality page's
monthly trend, kept in ``month_median``.

The medians come from the month's placed tests as its snapshot holds them
(:mod:`snapshots`), the same values the quality page reads for the month: the
trend and the page give the same median for the same month. Computed over every
month at each reading, they would cost more than the rest of the quality page; a
month's medians change only when its tests do, so they are computed where its
snapshot is stored again, in the same transaction:

* an import, for the months its placed tests fall in (:func:`add_import`, called
  by ``rollups.add_import`` with the snapshots it stores);
* a migration: every month (:func:`rebuild`);
* the demo's removal empties the table with the rollups.

A roster import changes who made a test, never its values: the medians stay.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Column, MetaData, Table

from dashboard.store import snapshots
from dashboard.store.tables import month_median

METRICS = ("download_mbps", "upload_mbps", "latency_ms")
COLUMNS = ["metric", "category", "month", "operator", "samples", "median"]


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


#: A month's medians, before they replace the stored ones in one statement.
INCOMING = Table(
    "incoming_month_median",
    MetaData(),
    *[Column(c.name, c.type) for c in month_median.columns],
    prefixes=["TEMPORARY"],
    postgresql_on_commit="DROP",
)


def add_import(db: Store, months: dict[str, pa.Table]) -> None:
    """Replace the medians of the months an import's placed tests fall in, from
    those months' snapshots (``months``: month -> its snapshot, as stored)."""
    for key in sorted(months):
        _replace(db, key, from_tests(key, months[key]))


def rebuild(db: Store) -> None:
    """Compute again every month's medians, from the measurements."""
    db.run("month_median_clear_all")
    for key in db.read("placed_months")["month"]:
        _replace(db, str(key), from_tests(str(key), snapshots.build(db.read_arrow, str(key))))


def _replace(db: Store, key: str, medians: pd.DataFrame) -> None:
    """Replace the stored medians of one month with ``medians``."""
    db.run("month_median_clear", month=key)
    if len(medians):
        db.load(INCOMING, medians)
        db.run("month_median_add")


def from_tests(key: str, tests: pa.Table | pd.DataFrame) -> pd.DataFrame:
    """Samples and median per metric, category and operator of one month's placed
    tests (a snapshot's columns): the middle value, or the mean of the two middle
    ones for an even count, as the quality page computes them. A test counts under
    its access (fixed, mobile) and under its technology; tests without an operator
    or without the metric's value are left out."""
    if isinstance(tests, pa.Table):  # only the columns read (the testers' texts are many)
        tests = tests.select(["access", "technology", "operator", *METRICS]).to_pandas()
    frame = tests
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    # Accesses and technologies numbered in one list of categories, operators in another.
    access, access_names = _codes(frame["access"])
    technology, technology_names = _codes(frame["technology"])
    categories, numbered = np.unique(np.concatenate([access_names, technology_names]), return_inverse=True)
    access = np.where(access >= 0, np.append(numbered[: len(access_names)], -1)[access], -1)
    technology = np.where(technology >= 0, np.append(numbered[len(access_names) :], -1)[technology], -1)
    technology[technology == access] = -1  # a technology named like its access is that access
    operator, operators = _codes(frame["operator"])
    parts = []
    for metric in METRICS:
        values = frame[metric].to_numpy(dtype="float64")
        known = np.flatnonzero(~np.isnan(values) & (operator >= 0))
        # Sorted by value once; a stable sort by group then keeps each group's values
        # in order (a radix sort when the groups' numbers fit in 16 bits).
        by_value = known[np.argsort(values[known])]
        for category in (access, technology):
            rows = by_value[category[by_value] >= 0]
            groups = category[rows] * len(operators) + operator[rows]
            if len(categories) * len(operators) < np.iinfo(np.int16).max:
                groups = groups.astype(np.int16)
            order = np.argsort(groups, kind="stable")
            group, samples, median = _runs(groups[order], values[rows][order])
            parts.append(
                pd.DataFrame(
                    {
                        "metric": metric,
                        "category": categories[group // len(operators)],
                        "month": key,
                        "operator": operators[group % len(operators)],
                        "samples": samples,
                        "median": median,
                    },
                    columns=COLUMNS,
                )
            )
    medians = pd.concat(parts, ignore_index=True).sort_values(["metric", "category", "operator"], kind="stable")
    return medians.reset_index(drop=True).astype({"samples": "int64", "median": "float64"})


def _runs(groups: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each run of equal ``groups`` (sorted, its ``values`` in order): the group,
    its size and its median."""
    if not len(groups):
        return groups, groups, values
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    sizes = np.diff(np.r_[starts, len(groups)])
    low, high = values[starts + (sizes - 1) // 2], values[starts + sizes // 2]
    return groups[starts], sizes, (low + high) / 2


def _codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A text column (plain, or a dictionary's categories) as numbers from 0 (-1 when
    missing) and the texts they number."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(dtype=np.int64), column.cat.categories.to_numpy(dtype=object)
    codes, names = pd.factorize(column)
    return codes.astype(np.int64), np.asarray(names, dtype=object)
