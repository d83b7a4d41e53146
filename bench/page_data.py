"""What each page reads, as the pages call it, for the scale benchmark.

Each function takes a connection and the benchmark's period (a month, as the
coverage and quality pages default to) and calls the same core functions, with the
same arguments, as the page's cached loaders in ``dashboard/views/``, and returns
what those loaders keep in the app's cache; drawing is left out. Keep them in step
with the pages.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from dashboard.access.accounts import DEPARTMENT
from dashboard.dates import clock, periods
from dashboard.dates.periods import Period
from dashboard.geo import boundaries
from dashboard.reports import coverage, figures, overview, participation, quality
from dashboard.reports.rules import CURRENT_EDITION
from dashboard.reports.settings import load_settings
from dashboard.store import queries

HEATMAP_WEEKS = 20  # as dashboard/views/participation.py


def overview_page(conn: Connection, period: Period) -> list:
    """Tổng quan: headline figures of the period and the previous one, the trend
    over every week with data."""
    span = overview.data_span(conn)
    weeks = span.periods("week")
    stored, today = load_settings(conn), clock.today()
    return [
        figures.headline(conn, period, stored, today),
        figures.headline(conn, period.previous(), stored, today),
        overview.weekly_participation(conn, periods.weeks(weeks[-1].key, weeks[0].key), stored.weekly_target),
    ]


def coverage_page(conn: Connection, period: Period) -> list:
    """Độ phủ mẫu: the period's tests, coverage per commune counted from them
    (effective samples), the uncovered list, one commune's detail."""
    data = coverage.coverage_data(conn, period)
    table = coverage.coverage_table(data, period)
    code = table.sort_values("samples")["commune_code"].iloc[0]
    weekly, agencies = coverage.commune_detail(conn, code, period)
    return [data, table, coverage.uncovered(table), weekly, coverage.agency_participation(agencies, period)]


def _counted(conn: Connection, period: Period) -> tuple[Period, Period]:
    """The weeks the participation page counts for ``period``, and those it compares them with."""
    until = overview.data_span(conn).last_day
    counted, before = period.counted(clock.today(), until), period.counted_before(clock.today(), until)
    assert counted is not None and before is not None, "the benchmark's month and the one before have weeks that ended"
    return counted, before


def participation_page(conn: Connection, period: Period) -> list:
    """Tham gia đo: agency table against the previous period, heatmap, the largest
    agency's staff week by week, contacts, unmatched tests."""
    agencies = participation.agencies(conn)
    counted, before = _counted(conn, period)
    last = counted.last_week
    weeks = participation.agency_weeks(conn, counted)
    previous = participation.agency_weeks(conn, before)
    largest = weeks.groupby("agency_code")["staff_on_roster"].sum().idxmax()
    rows = participation.staff_weeks(conn, DEPARTMENT, counted, largest)
    return [
        participation.agency_table(weeks, agencies, previous),
        participation.agency_weeks(conn, periods.weeks_ending(last, HEATMAP_WEEKS)),
        participation.staff_sheet(rows),
        participation.behind(rows, last, participation.contacts(conn, DEPARTMENT, largest)),
        participation.unmatched(conn, DEPARTMENT, period),
    ]


def quality_page(conn: Connection, period: Period) -> list:
    """Chất lượng Internet: the month's tests, commune figures, H3 cells, operators
    side by side, communes under the threshold, the monthly trend."""
    units = queries.run(conn, "commune_units", edition_id=CURRENT_EDITION)
    tests = quality.period_tests(conn, period.first_day, period.last_day)
    selection = quality.Selection("mobile")
    chosen = quality.select(tests, selection)
    # The page caches the month's tests and each figure apart; a repeat view unpickles them all.
    return [
        tests,
        quality.summarise(chosen["download_mbps"], 40.0),
        quality.commune_figures(tests, units, selection, "download_mbps", 40.0),
        quality.hexagons(chosen, "download_mbps"),
        quality.operator_comparison(tests, "mobile", "download_mbps", 40.0),
        quality.below_threshold(tests, units, "4g", 40.0, "viettel"),
        quality.monthly_trend(conn, "mobile", "download_mbps"),
    ]


def status_page(conn: Connection, period: Period) -> list:
    """Dữ liệu: what the store holds and the latest imports."""
    return [queries.run(conn, "store_status"), queries.run(conn, "recent_imports", limit_rows=20)]


def maps(conn: Connection, period: Period) -> list:
    """The commune outlines the two maps draw (read once per process)."""
    return [boundaries.display_communes(conn)]


def coverage_filter(conn: Connection, period: Period, kept: list) -> list:
    """Another operator chosen: counted again from the period's tests the page keeps."""
    return [coverage.coverage_table(kept[0], period, operator="viettel")]


def participation_filter(conn: Connection, period: Period, kept: list) -> list:
    """Another weekly target (3): the agency table from the rollups again."""
    agencies = participation.agencies(conn)
    counted, before = _counted(conn, period)
    weeks = participation.agency_weeks(conn, counted, 3)
    return [participation.agency_table(weeks, agencies, participation.agency_weeks(conn, before, 3))]


def quality_filter(conn: Connection, period: Period, kept: list) -> list:
    """Another category and operator (Viettel 4G): the figures again from the month's
    tests the page keeps."""
    tests, selection = kept[0], quality.Selection("4g", "viettel")
    units = queries.run(conn, "commune_units", edition_id=CURRENT_EDITION)
    chosen = quality.select(tests, selection)
    return [
        quality.summarise(chosen["download_mbps"], 40.0),
        quality.commune_figures(tests, units, selection, "download_mbps", 40.0),
        quality.hexagons(chosen, "download_mbps"),
    ]


PAGES = {
    "overview": overview_page,
    "coverage": coverage_page,
    "participation": participation_page,
    "quality": quality_page,
    "status": status_page,
    "maps": maps,
}
#: A filter changed on a page, computed from what the page keeps in the app's cache
#: for its period (the first of its results), which is unpickled first.
FILTERS = {"coverage": coverage_filter, "participation": participation_filter, "quality": quality_filter}
