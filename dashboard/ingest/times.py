"""Times and dates from cells, a whole column at a time: timestamps in the forms
Vietnamese offices use (and US-style exports), Excel serials and cells, and the
local calendar (date, ISO week, month) of the times read.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
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
    anything else.

    The text's bytes are read as digits by NumPy, a whole column at a time, and a
    time counts only when every field is in range (31/02 is not 3 March). Text of
    another length or layout (rare in an export) is read by Arrow's strptime and
    counts only when writing it back gives the same text: the answer is the same
    either way, the first is several times faster.
    """
    values = _arrow_text(text)
    result = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[s]")
    fast, stamps = _canonical_times(values)
    result[fast] = stamps
    rest = np.flatnonzero(~fast & values.is_valid().to_numpy(zero_copy_only=False))
    if rest.size:
        # Only text shaped like what strftime writes can come back the same.
        others = values.take(pa.array(rest))
        shaped = pc.fill_null(pc.match_substring_regex(others, _WRITTEN_SHAPE), False).to_numpy(zero_copy_only=False)
        if shaped.any():
            result[rest[shaped]] = _round_trip_dmy(others.filter(pa.array(shaped)))
    return pd.Series(result, index=text.index)


def _arrow_text(text: pd.Series) -> pa.Array:
    """A text column as one Arrow large_string array (nulls where missing)."""
    array = getattr(text.array, "_pa_array", None)
    if array is None:
        array = pa.array(text.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    array = pc.cast(array, pa.large_string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


#: dd/mm/yyyy HH:MM:SS: where the digits are, and the separators between them.
_DIGITS = np.array([0, 1, 3, 4, 6, 7, 8, 9, 11, 12, 14, 15, 17, 18])
_SEPARATORS = {2: "/", 5: "/", 10: " ", 13: ":", 16: ":"}


def _canonical_times(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """Which texts are exactly ``dd/mm/yyyy HH:MM:SS`` with every field in range
    (a year from 1000), and their times (for those rows)."""
    n = len(values)
    width = len("dd/mm/yyyy HH:MM:SS")
    _, offsets_buffer, data_buffer = values.buffers()
    if data_buffer is None or n == 0:
        return np.zeros(n, dtype=bool), np.zeros(0, dtype="datetime64[s]")
    offsets = np.frombuffer(offsets_buffer, dtype="<i8", count=n + 1, offset=values.offset * 8)
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    fits = (np.diff(offsets) == width) & values.is_valid().to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(fits)
    # Most texts of another form (ISO 8601 has the same length) differ at the first '/'.
    slash = data[np.minimum(offsets[rows] + 2, len(data) - 1)] == ord("/")
    fits[rows[~slash]] = False
    rows = rows[slash]
    cells = data[offsets[rows][:, None] + np.arange(width)]  # one row of bytes per text
    digits = cells[:, _DIGITS].astype(np.int64) - ord("0")
    good = ((digits >= 0) & (digits <= 9)).all(axis=1)
    for at, separator in _SEPARATORS.items():
        good &= cells[:, at] == ord(separator)
    day, month = digits[:, 0] * 10 + digits[:, 1], digits[:, 2] * 10 + digits[:, 3]
    year = digits[:, 4] * 1000 + digits[:, 5] * 100 + digits[:, 6] * 10 + digits[:, 7]
    hour, minute, second = (digits[:, i] * 10 + digits[:, i + 1] for i in (8, 10, 12))
    good &= (year >= 1000) & (month >= 1) & (month <= 12) & (day >= 1) & (hour <= 23) & (minute <= 59)
    good &= second <= 59
    months = np.where(good, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.where(good, day - 1, 0)
    good &= days.astype("datetime64[M]") == months  # 31/02 runs into March: not a date
    fits[rows[~good]] = False
    seconds = hour * 3600 + minute * 60 + second
    return fits, (days.astype("datetime64[s]") + seconds.astype("timedelta64[s]"))[good]


def _round_trip_dmy(values: pa.Array) -> np.ndarray:
    """Arrow's strptime, kept where writing the time back gives the same text
    (Arrow rolls an impossible date over: 31/02 would become 3 March)."""
    stamps = pc.strptime(values, format=_EXPORT_TIME_FORMAT, unit="s", error_is_null=True)
    exact = pc.fill_null(pc.equal(pc.strftime(stamps, format=_EXPORT_TIME_FORMAT), values), False)
    stamps = pc.if_else(exact, stamps, pa.scalar(None, stamps.type))
    return stamps.to_numpy(zero_copy_only=False).astype("datetime64[s]")


_EXPORT_TIME_FORMAT = "%d/%m/%Y %H:%M:%S"
#: Every text strftime writes with that format (years of any width or sign) has this shape.
_WRITTEN_SHAPE = r"^\d\d/\d\d/[^ ]+ \d\d:\d\d:\d\d$"


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
