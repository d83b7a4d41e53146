"""Accounts: roles, password hashing, sign-in with slowed repeated failures, and
the audit log (both databases)."""

import datetime as dt

import pytest
from handmade_campaign import fill
from sqlalchemy import select

from dashboard.campaign import accounts, audit, store
from dashboard.campaign.accounts import AccountError

NOW = dt.datetime(2026, 11, 24, 8, 0, 0)


@pytest.fixture
def campaign(ready_engine, tmp_path):
    fill(ready_engine, tmp_path)
    with ready_engine.begin() as conn:
        accounts.add_user(conn, "Admin", "admin", "correct horse", actor="cli:root")
        accounts.add_user(conn, "skhcn", "agency", "battery staple", agency_code="SKHCN", actor="admin")
    return ready_engine


def test_passwords_are_hashed_with_argon2_never_stored_in_clear(campaign):
    with campaign.connect() as conn:
        hashes = dict(conn.execute(select(store.app_user.c.username, store.app_user.c.password_hash)).all())
        log = audit.events(conn)
    assert set(hashes) == {"admin", "skhcn"}  # user names are stored in lower case
    assert all(h.startswith("$argon2id$") for h in hashes.values())
    assert not any("correct horse" in h or "battery staple" in h for h in hashes.values())
    assert not log["detail"].str.contains("horse|staple").any()
    assert list(log["action"]) == ["user_added", "user_added"]


def test_sign_in_gives_the_user_and_its_scope(campaign):
    with campaign.begin() as conn:
        result = accounts.sign_in(conn, " SKHCN ", "battery staple", NOW)
        admin = accounts.sign_in(conn, "admin", "correct horse", NOW).user
    assert result.problem is None
    assert (result.user.role, result.user.scope.agency_code) == ("agency", "SKHCN")
    assert admin.is_admin and admin.scope.is_department


def test_a_wrong_password_or_unknown_user_is_refused_and_logged(campaign):
    with campaign.begin() as conn:
        assert accounts.sign_in(conn, "admin", "wrong password", NOW).problem == "wrong"
        assert accounts.sign_in(conn, "nobody", "correct horse", NOW).problem == "wrong"
        assert accounts.sign_in(conn, "admin", "", NOW).problem == "wrong"
    with campaign.connect() as conn:
        failed = audit.events(conn, action="sign_in_failed")
    assert sorted(failed["username"]) == ["admin", "admin", "nobody"]


def test_repeated_failures_are_slowed_then_a_success_resets_them(campaign):
    with campaign.begin() as conn:
        for n in range(accounts.FREE_FAILURES - 1):
            assert accounts.sign_in(conn, "admin", "guess", NOW + dt.timedelta(seconds=n)).wait_seconds == 0
        last_free = NOW + dt.timedelta(seconds=10)
        result = accounts.sign_in(conn, "admin", "guess", last_free)
        assert (result.problem, result.wait_seconds) == ("wrong", 15)
        # Even the right password is not checked while the account must wait.
        held = accounts.sign_in(conn, "admin", "correct horse", last_free + dt.timedelta(seconds=5))
        assert (held.problem, held.wait_seconds) == ("throttled", 10)
        # After the wait one more failure doubles it.
        later = last_free + dt.timedelta(seconds=16)
        assert accounts.sign_in(conn, "admin", "guess", later).wait_seconds == 30
        assert accounts.sign_in(conn, "admin", "correct horse", later + dt.timedelta(seconds=31)).user is not None
        # A success starts the count again; other accounts were never slowed.
        assert accounts.seconds_to_wait(conn, "admin", later + dt.timedelta(seconds=32)) == 0
        assert accounts.sign_in(conn, "skhcn", "battery staple", later).user is not None
        assert not audit.events(conn, action="sign_in_throttled").empty


def test_waits_are_capped_and_old_failures_forgotten(campaign):
    with campaign.begin() as conn:
        for n in range(10):  # ten failures in ten minutes: 15 s x 2^7 would be over half an hour
            audit.record(conn, "admin", "sign_in_failed", at=NOW + dt.timedelta(minutes=n))
        last = NOW + dt.timedelta(minutes=9)
        assert accounts.seconds_to_wait(conn, "admin", last) == accounts.MAX_WAIT.total_seconds()
        assert accounts.seconds_to_wait(conn, "admin", last + accounts.MAX_WAIT) == 0
        # An hour after the first failures only the later ones count.
        assert accounts.seconds_to_wait(conn, "admin", NOW + accounts.FAILURE_WINDOW + dt.timedelta(minutes=9)) == 0


def test_account_changes_are_checked(campaign):
    with campaign.begin() as conn:
        with pytest.raises(AccountError, match="already exists"):
            accounts.add_user(conn, "ADMIN", "viewer", "long enough")
        with pytest.raises(AccountError, match="at least 8"):
            accounts.add_user(conn, "short", "viewer", "abc")
        with pytest.raises(AccountError, match="unknown role"):
            accounts.add_user(conn, "boss", "owner", "long enough")
        with pytest.raises(AccountError, match="no agency"):
            accounts.add_user(conn, "x1", "agency", "long enough", agency_code="NOPE")
        with pytest.raises(AccountError, match="needs the code"):
            accounts.add_user(conn, "x2", "agency", "long enough")
        with pytest.raises(AccountError, match="only an agency user"):
            accounts.add_user(conn, "x3", "viewer", "long enough", agency_code="SKHCN")
        with pytest.raises(AccountError, match="user name"):
            accounts.add_user(conn, "a b", "viewer", "long enough")
        with pytest.raises(AccountError, match="last administrator"):
            accounts.remove_user(conn, "admin")
        with pytest.raises(AccountError, match="last administrator"):
            accounts.set_role(conn, "admin", "viewer")
        with pytest.raises(AccountError, match="no account"):
            accounts.set_password(conn, "ghost", "long enough")
    with campaign.begin() as conn:
        accounts.set_role(conn, "skhcn", "viewer", actor="admin")
        accounts.set_password(conn, "skhcn", "new password", actor="admin")
        assert accounts.sign_in(conn, "skhcn", "battery staple", NOW).user is None
        user = accounts.sign_in(conn, "skhcn", "new password", NOW).user
        assert user.scope.is_department
        accounts.remove_user(conn, "skhcn", actor="admin")
        assert accounts.get_user(conn, "skhcn") is None
        actions = list(audit.events(conn, username="admin")["action"])
    assert {"role_changed", "password_changed", "user_removed"} <= set(actions)


def test_an_agency_user_whose_agency_is_gone_cannot_sign_in(campaign):
    with campaign.begin() as conn:
        conn.execute(store.staff_membership.delete().where(store.staff_membership.c.agency_code == "SKHCN"))
        conn.execute(store.agency.delete().where(store.agency.c.agency_code == "SKHCN"))
        assert accounts.sign_in(conn, "skhcn", "battery staple", NOW).problem == "agency_gone"


def test_single_sign_on_maps_an_email_to_its_account(campaign):
    with campaign.begin() as conn:
        accounts.add_user(conn, "An.Nguyen@LaiChau.gov.vn", "viewer", None)
        assert accounts.user_for_email(conn, "an.nguyen@laichau.gov.vn").role == "viewer"
        assert accounts.user_for_email(conn, "stranger@example.com") is None
        # An account without a password can only sign in through the provider.
        assert accounts.sign_in(conn, "an.nguyen@laichau.gov.vn", "", NOW).user is None
