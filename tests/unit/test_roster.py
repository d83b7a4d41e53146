"""Roster import: agencies, staff, moves and departures, identifiers, linking tests."""

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import select

from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.ingest.roster import agency_kind, import_roster
from dashboard.store import tables

AGENCIES = """Mã cơ quan,Tên cơ quan,Loại cơ quan,Mã xã
SKHCN,Sở Khoa học và Công nghệ,Sở/ban/ngành,03408
UBND-MT,UBND xã Mường Than,UBND xã/phường,
BLC,Báo và Phát thanh truyền hình Lai Châu,Báo/đài,03388
"""
STAFF = """Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại,Email
CB001,Nguyễn Văn An,SKHCN,0912 345 678,an@laichau.gov.vn
CB002,Lò Thị Bình,BLC,+84 987.654.321,
CB003,Tòng Văn Cường,XYZ,0911111111,
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def memberships(engine, staff_id):
    m = tables.staff_membership
    with engine.connect() as conn:
        rows = conn.execute(
            select(m.c.agency_code, m.c.valid_from, m.c.valid_to)
            .where(m.c.staff_id == staff_id)
            .order_by(m.c.membership_id)
        ).all()
    return [tuple(r) for r in rows]


@pytest.fixture
def rostered(ready_engine, tmp_path):
    summary = import_roster(
        ready_engine,
        [write(tmp_path, "agencies.csv", AGENCIES), write(tmp_path, "staff.csv", STAFF)],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path / "rejects",
    )
    return ready_engine, summary


def test_first_roster(rostered):
    """Agencies and staff are stored; an unknown agency is rejected; a commune committee is located by its name."""
    engine, summary = rostered
    assert (summary.agencies_added, summary.staff_added) == (3, 2)
    assert summary.rejected == {"unknown_agency": 1}
    with engine.connect() as conn:
        agencies = dict(conn.execute(select(tables.agency.c.agency_code, tables.agency.c.agency_kind)).all())
        located = dict(conn.execute(select(tables.agency.c.agency_code, tables.agency.c.commune_code)).all())
    assert agencies == {"SKHCN": "department", "UBND-MT": "commune_committee", "BLC": "press"}
    assert located["UBND-MT"] == "03618" and located["BLC"] == "03388"
    assert memberships(engine, "CB001") == [("SKHCN", None, None)]


def test_reimport_changes_nothing(rostered, tmp_path):
    """The same roster imported again adds no person, membership or identifier."""
    engine, _ = rostered
    again = import_roster(engine, [tmp_path / "agencies.csv", tmp_path / "staff.csv"], rejects_dir=tmp_path)
    assert (again.staff_added, again.staff_moved, again.staff_left) == (0, 0, 0)
    assert memberships(engine, "CB001") == [("SKHCN", None, None)]


def test_move_and_departure_keep_history(rostered, tmp_path):
    """A person moving agency closes the old membership the day before; a departure date closes it."""
    engine, _ = rostered
    moved = write(
        tmp_path,
        "staff2.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Từ ngày,Ngày nghỉ\n"
        "CB001,Nguyễn Văn An,BLC,15/10/2026,\n"
        "CB002,Lò Thị Bình,BLC,,31/10/2026\n",
    )
    summary = import_roster(engine, [moved], rejects_dir=tmp_path)
    assert (summary.staff_moved, summary.staff_left) == (1, 1)
    assert memberships(engine, "CB001") == [
        ("SKHCN", None, dt.date(2026, 10, 14)),
        ("BLC", dt.date(2026, 10, 15), None),
    ]
    assert memberships(engine, "CB002") == [("BLC", None, dt.date(2026, 10, 31))]


def test_measurements_link_by_phone_in_any_form(rostered, tmp_path):
    """Tests whose account is a phone written as 84…, +84… or 0… link to the person; others count as unmatched."""
    engine, _ = rostered
    export = write(
        tmp_path,
        "export.csv",
        "Thời gian đo,Tốc độ tải xuống (Mbps),Tài khoản\n"
        "2026-11-02 09:00,50,84912345678\n"
        "2026-11-02 10:00,60,0987 654 321\n"
        "2026-11-02 11:00,70,AN@laichau.gov.vn\n"
        "2026-11-02 12:00,80,0900000000\n",
    )
    summary = import_measurements(engine, export, rejects_dir=tmp_path)
    assert (summary.matched_staff, summary.unmatched) == (3, 1)
    with engine.connect() as conn:
        linked = conn.execute(
            select(tables.measurement.c.staff_id).order_by(tables.measurement.c.measured_at)
        ).scalars()
        assert list(linked) == ["CB001", "CB002", "CB001", None]


def test_roster_after_measurements_links_them(ready_engine, tmp_path):
    """Measurements imported before the roster are linked when the roster arrives."""
    export = write(
        tmp_path, "export.csv", "Thời gian đo,Tốc độ tải xuống (Mbps),Số điện thoại\n2026-11-02 09:00,50,0912345678\n"
    )
    import_measurements(ready_engine, export, rejects_dir=tmp_path)
    summary = import_roster(
        ready_engine, [write(tmp_path, "a.csv", AGENCIES), write(tmp_path, "s.csv", STAFF)], rejects_dir=tmp_path
    )
    assert (summary.measurements_linked, summary.measurements_unmatched) == (1, 0)


def test_file_without_roster_columns_is_refused(ready_engine, tmp_path):
    """A file that is neither an agency list nor a staff list is refused with a clear message."""
    with pytest.raises(FileImportError, match="no header row"):
        import_roster(ready_engine, [write(tmp_path, "x.csv", "a,b\n1,2\n")], rejects_dir=tmp_path)


@pytest.mark.parametrize(
    "written, kind",
    [
        ("Sở/ban/ngành", "department"),
        ("UBND xã/phường", "commune_committee"),
        ("Báo/đài", "press"),
        ("Tổ chức chính trị – xã hội", "mass_organisation"),
        ("Doanh nghiệp viễn thông", "telecom"),
        ("commune_committee", "commune_committee"),
        ("", "other"),
        (None, "other"),
    ],
)
def test_agency_kinds(written, kind):
    """Agency kinds written in Vietnamese or as codes map to the six kinds."""
    assert agency_kind(written) == kind


def test_identifier_moves_to_new_owner(rostered, tmp_path):
    """A phone given to another person on a later roster now identifies that person."""
    engine, _ = rostered
    later = write(
        tmp_path, "s3.csv", "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại\nCB009,Quàng Văn Dũng,BLC,0912345678\n"
    )
    summary = import_roster(engine, [later], rejects_dir=tmp_path)
    assert summary.identifiers_reassigned == 1
    with engine.connect() as conn:
        owner = conn.execute(
            select(tables.staff_identifier.c.staff_id).where(tables.staff_identifier.c.identifier == "+84912345678")
        ).scalar()
    assert owner == "CB009"
    assert pd.notna(owner)
