"""Files people open in Excel: CSV that Excel opens with Vietnamese intact, and
formatted XLSX (title row, bold frozen header, column widths).

Every list the program writes for a reader (page downloads, ``export`` commands,
rejects files) goes through :func:`csv_bytes` or :func:`xlsx_book`, which keep text
from being read as a formula: names and cells come from imported files, so an
agency called ``=HYPERLINK(…)`` must stay a name.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard.dates import clock

#: Excel's limit on the length of a sheet's name, and the characters it refuses.
SHEET_NAME_MAX = 31
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
#: Text starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A signed number written with digits and spaces only (a phone, +84 912 345 678): a
#: spreadsheet reads it as a number, not a formula, and an apostrophe would show.
_SIGNED_DIGITS = re.compile(r"[+-]\d[\d ]*")


def inert(value):
    """``value`` as a CSV cell that no spreadsheet runs: text starting with a
    formula character (see FORMULA_STARTS) gets a leading apostrophe, as OWASP
    advises, unless it is only a signed run of digits (a phone number); numbers,
    dates and missing values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _SIGNED_DIGITS.fullmatch(value):
        return "'" + value
    return value


def inert_frame(sheet: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``sheet`` with every text cell and heading passed through :func:`inert`.
    Number columns are left alone: -3.5 stays a number."""
    out = sheet.rename(columns=inert)
    for position in range(len(out.columns)):
        values = out.iloc[:, position]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            out.isetitem(position, pd.Series([inert(v) for v in values], index=out.index, dtype=values.dtype))
    return out


def csv_bytes(sheet: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so that Excel shows Vietnamese correctly,
    and with text that could pass for a formula made inert (:func:`inert_frame`).

    Lines end in CRLF (RFC 4180): the writer then quotes a cell holding a carriage
    return, which would otherwise end the row early in the reader's program."""
    return inert_frame(sheet).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(sheet: pd.DataFrame, title: str, generated_at: dt.datetime | None = None) -> bytes:
    """A workbook with a title row (what and when: ``generated_at``, by default
    now in Vietnam), a bold frozen header and columns wide enough for their contents."""
    return xlsx_book([("Danh sách", sheet, title)], generated_at)


def xlsx_book(sheets: list[tuple[str, pd.DataFrame, str]], generated_at: dt.datetime | None = None) -> bytes:
    """A workbook with one formatted sheet per (sheet name, frame, title), in order,
    each titled with ``generated_at`` (by default now in Vietnam).

    Names are made valid for Excel (see :func:`sheet_name`) and unique."""
    generated_at = generated_at or clock.now().replace(tzinfo=None)
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, frame, title in sheets:
        _write_sheet(book.create_sheet(sheet_name(name, taken)), frame, title, generated_at)
    if not book.worksheets:  # a workbook needs a sheet
        book.create_sheet("Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(name: str, taken: set[str] | None = None) -> str:
    """``name`` as Excel accepts it: at most 31 characters, none of []:*?/\\, not
    starting or ending with an apostrophe, and (case-insensitively) not in ``taken``,
    to which it is added."""
    taken = set() if taken is None else taken
    base = _FORBIDDEN_IN_SHEET_NAME.sub("_", str(name)).strip().strip("'")[:SHEET_NAME_MAX].strip("'") or "Sheet"
    candidate, number = base, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f"~{number}"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def _write_sheet(ws, sheet: pd.DataFrame, title: str, generated_at: dt.datetime) -> None:
    ws.append([f"{title} — {generated_at:%d/%m/%Y %H:%M}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([str(column) for column in sheet.columns])
    for cell in ws[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet.itertuples(index=False):
        ws.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                # openpyxl makes "=…" a formula and "#N/A" an error: text stays text.
                # (XML reads a carriage return back as a line feed; harmless in a cell.)
                cell.data_type = "s"
            elif cell.is_date:
                cell.number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A3"  # title and header stay in view
    for position, column in enumerate(sheet.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in sheet[column].head(500)])
        ws.column_dimensions[get_column_letter(position)].width = min(max(10, longest + 2), 40)
