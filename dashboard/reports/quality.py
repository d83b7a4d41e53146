"""Quality: speed and latency by commune, operator and technology, honestly.

Every figure is a median (as VNNIC publishes) with its sample count; a commune
under the sample floor has no colour, only "not enough samples"; the 10th and 90th
percentiles show the spread; a median's 95% interval (order statistics, see
:func:`coverage.median_interval`) tells whether it is clearly under a threshold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import h3
import h3.api.basic_int as h3_int
import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.reports.coverage import median_interval
from dashboard.reports.rules import SAMPLE_FLOOR
from dashboard.store import period_tests as placed_tests
from dashboard.store import queries

#: metric -> (column, better when higher)
METRICS = {
    "download_mbps": ("download_mbps", True),
    "upload_mbps": ("upload_mbps", True),
    "latency_ms": ("latency_ms", False),
    "share_under": ("download_mbps", True),
}
#: Categories: the two VNNIC categories, then single technologies.
CATEGORIES = ("fixed", "mobile", "4g", "5g", "wifi", "ethernet", "3g")
#: The category VNNIC counts each technology in (fixed broadband or mobile).
FIXED_TECHNOLOGIES = ("fixed", "wifi", "ethernet")


def access_of(category: str) -> str:
    """'fixed' or 'mobile': the category a technology's tests count in."""
    return "fixed" if category in FIXED_TECHNOLOGIES else "mobile"


#: Decision 36/QĐ-TTg: 4G download of at least 40 Mbps. Other categories: settings.
DEFAULT_THRESHOLDS = {
    "4g": 40.0,
    "5g": 100.0,
    "mobile": 40.0,
    "fixed": 100.0,
    "wifi": 100.0,
    "ethernet": 100.0,
    "3g": 5.0,
}
#: An operator is judged in a commune from this many tests (the evidence list's default).
EVIDENCE_MIN_SAMPLES = 30
#: Fewer tests than this in a hexagon and it is not shown (privacy and noise).
H3_MIN_TESTS = 10
#: Cells of about 36 km² (some 7 to a commune): about ten pixels across on the opening map.
H3_DEFAULT_RESOLUTION = 6


@dataclass(frozen=True)
class Selection:
    """Which tests a figure is about: a category (access or technology), an operator."""

    category: str = "mobile"
    operator: str | None = None


#: What the page reads of each test; positions stay in the core (the page gets aggregates).
TEST_COLUMNS = [
    "month",
    "commune_code",
    "access",
    "technology",
    "operator",
    "download_mbps",
    "upload_mbps",
    "latency_ms",
    "latitude",
    "longitude",
]


def period_tests(conn: Connection, first_day: dt.date, last_day: dt.date) -> pd.DataFrame:
    """The tests from ``first_day`` to ``last_day`` (local dates) inside the
    province, one row each, with speeds, latency, operator, access, technology,
    commune and position (from the months' snapshots)."""
    return placed_tests.frame(placed_tests.read(conn, first_day, last_day), TEST_COLUMNS)


def select(tests: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    """The tests of one category (fixed, mobile, or a technology) and operator."""
    if selection.category in ("fixed", "mobile"):
        chosen = tests[tests["access"] == selection.category]
    else:
        chosen = tests[tests["technology"] == selection.category]
    if selection.operator:
        chosen = chosen[chosen["operator"] == selection.operator]
    return chosen


def summarise(values: pd.Series, threshold: float | None = None) -> dict:
    """Sample count, median with its 95% interval, 10th and 90th percentiles, and
    the share of values under ``threshold`` (if given) for one group of tests."""
    clean = values.dropna().to_numpy(dtype=float)
    n = len(clean)
    result = {
        "samples": n,
        "median": np.nan,
        "ci_low": np.nan,
        "ci_high": np.nan,
        "p10": np.nan,
        "p90": np.nan,
        "share_under": np.nan,
    }
    if n == 0:
        return result
    result["median"] = float(np.median(clean))
    result["p10"], result["p90"] = (float(v) for v in np.percentile(clean, [10, 90]))
    interval = median_interval(clean)
    if interval:
        result["ci_low"], result["ci_high"] = interval[1], interval[2]
    if threshold is not None:
        result["share_under"] = float((clean < threshold).mean())
    return result


def by_group(tests: pd.DataFrame, keys: list[str], column: str, threshold: float | None = None) -> pd.DataFrame:
    """:func:`summarise` of ``column`` for each group of ``keys``."""
    if tests.empty:
        return pd.DataFrame(columns=[*keys, "samples", "median", "ci_low", "ci_high", "p10", "p90", "share_under"])
    rows = [
        {
            **dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)),
            **summarise(group[column], threshold),
        }
        for key, group in tests.groupby(keys, sort=True)
    ]
    return pd.DataFrame(rows)


def commune_figures(
    tests: pd.DataFrame,
    units: pd.DataFrame,
    selection: Selection,
    metric: str,
    threshold: float,
    sample_floor: int = SAMPLE_FLOOR,
) -> pd.DataFrame:
    """One row per commune (all of them) with the metric's figures for the
    selection; ``enough`` is False under ``sample_floor`` and ``value`` is then
    missing, so nobody reads a colour into a handful of tests."""
    column = METRICS[metric][0]
    figures = by_group(select(tests, selection).dropna(subset=["commune_code"]), ["commune_code"], column, threshold)
    table = units[["commune_code", "name", "former_district", "population"]].merge(
        figures, on="commune_code", how="left"
    )
    table["samples"] = table["samples"].fillna(0).astype(int)
    table["enough"] = table["samples"] >= sample_floor
    shown = table["share_under"] * 100 if metric == "share_under" else table["median"]
    table["value"] = shown.where(table["enough"])
    return table


def operator_comparison(
    tests: pd.DataFrame,
    category: str,
    column: str = "download_mbps",
    threshold: float | None = None,
    commune_code: str | None = None,
) -> pd.DataFrame:
    """Operators side by side for a category, province-wide or in one commune."""
    chosen = select(tests, Selection(category))
    if commune_code:
        chosen = chosen[chosen["commune_code"] == commune_code]
    return by_group(chosen.dropna(subset=["operator"]), ["operator"], column, threshold)


def below_threshold(
    tests: pd.DataFrame,
    units: pd.DataFrame,
    category: str,
    threshold: float,
    operator: str | None = None,
    min_samples: int = EVIDENCE_MIN_SAMPLES,
) -> pd.DataFrame:
    """Communes where an operator's median download in ``category`` is under
    ``threshold``, with at least ``min_samples`` tests. ``verdict`` is 'clearly'
    when the whole 95% interval is under the threshold, else 'probably'."""
    chosen = select(tests, Selection(category, operator)).dropna(subset=["commune_code", "operator"])
    figures = by_group(chosen, ["operator", "commune_code"], "download_mbps", threshold)
    figures = figures[(figures["samples"] >= min_samples) & (figures["median"] < threshold)]
    figures = figures.assign(verdict=np.where(figures["ci_high"] < threshold, "clearly", "probably"))
    table = figures.merge(units[["commune_code", "name", "former_district"]], on="commune_code", how="left")
    return table.sort_values(["operator", "median"]).reset_index(drop=True)


def monthly_trend(conn: Connection, category: str, column: str = "download_mbps") -> pd.DataFrame:
    """Median per month and operator for a category, with sample counts, over every
    month with data.

    Computed from each month's placed tests where they change, and stored
    (:mod:`dashboard.store.month_medians`): a month's median here is the one
    :func:`by_group` gives for that month's tests on this page.
    """
    trend = queries.run(conn, "month_medians", category=category, metric=column)
    if trend.empty:
        return pd.DataFrame(columns=["month", "operator", "samples", "median"])
    return trend.astype({"samples": "int64", "median": "float64"})


def hexagons(
    tests: pd.DataFrame, column: str, resolution: int = H3_DEFAULT_RESOLUTION, min_tests: int = H3_MIN_TESTS
) -> pd.DataFrame:
    """Tests aggregated to H3 cells: cell id, tests, median of ``column``. Cells
    with fewer than ``min_tests`` tests are left out; no position leaves here."""
    placed = tests.dropna(subset=["latitude", "longitude", column])
    if placed.empty:
        return pd.DataFrame(columns=["hexagon", "tests", "median"])
    # Cells as integers from plain floats, named as text only for the cells kept: a
    # third faster than a text per test. Same order: a resolution's ids have as many
    # hexadecimal digits, so they sort alike as numbers and as text.
    cells = np.fromiter(
        (
            h3_int.latlng_to_cell(lat, lon, resolution)
            for lat, lon in zip(placed["latitude"].tolist(), placed["longitude"].tolist(), strict=True)
        ),
        dtype=np.int64,
        count=len(placed),
    )
    grouped = placed.assign(hexagon=cells).groupby("hexagon")[column].agg(tests="size", median="median")
    kept = grouped[grouped["tests"] >= min_tests].reset_index()
    kept["hexagon"] = [h3.int_to_str(int(cell)) for cell in kept["hexagon"]]
    return kept
