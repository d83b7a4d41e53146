"""Rollups: the small tables pages read instead of millions of measurements.

Each import adds its own rows to every rollup, in its own transaction, with one
statement per rollup (``queries/rollup_add_*.sql``): the rollups are never behind
the measurements and a failed import changes neither. Counts add up, so an import
only reads the rows it stored (through the index on ``import_id``). A roster import
links earlier tests to people and changes who is on which roster: it rebuilds the
rollups that depend on either.

* ``rollup_day`` — tests per day, commune, access, operator and technology:
  coverage counts, the overview, the commune detail, the store's status.
* ``rollup_staff_week`` — tests per person and ISO week: an agency's people.
* ``rollup_agency_week`` — per agency and week, how many people made 0, 1, 2, …
  tests: participation over many weeks without visiting each person. Rebuilt for
  the weeks an import touched; it covers the first week with tests to the current week.
* ``rollup_month_value`` — how many tests of a month had each value (to a tenth):
  the monthly trend of medians.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.campaign import queries, store
from dashboard.campaign.periods import iso_week_of, week
from dashboard.campaign.values import LOCAL_TZ

#: query that adds one import's rows -> the rollup it fills
ADDERS = {
    "rollup_add_day": store.rollup_day,
    "rollup_add_staff_week": store.rollup_staff_week,
    "rollup_add_month_value": store.rollup_month_value,
}
#: The rollups that count tests by whether (or whom) they are linked to.
STAFF_ADDERS = ("rollup_add_day", "rollup_add_staff_week")

#: run(query name, **params) executes a statement of queries/; read(...) returns its rows.
Run = Callable[..., None]
Read = Callable[..., pd.DataFrame]


def add_import(run: Run, read: Read, import_id: int) -> None:
    """Add one import's measurements to every rollup (in the import's transaction)."""
    for name in ADDERS:
        run(name, import_id=import_id)
    weeks = read("import_weeks", import_id=import_id).iloc[0]
    if weeks["first_week"] is not None and not pd.isna(weeks["first_week"]):
        refresh_agency_weeks(run, weeks["first_week"], weeks["last_week"])
    fill_missing_agency_weeks(run, read)


def refresh_agency_weeks(run: Run, first_week: str, last_week: str) -> None:
    """Compute the agencies' weekly histograms again for a range of weeks."""
    run("rollup_clear_agency_weeks", first_week=first_week, last_week=last_week)
    run("rollup_fill_agency_weeks", first_week=first_week, last_week=last_week)


def agency_week_span(span: pd.DataFrame) -> tuple[str, str] | None:
    """The weeks the histograms cover, from rows of ``queries/agency_week_span.sql``:
    from the month of the first test (so that its first month is whole) to the last
    week with tests or the current week, whichever is later (so that this week shows
    its people even before anyone tested)."""
    first_day, last = span["first_day"].iloc[0], span["last_week"].iloc[0]
    if first_day is None or pd.isna(first_day):
        return None
    first = iso_week_of(pd.Timestamp(first_day).date().replace(day=1))
    return first, max(last, iso_week_of(dt.datetime.now(ZoneInfo(LOCAL_TZ)).date()))


def fill_missing_agency_weeks(run: Run, read: Read) -> None:
    """Fill the weeks of :func:`agency_week_span` that have no histogram yet (a
    week without tests between two imports, or a new current week)."""
    span = read("agency_week_span")
    weeks = agency_week_span(span)
    if weeks is None:
        return
    first, last = weeks
    covered = set(span["iso_week"].dropna())
    monday, final = week(first).first_day, week(last).first_day
    while monday <= final:
        key = iso_week_of(monday)
        if key not in covered:
            refresh_agency_weeks(run, key, key)
        monday += pd.Timedelta(weeks=1)


def on(conn: Connection) -> tuple[Run, Read]:
    """``run`` and ``read`` on a SQLAlchemy connection."""
    return (lambda name, **params: queries.execute(conn, name, **params),
            lambda name, **params: queries.run(conn, name, **params))  # fmt: skip


def rebuild(conn: Connection, adders: tuple[str, ...] = tuple(ADDERS)) -> None:
    """Empty the rollups filled by ``adders`` and fill them again from every stored
    measurement, import by import; then the agencies' weekly histograms."""
    run, read = on(conn)
    for name in adders:
        conn.execute(ADDERS[name].delete())
    for import_id in read("measurement_imports")["import_id"]:
        for name in adders:
            run(name, import_id=int(import_id))
    conn.execute(store.rollup_agency_week.delete())
    weeks = agency_week_span(read("agency_week_span"))
    if weeks:
        refresh_agency_weeks(run, *weeks)
