"""An import's new rows counted for the rollups as the writer stores them.

What ``queries/rollup_add_*.sql`` would count from the stored rows, counted
instead on the rows in hand, chunk by chunk, on integer codes: each key column is
numbered once per chunk (``pd.factorize``), the columns' numbers are combined
into one, and ``np.bincount`` counts. Only a chunk's groups are kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

METRICS = ("download_mbps", "upload_mbps", "latency_ms")
#: The key columns of rollup_day, in the order of its primary key, then its week and month.
DAY_KEYS = ["local_date", "commune_code", "access", "operator", "technology", "iso_week", "month"]


class ImportCounts:
    """An import's new rows counted for each rollup chunk by chunk, while the
    writer stores them: what the statements ``queries/rollup_add_*.sql`` count from
    stored rows, without reading them back. :meth:`frames` gives them at the end.

    Each chunk is grouped on integer codes (:func:`_groups`) and counted with
    ``np.bincount``; only a chunk's groups (some thousands of rows) are kept.
    """

    def __init__(self) -> None:
        self._days: list[pd.DataFrame] = []
        self._staff_weeks: list[pd.DataFrame] = []
        self._values: list[pd.DataFrame] = []

    def add(self, rows: pd.DataFrame) -> None:
        """Count a chunk of new rows (measurement columns)."""
        keys = {
            "local_date": rows["local_date"],
            "commune_code": rows["commune_code"].fillna(""),
            "access": rows["access"],
            "operator": rows["operator"].fillna(""),
            "technology": rows["technology"].fillna(""),
        }
        # Each key column is numbered once; every grouping below is on these numbers.
        codes = {name: _codes(values) for name, values in keys.items()}
        by_staff = rows["staff_id"].notna().to_numpy()
        outside = (rows["placement"] == "outside").to_numpy(dtype=bool)
        # The week and the month follow from the day: keys of the group, not of the grouping.
        group, first = _groups(list(codes.values()))
        days = pd.DataFrame({name: _at(values, first) for name, values in keys.items()})
        days["iso_week"] = _at(rows["iso_week"], first)
        days["month"] = _at(rows["month"], first)
        days["tests"] = np.bincount(group, minlength=len(first))
        days["tests_by_staff"] = _summed(group, by_staff, len(first))
        days["tests_outside"] = _summed(group, outside, len(first))
        self._days.append(days)

        linked = np.flatnonzero(by_staff)
        if len(linked):
            group, first = _groups([_codes(rows["iso_week"])[linked], _codes(rows["staff_id"])[linked]])
            day = rows["local_date"].to_numpy()[linked]
            last = np.full(len(first), np.iinfo(np.int64).min)
            np.maximum.at(last, group, day.view(np.int64))
            self._staff_weeks.append(
                pd.DataFrame(
                    {
                        "iso_week": _at(rows["iso_week"], linked[first]),
                        "staff_id": _at(rows["staff_id"], linked[first]),
                        "tests": np.bincount(group, minlength=len(first)),
                        "last_test": last.view(day.dtype),
                    }
                )
            )

        placed = np.flatnonzero(rows["commune_code"].notna().to_numpy())
        labels = {"month": rows["month"], "access": keys["access"], "technology": keys["technology"]}
        labels["operator"] = keys["operator"]
        label_codes = [_codes(rows["month"]), codes["access"], codes["technology"], codes["operator"]]
        for metric in METRICS:
            values = pd.to_numeric(rows[metric]).to_numpy(dtype="float64")[placed]
            known = placed[~np.isnan(values)]
            # As the SQL: round(value * 10 + 0.000001), a half rounded up.
            tenths = np.floor(values[~np.isnan(values)] * 10 + 0.000001 + 0.5).astype("int64")
            group, first = _groups([*(c[known] for c in label_codes), tenths])
            counted = pd.DataFrame({name: _at(column, known[first]) for name, column in labels.items()})
            counted["metric"] = metric
            counted["tenths"] = tenths[first]
            counted["tests"] = np.bincount(group, minlength=len(first))
            self._values.append(counted)

    def weeks(self) -> tuple[str, str] | None:
        """The first and last ISO week of the rows counted (None when none were)."""
        days = [frame["iso_week"] for frame in self._days if len(frame)]
        if not days:
            return None
        weeks = pd.concat(days)
        return str(weeks.min()), str(weeks.max())

    def frames(self) -> dict[str, pd.DataFrame]:
        """The counts per rollup (rows shaped as the rollup), added up over the chunks."""
        if not self._days:
            return {}
        frames = {}
        days = _totals(pd.concat(self._days, ignore_index=True), DAY_KEYS)
        days["local_date"] = pd.to_datetime(days["local_date"]).dt.strftime("%Y-%m-%d")
        frames["rollup_day"] = days
        if self._staff_weeks:
            weeks = pd.concat(self._staff_weeks, ignore_index=True)
            group, first = _groups([_codes(weeks[key]) for key in ("iso_week", "staff_id")])
            last = np.full(len(first), np.iinfo(np.int64).min)
            stamps = weeks["last_test"].to_numpy()
            np.maximum.at(last, group, stamps.view(np.int64))
            weeks = pd.DataFrame(
                {
                    "iso_week": _at(weeks["iso_week"], first),
                    "staff_id": _at(weeks["staff_id"], first),
                    "tests": np.bincount(group, weights=weeks["tests"], minlength=len(first)).round().astype(np.int64),
                    "last_test": last.view(stamps.dtype),
                }
            )
            weeks["last_test"] = pd.to_datetime(weeks["last_test"]).dt.strftime("%Y-%m-%d")
            frames["rollup_staff_week"] = weeks
        value_keys = ["month", "access", "technology", "operator", "metric", "tenths"]
        frames["rollup_month_value"] = _by_category(_totals(pd.concat(self._values, ignore_index=True), value_keys))
        return frames


def _by_category(counted: pd.DataFrame) -> pd.DataFrame:
    """Counts of each value per access and technology as rollup_month_value keeps
    them: each test once under its access and once under its technology, when known
    (as queries/rollup_add_month_value.sql). Added up from the few counted groups,
    not counted again from the rows."""
    technology = counted[(counted["technology"] != "") & (counted["technology"] != counted["access"])]
    both = pd.concat(
        [counted.assign(category=counted["access"]), technology.assign(category=technology["technology"])],
        ignore_index=True,
    )
    keys = ["metric", "category", "month", "operator", "tenths"]
    return _totals(both[[*keys, "tests"]], keys)


def _totals(counted: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The chunks' counts added up per key (the other columns are summed; columns
    that follow from the key, such as a day's week, are taken from its first row)."""
    group, first = _groups([_codes(counted[key]) for key in keys])
    sums = [name for name in counted.columns if name.startswith("tests")]
    totals = pd.DataFrame({name: _at(counted[name], first) for name in counted.columns if name not in sums})
    for name in sums:
        weights = counted[name].to_numpy(dtype=np.float64)
        totals[name] = np.bincount(group, weights=weights, minlength=len(first)).round().astype(np.int64)
    return totals


def _codes(column) -> np.ndarray:
    """Each row's value as a number from 0 (missing values numbered too)."""
    return pd.factorize(column, use_na_sentinel=False)[0].astype(np.int64, copy=False)


def _groups(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Group rows by several integer columns (from 0, as :func:`_codes` gives).

    Returns each row's group (0, 1, … in order of first appearance) and the
    position of each group's first row, from which its key values are read.
    """
    n = len(columns[0])
    combined = np.zeros(n, dtype=np.int64)
    for codes in columns:
        if not n:
            break
        low = int(codes.min())
        size = int(codes.max()) - low + 1
        # The columns so far as one number: renumbered first if it could overflow.
        if int(combined.max()) >= (1 << 62) // size:
            combined = pd.factorize(combined)[0].astype(np.int64)
        combined = combined * size + (codes - low)
    group, distinct_groups = pd.factorize(combined)
    first = np.full(len(distinct_groups), n, dtype=np.int64)
    np.minimum.at(first, group, np.arange(n, dtype=np.int64))
    return group, first


def _at(column, positions: np.ndarray):
    """The values of a column (Series or array) at these positions, as an array."""
    if isinstance(column, pd.Series):
        return column.take(positions).array
    return np.asarray(column)[positions]


def _summed(group: np.ndarray, flags: np.ndarray, groups: int) -> np.ndarray:
    """How many rows of each group have the flag set."""
    return np.bincount(group, weights=flags.astype(np.float64), minlength=groups).round().astype(np.int64)
