"""The headline's staff figures read from the weeks' rosters equal those of the
statement they replaced, which joined the ``roster_week`` view (the Thursday rule in
SQL) with the per-person rollup: after imports, roster imports that move and drop
people, a rebuild and a migration (which also computes the months' medians); on
both databases.

``pre_week_roster/period_staff.sql`` keeps that statement; ``pre_month_median/`` reads
the tests the months' medians are the medians of, straight from the measurements.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pandas as pd
import pyarrow as pa
from sqlalchemy import select, text

from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.reports import figures, quality
from dashboard.store import migrations, rollups, tables, week_rosters

PRE_WEEK_ROSTER = Path(__file__).parent / "pre_week_roster"
PRE_MONTH_MEDIAN = Path(__file__).parent / "pre_month_median"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: Keys of the statement's row, as figures._staff_row gives them.
KEYS = ["staff_on_roster", "staff_tested", "staff_met_target", "staff_weeks", "staff_weeks_met", "tests_on_roster"]


def _before(conn, first_week: str, last_week: str, weekly_target: int) -> dict[str, int]:
    statement = text((PRE_WEEK_ROSTER / "period_staff.sql").read_text(encoding="utf-8"))
    params = {"first_week": first_week, "last_week": last_week, "weekly_target": weekly_target}
    row = conn.execute(statement, params).mappings().one()
    return {key: int(row[key] or 0) for key in [*KEYS, "tests_in_weeks"]}


def _every_range(conn) -> list[tuple[str, str]]:
    """Single weeks, pairs, and everything, from a week before the first test to one
    after the current week (weeks without figures included)."""
    weeks = [w for (w,) in conn.execute(select(tables.calendar_week.c.iso_week).order_by("iso_week"))]
    first, last = conn.execute(text("select min(iso_week), max(iso_week) from rollup_staff_week")).one()
    span = weeks[weeks.index(first) - 1 : weeks.index(last) + 3]
    return [(w, w) for w in span] + list(itertools.pairwise(span)) + [(span[0], span[-1])]


def _same_figures(conn) -> int:
    """Every range and target: the rosters' figures equal the statement's. Returns
    how many ranges had people on a roster (so that a test cannot pass on nothing)."""
    with_people = 0
    for first, last in _every_range(conn):
        for target in (1, 2, 3):
            got = figures._staff_row(conn, [first, last], target)
            assert got == _before(conn, first, last, target), (first, last, target)
            with_people += bool(got["staff_on_roster"])
    return with_people


def _medians_follow_the_tests(conn) -> int:
    """The stored months' medians equal the medians of the tests, grouped by month
    and operator with the quality page's own selection of each category, for each
    metric and category. Returns how many medians there are."""
    result = conn.execute(text((PRE_MONTH_MEDIAN / "month_tests.sql").read_text(encoding="utf-8")))
    tests = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    categories = set(tests["access"]) | set(tests["technology"].dropna())
    medians = 0
    for metric in ("download_mbps", "upload_mbps", "latency_ms"):
        for category in sorted(categories):
            chosen = quality.select(tests, quality.Selection(category)).dropna(subset=[metric])
            expected = (
                chosen.astype({metric: float})
                .groupby(["month", "operator"])[metric]
                .agg(samples="size", median="median")
                .reset_index()
            )
            got = quality.monthly_trend(conn, category, metric)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=f"{metric} {category}")
            medians += len(got)
    return medians


def _stored(conn) -> dict[str, bytes]:
    return {row.iso_week: bytes(row.arrow) for row in conn.execute(select(tables.week_roster))}


def test_staff_figures_equal_the_roster_week_statement(ready_engine, tmp_path):
    """Tests before the roster, a roster, people moved and one dropped by a later
    roster: the figures follow, equal to the view's; a rebuild stores the same
    bytes; a database of schema 10 gains the rosters by migrating."""
    import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    roster = [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"]
    import_roster(ready_engine, roster, as_of=dt.date(2026, 9, 1), rejects_dir=tmp_path)
    import_measurements(ready_engine, FIXTURES / "by_name_and_code.csv", rejects_dir=tmp_path)
    import_measurements(ready_engine, FIXTURES / "gaps_and_outside.csv", rejects_dir=tmp_path)
    for with_operators in ("no_diacritics_kbps.csv", "utf8_bom_semicolon_decimal_comma.csv"):
        import_measurements(ready_engine, FIXTURES / with_operators, rejects_dir=tmp_path)
    # More tests with operators in a month that has medians: its tests are read back.
    lines = (FIXTURES / "no_diacritics_kbps.csv").read_text(encoding="utf-8").splitlines()
    later = [lines[0]] + [line.replace("2026-10-12", "2026-10-13").replace(",25000,", ",31000,") for line in lines[1:]]
    (tmp_path / "october_more.csv").write_text("\n".join(later) + "\n", encoding="utf-8")
    import_measurements(ready_engine, tmp_path / "october_more.csv", rejects_dir=tmp_path)
    with ready_engine.connect() as conn:
        assert _same_figures(conn) > 10
        assert _medians_follow_the_tests(conn) > 5
    # A later complete roster: the first person gone from an agency still named
    # (they leave), the third moved to the last one's agency. Memberships end and
    # start mid-campaign.
    staff = pd.read_csv(FIXTURES / "staff.csv", dtype=str)
    moved = staff.iloc[1:].copy()
    assert moved.iloc[0, 2] == staff.iloc[0, 2]  # the agency code
    moved.iloc[1, 2] = staff.iloc[-1, 2]
    later = tmp_path / "staff_later.csv"
    moved.to_csv(later, index=False)
    summary = import_roster(
        ready_engine,
        [FIXTURES / "agencies.csv", later],
        as_of=dt.date(2026, 10, 14),
        rejects_dir=tmp_path,
        complete=True,
        confirmed=True,
    )
    assert summary.applied and summary.staff_left and summary.staff_moved
    with ready_engine.connect() as conn:
        assert _same_figures(conn) > 10
        assert _medians_follow_the_tests(conn) > 5
        kept = _stored(conn)
    with ready_engine.begin() as conn:
        rollups.rebuild(conn)
        assert _stored(conn) == kept
    # Schema 10 had no rosters (nor months' medians): migrating computes them.
    with ready_engine.begin() as conn:
        medians = sorted(map(tuple, conn.execute(select(tables.month_median))))
        assert medians
        tables.week_roster.drop(conn)
        tables.month_median.drop(conn)
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=10))
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    with ready_engine.connect() as conn:
        assert _stored(conn) == kept
        assert _same_figures(conn) > 10
        assert sorted(map(tuple, conn.execute(select(tables.month_median)))) == medians


def test_a_week_roster_lists_each_person_once_with_their_tests():
    """Two memberships covering the same Thursday give one row; a person without a
    test that week is on it with 0; a week without anyone on a roster has an empty
    roster (and no histogram rows); rosters are sorted, so stored alike."""
    memberships = pd.DataFrame(
        {
            "agency_code": ["A", "B", "A"],
            "staff_id": ["s2", "s2", "s1"],
            "valid_from": [None, None, None],
            "valid_to": [None, None, dt.date(2026, 11, 1)],
        }
    )
    tests = pd.DataFrame({"iso_week": ["2026-W46", "2026-W46"], "staff_id": ["s2", "nobody"], "tests": [3, 4]})
    histograms, rosters = rollups.histograms_and_rosters(memberships, tests, ["2026-W43", "2026-W46"])
    assert rosters["2026-W43"].to_pydict() == {"staff_id": ["s1", "s2"], "tests": [0, 0]}
    assert rosters["2026-W46"].to_pydict() == {"staff_id": ["s2"], "tests": [3]}
    decoded = week_rosters.decode(week_rosters.encode(rosters["2026-W46"]))
    assert decoded.equals(rosters["2026-W46"].cast(week_rosters.SCHEMA))
    nobody = memberships.assign(valid_to=dt.date(2026, 1, 1))
    histograms, rosters = rollups.histograms_and_rosters(nobody, tests, ["2026-W46"])
    assert histograms.empty and rosters["2026-W46"].num_rows == 0
    assert rosters["2026-W46"].schema == pa.schema(week_rosters.SCHEMA)
