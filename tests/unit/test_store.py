"""Database URL resolution and schema versioning."""

import pytest
from sqlalchemy import select

from dashboard.campaign import store


def test_url_from_environment_wins(monkeypatch):
    """DATABASE_URL, when set, is the database used."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert store.database_url() == "postgresql+psycopg://u@h/db"


def test_default_is_embedded_sqlite(monkeypatch, tmp_path):
    """Without settings, the embedded SQLite file under data/ is used."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(store, "SECRETS_PATH", tmp_path / "absent.toml")
    assert store.database_url() == f"sqlite:///{store.DEFAULT_SQLITE_PATH}"


def test_url_from_secrets(monkeypatch, tmp_path):
    """A [database] url in secrets.toml is used when no environment variable is set."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[database]\nurl = "sqlite:///elsewhere.sqlite"\n', encoding="utf-8")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(store, "SECRETS_PATH", secrets)
    assert store.database_url() == "sqlite:///elsewhere.sqlite"


def test_migrate_is_idempotent(engine):
    """Migrating twice keeps one version row and the data."""
    store.migrate(engine)
    store.migrate(engine)
    with engine.connect() as conn:
        versions = conn.execute(select(store.schema_version.c.version)).scalars().all()
    assert versions == [store.SCHEMA_VERSION]


def test_newer_database_is_refused(engine):
    """A database written by a newer program is not touched by an older one."""
    store.migrate(engine)
    with engine.begin() as conn:
        conn.execute(store.schema_version.insert().values(version=store.SCHEMA_VERSION + 1))
    with pytest.raises(store.SchemaError, match="newer than this program"):
        store.migrate(engine)


def test_migration_steps_run_in_order(engine, monkeypatch):
    """An older database runs each missing step once, in order, and records it."""
    store.migrate(engine)
    ran = []
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 2)
    monkeypatch.setattr(store, "_MIGRATIONS", {store.SCHEMA_VERSION - 1: lambda c: ran.append("a"),
                                               store.SCHEMA_VERSION: lambda c: ran.append("b")})  # fmt: skip
    assert store.migrate(engine) == store.SCHEMA_VERSION
    assert ran == ["a", "b"]
    with engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION


def test_sqlite_uses_wal(tmp_path):
    """The embedded database runs in WAL mode, so the app can read while an import writes."""
    eng = store.make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
