"""Lists to send by mail: CSV that Excel opens with Vietnamese intact, and
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

from dashboard.campaign import clock
from dashboard.i18n import label, value_name

#: Excel's limit on the length of a sheet's name, and the characters it refuses.
SHEET_NAME_MAX = 31
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
#: Text starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Columns of the uncovered list, in order: field -> label key.
UNCOVERED_COLUMNS = {
    "commune_code": "col_commune_code", "name": "col_commune", "unit_type": "col_unit_type",
    "former_district": "former_district", "fixed_samples": "col_fixed_samples", "fixed_floor": "col_fixed_target",
    "fixed_shortfall": "col_fixed_shortfall", "mobile_samples": "col_mobile_samples",
    "mobile_floor": "col_mobile_target", "mobile_shortfall": "col_mobile_shortfall", "shortfall": "col_shortfall", "population": "col_population",
    "samples_per_1000": "col_per_1000", "agencies_located": "col_agencies_located",
    "fixed_tests_per_week_needed": "col_fixed_needed", "fixed_tests_per_staff_week": "col_fixed_per_staff",
    "mobile_tests_per_week_needed": "col_mobile_needed", "mobile_tests_per_staff_week": "col_mobile_per_staff",
}  # fmt: skip


#: A category as a file name says it (no diacritics, so that every mail program keeps it).
CATEGORY_IN_FILE_NAMES = {"fixed": "co_dinh", "mobile": "di_dong", "both": "co_dinh_va_di_dong"}


def uncovered_file_stem(period_key: str, category: str) -> str:
    """The name (without suffix) of an uncovered list's file: period and category."""
    return f"xa_chua_du_mau_{CATEGORY_IN_FILE_NAMES[category]}_{period_key}"


def uncovered_sheet(uncovered: pd.DataFrame, language: str = "vi", category: str = "both") -> pd.DataFrame:
    """The uncovered list with the columns a reader expects for ``category`` ('fixed',
    'mobile' or 'both'), labelled in ``language``. With less than a week left, what is
    still needed is given for the days left (the heading says how many)."""
    left = uncovered["days_left"].dropna() if "days_left" in uncovered else pd.Series(dtype=float)
    days = int(left.iloc[0]) if len(left) else None
    columns = {}
    for field, key in UNCOVERED_COLUMNS.items():
        access = field.split("_")[0]
        if access in ("fixed", "mobile") and category not in (access, "both"):
            continue  # the other category's columns
        if field == "shortfall" and category != "both":
            continue  # the total is the category's own shortfall
        if days is not None and field.endswith(("_tests_per_week_needed", "_tests_per_staff_week")):
            now = field.replace("tests_per_week_needed", "tests_needed_now").replace("tests_per_staff_week",
                                                                                       "tests_per_staff_now")
            columns[now] = label(key.replace("_needed", "_needed_days").replace("_per_staff", "_per_staff_days"),
                                 language).format(days=days)  # fmt: skip
            continue
        columns[field] = label(key, language)
    return uncovered.reindex(columns=list(columns)).rename(columns=columns)


#: Columns of the participation list, in order: field -> label key.
PARTICIPATION_COLUMNS = {
    "agency_code": "col_agency_code", "name": "col_agency", "agency_kind": "col_kind", "commune_name": "col_commune",
    "staff": "col_staff_week", "staff_tested": "col_active_week", "staff_met_target": "col_met_week",
    "compliance": "col_compliance", "previous": "col_previous", "change": "col_change", "tests": "col_tests",
    "tests_per_person_week": "col_per_person_week",
}  # fmt: skip
#: Columns shown as percentages (0..1 stored); their headings say "(%)".
_PERCENT_COLUMNS = ("compliance", "previous")


def participation_sheet(table: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The agency table of :func:`participation.agency_table`, labelled in ``language``:
    compliance and the previous period's in percent, the change in points (one
    decimal), staff per week to one decimal, the agency kind by name."""
    sheet = table[list(PARTICIPATION_COLUMNS)].copy()
    sheet["agency_kind"] = [value_name("agency_kind", code, language) for code in sheet["agency_kind"]]
    for column in _PERCENT_COLUMNS:
        sheet[column] = (sheet[column].astype("float64") * 100).round(1)
    sheet["change"] = sheet["change"].astype("float64").round(1)
    for column in ("staff", "staff_tested", "staff_met_target"):
        sheet[column] = sheet[column].astype("float64").round(1)
    sheet["tests_per_person_week"] = sheet["tests_per_person_week"].astype("float64").round(2)
    sheet["tests"] = sheet["tests"].astype("int64")
    names = {field: label(key, language) for field, key in PARTICIPATION_COLUMNS.items()}
    for column in _PERCENT_COLUMNS:
        names[column] += " (%)"
    return sheet.rename(columns=names)


def staff_weeks_sheet(staff: pd.DataFrame, weeks: list[str], language: str = "vi") -> pd.DataFrame:
    """One agency's people (rows of :func:`participation.staff_sheet`) labelled in
    ``language``, with a column of tests for every week in ``weeks`` (blank when
    the person was not on the agency's roster that week)."""
    sheet = pd.DataFrame({"staff_id": staff["staff_id"], "full_name": staff["full_name"]})
    for key in weeks:
        sheet[key] = staff[key].astype("Int64") if key in staff else pd.Series(pd.NA, index=staff.index, dtype="Int64")
    sheet["weeks_met"] = staff["weeks_met"].astype("int64")
    sheet["weeks_on_roster"] = staff["weeks_on_roster"].astype("int64")
    sheet["last_test"] = pd.to_datetime(staff["last_test"]).dt.date
    fields = ("staff_id", "full_name", "weeks_met", "weeks_on_roster", "last_test")
    return sheet.rename(columns={field: label(f"col_{field}", language) for field in fields})


#: Columns of the evidence for an operator, in order: field -> label key.
EVIDENCE_COLUMNS = {
    "commune_code": "col_commune_code", "name": "col_commune", "former_district": "former_district",
    "operator": "operator", "samples": "col_samples", "median": "col_median", "ci_low": "col_ci_low",
    "ci_high": "col_ci_high", "p10": "P10", "p90": "P90", "share_under": "col_share_under", "verdict": "col_verdict",
}  # fmt: skip


def evidence_sheet(under: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """Communes under the threshold for an operator (rows of
    :func:`quality.below_threshold`), labelled in ``language``: speeds to one
    decimal, the share under the threshold in percent, the verdict in words."""
    sheet = under.reindex(columns=list(EVIDENCE_COLUMNS)).copy()
    sheet["operator"] = [value_name("operator", code, language) for code in sheet["operator"]]
    for column in ("median", "ci_low", "ci_high", "p10", "p90"):
        sheet[column] = sheet[column].astype("float64").round(1)
    sheet["share_under"] = (sheet["share_under"].astype("float64") * 100).round(1)
    sheet["verdict"] = [label(f"verdict_{v}", language) for v in sheet["verdict"]]
    names = {field: label(key, language) for field, key in EVIDENCE_COLUMNS.items()}
    names["share_under"] += " (%)"
    return sheet.rename(columns=names)


def inert(value):
    """``value`` as a CSV cell that no spreadsheet runs: text starting with a
    formula character (see FORMULA_STARTS) gets a leading apostrophe, as OWASP
    advises; numbers, dates and missing values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_frame(sheet: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``sheet`` with every text cell and heading passed through :func:`inert`.
    Number columns are left alone: -3.5 stays a number."""
    out = sheet.rename(columns=inert)
    for position, column in enumerate(out.columns):
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
    return xlsx_book([("Danh sach", sheet, title)], generated_at)


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
