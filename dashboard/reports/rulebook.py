"""The values the "how figures are computed" page explains, taken from the settings
in force and from the code's own constants and functions, so that the page can
never state one number while the code uses another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np

from dashboard.dates import periods
from dashboard.dates.clock import LOCAL_TZ
from dashboard.geo import placement
from dashboard.reports import coverage, quality, targets
from dashboard.reports.settings import DEFAULT_THRESHOLDS, Settings

#: Thresholds are listed in this order (the quality page's), then any other category.
_CATEGORY_ORDER = ("fixed", "mobile", "5g", "4g", "3g", "2g", "wifi", "ethernet")
#: Any ISO week: a week's share of a month does not depend on which week it is.
_SOME_WEEK = "2026-W02"


@dataclass(frozen=True)
class RuleValues:
    """Every number the rules page states."""

    settings: Settings  #: the values in force (settings.py)
    weeks_per_month: float  #: a monthly target is divided by this for a week
    weekly_floor_fixed: int  #: the fixed floor's share for one week
    weekly_floor_mobile: int  #: the mobile floor's share for one week
    min_interval_samples: int  #: fewer samples than this and a median has no 95% interval
    precise_share: float  #: an interval within ± this share of the median is "precise"
    snap_distance_m: float  #: a test this close to a commune is placed in it
    h3_min_tests: int  #: hexagons with fewer tests are hidden
    decision_36_4g: float  #: the default 4G threshold (Decision 36/QĐ-TTg)
    time_zone: str  #: the IANA name of Vietnam's time zone
    utc_offset_hours: float  #: Vietnam time minus UTC
    thresholds: list[tuple[str, float]]  #: (category, Mbps) in display order


def rule_values(settings: Settings) -> RuleValues:
    """The numbers behind each rule, for ``settings``."""
    week = periods.week(_SOME_WEEK)
    offset = ZoneInfo(LOCAL_TZ).utcoffset(dt.datetime(2026, 1, 1))  # Vietnam keeps no summer time
    assert offset is not None  # a ZoneInfo knows the offset of every moment
    return RuleValues(
        settings=settings,
        weeks_per_month=targets.WEEKS_PER_MONTH,
        weekly_floor_fixed=targets.period_target(settings.sample_floor_fixed, week),
        weekly_floor_mobile=targets.period_target(settings.sample_floor_mobile, week),
        min_interval_samples=min_interval_samples(),
        precise_share=coverage.PRECISE_SHARE,
        snap_distance_m=placement.SNAP_DISTANCE_M,
        h3_min_tests=quality.H3_MIN_TESTS,
        decision_36_4g=DEFAULT_THRESHOLDS["4g"],
        time_zone=LOCAL_TZ,
        utc_offset_hours=offset.total_seconds() / 3600,
        thresholds=ordered_thresholds(settings.thresholds),
    )


def min_interval_samples(confidence: float = 0.95, at_most: int = 100) -> int:
    """The fewest samples for which :func:`coverage.median_interval` gives an
    interval: asked of the function itself rather than written down twice."""
    for n in range(1, at_most + 1):
        if coverage.median_interval(np.arange(n, dtype=float), confidence) is not None:
            return n
    raise ValueError(f"no {confidence:.0%} interval below {at_most} samples")


def ordered_thresholds(thresholds: dict[str, float]) -> list[tuple[str, float]]:
    """(category, threshold) pairs: fixed and mobile first, then the technologies."""
    known = [c for c in _CATEGORY_ORDER if c in thresholds]
    others = sorted(c for c in thresholds if c not in _CATEGORY_ORDER)
    return [(c, float(thresholds[c])) for c in known + others]
