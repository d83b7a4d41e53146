"""One "today" for the whole program: the date in Vietnam, whatever the server's clock.

The clock is fixed at 18:00 UTC on Sunday 29 November 2026, which is 01:00 on Monday
30 November in Vietnam: a server on UTC still says Sunday, the reader already says
Monday. ISO week 48 has ended and week 49 has started; the month is November.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from dashboard.dates import clock, periods
from dashboard.ingest import roster
from dashboard.reports import coverage
from dashboard.store import rollups, tables
from tests.support.cli import dashboard
from tests.support.handmade_campaign import fill

FIXED = "2026-11-29T18:00:00Z"
MONDAY, SUNDAY = dt.date(2026, 11, 30), dt.date(2026, 11, 29)
# CB004 moves from UBND-DK to SKHCN, with no start date: the move is dated by as_of.
MOVE = """Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại
CB004,Vàng Thị Dung,SKHCN,0987654321
"""


@pytest.fixture
def fixed_clock(monkeypatch):
    """The clock at 18:00 UTC on Sunday 29 November, through the environment so that a
    command run in a subprocess reads it too."""
    monkeypatch.setenv(clock.NOW_SWITCH, FIXED)


def test_the_clock_says_the_date_in_vietnam(fixed_clock):
    """Now, today, the ISO week and the month are Vietnam's: Monday 30 November, W49."""
    assert clock.utc_now() == dt.datetime(2026, 11, 29, 18, tzinfo=dt.UTC)
    assert clock.stored_now() == dt.datetime(2026, 11, 29, 18)  # stored times stay UTC
    assert (clock.now().hour, clock.now().utcoffset()) == (1, dt.timedelta(hours=7))
    assert clock.today() == MONDAY
    assert clock.current_week() == "2026-W49"
    assert periods.period_containing("month", clock.today()).key == "2026-11"


def test_the_clock_can_be_fixed_in_vietnam_time_or_by_a_test_and_refuses_nonsense(monkeypatch):
    """ISPEED_NOW without an offset is Vietnam time; a test may replace _utc_now instead;
    an unreadable value is an error, not the server's clock."""
    monkeypatch.setenv(clock.NOW_SWITCH, "2026-11-30T00:30:00")
    assert clock.utc_now() == dt.datetime(2026, 11, 29, 17, 30, tzinfo=dt.UTC) and clock.today() == MONDAY
    monkeypatch.delenv(clock.NOW_SWITCH)
    monkeypatch.setattr(clock, "_utc_now", lambda: dt.datetime(2026, 11, 29, 16, 59, tzinfo=dt.UTC))
    assert clock.today() == SUNDAY and clock.current_week() == "2026-W48"
    monkeypatch.undo()
    monkeypatch.setenv(clock.NOW_SWITCH, "tomorrow")
    with pytest.raises(ValueError, match="ISPEED_NOW"):
        clock.today()


def test_defaults_that_mean_today_all_use_the_date_in_vietnam(fixed_clock, ready_engine, tmp_path):
    """The default period, the coverage's weeks left, the participation weeks, the
    rollups' current week and the roster import's as_of all take Monday 30 November."""
    weeks = periods.periods_between("week", dt.date(2026, 11, 1), MONDAY)
    assert periods.default_period("week", weeks, clock.today()).key == "2026-W48"  # the last complete week
    months = periods.periods_between("month", dt.date(2026, 10, 1), MONDAY)
    assert periods.default_period("month", months, clock.today()).key == "2026-10"
    november = periods.month("2026-11")
    assert november.counted(clock.today()) == periods.weeks("2026-W45", "2026-W48")  # W48 ended on Sunday
    span = pd.DataFrame({"first_day": ["2026-11-02"], "last_week": ["2026-W47"]})
    assert rollups.agency_week_span(span)[1] == "2026-W49"

    fill(ready_engine, tmp_path)
    with ready_engine.connect() as conn:
        by_default = coverage.commune_coverage(conn, november)
        pd.testing.assert_frame_equal(by_default, coverage.commune_coverage(conn, november, today=MONDAY))
        assert not by_default.equals(coverage.commune_coverage(conn, november, today=SUNDAY))

    (tmp_path / "move.csv").write_text(MOVE, encoding="utf-8")
    roster.import_roster(ready_engine, [tmp_path / "move.csv"], rejects_dir=tmp_path, confirmed=True)
    assert _memberships(ready_engine, "CB004") == [("UBND-DK", None, SUNDAY), ("SKHCN", MONDAY, None)]


def _memberships(engine, staff_id: str) -> list[tuple]:
    m = tables.staff_membership
    with engine.connect() as conn:
        rows = conn.execute(m.select().where(m.c.staff_id == staff_id).order_by(m.c.membership_id)).all()
    return [(r.agency_code, r.valid_from, r.valid_to) for r in rows]


def test_the_command_line_uses_the_same_today(fixed_clock, file_database, tmp_path, monkeypatch):
    """`python -m dashboard` in a subprocess: a range of weeks stops at the week that
    has started in Vietnam (W49 on Monday, W48 late on Sunday), a roster move is dated
    Monday, and the demo refuses a week whose Sunday is not over."""
    database = Path(file_database(lambda engine: fill(engine, tmp_path)).removeprefix("sqlite:///"))
    out = tmp_path / "out.csv"
    result = dashboard(
        "export",
        "participation",
        "--weeks",
        "2026-W48..2026-W50",
        "--format",
        "csv",
        "--output",
        str(out),
        database=database,
    )
    assert result.returncode == 0, result.stderr
    assert "in 2026-W48..2026-W49:" in result.stdout
    assert "after 2026-W49 have not started" in result.stderr
    result = dashboard("export", "participation", "--weeks", "2026-W50", "--output", str(out), database=database)
    assert result.returncode == 2 and "2026-W50 has not started yet (today is 2026-11-30" in result.stderr

    (tmp_path / "move.csv").write_text(MOVE, encoding="utf-8")
    result = dashboard(
        "import-roster", str(tmp_path / "move.csv"), "--yes", "--rejects-dir", str(tmp_path), database=database
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as conn:
        dates = conn.execute(
            "select valid_from, valid_to from staff_membership where staff_id = 'CB004' order by membership_id"
        ).fetchall()
    assert dates == [(None, "2026-11-29"), ("2026-11-30", None)]

    monkeypatch.setenv(clock.NOW_SWITCH, "2026-11-29T16:00:00Z")  # 23:00 on Sunday in Vietnam
    result = dashboard(
        "export",
        "participation",
        "--weeks",
        "2026-W48..2026-W49",
        "--format",
        "csv",
        "--output",
        str(out),
        database=database,
    )
    assert result.returncode == 0 and "in 2026-W48..2026-W48:" in result.stdout, result.stderr
    result = dashboard(
        "demo",
        "--last-week",
        "2026-W48",
        "--weeks",
        "1",
        "--staff",
        "500",
        "--folder",
        str(tmp_path / "demo"),
        database=tmp_path / "demo.sqlite",
    )
    assert result.returncode == 2 and "2026-W48 is not over yet" in result.stderr, result.stderr
