"""Rows an import set aside: the reasons, and a file the user can open in Excel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from dashboard.campaign.readers import LINE_COLUMN

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
}


def write_rejects(rejects: pd.DataFrame, source: Path, folder: Path) -> Path | None:
    """Write rejected rows with their line and reason as CSV (UTF-8 with BOM, for Excel).

    ``rejects`` holds the original columns, LINE_COLUMN, ``_reason`` and optionally
    ``_table``. Returns the path, or None when nothing was rejected.
    """
    if rejects.empty:
        return None
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"the rejects folder {folder} is a file")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{Path(source).stem}-rejects-{stamp}.csv"
    counter = 1
    while path.exists():  # two imports of same-named files in one second keep both
        counter += 1
        path = folder / f"{Path(source).stem}-rejects-{stamp}-{counter}.csv"
    front = [c for c in ("_table", LINE_COLUMN, "_reason") if c in rejects.columns]
    out = rejects[front + [c for c in rejects.columns if c not in front]]
    out = out.rename(columns={"_table": "table", LINE_COLUMN: "line", "_reason": "reason"})
    out.to_csv(path, index=False, encoding="utf-8-sig")
    return path
