"""Importing the corpus of awkward i-Speed exports in tests/fixtures/.

The files are made by tests/fixtures/make_fixtures.py; each test states what the
file holds and which numbers the import must report and store. Every test that
touches the database runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.ingest.measurements import FileImportError, import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.store import bulk, tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


# -- helpers ------------------------------------------------------------------------


def run(engine, name, tmp_path, **kwargs):
    """Import one fixture file, with rejects written under tmp_path."""
    return import_measurements(engine, FIXTURES / name, rejects_dir=tmp_path / "rejects", **kwargs)


def stored(engine) -> pd.DataFrame:
    """Every stored measurement, oldest first."""
    m = tables.measurement
    with engine.connect() as conn:
        rows = conn.execute(select(m).order_by(m.c.measured_at, m.c.download_mbps)).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in m.columns])


def counts(engine) -> tuple[int, int]:
    """(measurements, import batches) in the database."""
    with engine.connect() as conn:
        measurements = conn.execute(select(func.count()).select_from(tables.measurement)).scalar()
        batches = conn.execute(select(func.count()).select_from(tables.import_batch)).scalar()
    return measurements, batches


def by_download(frame: pd.DataFrame, *columns: str) -> dict:
    """Stored columns keyed by the download speed (unique within each fixture)."""
    values = frame[list(columns)].astype(object).where(frame[list(columns)].notna(), None)
    if len(columns) == 1:
        return dict(zip(frame["download_mbps"], values[columns[0]], strict=False))
    return dict(zip(frame["download_mbps"], map(tuple, values.to_numpy()), strict=False))


def utc(*args) -> dt.datetime:
    """A naive UTC datetime, as the measurement table stores it."""
    return dt.datetime(*args)


def load_roster(engine, tmp_path):
    return import_roster(
        engine,
        [FIXTURES / "agencies.csv", FIXTURES / "staff.csv"],
        as_of=dt.date(2026, 9, 1),
        rejects_dir=tmp_path / "rejects",
    )


# -- encodings, separators, number and time formats ------------------------------


def test_utf8_bom_semicolon_decimal_comma(ready_engine, tmp_path):
    """UTF-8 with BOM, ';' separators, decimal commas (also '1.234,5') and dd/mm/yyyy
    local times: every row is imported, times are stored in UTC (local 10:00 is
    03:00 UTC) and the calendar columns are computed in local time."""
    summary = run(ready_engine, "utf8_bom_semicolon_decimal_comma.csv", tmp_path)
    assert (summary.rows_read, summary.imported, summary.rejected_total) == (6, 6, 0)
    assert summary.placed == {"position": 6}
    rows = stored(ready_engine).set_index("download_mbps")

    first = rows.loc[45.5]
    assert first["measured_at"] == utc(2026, 11, 1, 3, 0)
    assert (first["upload_mbps"], first["latency_ms"]) == (12.25, 28.0)
    assert (first["latitude"], first["longitude"]) == (22.38, 103.47)
    assert (first["operator"], first["access"], first["technology"]) == ("viettel", "mobile", "4g")
    assert first["commune_code"] == "03408" and first["account"] == "+84912345678"

    fibre = rows.loc[1234.5]  # written '1.234,5'
    assert (fibre["upload_mbps"], fibre["latency_ms"]) == (980.75, 3.5)
    assert (fibre["operator"], fibre["access"], fibre["technology"]) == ("vnpt", "fixed", "ethernet")
    # Sunday 23:30 local (16:30 UTC) stays in that ISO week.
    assert fibre["measured_at"] == utc(2026, 11, 8, 16, 30)
    assert (fibre["local_date"], fibre["iso_week"]) == (dt.date(2026, 11, 8), "2026-W45")

    # Monday 06:30 local is still Sunday 23:30 in UTC: the week is the local one.
    monday = rows.loc[88.125]
    assert monday["measured_at"] == utc(2026, 11, 8, 23, 30)
    assert (monday["local_date"], monday["iso_week"], monday["month"]) == (dt.date(2026, 11, 9), "2026-W46", "2026-11")
    assert (monday["access"], monday["technology"]) == ("fixed", "wifi")

    # New Year's morning local is 31 December in UTC: date and month are local.
    new_year = rows.loc[20.0]
    assert new_year["measured_at"] == utc(2025, 12, 31, 22, 0)
    assert (new_year["local_date"], new_year["month"], new_year["iso_week"]) == (
        dt.date(2026, 1, 1),
        "2026-01",
        "2026-W01",
    )


def test_utf16_tab_english_headers(ready_engine, tmp_path):
    """Excel 'Unicode text' (UTF-16 LE with BOM, tabs, CRLF) with English headers:
    naive, 'Z' and '+07:00' ISO times all mean the same instant when they should;
    jitter, IP version, operators and connection types are read."""
    summary = run(ready_engine, "utf16_tab.txt", tmp_path)
    assert (summary.rows_read, summary.imported, summary.rejected_total) == (5, 5, 0)
    rows = stored(ready_engine)
    assert by_download(rows, "measured_at") == {
        55.5: utc(2026, 10, 5, 3, 0),  # naive local 10:00
        56.5: utc(2026, 10, 5, 3, 0),  # 03:00Z
        57.5: utc(2026, 10, 5, 3, 0),  # 10:00+07:00
        12.0: utc(2026, 10, 6, 9, 20),
        300.25: utc(2026, 10, 7, 2, 10, 30),
    }
    assert by_download(rows, "operator", "access", "technology", "ip_version") == {
        55.5: ("viettel", "mobile", "4g", 4),
        56.5: ("vnpt", "mobile", "5g", 6),
        57.5: ("mobifone", "fixed", "wifi", 6),
        12.0: ("vietnamobile", "mobile", "3g", None),
        300.25: ("cmc", "fixed", "ethernet", 4),
    }
    assert by_download(rows, "jitter_ms")[12.0] == 15.0
    assert by_download(rows, "commune_code")[12.0] == "03618"


def test_legacy_cp1258_title_line_and_names(ready_engine, tmp_path):
    """A Windows-1258 file (tone marks as combining characters) with a title line
    above the headers: headers and commune names with diacritics are understood,
    text is stored in NFC, and a reject points at the right line of the file."""
    summary = run(ready_engine, "legacy_cp1258.csv", tmp_path)
    assert (summary.rows_read, summary.imported) == (5, 4)
    assert summary.rejected == {"bad_download": 1}
    assert summary.placed == {"name": 4}
    rows = stored(ready_engine)
    assert by_download(rows, "commune_code") == {35.2: "03529", 18.6: "03408", 95.0: "03478", 22.4: "03549"}
    assert set(rows["account"]) == {"tùng.lv", "nguyệt.đt"}  # composed (NFC) forms
    assert by_download(rows, "access", "technology")[95.0] == ("fixed", "ethernet")
    assert rows["measured_at"].min() == utc(2026, 10, 12, 2, 0)
    rejects = pd.read_csv(summary.rejects_file, dtype=str)
    assert rejects[["line", "reason"]].values.tolist() == [["5", "download speed is not a number"]]
    assert rejects["Tốc độ tải xuống (Mbps)"].tolist() == ["không đo được"]


def test_no_diacritics_headers_and_kbps(ready_engine, tmp_path):
    """Headers without diacritics are recognised, speeds in a '(kbps)' column are
    divided by 1000, and phone numbers in any usual form are stored as +84…."""
    summary = run(ready_engine, "no_diacritics_kbps.csv", tmp_path)
    assert (summary.rows_read, summary.imported, summary.rejected_total) == (5, 5, 0)
    assert (summary.unmatched, summary.without_identity) == (4, 1)  # no roster yet
    rows = stored(ready_engine)
    assert sorted(rows["download_mbps"]) == [0.85, 12.346, 25.0, 64.0, 102.4]  # 12345.6 kbps -> 3 decimals
    assert by_download(rows, "upload_mbps")[25.0] == 5.12
    assert by_download(rows, "upload_mbps")[102.4] == 51.2
    assert by_download(rows, "latency_ms")[0.85] == 210.0
    assert by_download(rows, "phone") == {
        25.0: "+84912345678",
        102.4: "+84987654321",
        0.85: "+84971112233",
        12.346: "+84988000111",
        64.0: None,
    }
    assert rows.loc[rows["download_mbps"] == 25.0, "measured_at"].item() == utc(2026, 10, 12, 1, 15)


def test_swapped_coordinates(ready_engine, tmp_path):
    """Rows with latitude and longitude the wrong way round are counted as swapped,
    stored the right way round, flagged, and placed in the right commune."""
    summary = run(ready_engine, "swapped_coordinates.csv", tmp_path)
    assert (summary.imported, summary.swapped, summary.outside) == (6, 3, 0)
    assert summary.placed == {"position": 6}
    rows = stored(ready_engine)
    assert rows["coords_swapped"].tolist() == [False, True, True, False, True, False]
    assert rows["commune_code"].tolist() == ["03408", "03408", "03595", "03445", "03549", "03388"]
    assert rows["latitude"].between(21.6, 22.9).all() and rows["longitude"].between(102.3, 104.0).all()
    assert (rows.loc[1, "latitude"], rows.loc[1, "longitude"]) == (22.3695, 103.4812)


def test_excel_serial_and_datetime_cells(ready_engine, tmp_path):
    """A workbook with a title row and an empty row above the headers, and times as
    Excel serial numbers, real datetime cells and text: all read as local times;
    an unreadable time is rejected with its Excel row number; a notes sheet is ignored."""
    summary = run(ready_engine, "excel_dates.xlsx", tmp_path)
    assert (summary.rows_read, summary.imported) == (6, 5)
    assert summary.rejected == {"bad_time": 1}
    rows = stored(ready_engine)
    assert by_download(rows, "measured_at") == {
        40.5: utc(2026, 10, 20, 3, 0),  # serial for 20/10/2026 10:00
        41.5: utc(2026, 10, 20, 7, 30),  # datetime cell 14:30
        42.5: utc(2026, 10, 20, 17, 15),  # serial for 21/10/2026 00:15
        43.5: utc(2026, 10, 22, 1, 0),  # text '22/10/2026 08:00'
        45.5: utc(2026, 10, 23, 2, 0),
    }
    assert by_download(rows, "local_date")[42.5] == dt.date(2026, 10, 21)
    assert by_download(rows, "latitude", "longitude")[43.5] == (22.3225, 103.2266)  # text '22,3225'
    assert by_download(rows, "commune_code") == {
        40.5: "03408",
        41.5: "03388",
        42.5: "03618",
        43.5: "03478",
        45.5: "03595",
    }
    rejects = pd.read_csv(summary.rejects_file, dtype=str)
    assert rejects[["line", "reason"]].values.tolist() == [["8", "time not readable"]]


# -- duplicates and re-imports ---------------------------------------------------------


def test_duplicates_in_file(ready_engine, tmp_path):
    """Exact repeated rows and rows repeating a source id ('Mã phép đo') are stored
    once; the first occurrence wins; a re-import adds nothing."""
    summary = run(ready_engine, "duplicates.csv", tmp_path)
    assert (summary.rows_read, summary.imported, summary.duplicates_in_file, summary.already_present) == (9, 6, 3, 3)
    rows = stored(ready_engine)
    assert rows["source_id"].tolist() == ["M001", "M002", "M003", "M004", "M005", "M006"]
    assert rows.loc[rows["source_id"] == "M003", "download_mbps"].item() == 12.5
    again = run(ready_engine, "duplicates.csv", tmp_path)
    assert (again.imported, again.already_present) == (0, 9)
    assert counts(ready_engine)[0] == 6


def test_blank_source_ids_fall_back_to_content(ready_engine, tmp_path):
    """Rows whose 'id' cell is empty are told apart by their content, not all
    treated as one test with the id '': five different tests, five rows stored."""
    summary = run(ready_engine, "blank_source_ids.csv", tmp_path)
    assert (summary.imported, summary.duplicates_in_file) == (5, 0)
    rows = stored(ready_engine)
    assert rows["source_id"].tolist()[:2] == ["A-1", "A-2"]
    assert rows["source_id"].iloc[2:].isna().all()  # no id: stored as NULL, not ''


def test_same_file_twice_adds_nothing(ready_engine, tmp_path):
    """Importing a file a second time stores no new measurement and reports every
    row as already present."""
    first = run(ready_engine, "utf8_bom_semicolon_decimal_comma.csv", tmp_path)
    before = stored(ready_engine)
    second = run(ready_engine, "utf8_bom_semicolon_decimal_comma.csv", tmp_path)
    assert (first.imported, second.imported, second.already_present) == (6, 0, 6)
    after = stored(ready_engine)
    assert len(after) == 6
    assert after["measurement_id"].tolist() == before["measurement_id"].tolist()


def test_overlapping_export_adds_only_new_rows(ready_engine, tmp_path):
    """A second weekly export repeating three tests of the first, written another way
    (';', decimal commas, dd/mm/yyyy, upper-case accounts), adds only its four new tests."""
    a = run(ready_engine, "weekly_a.csv", tmp_path)
    b = run(ready_engine, "weekly_b.csv", tmp_path)
    assert (a.imported, b.rows_read, b.imported, b.already_present) == (6, 7, 4, 3)
    rows = stored(ready_engine)
    assert len(rows) == 10 and rows["download_mbps"].is_unique
    assert rows["import_id"].value_counts().sort_index().tolist() == [6, 4]
    assert run(ready_engine, "weekly_a.csv", tmp_path).imported == 0


# -- failures leave the database unchanged ------------------------------------------


def test_broken_file_fails_naming_the_line(ready_engine, tmp_path):
    """A file whose second half has another number of fields fails with a message
    naming the file and the first bad line; nothing is written, no rejects file."""
    run(ready_engine, "weekly_a.csv", tmp_path)
    before = counts(ready_engine)
    with pytest.raises(FileImportError) as failure:
        run(ready_engine, "broken_halfway.csv", tmp_path)
    message = str(failure.value)
    assert "broken_halfway.csv" in message and "line 10" in message
    assert "expected 9 fields, found 12" in message
    assert counts(ready_engine) == before
    assert not list((tmp_path / "rejects").glob("broken_halfway*"))


def test_failure_mid_write_rolls_back(ready_engine, tmp_path, monkeypatch):
    """A failure after some rows were written (injected into the bulk insert) undoes
    the whole import: no measurement, no import batch, no rejects file remain."""
    run(ready_engine, "weekly_a.csv", tmp_path)
    before = counts(ready_engine)
    written = []

    def finish_then_fail(writer, values):
        written.append(values["rows_imported"])  # the rows are in, inside the open transaction
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk.ImportWriter, "finish", finish_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        run(ready_engine, "bad_values.csv", tmp_path)
    assert written == [3]  # rows really were written before the failure
    assert counts(ready_engine) == before
    assert not list((tmp_path / "rejects").glob("bad_values*"))
    monkeypatch.undo()
    assert run(ready_engine, "bad_values.csv", tmp_path).imported == 3


# -- rejects ------------------------------------------------------------------------------


def test_bad_values_rejected_with_reasons(ready_engine, tmp_path):
    """Rows without a usable time, download, position or delay are set aside with a
    reason; a row without an operator is kept; the rest is imported."""
    summary = run(ready_engine, "bad_values.csv", tmp_path)
    assert (summary.rows_read, summary.imported) == (12, 3)
    assert summary.rejected == {
        "no_time": 1,
        "bad_time": 2,
        "negative_value": 1,
        "impossible_speed": 1,
        "bad_coordinates": 1,
        "impossible_delay": 1,
        "no_download": 1,
        "time_out_of_range": 1,
    }
    rows = stored(ready_engine)
    assert sorted(rows["download_mbps"]) == [25.5, 30.5, 33.5]
    assert by_download(rows, "operator") == {25.5: "viettel", 30.5: None, 33.5: "vnpt"}


def test_rejects_file_opens_in_excel_and_pandas(ready_engine, tmp_path):
    """The rejects file is CSV in UTF-8 with a BOM, starting with the columns line
    and reason, then the original cells, one row per rejected line of the file."""
    summary = run(ready_engine, "bad_values.csv", tmp_path)
    path = Path(summary.rejects_file)
    assert path.parent == tmp_path / "rejects" and path.suffix == ".csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rejects = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(rejects.columns[:3]) == ["table", "line", "reason"]
    assert "Thời gian đo" in rejects.columns  # headers survive with their diacritics
    assert dict(zip(rejects["line"].astype(int), rejects["reason"], strict=False)) == {
        3: "no time of test",
        4: "time not readable",
        5: "time not readable",
        6: "negative speed or delay",
        7: "speed above 10,000 Mbps",
        8: "coordinates out of range",
        10: "latency or jitter above 10,000 ms",
        11: "no download speed",
        12: "time before 2020 or in the future",
    }
    assert rejects.loc[rejects["line"] == "4", "Thời gian đo"].item() == "hôm qua"


# -- placement -----------------------------------------------------------------------------


def test_gap_border_and_outside_points(ready_engine, tmp_path):
    """A point in a sliver gap between communes and one 100 m outside the border go
    to the nearest commune; 5 km outside and Hà Nội are 'outside'; (0, 0) is no fix."""
    summary = run(ready_engine, "gaps_and_outside.csv", tmp_path)
    assert summary.imported == 6 and summary.outside == 2
    assert summary.placed == {"position": 1, "nearest": 2, "outside": 2, "unplaced": 1}
    rows = stored(ready_engine)
    assert by_download(rows, "placement", "commune_code") == {
        15.5: ("position", "03408"),
        16.5: ("nearest", "03451"),  # sliver gap
        17.5: ("nearest", "03451"),  # ~100 m outside the border
        18.5: ("outside", None),  # ~5 km outside
        19.5: ("outside", None),  # Hà Nội
        20.5: ("unplaced", None),  # 0, 0
    }
    assert by_download(rows, "latitude", "longitude")[20.5] == (None, None)
    assert by_download(rows, "latitude", "longitude")[19.5] == (21.03, 105.85)


def test_place_by_code_and_name_in_the_edition_of_the_date(ready_engine, tmp_path):
    """Rows without a position are placed by commune code (a code missing its leading
    zero too) or by name (with or without diacritics and 'Xã'), read in the edition
    of the row's local date: the old Xã Mường Than (03619, before 1 July 2025) is now
    part of Xã Than Uyên (03595), while 'Mường Than' written later is today's
    Xã Mường Than (03618)."""
    summary = run(ready_engine, "by_name_and_code.csv", tmp_path)
    assert (summary.rows_read, summary.imported) == (13, 13)
    assert summary.placed == {"code": 4, "name": 7, "unplaced": 2}
    rows = stored(ready_engine)
    assert by_download(rows, "placement", "commune_code") == {
        10.5: ("code", "03408"),
        11.5: ("code", "03388"),  # '3388'
        12.5: ("code", "03595"),  # old code 3619 (Xã Mường Than) in 2024
        13.5: ("name", "03595"),  # 'Xã Mường Than' in 2024
        14.5: ("name", "03618"),  # 'Mường Than' in 2026
        15.5: ("name", "03618"),  # 'xa muong than' in 2026
        16.5: ("name", "03595"),  # 30/06/2025 23:00 local
        17.5: ("name", "03618"),  # 01/07/2025 01:00 local (still 30 June in UTC)
        18.5: ("name", "03478"),  # 'Sin Ho'
        19.5: ("name", "03408"),  # 'Phường Tân Phong'
        20.5: ("code", "03618"),  # old code 3618 (Xã Phúc Than) in 2024
        21.5: ("unplaced", None),  # old code 03619 used in 2026
        22.5: ("unplaced", None),  # 'Hà Đông'
    }


# -- staff -----------------------------------------------------------------------------------


def test_reported_sheet_links_to_staff(ready_engine, tmp_path):
    """After the roster, an agency's sheet with a 'Mã cán bộ' column and no account
    links each test to the person; an unknown staff id is kept but matches nobody."""
    roster = load_roster(ready_engine, tmp_path)
    assert (roster.agencies_added, roster.staff_added, roster.rejected) == (3, 4, {})
    summary = run(ready_engine, "reported_tests_sheet.xlsx", tmp_path)
    assert (summary.rows_read, summary.imported, summary.matched_staff, summary.unmatched) == (5, 5, 4, 1)
    assert summary.placed == {"name": 5}
    rows = stored(ready_engine)
    assert by_download(rows, "reported_staff_id", "staff_id", "commune_code") == {
        33.3: ("CB001", "CB001", "03408"),
        34.4: ("CB001", "CB001", "03408"),
        35.5: ("CB002", "CB002", "03388"),
        21.0: ("CB003", "CB003", "03595"),
        22.0: ("CB099", None, "03478"),
    }
    assert by_download(rows, "measured_at")[35.5] == utc(2026, 10, 14, 3, 30)  # text cell


def test_phones_in_any_form_link_to_staff(ready_engine, tmp_path):
    """Roster phones written '0912 345 678', '+84 987 654 321' and '84971112233'
    match export phones written '0912345678', '84987654321' and '+84 971 112 233';
    an account that is a phone number matches too."""
    load_roster(ready_engine, tmp_path)
    summary = run(ready_engine, "no_diacritics_kbps.csv", tmp_path)
    assert (summary.matched_staff, summary.unmatched, summary.without_identity) == (3, 1, 1)
    rows = stored(ready_engine)
    assert by_download(rows, "staff_id") == {
        25.0: "CB001",
        102.4: "CB002",
        0.85: "CB003",
        12.346: None,
        64.0: None,
    }
    accounts = run(ready_engine, "utf8_bom_semicolon_decimal_comma.csv", tmp_path)
    assert accounts.matched_staff == 2  # account '0912 345 678' is CB001's phone


def test_roster_after_measurements_links_them(ready_engine, tmp_path):
    """Tests imported before the roster are linked when the roster arrives."""
    run(ready_engine, "no_diacritics_kbps.csv", tmp_path)
    assert stored(ready_engine)["staff_id"].isna().all()
    roster = load_roster(ready_engine, tmp_path)
    assert (roster.measurements_linked, roster.measurements_unmatched) == (3, 1)
    assert sorted(stored(ready_engine)["staff_id"].dropna()) == ["CB001", "CB002", "CB003"]


def test_partial_column_mapping_keeps_recognised_columns(ready_engine, tmp_path):
    """A column mapping that names only the column the importer did not recognise
    still uses the columns it did recognise (time, position)."""
    path = tmp_path / "dl_speed.csv"
    path.write_text("Thời gian đo,DL speed,Vĩ độ,Kinh độ\n01/10/2026 08:00,25000,22.38,103.47\n", encoding="utf-8")
    summary = import_measurements(
        ready_engine, path, column_map={"download_kbps": "DL speed"}, rejects_dir=tmp_path / "rejects"
    )
    assert (summary.imported, summary.placed) == (1, {"position": 1})
    row = stored(ready_engine).iloc[0]
    assert (row["download_mbps"], row["measured_at"], row["commune_code"]) == (25.0, utc(2026, 10, 1, 1, 0), "03408")


def test_each_import_keeps_its_own_rejects_file(ready_engine, tmp_path, monkeypatch):
    """Two files with the same name (each agency sends 'ketqua.csv') imported within
    the same second each keep their own rejects file; the second does not overwrite
    the first. (The clock is frozen so the test does not depend on timing.)"""
    from dashboard.dates import clock

    monkeypatch.setattr(clock, "_utc_now", lambda: dt.datetime(2026, 11, 25, 2, 0, 0, tzinfo=dt.UTC))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first_file = tmp_path / "a" / "ketqua.csv"
    second_file = tmp_path / "b" / "ketqua.csv"
    first_file.write_bytes((FIXTURES / "bad_values.csv").read_bytes())
    second_file.write_bytes((FIXTURES / "legacy_cp1258.csv").read_bytes())
    first = import_measurements(ready_engine, first_file, rejects_dir=tmp_path / "rejects")
    second = import_measurements(ready_engine, second_file, rejects_dir=tmp_path / "rejects")
    assert first.rejects_file != second.rejects_file
    assert len(pd.read_csv(first.rejects_file)) == 9
    assert len(pd.read_csv(second.rejects_file)) == 1
