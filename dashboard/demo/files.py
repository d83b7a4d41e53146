"""Write the demo campaign as the files a department would receive: a roster
workbook and monthly i-Speed exports.

Files are byte-identical for the same content: the workbook's zip entries and
document properties carry a fixed date instead of the wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

AGENCY_SHEET = "Cơ quan"
STAFF_SHEET = "Cán bộ"
AGENCY_COLUMNS = ["Mã cơ quan", "Tên cơ quan", "Loại cơ quan", "Mã xã"]
STAFF_COLUMNS = [
    "Mã cán bộ",
    "Họ và tên",
    "Mã cơ quan",
    "Tài khoản i-Speed",
    "Số điện thoại",
    "Email",
    "Từ ngày",
    "Đến ngày",
]
ROSTER_FILE = "roster.xlsx"
EXPORT_PATTERN = "ispeed_export_{month}.csv"
#: Days of the previous month each export repeats (a repeated export, as offices send them).
REPEATED_DAYS = 2


def write_roster(path: Path, agencies: pd.DataFrame, staff: pd.DataFrame, stamp: dt.datetime) -> Path:
    """Write the two-sheet roster workbook; ``stamp`` dates the document (not the clock)."""
    book = openpyxl.Workbook(write_only=True)
    for title, frame, columns in ((AGENCY_SHEET, agencies, AGENCY_COLUMNS), (STAFF_SHEET, staff, STAFF_COLUMNS)):
        sheet = book.create_sheet(title)
        sheet.append(columns)
        # Rosters are small (one row per person): a plain loop over rows is fine here.
        for row in frame[columns].astype(object).where(frame[columns].notna(), None).itertuples(index=False):
            sheet.append(list(row))
    book.properties.creator = "dashboard demo"
    buffer = io.BytesIO()
    book.save(buffer)
    _write_reproducible_zip(buffer.getvalue(), path, stamp)
    return path


def _write_reproducible_zip(data: bytes, path: Path, stamp: dt.datetime) -> None:
    """Copy a zip with fixed entry dates and fixed document dates."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>" + when.encode(), content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)


def write_exports(folder: Path, rows: pd.DataFrame) -> list[Path]:
    """One CSV per month (UTF-8 with BOM, comma, decimal point), each repeating the
    last REPEATED_DAYS days of the previous month. ``rows`` are in export order,
    with ``Thời gian đo`` as local datetime64 values."""
    local = rows["Thời gian đo"].to_numpy().astype("datetime64[s]")
    day = local.astype("datetime64[D]")
    month = local.astype("datetime64[M]")
    lines = _csv_lines(rows)
    header = ",".join(rows.columns)
    paths = []
    for current in np.unique(month):
        # The last days of the previous month, sent again with this month's export.
        repeat_from = current.astype("datetime64[D]") - REPEATED_DAYS
        chosen = np.flatnonzero((month == current) | ((day >= repeat_from) & (month == current - 1)))
        path = folder / EXPORT_PATTERN.format(month=str(current))
        text = header + "\n" + "\n".join(lines.take(pa.array(chosen)).to_pylist()) + "\n"
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        paths.append(path)
    return paths


def _csv_lines(rows: pd.DataFrame) -> pa.Array:
    """Every row as one CSV line (Arrow string kernels: no Python loop over rows).

    No exported value holds a comma or a quote (ids, operators, accounts, numbers),
    so no field needs quoting.
    """
    columns = []
    for name in rows.columns:
        values = rows[name]
        if name == "Thời gian đo":
            stamps = pa.array(values.to_numpy().astype("datetime64[s]"))
            text = pc.strftime(stamps, format="%d/%m/%Y %H:%M:%S")
        elif pd.api.types.is_float_dtype(values):
            text = pc.cast(pa.array(values.to_numpy(), from_pandas=True), pa.string())
        else:
            text = pa.array(values.astype(object).where(values.notna(), None).to_numpy(), type=pa.string())
        columns.append(pc.fill_null(text, ""))
    return pc.binary_join_element_wise(*columns, ",")
