"""Lists to send by mail: CSV that Excel opens with Vietnamese intact, and
formatted XLSX (title row, bold frozen header, column widths)."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard.i18n import label

#: Columns of the uncovered list, in order: field -> label key.
UNCOVERED_COLUMNS = {
    "commune_code": "col_commune_code", "name": "col_commune", "unit_type": "col_unit_type",
    "former_district": "former_district", "fixed_samples": "col_fixed_samples", "fixed_floor": "col_fixed_target",
    "fixed_shortfall": "col_fixed_shortfall", "mobile_samples": "col_mobile_samples",
    "mobile_floor": "col_mobile_target", "mobile_shortfall": "col_mobile_shortfall", "shortfall": "col_shortfall", "population": "col_population",
    "samples_per_1000": "col_per_1000", "agencies_located": "col_agencies_located",
}  # fmt: skip


def uncovered_sheet(uncovered: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The uncovered list with the columns a reader expects, labelled in ``language``."""
    sheet = uncovered[list(UNCOVERED_COLUMNS)].copy()
    return sheet.rename(columns={field: label(key, language) for field, key in UNCOVERED_COLUMNS.items()})


def csv_bytes(sheet: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so that Excel shows Vietnamese correctly."""
    return sheet.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(sheet: pd.DataFrame, title: str, generated_at: dt.datetime) -> bytes:
    """A workbook with a title row (what and when), a bold frozen header and
    columns wide enough for their contents."""
    book = Workbook()
    ws = book.active
    ws.title = "Danh sach"
    ws.append([f"{title} — {generated_at:%d/%m/%Y %H:%M}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(sheet.columns))
    for cell in ws[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet.itertuples(index=False):
        ws.append([None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in row])
    ws.freeze_panes = "A3"  # title and header stay in view
    for position, column in enumerate(sheet.columns, start=1):
        longest = max([len(str(column))] + [len(str(v)) for v in sheet[column].head(500)])
        ws.column_dimensions[get_column_letter(position)].width = min(max(10, longest + 2), 40)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
