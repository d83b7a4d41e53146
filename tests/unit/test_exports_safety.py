"""Exports that cannot attack their reader: text that a spreadsheet would run as a
formula (``=HYPERLINK(…)``, ``+A1*2``, ``-2+3``, ``@SUM(A1)``, a leading tab or carriage
return) is written as text in every XLSX and behind an apostrophe in every CSV,
while numbers stay numbers."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from dashboard import sheets
from dashboard.cli import main as cli
from dashboard.ingest.raw import LINE_COLUMN
from dashboard.ingest.rejects import write_rejects
from tests.support.inert_files import (
    AGENCY_NAMES,
    COMMUNE_NAMES,
    PAYLOADS,
    STAFF_NAMES,
    assert_inert_csv,
    assert_inert_xlsx,
    csv_rows,
    fill_with_payload_names,
)

WEEKS = "2026-W45..2026-W47"


def _sheet() -> pd.DataFrame:
    """Every payload as a name, beside numbers, a negative one included, and a date."""
    return pd.DataFrame(
        {
            "name": [*PAYLOADS, "Sở Khoa học và Công nghệ", None],
            "change": [-3.5, -11.1, 0.0, 2.5, 1.0, -0.1, 7.25, None],
            "tests": pd.array([1, 2, 3, 4, 5, 6, 7, None], dtype="Int64"),
            "last_test": [dt.date(2026, 11, 20)] * 8,
            "=SUM(B:B)": ["x"] * 8,  # a heading from a rejected file's header row
        }
    )


def test_inert_puts_an_apostrophe_before_formula_text_only():
    """Only text is neutralised: numbers, missing values and harmless text pass through."""
    assert [sheets.inert(v) for v in PAYLOADS] == ["'" + v for v in PAYLOADS]
    assert sheets.inert("Lò Thị Bình") == "Lò Thị Bình" and sheets.inert("a=b") == "a=b"
    assert sheets.inert(-3.5) == -3.5 and sheets.inert(-2) == -2 and sheets.inert(None) is None


def test_a_phone_number_in_a_csv_keeps_no_apostrophe():
    """A phone written +84 912 345 678 is a number to a spreadsheet, not a formula: it
    is written as it is, while a formula hidden behind digits is still made inert."""
    assert sheets.inert("+84 912 345 678") == "+84 912 345 678" and sheets.inert("+84912345678") == "+84912345678"
    assert sheets.inert("+84912345678+cmd|' /C calc'!A0") == "'+84912345678+cmd|' /C calc'!A0"
    assert sheets.inert("-1+1") == "'-1+1"


def test_xlsx_writes_formula_text_as_text_and_numbers_as_numbers():
    """Cells, headings and the title are text cells holding the very characters given;
    the sheet's XML has no formula; -3.5 stays a numeric cell."""
    sheet = _sheet()
    data = sheets.xlsx_book([("=Sheet", sheet, PAYLOADS[0])], dt.datetime(2026, 11, 24))
    cells = assert_inert_xlsx(data, [*PAYLOADS, "=SUM(B:B)", PAYLOADS[0] + " — 24/11/2026 00:00"])
    assert -3.5 in cells and -11.1 in cells and 7 in cells
    assert [v for v in cells if isinstance(v, str) and v.startswith("'")] == []  # no apostrophe added in XLSX


def test_xlsx_bytes_keeps_an_error_code_as_text():
    """openpyxl types "#N/A" as an error value: as a name it stays text."""
    data = sheets.xlsx_bytes(pd.DataFrame({"name": ["#N/A", "=1+1"]}), "title")
    assert "#N/A" in assert_inert_xlsx(data, ["=1+1"])


def test_csv_puts_an_apostrophe_before_formula_text_and_leaves_numbers():
    """Each payload reads back behind an apostrophe, a carriage return does not split
    its row, the heading is neutralised too, and negative numbers are written bare."""
    rows = assert_inert_csv(sheets.csv_bytes(_sheet()), [*PAYLOADS, "=SUM(B:B)"])
    assert rows[0] == ["name", "change", "tests", "last_test", "'=SUM(B:B)"]
    assert rows[1][:3] == ["'" + PAYLOADS[0], "-3.5", "1"] and rows[6][:2] == ["'\rx", "-0.1"]
    assert rows[7][0] == "Sở Khoa học và Công nghệ" and len(rows) == 1 + 8


def test_rejects_csv_neutralises_the_raw_cells(tmp_path):
    """The rejects file echoes what the user's file held, headings included: formulas
    made inert, a plain negative number (harmless) written as it is."""
    rejects = pd.DataFrame(
        {LINE_COLUMN: [2, 3, 4, 5, 6, 7], "_reason": ["no download speed"] * 6, "Tên": PAYLOADS, "@cmd": ["-5"] * 6}
    )
    path = write_rejects(rejects, tmp_path / "tests.csv", tmp_path)
    rows = assert_inert_csv(path.read_bytes(), [*PAYLOADS, "@cmd"])
    assert rows[0] == ["line", "reason", "Tên", "'@cmd"] and rows[1][0] == "2" and rows[1][3] == "-5"


@pytest.fixture
def cli_database(file_database, tmp_path):
    """A SQLite file with the hand-made campaign, its names replaced by the payloads."""
    return file_database(lambda engine: fill_with_payload_names(engine, tmp_path))


def test_cli_participation_per_agency_xlsx_is_inert(cli_database, tmp_path):
    """Agency names (cells and sheet titles), staff names and communes: all text, no formula."""
    out = tmp_path / "p.xlsx"
    assert (
        cli.main(
            [
                "--database",
                cli_database,
                "export",
                "participation",
                "--weeks",
                WEEKS,
                "--per-agency",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    data = out.read_bytes()
    assert_inert_xlsx(data, [*AGENCY_NAMES.values(), *STAFF_NAMES.values(), COMMUNE_NAMES["03388"]])
    agencies = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    compliance = [c.value for c in agencies[2]].index("Tỷ lệ đạt (%)") + 1
    assert all(isinstance(agencies.cell(row=r, column=compliance).value, float | int) for r in (3, 4))


def test_cli_participation_csv_is_inert(cli_database, tmp_path):
    """The participation CSV from the command line writes agency names that look like formulas behind an apostrophe,
    while compliance stays a bare number."""
    out = tmp_path / "p.csv"
    assert (
        cli.main(
            [
                "--database",
                cli_database,
                "export",
                "participation",
                "--weeks",
                WEEKS,
                "--format",
                "csv",
                "--output",
                str(out),
            ]
        )
        == 0
    )
    rows = assert_inert_csv(out.read_bytes(), list(AGENCY_NAMES.values()))
    assert sorted(row[0] for row in rows[1:]) == ["SKHCN", "UBND-DK"]
    assert all(float(row[7]) >= 0 for row in rows[1:])  # compliance written as a bare number


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_cli_uncovered_is_inert(cli_database, tmp_path, form):
    """``export uncovered`` with commune names that look like formulas."""
    out = tmp_path / f"u.{form}"
    assert (
        cli.main(
            [
                "--database",
                cli_database,
                "export",
                "uncovered",
                "--period",
                "2026-11",
                "--format",
                form,
                "--output",
                str(out),
            ]
        )
        == 0
    )
    if form == "xlsx":
        cells = assert_inert_xlsx(out.read_bytes(), list(COMMUNE_NAMES.values()))
        assert 300 in cells  # the floor, a number
    else:
        rows = assert_inert_csv(out.read_bytes(), list(COMMUNE_NAMES.values()))
        assert len(rows) == 1 + 38 and "300" in rows[1]


def test_csv_rows_reads_what_csv_bytes_writes():
    """The checks' reader agrees with the writer on a plain sheet (no false alarm)."""
    assert csv_rows(sheets.csv_bytes(pd.DataFrame({"a": ["x", "y"], "b": [1, -2]}))) == [
        ["a", "b"],
        ["x", "1"],
        ["y", "-2"],
    ]
