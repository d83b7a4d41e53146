"""When and where the demo campaign's tests happen.

Each person's tests per ISO week follow a Poisson law whose mean combines the
agency's engagement (and its drift), the person's own habit and the campaign's
calendar: a slow start, a drop in the week of the 2 September holiday, and a
push after the October reminder. Tests are at the office in office hours and at
home in the evening and at weekends.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from dashboard.demo.geography import Geography, travel_points
from dashboard.demo.population import UNKNOWN_TEST_SHARE, Population

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

# Weekday weights, Monday first: the campaign runs on working days.
WEEKDAY_WEIGHTS = np.array([1.2, 1.15, 1.1, 1.05, 1.0, 0.35, 0.25])
# Time slots (start, end in seconds after midnight, local time).
_SLOTS = {
    "morning": (7 * 3600 + 30 * 60, 11 * 3600 + 30 * 60),
    "afternoon": (13 * 3600 + 30 * 60, 17 * 3600),
    "evening": (18 * 3600 + 30 * 60, 22 * 3600 + 30 * 60),
    "early": (5 * 3600 + 45 * 60, 7 * 3600 + 30 * 60),
    "lunch": (11 * 3600 + 30 * 60, 13 * 3600 + 30 * 60),
    "daytime": (8 * 3600, 18 * 3600),
}
_SLOT_NAMES = list(_SLOTS)
# Slot probabilities on working days and on days off, in the order of _SLOTS.
_WORKDAY_SLOTS = np.array([0.41, 0.27, 0.24, 0.03, 0.05, 0.0])
_DAY_OFF_SLOTS = np.array([0.0, 0.0, 0.5, 0.0, 0.0, 0.5])
#: Public holidays in the campaign season (National Day and the day before).
HOLIDAYS = ((9, 1), (9, 2))
TRAVEL_SHARE = 0.015
BURST_SHARE = 0.0006  # bursts per test
FACTOR_FLOOR = 0.4  # the lowest weekly rhythm of a long campaign


def parse_iso_week(text: str) -> dt.date:
    """The Monday of an ISO week written 'YYYY-Www' (e.g. '2026-W47'). Raises ValueError."""
    match = _ISO_WEEK.match(str(text).strip())
    if not match:
        raise ValueError(f"not an ISO week: {text!r} (write it like 2026-W47)")
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"no such ISO week: {text!r}") from None


def campaign_mondays(last_week: str, weeks: int) -> np.ndarray:
    """Mondays of the ``weeks`` ISO weeks ending with ``last_week`` (datetime64[D])."""
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, not {weeks}")
    last = np.datetime64(parse_iso_week(last_week), "D")
    return last - 7 * np.arange(weeks - 1, -1, -1)


def week_factors(mondays: np.ndarray) -> np.ndarray:
    """The campaign's rhythm: slow start, tiring, a holiday drop and a reminder push."""
    n = len(mondays)
    factor = 1.05 - 0.012 * np.arange(n)
    factor[: min(2, n)] *= np.array([0.8, 0.92])[: min(2, n)]
    sundays = mondays + 6
    for monday, sunday, i in zip(mondays, sundays, range(n), strict=False):
        year = monday.astype("datetime64[Y]").astype(int) + 1970
        holiday = np.datetime64(dt.date(int(year), 9, 2))
        if monday <= holiday <= sunday:
            factor[i] *= 0.45
        reminder = np.datetime64(dt.date(int(year), 10, 1))  # a reminder at the start of October
        if monday <= reminder <= sunday:
            factor[i:] *= 1 + 0.5 * 0.8 ** np.arange(n - i)
    # Interest fades, but a campaign that lasts (a benchmark's 80 weeks) keeps a
    # floor of testers; 20 weeks never reach it, so the demo files are unchanged.
    return np.maximum(factor, FACTOR_FLOOR)


def expected_tests(pop: Population, mondays: np.ndarray) -> np.ndarray:
    """Mean tests per person (rows) and week (columns)."""
    agencies = pop.agencies
    middle = (len(mondays) - 1) / 2
    step = np.arange(len(mondays)) - middle
    # The agency of each person each week: the new one from the week of a move.
    moved = (pop.new_agency >= 0)[:, None] & (mondays[None, :] + 6 >= pop.move_date[:, None])
    agency = np.where(moved, pop.new_agency[:, None], pop.agency[:, None])
    on_roster = agency >= 0
    safe = np.where(on_roster, agency, 0)
    level = agencies["level"].to_numpy()[safe] * np.exp(agencies["slope"].to_numpy()[safe] * step[None, :])
    rate = np.where(on_roster, level, 0.0) * pop.factor[:, None] * week_factors(mondays)[None, :]
    # Nobody tests after leaving (the week of leaving is trimmed to the day later).
    left = mondays[None, :] > pop.leave_date[:, None]
    rate[left] = 0.0
    # Off-roster people: scaled so they make about UNKNOWN_TEST_SHARE of all tests.
    unknown = ~on_roster[:, 0]
    known_total = rate[~unknown].sum()
    base = pop.factor[unknown][:, None] * week_factors(mondays)[None, :]
    scale = known_total * UNKNOWN_TEST_SHARE / (1 - UNKNOWN_TEST_SHARE) / max(base.sum(), 1e-9)
    rate[unknown] = base * scale
    return rate


def draw_tests(pop: Population, geo: Geography, mondays: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """One row per test: person, local time, whether at the office, agency, commune and position."""
    counts = rng.poisson(expected_tests(pop, mondays))
    person, week = np.nonzero(counts)
    repeat = counts[person, week]
    person, week = np.repeat(person, repeat), np.repeat(week, repeat)
    n = len(person)

    day = mondays[week] + rng.choice(7, size=n, p=WEEKDAY_WEIGHTS / WEEKDAY_WEIGHTS.sum())
    weekday = (day.astype("datetime64[D]").astype(int) + 3) % 7  # 1970-01-01 was a Thursday
    month_day = pd.DatetimeIndex(day)
    holiday = np.zeros(n, dtype=bool)
    for month, dom in HOLIDAYS:
        holiday |= (month_day.month == month) & (month_day.day == dom)
    day_off = (weekday >= 5) | holiday
    slot = np.where(
        day_off,
        rng.choice(len(_SLOTS), size=n, p=_DAY_OFF_SLOTS),
        rng.choice(len(_SLOTS), size=n, p=_WORKDAY_SLOTS),
    )
    starts = np.array([_SLOTS[s][0] for s in _SLOT_NAMES])[slot]
    ends = np.array([_SLOTS[s][1] for s in _SLOT_NAMES])[slot]
    seconds = rng.integers(starts, ends)
    local = day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")

    # The person's agency on the day of the test; people who left stop testing.
    moved = (pop.new_agency[person] >= 0) & (day >= pop.move_date[person])
    agency = np.where(moved, pop.new_agency[person], pop.agency[person])
    keep = ~(day > pop.leave_date[person])
    at_office = np.isin(slot, [_SLOT_NAMES.index("morning"), _SLOT_NAMES.index("afternoon")]) & (agency >= 0)

    agencies = pop.agencies
    safe = np.where(agency >= 0, agency, 0)
    commune = np.where(at_office, agencies["commune"].to_numpy()[safe], pop.home[person])
    # GPS scatter of some tens of metres around the office or the home.
    lon = np.where(at_office, agencies["office_lon"].to_numpy()[safe], pop.home_lon[person])
    lat = np.where(at_office, agencies["office_lat"].to_numpy()[safe], pop.home_lat[person])
    lon = lon + rng.normal(0.0, 0.0003, n)
    lat = lat + rng.normal(0.0, 0.0003, n)
    travel = rng.random(n) < TRAVEL_SHARE
    lon[travel], lat[travel] = travel_points(int(travel.sum()), rng)
    commune = np.where(travel, -1, commune)

    tests = pd.DataFrame(
        {
            "person": person,
            "local_time": local,
            "at_office": at_office,
            "agency": agency,
            "commune": commune,
            "travel": travel,
            "lon": lon,
            "lat": lat,
        }
    )
    tests = _add_bursts(tests[keep].reset_index(drop=True), rng)
    # Export order: by time, ties by person (stable, so the same seed gives the same order).
    return tests.sort_values(["local_time", "person"], kind="stable", ignore_index=True)


def _add_bursts(tests: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """A few people run several tests in a few minutes (comparing Wi-Fi and 4G,
    or just insisting): copies of some tests, one to three minutes apart."""
    bursts = max(3, int(len(tests) * BURST_SHARE))
    seeds = np.sort(rng.choice(len(tests), size=min(bursts, len(tests)), replace=False))
    size = rng.integers(3, 9, len(seeds))
    extra = tests.iloc[np.repeat(seeds, size)].reset_index(drop=True)
    gaps = rng.integers(30, 180, len(extra))
    # Seconds after the first test of the burst: cumulative gaps within each burst.
    burst = np.repeat(np.arange(len(seeds)), size)
    offset = pd.Series(gaps).groupby(burst).cumsum().to_numpy()
    extra["local_time"] = extra["local_time"] + offset.astype("timedelta64[s]")
    extra["lon"] += rng.normal(0.0, 0.00005, len(extra))
    extra["lat"] += rng.normal(0.0, 0.00005, len(extra))
    return pd.concat([tests, extra], ignore_index=True)
