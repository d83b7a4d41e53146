"""Rows an import set aside: the reasons, and a file the user can open in Excel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.dates import clock
from dashboard.ingest.raw import LINE_COLUMN
from dashboard.sheets import csv_bytes

#: Reason code -> the sentence written in the rejects file and the summary.
REASONS = {
    "no_time": "no time of test",
    "bad_time": "time not readable",
    "time_out_of_range": "time before 2020 or in the future",
    "no_download": "no download speed",
    "bad_download": "download speed is not a number",
    "bad_upload": "upload speed is not a number",
    "bad_latency_ms": "latency is not a number",
    "bad_jitter_ms": "jitter is not a number",
    "bad_latitude": "latitude is not a number",
    "bad_longitude": "longitude is not a number",
    "negative_value": "negative speed or delay",
    "impossible_speed": "speed above 10,000 Mbps",
    "impossible_delay": "latency or jitter above 10,000 ms",
    "bad_coordinates": "coordinates out of range",
    "no_staff_id": "no staff id",
    "no_full_name": "no full name",
    "no_agency": "no agency code",
    "unknown_agency": "agency code not in the agency list",
    "no_agency_code": "no agency code",
    "no_agency_name": "no agency name",
    "bad_date": "date not readable",
    "ends_before_start": "end date before the start date",
    "move_before_start": "the new agency starts before the current membership does",
    "staff_conflict": "the same staff id on rows that disagree",
    "agency_conflict": "the same agency code on rows that disagree",
    "identifier_shared": "the same phone, account or e-mail given to two people",
    "bad_phone": "phone number not readable",
    "bad_email": "e-mail address not readable",
    "bad_agency_email": "the agency's e-mail is not one plain address (such as so.khcn@laichau.gov.vn)",
    "unknown_commune": "commune not in Lai Châu",
    "value_too_long": "a value is longer than the database allows",
    "nul_byte": "a cell holds a NUL character",
}


def write_rejects(rejects: pd.DataFrame, source: Path, folder: Path) -> Path | None:
    """Write rejected rows with their line and reason as CSV (UTF-8 with BOM, for Excel),
    the raw cells made inert like every other CSV (:func:`sheets.csv_bytes`).

    ``rejects`` holds the original columns, LINE_COLUMN, ``_reason`` and optionally
    ``_table``. Returns the path, or None when nothing was rejected.
    """
    if rejects.empty:
        return None
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"the rejects folder {folder} is a file")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")  # Vietnam time, as the reader's clock shows
    path = folder / f"{Path(source).stem}-rejects-{stamp}.csv"
    counter = 1
    while path.exists():  # two imports of same-named files in one second keep both
        counter += 1
        path = folder / f"{Path(source).stem}-rejects-{stamp}-{counter}.csv"
    path.write_bytes(rejects_csv(rejects))
    return path


def rejects_csv(rejects: pd.DataFrame) -> bytes:
    """The rows set aside as CSV bytes: table, line and reason first, then the cells as written."""
    front = [c for c in ("_table", LINE_COLUMN, "_reason") if c in rejects.columns]
    out = rejects[front + [c for c in rejects.columns if c not in front]]
    out = out.rename(columns={"_table": "table", LINE_COLUMN: "line", "_reason": "reason"})
    return csv_bytes(out)
