"""The numbers the rules page states come from the settings and the code itself."""

from __future__ import annotations

import dataclasses

import numpy as np

from dashboard.dates import periods
from dashboard.geo import placement
from dashboard.reports import coverage, targets
from dashboard.reports.rulebook import min_interval_samples, ordered_thresholds, rule_values
from dashboard.reports.settings import Settings


def test_the_smallest_sample_with_an_interval_is_asked_of_median_interval():
    """Below the stated minimum median_interval gives nothing; at it, an interval."""
    n = min_interval_samples()
    assert coverage.median_interval(np.arange(n - 1, dtype=float)) is None
    assert coverage.median_interval(np.arange(n, dtype=float)) is not None
    assert n == 6  # the README's "blank under 6 samples"


def test_the_weeks_share_follows_the_settings():
    """A week's share is targets.period_target of the stored floor (300 → 69 by default)."""
    week = periods.week("2026-W47")
    defaults = rule_values(Settings())
    assert defaults.weekly_floor_fixed == targets.period_target(300, week) == 69
    changed = rule_values(dataclasses.replace(Settings(), sample_floor_mobile=450))
    assert changed.weekly_floor_mobile == targets.period_target(450, week)
    assert changed.snap_distance_m == placement.SNAP_DISTANCE_M
    assert changed.utc_offset_hours == 7


def test_thresholds_are_listed_fixed_and_mobile_first():
    """Fixed and mobile lead, the known technologies follow, unknown categories last."""
    listed = ordered_thresholds({"wifi": 100, "zz": 1, "4g": 40, "mobile": 40, "fixed": 100})
    assert [c for c, _ in listed] == ["fixed", "mobile", "4g", "wifi", "zz"]
