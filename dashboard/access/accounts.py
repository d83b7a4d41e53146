"""Accounts, roles, and the scope of what each account may see.

Three roles:

- ``admin``: the department's administrator: every page, imports, settings,
  accounts, the audit log, and contact lists in full.
- ``viewer``: the department's viewer: every page, contacts masked, no changes.
- ``agency``: an agency's user, tied to one agency: the province-wide aggregate
  pages and that agency's own staff, never another agency's people.

Passwords are hashed with argon2id (argon2-cffi) and never stored or logged in
clear. Signing in, and the slowing of repeated failures, is
:mod:`dashboard.access.sign_in`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import argon2
import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from dashboard import i18n
from dashboard.access import audit
from dashboard.store import queries, tables

ROLES = ("admin", "viewer", "agency")
MIN_PASSWORD_LENGTH = 8
#: Argon2id with argon2-cffi's recommended parameters: hashes every password, and
#: checks them at sign-in (:mod:`dashboard.access.sign_in`).
HASHER = argon2.PasswordHasher()

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,119}$")


class AccountError(ValueError):
    """An account change that cannot be made; the message says why. ``label``, when
    set, names the message in the user's language (:mod:`dashboard.i18n`)."""

    def __init__(self, message: str, label: str | None = None) -> None:
        super().__init__(message)
        self.label = label

    def text(self, language: str) -> str:
        """The reason in ``language``: its label, else the message as it is."""
        if not self.label:
            return str(self)
        return i18n.label(self.label, language).format(n=MIN_PASSWORD_LENGTH)


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
            password_hash=None if password is None else hash_password(password),
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
                password_hash=hash_password(self.password),
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
        .values(password_hash=hash_password(password), updated_at=audit.now_utc())
    )
    audit.record(conn, actor, "password_changed", user.username)


def user_for_email(conn: Connection, email: str | None) -> User | None:
    """The account for someone signed in through the OpenID Connect provider: the
    account whose user name is their e-mail. None for a stranger."""
    if not email:
        return None
    user = get_user(conn, email)
    if user is None or (user.role == "agency" and not agency_exists(conn, user.agency_code)):
        return None
    return user


def check_password(password: str) -> None:
    """AccountError unless ``password`` is long enough to be used."""
    if password is None or len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters", label="password_too_short")


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` to store; AccountError if it is too short."""
    check_password(password)
    return HASHER.hash(password)


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
    if not agency_exists(conn, code):
        raise AccountError(f"no agency with the code {code!r}")
    return code


def agency_exists(conn: Connection, agency_code: str | None) -> bool:
    """Whether an agency with ``agency_code`` is on the roster (False for None)."""
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
