"""``python -m dashboard users …``: accounts on the command line.

Whoever can run commands on the server holds the database, so these commands act
as the department's administrator; each change is written to the audit log as
``cli:<login name>``. Passwords are typed twice at a prompt that does not echo, or
given on standard input with ``--password-stdin`` (for scripts); never as an
argument, where the shell history and the process list would keep them.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from dashboard.access import accounts, audit
from dashboard.cli.arguments import UserError
from dashboard.geo import boundaries


def add_parser(commands) -> None:
    """Register the ``users`` command and its sub-commands."""
    users = commands.add_parser(
        "users",
        help="add, remove and change accounts (admin, viewer, agency)",
        description="Accounts of the dashboard. Roles: admin (everything: imports, settings, accounts, full "
        "contact lists), viewer (every page, no changes), agency (one agency's staff and the province-wide "
        "aggregate pages; needs --agency).",
    )
    actions = users.add_subparsers(title="actions", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="create an account")
    add.add_argument("username", help="the user name (an e-mail for single sign-on)")
    _role_arguments(add)
    add.add_argument("--name", default=None, help="the person's name, shown in the sidebar")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument(
        "--no-password",
        action="store_true",
        help="no local password: the account signs in through the OpenID Connect provider only",
    )
    add.set_defaults(handler=_add)

    remove = actions.add_parser("remove", help="delete an account")
    remove.add_argument("username")
    remove.set_defaults(handler=_remove)

    role = actions.add_parser("set-role", help="change an account's role (and agency)")
    role.add_argument("username")
    _role_arguments(role)
    role.set_defaults(handler=_set_role)

    password = actions.add_parser("set-password", help="give an account a new password")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    password.set_defaults(handler=_set_password)

    listing = actions.add_parser("list", help="list the accounts")
    listing.set_defaults(handler=_list)

    log = actions.add_parser("log", help="the latest entries of the audit log")
    log.add_argument("--user", default=None, help="one account only")
    log.add_argument("--action", default=None, choices=audit.ACTIONS, help="one kind of event only")
    log.add_argument("--limit", type=int, default=50, help="how many entries (default: 50)")
    log.set_defaults(handler=_log)


def _role_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", required=True, choices=accounts.ROLES)
    parser.add_argument("--agency", default=None, metavar="CODE", help="the agency code, for the agency role")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name in some containers
        return "cli"


def _password(args) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise UserError("no terminal to type the password in: use --password-stdin")
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            raise UserError("the two passwords differ; nothing was changed")
    accounts.check_password(password)
    return password


def _ready(engine):
    boundaries.ensure_ready(engine)
    return engine


def _add(engine, args) -> int:
    password = None if args.no_password else _password(args)
    with _ready(engine).begin() as conn:
        user = accounts.add_user(
            conn, args.username, args.role, password, agency_code=args.agency, display_name=args.name, actor=_actor()
        )
    print(f"added {user.username} ({_role_text(user)})")
    return 0


def _remove(engine, args) -> int:
    with _ready(engine).begin() as conn:
        accounts.remove_user(conn, args.username, actor=_actor())
    print(f"removed {args.username.strip().lower()}")
    return 0


def _set_role(engine, args) -> int:
    with _ready(engine).begin() as conn:
        user = accounts.set_role(conn, args.username, args.role, agency_code=args.agency, actor=_actor())
    print(f"{user.username} is now {_role_text(user)}")
    return 0


def _set_password(engine, args) -> int:
    password = _password(args)
    with _ready(engine).begin() as conn:
        accounts.set_password(conn, args.username, password, actor=_actor())
    print(f"new password set for {args.username.strip().lower()}")
    return 0


def _list(engine, args) -> int:
    with _ready(engine).connect() as conn:
        users = accounts.list_users(conn)
    if users.empty:
        print("no account yet: add the first administrator with\n  python -m dashboard users add NAME --role admin")
        return 0
    for row in users.itertuples():
        # A missing agency is NaN in the frame: it must not print as "of nan".
        has_agency = isinstance(row.agency_code, str) and row.agency_code
        agency_name = row.agency_name if isinstance(row.agency_name, str) and row.agency_name else "agency gone"
        agency = f" of {row.agency_code} ({agency_name})" if has_agency else ""
        flags = ("" if row.has_password else ", single sign-on only") + (", demo" if row.is_demo else "")
        print(f"{row.username:<32} {row.role}{agency}{flags}")
    return 0


def _log(engine, args) -> int:
    with _ready(engine).connect() as conn:
        log = audit.events(conn, username=args.user, action=args.action, limit=max(1, args.limit))
    for row in log.itertuples():
        print(f"{row.at:%Y-%m-%d %H:%M:%S} UTC  {row.username or '-':<24} {row.action:<18} {row.detail or ''}")
    return 0


def _role_text(user: accounts.User) -> str:
    return f"{user.role} of {user.agency_code}" if user.agency_code else user.role
