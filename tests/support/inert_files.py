"""Checks shared by the tests of exports that cannot attack their reader: text
that a spreadsheet would run as a formula, and a campaign whose names hold it."""

from __future__ import annotations

import csv
import io
import zipfile

import openpyxl
from sqlalchemy import update

from dashboard.geo import boundaries
from dashboard.store import tables
from tests.support.handmade_campaign import fill

#: Text a spreadsheet would read as a formula, or as the start of one (OWASP).
PAYLOADS = ['=HYPERLINK("http://evil.example/x","click")', "+A1*2", "-2+3", "@SUM(A1)", "\tx", "\rx"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Who gets which payload in :func:`fill_with_payload_names` (every payload is used;
#: CB002, who moves between agencies, keeps the name the roster gave).
AGENCY_NAMES = {"SKHCN": PAYLOADS[0], "UBND-DK": PAYLOADS[3]}
STAFF_NAMES = {"CB001": PAYLOADS[1], "CB003": PAYLOADS[4], "CB004": PAYLOADS[5], "CB005": PAYLOADS[2]}
#: Communes renamed, for the lists of communes (their names are shipped, not imported).
COMMUNE_NAMES = {
    "03388": PAYLOADS[0],
    "03408": PAYLOADS[1],
    "03618": PAYLOADS[2],
    "03478": PAYLOADS[3],
    "03529": PAYLOADS[4],
    "03549": PAYLOADS[5],
}


def fill_with_payload_names(engine, folder):
    """The hand-made campaign, with its agencies, people and six communes renamed to PAYLOADS."""
    fill(engine, folder)
    with engine.begin() as conn:
        for code, name in AGENCY_NAMES.items():
            conn.execute(update(tables.agency).where(tables.agency.c.agency_code == code).values(name=name))
        for staff_id, name in STAFF_NAMES.items():
            conn.execute(update(tables.staff).where(tables.staff.c.staff_id == staff_id).values(full_name=name))
        unit = tables.admin_unit
        for code, name in COMMUNE_NAMES.items():
            conn.execute(
                update(unit)
                .where(unit.c.edition_id == boundaries.EDITION_2025, unit.c.commune_code == code)
                .values(name=name)
            )
    return engine


def xlsx_cells(data: bytes) -> list:
    """Every cell of every sheet, after checking that none is a formula: no ``<f>``
    element in the sheets' XML, every text cell typed as text, every number a number."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        for name in book.namelist():
            if name.startswith("xl/worksheets/"):
                xml = book.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, f"a formula in {name}"
    cells = []
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
                elif isinstance(cell.value, int | float):
                    assert cell.data_type == "n", (cell.coordinate, cell.value, cell.data_type)
                cells.append(cell.value)
    return cells


def assert_inert_xlsx(data: bytes, expected: list[str]) -> list:
    """The workbook holds each of ``expected`` as the very same text (a carriage
    return may read back as a line feed: openpyxl's XML parsers differ, lxml keeps
    it), and no formula; returns its cells."""
    cells = xlsx_cells(data)
    texts = [v for v in cells if isinstance(v, str)]
    for value in expected:
        forms = {value, value.replace("\r", "\n")}
        assert any(text.startswith(form) for text in texts for form in forms), (value, texts[:40])
    return cells


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a CSV written for Excel (UTF-8 with a byte-order mark)."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def assert_inert_csv(data: bytes, expected: list[str]) -> list[list[str]]:
    """No cell of the CSV starts as a formula unless it is a plain number, and each
    of ``expected`` is there behind an apostrophe; returns the rows."""
    rows = csv_rows(data)
    width = len(rows[0])
    cells = []
    for row in rows:
        assert len(row) == width, row  # a carriage return in a name did not split a row
        cells += row
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            float(cell)  # only a number (such as -3.5) may start with a sign
    for value in expected:
        assert "'" + value in cells, (value, cells[:40])
    return rows
