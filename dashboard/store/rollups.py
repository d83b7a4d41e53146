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
* ``rollup_staff_last`` — each person's last test day: an agency's list.
* ``rollup_agency_week`` — per agency and week, how many people made 0, 1, 2, …
  tests: participation over many weeks without visiting each person. Computed in
  NumPy for the weeks an import touched, from the per-person rollup and the
  memberships; it covers the first week with tests to the current week.

The same transaction builds again the snapshots of the months an import's placed
tests fall in (:mod:`snapshots`): the pages' reads of a period; and from them the
months' medians (:mod:`month_medians`): the monthly trend.

An import counts its new rows for the first three as it stores them
(:class:`ImportCounts`); the statements ``queries/rollup_add_*.sql`` count stored
rows, to rebuild the rollups.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
from sqlalchemy import Column, MetaData, Table
from sqlalchemy.engine import Connection

from dashboard.dates import clock
from dashboard.dates.periods import iso_week_of, week, week_keys
from dashboard.store import arrow_reads, month_medians, queries, snapshots, tables, week_rosters
from dashboard.store.import_counts import ImportCounts

#: query that fills a rollup from every stored test -> that rollup
FILLERS = {
    "rollup_fill_day": tables.rollup_day,
    "rollup_fill_staff_week": tables.rollup_staff_week,
    "rollup_fill_staff_last": tables.rollup_staff_last,
}
#: rollup -> the statement that adds its temporary table's counts to it
COUNT_ADDERS = {
    "rollup_day": "rollup_day_add_counts",
    "rollup_staff_week": "rollup_staff_week_add_counts",
    "rollup_staff_last": "rollup_staff_last_add_counts",
    "rollup_agency_week": "rollup_agency_week_add_counts",
}
#: The rollups that count tests by whether (or whom) they are linked to.
STAFF_FILLERS = ("rollup_fill_day", "rollup_fill_staff_week", "rollup_fill_staff_last")
#: Weeks of histograms computed from one read of the per-person rollup.
WEEKS_PER_READ = 8


class Database(Protocol):
    """Where the rollups are kept: an import's transaction (``bulk.ImportWriter``)
    or a SQLAlchemy connection (:func:`on`)."""

    def run(self, name: str, **params) -> None:
        """Execute the statement ``queries/<name>.sql``."""

    def read(self, name: str, **params) -> pd.DataFrame:
        """The rows of the query ``queries/<name>.sql``."""

    def read_arrow(self, name: str, **params) -> pa.Table:
        """The rows of the query ``queries/<name>.sql`` as an Arrow table, each column
        typed by its values (see ``snapshots.shaped``)."""

    def load(self, table: Table, rows: pd.DataFrame) -> None:
        """Fill a temporary table (created if needed, emptied first) with ``rows``."""


def _incoming(table: Table) -> Table:
    """A temporary table shaped like a rollup: one import's counts, before they are
    added to the rollup in one statement (an upsert per row is slow on PostgreSQL)."""
    columns = [Column(column.name, column.type) for column in table.columns]
    return Table(f"incoming_{table.name}", MetaData(), *columns, prefixes=["TEMPORARY"], postgresql_on_commit="DROP")


INCOMING = {table.name: _incoming(table) for table in tables.ROLLUPS}


def _add(db: Database, rollup: str, rows: pd.DataFrame) -> None:
    """Add rows to a rollup through its temporary table and its statement in
    :data:`COUNT_ADDERS`."""
    if len(rows):
        db.load(INCOMING[rollup], rows)
        db.run(COUNT_ADDERS[rollup])


def add_import(
    db: Database, counts: ImportCounts, placed: pa.Table, stored_span: tuple[int, int] | None = None
) -> None:
    """Add one import's measurements to every rollup (in the import's transaction),
    from the counts the import made of its rows as it stored them: none is read back.
    Then the months' snapshots (``placed``: the import's placed tests, see
    :func:`snapshots.add_import`; ``stored_span``: the lowest and highest keys stored
    before the import) and medians, the weeks' histograms and rosters that changed."""
    # In this order, the database stores each part while the next one is computed
    # (the counts' upserts, the longest, while the months are made); the first read
    # (of the agencies' weeks) waits for all before it.
    for rollup, rows in counts.frames().items():
        _add(db, rollup, rows)
    months = snapshots.add_import(db, placed, stored_span)
    month_medians.add_import(db, months)
    first_last = counts.weeks()
    imported = week_keys(*first_last) if first_last else []
    span = db.read("agency_week_span")
    missing = [key for key in _span_weeks(span) if key not in set(span["iso_week"].dropna())]
    refresh_agency_weeks(db, sorted(set(imported) | set(missing)))


def refresh_agency_weeks(db: Database, weeks: list[str]) -> None:
    """Compute the agencies' weekly histograms again for these ISO weeks."""
    if not weeks:
        return
    # Read in columns: hundreds of thousands of rows at five million tests.
    memberships = db.read_arrow("staff_memberships").to_pandas()
    for start in range(0, len(weeks), WEEKS_PER_READ):
        batch = weeks[start : start + WEEKS_PER_READ]
        tests = db.read_arrow("staff_week_tests", first_week=batch[0], last_week=batch[-1]).to_pandas()
        for key in batch:
            db.run("rollup_clear_agency_weeks", first_week=key, last_week=key)
        histograms, rosters = histograms_and_rosters(memberships, tests, batch)
        _add(db, "rollup_agency_week", histograms)
        for key, roster in rosters.items():
            week_rosters.put(db.run, key, roster)


def agency_week_rows(memberships: pd.DataFrame, tests: pd.DataFrame, weeks: list[str]) -> pd.DataFrame:
    """Each agency's histogram for each of ``weeks`` (see :func:`histograms_and_rosters`)."""
    return histograms_and_rosters(memberships, tests, weeks)[0]


def histograms_and_rosters(
    memberships: pd.DataFrame, tests: pd.DataFrame, weeks: list[str]
) -> tuple[pd.DataFrame, dict[str, pa.Table]]:
    """Each agency's histogram for each of ``weeks``: how many of its people made
    0, 1, 2, … tests (:data:`tables.MAX_WEEKLY_TARGET` or more counted as that), and
    their tests; agency '*' counts each person of the province once. And each
    week's roster (:func:`week_rosters.roster`): the people agency '*' counts, with
    their tests.

    ``memberships`` are rows of ``queries/staff_memberships.sql``; a person is on an
    agency's roster in a week when a membership covers its Thursday, the rule of the
    ``roster_week`` view (``tests/unit/test_rollups.py`` checks that both agree).
    ``tests`` are rows of ``queries/staff_week_tests.sql``.
    """
    # People, agencies and weeks as integer codes: a week is then a few NumPy operations.
    person, people = pd.factorize(memberships["staff_id"])
    people = np.asarray(people, dtype=object)
    agency, agencies = pd.factorize(memberships["agency_code"])
    agencies = np.append(agencies.to_numpy(dtype=object), "*")
    province, buckets = len(agencies) - 1, tables.MAX_WEEKLY_TARGET + 1
    valid_from = pd.to_datetime(memberships["valid_from"]).to_numpy()
    valid_to = pd.to_datetime(memberships["valid_to"]).to_numpy()
    # In order of person then agency, a person's repeated memberships sit side by side.
    order = np.lexsort((agency, person))
    person, agency, valid_from, valid_to = person[order], agency[order], valid_from[order], valid_to[order]
    tested = pd.Index(people).get_indexer(tests["staff_id"])
    in_week = pd.Index(weeks).get_indexer(tests["iso_week"])
    known = (tested >= 0) & (in_week >= 0)
    tested, in_week, made_by = tested[known], in_week[known], tests["tests"].to_numpy(dtype="int64")[known]
    frames, rosters = [], {}
    for position, key in enumerate(weeks):
        made = np.zeros(len(people), dtype="int64")
        this_week = in_week == position
        made[tested[this_week]] = made_by[this_week]
        thursday = np.datetime64(week(key).first_day + dt.timedelta(days=3))
        covers = (np.isnat(valid_from) | (valid_from <= thursday)) & (np.isnat(valid_to) | (valid_to >= thursday))
        on_roster, of_agency = person[covers], agency[covers]
        if not len(on_roster):
            rosters[key] = week_rosters.roster(people[:0], made[:0])
            continue
        # Each person once per agency (two memberships may cover the same Thursday),
        # and once for the province.
        new_pair = np.r_[True, (on_roster[1:] != on_roster[:-1]) | (of_agency[1:] != of_agency[:-1])]
        everyone = on_roster[np.r_[True, on_roster[1:] != on_roster[:-1]]]
        rosters[key] = week_rosters.roster(people[everyone], made[everyone])
        who = np.concatenate([on_roster[new_pair], everyone])
        where = np.concatenate([of_agency[new_pair], np.full(len(everyone), province)])
        # One bin per agency and number of tests: people in it, and their tests.
        bins = where * buckets + np.minimum(made[who], tables.MAX_WEEKLY_TARGET)
        staff = np.bincount(bins, minlength=len(agencies) * buckets)
        total = np.bincount(bins, weights=made[who], minlength=len(agencies) * buckets)
        used = np.flatnonzero(staff)
        frames.append(
            pd.DataFrame(
                {
                    "iso_week": key,
                    "agency_code": agencies[used // buckets],
                    "tests_made": used % buckets,
                    "staff": staff[used],
                    "tests": total[used].round().astype("int64"),
                }
            )
        )
    columns = ["iso_week", "agency_code", "tests_made", "staff", "tests"]
    if frames:
        histograms = pd.concat(frames, ignore_index=True)
        histograms = histograms.astype({"tests_made": "int64", "staff": "int64", "tests": "int64"})
    else:
        histograms = pd.DataFrame(columns=columns)
    return histograms, rosters


def agency_week_span(span: pd.DataFrame) -> tuple[str, str] | None:
    """The weeks the histograms cover, from rows of ``queries/agency_week_span.sql``:
    from the month of the first test (so that its first month is whole) to the last
    week with tests or the current week, whichever is later (so that this week shows
    its people even before anyone tested)."""
    first_day, last = span["first_day"].iloc[0], span["last_week"].iloc[0]
    if first_day is None or pd.isna(first_day):
        return None
    first = iso_week_of(pd.Timestamp(first_day).date().replace(day=1))
    return first, max(last, clock.current_week())


def histogram_weeks(db: Database) -> list[str]:
    """The weeks the agencies' histograms cover (:func:`agency_week_span`)."""
    return _span_weeks(db.read("agency_week_span"))


def _span_weeks(span: pd.DataFrame) -> list[str]:
    weeks = agency_week_span(span)
    return week_keys(*weeks) if weeks else []


class ConnectionDatabase:
    """A :class:`Database` on a SQLAlchemy connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def run(self, name: str, **params) -> None:
        queries.execute(self.conn, name, **params)

    def read(self, name: str, **params) -> pd.DataFrame:
        return queries.run(self.conn, name, **params)

    def read_arrow(self, name: str, **params) -> pa.Table:
        return arrow_reads.read(self.conn, queries.sql(name), params)

    def load(self, table: Table, rows: pd.DataFrame) -> None:
        table.create(self.conn, checkfirst=True)  # on SQLite it outlives the transaction
        self.conn.execute(table.delete())
        self.conn.execute(table.insert(), rows[[c.name for c in table.columns]].to_dict("records"))


def on(conn: Connection) -> ConnectionDatabase:
    """The rollups' :class:`Database` on a SQLAlchemy connection."""
    return ConnectionDatabase(conn)


def rebuild(conn: Connection, fillers: tuple[str, ...] = tuple(FILLERS)) -> None:
    """Empty the rollups of ``fillers`` and fill them again from every stored
    measurement (one pass each); then the agencies' weekly histograms."""
    db = on(conn)
    for name in fillers:
        conn.execute(FILLERS[name].delete())
        db.run(name)
    conn.execute(tables.rollup_agency_week.delete())
    week_rosters.forget(db.run)
    refresh_agency_weeks(db, histogram_weeks(db))
