"""Imports through the web page: the command line's checks, plus size and kind,
and an audit entry for every attempt (both databases)."""

import datetime as dt
import io
import string

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard import i18n, refusals
from dashboard.access import audit
from dashboard.ingest import uploads
from dashboard.ingest.rejects import REASON_CODES, REASONS
from dashboard.store import tables
from tests.support.cli import FIXTURES


def _measurements(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables.measurement)).scalar()


def test_a_good_export_is_imported_and_logged(ready_engine, tmp_path):
    """A good export uploaded through the page is imported under its bare file name (the browser's folder dropped) and
    logged in the audit log under the uploader's name."""
    data = (FIXTURES / "weekly_a.csv").read_bytes()
    result = uploads.import_measurement_upload(
        ready_engine, "C:\\Users\\an\\weekly_a.csv", data, "chief", rejects_dir=tmp_path
    )
    assert result.ok and result.file_name == "weekly_a.csv"
    assert result.details.loc[result.details["Item"] == "Imported", "Result"].tolist() == ["6"]
    assert _measurements(ready_engine) > 0
    with ready_engine.connect() as conn:
        event = audit.events(conn).iloc[0]
    assert (event["username"], event["action"]) == ("chief", "import")
    assert "weekly_a.csv" in event["detail"]


def test_rejected_rows_come_back_as_a_file(ready_engine, tmp_path):
    """An upload with some bad rows is still imported, and its rejected rows come back as a file giving their line
    numbers."""
    result = uploads.import_measurement_upload(
        ready_engine, "bad_values.csv", (FIXTURES / "bad_values.csv").read_bytes(), "chief", rejects_dir=tmp_path
    )
    rows = pd.read_csv(io.BytesIO(result.rejects), dtype=str, encoding="utf-8-sig")
    assert result.ok and list(rows.columns[:3]) == [i18n.label(key, "en") for key in REJECTS_FRONT]
    lines = rows[i18n.label("import_col_line", "en")].astype(int).tolist()
    assert lines[0] == 3 and lines == sorted(set(lines))  # the file's lines (its second row is good)


def test_rejected_rows_give_their_reasons_in_the_readers_language(ready_engine, tmp_path):
    """Previewed in Vietnamese, the rows set aside give each reason, and name the file, line and reason columns, in
    Vietnamese (the same rows, the same reasons as in English, which the command line writes); every reason has
    both."""
    data = (FIXTURES / "bad_values.csv").read_bytes()
    english, vietnamese = (
        uploads.import_measurement_upload(
            ready_engine, "bad_values.csv", data, "chief", rejects_dir=tmp_path, dry_run=True, language=language
        )
        for language in ("en", "vi")
    )
    reasons = {
        language: pd.read_csv(io.BytesIO(result.rejects), dtype=str, encoding="utf-8-sig")[
            i18n.label("import_col_reason", language)
        ].tolist()
        for language, result in (("en", english), ("vi", vietnamese))
    }
    assert len(reasons["vi"]) == len(reasons["en"]) >= 3
    assert set(reasons["en"]) <= set(REASONS.values())
    assert reasons["vi"] == [i18n.label(f"reject_{_code(reason)}", "vi") for reason in reasons["en"]]
    assert not set(reasons["vi"]) & set(reasons["en"])
    header = pd.read_csv(io.BytesIO(vietnamese.rejects), dtype=str, encoding="utf-8-sig", nrows=0).columns
    assert list(header[:3]) == [i18n.label(key, "vi") for key in REJECTS_FRONT] == ["Tệp", "Dòng", "Lý do"]
    for code in REASON_CODES:  # a Vietnamese sentence of its own for every reason
        assert i18n.LABELS[f"reject_{code}"]["vi"] not in ("", REASONS[code])


#: The labels of the rejects file's first columns on the web page: file, line, reason.
REJECTS_FRONT = ("col_file", "import_col_line", "import_col_reason")


def _code(reason: str) -> str:
    return next(code for code, sentence in REASONS.items() if sentence == reason)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken_halfway.csv", (FIXTURES / "broken_halfway.csv").read_bytes(), "Nothing was imported"),
        ("photo.jpg", b"\xff\xd8\xff", "not a CSV"),
        ("empty.csv", b"", "is empty"),
        ("../../etc/roster.exe", b"x", "not a CSV"),
    ],
)
def test_a_bad_upload_changes_nothing_and_says_why(ready_engine, tmp_path, name, data, reason):
    """An upload that breaks half-way, is empty or is not a CSV (a photo, a path to an .exe) imports nothing, says why,
    and is logged as a failed import; the reason names the file, and the log names it only once in either language."""
    result = uploads.import_measurement_upload(ready_engine, name, data, "chief", rejects_dir=tmp_path)
    assert not result.ok and reason in result.error
    assert result.error_names_file and result.file_name in result.error
    assert _measurements(ready_engine) == 0
    with ready_engine.connect() as conn:
        event = audit.events(conn).iloc[0]
    assert (event["username"], event["action"]) == ("chief", "import_failed")
    for language in ("vi", "en"):
        assert audit.readable(event["detail"], language).count(result.file_name) == 1


def test_a_file_over_the_limit_is_refused(ready_engine, tmp_path, monkeypatch):
    """A file larger than the upload limit is refused with the limit named, and nothing is imported."""
    monkeypatch.setattr(uploads, "MAX_UPLOAD_MB", 0)
    result = uploads.import_measurement_upload(
        ready_engine, "weekly_a.csv", (FIXTURES / "weekly_a.csv").read_bytes(), "chief", rejects_dir=tmp_path
    )
    assert not result.ok and "larger than 0 MB" in result.error
    assert _measurements(ready_engine) == 0


def test_a_roster_upload_takes_its_files_together(ready_engine, tmp_path):
    """A roster upload imports its agencies and staff files together, and a file that is no roster is refused."""
    files = [(name, (FIXTURES / name).read_bytes()) for name in ("agencies.csv", "staff.csv")]
    result = uploads.import_roster_upload(
        ready_engine, files, "chief", as_of=dt.date(2026, 11, 1), rejects_dir=tmp_path
    )
    assert result.ok and result.file_name == "agencies.csv, staff.csv"
    with ready_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.staff)).scalar() > 0
    staff_only = uploads.import_roster_upload(
        ready_engine, [("notes.csv", b"a,b\n1,2\n")], "chief", rejects_dir=tmp_path
    )
    assert not staff_only.ok


def test_an_unexpected_failure_is_a_plain_message(ready_engine, tmp_path, monkeypatch, caplog):
    """A database fault during an upload reaches the page as one plain sentence; the
    details (here the SQL error) go to the server's log only."""
    from sqlalchemy.exc import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("insert into measurement …", {"phone": "+84912345678"}, Exception("database is locked"))

    monkeypatch.setattr(uploads, "import_measurements", broken)
    monkeypatch.setattr(uploads, "import_roster", broken)
    data = (FIXTURES / "weekly_a.csv").read_bytes()
    for result in (
        uploads.import_measurement_upload(ready_engine, "weekly_a.csv", data, "chief", rejects_dir=tmp_path),
        uploads.import_roster_upload(ready_engine, [("staff.csv", data)], "chief", rejects_dir=tmp_path),
    ):
        assert not result.ok and result.error == str(uploads.UNEXPECTED)
        assert "912345678" not in result.error
    assert "database is locked" in caplog.text


def test_a_preview_writes_nothing_and_asks_before_replacing_the_demo(ready_engine, tmp_path):
    """An upload previewed (dry run) writes nothing, not even the audit log; on a demo
    database the import is only applied when confirmed."""
    from dashboard.ingest.measurements import import_measurements

    import_measurements(ready_engine, FIXTURES / "weekly_a.csv", rejects_dir=tmp_path, is_demo=True)
    before = _measurements(ready_engine)
    data = (FIXTURES / "weekly_b.csv").read_bytes()
    preview = uploads.import_measurement_upload(
        ready_engine, "weekly_b.csv", data, "chief", rejects_dir=tmp_path, dry_run=True
    )
    assert preview.ok and not preview.applied and preview.losses == ["demo_replaced"]
    unconfirmed = uploads.import_measurement_upload(ready_engine, "weekly_b.csv", data, "chief", rejects_dir=tmp_path)
    assert unconfirmed.ok and not unconfirmed.applied
    assert _measurements(ready_engine) == before
    with ready_engine.connect() as conn:
        assert audit.events(conn).empty
    done = uploads.import_measurement_upload(
        ready_engine, "weekly_b.csv", data, "chief", rejects_dir=tmp_path, confirmed=True
    )
    assert done.applied and done.figures["rows_imported"] == preview.figures["rows_imported"]


def test_a_preview_says_when_a_file_would_store_nothing_new(ready_engine, tmp_path):
    """A file previewed before it is imported would store its tests; previewed again after, it would store nothing new,
    and says so (the page then offers no import)."""
    data = (FIXTURES / "weekly_a.csv").read_bytes()
    first = uploads.import_measurement_upload(
        ready_engine, "weekly_a.csv", data, "chief", rejects_dir=tmp_path, dry_run=True
    )
    assert first.ok and first.stores_anything and first.figures["rows_imported"] > 0
    uploads.import_measurement_upload(ready_engine, "weekly_a.csv", data, "chief", rejects_dir=tmp_path, confirmed=True)
    again = uploads.import_measurement_upload(
        ready_engine, "weekly_a.csv", data, "chief", rejects_dir=tmp_path, dry_run=True
    )
    assert again.ok and not again.stores_anything
    assert again.figures["rows_imported"] == 0 and again.figures["already_present"] == first.figures["rows_imported"]


@pytest.mark.parametrize(
    ("file_name", "data", "vietnamese", "english"),
    [
        ("notes.pdf", b"%PDF-1.4", "không phải là tệp CSV, TXT hoặc XLSX", "is not a CSV, TXT or XLSX file"),
        ("trong.csv", b"", "trong.csv là tệp rỗng", "trong.csv is empty"),
        (
            "no_speed.csv",
            "Thời gian đo,Nhà mạng\n01/11/2026 08:00:00,Viettel\n".encode(),
            "không có cột tốc độ tải xuống; các cột có trong tệp: Thời gian đo, Nhà mạng",
            "no column for download; columns found:",
        ),
        ("broken_halfway.csv", None, "dòng 10: cần 9 trường, có 12", "line 10: expected 9 fields, found 12"),
    ],
)
def test_a_refused_file_says_why_in_the_readers_language(ready_engine, tmp_path, file_name, data, vietnamese, english):
    """The reason a file is refused reaches a Vietnamese page in Vietnamese, with no English
    sentence or field code, and an English one in English; the audit log reads in its
    reader's language too."""
    data = (FIXTURES / file_name).read_bytes() if data is None else data
    said = {
        language: uploads.import_measurement_upload(
            ready_engine, file_name, data, "chief", rejects_dir=tmp_path, language=language
        ).error
        for language in ("vi", "en")
    }
    assert vietnamese in said["vi"] and english in said["en"]
    for english_words in ("column", "line", "empty", "download", "measured_at", "Nothing", "--map"):
        assert english_words not in said["vi"]
    with ready_engine.connect() as conn:
        logged = audit.events(conn)["detail"].tolist()
    assert any(vietnamese in audit.readable(line, "vi") for line in logged)  # the log reads in its reader's language
    assert any(english in audit.readable(line, "en") for line in logged)


def test_a_busy_database_is_said_in_the_readers_language(monkeypatch):
    """An import that waited its whole turn is refused with the wait written in the
    reader's words: '10 phút' on a Vietnamese page, '10 minutes' in English."""
    from dashboard.store.bulk import DatabaseBusy

    busy = DatabaseBusy("busy", duration=refusals.duration(600))
    assert str(busy) == "another import has held the database for 10 minutes; try again later"
    assert busy.text("vi") == "một lượt nhập khác đã giữ cơ sở dữ liệu suốt 10 phút; hãy thử lại sau"
    assert refusals.duration(1)("en") == "1 second" and refusals.duration(90)("vi") == "2 phút"


def test_every_refusal_quotes_the_same_values_in_both_languages():
    """Each refusal's Vietnamese and English sentences take the same fields, so that a
    value given for one language is never missing (or lost) in the other."""
    fields = {}
    for key, words in i18n.LABELS.items():
        if key.startswith("refusal_"):
            fields[key] = {
                lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in words.items()
            }
            assert fields[key]["vi"] == fields[key]["en"], key
            assert set(words) == {"vi", "en"}, key
    assert len(fields) > 30


def test_the_import_details_are_in_the_readers_language(ready_engine, tmp_path):
    """The import's details on a Vietnamese page are Vietnamese, names and values, with
    numbers written the Vietnamese way and no English word or stored code; in English
    they say what the command line prints."""
    data = (FIXTURES / "bad_values.csv").read_bytes()
    vi, en = (
        uploads.import_measurement_upload(
            ready_engine, "bad_values.csv", data, "chief", rejects_dir=tmp_path, dry_run=True, language=language
        ).details
        for language in ("vi", "en")
    )
    assert list(vi.columns) == ["Mục", "Kết quả"] and list(en.columns) == ["Item", "Result"]
    vi_rows = dict(zip(vi["Mục"], vi["Kết quả"], strict=True))
    assert vi_rows["Số dòng bị loại"] == "9" and vi_rows["   · không đọc được thời gian đo"] == "2"
    assert vi_rows["Xác định xã, phường"] == "theo toạ độ 3"
    assert vi_rows["Thời gian"].endswith(" giây") and "," in vi_rows["Thời gian"]
    text = " ".join(vi["Mục"]) + " " + " ".join(vi["Kết quả"])
    for english in ("file", "read", "placed", "position", "rejected", "linked", "matching", "time"):
        assert english not in text.replace("bad_values.csv", "")
    en_rows = dict(zip(en["Item"], en["Result"], strict=True))
    assert en_rows["Placed"] == "position 3" and en_rows["Already present"] == "0 (of which repeated in this file: 0)"
