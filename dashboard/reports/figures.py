"""The campaign's headline figures, one definition each, for every page, export,
command and report.

- *Communes at target*, per category: communes whose effective samples (at most
  ``tests_per_day`` a person a day, bursts dropped) reach the period's target (the
  commune's own monthly target, else the stored floor; a week gets its share of the
  month): the coverage page's rule, also on the overview and in ``figures``.
- *Staff on the roster*: people on an agency's roster in at least one of the
  period's ISO weeks that have started (a membership covers the week's Thursday),
  and not after the last day with data (a week not imported yet).
- *Staff who tested*: of those, people who made a test in a week they were on a
  roster. Tests by people on no roster that week are counted apart.
- *Staff meeting the target*: people who made at least the weekly target of tests
  in every counted week they were on a roster (Period.counted_weeks: within a
  month, a week in progress is not failed yet; a week chosen alone counts so far).
- *Compliance*: person-weeks meeting the target over person-weeks on the roster,
  over the counted weeks.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.dates.periods import Period
from dashboard.reports import coverage, overview
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.reports.settings import Settings
from dashboard.store import period_tests, queries, week_rosters

#: The medians shown, by access, in the order a page lays them out.
METRICS = ("download_mbps", "upload_mbps", "latency_ms")


def counting_rule(settings: Settings, effective: bool = True) -> coverage.CountingRule:
    """The effective-sample rule of the stored settings (``effective=False``: every test counts)."""
    return coverage.CountingRule(
        effective=effective, per_day=settings.tests_per_day, burst_minutes=settings.burst_minutes
    )


def floors(settings: Settings) -> dict[str, int]:
    """The monthly sample floor of each category."""
    return {access: settings.sample_floor(access) for access in ACCESS_KINDS}


def commune_status(
    data: coverage.CoverageData,
    period: Period,
    settings: Settings,
    *,
    operator: str | None = None,
    rule: coverage.CountingRule | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per commune and category against its target (coverage.coverage_table),
    with the stored floors and counting rule unless a page overrides the rule."""
    return coverage.coverage_table(data, period, rule or counting_rule(settings), floors(settings), operator, today)


def communes_at_target(status: pd.DataFrame) -> dict[str, int]:
    """How many communes reach their target, per category (rows of :func:`commune_status`)."""
    return {access: int(((status["access"] == access) & (status["shortfall"] == 0)).sum()) for access in ACCESS_KINDS}


def staff_figures(conn: Connection, started: list[str], ended: list[str], weekly_target: int) -> dict:
    """Staff on the roster and who tested over the ``started`` weeks (a week in progress
    shows its figures so far); staff meeting the target and compliance over the
    ``ended`` (counted) weeks."""
    figures: dict[str, int | float | None] = {
        "staff_on_roster": 0,
        "staff_tested": 0,
        "tests_not_on_roster": 0,
        "staff_met_target": None,
        "staff_weeks": 0,
        "compliance": None,
    }
    if started:
        row = _staff_row(conn, started, weekly_target)
        figures.update(
            staff_on_roster=row["staff_on_roster"],
            staff_tested=row["staff_tested"],
            tests_not_on_roster=row["tests_in_weeks"] - row["tests_on_roster"],
        )
    if ended:
        row = _staff_row(conn, ended, weekly_target) if ended != started else row
        staff_weeks = row["staff_weeks"]
        figures.update(
            staff_met_target=row["staff_met_target"],
            staff_weeks=staff_weeks,
            compliance=row["staff_weeks_met"] / staff_weeks if staff_weeks else None,
        )
    return figures


def _staff_row(conn: Connection, weeks: list[str], weekly_target: int) -> dict[str, int]:
    """The staff counts of the ISO weeks from ``weeks[0]`` to ``weeks[-1]``, from the
    weeks' rosters (store/week_rosters.py: each person on a roster that week, once,
    with their tests). Weeks before the first export, or after the last, have no
    roster: no figures, rather than 0 %, as on the participation page."""
    rosters = week_rosters.read(conn, weeks[0], weeks[-1])
    made = rosters.column("tests").to_numpy()
    people = rosters.group_by("staff_id").aggregate([("tests", "min"), ("tests", "max")])
    fewest, most = people.column("tests_min").to_numpy(), people.column("tests_max").to_numpy()
    every_test = queries.run(conn, "tests_in_weeks", first_week=weeks[0], last_week=weeks[-1])
    return {
        "staff_on_roster": len(people),
        "staff_tested": int((most >= 1).sum()),
        "staff_met_target": int((fewest >= weekly_target).sum()),
        "staff_weeks": len(made),
        "staff_weeks_met": int((made >= weekly_target).sum()),
        "tests_on_roster": int(made.sum()),
        "tests_in_weeks": int(every_test["tests"].iloc[0]),
    }


def headline(
    conn: Connection, period: Period, settings: Settings, today: dt.date, data: coverage.CoverageData | None = None
) -> dict:
    """The headline figures of a period, as plain data (the JSON of ``figures``).

    Keys: period, tests, staff_on_roster, staff_tested, staff_met_target,
    compliance (0..1; None without roster or before a week has ended), staff_weeks,
    tests_not_on_roster, communes, communes_at_target {fixed, mobile},
    median_download {fixed, mobile} (None without a sample), medians {access:
    {metric: value}}, samples {access: n}, weeks (the ended weeks counted for the
    target), week_in_progress (or None), settings (the values used). ``data``: the period's tests
    already read for the coverage page, if the caller has them.
    """
    tests = queries.run(conn, "period_tests", **period.query_params()).iloc[0]
    # A week in progress shows its figures so far; within a month it is not counted
    # against anyone until it ends, nor a week after the last day with data
    # (Period.counted_weeks).
    until = overview.data_span(conn).last_day
    started, ended = period.started_weeks(today, until), period.counted_weeks(today, until)
    # The period's tests are read once, for the communes' status and the medians.
    placed = period_tests.read(conn, period.first_day, period.last_day)
    status = commune_status(data or coverage.coverage_data(conn, period, placed), period, settings, today=today)
    values = period_tests.frame(placed, ["access", *METRICS], accesses=ACCESS_KINDS)
    medians: dict[str, dict[str, float | None]] = {}
    samples: dict[str, int] = {}
    for access in ACCESS_KINDS:
        chosen = values[values["access"] == access]
        medians[access] = {}
        for metric in METRICS:
            measured = pd.to_numeric(chosen[metric]).dropna()
            medians[access][metric] = float(measured.median()) if len(measured) else None
        samples[access] = int(pd.to_numeric(chosen["download_mbps"]).notna().sum())
    return {
        "period": period.key,
        "tests": int(tests["tests"]),
        **staff_figures(conn, started, ended, settings.weekly_target),
        "communes": int(status["commune_code"].nunique()),
        "communes_at_target": communes_at_target(status),
        "median_download": {access: medians[access]["download_mbps"] for access in ACCESS_KINDS},
        "medians": medians,
        "samples": samples,
        "weeks": ended,
        # By the calendar: a week under way is in progress whether or not any of it is imported.
        "week_in_progress": next(
            (key for key in period.started_weeks(today) if key not in period.ended_weeks(today)), None
        ),
        "settings": {
            "sample_floor": floors(settings),
            "weekly_target": settings.weekly_target,
            "tests_per_day": settings.tests_per_day,
            "burst_minutes": settings.burst_minutes,
        },
    }
