"""What imports look things up in: the communes (names, former units) and the
staff's identifiers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Connection

from dashboard.geo import boundaries
from dashboard.geo.placement import CommunePlacer
from dashboard.store import tables


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
    ids = conn.execute(select(tables.staff.c.staff_id)).scalars().all()
    pairs = conn.execute(select(tables.staff_identifier.c.identifier, tables.staff_identifier.c.staff_id)).all()
    return StaffIndex(ids=frozenset(ids), by_identifier=dict(pairs))
