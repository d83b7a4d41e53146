"""Coverage: samples per commune against the floor, counted honestly.

*Effective* samples count at most ``per_day`` tests per person (or device) and
day, and drop a test made within ``burst_minutes`` of that person's previous
counted test, so that one enthusiastic tester cannot fill a commune's quota.
The median download comes with a distribution-free 95% confidence interval
from order statistics (no assumption on the shape of the speeds).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy.engine import Connection

from dashboard.dates import clock, key_time
from dashboard.dates.periods import Period
from dashboard.reports import targets
from dashboard.reports.rules import (
    ACCESS_KINDS,
    BURST_MINUTES,
    CURRENT_EDITION,
    SAMPLE_FLOOR,
    TESTS_PER_DAY,
    WEEKLY_TARGET,
)
from dashboard.store import period_tests, queries

#: An interval narrower than this share of the median (each side) earns a badge.
PRECISE_SHARE = 0.10


@dataclass(frozen=True)
class CountingRule:
    """How tests become samples; ``effective=False`` counts every test."""

    effective: bool = True
    per_day: int = TESTS_PER_DAY
    burst_minutes: int = BURST_MINUTES


def effective_mask(tests: pd.DataFrame, rule: CountingRule = CountingRule()) -> pd.Series:
    """True for each test that counts as a sample under ``rule``.

    ``tests`` needs ``tester`` (a person or device; missing for anonymous tests,
    which all count), ``measured_at`` and ``local_date``. Within a tester's day,
    tests are taken in time order: one within ``burst_minutes`` of the last
    counted one is part of a burst, and at most ``per_day`` count.
    """
    if not rule.effective or tests.empty:
        return pd.Series(True, index=tests.index)
    # Testers and days as integer codes, sorted by tester then time (stable: tests at
    # the same time keep their order); anonymous tests (code -1) all count.
    tester = pd.factorize(tests["tester"])[0]
    rows = np.flatnonzero(tester >= 0)
    keep = np.ones(len(tests), dtype=bool)
    if not len(rows):
        return pd.Series(keep, index=tests.index)
    every_time = tests["measured_at"].to_numpy(dtype="datetime64[ns]")
    rows = rows[np.lexsort((every_time[rows], tester[rows]))]
    times = every_time[rows]
    burst = np.timedelta64(rule.burst_minutes, "m")
    # In time order, a tester's day is a run of rows: where each run starts and ends.
    tester, day = tester[rows], pd.factorize(tests["local_date"])[0][rows]
    starts = np.flatnonzero(np.r_[True, (tester[1:] != tester[:-1]) | (day[1:] != day[:-1])])
    sizes = np.diff(np.r_[starts, len(rows)])
    # Every tester-day is walked at once, one step per test: at step k, the k-th test
    # of each day long enough counts if the day allows one more and it is not within
    # a burst of the last one counted.
    kept = np.zeros(len(rows), dtype=bool)
    counted = np.zeros(len(starts), dtype="int64")
    last = np.full(len(starts), np.datetime64("NaT"), dtype="datetime64[ns]")
    day_runs = np.arange(len(starts))
    for step in range(int(sizes.max())):
        day_runs = day_runs[sizes[day_runs] > step]  # the days with a test at this step
        position = starts[day_runs] + step
        when, before = times[position], last[day_runs]
        counts = (counted[day_runs] < rule.per_day) & (np.isnat(before) | (when - before >= burst))
        kept[position] = counts
        counted[day_runs] += counts
        last[day_runs] = np.where(counts, when, before)
    keep[rows] = kept
    return pd.Series(keep, index=tests.index)


def median_interval(values: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float] | None:
    """Median and a distribution-free confidence interval for it, from order statistics.

    The interval is [x(l), x(u)] with l the largest rank such that
    P(Binomial(n, 1/2) < l) <= (1 - confidence) / 2 and u = n + 1 - l. Returns
    None when fewer than 6 values make any 95% interval impossible.
    """
    values = np.sort(np.asarray(values, dtype=float)[~np.isnan(values)])
    n = len(values)
    if n == 0:
        return None
    # P(B = k) for k = 0..n-1 in logs, each from the one before: C(n, k+1) = C(n, k) (n-k)/(k+1).
    k = np.arange(n - 1)
    log_pmf = -n * math.log(2) + np.concatenate([[0.0], np.cumsum(np.log((n - k) / (k + 1)))])
    # l is how many of P(B <= 0), P(B <= 1), … (rising) stay within the tail.
    rank = min(int(np.searchsorted(np.cumsum(np.exp(log_pmf)), (1 - confidence) / 2, side="right")), n)
    if rank < 1:
        return None
    return float(np.median(values)), float(values[rank - 1]), float(values[n - rank])


def is_precise(median: float, low: float, high: float, share: float = PRECISE_SHARE) -> bool:
    """True when the interval lies within ±share of the median."""
    return median > 0 and (median - low) <= share * median and (high - median) <= share * median


def weeks_left(period: Period, today: dt.date) -> float:
    """Weeks from today (inclusive) to the end of the period; 0 once it has ended."""
    if today > period.last_day:
        return 0.0
    start = max(today, period.first_day)
    return ((period.last_day - start).days + 1) / 7


@dataclass(frozen=True)
class CoverageData:
    """What coverage is computed from, for one period: read once, then counted
    again for each floor, operator and counting rule without the database."""

    units: pd.DataFrame  #: communes (``queries/commune_units.sql``)
    tests: pd.DataFrame  #: the period's placed fixed and mobile tests (:data:`TEST_COLUMNS`)
    own_targets: pd.DataFrame  #: communes' own monthly targets, by access
    #: The period's placed tests of no known connection type: in neither category, as VNNIC counts.
    unknown_access: int = 0


#: What coverage reads of each test: who made it (a person, else the account,
#: phone, e-mail or device) and when, for counting effective samples.
TEST_COLUMNS = ["commune_code", "access", "operator", "tester", "measured_at", "local_date", "download_mbps"]


def coverage_data(conn: Connection, period: Period, placed: pa.Table | None = None) -> CoverageData:
    """Read the communes, the period's placed tests (from the months' snapshots, or
    ``placed``: what ``period_tests.read`` gave the caller) and the stored targets."""
    if placed is None:
        placed = period_tests.read(conn, period.first_day, period.last_day)
    tests = period_tests.frame(placed, TEST_COLUMNS, accesses=ACCESS_KINDS)
    own_targets = targets.stored_targets(conn)[["commune_code", "access", "monthly_target"]]
    units = queries.run(conn, "commune_units", edition_id=CURRENT_EDITION)
    return CoverageData(units, tests, own_targets, unknown_access=placed.num_rows - len(tests))


def commune_coverage(
    conn: Connection,
    period: Period,
    rule: CountingRule = CountingRule(),
    sample_floor: int | Mapping[str, int] = SAMPLE_FLOOR,
    operator: str | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per commune and access, read from the database: see :func:`coverage_table`."""
    return coverage_table(coverage_data(conn, period), period, rule, sample_floor, operator, today)


def coverage_table(
    data: CoverageData,
    period: Period,
    rule: CountingRule = CountingRule(),
    sample_floor: int | Mapping[str, int] = SAMPLE_FLOOR,
    operator: str | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per commune and access: raw and effective samples, target,
    shortfall, weekly tests still needed, median download with its interval.

    Every commune is listed, with 0 samples where none was placed. The target is
    the commune's own monthly target where one is stored, else ``sample_floor``
    (one number, or one per access), scaled to the period (a week gets its share
    of the month).
    """
    tests = data.tests
    if operator:
        tests = tests[tests["operator"] == operator]
    rows = _commune_rows(tests, rule)
    counted = pd.DataFrame(
        rows,
        columns=[
            "commune_code",
            "access",
            "raw_samples",
            "samples",
            "last_test",
            "median_download",
            "ci_low",
            "ci_high",
        ],
    )
    grid = data.units.merge(pd.DataFrame({"access": list(ACCESS_KINDS)}), how="cross")
    table = grid.merge(counted, on=["commune_code", "access"], how="left")
    table[["raw_samples", "samples"]] = table[["raw_samples", "samples"]].fillna(0).astype(int)
    table = table.merge(data.own_targets, on=["commune_code", "access"], how="left")
    table["own_target"] = table["monthly_target"].notna()
    # The floor may differ by category (stored settings): a commune's own target comes first.
    floors = table["access"].map(sample_floor) if isinstance(sample_floor, Mapping) else sample_floor
    monthly = (
        table.pop("monthly_target").astype("Float64").fillna(pd.Series(floors, index=table.index, dtype="Float64"))
    )
    table["floor"] = [targets.period_target(value, period) for value in monthly]
    table["shortfall"] = (table["floor"] - table["samples"]).clip(lower=0)
    left = weeks_left(period, today or clock.today())
    staff = table["staff_located"].where(table["staff_located"] > 0)
    # With a week or more left, a rate per week; with less, what is still needed in the
    # days left (a rate "per week" from 2 days would read as absurd).
    table["tests_per_week_needed"] = np.ceil(table["shortfall"] / left) if left >= 1 else np.nan
    table["tests_per_staff_week"] = (table["tests_per_week_needed"] / staff).round(2)
    table["days_left"] = round(left * 7) if 0 < left < 1 else np.nan
    table["tests_needed_now"] = table["shortfall"].where(table["days_left"].notna())
    table["tests_per_staff_now"] = (table["tests_needed_now"] / staff).round(2)
    table["per_1000_inhabitants"] = (table["samples"] * 1000 / table["population"]).round(2)
    table["precise"] = [
        bool(m is not None and not pd.isna(lo) and is_precise(m, lo, hi))
        for m, lo, hi in zip(table["median_download"], table["ci_low"], table["ci_high"], strict=True)
    ]
    return table


def _commune_rows(tests: pd.DataFrame, rule: CountingRule) -> list[dict]:
    """One row per commune and access with tests: raw and effective samples, the
    last day, the median download of the samples with its interval."""
    if tests.empty:
        return []
    counts = effective_mask(tests, rule).to_numpy()
    commune, communes = pd.factorize(tests["commune_code"])
    access, accesses = pd.factorize(tests["access"])
    day, days = pd.factorize(tests["local_date"])
    day_values = pd.to_datetime(pd.Series(days)).dt.date.to_numpy()  # a few dozen days, parsed once
    download = tests["download_mbps"].to_numpy(dtype=float)
    # Positions grouped by commune and access (tests without either are left out).
    group = np.where((commune >= 0) & (access >= 0), commune * len(accesses) + access, -1)
    order = np.argsort(group, kind="stable")
    bounds = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1], True])
    rows = []
    for first, end in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        where = order[first:end]
        if group[where[0]] < 0:
            continue
        counted = download[where[counts[where]]]
        interval = median_interval(counted)
        measured = counted[~np.isnan(counted)]
        median: float | None
        if interval:
            median = interval[0]
        else:  # too few for an interval: the median alone (NaN when no test has a speed)
            median = (float(np.median(measured)) if len(measured) else np.nan) if len(counted) else None
        rows.append(
            {
                "commune_code": communes[commune[where[0]]],
                "access": accesses[access[where[0]]],
                "raw_samples": len(where),
                "samples": len(counted),
                "last_test": max(day_values[np.unique(day[where])]),
                "median_download": median,
                "ci_low": interval[1] if interval else None,
                "ci_high": interval[2] if interval else None,
            }
        )
    return rows


def uncovered(coverage: pd.DataFrame, category: str = "both") -> pd.DataFrame:
    """Communes short of samples in ``category`` ('fixed', 'mobile', or 'both': short
    in either), widest shortfall in that category first, one row per commune with
    both categories side by side, and the tests still needed (per week, or in the
    days left when less than a week is left; in all and per staff member there)."""
    if category not in (*ACCESS_KINDS, "both"):
        raise ValueError(f"category must be fixed, mobile or both, not {category!r}")
    # One row per commune and access already: unstacking keeps every commune and
    # its missing figures (a pivot table without dropping NaN would build every
    # combination of the six index columns first).
    index = ["commune_code", "name", "unit_type", "former_district", "population", "agencies_located"]
    values = [
        "samples",
        "floor",
        "shortfall",
        "tests_per_week_needed",
        "tests_per_staff_week",
        "tests_needed_now",
        "tests_per_staff_now",
        "days_left",
    ]
    flat = coverage.reset_index() if any(coverage.index.names) else coverage  # keys as columns or as index
    wide = flat.set_index([*index, "access"])[values].unstack("access")
    wide.columns = [f"{access}_{value}" for value, access in wide.columns]
    wide = wide.reset_index()
    wide["shortfall"] = wide[[f"{a}_shortfall" for a in ACCESS_KINDS]].sum(axis=1)
    wide["samples_per_1000"] = (
        wide[[f"{a}_samples" for a in ACCESS_KINDS]].sum(axis=1) * 1000 / wide["population"]
    ).round(2)
    wide["days_left"] = wide[[f"{a}_days_left" for a in ACCESS_KINDS]].max(axis=1)
    key = "shortfall" if category == "both" else f"{category}_shortfall"
    under = wide[wide[key] > 0]
    return under.sort_values([key, "commune_code"], ascending=[False, True]).reset_index(drop=True)


def commune_detail(conn: Connection, commune_code: str, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One commune over a period: its tests per ISO week, access, operator and
    technology (``queries/commune_weekly_samples.sql``), and the agencies located
    there with their staff's tests (``queries/commune_agencies.sql``, read by the
    period's range of keys)."""
    days = {"first_day": period.first_day.isoformat(), "last_day": period.last_day.isoformat()}
    weekly = queries.run(conn, "commune_weekly_samples", commune_code=commune_code, **days)
    keys = key_time.day_keys(period.first_day, period.last_day)
    return weekly, queries.run(conn, "commune_agencies", commune_code=commune_code, **days, **keys)


def agency_participation(agencies: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The agencies of a commune (rows of ``queries/commune_agencies.sql``) with
    their tests per person per week over the period and whether that meets the
    campaign's weekly target."""
    weeks = ((period.last_day - period.first_day).days + 1) / 7
    staff = agencies["staff"].where(agencies["staff"] > 0)
    per_person_week = (agencies["tests"] / staff / weeks).round(2)
    return agencies.assign(tests_per_person_week=per_person_week, meets_target=per_person_week >= WEEKLY_TARGET)
