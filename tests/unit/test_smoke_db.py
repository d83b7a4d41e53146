"""The schema is created on both databases and reports its version."""

from dashboard.campaign import store


def test_schema_version_recorded(engine):
    """A new database gets the whole schema at the current version."""
    assert store.migrate(engine) == store.SCHEMA_VERSION
    with engine.connect() as conn:
        assert store.current_version(conn) == store.SCHEMA_VERSION
