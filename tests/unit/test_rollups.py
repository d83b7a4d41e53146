"""The rollups give the pages the same figures as the measurements themselves.

``pre_rollup/`` keeps the statements as they were before the rollups, reading the
measurement table; each test runs them beside today's statements in ``queries/``
and requires the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import text

from dashboard.dates.periods import month, week
from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.reports import quality
from dashboard.reports.rules import CURRENT_EDITION, WEEKLY_TARGET
from dashboard.store import database, queries, rollups, tables

PRE_ROLLUP = Path(__file__).parent / "pre_rollup"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _pre_rollup(conn, name: str, **params) -> pd.DataFrame:
    result = conn.execute(text((PRE_ROLLUP / f"{name}.sql").read_text(encoding="utf-8")), params)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _same(conn, name: str, **params) -> pd.DataFrame:
    """Run the statement both ways and require the same rows (numbers compared as numbers)."""
    before = _pre_rollup(conn, name, **params)
    after = queries.run(conn, name, **params)
    assert list(after.columns) == list(before.columns), name
    pd.testing.assert_frame_equal(_normal(after), _normal(before), obj=name)
    return after


def _normal(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers as floats (a missing sum as 0), anything else as text, so that the
    drivers' types (Decimal, date or string) do not matter."""
    columns = {}
    for name, column in frame.items():
        try:
            columns[name] = pd.to_numeric(column).astype(float).fillna(0)
        except (ValueError, TypeError):
            columns[name] = column.astype(str)
    return pd.DataFrame(columns, index=frame.index)


def _every_statement(conn, periods, week_ranges, agency_codes) -> None:
    for period in periods:
        _same(conn, "commune_samples", edition_id=CURRENT_EDITION, **period.query_params())
        _same(conn, "period_tests", **period.query_params())
        for code in ("01", "05", "20"):
            _same(conn, "commune_weekly_samples", commune_code=code, **period.query_params())
    for first, last in week_ranges:
        _same(conn, "weekly_participation", first_week=first, last_week=last, weekly_target=WEEKLY_TARGET)
        _same(conn, "agency_week_participation", first_week=first, last_week=last, weekly_target=3)
        for agency_code in agency_codes:
            _same(
                conn, "agency_staff_weeks", first_week=first, last_week=last, agency_code=agency_code, scope_agency=None
            )
    _same(conn, "store_status")


def test_demo_figures_are_unchanged_by_the_rollups(demo_campaign):
    """On the demo campaign: a week, the holiday week, a month, 20 weeks; every agency
    and one agency's people."""
    url, _ = demo_campaign
    engine = database.make_engine(url)
    with engine.connect() as conn:
        periods = [week("2026-W47"), week("2026-W36"), month("2026-10"), month("2026-07")]
        ranges = [("2026-W47", "2026-W47"), ("2026-W40", "2026-W44"), ("2026-W28", "2026-W47")]
        some_agency = queries.run(conn, "agencies", edition_id=CURRENT_EDITION)["agency_code"].iloc[0]
        _every_statement(conn, periods, ranges, [None, some_agency])
        assert queries.run(conn, "period_tests", **month("2026-10").query_params())["tests"].iloc[0] > 50_000


def test_demo_monthly_trend_matches_the_tests(demo_campaign):
    """The trend's samples and medians are those of the tests themselves."""
    url, _ = demo_campaign
    engine = database.make_engine(url)
    with engine.connect() as conn:
        tests = quality.period_tests(conn, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        for category, column in [("mobile", "download_mbps"), ("4g", "upload_mbps"), ("fixed", "latency_ms")]:
            chosen = quality.select(tests, quality.Selection(category)).dropna(subset=["operator", column])
            expected = quality.by_group(chosen, ["month", "operator"], column)
            trend = quality.monthly_trend(conn, category, column)
            merged = trend.merge(expected, on=["month", "operator"], suffixes=("", "_tests"), validate="1:1")
            assert len(merged) == len(expected) == len(trend) > 10
            assert (merged["samples"] == merged["samples_tests"]).all()
            assert np.abs(merged["median"] - merged["median_tests"]).max() <= 1e-9


def test_rollups_follow_imports_rosters_and_repeats(ready_engine, tmp_path):
    """Tests imported before the roster are linked by the roster import, and the
    rollups follow; a file imported again adds nothing; on both databases."""
    import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    import_measurements(ready_engine, FIXTURES / "gaps_and_outside.csv", rejects_dir=tmp_path)
    import_roster(
        ready_engine,
        [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path,
    )
    import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    import_measurements(ready_engine, FIXTURES / "by_name_and_code.csv", rejects_dir=tmp_path)
    with ready_engine.connect() as conn:
        linked = queries.run(conn, "store_status")["linked"].iloc[0]
        assert linked > 0, "the roster import linked the earlier tests"
        first, last = conn.execute(text("select min(iso_week), max(iso_week) from measurement")).one()
        periods = [month("2026-10"), month("2026-11"), week("2026-W40")]
        _every_statement(conn, periods, [(first, last)], [None, "SKHCN"])
        # Participation covers the weeks from the first test to the current week: a
        # later week has no figures rather than 0 % for an export not yet received.
        later = queries.run(conn, "weekly_participation", first_week="2040-W10", last_week="2040-W10", weekly_target=2)
        assert later["staff_on_roster"].tolist() == [0]
    # Rebuilding from scratch gives the rows kept up to date import by import.
    with ready_engine.begin() as conn:
        kept = {t.name: sorted(map(tuple, conn.execute(t.select()).all())) for t in tables.ROLLUPS}
        rollups.rebuild(conn)
        assert {t.name: sorted(map(tuple, conn.execute(t.select()).all())) for t in tables.ROLLUPS} == kept
    # The same roster again links nothing anew, and leaves the rollups as they were.
    import_roster(
        ready_engine,
        [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path,
    )
    with ready_engine.connect() as conn:
        assert {t.name: sorted(map(tuple, conn.execute(t.select()).all())) for t in tables.ROLLUPS} == kept


def test_agency_histograms_count_each_person_once_by_the_thursday_rule():
    """A repeated membership counts once, a mover counts where they were on Thursday,
    a leaver drops out, 20 tests or more share the top bin; an empty roster gives no rows."""
    memberships = pd.DataFrame(
        {
            "agency_code": ["A", "A", "A", "B", "B"],
            "staff_id": ["s1", "s1", "s2", "s2", "s3"],
            "valid_from": [None, dt.date(2026, 11, 1), None, dt.date(2026, 11, 11), None],
            "valid_to": [None, None, dt.date(2026, 11, 10), None, dt.date(2026, 11, 1)],
        }
    )
    tests = pd.DataFrame(
        {"iso_week": ["2026-W46", "2026-W46", "2026-W45"], "staff_id": ["s1", "s2", "nobody"], "tests": [3, 25, 4]}
    )
    rows = rollups.agency_week_rows(memberships, tests, ["2026-W45", "2026-W46"])
    got = sorted(map(tuple, rows[["iso_week", "agency_code", "tests_made", "staff", "tests"]].to_numpy().tolist()))
    assert got == [
        ("2026-W45", "*", 0, 2, 0),
        ("2026-W45", "A", 0, 2, 0),
        ("2026-W46", "*", 3, 1, 3),
        ("2026-W46", "*", 20, 1, 25),
        ("2026-W46", "A", 3, 1, 3),
        ("2026-W46", "B", 20, 1, 25),
    ]
    gone = memberships.assign(valid_to=dt.date(2026, 1, 1))
    assert rollups.agency_week_rows(gone, tests, ["2026-W46"]).empty
