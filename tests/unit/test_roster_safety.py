"""A roster import changes only what its files state, sets aside what it cannot
store (the same way on SQLite and PostgreSQL), asks before it loses anything, and
its preview predicts exactly what it then does."""

import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.store import tables

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "bad_inputs"))
import make_bad_rosters as corpus

# The small campaign the corpus of awkward rosters applies to (two agencies, three
# people with phones, accounts and e-mails, four tests linked to them).
AGENCIES, STAFF, TESTS = corpus.BASE_AGENCIES, corpus.BASE_STAFF, corpus.BASE_TESTS


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(engine) -> dict[str, list]:
    """Every row of the tables a roster import may touch, sorted."""
    touched = [
        tables.agency,
        tables.staff,
        tables.staff_membership,
        tables.staff_identifier,
        tables.measurement,
        tables.import_batch,
        tables.app_user,
        *tables.ROLLUPS,
    ]
    with engine.connect() as conn:
        return {t.name: sorted(map(tuple, conn.execute(select(t)).all()), key=repr) for t in touched}


def links(engine) -> dict:
    with engine.connect() as conn:
        rows = conn.execute(select(tables.measurement.c.measured_at, tables.measurement.c.staff_id)).all()
    return dict(rows)


@pytest.fixture
def campaign(ready_engine, tmp_path):
    """Two agencies, three people with identifiers, four tests linked to them."""
    import_roster(
        ready_engine,
        [write(tmp_path, "a.csv", AGENCIES), write(tmp_path, "s.csv", STAFF)],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path / "rejects",
    )
    import_measurements(ready_engine, write(tmp_path, "t.csv", TESTS), rejects_dir=tmp_path / "rejects")
    return ready_engine


def test_a_names_only_staff_list_keeps_every_identifier_and_link(campaign, tmp_path):
    """Re-sent with only id, name and agency, a staff list leaves identifiers and links as they were."""
    before = snapshot(campaign)
    assert sum(v is not None for v in links(campaign).values()) == 4
    names_only = write(
        tmp_path,
        "n.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan\nS0001,Nguyễn Văn An,SKHCN\n"
        "S0002,Lò Thị Bình,BLC\nS0003,Tòng Văn Cường,SKHCN\n",
    )
    summary = import_roster(campaign, [names_only], rejects_dir=tmp_path)
    assert summary.applied and summary.losses == []
    assert (summary.identifiers_removed, summary.links_lost, summary.staff_unchanged) == (0, 0, 3)
    after = snapshot(campaign)
    for table in ("staff", "staff_membership", "staff_identifier", "measurement"):
        assert after[table] == before[table], table


def test_an_agency_list_without_kind_or_commune_keeps_them(campaign, tmp_path):
    """Absent columns change nothing stored; a changed name is counted field by field."""
    names = write(
        tmp_path,
        "a2.csv",
        "Mã cơ quan,Tên cơ quan\nSKHCN,Sở KH&CN Lai Châu\nBLC,Báo và Phát thanh truyền hình Lai Châu\n",
    )
    summary = import_roster(campaign, [names], rejects_dir=tmp_path)
    assert dict(summary.agencies_changed) == {"name": 1} and summary.agencies_unchanged == 1
    with campaign.connect() as conn:
        stored = {r.agency_code: r for r in conn.execute(select(tables.agency)).all()}
    assert (stored["SKHCN"].agency_kind, stored["SKHCN"].commune_code) == ("department", "03408")
    assert (stored["BLC"].agency_kind, stored["BLC"].commune_code) == ("press", "03388")
    assert stored["SKHCN"].name == "Sở KH&CN Lai Châu"


def test_empty_cells_are_counted_and_clear_only_when_asked(campaign, tmp_path):
    """An empty phone cell keeps the stored phone, unless clear_empty, which asks first."""
    empty = write(tmp_path, "e.csv", "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại\nS0002,Lò Thị Bình,BLC,\n")
    kept = import_roster(campaign, [empty], rejects_dir=tmp_path)
    assert kept.empty_cells == {"phone": 1} and kept.identifiers_removed == 0
    asked = import_roster(campaign, [empty], rejects_dir=tmp_path, clear_empty=True, confirmed=False)
    assert not asked.applied and asked.losses == ["identifiers_removed", "links_lost"] and asked.links_lost == 1
    assert links(campaign)[dt.datetime(2026, 11, 2, 3)] == "S0002"
    cleared = import_roster(campaign, [empty], rejects_dir=tmp_path, clear_empty=True, confirmed=True)
    assert cleared.applied and cleared.identifiers_removed == 1
    assert links(campaign)[dt.datetime(2026, 11, 2, 3)] is None


def test_impossible_memberships_and_conflicting_rows_are_set_aside(campaign, tmp_path):
    """An end before the start, one id on two agencies, and a move dated before the
    current membership starts are set aside with their reasons; stored rows stay."""
    before = snapshot(campaign)
    bad = write(
        tmp_path,
        "bad.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Từ ngày,Ngày nghỉ\n"
        "S0001,Nguyễn Văn An,SKHCN,01/10/2026,01/09/2026\n"
        "S0002,Lò Thị Bình,BLC,,\n"
        "S0002,Lò Thị Bình,SKHCN,,\n"
        "S0003,Tòng Văn Cường,BLC,15/06/2026,\n",
    )
    import_roster(
        campaign,
        [
            write(
                tmp_path, "start.csv", "Mã cán bộ,Họ và tên,Mã cơ quan,Từ ngày\nS0003,Tòng Văn Cường,SKHCN,01/07/2026\n"
            )
        ],
        rejects_dir=tmp_path,
    )
    with pytest.raises(FileImportError, match="no row can be imported") as refused:
        import_roster(campaign, [bad], rejects_dir=tmp_path / "r", as_of=dt.date(2026, 11, 1))
    reasons = list(refused.value.rejects["_reason"])
    assert sorted(reasons) == sorted(
        ["end date before the start date"]
        + ["the same staff id on rows that disagree"] * 2
        + ["the new agency starts before the current membership does"]
    )
    after = snapshot(campaign)
    assert after["staff_membership"] != before["staff_membership"]  # only the start date set above
    m = tables.staff_membership
    with campaign.connect() as conn:
        rows = conn.execute(select(m.c.staff_id, m.c.agency_code, m.c.valid_from, m.c.valid_to)).all()
    assert all(r.valid_to is None or r.valid_from is None or r.valid_to >= r.valid_from for r in rows)


def test_a_phone_given_to_two_new_people_is_set_aside_and_kept_by_its_owner(campaign, tmp_path):
    """Two rows claiming one phone are both set aside; one person taking a stored
    phone is a loss that needs a confirmation, listed person by person."""
    two = write(
        tmp_path,
        "two.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại\n"
        "S0100,Người Mới Một,BLC,0912345678\nS0101,Người Mới Hai,BLC,+84 912 345 678\n",
    )
    with pytest.raises(FileImportError, match="no row can be imported"):
        import_roster(campaign, [two], rejects_dir=tmp_path)
    one = write(
        tmp_path, "one.csv", "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại\nS0100,Người Mới Một,BLC,0912345678\n"
    )
    asked = import_roster(campaign, [one], rejects_dir=tmp_path, confirmed=False)
    assert not asked.applied and "identifiers_moved" in asked.losses
    assert asked.identifiers_moved == [{"identifier_kind": "phone", "from_staff_id": "S0001", "to_staff_id": "S0100"}]
    assert asked.links_moved == 1
    with campaign.connect() as conn:
        si = tables.staff_identifier
        assert conn.execute(select(si.c.staff_id).where(si.c.identifier == "+84912345678")).scalar() == "S0001"
        assert (
            conn.execute(
                select(func.count()).select_from(tables.staff).where(tables.staff.c.staff_id == "S0100")
            ).scalar()
            == 0
        )


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("S" + "9" * 45, "a value is longer than the database allows"),
        ("S0200\x00", "a cell holds a NUL character"),
    ],
)
def test_values_the_schema_cannot_hold_are_set_aside_on_both_databases(campaign, tmp_path, cell, reason):
    """A staff id over 40 characters or a NUL byte: set aside, never a database error."""
    path = tmp_path / "long.csv"
    path.write_text(f"Mã cán bộ,Họ và tên,Mã cơ quan\n{cell},Tên,BLC\nS0201,Người Khác,BLC\n", encoding="utf-8")
    summary = import_roster(campaign, [path], rejects_dir=tmp_path)
    assert summary.applied and summary.staff_added == 1
    assert list(summary.rejects["_reason"]) == [reason]


def test_bad_phones_emails_and_communes_are_set_aside(campaign, tmp_path):
    """Two phones in one cell, an e-mail without @, and a commune not in the province are set aside."""
    staff = write(
        tmp_path,
        "p.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại,Email\n"
        "S0300,A,BLC,0912 345 678 / 0987 654 321,\nS0301,B,BLC,,not-an-email\n"
        "S0302,C,BLC,0977000111,c@x.vn\n",
    )
    agencies = write(tmp_path, "ag.csv", "Mã cơ quan,Tên cơ quan,Mã xã\nNEW,Cơ quan mới,99999\n")
    summary = import_roster(campaign, [agencies, staff], rejects_dir=tmp_path)
    assert summary.rejected == {"bad_phone": 1, "bad_email": 1, "unknown_commune": 1}
    assert summary.staff_added == 1 and summary.agencies_added == 0


def test_empty_date_columns_mean_no_date(ready_engine, tmp_path):
    """A template's start and end columns left empty in every row import as 'no date' (both databases)."""
    write(tmp_path, "a.csv", AGENCIES)
    staff = write(
        tmp_path, "s.csv", "Mã cán bộ,Họ và tên,Mã cơ quan,Từ ngày,Ngày nghỉ\nS0001,An,SKHCN,,\nS0002,Bình,BLC,,\n"
    )
    summary = import_roster(ready_engine, [tmp_path / "a.csv", staff], rejects_dir=tmp_path)
    assert summary.staff_added == 2 and summary.rejected == {}
    with ready_engine.connect() as conn:
        dates = conn.execute(select(tables.staff_membership.c.valid_from, tables.staff_membership.c.valid_to)).all()
    assert [tuple(d) for d in dates] == [(None, None), (None, None)]


def test_a_complete_list_closes_the_others_person_by_person(campaign, tmp_path):
    """With 'complete', people of the named agencies missing from the list leave the
    day before as_of, are listed, and the change asks first; someone on a row set
    aside does not leave."""
    listed = write(
        tmp_path,
        "c.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Email\nS0001,Nguyễn Văn An,SKHCN,\nS0003,Tòng Văn Cường,SKHCN,no-at-sign\n",
    )
    asked = import_roster(
        campaign, [listed], rejects_dir=tmp_path, complete=True, confirmed=False, as_of=dt.date(2026, 11, 20)
    )
    assert asked.applied and asked.people_removed == []  # S0003's row was set aside: S0003 stays
    only = write(tmp_path, "c2.csv", "Mã cán bộ,Họ và tên,Mã cơ quan\nS0001,Nguyễn Văn An,SKHCN\n")
    asked = import_roster(
        campaign, [only], rejects_dir=tmp_path, complete=True, confirmed=False, as_of=dt.date(2026, 11, 20)
    )
    assert asked.losses == ["people_removed"] and not asked.applied
    assert asked.people_removed == [{"staff_id": "S0003", "full_name": "Tòng Văn Cường", "agency_code": "SKHCN"}]
    done = import_roster(campaign, [only], rejects_dir=tmp_path, complete=True, as_of=dt.date(2026, 11, 20))
    assert done.applied and done.staff_left == 1
    m = tables.staff_membership
    with campaign.connect() as conn:
        ends = dict(conn.execute(select(m.c.staff_id, m.c.valid_to)).all())
    assert ends == {"S0001": None, "S0002": None, "S0003": dt.date(2026, 11, 19)}


def _comparable(summary) -> dict:
    values = json.loads(summary.to_json())
    for name in ("seconds", "applied", "dry_run", "rejects_file"):
        values.pop(name, None)
    return values


def test_a_roster_preview_changes_nothing_and_predicts_the_import(campaign, tmp_path):
    """A dry run leaves every table as it was and reports exactly what the real run then does."""
    change = write(
        tmp_path,
        "ch.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại,Từ ngày\n"
        "S0001,Nguyễn Văn An,BLC,0912345678,01/11/2026\n"
        "S0002,Lò Thị Bình,BLC,0977 123 456,\nS0009,Người Mới,SKHCN,0987654321,\n"
        "S0010,,SKHCN,,\n",
    )
    before = snapshot(campaign)
    preview = import_roster(campaign, [change], rejects_dir=tmp_path / "r", dry_run=True, as_of=dt.date(2026, 11, 20))
    assert not preview.applied and snapshot(campaign) == before
    assert not (tmp_path / "r").exists()  # a preview writes no rejects file either
    assert (preview.staff_added, preview.staff_moved, preview.identifiers_changed, preview.links_moved) == (1, 1, 1, 1)
    real = import_roster(campaign, [change], rejects_dir=tmp_path / "r", as_of=dt.date(2026, 11, 20))
    assert real.applied and _comparable(real) == _comparable(preview)
    assert snapshot(campaign) != before


def test_a_measurement_preview_changes_nothing_and_predicts_the_import(campaign, tmp_path):
    """A dry run of a measurement file writes nothing and counts what the import then stores."""
    more = write(tmp_path, "more.csv", TESTS + "2026-11-04 11:00,-5,cuong,\n2026-11-05 11:00,90,cuong,\n")
    before = snapshot(campaign)
    preview = import_measurements(campaign, more, rejects_dir=tmp_path / "r", dry_run=True)
    assert snapshot(campaign) == before and not (tmp_path / "r").exists()
    assert (preview.imported, preview.already_present, preview.rejected_total) == (1, 4, 1)
    real = import_measurements(campaign, more, rejects_dir=tmp_path / "r")
    assert _comparable(real) == _comparable(preview)


def test_the_demo_stays_until_a_real_row_is_stored(ready_engine, tmp_path):
    """A roster or export whose every row is set aside leaves the demo campaign in place;
    replacing it is a loss that asks first."""
    import_roster(
        ready_engine,
        [write(tmp_path, "a.csv", AGENCIES), write(tmp_path, "s.csv", STAFF)],
        rejects_dir=tmp_path,
        is_demo=True,
    )
    import_measurements(ready_engine, write(tmp_path, "t.csv", TESTS), rejects_dir=tmp_path, is_demo=True)
    before = snapshot(ready_engine)
    bad_staff = write(tmp_path, "bad.csv", "Mã cán bộ,Họ và tên,Mã cơ quan\n,Không mã,SKHCN\nX1,,SKHCN\n")
    with pytest.raises(FileImportError, match="no row can be imported"):
        import_roster(ready_engine, [bad_staff], rejects_dir=tmp_path)
    bad_tests = write(tmp_path, "bad_t.csv", "Thời gian đo,Tốc độ tải xuống (Mbps)\n2026-11-02 09:00,-1\n,5\n")
    with pytest.raises(FileImportError, match="demo campaign is kept"):
        import_measurements(ready_engine, bad_tests, rejects_dir=tmp_path)
    assert snapshot(ready_engine) == before
    good = write(tmp_path, "good.csv", "Thời gian đo,Tốc độ tải xuống (Mbps)\n2026-11-02 09:00,12\n")
    asked = import_measurements(ready_engine, good, rejects_dir=tmp_path, confirmed=False)
    assert asked.losses == ["demo_replaced"] and not asked.applied and snapshot(ready_engine) == before
    done = import_measurements(ready_engine, good, rejects_dir=tmp_path, confirmed=True)
    assert done.applied and done.demo_removed
    with ready_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.staff)).scalar() == 0


def test_rejected_rows_keep_their_cells_and_lines(campaign, tmp_path):
    """The rows set aside come back as written, with their file, line and reason."""
    staff = write(tmp_path, "r.csv", "Mã cán bộ,Họ và tên,Mã cơ quan\nS0400,Tên,NOPE\nS0401,Tên Hai,BLC\n")
    summary = import_roster(campaign, [staff], rejects_dir=tmp_path / "r")
    rejects = pd.read_csv(summary.rejects_file, dtype=str, encoding="utf-8-sig")
    assert list(rejects[["table", "line", "reason"]].iloc[0]) == ["r.csv", "2", "agency code not in the agency list"]
    assert rejects["Mã cán bộ"].iloc[0] == "S0400"


def test_a_history_on_several_rows_is_one_person_moving(campaign, tmp_path):
    """Rows of one person whose dates follow each other (A until 13/08, B from 14/08) are
    a history, stored as two memberships; identifiers written on one row count for both."""
    history = write(
        tmp_path,
        "h.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại,Từ ngày,Ngày nghỉ\n"
        "S0500,Người Chuyển,SKHCN,0977 555 666,,13/08/2026\n"
        "S0500,Người Chuyển,BLC,,14/08/2026,\n",
    )
    summary = import_roster(campaign, [history], rejects_dir=tmp_path)
    assert summary.rejected == {} and (summary.staff_added, summary.identifiers_added) == (1, 1)
    m = tables.staff_membership
    with campaign.connect() as conn:
        stored = conn.execute(
            select(m.c.agency_code, m.c.valid_from, m.c.valid_to)
            .where(m.c.staff_id == "S0500")
            .order_by(m.c.membership_id)
        ).all()
    assert [tuple(r) for r in stored] == [("SKHCN", None, dt.date(2026, 8, 13)), ("BLC", dt.date(2026, 8, 14), None)]


def test_a_move_back_to_a_former_agency_is_a_move(campaign, tmp_path):
    """Someone who moved away and is listed again in the former agency, without dates,
    moves back (from as_of), counted as moved; a history re-sent with its end dates
    changes nothing."""
    away = write(tmp_path, "away.csv", "Mã cán bộ,Họ và tên,Mã cơ quan,Từ ngày\nS0001,Nguyễn Văn An,BLC,16/11/2026\n")
    assert import_roster(campaign, [away], rejects_dir=tmp_path).staff_moved == 1
    back = write(tmp_path, "back.csv", "Mã cán bộ,Họ và tên,Mã cơ quan\nS0001,Nguyễn Văn An,SKHCN\n")
    summary = import_roster(campaign, [back], rejects_dir=tmp_path, as_of=dt.date(2026, 11, 25))
    assert (summary.staff_moved, summary.staff_unchanged) == (1, 0)
    m = tables.staff_membership
    with campaign.connect() as conn:
        stored = conn.execute(
            select(m.c.agency_code, m.c.valid_from, m.c.valid_to)
            .where(m.c.staff_id == "S0001")
            .order_by(m.c.membership_id)
        ).all()
    assert [tuple(r) for r in stored] == [
        ("SKHCN", None, dt.date(2026, 11, 15)),
        ("BLC", dt.date(2026, 11, 16), dt.date(2026, 11, 24)),
        ("SKHCN", dt.date(2026, 11, 25), None),
    ]
    history = write(
        tmp_path,
        "h.csv",
        "Mã cán bộ,Họ và tên,Mã cơ quan,Từ ngày,Ngày nghỉ\nS0001,Nguyễn Văn An,BLC,16/11/2026,24/11/2026\n",
    )
    again = import_roster(campaign, [history], rejects_dir=tmp_path, as_of=dt.date(2026, 11, 28))
    assert (again.staff_moved, again.staff_left, again.staff_unchanged) == (0, 0, 1)
