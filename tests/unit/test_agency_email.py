"""Agencies' e-mail addresses: an optional column of the agency list, checked, stored
(schema 9) and counted like the other agency fields, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from sqlalchemy import inspect, select, text

from dashboard.ingest.roster import import_roster
from dashboard.store import migrations, tables
from dashboard.text import email_address

AGENCIES = """Mã cơ quan,Tên cơ quan,Loại cơ quan,Mã xã,{header}
SKHCN,Sở Khoa học và Công nghệ,Sở/ban/ngành,03408,VP.SKHCN@LaiChau.gov.vn
BLC,Báo và Phát thanh truyền hình Lai Châu,Báo/đài,03388,
"""


def write(tmp_path, name, text_):
    path = tmp_path / name
    path.write_text(text_, encoding="utf-8")
    return path


def emails(engine) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(tables.agency.c.agency_code, tables.agency.c.email)).all())


@pytest.fixture
def listed(ready_engine, tmp_path):
    """Two agencies, one with an e-mail address."""
    import_roster(
        ready_engine,
        [write(tmp_path, "a.csv", AGENCIES.format(header="Email"))],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path,
    )
    return ready_engine


@pytest.mark.parametrize("header", ["Email", "E-mail", "Thư điện tử", "thu dien tu", "Địa chỉ email"])
def test_the_column_is_read_under_its_usual_headers(ready_engine, tmp_path, header):
    """Under 'Email', 'E-mail', 'Thư điện tử' (with or without diacritics) or 'Địa chỉ email', the address is stored,
    trimmed and in lower case; an empty cell stores none."""
    summary = import_roster(
        ready_engine, [write(tmp_path, "a.csv", AGENCIES.format(header=header))], rejects_dir=tmp_path
    )
    assert summary.applied and summary.agencies_added == 2 and not summary.rejected
    assert emails(ready_engine) == {"SKHCN": "vp.skhcn@laichau.gov.vn", "BLC": None}


def test_an_address_that_is_not_one_plain_address_is_set_aside_with_its_reason(ready_engine, tmp_path):
    """Two addresses in a cell, a display name, no domain, letters with diacritics: each row is set aside with its
    line and reason, the others are stored, and nothing fails."""
    path = write(
        tmp_path,
        "a.csv",
        "Mã cơ quan,Tên cơ quan,Email\n"
        "A1,Một,a@laichau.gov.vn; b@laichau.gov.vn\n"
        "A2,Hai,Sở KHCN <skhcn@laichau.gov.vn>\n"
        "A3,Ba,skhcn@laichau\n"
        "A4,Bốn,sởkhcn@laichau.gov.vn\n"
        "A5,Năm,ok@laichau.gov.vn\n",
    )
    summary = import_roster(ready_engine, [path], rejects_dir=tmp_path)
    assert summary.applied and summary.agencies_added == 1
    assert summary.rejected == {"bad_agency_email": 4}
    assert list(summary.rejects["Mã cơ quan"]) == ["A1", "A2", "A3", "A4"]
    assert summary.rejects["_reason"].str.contains("one plain address").all()
    assert emails(ready_engine) == {"A5": "ok@laichau.gov.vn"}
    assert any("one plain address" in line for line in summary.lines())


def test_a_list_without_the_column_keeps_the_stored_addresses(listed, tmp_path):
    """An agency list without an e-mail column changes no stored address."""
    names = write(
        tmp_path, "n.csv", "Mã cơ quan,Tên cơ quan\nSKHCN,Sở KH&CN\nBLC,Báo và Phát thanh truyền hình Lai Châu\n"
    )
    summary = import_roster(listed, [names], rejects_dir=tmp_path)
    assert dict(summary.agencies_changed) == {"name": 1}
    assert emails(listed)["SKHCN"] == "vp.skhcn@laichau.gov.vn"


def test_a_changed_address_is_counted_and_shown_like_other_fields(listed, tmp_path):
    """A new address for one agency and a first one for another: two agencies changed in their e-mail, in the
    summary's lines as in its counts; a preview says so and writes nothing."""
    changed = write(
        tmp_path,
        "c.csv",
        "Mã cơ quan,Tên cơ quan,Thư điện tử\nSKHCN,Sở Khoa học và Công nghệ,skhcn@laichau.gov.vn\n"
        "BLC,Báo và Phát thanh truyền hình Lai Châu,toasoan@baolaichau.vn\n",
    )
    preview = import_roster(listed, [changed], rejects_dir=tmp_path, dry_run=True)
    assert not preview.applied and dict(preview.agencies_changed) == {"email": 2}
    assert emails(listed) == {"SKHCN": "vp.skhcn@laichau.gov.vn", "BLC": None}
    summary = import_roster(listed, [changed], rejects_dir=tmp_path)
    assert summary.applied and dict(summary.agencies_changed) == {"email": 2} and summary.losses == []
    assert any("changed: email 2" in line for line in summary.lines())
    assert emails(listed) == {"SKHCN": "skhcn@laichau.gov.vn", "BLC": "toasoan@baolaichau.vn"}
    again = import_roster(listed, [changed], rejects_dir=tmp_path)
    assert again.agencies_unchanged == 2 and not again.agencies_changed


def test_an_empty_cell_keeps_the_address_unless_clear_empty(listed, tmp_path):
    """An empty e-mail cell is counted and keeps the stored address; with clear_empty it clears it."""
    empty = write(tmp_path, "e.csv", "Mã cơ quan,Tên cơ quan,Email\nSKHCN,Sở Khoa học và Công nghệ,\n")
    kept = import_roster(listed, [empty], rejects_dir=tmp_path)
    assert kept.empty_cells == {"agency_email": 1} and not kept.agencies_changed
    assert emails(listed)["SKHCN"] == "vp.skhcn@laichau.gov.vn"
    cleared = import_roster(listed, [empty], rejects_dir=tmp_path, clear_empty=True)
    assert cleared.applied and dict(cleared.agencies_changed) == {"email": 1}
    assert emails(listed)["SKHCN"] is None


def test_a_version_8_database_gains_the_column_and_keeps_its_agencies(listed):
    """Step 9 adds the agency's e-mail column to a version-8 database, keeping its agencies (both databases)."""
    with listed.begin() as conn:
        conn.execute(text("ALTER TABLE agency DROP COLUMN email"))
        conn.execute(tables.schema_version.delete())
        conn.execute(tables.schema_version.insert().values(version=8))
    assert "email" not in {c["name"] for c in inspect(listed).get_columns("agency")}
    assert migrations.migrate(listed) == migrations.SCHEMA_VERSION
    assert emails(listed) == {"SKHCN": None, "BLC": None}


@pytest.mark.parametrize(
    ("written", "address"),
    [
        (" So.KHCN@LaiChau.gov.vn ", "so.khcn@laichau.gov.vn"),
        ("a+b@mail.example.org", "a+b@mail.example.org"),
        ("a@b", None),
        ("a b@c.vn", None),
        ("a..b@c.vn", None),
        ("a@c.vn, b@c.vn", None),
        ("x" * 250 + "@c.vn", None),
        (None, None),
    ],
)
def test_what_counts_as_one_plain_address(written, address):
    """One ASCII address with a dotted domain, at most 254 characters; anything else is not one."""
    assert email_address(written) == address
