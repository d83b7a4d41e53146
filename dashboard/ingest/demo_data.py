"""The demo campaign gives way to real data.

A database that holds only demo imports is cleared (measurements, staff, agencies,
imports, rollups, the months' snapshots and medians, the weeks' rosters, the demo's accounts; the administrative
units, real accounts and the audit log stay) at the start of the first real import,
in that import's own transaction: if the real import fails, the demo is still there.

The demo comes with three accounts whose passwords are their names, shown on the
sign-in page while the demo is all the database holds, so that a newcomer can try
each role.
"""

from __future__ import annotations

from sqlalchemy import Executable, delete, func, select
from sqlalchemy.engine import Connection

from dashboard.access import accounts
from dashboard.store import tables

# Children before parents, for the foreign keys.
_DEMO_TABLES = [
    *tables.ROLLUPS,
    tables.month_snapshot,
    tables.month_median,
    tables.week_roster,
    tables.measurement,
    tables.staff_identifier,
    tables.staff_membership,
    tables.staff,
    tables.agency,
    tables.import_batch,
]


#: (user name = password, role, the agency an agency user belongs to)
DEMO_ACCOUNTS = (
    ("demo.admin", "admin", None),
    ("demo.viewer", "viewer", None),
    ("demo.agency", "agency", "UBX03388"),
)  # UBND phường Đoàn Kết


def add_demo_accounts(conn: Connection) -> list[str]:
    """Create the demo's accounts that are missing; returns their user names."""
    added = []
    for username, role, agency_code in DEMO_ACCOUNTS:
        if (
            agency_code
            and not conn.execute(select(func.count()).where(tables.agency.c.agency_code == agency_code)).scalar()
        ):
            continue  # a small demo without this agency
        if accounts.get_user(conn, username) is None:
            accounts.add_user(conn, username, role, username, agency_code=agency_code, actor="demo", is_demo=True)
            added.append(username)
    return added


def holds_only_demo(conn: Connection) -> bool:
    """True when every import so far was the demo campaign (and there was one)."""
    batch = tables.import_batch
    demo = conn.execute(select(func.count()).where(batch.c.is_demo)).scalar()
    real = conn.execute(select(func.count()).where(~batch.c.is_demo)).scalar()
    return bool(demo) and not real


def unfinished(conn: Connection) -> bool:
    """True when the demo campaign was begun but not finished: only demo imports are
    stored and no account at all (the program stopped during the first start,
    before the demo's accounts). Building the demo again finishes it: its files
    are the same and their rows already stored are skipped."""
    return holds_only_demo(conn) and not conn.execute(select(func.count()).select_from(tables.app_user)).scalar()


def removal(first_admin: accounts.FirstAdmin | None = None) -> list[Executable]:
    """The statements that clear the demo campaign, in an order the foreign keys
    allow, then add ``first_admin`` (checked) when given."""
    statements: list[Executable] = [delete(tables.app_user).where(tables.app_user.c.is_demo)]
    statements += [delete(table) for table in _DEMO_TABLES]
    return statements + (first_admin.statements() if first_admin else [])


def remove_demo_before_real_import(conn: Connection, first_admin: accounts.FirstAdmin | None = None) -> bool:
    """Clear the demo campaign if that is all the database holds, adding
    ``first_admin`` when given; True if it did."""
    if not holds_only_demo(conn):
        return False
    for statement in removal(first_admin.checked(conn) if first_admin else None):
        conn.execute(statement)
    return True
