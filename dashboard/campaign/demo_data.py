"""The demo campaign gives way to real data.

A database that holds only demo imports is cleared (measurements, staff, agencies,
imports; the administrative units stay) at the start of the first real import, in
that import's own transaction: if the real import fails, the demo is still there.
"""

from __future__ import annotations

from sqlalchemy import Delete, delete, func, select
from sqlalchemy.engine import Connection

from dashboard.campaign import store

#: The line an import summary prints when it cleared the demo.
REMOVED_LINE = "demo campaign:    removed; the database now holds real data only"

# Children before parents, for the foreign keys.
_DEMO_TABLES = [store.measurement, store.staff_identifier, store.staff_membership, store.staff, store.agency,
                store.import_batch]  # fmt: skip


def holds_only_demo(conn: Connection) -> bool:
    """True when every import so far was the demo campaign (and there was one)."""
    batch = store.import_batch
    demo = conn.execute(select(func.count()).where(batch.c.is_demo)).scalar()
    real = conn.execute(select(func.count()).where(~batch.c.is_demo)).scalar()
    return bool(demo) and not real


def removal() -> list[Delete]:
    """The statements that clear the demo campaign, in an order the foreign keys allow."""
    return [delete(table) for table in _DEMO_TABLES]


def remove_demo_before_real_import(conn: Connection) -> bool:
    """Clear the demo campaign if that is all the database holds; True if it did."""
    if not holds_only_demo(conn):
        return False
    for statement in removal():
        conn.execute(statement)
    return True
