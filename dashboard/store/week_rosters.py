"""Each ISO week's roster in columns: who was on any agency's roster that week, and
how many tests they made. What the headline's staff figures read of a period
(``reports/figures.py``).

Through the ``roster_week`` view, a month's people are joined week by week from
every membership: 1.4 s a month at 78,000 people, twice per overview. A week's
roster is stored instead as an Arrow IPC stream (``week_roster``), a few hundred
kilobytes read whole in milliseconds.

A roster is written by :func:`rollups.refresh_agency_weeks` with the agencies'
weekly histograms of the same week, from the same arrays, in the same transaction
(an import's, a roster import's, a migration's): the Thursday rule is applied once,
in ``rollups.agency_week_rows``, and a week has a roster exactly when the histograms
cover it. ``rollups.rebuild`` drops them all before computing them again.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
from sqlalchemy.engine import Connection

from dashboard.store import arrow_reads, queries

#: A roster's columns: each person once (``staff.staff_id``), in order, and their
#: tests that week (0 for none).
SCHEMA = pa.schema([("staff_id", pa.string()), ("tests", pa.int32())])
_COMPRESSED = pa.ipc.IpcWriteOptions(compression="lz4")


def roster(staff_ids: np.ndarray, tests: np.ndarray) -> pa.Table:
    """A week's roster from its people (each once) and their tests, sorted by
    ``staff_id`` so that the same roster is always stored as the same bytes."""
    table = pa.table({"staff_id": pa.array(staff_ids, pa.string()), "tests": pa.array(tests, pa.int32())})
    return table.sort_by("staff_id")


def put(run: Callable[..., object], iso_week: str, table: pa.Table) -> None:
    """Store a week's roster with ``run`` (a rollups ``Database``'s), replacing the one stored."""
    run("week_roster_put", iso_week=iso_week, staff=len(table), arrow=encode(table))


def forget(run: Callable[..., object]) -> None:
    """Drop every stored roster (with ``run``), before the histograms are computed again."""
    run("week_roster_forget")


def read(conn: Connection, first_week: str, last_week: str) -> pa.Table:
    """The rosters of the weeks from ``first_week`` to ``last_week`` that have one,
    one after another (a person once per week on a roster)."""
    found = arrow_reads.binary_rows(
        conn, queries.sql("week_rosters"), {"first_week": first_week, "last_week": last_week}
    )
    tables = [decode(bytes(blob)) for _, blob in found]
    return pa.concat_tables(tables) if tables else SCHEMA.empty_table()


def encode(table: pa.Table) -> bytes:
    """A roster as the bytes stored: an Arrow IPC stream, compressed with lz4."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, SCHEMA, options=_COMPRESSED) as writer:
        writer.write_table(table.cast(SCHEMA))
    return sink.getvalue().to_pybytes()


def decode(blob: bytes) -> pa.Table:
    """The table of a stored roster."""
    return pa.ipc.open_stream(pa.py_buffer(blob)).read_all()
