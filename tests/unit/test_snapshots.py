"""The pages read a period's tests from the months' snapshots, and get the same
rows as the measurements themselves: after imports, after a roster import that
links tests to people, after the demo's removal; a reader never stores a snapshot
an import could change under it.

``pre_snapshot/`` keeps the statements the pages read before the snapshots; each
test runs them beside the page functions and requires the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select, text

from dashboard.dates.periods import Period, month, week
from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.reports import coverage, figures, quality
from dashboard.reports.settings import load_settings
from dashboard.store import database, period_tests, rollups, snapshots, tables, turns
from tests.support.stored_rows import NOW, import_corpus

PRE_SNAPSHOT = Path(__file__).parent / "pre_snapshot"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = dt.date(2026, 11, 29)
#: Months, a week across two months (W40: 28 September to 4 October), a year.
PERIODS = [month("2026-09"), month("2026-10"), month("2026-11"), week("2026-W40")]
#: Fixed and mobile tests of two people on tests/fixtures/staff.csv, by account, placed in a commune.
ACCOUNT_TESTS = """Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Loại kết nối,Vĩ độ,Kinh độ,Tài khoản
a1,02/10/2026 08:00,10.5,4G,22.38,103.47,an.nv
a2,02/10/2026 08:01,11.5,4G,22.38,103.47,an.nv
a3,03/10/2026 09:00,50.5,WiFi,22.38,103.47,dung.pt
a4,30/09/2026 09:00,40.5,WiFi,22.38,103.47,dung.pt
a5,04/10/2026 09:00,20.5,4G,22.38,103.47,nobody.here
"""


def _pre_snapshot(conn, name: str, period: Period) -> pd.DataFrame:
    """The rows of a statement as the pages read them before the snapshots (``queries.run``'s way)."""
    result = conn.execute(text((PRE_SNAPSHOT / f"{name}.sql").read_text(encoding="utf-8")), period.query_params())
    columns, rows = list(result.keys()), result.fetchall()
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(dict(zip(columns, zip(*rows, strict=True), strict=True)))


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order (PostgreSQL returns them in its own), dates as text (its
    driver gives dates), and a text column without any value as missing values of
    no type (a query's rows type it ``object``, a snapshot's ``str``)."""
    frame = frame.copy()
    if "local_date" in frame:
        frame["local_date"] = frame["local_date"].astype(str)
    for name in frame.columns[frame.isna().all().to_numpy()]:
        if not pd.api.types.is_float_dtype(frame[name]):
            frame[name] = pd.Series([None] * len(frame), dtype=object, index=frame.index)
    return frame.sort_values(list(frame.columns), kind="stable", ignore_index=True)


def _same_as_the_measurements(conn, period: Period) -> None:
    """Each page's read of ``period`` equals the statement it replaced; the
    coverage table counted from either is the same."""
    data = coverage.coverage_data(conn, period)
    before = _pre_snapshot(conn, "commune_period_tests", period)
    if len(before):
        before["measured_at"] = pd.to_datetime(before["measured_at"])
        pd.testing.assert_frame_equal(_sorted(data.tests), _sorted(before), obj=f"coverage {period.key}")
        counted = coverage.coverage_table(coverage.CoverageData(data.units, before, data.own_targets), period)
        pd.testing.assert_frame_equal(coverage.coverage_table(data, period), counted)
    else:
        assert data.tests.empty
    tests = quality.period_tests(conn, period.first_day, period.last_day)
    before = _pre_snapshot(conn, "quality_tests", period)
    for name in ("download_mbps", "upload_mbps", "latency_ms", "latitude", "longitude"):
        before[name] = pd.to_numeric(before[name])
    if len(before):
        pd.testing.assert_frame_equal(_sorted(tests), _sorted(before), obj=f"quality {period.key}")
    else:
        assert tests.empty
    placed = period_tests.read(conn, period.first_day, period.last_day)
    values = period_tests.frame(placed, ["access", *figures.METRICS], accesses=("fixed", "mobile"))
    before = _pre_snapshot(conn, "period_values", period)
    assert len(values) == len(before)
    if len(before):
        numbers = before.assign(**{name: pd.to_numeric(before[name]) for name in figures.METRICS})
        pd.testing.assert_frame_equal(_sorted(values), _sorted(numbers), obj=f"values {period.key}")


def _stored(engine) -> dict[str, int]:
    """Month -> tests of each stored snapshot."""
    with engine.connect() as conn:
        snapshot = tables.month_snapshot.c
        return dict(conn.execute(select(snapshot.month, snapshot.tests)).all())


def _fresh(engine) -> None:
    """Every stored snapshot equals one built now from the measurements."""
    with engine.connect() as conn:
        for row in conn.execute(select(tables.month_snapshot)).mappings():
            assert row["format_version"] == snapshots.FORMAT_VERSION
            kept = snapshots.decode(row["arrow"])
            assert kept.equals(snapshots.build(rollups.on(conn).read_arrow, row["month"])), row["month"]
            assert row["tests"] == len(kept)


def test_pages_read_the_corpus_from_snapshots_as_from_the_measurements(ready_engine, tmp_path):
    """After the roster and every corpus file: each import stored the snapshots of
    its months, equal to a build from the measurements; coverage, quality and the
    overview's values equal the statements they replaced, for months, a week across
    two months and a whole year (both databases)."""
    import_corpus(ready_engine, tmp_path)
    stored = _stored(ready_engine)
    assert stored and sum(stored.values()) > 20
    _fresh(ready_engine)
    with ready_engine.connect() as conn:
        for period in [*PERIODS, Period("year", "2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31))]:
            _same_as_the_measurements(conn, period)
        headline = figures.headline(conn, month("2026-10"), load_settings(conn), TODAY)
        assert headline["samples"]["mobile"] + headline["samples"]["fixed"] > 0
    # Every month of the year was asked for: those without tests have (empty) snapshots too.
    year = {key: tests for key, tests in _stored(ready_engine).items() if key.startswith("2026-")}
    assert len(year) == 12 and 0 in year.values()
    _fresh(ready_engine)


def test_a_roster_import_that_links_tests_keeps_the_snapshots_true(ready_engine, tmp_path):
    """Tests imported before the roster are read by their identifiers; the roster
    import links them to people and drops their months' snapshots, so the pages
    read who made them from the people, as the measurements say (both databases)."""
    (tmp_path / "tests.csv").write_text(ACCOUNT_TESTS, encoding="utf-8")
    import_measurements(ready_engine, tmp_path / "tests.csv", rejects_dir=tmp_path, now=NOW)
    october = month("2026-10")
    with ready_engine.connect() as conn:
        before = coverage.coverage_data(conn, october).tests
    assert before["tester"].str.startswith("account:").any()
    assert "2026-10" in _stored(ready_engine)
    import_roster(
        ready_engine,
        [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path,
    )
    assert "2026-10" not in _stored(ready_engine)
    with ready_engine.connect() as conn:
        after = coverage.coverage_data(conn, october).tests
        _same_as_the_measurements(conn, october)
    assert after["tester"].str.startswith("staff:").any()
    assert len(after) == len(before)
    _fresh(ready_engine)


def test_the_demos_removal_drops_its_snapshots(ready_engine, tmp_path):
    """A real import replaces the demo: the snapshots of the demo's months go in
    the same transaction, and only the real tests are read (both databases)."""
    (tmp_path / "demo.csv").write_text(ACCOUNT_TESTS, encoding="utf-8")
    import_measurements(ready_engine, tmp_path / "demo.csv", rejects_dir=tmp_path, is_demo=True, now=NOW)
    with ready_engine.connect() as conn:
        for period in PERIODS:  # September's test is read into its snapshot too
            assert len(coverage.coverage_data(conn, period).tests) or period.key == "2026-11"
    assert _stored(ready_engine)["2026-09"] == 1
    real = import_measurements(ready_engine, FIXTURES / "weekly_b.csv", rejects_dir=tmp_path, confirmed=True, now=NOW)
    assert real.demo_removed
    with ready_engine.connect() as conn:
        for period in PERIODS:
            _same_as_the_measurements(conn, period)
    _fresh(ready_engine)


def test_a_reader_stores_no_snapshot_while_an_import_has_the_turn(ready_engine, tmp_path):
    """While an import holds the turn, a reader builds the month from the
    measurements without waiting and stores nothing; afterwards it stores it; a
    snapshot of another format version is built again (both databases)."""
    import_measurements(ready_engine, FIXTURES / "duplicates.csv", rejects_dir=tmp_path)
    with ready_engine.begin() as conn:
        snapshots.forget(conn)
    october = month("2026-10")
    with turns.import_connection(ready_engine) as holder:
        held = turns.begin_turn(holder)
        with ready_engine.connect() as conn:
            _same_as_the_measurements(conn, october)
        assert _stored(ready_engine) == {}
        held.rollback()
    with ready_engine.connect() as conn:
        placed = period_tests.read(conn, october.first_day, october.last_day)
    assert _stored(ready_engine) == {"2026-10": len(placed)} and len(placed)
    with ready_engine.begin() as conn:
        conn.execute(tables.month_snapshot.update().values(format_version=0, arrow=b"an older format"))
    with ready_engine.connect() as conn:
        _same_as_the_measurements(conn, october)
    _fresh(ready_engine)


@pytest.mark.parametrize("period", PERIODS, ids=lambda period: period.key)
def test_demo_pages_read_the_same_tests_from_snapshots(demo_campaign, period):
    """On the demo campaign, each page's read equals the statement it replaced."""
    engine = database.make_engine(demo_campaign[0])
    with engine.connect() as conn:
        _same_as_the_measurements(conn, period)
    assert _stored(engine)
