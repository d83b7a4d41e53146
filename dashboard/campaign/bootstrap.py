"""Make a database ready to use, and load what imports look things up in."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from dashboard.campaign import boundaries, store
from dashboard.campaign.placement import CommunePlacer


def ensure_ready(engine: Engine) -> None:
    """Migrate the schema and load the shipped boundaries if none are loaded yet."""
    store.migrate(engine)
    with engine.connect() as conn:
        loaded = conn.execute(select(func.count()).select_from(store.admin_unit)).scalar()
    if not loaded:
        boundaries.load_boundaries(engine)


def commune_placer(conn: Connection) -> CommunePlacer:
    """A placer over the 2025 communes, with the name index and the crosswalk."""
    return CommunePlacer(
        boundaries.communes(conn, boundaries.EDITION_2025),
        boundaries.name_index(conn),
        boundaries.crosswalk_map(conn),
    )


@dataclass(frozen=True)
class StaffIndex:
    """What linking a measurement to a person needs: every staff id, and each
    normalised identifier (account, phone, e-mail) with its person."""

    ids: frozenset[str] = frozenset()
    by_identifier: dict[str, str] = field(default_factory=dict)


def staff_index(conn: Connection) -> StaffIndex:
    """The staff ids and identifiers now in the database."""
    ids = conn.execute(select(store.staff.c.staff_id)).scalars().all()
    pairs = conn.execute(select(store.staff_identifier.c.identifier, store.staff_identifier.c.staff_id)).all()
    return StaffIndex(ids=frozenset(ids), by_identifier=dict(pairs))
