"""Database: engine, schema version and migrations.

One schema serves SQLite (the embedded default) and PostgreSQL (a department's
server). The tables are declared in :mod:`dashboard.campaign.tables` and can be
reached from here too; every read query lives in ``queries/`` and runs through
:mod:`dashboard.campaign.queries`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from sqlalchemy import bindparam, create_engine, event, exists, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from dashboard.campaign.periods import calendar_weeks

# The tables are part of this module's interface (store.measurement, …).
from dashboard.campaign.tables import (  # noqa: F401
    admin_unit,
    agency,
    app_setting,
    app_user,
    audit_event,
    boundary_edition,
    calendar_week,
    CALENDAR_YEARS,
    commune_target,
    crosswalk,
    former_district,
    import_batch,
    MAX_WEEKLY_TARGET,
    measurement,
    metadata,
    rollup_agency_week,
    rollup_day,
    rollup_month_value,
    rollup_staff_week,
    ROLLUPS,
    ROSTER_WEEK_VIEW,
    schema_version,
    sign_in_throttle,
    staff,
    staff_identifier,
    staff_membership,
    unit_alias,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / "ispeed.sqlite"
SECRETS_PATH = REPO_ROOT / ".streamlit" / "secrets.toml"

#: Bump when the schema changes, and add a step to ``_MIGRATIONS``.
SCHEMA_VERSION = 8


class SchemaError(RuntimeError):
    """The database holds a schema this code cannot use."""


def database_url() -> str:
    """Return the database URL: ``DATABASE_URL``, then secrets.toml, then embedded SQLite."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    if SECRETS_PATH.exists():
        with SECRETS_PATH.open("rb") as fh:
            secrets = tomllib.load(fh)
        url = secrets.get("database", {}).get("url")
        if url:
            return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str | None = None, **kwargs) -> Engine:
    """Create an engine for ``url`` (default :func:`database_url`).

    SQLite gets WAL mode, foreign keys, and explicit BEGIN so that an import is one
    real transaction even when it uses the driver's ``executemany`` directly. A
    connection with the execution option ``sqlite_immediate=True`` begins with
    BEGIN IMMEDIATE instead (see :func:`_configure_sqlite`).
    """
    url = url or database_url()
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Autocommit at the driver level; SQLAlchemy's "begin" event below issues
        # BEGIN itself, so DDL and DML share one transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock at once, waiting for it up to busy_timeout.
        # A plain (deferred) transaction that reads, then writes after another
        # connection has written, fails at once with "database is locked": waiting
        # would not help its stale snapshot. Sign-in reads a count, then writes it.
        immediate = conn.get_execution_options().get("sqlite_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


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
            conn.execute(text(ROSTER_WEEK_VIEW))
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
    next(i for i in measurement.indexes if i.name == "ix_measurement_local_date").create(conn)


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
    conn.execute(text(ROSTER_WEEK_VIEW))


def _step_4(conn: Connection) -> None:
    """Accounts and the audit log."""
    app_user.create(conn)
    audit_event.create(conn)


def _step_5(conn: Connection) -> None:
    """Rollups, filled from the measurements already stored."""
    from dashboard.campaign import rollups  # rollups reads queries/, which needs this module

    next(i for i in measurement.indexes if i.name == "ix_measurement_import").create(conn)
    for table in ROLLUPS:
        table.create(conn)
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
        .where(event_.action.in_(("sign_in_failed", "sign_in_throttled")),
               event_.username.not_in(select(app_user.c.username)), ~exists(ever_added))
        .values(username=None, detail="unknown user name")
    )  # fmt: skip


def _step_8(conn: Connection) -> None:
    """The campaign's settings are stored (settings.py), so that pages, commands and
    reports use the same values."""
    app_setting.create(conn, checkfirst=True)


_MIGRATIONS: dict = {2: _step_2, 3: _step_3, 4: _step_4, 5: _step_5, 6: _step_6, 7: _step_7, 8: _step_8}
