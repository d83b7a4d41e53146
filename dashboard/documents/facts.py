"""Everything the report states, read once from the domain's own definitions: the
overview's headline figures (:func:`figures.headline`) for the period and the one
before, the participation page's agency table, the coverage page's month (its
communes against their targets and the list of those short of samples), the
quality page's operators and communes under the thresholds, and the overview's
weekly trend. Nothing here counts a figure of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.dates import periods
from dashboard.dates.periods import Period
from dashboard.reports import coverage, figures, overview, quality
from dashboard.reports import participation as part
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.reports.settings import Settings

#: Weeks in the trend chart, ending with the period's last week.
TREND_WEEKS = 10


@dataclass(frozen=True)
class ReportFacts:
    """The figures of one report, as the domain computes them."""

    period: Period
    today: dt.date
    settings: Settings
    span: overview.DataSpan
    now: dict  #: figures.headline of the period
    before: dict  #: figures.headline of the period before
    counted: Period | None  #: the weeks whose participation counts (None while none has started)
    agencies: pd.DataFrame  #: participation.agency_table over ``counted``, weakest first
    month: Period  #: the calendar month of the period's last day: VNNIC counts samples by month
    month_status: pd.DataFrame  #: figures.commune_status of ``month``
    uncovered: pd.DataFrame  #: coverage.uncovered of ``month_status``, both categories
    operators: dict[str, pd.DataFrame]  #: quality.operator_comparison of download speed, by access
    below: dict[str, pd.DataFrame]  #: quality.below_threshold, by access
    trend: pd.DataFrame  #: overview.weekly_participation of the weeks up to the period's last

    @property
    def previous(self) -> Period:
        """The period the figures are compared with."""
        return self.period.previous()

    def threshold(self, access: str) -> float:
        """The download threshold (Mbps) of a category in force."""
        return threshold(self.settings, access)


def threshold(settings: Settings, access: str) -> float:
    """The download threshold (Mbps) of a category: the stored one, else the
    default (as the quality page takes it)."""
    return settings.threshold(access) or quality.DEFAULT_THRESHOLDS[access]


def gather(conn: Connection, period: Period, settings: Settings, today: dt.date) -> ReportFacts:
    """Read the report's figures for ``period`` as of ``today``."""
    span = overview.data_span(conn)
    month = periods.period_containing("month", period.last_day)
    month_data = coverage.coverage_data(conn, month)
    # A month's report reads the month once, for its headline and its coverage alike.
    now = figures.headline(conn, period, settings, today, month_data if month == period else None)
    before = figures.headline(conn, period.previous(), settings, today)
    month_status = figures.commune_status(month_data, month, settings, today=today)

    counted = period.counted(today, span.last_day)
    counted_before = period.counted_before(today, span.last_day)  # the weeks of ``before``, as the pages take them
    agencies = pd.DataFrame()
    if counted is not None:
        agency_list = part.agencies(conn)
        agencies = part.agency_table(
            part.agency_weeks(conn, counted, settings.weekly_target),
            agency_list,
            part.agency_weeks(conn, counted_before, settings.weekly_target) if counted_before else None,
        )

    tests = quality.period_tests(conn, period.first_day, period.last_day)
    operators, below = {}, {}
    for access in ACCESS_KINDS:
        mbps = threshold(settings, access)
        operators[access] = quality.operator_comparison(tests, access, "download_mbps", mbps)
        below[access] = quality.below_threshold(tests, month_data.units, access, mbps)

    return ReportFacts(
        period=period,
        today=today,
        settings=settings,
        span=span,
        now=now,
        before=before,
        counted=counted,
        agencies=agencies,
        month=month,
        month_status=month_status,
        uncovered=coverage.uncovered(month_status, "both"),
        operators=operators,
        below=below,
        trend=overview.weekly_participation(conn, _trend_weeks(period, span), settings.weekly_target),
    )


def _trend_weeks(period: Period, span: overview.DataSpan) -> Period:
    """The trend's weeks: up to :data:`TREND_WEEKS` ending with the period's last
    week, none before the first week with data and none after the last (a week not
    imported yet would show no test and 0 % met, as Period.counted_weeks says)."""
    last = period.last_week
    if span.last_day is not None:
        last = min(last, periods.iso_week_of(span.last_day))
    weeks = periods.weeks_ending(last, TREND_WEEKS)
    if span.first_day is not None:
        first = max(weeks.first_week, periods.iso_week_of(span.first_day))
        weeks = periods.weeks(min(first, last), last)
    return weeks
