"""One figure, one definition: on the demo campaign, the overview's headline, the
coverage page's counts, the uncovered list (page function and command line) and
`python -m dashboard figures --format json` agree, for weeks and months, fixed and
mobile; and the stored settings change them all together."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.dates import periods
from dashboard.geo import coverage_map
from dashboard.reports import coverage, figures, overview
from dashboard.reports.settings import Settings, load_settings, save_settings
from dashboard.store import database

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 29)  # a Sunday: W48 is in progress
NOW = "2026-11-29T10:00:00Z"
PERIODS = ["2026-W46", "2026-W47", "2026-10", "2026-11"]


def _period(key: str) -> periods.Period:
    return periods.week(key) if "W" in key else periods.month(key)


def _cli(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "ISPEED_NOW": NOW}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", "--database", url, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def demo_copy(demo_campaign, tmp_path_factory) -> str:
    """A copy of the session's demo database that this module may change (settings)."""
    source = Path(demo_campaign[0].removeprefix("sqlite:///"))
    target = tmp_path_factory.mktemp("one_definition") / "demo.sqlite"
    target.write_bytes(source.read_bytes())
    return f"sqlite:///{target}"


def _page_counts(conn, period: periods.Period, settings: Settings) -> dict:
    """What the coverage page shows for each category: communes at target and the uncovered list."""
    table = figures.commune_status(coverage.coverage_data(conn, period), period, settings, today=TODAY)
    counts = {}
    for access in ("fixed", "mobile"):
        view = coverage_map.category_view(table, access)
        counts[access] = (
            int((view["shortfall"] == 0).sum()),
            sorted(coverage.uncovered(table, access)["commune_code"]),
        )
    return counts


@pytest.mark.parametrize("key", PERIODS)
def test_pages_exports_and_command_agree(demo_copy, tmp_path, key):
    """For each period and category: headline == coverage page == uncovered lists == figures JSON."""
    period = _period(key)
    engine = database.make_engine(demo_copy)
    with engine.connect() as conn:
        settings = load_settings(conn)
        headline = figures.headline(conn, period, settings, TODAY)
        page = _page_counts(conn, period, settings)
        weeks = periods.weeks(period.first_week, period.last_week)
        trend = overview.weekly_participation(conn, weeks, settings.weekly_target)
        # Another weekly target (as an administrator may set): the chart follows it as the headline does.
        three = dataclasses.replace(settings, weekly_target=3)
        headline_three = figures.headline(conn, period, three, TODAY)
        trend_three = overview.weekly_participation(conn, weeks, three.weekly_target)
    engine.dispose()
    if period.kind == "week":  # the overview's weekly chart splits the tests as the headline does
        week = trend.iloc[0]
        assert week["tests"] - week["tests_on_roster"] == headline["tests_not_on_roster"]
        assert week["staff_tested"] == headline["staff_tested"]
        assert week["staff_met_target"] == headline["staff_met_target"]
        assert trend_three.iloc[0]["staff_met_target"] == headline_three["staff_met_target"]
        assert headline_three["staff_met_target"] < headline["staff_met_target"]
    result = _cli(demo_copy, tmp_path, "figures", "--period", key, "--format", "json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    for name in (
        "tests",
        "staff_on_roster",
        "staff_tested",
        "staff_met_target",
        "compliance",
        "communes_at_target",
        "median_download",
        "tests_not_on_roster",
    ):
        assert printed[name] == headline[name], name
    for access in ("fixed", "mobile"):
        at_target, short = page[access]
        assert headline["communes_at_target"][access] == at_target
        assert len(short) == headline["communes"] - at_target
        out = tmp_path / f"{access}.csv"
        made = _cli(
            demo_copy,
            tmp_path,
            "export",
            "uncovered",
            "--period",
            key,
            "--category",
            access,
            "--format",
            "csv",
            "--output",
            str(out),
        )
        assert made.returncode == 0, made.stderr
        listed = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
        assert sorted(listed.iloc[:, 0]) == short, access
        # Only the chosen category's columns: a list of mobile shortfalls holds no fixed figures.
        other = "Cố định" if access == "mobile" else "Di động"
        assert not [c for c in listed.columns if c.startswith(other)]


def test_a_month_counts_no_week_that_has_not_ended_as_missed(demo_copy):
    """November 2026 on 29 November: W45-W47 are counted, W48 is in progress, and
    the staff who tested so far include the week in progress."""
    engine = database.make_engine(demo_copy)
    with engine.connect() as conn:
        month = figures.headline(conn, periods.month("2026-11"), load_settings(conn), TODAY)
        w47 = figures.headline(conn, periods.week("2026-W47"), load_settings(conn), TODAY)
    engine.dispose()
    assert month["weeks"] == ["2026-W45", "2026-W46", "2026-W47"] and month["week_in_progress"] == "2026-W48"
    assert month["compliance"] is not None and month["compliance"] > 0.2  # W48's empty week does not drag it down
    assert w47["staff_tested"] <= w47["staff_on_roster"]


def test_stored_settings_change_every_figure_together(demo_copy, tmp_path):
    """A higher stored floor and weekly target, saved once, change the headline, the
    uncovered list and the command line's figures alike, and survive a new engine."""
    key = "2026-W47"
    before = json.loads(_cli(demo_copy, tmp_path, "figures", "--period", key, "--format", "json").stdout)
    engine = database.make_engine(demo_copy)
    with engine.begin() as conn:
        changed = save_settings(conn, Settings(sample_floor_mobile=600, weekly_target=3), actor="chief")
    engine.dispose()
    assert set(changed) == {"sample_floor_mobile", "weekly_target"}
    engine = database.make_engine(demo_copy)  # as after a restart
    with engine.connect() as conn:
        settings = load_settings(conn)
        headline = figures.headline(conn, periods.week(key), settings, TODAY)
        page = _page_counts(conn, periods.week(key), settings)
    engine.dispose()
    after = json.loads(_cli(demo_copy, tmp_path, "figures", "--period", key, "--format", "json").stdout)
    out = tmp_path / "mobile.csv"
    _cli(
        demo_copy,
        tmp_path,
        "export",
        "uncovered",
        "--period",
        key,
        "--category",
        "mobile",
        "--format",
        "csv",
        "--output",
        str(out),
    )
    try:
        listed = pd.read_csv(out, dtype=str, encoding="utf-8-sig")
        assert len(listed) == 38 - after["communes_at_target"]["mobile"]  # the export follows the stored floor too
        assert settings.sample_floor_mobile == 600 and after["settings"]["weekly_target"] == 3
        assert after["communes_at_target"]["mobile"] < before["communes_at_target"]["mobile"]
        assert after["communes_at_target"]["fixed"] == before["communes_at_target"]["fixed"]
        assert after["compliance"] < before["compliance"]
        assert after["communes_at_target"] == headline["communes_at_target"]
        assert page["mobile"][0] == headline["communes_at_target"]["mobile"]
    finally:
        engine = database.make_engine(demo_copy)
        with engine.begin() as conn:
            save_settings(conn, Settings(), actor="chief")
        engine.dispose()


@pytest.mark.parametrize("key", PERIODS)
def test_overview_participation_and_report_compare_with_the_same_weeks(demo_copy, key):
    """The change in compliance is one figure: the overview (headline against the
    period before), the participation page without a filter (its agencies against
    Period.counted_before) and the report (headline and agency table) compare the
    same weeks and give the same compliance now and before. November is compared with
    October, not with the three weeks before W45."""
    from dashboard.documents import facts
    from dashboard.reports import participation as part

    period = _period(key)
    engine = database.make_engine(demo_copy)
    with engine.connect() as conn:
        settings = load_settings(conn)
        until = overview.data_span(conn).last_day
        now = figures.headline(conn, period, settings, TODAY)
        before = figures.headline(conn, period.previous(), settings, TODAY)
        counted, earlier = period.counted(TODAY, until), period.counted_before(TODAY, until)
        agencies = part.agencies(conn)
        weeks_now = part.agency_weeks(conn, counted, settings.weekly_target)
        weeks_before = part.agency_weeks(conn, earlier, settings.weekly_target)
        report = facts.gather(conn, period, settings, TODAY)
    engine.dispose()
    assert earlier.weeks == before["weeks"]
    if key == "2026-11":
        assert earlier == periods.weeks("2026-W40", "2026-W44")
    every = agencies["agency_code"]
    assert part.overall_compliance(weeks_now, every) == pytest.approx(now["compliance"])
    assert part.overall_compliance(weeks_before, every) == pytest.approx(before["compliance"])
    assert report.before["compliance"] == pytest.approx(before["compliance"])
    page = part.agency_table(weeks_now, agencies, weeks_before).set_index("agency_code")["previous"]
    pd.testing.assert_series_equal(report.agencies.set_index("agency_code")["previous"], page)
