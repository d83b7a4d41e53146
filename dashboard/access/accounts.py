"""Accounts, roles, sign-in, and the scope of what each account may see.

Three roles:

- ``admin``: the department's administrator: every page, imports, settings,
  accounts, the audit log, and contact lists in full.
- ``viewer``: the department's viewer: every page, contacts masked, no changes.
- ``agency``: an agency's user, tied to one agency: the province-wide aggregate
  pages and that agency's own staff, never another agency's people.

Passwords are hashed with argon2id (argon2-cffi) and never stored or logged in
clear. Repeated failed sign-ins for one user name are slowed: after
:data:`FREE_FAILURES` failures, each further attempt must wait, twice as long
each time, up to :data:`MAX_WAIT`; a successful sign-in resets the count. The
count is kept in the ``sign_in_throttle`` table and decided under a lock, so that
concurrent attempts cannot check more passwords than one after another would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

import argon2
import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection, Engine

from dashboard.access import audit
from dashboard.store import queries, tables

ROLES = ("admin", "viewer", "agency")
MIN_PASSWORD_LENGTH = 8
#: Failed sign-ins allowed before attempts are slowed.
FREE_FAILURES = 3
#: The first wait after the free failures, then doubled with each failure.
FIRST_WAIT = dt.timedelta(seconds=15)
MAX_WAIT = dt.timedelta(minutes=15)
#: A user name's failures are forgotten this long after the last one.
FAILURE_WINDOW = dt.timedelta(hours=1)

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,119}$")
_HASHER = argon2.PasswordHasher()


class AccountError(ValueError):
    """An account change that cannot be made; the message says why. ``label``, when
    set, names the message in the user's language (:mod:`dashboard.i18n`)."""

    def __init__(self, message: str, label: str | None = None) -> None:
        super().__init__(message)
        self.label = label


@dataclass(frozen=True)
class Scope:
    """Whose people a caller may see: every agency's (``agency_code`` None, the
    department) or one agency's. Core queries on people take a scope and filter
    by it in SQL, so that no page can show more than its reader may see."""

    agency_code: str | None = None

    @property
    def is_department(self) -> bool:
        """True for the department's scope (every agency)."""
        return self.agency_code is None


#: The department's scope: every agency. The command line works in it.
DEPARTMENT = Scope()


@dataclass(frozen=True)
class User:
    """A signed-in account."""

    username: str
    role: str
    agency_code: str | None = None
    display_name: str | None = None
    is_demo: bool = False

    @property
    def scope(self) -> Scope:
        """The people this user may see."""
        return Scope(self.agency_code) if self.role == "agency" else DEPARTMENT

    @property
    def is_admin(self) -> bool:
        """Administrators import, change settings and accounts, and see contacts in full."""
        return self.role == "admin"

    def contacts_in_full(self, agency_code: str | None = None) -> bool:
        """Whether this user may have the contacts (phones, e-mails) of the people of
        ``agency_code`` (None: tests nobody is linked to) in full, in a download or
        when asking to see them: administrators for anyone, an agency's user for
        that agency's own staff (to call them), viewers never. Screens show them
        masked (:func:`dashboard.reports.participation.mask`) unless asked."""
        if self.is_admin:
            return True
        return self.role == "agency" and agency_code is not None and agency_code == self.agency_code


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: the user, or why not (``wrong``,
    ``throttled`` with the seconds to wait, ``agency_gone``)."""

    user: User | None
    problem: str | None = None
    wait_seconds: int = 0


def normalise_username(username: str) -> str:
    """A user name as stored: trimmed, lower case; AccountError if unusable."""
    name = (username or "").strip().lower()
    if not _USERNAME.match(name):
        raise AccountError(
            f"not a usable user name: {username!r} (2-120 letters, digits or . _ @ + -)", label="username_unusable"
        )
    return name


def get_user(conn: Connection, username: str) -> User | None:
    """The account ``username``, or None."""
    row = conn.execute(select(tables.app_user).where(tables.app_user.c.username == username.strip().lower())).first()
    if row is None:
        return None
    return User(row.username, row.role, row.agency_code, row.display_name, bool(row.is_demo))


def agency_name(conn: Connection, agency_code: str | None) -> str | None:
    """The name of an agency (None when there is no such agency)."""
    return conn.execute(select(tables.agency.c.name).where(tables.agency.c.agency_code == agency_code)).scalar()


def list_users(conn: Connection) -> pd.DataFrame:
    """Every account: username, display_name, role, agency_code, agency_name,
    has_password, is_demo, created_at, updated_at. Never the hashes."""
    users = queries.run(conn, "app_users")
    for column in ("created_at", "updated_at"):
        users[column] = pd.to_datetime(users[column])
    users[["has_password", "is_demo"]] = users[["has_password", "is_demo"]].astype(bool)
    return users


def add_user(
    conn: Connection,
    username: str,
    role: str,
    password: str | None,
    *,
    agency_code: str | None = None,
    display_name: str | None = None,
    actor: str | None = None,
    is_demo: bool = False,
) -> User:
    """Create an account. ``password`` None makes an account that can only sign in
    through the department's OpenID Connect provider (its user name is the e-mail)."""
    name = normalise_username(username)
    if get_user(conn, name) is not None:
        raise AccountError(f"the account {name!r} already exists")
    agency_code = _checked_role(conn, role, agency_code)
    now = audit.now_utc()
    conn.execute(
        tables.app_user.insert().values(
            username=name,
            display_name=display_name,
            role=role,
            agency_code=agency_code,
            password_hash=None if password is None else _hash(password),
            is_demo=is_demo,
            created_at=now,
            updated_at=now,
        )
    )
    audit.record(conn, actor, "user_added", _describe(name, role, agency_code))
    return User(name, role, agency_code, display_name, is_demo)


@dataclass(frozen=True)
class FirstAdmin:
    """The first real administrator, created by the import that replaces the demo
    campaign (and its accounts) in the same transaction: whoever imports as a demo
    account stays signed in, as this one."""

    username: str
    password: str

    def checked(self, conn: Connection) -> FirstAdmin:
        """This account with its name as stored; AccountError when the name or the
        password is unusable, the name is a demo account's, or a real account has it."""
        name = normalise_username(self.username)
        check_password(self.password)
        existing = get_user(conn, name)
        if existing is not None:
            if existing.is_demo:
                raise AccountError(
                    f"{name!r} is a demo account, removed with the demo; choose another name", label="account_is_demo"
                )
            raise AccountError(f"the account {name!r} already exists", label="account_exists")
        return FirstAdmin(name, self.password)

    def statements(self) -> list:
        """The statements that add the account and log it, for the import's transaction
        (run after the demo's accounts are removed). Call :meth:`checked` first."""
        now = audit.now_utc()
        return [
            tables.app_user.insert().values(
                username=self.username,
                role="admin",
                password_hash=_hash(self.password),
                is_demo=False,
                created_at=now,
                updated_at=now,
            ),
            audit.event(self.username, "user_added", _describe(self.username, "admin", None)),
        ]


def remove_user(conn: Connection, username: str, *, actor: str | None = None) -> None:
    """Delete an account. Nobody removes the account they are signed in with
    (``actor``), and the last administrator cannot be removed."""
    user = _existing(conn, username)
    if actor is not None and actor.strip().lower() == user.username:
        raise AccountError("you cannot remove the account you are signed in with", label="remove_self")
    if user.role == "admin" and _admin_count(conn) == 1:
        raise AccountError(f"{user.username!r} is the last administrator; add another one first")
    conn.execute(delete(tables.app_user).where(tables.app_user.c.username == user.username))
    audit.record(conn, actor, "user_removed", user.username)


def set_role(
    conn: Connection, username: str, role: str, *, agency_code: str | None = None, actor: str | None = None
) -> User:
    """Change an account's role (and agency); the last administrator keeps the role."""
    user = _existing(conn, username)
    agency_code = _checked_role(conn, role, agency_code)
    if user.role == "admin" and role != "admin" and _admin_count(conn) == 1:
        raise AccountError(f"{user.username!r} is the last administrator; add another one first")
    conn.execute(
        update(tables.app_user)
        .where(tables.app_user.c.username == user.username)
        .values(role=role, agency_code=agency_code, updated_at=audit.now_utc())
    )
    audit.record(conn, actor, "role_changed", _describe(user.username, role, agency_code))
    return User(user.username, role, agency_code, user.display_name, user.is_demo)


def set_password(conn: Connection, username: str, password: str, *, actor: str | None = None) -> None:
    """Give an account a new password."""
    user = _existing(conn, username)
    conn.execute(
        update(tables.app_user)
        .where(tables.app_user.c.username == user.username)
        .values(password_hash=_hash(password), updated_at=audit.now_utc())
    )
    audit.record(conn, actor, "password_changed", user.username)


def sign_in(database: Engine | Connection, username: str, password: str, now: dt.datetime | None = None) -> SignIn:
    """Check a user name and password, slowing repeated failures; every attempt is
    written to the audit log.

    Give it the engine: the attempt is first counted as a failure in a short locked
    transaction, so that a burst of attempts checks no more than
    :data:`FREE_FAILURES` passwords before the wait starts; the slow password check
    runs after it, outside any lock, and a success clears the count. Given a
    connection, every step runs in the caller's transaction instead (scripts and
    tests, not concurrent attempts).

    A user name that is no account is slowed and answered in the same way, and
    logged as unknown, without the text typed (it may be a password).
    """
    now = now or audit.now_utc()
    name = (username or "").strip().lower()
    key = _throttle_key(name)
    with _transaction(database) as conn:
        account = conn.execute(
            select(tables.app_user.c.username, tables.app_user.c.password_hash).where(
                tables.app_user.c.username == name
            )
        ).first()
        logged_as = account.username if account else None
        wait = _reserve(conn, key, now)
        if wait:
            audit.record(conn, logged_as, "sign_in_throttled", _detail(logged_as, f"wait {wait} s"), at=now)
            return SignIn(None, "throttled", wait)
    stored = account.password_hash if account else None
    right = _verify(stored, password or "")
    with _transaction(database) as conn:
        _forget_old_failures(conn, now)
        user = get_user(conn, name) if right else None  # None too if removed meanwhile
        if user is None:
            audit.record(conn, logged_as, "sign_in_failed", _detail(logged_as), at=now)
            return SignIn(None, "wrong", seconds_to_wait(conn, name, now))
        if user.role == "agency" and not _agency_exists(conn, user.agency_code):
            audit.record(conn, name, "sign_in_failed", f"agency {user.agency_code} no longer exists", at=now)
            return SignIn(None, "agency_gone")
        conn.execute(delete(tables.sign_in_throttle).where(tables.sign_in_throttle.c.name_key == key))
        assert stored is not None  # _verify is never right without a stored hash
        if _HASHER.check_needs_rehash(stored):  # argon2's recommended parameters have changed
            conn.execute(
                update(tables.app_user).where(tables.app_user.c.username == name).values(password_hash=_hash(password))
            )
        audit.record(conn, name, "sign_in", at=now)
    return SignIn(user)


def seconds_to_wait(conn: Connection, username: str, now: dt.datetime) -> int:
    """How long ``username`` (as typed) must wait before the next attempt (0: no wait)."""
    throttle = tables.sign_in_throttle.c
    row = conn.execute(
        select(throttle.failures, throttle.last_failure_at).where(throttle.name_key == _throttle_key(username))
    ).first()
    return 0 if row is None else _wait(row.failures, row.last_failure_at, now)


def user_for_email(conn: Connection, email: str | None) -> User | None:
    """The account for someone signed in through the OpenID Connect provider: the
    account whose user name is their e-mail. None for a stranger."""
    if not email:
        return None
    user = get_user(conn, email)
    if user is None or (user.role == "agency" and not _agency_exists(conn, user.agency_code)):
        return None
    return user


def check_password(password: str) -> None:
    """AccountError unless ``password`` is long enough to be used."""
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", label="password_too_short")


def _hash(password: str) -> str:
    check_password(password)
    return _HASHER.hash(password)


@cache
def _dummy_hash() -> str:
    return _HASHER.hash("no account has this password")


def _throttle_key(name: str) -> str:
    # The throttle table keys every name by a hash, so that it never holds the
    # text typed; its rows go an hour after their last failure.
    return hashlib.sha256(name.strip().lower().encode("utf-8")).hexdigest()


def _detail(account: str | None, wait: str = "") -> str:
    # A name typed that is no account may be a password: it is never logged.
    return "; ".join(part for part in ("" if account else "unknown user name", wait) if part)


@contextmanager
def _transaction(database: Engine | Connection):
    if isinstance(database, Connection):
        yield database  # the caller's transaction
        return
    with database.connect() as conn:
        # SQLite: BEGIN IMMEDIATE, so that the count is read and written under the
        # write lock, and a busy database is waited for instead of failing.
        conn.execution_options(sqlite_immediate=True)
        with conn.begin():
            yield conn


def _reserve(conn: Connection, key: str, now: dt.datetime) -> int:
    # Under the row's lock: the seconds to wait, or 0 after counting this attempt as
    # a failure until its password proves right.
    row = conn.execute(queries.sql("sign_in_throttle"), {"name_key": key}).one()
    last = None if row.last_failure_at is None else pd.Timestamp(row.last_failure_at).to_pydatetime()
    failures = row.failures if last is not None and now - last <= FAILURE_WINDOW else 0
    wait = _wait(failures, last, now)
    if not wait:
        conn.execute(
            update(tables.sign_in_throttle)
            .where(tables.sign_in_throttle.c.name_key == key)
            .values(failures=failures + 1, last_failure_at=now)
        )
    return wait


def _wait(failures: int, last_failure_at: dt.datetime | None, now: dt.datetime) -> int:
    if failures < FREE_FAILURES or last_failure_at is None or now - last_failure_at > FAILURE_WINDOW:
        return 0
    doublings = min(failures - FREE_FAILURES, 16)  # the wait is capped long before; no overflow
    wait = min(FIRST_WAIT * 2**doublings, MAX_WAIT)
    return max(0, math.ceil((last_failure_at + wait - now).total_seconds()))


def _forget_old_failures(conn: Connection, now: dt.datetime) -> None:
    # One statement in a transaction that locks no other throttle row before it, so
    # that it cannot deadlock with a concurrent attempt.
    conn.execute(
        delete(tables.sign_in_throttle).where(tables.sign_in_throttle.c.last_failure_at < now - FAILURE_WINDOW)
    )


def _verify(stored: str | None, password: str) -> bool:
    # An unknown account (or one without a password) is checked against a dummy
    # hash, so the time taken does not tell which user names exist.
    try:
        return _HASHER.verify(stored or _dummy_hash(), password) and stored is not None
    except argon2.exceptions.VerificationError:
        return False
    except argon2.exceptions.InvalidHashError:
        return False


def _existing(conn: Connection, username: str) -> User:
    user = get_user(conn, username or "")
    if user is None:
        raise AccountError(f"no account named {username!r}")
    return user


def _checked_role(conn: Connection, role: str, agency_code: str | None) -> str | None:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    if role != "agency":
        if agency_code:
            raise AccountError(f"only an agency user is tied to an agency, not a {role}")
        return None
    code = (agency_code or "").strip()
    if not code:
        raise AccountError("an agency user needs the code of their agency (--agency)")
    if not _agency_exists(conn, code):
        raise AccountError(f"no agency with the code {code!r}")
    return code


def _agency_exists(conn: Connection, agency_code: str | None) -> bool:
    agency = tables.agency
    return (
        agency_code is not None
        and conn.execute(select(func.count()).where(agency.c.agency_code == agency_code)).scalar_one() > 0
    )


def _admin_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).where(tables.app_user.c.role == "admin")).scalar_one()


def _describe(username: str, role: str, agency_code: str | None) -> str:
    return f"{username}: {role}" + (f" of {agency_code}" if agency_code else "")


_DESCRIBED = re.compile(r"^(?P<user>[^:\s]+): (?P<role>admin|viewer|agency)(?: of (?P<agency>\S+))?$")


def readable_detail(detail: str, role_name: Callable[[str], str]) -> str:
    """An account's audit detail ("chief: agency of SKHCN", as :func:`_describe`
    writes it) with the role in the reader's words ("chief: Cơ quan, đơn vị
    (SKHCN)"); any other detail unchanged."""
    match = _DESCRIBED.match(detail or "")
    if not match:
        return detail
    agency = f" ({match['agency']})" if match["agency"] else ""
    return f"{match['user']}: {role_name(match['role'])}{agency}"
