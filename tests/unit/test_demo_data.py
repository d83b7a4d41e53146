"""The demo campaign gives way to the first real import, in that import's transaction."""

import pytest
from sqlalchemy import func, select

from dashboard import demo
from dashboard.access import accounts, audit, sign_in
from dashboard.ingest import demo_data
from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.reports import overview
from dashboard.store import tables
from tests.support.cli import FIXTURES


@pytest.fixture
def demo_engine(engine, tmp_path):
    demo.create_demo(engine, tmp_path / "demo", staff=600, weeks=2, last_week="2026-W47")
    return engine


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_real_roster_replaces_the_demo(demo_engine, tmp_path):
    """The first real roster removes the demo's tests and people in its own import and says so, leaving the real roster
    and the administrative units; the database is no longer marked as demo."""
    with demo_engine.connect() as conn:
        assert overview.data_span(conn).is_demo
    summary = import_roster(demo_engine, [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"], rejects_dir=tmp_path)
    assert (
        summary.demo_removed and "demo campaign:    removed; the database now holds real data only" in summary.lines()
    )
    assert _count(demo_engine, tables.measurement) == 0
    assert _count(demo_engine, tables.staff) == summary.staff_added
    with demo_engine.connect() as conn:
        span = overview.data_span(conn)
        assert not span.is_demo and span.has_imports
        assert _count(demo_engine, tables.admin_unit) > 38  # the units stay


def test_failed_real_import_keeps_the_demo(demo_engine, tmp_path):
    """A real roster import that fails leaves the demo as it was: the same tests, demo data only."""
    before = _count(demo_engine, tables.measurement)
    bad = tmp_path / "empty.csv"
    bad.write_text("nothing,here\n1,2\n", encoding="utf-8")
    with pytest.raises(FileImportError):
        import_roster(demo_engine, [bad], rejects_dir=tmp_path)
    assert _count(demo_engine, tables.measurement) == before
    with demo_engine.connect() as conn:
        assert demo_data.holds_only_demo(conn)


def test_real_export_replaces_the_demo_in_its_transaction(demo_engine, tmp_path):
    """The first real export replaces the demo's tests and people in its own import, and the next real import adds to
    what it brought."""
    summary = import_measurements(demo_engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path)
    assert (
        summary.demo_removed
        and summary.lines()[0] == "demo campaign:    removed; the database now holds real data only"
    )
    assert _count(demo_engine, tables.measurement) == summary.imported
    assert _count(demo_engine, tables.staff) == 0  # the demo's people went with it
    with demo_engine.connect() as conn:
        assert not overview.data_span(conn).is_demo
    # The next real import keeps what the first one brought.
    again = import_measurements(demo_engine, FIXTURES / "weekly_b.csv", rejects_dir=tmp_path)
    assert not again.demo_removed
    assert _count(demo_engine, tables.measurement) == summary.imported + again.imported


def test_broken_real_export_keeps_the_demo(demo_engine, tmp_path):
    """A real export that breaks half-way leaves the demo as it was: the same tests, demo data only."""
    before = _count(demo_engine, tables.measurement)
    with pytest.raises(FileImportError):
        import_measurements(demo_engine, FIXTURES / "broken_halfway.csv", rejects_dir=tmp_path)
    assert _count(demo_engine, tables.measurement) == before
    with demo_engine.connect() as conn:
        assert demo_data.holds_only_demo(conn)


def test_demo_accounts_go_with_the_demo_and_real_accounts_stay(demo_engine, tmp_path):
    """The demo brings one account per role; the first real import removes them, but
    not an account the department created, nor the audit log."""
    from dashboard.access import accounts, audit

    with demo_engine.begin() as conn:
        demo_users = accounts.list_users(conn)
        assert set(demo_users["role"]) == {"admin", "viewer", "agency"} and demo_users["is_demo"].all()
        assert sign_in.sign_in(conn, "demo.agency", "demo.agency").user.agency_code == "UBX03388"
        accounts.add_user(conn, "chief", "admin", "a real password", actor="cli")
    import_roster(demo_engine, [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"], rejects_dir=tmp_path)
    with demo_engine.connect() as conn:
        assert list(accounts.list_users(conn)["username"]) == ["chief"]
        assert "sign_in" in set(audit.events(conn)["action"])


@pytest.mark.parametrize("kind", ["measurements", "roster"])
def test_the_first_real_import_adds_the_first_administrator_in_its_transaction(demo_engine, tmp_path, kind):
    """Whoever imports as a demo account names the first real administrator: the import
    that removes the demo's accounts adds theirs in the same transaction, so that they
    can sign in at once, and the log says so."""
    first = accounts.FirstAdmin("  Chi.Cuc ", "a long enough secret")
    if kind == "measurements":
        summary = import_measurements(demo_engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path, first_admin=first)
    else:
        files = [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"]
        summary = import_roster(demo_engine, files, rejects_dir=tmp_path, first_admin=first)
    assert summary.demo_removed
    with demo_engine.begin() as conn:
        users = accounts.list_users(conn)
        assert users["username"].tolist() == ["chi.cuc"] and users["role"].tolist() == ["admin"]
        assert sign_in.sign_in(conn, "chi.cuc", "a long enough secret").user.is_admin
        assert "user_added" in audit.events(conn, username="chi.cuc")["action"].tolist()


@pytest.mark.parametrize(
    "name, password, reason",
    [
        ("demo.admin", "a long enough secret", "demo account"),
        ("chi.cuc", "short", "password"),
        ("a b", "a long enough secret", "user name"),
    ],
)
def test_an_unusable_first_administrator_stops_the_import_and_keeps_the_demo(
    demo_engine, tmp_path, name, password, reason
):
    """A demo account's name, a short password or an unusable name stop the import
    before anything is written: the demo and its accounts stay."""
    before = _count(demo_engine, tables.measurement)
    with pytest.raises(FileImportError, match=reason):
        import_measurements(
            demo_engine,
            FIXTURES / "weekly_a.csv",
            rejects_dir=tmp_path,
            first_admin=accounts.FirstAdmin(name, password),
        )
    assert _count(demo_engine, tables.measurement) == before
    with demo_engine.connect() as conn:
        assert demo_data.holds_only_demo(conn)
        assert accounts.get_user(conn, "demo.admin") is not None


def test_a_demo_stopped_before_its_accounts_is_finished_by_building_it_again(ready_engine, tmp_path):
    """A first start stopped after the demo's imports but before its accounts leaves a
    database the sign-in page cannot be used with: it counts as unfinished, and
    building the demo again adds the accounts without storing any test twice."""
    with ready_engine.connect() as conn:
        assert not demo_data.unfinished(conn)  # empty: nothing begun
    demo.create_demo(ready_engine, tmp_path / "demo", staff=600, weeks=2, last_week="2026-W47")
    tests = _count(ready_engine, tables.measurement)
    with ready_engine.begin() as conn:
        assert not demo_data.unfinished(conn)
        conn.execute(tables.audit_event.delete())
        conn.execute(tables.app_user.delete())  # as if stopped before add_demo_accounts
    with ready_engine.connect() as conn:
        assert demo_data.unfinished(conn)
    demo.create_demo(ready_engine, tmp_path / "demo", staff=600, weeks=2, last_week="2026-W47")
    with ready_engine.connect() as conn:
        assert not demo_data.unfinished(conn)
    assert _count(ready_engine, tables.measurement) == tests
    assert _count(ready_engine, tables.app_user) == len(demo_data.DEMO_ACCOUNTS)
