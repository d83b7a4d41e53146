"""Database URL resolution and schema versioning."""

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, inspect, select, text

from dashboard.dates.periods import calendar_weeks, month
from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.store import database, migrations, period_tests, rollups, snapshots, tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
#: The measurements' indexes of schemas 2 to 14 (by local date) and 5 to 14 (by import).
LOCAL_DATE_INDEX = "CREATE INDEX ix_measurement_local_date ON measurement (local_date)"
IMPORT_INDEX = "CREATE INDEX ix_measurement_import ON measurement (import_id)"


def test_url_from_environment_wins(monkeypatch):
    """DATABASE_URL, when set, is the database used."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database.database_url() == "postgresql+psycopg://u@h/db"


def test_default_is_embedded_sqlite(monkeypatch, tmp_path):
    """Without settings, the embedded SQLite file under data/ is used."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(database, "SECRETS_PATH", tmp_path / "absent.toml")
    assert database.database_url() == f"sqlite:///{database.DEFAULT_SQLITE_PATH}"


def test_url_from_secrets(monkeypatch, tmp_path):
    """A [database] url in secrets.toml is used when no environment variable is set."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[database]\nurl = "sqlite:///elsewhere.sqlite"\n', encoding="utf-8")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(database, "SECRETS_PATH", secrets)
    assert database.database_url() == "sqlite:///elsewhere.sqlite"


def test_migrate_is_idempotent(engine):
    """Migrating twice keeps one version row and the data."""
    migrations.migrate(engine)
    migrations.migrate(engine)
    with engine.connect() as conn:
        versions = conn.execute(select(tables.schema_version.c.version)).scalars().all()
    assert versions == [migrations.SCHEMA_VERSION]


def test_newer_database_is_refused(engine):
    """A database written by a newer program is not touched by an older one."""
    migrations.migrate(engine)
    with engine.begin() as conn:
        conn.execute(tables.schema_version.insert().values(version=migrations.SCHEMA_VERSION + 1))
    with pytest.raises(migrations.SchemaError, match="newer than this program"):
        migrations.migrate(engine)


def test_migration_steps_run_in_order(engine, monkeypatch):
    """An older database runs each missing step once, in order, and records it."""
    migrations.migrate(engine)
    ran = []
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", migrations.SCHEMA_VERSION + 2)
    monkeypatch.setattr(
        migrations,
        "_MIGRATIONS",
        {
            migrations.SCHEMA_VERSION - 1: lambda c: ran.append("a"),
            migrations.SCHEMA_VERSION: lambda c: ran.append("b"),
        },
    )
    assert migrations.migrate(engine) == migrations.SCHEMA_VERSION
    assert ran == ["a", "b"]
    with engine.connect() as conn:
        assert migrations.current_version(conn) == migrations.SCHEMA_VERSION


def test_sqlite_uses_wal(tmp_path):
    """The embedded database runs in WAL mode, so the app can read while an import writes."""
    eng = database.make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def _drop_rollups(conn) -> None:
    """Make the database as it was before schema version 5."""
    for table in tables.ROLLUPS:
        table.drop(conn)
    conn.execute(text("CREATE INDEX ix_measurement_week ON measurement (iso_week)"))
    conn.execute(text(LOCAL_DATE_INDEX))


def test_version_1_database_gains_the_calendar_and_keeps_its_data(ready_engine):
    """Step 2 adds the week calendar to a version-1 database without touching its rows."""
    with ready_engine.begin() as conn:
        _drop_rollups(conn)
        conn.execute(text("DROP VIEW roster_week"))
        tables.calendar_week.drop(conn)
        tables.commune_target.drop(conn)
        tables.app_user.drop(conn)
        tables.audit_event.drop(conn)
        conn.execute(text("DROP INDEX ix_measurement_local_date"))  # made by _drop_rollups
        conn.execute(text("CREATE INDEX ix_measurement_month_commune ON measurement (month, commune_code)"))
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=1))
        communes_before = conn.execute(select(func.count()).select_from(tables.admin_unit)).scalar()
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    with ready_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.admin_unit)).scalar() == communes_before
        week = conn.execute(select(tables.calendar_week).where(tables.calendar_week.c.iso_week == "2026-W01")).one()
    # ISO 2026-W01 starts on Monday 29 December 2025; its Thursday is in January.
    assert (str(week.week_start), str(week.week_end), week.month) == ("2025-12-29", "2026-01-04", "2026-01")
    indexes = {i["name"] for i in inspect(ready_engine).get_indexes("measurement")}
    assert not indexes & {"ix_measurement_local_date", "ix_measurement_month_commune"}


def test_version_2_database_gains_commune_targets(ready_engine):
    """Step 3 adds the per-commune targets table and each week's Thursday, keeping the rest."""
    with ready_engine.begin() as conn:
        _drop_rollups(conn)
        conn.execute(text("DROP VIEW roster_week"))
        tables.commune_target.drop(conn)
        tables.app_user.drop(conn)
        tables.audit_event.drop(conn)
        tables.calendar_week.drop(conn)
        conn.execute(
            text(
                "CREATE TABLE calendar_week (iso_week VARCHAR(8) PRIMARY KEY, week_start DATE NOT NULL, "
                "week_end DATE NOT NULL, month VARCHAR(7) NOT NULL)"
            )
        )
        weeks = [{k: v for k, v in row.items() if k != "week_thursday"} for row in calendar_weeks(2020, 2040)]
        conn.execute(text("INSERT INTO calendar_week VALUES (:iso_week, :week_start, :week_end, :month)"), weeks)
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=2))
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    assert inspect(ready_engine).has_table("commune_target")
    with ready_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.commune_target)).scalar() == 0
        assert migrations.current_version(conn) == migrations.SCHEMA_VERSION
        thursday = conn.execute(
            select(tables.calendar_week.c.week_thursday).where(tables.calendar_week.c.iso_week == "2026-W47")
        ).scalar()
    assert str(thursday) == "2026-11-19"
    assert "roster_week" in inspect(ready_engine).get_view_names()


def test_version_3_database_gains_accounts_and_the_audit_log(ready_engine):
    """Step 4 adds the account and audit tables, keeping the targets already set."""
    with ready_engine.begin() as conn:
        _drop_rollups(conn)
        tables.app_user.drop(conn)
        tables.audit_event.drop(conn)
        conn.execute(
            tables.commune_target.insert().values(
                commune_code="01", access="fixed", monthly_target=350, updated_at=dt.datetime(2026, 11, 1)
            )
        )
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=3))
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    assert {"app_user", "audit_event"} <= set(inspect(ready_engine).get_table_names())
    with ready_engine.connect() as conn:
        assert conn.execute(select(tables.commune_target.c.monthly_target)).scalar() == 350
        assert migrations.current_version(conn) == migrations.SCHEMA_VERSION


def test_version_4_database_gains_rollups_filled_from_its_measurements(ready_engine):
    """Step 5 adds the rollups and fills them from the tests already stored: the same
    rows as imports that kept them up to date."""
    import_roster(ready_engine, [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"], as_of=dt.date(2026, 11, 1))
    import_measurements(ready_engine, FIXTURES / "duplicates.csv")
    import_measurements(ready_engine, FIXTURES / "gaps_and_outside.csv")
    with ready_engine.connect() as conn:
        kept = {t.name: _rows(conn, t) for t in tables.ROLLUPS}
    assert kept["rollup_day"] and kept["rollup_staff_week"] and kept["rollup_staff_last"]
    with ready_engine.begin() as conn:
        _drop_rollups(conn)
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=4))
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    with ready_engine.connect() as conn:
        assert {t.name: _rows(conn, t) for t in tables.ROLLUPS} == kept
    assert not {i["name"] for i in inspect(ready_engine).get_indexes("measurement")}


def test_version_5_database_loses_the_week_index_and_keeps_its_data(ready_engine):
    """Step 6 drops the index on the measurements' week, which nothing reads any more."""
    import_measurements(ready_engine, FIXTURES / "duplicates.csv")
    with ready_engine.begin() as conn:
        conn.execute(text("CREATE INDEX ix_measurement_week ON measurement (iso_week)"))
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=5))
        before = _rows(conn, tables.measurement)
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    with ready_engine.connect() as conn:
        assert _rows(conn, tables.measurement) == before and before
    assert "ix_measurement_week" not in {i["name"] for i in inspect(ready_engine).get_indexes("measurement")}


def test_version_14_database_loses_the_measurements_day_and_import_indexes(ready_engine, tmp_path):
    """Step 15 drops the measurements' indexes by local date and by import and keeps
    every row; a month's snapshot and the rollups built again without them are the
    ones the imports kept (both databases)."""
    import_roster(ready_engine, [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"], as_of=dt.date(2026, 11, 1))
    import_measurements(ready_engine, FIXTURES / "gaps_and_outside.csv", rejects_dir=tmp_path)
    import_measurements(ready_engine, FIXTURES / "no_diacritics_kbps.csv", rejects_dir=tmp_path)
    with ready_engine.begin() as conn:
        conn.execute(text(LOCAL_DATE_INDEX))
        conn.execute(text(IMPORT_INDEX))
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=14))
        before = {t.name: _rows(conn, t) for t in (tables.measurement, *tables.ROLLUPS)}
        months = sorted({row.month for row in conn.execute(select(tables.measurement.c.month))})
        kept = {key: _tests(period_tests.read(conn, month(key).first_day, month(key).last_day)) for key in months}
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    assert not {i["name"] for i in inspect(ready_engine).get_indexes("measurement")}
    with ready_engine.begin() as conn:
        assert {t.name: _rows(conn, t) for t in (tables.measurement, *tables.ROLLUPS)} == before
        rollups.rebuild(conn)
        assert {t.name: _rows(conn, t) for t in tables.ROLLUPS} == {t.name: before[t.name] for t in tables.ROLLUPS}
        for key in months:  # read by the key range of the month's days
            pd.testing.assert_frame_equal(_tests(snapshots.build(rollups.on(conn).read_arrow, key)), kept[key])
    assert sum(len(tests) for tests in kept.values()) >= 8


def _tests(table) -> pd.DataFrame:
    """A month's tests in a fixed order, to compare."""
    tests = period_tests.frame(table, table.column_names)
    return tests.sort_values(list(tests.columns)).reset_index(drop=True)


def _rows(conn, table) -> list[tuple]:
    return sorted(tuple(str(v) for v in row) for row in conn.execute(select(table)))


def test_version_13_database_computes_its_medians_from_the_tests(ready_engine, tmp_path):
    """Step 14 drops the counts of each value the medians came from and computes
    every month's medians from its tests: the same rows the imports stored (both
    databases)."""
    import_measurements(ready_engine, FIXTURES / "no_diacritics_kbps.csv", rejects_dir=tmp_path)
    import_measurements(ready_engine, FIXTURES / "utf8_bom_semicolon_decimal_comma.csv", rejects_dir=tmp_path)
    with ready_engine.begin() as conn:
        stored = _rows(conn, tables.month_median)
        assert len(stored) > 5
        conn.execute(tables.month_median.delete())
        conn.execute(text("CREATE TABLE rollup_month_value (metric VARCHAR(16), tests INTEGER)"))
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=13))
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    with ready_engine.connect() as conn:
        assert _rows(conn, tables.month_median) == stored
    assert "rollup_month_value" not in inspect(ready_engine).get_table_names()
