"""What imports look things up in: the communes (names, former units) and the
staff's identifiers."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd
from sqlalchemy import String, bindparam
from sqlalchemy.engine import Connection, Engine

from dashboard.geo import boundaries
from dashboard.geo.placement import CommunePlacer
from dashboard.store import queries

#: Values bound in one lookup statement: well under SQLite's limit on bound
#: parameters (32,766) and PostgreSQL's (65,535).
LOOKUP_BATCH = 10_000


def commune_placer(conn: Connection) -> CommunePlacer:
    """A placer over the 2025 communes, with the name index and the crosswalk."""
    return CommunePlacer(
        boundaries.communes(conn, boundaries.EDITION_2025),
        boundaries.name_index(conn),
        boundaries.crosswalk_map(conn),
    )


class StaffIndex:
    """What linking a measurement to a person needs: which reported staff ids are
    on the roster, and the person of each normalised identifier (account, phone,
    e-mail).

    Looked up as an import's chunks name them: :meth:`look_up` fetches the values
    not looked up before (a monthly file names some thousands of people, the
    roster may hold hundreds of thousands of identifiers), and the answers are
    kept for the import's later chunks. Each lookup reads on a connection of its
    own, outside the import's transaction, what other transactions have committed.
    Without an engine nobody is known and nothing is read: an import that replaces
    the demo does not link tests to the demo's staff.
    """

    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine
        #: Reported staff ids found on the roster.
        self.ids: set[str] = set()
        #: Normalised identifier -> staff id, for the identifiers found.
        self.by_identifier: dict[str, str] = {}
        #: Statements run so far.
        self.statements = 0
        self._asked_ids: set[str] = set()
        self._asked_identifiers: set[str] = set()
        #: by_identifier as an index, made again when it has grown.
        self._index: tuple[pd.Index, np.ndarray] | None = None

    def look_up(self, staff_ids: Iterable[str], identifiers: Iterable[str]) -> None:
        """Fetch which of ``staff_ids`` are on the roster and whose ``identifiers``
        are, for the values not looked up before; afterwards :attr:`ids` and
        :attr:`by_identifier` answer for all of them."""
        new_ids = sorted(set(staff_ids) - self._asked_ids)
        new_identifiers = sorted(set(identifiers) - self._asked_identifiers)
        if not (new_ids or new_identifiers):
            return
        if self.engine is not None:
            with self.engine.connect() as conn:
                for ids, idents in _batches(new_ids, new_identifiers, LOOKUP_BATCH):
                    result = conn.execute(_lookup_statement(), {"staff_ids": ids, "identifiers": idents})
                    # The driver's own rows (text, no types to convert): a third faster.
                    rows = result.cursor.fetchall() if result.cursor is not None else []
                    result.close()
                    self.statements += 1
                    for kind, value, staff_id in rows:
                        if kind == "staff_id":
                            self.ids.add(value)
                        else:
                            self.by_identifier[value] = staff_id
        # Marked as asked only once answered: a failed lookup leaves nothing half known.
        self._asked_ids.update(new_ids)
        self._asked_identifiers.update(new_identifiers)

    def staff_of(self, identifiers: np.ndarray) -> np.ndarray:
        """The staff id of each normalised identifier (None when nobody's), of those
        looked up: a chunk's tens of thousands of values at once."""
        if self._index is None or len(self._index[0]) != len(self.by_identifier):
            # The staff ids with a last slot of None, which position -1 (not found) reads.
            staff_ids = np.array([*self.by_identifier.values(), None], dtype=object)
            self._index = (pd.Index(list(self.by_identifier)), staff_ids)
        index, staff_ids = self._index
        return staff_ids[index.get_indexer(identifiers)]


@cache
def _lookup_statement():
    """``queries/staff_lookup.sql`` with its two lists bound as expanding IN lists
    of text (an empty list is then an empty set of text on PostgreSQL too)."""
    return queries.sql("staff_lookup").bindparams(
        bindparam("staff_ids", type_=String(), expanding=True), bindparam("identifiers", type_=String(), expanding=True)
    )


def _batches(ids: list[str], identifiers: list[str], size: int) -> Iterable[tuple[list[str], list[str]]]:
    """Both lists cut into statements of at most ``size`` values together."""
    for start in range(0, len(ids) + len(identifiers), size):
        stop = start + size
        yield ids[start:stop], identifiers[max(start - len(ids), 0) : max(stop - len(ids), 0)]
