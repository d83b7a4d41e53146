"""The schema: created whole in an empty database, upgraded step by step in an
older one, keeping its data."""

from __future__ import annotations

from sqlalchemy import bindparam, exists, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from dashboard.dates.periods import calendar_weeks
from dashboard.store import month_medians, queries, rollups
from dashboard.store.tables import (
    CALENDAR_YEARS,
    ROLLUPS,
    app_setting,
    app_user,
    audit_event,
    calendar_week,
    commune_target,
    metadata,
    month_median,
    month_snapshot,
    rollup_day,
    rollup_staff_last,
    schema_version,
    sign_in_throttle,
    staff_identifier,
    staff_membership,
    week_roster,
)

#: Bump when the schema changes, and add a step to ``_MIGRATIONS``.
SCHEMA_VERSION = 15


class SchemaError(RuntimeError):
    """The database holds a schema this code cannot use."""


def current_version(conn: Connection) -> int:
    """Return the schema version stored in the database (0 for an empty one)."""
    if not inspect(conn).has_table("schema_version"):
        return 0
    version = conn.execute(select(func.max(schema_version.c.version))).scalar()
    return int(version or 0)


def migrate(engine: Engine) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`, keeping its data.

    An empty database gets the whole schema at once; an older one runs the
    migration steps in order. Returns the version reached.
    """
    with engine.begin() as conn:
        version = current_version(conn)
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"The database has schema version {version}, newer than this program "
                f"({SCHEMA_VERSION}). Update the dashboard before using this database."
            )
        if version == 0:
            metadata.create_all(conn)
            _fill_calendar(conn)
            conn.execute(queries.sql("roster_week_view"))
            conn.execute(schema_version.insert().values(version=SCHEMA_VERSION))
            return SCHEMA_VERSION
        for step in range(version + 1, SCHEMA_VERSION + 1):
            _MIGRATIONS[step](conn)
            conn.execute(schema_version.insert().values(version=step))
    return SCHEMA_VERSION


# step number -> function(conn) that moves the schema from step-1 to step.
# Each step changes tables in place (ALTER, copy, backfill) so no data is lost.
def _fill_calendar(conn: Connection) -> None:
    conn.execute(calendar_week.insert(), calendar_weeks(*CALENDAR_YEARS))


def _step_2(conn: Connection) -> None:
    """The week calendar; pages filter by local date, not by month and commune."""
    calendar_week.create(conn)
    _fill_calendar(conn)
    conn.execute(text("DROP INDEX IF EXISTS ix_measurement_month_commune"))
    # It also indexed the measurements by local date, until step 15.


def _step_3(conn: Connection) -> None:
    """Per-commune monthly targets; each week's Thursday in the calendar; the
    roster_week view."""
    commune_target.create(conn)
    # Step 2 creates the calendar from today's definition, which already has the column.
    if "week_thursday" not in {c["name"] for c in inspect(conn).get_columns("calendar_week")}:
        conn.execute(text("ALTER TABLE calendar_week ADD COLUMN week_thursday DATE"))
    week = calendar_week.c
    conn.execute(
        calendar_week.update().where(week.iso_week == bindparam("key")).values(week_thursday=bindparam("thursday")),
        [{"key": row["iso_week"], "thursday": row["week_thursday"]} for row in calendar_weeks(*CALENDAR_YEARS)],
    )
    conn.execute(queries.sql("roster_week_view"))


def _step_4(conn: Connection) -> None:
    """Accounts and the audit log."""
    app_user.create(conn)
    audit_event.create(conn)


def _step_5(conn: Connection) -> None:
    """Rollups, filled from the measurements already stored. (It also indexed the
    measurements by import, until step 15.)"""
    for table in ROLLUPS:
        table.create(conn)
    # Kept with the rollups since schema 11: the histograms' weeks store their rosters,
    # the counts of values their months' medians.
    week_roster.create(conn, checkfirst=True)
    month_median.create(conn, checkfirst=True)
    rollups.rebuild(conn)


def _step_6(conn: Connection) -> None:
    """The index on the measurements' ISO week goes: weeks are read from the rollups,
    and each import no longer pays for keeping it."""
    conn.execute(text("DROP INDEX IF EXISTS ix_measurement_week"))


def _step_7(conn: Connection) -> None:
    """Failed sign-ins are counted in a table of their own, keyed by a hash of the
    name typed; the audit log no longer keeps a name typed that was never an account
    (it may be a password typed in the wrong field)."""
    sign_in_throttle.create(conn, checkfirst=True)  # a database rebuilt as an older version may have it
    event_, added = audit_event.c, audit_event.alias("added").c
    ever_added = select(added.event_id).where(added.action == "user_added", added.detail.like(event_.username + ":%"))
    conn.execute(
        audit_event.update()
        .where(
            event_.action.in_(("sign_in_failed", "sign_in_throttled")),
            event_.username.not_in(select(app_user.c.username)),
            ~exists(ever_added),
        )
        .values(username=None, detail="unknown user name")
    )


def _step_8(conn: Connection) -> None:
    """The campaign's settings are stored (settings.py), so that pages, commands and
    reports use the same values."""
    app_setting.create(conn, checkfirst=True)


def _step_9(conn: Connection) -> None:
    """Each agency's e-mail address, where its weekly pack is sent (optional, from
    the agency list)."""
    if "email" not in {c["name"] for c in inspect(conn).get_columns("agency")}:
        conn.execute(text("ALTER TABLE agency ADD COLUMN email VARCHAR(254)"))


def _step_10(conn: Connection) -> None:
    """Each month's placed tests as a snapshot the pages read whole (built as pages
    ask for months, then kept up to date by imports). (It also keyed the monthly
    counts of each value by category; step 14 drops those counts.)"""
    month_snapshot.create(conn, checkfirst=True)


def _step_11(conn: Connection) -> None:
    """Each ISO week's roster in columns (store/week_rosters.py), written with the
    agencies' weekly histograms, which are computed again; each month's medians
    (store/month_medians.py), computed from the counts of values. Two indexes cover
    what pages count: the staff located in each commune (memberships by agency), the
    tests of a range of weeks (rollup_day by week)."""
    # Step 5 creates the new tables in a database older than the rollups, and fills them.
    created = not inspect(conn).has_table("month_median")
    week_roster.create(conn, checkfirst=True)
    month_median.create(conn, checkfirst=True)
    conn.execute(text("DROP INDEX IF EXISTS ix_membership_agency"))  # the new one starts with its column
    next(i for i in staff_membership.indexes if i.name == "ix_membership_agency_staff").create(conn, checkfirst=True)
    conn.execute(text("DROP INDEX IF EXISTS ix_rollup_day_week"))  # likewise
    next(i for i in rollup_day.indexes if i.name == "ix_rollup_day_week_tests").create(conn, checkfirst=True)
    if created:
        db = rollups.on(conn)
        rollups.refresh_agency_weeks(db, rollups.histogram_weeks(db))
        month_medians.rebuild(db)


def _step_12(conn: Connection) -> None:
    """An index for an agency's list of people: their contacts without reading every
    identifier of the province (identifiers by person). (It also gave the per-person
    rollup an index by person and day, which step 13 replaces.)"""
    next(i for i in staff_identifier.indexes if i.name == "ix_identifier_staff").create(conn, checkfirst=True)
    conn.execute(text("DROP INDEX IF EXISTS ix_rollup_staff_week_staff"))


def _step_13(conn: Connection) -> None:
    """Each person's last test day in a rollup of its own (rollup_staff_last), filled
    from the per-person rollup; that rollup's index by person and day goes."""
    conn.execute(text("DROP INDEX IF EXISTS ix_rollup_staff_week_last"))
    if inspect(conn).has_table("rollup_staff_last"):
        return  # created and filled by step 5, from today's tables
    rollup_staff_last.create(conn)
    queries.execute(conn, "migrate_staff_last")


def _step_14(conn: Connection) -> None:
    """The months' medians come from the months' tests (their snapshots' values, as
    the quality page reads them), computed again for every month; the counts of each
    value to a tenth they came from (rollup_month_value) go."""
    conn.execute(text("DROP TABLE IF EXISTS rollup_month_value"))
    month_medians.rebuild(rollups.on(conn))


def _step_15(conn: Connection) -> None:
    """The measurements' indexes by local date and by import go: a period's tests
    are a range of keys, and the rollups are filled again in one pass. Each import
    spends about a third less time writing its rows."""
    conn.execute(text("DROP INDEX IF EXISTS ix_measurement_local_date"))
    conn.execute(text("DROP INDEX IF EXISTS ix_measurement_import"))


_MIGRATIONS: dict = {
    2: _step_2,
    3: _step_3,
    4: _step_4,
    5: _step_5,
    6: _step_6,
    7: _step_7,
    8: _step_8,
    9: _step_9,
    10: _step_10,
    11: _step_11,
    12: _step_12,
    13: _step_13,
    14: _step_14,
    15: _step_15,
}
