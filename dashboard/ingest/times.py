"""Times and dates from cells, a whole column at a time: timestamps in the forms
Vietnamese offices use (and US-style exports), Excel serials and cells, and the
local calendar (date, ISO week, month) of the times read.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.dates.clock import LOCAL_TZ
from dashboard.ingest.values import text_from_codes

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
# Excel serials between these are dates from 1954 to 2119: a plain number in a
# time column outside this range is not a date.
_EXCEL_SERIAL_RANGE = (20000.0, 80000.0)


def parse_times(values: pd.Series) -> pd.Series:
    """UTC timestamps from ISO 8601, dd/mm/yyyy HH:MM[:SS], Excel serials or Excel cells.

    A time without a zone is local time (Asia/Ho_Chi_Minh). NaT where unreadable.
    """
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us, UTC]")
    if pd.api.types.is_datetime64_any_dtype(values):
        stamps = values if values.dt.tz is not None else values.dt.tz_localize(LOCAL_TZ)
        return stamps.dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    if values.dtype == object:
        # Workbook cells: datetime objects, numbers and text mixed in one column.
        is_stamp = values.map(lambda v: isinstance(v, (dt.datetime, dt.date)))
        if is_stamp.any():
            stamps = pd.to_datetime(values[is_stamp])
            if stamps.dt.tz is None:
                stamps = stamps.dt.tz_localize(LOCAL_TZ, ambiguous="NaT", nonexistent="NaT")
            result[is_stamp] = stamps.dt.tz_convert("UTC")
        values = values.mask(is_stamp)
    text = values.astype("string").str.strip()
    pending = text.notna() & (text != "")
    if not pending.any():
        return result

    # i-Speed's own export writes dd/mm/yyyy HH:MM:SS: one pass in Arrow reads them.
    result[pending] = _local_to_utc(_exact_dmy(text[pending]))
    pending &= result.isna()
    if not pending.any():
        return result

    # Then ISO 8601, which most other exports use, in one vectorised pass too.
    iso = pd.to_datetime(text[pending], format="ISO8601", errors="coerce", utc=True)
    zoned = text[pending].str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True, na=False) & iso.notna()
    naive = iso.notna() & ~zoned
    if naive.any():
        # Naive times were read as UTC; they are local, 7 hours ahead.
        iso[naive] = _local_to_utc(iso[naive].dt.tz_localize(None))
    result[pending] = iso
    pending &= result.isna()
    if not pending.any():
        return result

    serial = pending & text.str.fullmatch(r"\d{4,6}(?:[.,]\d+)?", na=False)
    if serial.any():
        days = pd.to_numeric(text[serial].str.replace(",", ".", regex=False))
        days = days.where(days.between(*_EXCEL_SERIAL_RANGE))
        local = _EXCEL_EPOCH + pd.to_timedelta(days, unit="D")
        result[serial] = _local_to_utc(local.dt.round("s"))
        pending &= ~serial

    dmy = text[pending].str.extract(
        r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})"
        r"(?:[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
        r"(?:\s*(?P<marker>AM|PM|A\.M\.|P\.M\.|SA|CH))?)?$",
        flags=re.IGNORECASE,
    )
    dmy = dmy[dmy["day"].notna()]
    if len(dmy):
        marker = dmy.pop("marker").fillna("").str.upper().str.replace(".", "", regex=False)
        parts = dmy.fillna({"hour": "0", "minute": "0", "second": "0"}).astype("int64")
        parts = _order_and_clock(parts, marker)
        local = pd.to_datetime(parts[["year", "month", "day", "hour", "minute", "second"]], errors="coerce")
        result[dmy.index] = _local_to_utc(local)
    return result


def _exact_dmy(text: pd.Series) -> pd.Series:
    """Naive times from text written exactly as ``dd/mm/yyyy HH:MM:SS``; NaT for
    anything else. Arrow's strptime rolls an impossible date over (31/02 becomes
    3 March), so a time counts only when writing it back gives the same text."""
    values = pa.array(text.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    stamps = pc.strptime(values, format=_EXPORT_TIME_FORMAT, unit="s", error_is_null=True)
    exact = pc.fill_null(pc.equal(pc.strftime(stamps, format=_EXPORT_TIME_FORMAT), values), False)
    stamps = pc.if_else(exact, stamps, pa.scalar(None, stamps.type))
    return pd.Series(stamps.to_pandas(), index=text.index, dtype="datetime64[s]")


_EXPORT_TIME_FORMAT = "%d/%m/%Y %H:%M:%S"


def _order_and_clock(parts: pd.DataFrame, marker: pd.Series) -> pd.DataFrame:
    """Dates written with a 12-hour clock, read as their writer meant them.

    Vietnam writes day first, with SA/CH (sáng/chiều) on a 12-hour clock. An English
    AM/PM marker means a US-style export: month first, unless the first number
    cannot be a month. A date whose second number cannot be a month (11/23/2026)
    is month first, whatever the marker.
    """
    parts = parts.copy()
    # On a 12-hour clock an hour above 12 is a mistake, not a time to guess.
    impossible = (marker != "") & (parts["hour"] > 12)
    english = marker.isin(["AM", "PM"])
    month_first = (english & (parts["day"] <= 12)) | ((parts["month"] > 12) & (parts["day"] <= 12))
    parts.loc[month_first, ["day", "month"]] = parts.loc[month_first, ["month", "day"]].to_numpy()
    afternoon = marker.isin(["PM", "CH"]) & (parts["hour"] < 12)
    midnight = marker.isin(["AM", "SA"]) & (parts["hour"] == 12)
    parts.loc[afternoon, "hour"] += 12
    parts.loc[midnight, "hour"] = 0
    parts.loc[impossible, "day"] = 0  # no such date: read as missing
    return parts


def _local_to_utc(local: pd.Series) -> pd.Series:
    return local.dt.tz_localize(LOCAL_TZ, ambiguous="NaT", nonexistent="NaT").dt.tz_convert("UTC")


def calendar_columns(measured_at: pd.Series) -> pd.DataFrame:
    """Local date, ISO week ('2026-W47') and month ('2026-11') of UTC timestamps.

    Computed per distinct day, so a million rows cost a few hundred conversions.
    """
    local_day = measured_at.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None).dt.floor("D")
    codes, days = pd.factorize(local_day)
    days = pd.Series(days)
    iso = days.dt.isocalendar()
    weeks = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    return pd.DataFrame(
        {
            "local_date": local_day,
            "iso_week": text_from_codes(codes, weeks.tolist(), measured_at.index),
            "month": text_from_codes(codes, days.dt.strftime("%Y-%m").tolist(), measured_at.index),
        },
        index=measured_at.index,
    )


def as_local_date(values: pd.Series) -> pd.Series:
    """Dates from dd/mm/yyyy, ISO or Excel cells (for roster start and end dates)."""
    stamps = parse_times(values)
    return stamps.dt.tz_convert(LOCAL_TZ).dt.date.where(stamps.notna(), None)


__all__ = ["as_local_date", "calendar_columns", "parse_times"]
