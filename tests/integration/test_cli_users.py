"""`python -m dashboard users …`, run as a user runs it (in a subprocess)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.support.cli import FIXTURES, assert_one_line_error, dashboard


@pytest.fixture
def db(tmp_path):
    """A database with the test roster (agencies SKHCN and UBND-DK, among others)."""
    path = tmp_path / "users.sqlite"
    result = dashboard(
        "import-roster",
        str(FIXTURES / "agencies.csv"),
        str(FIXTURES / "staff.csv"),
        "--rejects-dir",
        str(tmp_path),
        database=path,
    )
    assert result.returncode == 0, result.stderr
    return path


def _agency_code(db) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("select agency_code from agency order by agency_code limit 1").fetchone()[0]


def test_first_administrator_then_an_agency_user(db):
    """With no account the command says how to add the first administrator; accounts added with a password from standard
    input are listed with their role, stored as Argon2id hashes and logged under the command line, with no password in
    the log."""
    empty = dashboard("users", "list", database=db)
    assert "users add NAME --role admin" in empty.stdout
    added = dashboard(
        "users", "add", "Chief", "--role", "admin", "--password-stdin", database=db, stdin_text="a long secret\n"
    )
    assert added.returncode == 0 and added.stdout.strip() == "added chief (admin)", added.stderr
    code = _agency_code(db)
    agency = dashboard(
        "users",
        "add",
        "so.x",
        "--role",
        "agency",
        "--agency",
        code,
        "--password-stdin",
        database=db,
        stdin_text="another secret\n",
    )
    assert agency.returncode == 0, agency.stderr
    listing = dashboard("users", "list", database=db).stdout
    assert "chief" in listing and f"agency of {code}" in listing
    with sqlite3.connect(db) as conn:
        hashes = [row[0] for row in conn.execute("select password_hash from app_user")]
        log = conn.execute("select username, action, detail from audit_event").fetchall()
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert [action for _, action, _ in log] == ["user_added", "user_added"]
    assert all(user.startswith("cli") for user, _, _ in log)
    assert not any("secret" in (detail or "") for _, _, detail in log)
    shown = dashboard("users", "log", database=db).stdout
    assert "user_added" in shown and "secret" not in shown


def test_changes_and_their_refusals(db):
    """Roles and passwords can be changed and accounts removed on the command line, while removing or demoting the last
    administrator, a missing or unknown agency, a short password, a taken name, or a password without a terminal or
    ``--password-stdin`` are refused with one error line."""
    dashboard("users", "add", "chief", "--role", "admin", "--password-stdin", database=db, stdin_text="long secret\n")
    code = _agency_code(db)
    assert dashboard("users", "add", "vi", "--role", "viewer", "--no-password", database=db).returncode == 0
    moved = dashboard("users", "set-role", "vi", "--role", "agency", "--agency", code, database=db)
    assert moved.stdout.strip() == f"vi is now agency of {code}"
    assert (
        dashboard(
            "users", "set-password", "vi", "--password-stdin", database=db, stdin_text="fresh password\n"
        ).returncode
        == 0
    )
    assert_one_line_error(dashboard("users", "remove", "chief", database=db), "last administrator")
    assert_one_line_error(
        dashboard("users", "set-role", "chief", "--role", "viewer", database=db), "last administrator"
    )
    assert_one_line_error(dashboard("users", "add", "xx", "--role", "agency", "--no-password", database=db), "--agency")
    assert_one_line_error(
        dashboard("users", "add", "xx", "--role", "agency", "--agency", "NOPE", "--no-password", database=db),
        "no agency",
    )
    assert_one_line_error(
        dashboard("users", "add", "xx", "--role", "viewer", "--password-stdin", database=db, stdin_text="short\n"),
        "at least 8",
    )
    assert_one_line_error(
        dashboard("users", "add", "CHIEF", "--role", "viewer", "--no-password", database=db), "already exists"
    )
    # Without a terminal and without --password-stdin, nothing is asked and nothing stored.
    assert_one_line_error(dashboard("users", "add", "yy", "--role", "viewer", database=db), "--password-stdin")
    assert dashboard("users", "remove", "vi", database=db).returncode == 0
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("select username from app_user")] == ["chief"]
