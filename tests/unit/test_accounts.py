"""Accounts: roles, password hashing, sign-in with slowed repeated failures, and
the audit log (both databases)."""

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import select

from dashboard.access import accounts, audit, sign_in
from dashboard.access.accounts import AccountError
from dashboard.store import migrations, tables
from tests.support.handmade_campaign import fill

NOW = dt.datetime(2026, 11, 24, 8, 0, 0)


@pytest.fixture
def campaign(ready_engine, tmp_path):
    fill(ready_engine, tmp_path)
    with ready_engine.begin() as conn:
        accounts.add_user(conn, "Admin", "admin", "correct horse", actor="cli:root")
        accounts.add_user(conn, "skhcn", "agency", "battery staple", agency_code="SKHCN", actor="admin")
    return ready_engine


def test_passwords_are_hashed_with_argon2_never_stored_in_clear(campaign):
    """Passwords are stored only as Argon2id hashes, never in clear nor in the audit log; user names are stored in lower
    case and each account added is logged."""
    with campaign.connect() as conn:
        hashes = dict(conn.execute(select(tables.app_user.c.username, tables.app_user.c.password_hash)).all())
        log = audit.events(conn)
    assert set(hashes) == {"admin", "skhcn"}  # user names are stored in lower case
    assert all(h.startswith("$argon2id$") for h in hashes.values())
    assert not any("correct horse" in h or "battery staple" in h for h in hashes.values())
    assert not log["detail"].str.contains("horse|staple").any()
    assert list(log["action"]) == ["user_added", "user_added"]


def test_sign_in_gives_the_user_and_its_scope(campaign):
    """Signing in, with the user name in any case and with spaces around it, gives the account and its scope: an agency
    user's own agency, an administrator the whole department."""
    with campaign.begin() as conn:
        result = sign_in.sign_in(conn, " SKHCN ", "battery staple", NOW)
        admin = sign_in.sign_in(conn, "admin", "correct horse", NOW).user
    assert result.problem is None
    assert (result.user.role, result.user.scope.agency_code) == ("agency", "SKHCN")
    assert admin.is_admin and admin.scope.is_department


def test_a_wrong_password_or_unknown_user_is_refused_and_logged(campaign):
    """A wrong password and an unknown user name are refused alike and logged; the
    unknown name is logged as unknown, not as typed."""
    with campaign.begin() as conn:
        assert sign_in.sign_in(conn, "admin", "wrong password", NOW).problem == "wrong"
        assert sign_in.sign_in(conn, "nobody", "correct horse", NOW).problem == "wrong"
        assert sign_in.sign_in(conn, "admin", "", NOW).problem == "wrong"
    with campaign.connect() as conn:
        failed = audit.events(conn, action="sign_in_failed")
    assert sorted(failed["username"].fillna("?")) == ["?", "admin", "admin"]
    unknown = failed["detail"][failed["username"].isna()]
    assert [audit.readable(detail, "vi") for detail in unknown] == ["Tên đăng nhập không tồn tại"]


def test_repeated_failures_are_slowed_then_a_success_resets_them(campaign):
    """After the free failures an account must wait, even the right password being refused meanwhile, each further
    failure doubles the wait, and a success starts the count again; other accounts are never slowed."""
    with campaign.begin() as conn:
        for n in range(sign_in.FREE_FAILURES - 1):
            assert sign_in.sign_in(conn, "admin", "guess", NOW + dt.timedelta(seconds=n)).wait_seconds == 0
        last_free = NOW + dt.timedelta(seconds=10)
        result = sign_in.sign_in(conn, "admin", "guess", last_free)
        assert (result.problem, result.wait_seconds) == ("wrong", 15)
        # Even the right password is not checked while the account must wait.
        held = sign_in.sign_in(conn, "admin", "correct horse", last_free + dt.timedelta(seconds=5))
        assert (held.problem, held.wait_seconds) == ("throttled", 10)
        # After the wait one more failure doubles it.
        later = last_free + dt.timedelta(seconds=16)
        assert sign_in.sign_in(conn, "admin", "guess", later).wait_seconds == 30
        assert sign_in.sign_in(conn, "admin", "correct horse", later + dt.timedelta(seconds=31)).user is not None
        # A success starts the count again; other accounts were never slowed.
        assert sign_in.seconds_to_wait(conn, "admin", later + dt.timedelta(seconds=32)) == 0
        assert sign_in.sign_in(conn, "skhcn", "battery staple", later).user is not None
        assert not audit.events(conn, action="sign_in_throttled").empty


def test_waits_are_capped_and_old_failures_forgotten(campaign):
    """The wait doubles up to MAX_WAIT; an hour after the last failure the count
    starts again."""
    with campaign.begin() as conn:
        at = NOW
        for _ in range(10):  # ten failures, each after its wait: 15 s x 2^7 would be over half an hour
            result = sign_in.sign_in(conn, "admin", "guess", at)
            assert result.problem == "wrong"
            last, at = at, at + dt.timedelta(seconds=result.wait_seconds)
        assert result.wait_seconds == sign_in.MAX_WAIT.total_seconds()
        assert sign_in.seconds_to_wait(conn, "admin", last + sign_in.MAX_WAIT) == 0
        assert sign_in.sign_in(conn, "admin", "guess", last + dt.timedelta(minutes=20)).wait_seconds == 900
        # An hour after the last failure the count starts again.
        forgotten = last + dt.timedelta(minutes=20) + sign_in.FAILURE_WINDOW + dt.timedelta(seconds=1)
        assert sign_in.sign_in(conn, "admin", "guess", forgotten).wait_seconds == 0


def test_account_changes_are_checked(campaign):
    """An account cannot be added with a taken name, a short password, an unknown role or an unsuitable agency, nor can
    the last administrator be removed or demoted; allowed changes of role and password take effect and are logged."""
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
        assert sign_in.sign_in(conn, "skhcn", "battery staple", NOW).user is None
        user = sign_in.sign_in(conn, "skhcn", "new password", NOW).user
        assert user.scope.is_department
        accounts.remove_user(conn, "skhcn", actor="admin")
        assert accounts.get_user(conn, "skhcn") is None
        actions = list(audit.events(conn, username="admin")["action"])
    assert {"role_changed", "password_changed", "user_removed"} <= set(actions)


def test_nobody_removes_the_account_they_are_signed_in_with(campaign):
    """The rule is the domain's, not a page's: removing one's own account is refused
    (whatever the case typed) with a message the pages show in the reader's language,
    and the account stays; another administrator may remove it."""
    with campaign.begin() as conn:
        accounts.add_user(conn, "second", "admin", "long enough", actor="admin")
    with campaign.begin() as conn, pytest.raises(AccountError, match="signed in with") as refused:
        accounts.remove_user(conn, "second", actor="Second")
    assert refused.value.label == "remove_self"
    with campaign.begin() as conn:
        assert accounts.get_user(conn, "second") is not None
        accounts.remove_user(conn, "second", actor="admin")
        assert accounts.get_user(conn, "second") is None


def test_contacts_in_full_for_administrators_and_an_agency_for_its_own_staff():
    """Phones and e-mails in full: administrators for anyone; an agency's user for
    that agency's own staff only (to call them), never another agency's nor the tests
    that matched nobody; viewers never."""
    admin = accounts.User("a", "admin")
    viewer = accounts.User("v", "viewer")
    agency = accounts.User("g", "agency", agency_code="SKHCN")
    assert admin.contacts_in_full("SKHCN") and admin.contacts_in_full()
    assert not viewer.contacts_in_full("SKHCN") and not viewer.contacts_in_full()
    assert agency.contacts_in_full("SKHCN")
    assert not agency.contacts_in_full("UBND-DK") and not agency.contacts_in_full()


def test_an_agency_user_whose_agency_is_gone_cannot_sign_in(campaign):
    """An agency user whose agency is no longer on the roster is refused at sign-in with that reason."""
    with campaign.begin() as conn:
        conn.execute(tables.staff_membership.delete().where(tables.staff_membership.c.agency_code == "SKHCN"))
        conn.execute(tables.agency.delete().where(tables.agency.c.agency_code == "SKHCN"))
        assert sign_in.sign_in(conn, "skhcn", "battery staple", NOW).problem == "agency_gone"


def test_single_sign_on_maps_an_email_to_its_account(campaign):
    """Single sign-on finds the account for an email whatever its case, and none for a stranger; an account without a
    password cannot sign in with one."""
    with campaign.begin() as conn:
        accounts.add_user(conn, "An.Nguyen@LaiChau.gov.vn", "viewer", None)
        assert accounts.user_for_email(conn, "an.nguyen@laichau.gov.vn").role == "viewer"
        assert accounts.user_for_email(conn, "stranger@example.com") is None
        # An account without a password can only sign in through the provider.
        assert sign_in.sign_in(conn, "an.nguyen@laichau.gov.vn", "", NOW).user is None


@pytest.mark.parametrize("username", ["admin", "not.an.account"])
def test_a_burst_of_sign_ins_checks_no_more_than_the_free_failures(campaign, monkeypatch, username):
    """Eight attempts on one user name at once, seven wrong passwords then the right
    one, each on its own connection: at most FREE_FAILURES wrong passwords are
    checked before the wait starts, nothing fails on a busy database, and every
    attempt is in the audit log. An unknown user name is slowed the same way."""
    checked = []
    verify = sign_in._verify

    def slow_counting_verify(stored, password):
        checked.append(password)
        time.sleep(0.2)  # a slow check: every attempt starts before any ends, as in a real burst
        return verify(stored, password)

    monkeypatch.setattr(sign_in, "_verify", slow_counting_verify)
    passwords = [f"guess {n}" for n in range(7)] + ["correct horse"]
    start = threading.Barrier(len(passwords))
    results, errors = [], []

    def attempt(password):
        start.wait()
        try:
            results.append(sign_in.sign_in(campaign, username, password))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=attempt, args=(password,)) for password in passwords]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    wrong = [p for p in checked if username != "admin" or p != "correct horse"]
    assert len(wrong) <= sign_in.FREE_FAILURES
    assert len(checked) <= sign_in.FREE_FAILURES  # every attempt was counted before any check ended
    with campaign.connect() as conn:
        log = audit.events(conn)
    attempts = log[log["action"].str.startswith("sign_in")]
    assert len(attempts) == len(passwords)
    assert sorted(attempts["action"]) == sorted(
        {"wrong": "sign_in_failed", "throttled": "sign_in_throttled", None: "sign_in"}[r.problem] for r in results
    )
    assert (attempts["action"] == "sign_in_failed").sum() == len(wrong)
    assert set(attempts["username"].fillna("?")) == ({"admin"} if username == "admin" else {"?"})


def test_a_password_typed_as_the_user_name_is_never_stored(campaign):
    """A user name that is no account (here the password, typed in the wrong field)
    is slowed like an account, and stored nowhere: neither in the audit log nor in
    the table that counts failures."""
    with campaign.begin() as conn:
        problems = [
            sign_in.sign_in(conn, "Correct Horse", "", NOW + dt.timedelta(seconds=n)).problem
            for n in range(sign_in.FREE_FAILURES + 1)
        ]
        stored = [conn.execute(select(table)).all() for table in (tables.audit_event, tables.sign_in_throttle)]
    assert problems == ["wrong"] * sign_in.FREE_FAILURES + ["throttled"]
    assert "horse" not in repr(stored).lower()
    assert stored[1] and len(stored[1]) == 1  # counted, under a hash of the name


def test_migration_forgets_the_unknown_user_names_logged_before(ready_engine):
    """Step 7 removes from the audit log the names typed at sign-in that were never
    an account (they may be passwords), and keeps those of accounts, even removed ones."""
    with ready_engine.begin() as conn:
        accounts.add_user(conn, "kept", "viewer", "long enough")
        accounts.add_user(conn, "gone_1", "viewer", "long enough")
        accounts.remove_user(conn, "gone_1")
        for name in ("kept", "gone_1", "my secret pw"):
            audit.record(conn, name, "sign_in_failed", at=NOW)
        audit.record(conn, "my secret pw", "sign_in_throttled", "wait 15 s", at=NOW)
        tables.sign_in_throttle.drop(conn)
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=6))
    assert migrations.migrate(ready_engine) == migrations.SCHEMA_VERSION
    with ready_engine.connect() as conn:
        failed = audit.events(conn)
    failed = failed[failed["action"].isin(["sign_in_failed", "sign_in_throttled"])]
    assert sorted(failed["username"].fillna("?")) == ["?", "?", "gone_1", "kept"]
    assert not failed["detail"].str.contains("secret").any()
