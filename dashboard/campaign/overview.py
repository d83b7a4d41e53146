"""The overview's headline figures for a period, and the weekly trend.

Every number comes from a query in ``queries/``; this module only combines the
rows (ratios, counts of communes at the floor) so pages can draw them as they are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.campaign import queries
from dashboard.campaign.periods import Period, periods_between
from dashboard.campaign.rules import ACCESS_KINDS, CURRENT_EDITION, SAMPLE_FLOOR, WEEKLY_TARGET

#: The medians shown, as (access, metric) in the order a page lays them out.
MEDIANS = [(access, metric) for access in ACCESS_KINDS for metric in ("download_mbps", "upload_mbps", "latency_ms")]


@dataclass(frozen=True)
class DataSpan:
    """What the database covers: first and last test day, and whether it is the demo."""

    first_day: dt.date | None
    last_day: dt.date | None
    is_demo: bool
    has_imports: bool

    def periods(self, kind: str) -> list[Period]:
        """Every week or month with data, newest first (none when there is no test)."""
        if self.first_day is None:
            return []
        return periods_between(kind, self.first_day, self.last_day)


def data_span(conn: Connection) -> DataSpan:
    """The span of the stored tests; the data is the demo when only demo imports exist."""
    row = queries.run(conn, "data_span").iloc[0]
    to_date = lambda value: None if value is None or pd.isna(value) else pd.Timestamp(value).date()  # noqa: E731
    return DataSpan(
        first_day=to_date(row["first_day"]),
        last_day=to_date(row["last_day"]),
        is_demo=bool(row["demo_imports"]) and not row["real_imports"],
        has_imports=bool(row["demo_imports"] or row["real_imports"]),
    )


def headline(conn: Connection, period: Period) -> dict[str, float | None]:
    """The overview's figures for one period, as a flat dict.

    Keys: tests, active_staff, staff_weeks, share_met (staff-weeks with at least
    the weekly target of tests, over staff-weeks on the roster; None without
    roster), communes_<access>_at_floor, and <access>_<metric> medians with
    <access>_<metric>_samples (None when there is no sample).
    """
    params = period.query_params()
    tests = queries.run(conn, "period_tests", **params).iloc[0]
    figures: dict[str, float | None] = {
        "tests": int(tests["tests"]),
        "tests_by_staff": int(tests["tests_by_staff"] or 0),
        "active_staff": int(tests["active_staff"]),
    }
    weeks = weekly_participation(conn, period.first_week, period.last_week)
    staff_weeks = int(weeks["staff_on_roster"].sum())
    figures["staff_weeks"] = staff_weeks
    figures["share_met"] = weeks["staff_met"].sum() / staff_weeks if staff_weeks else None

    samples = commune_samples(conn, period)
    for access in ACCESS_KINDS:
        at_floor = samples[(samples["access"] == access) & (samples["tests"] >= SAMPLE_FLOOR)]
        figures[f"communes_{access}_at_floor"] = len(at_floor)
    figures["communes"] = samples["commune_code"].nunique()

    values = queries.run(conn, "period_values", **params)
    for access, metric in MEDIANS:
        measured = pd.to_numeric(values.loc[values["access"] == access, metric]).dropna()
        figures[f"{access}_{metric}"] = float(measured.median()) if len(measured) else None
        figures[f"{access}_{metric}_samples"] = len(measured)
    return figures


def commune_samples(conn: Connection, period: Period) -> pd.DataFrame:
    """Tests placed in each commune, fixed and mobile apart (every commune listed)."""
    return queries.run(conn, "commune_samples", edition_id=CURRENT_EDITION, **period.query_params())


def weekly_participation(conn: Connection, first_week: str, last_week: str) -> pd.DataFrame:
    """One row per ISO week: staff on the roster, active, meeting the target; tests.

    Adds ``share_met`` (staff meeting the target over staff on the roster; NaN for
    a week with no roster).
    """
    weeks = queries.run(
        conn, "weekly_participation", first_week=first_week, last_week=last_week, weekly_target=WEEKLY_TARGET
    )
    for name in ("staff_on_roster", "staff_active", "staff_met", "tests", "tests_by_staff"):
        weeks[name] = weeks[name].astype("int64")
    weeks["share_met"] = weeks["staff_met"] / weeks["staff_on_roster"].where(weeks["staff_on_roster"] > 0)
    return weeks


def change(current: float | None, previous: float | None) -> float | None:
    """The difference against the previous period, or None when either is unknown."""
    if current is None or previous is None:
        return None
    return current - previous
