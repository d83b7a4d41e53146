"""Staff looked up per distinct identifier: an import reads only the people its
rows name, each value once, in statements that stay under the databases' limits
on bound values; the links are those of a full roster index.

Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.ingest import lookups, readers
from dashboard.ingest.measurements import import_measurements
from dashboard.store import tables

IDENTIFIERS = {"hai.nv": "CB001", "+84912345678": "CB002", "binh@laichau.gov.vn": "CB003"}


@pytest.fixture
def staffed(ready_engine):
    """Three people on the roster, one identifier each."""
    with ready_engine.begin() as conn:
        conn.execute(tables.staff.insert(), [{"staff_id": s, "full_name": s} for s in sorted(IDENTIFIERS.values())])
        conn.execute(
            tables.staff_identifier.insert(),
            [{"identifier": i, "identifier_kind": "account", "staff_id": s} for i, s in sorted(IDENTIFIERS.items())],
        )
    return ready_engine


def test_values_are_looked_up_once_and_only_those_named(staffed):
    """A lookup answers for the values named (found or not) in one statement; values
    asked before are not asked again, and a lookup of nothing new reads nothing."""
    staff = lookups.StaffIndex(staffed)
    staff.look_up(["CB001", "CB099"], ["hai.nv", "stranger"])
    assert (staff.ids, staff.by_identifier, staff.statements) == ({"CB001"}, {"hai.nv": "CB001"}, 1)
    staff.look_up(["CB001"], ["hai.nv", "stranger", "+84912345678"])
    assert (staff.by_identifier, staff.statements) == ({"hai.nv": "CB001", "+84912345678": "CB002"}, 2)
    staff.look_up(["CB099", "CB001"], ["stranger"])
    staff.look_up([], [])
    assert staff.statements == 2


def test_many_values_take_several_statements(staffed, monkeypatch):
    """More values than one statement binds are cut into statements of at most
    LOOKUP_BATCH values, staff ids and identifiers together, and all are answered;
    an empty list on either side is bound as an empty set on both databases."""
    monkeypatch.setattr(lookups, "LOOKUP_BATCH", 2)
    staff = lookups.StaffIndex(staffed)
    staff.look_up(["CB001", "CB002", "CB003", "CB099"], [*IDENTIFIERS, "stranger"])
    assert staff.statements == 4  # 8 values, 2 a statement
    assert staff.ids == {"CB001", "CB002", "CB003"}
    assert staff.by_identifier == IDENTIFIERS


def test_many_values_at_the_real_size(staffed):
    """Forty thousand values, more than SQLite binds in one statement (32,766), are
    looked up in statements both databases accept."""
    staff = lookups.StaffIndex(staffed)
    strangers = [f"stranger{n}" for n in range(40_000)]
    staff.look_up(["CB002"], [*strangers, "binh@laichau.gov.vn"])
    assert staff.statements == 5  # 40,002 values, LOOKUP_BATCH a statement
    assert (staff.ids, staff.by_identifier) == ({"CB002"}, {"binh@laichau.gov.vn": "CB003"})


def test_index_without_engine_knows_nobody(staffed):
    """The index of an import that replaces the demo reads nothing and links nobody."""
    staff = lookups.StaffIndex()
    staff.look_up(["CB001"], ["hai.nv"])
    assert (staff.ids, staff.by_identifier, staff.statements) == (set(), {}, 0)


def test_import_asks_each_identifier_once_across_chunks(staffed, tmp_path, monkeypatch):
    """A file read in many chunks that name the same people: the import asks the
    database for each of the file's distinct identifiers once, in the first chunk
    that names it (a rejected row's identifier is not asked), and links every row
    as a full roster index would."""
    monkeypatch.setattr(readers, "CHUNK_BYTES", 160)
    made = []

    class Spied(lookups.StaffIndex):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.calls = 0
            made.append(self)

        def look_up(self, *args, **kwargs):
            self.calls += 1  # once a chunk
            super().look_up(*args, **kwargs)

    monkeypatch.setattr(lookups, "StaffIndex", Spied)
    accounts = ["hai.nv", "0912 345 678", "stranger", "BINH@laichau.gov.vn"]
    lines = [f"2026-11-02 {9 + n // 6:02d}:{n % 60:02d},{50 + n},{accounts[n % 4]},T{n:03d}" for n in range(24)]
    lines.append("2026-11-02 09:00,-5,rejected.person,T999")  # a negative speed: set aside
    path = tmp_path / "export.csv"
    path.write_text("Thời gian đo,Tốc độ tải xuống (Mbps),Tài khoản,Mã kết quả\n" + "\n".join(lines) + "\n")
    summary = import_measurements(staffed, path, rejects_dir=tmp_path / "rejects")
    assert (summary.imported, summary.matched_staff, summary.unmatched) == (24, 18, 6)
    # Four people, each asked in the first chunk that names them; later chunks read nothing.
    assert len(made) == 1 and made[0].statements <= 4 < made[0].calls
    assert made[0]._asked_identifiers == {"hai.nv", "+84912345678", "stranger", "binh@laichau.gov.vn"}
    m = tables.measurement
    with staffed.connect() as conn:
        linked = dict(conn.execute(select(m.c.account, m.c.staff_id).distinct()).all())
    assert linked == {
        "hai.nv": "CB001",
        "+84912345678": "CB002",
        "stranger": None,
        "binh@laichau.gov.vn": "CB003",
    }
