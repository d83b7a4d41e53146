"""Turn a chunk of an export's raw cells into clean measurement rows and rejects.

Nothing here touches the database but the staff lookup the caller hands in
(:class:`lookups.StaffIndex`), which fetches the people of the identifiers a
chunk names that earlier chunks did not. Each step works on whole columns, and on the
distinct values of the columns that repeat (accounts, operators, days), so that a
chunk of a hundred thousand rows costs a few numpy and Arrow passes, not a Python
loop per row. Most text columns are built, and stay, in Arrow form all the way to
the database.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from dashboard.dates import clock
from dashboard.geo.placement import CommunePlacer
from dashboard.ingest.keys import hash_text, measurement_keys
from dashboard.ingest.lookups import StaffIndex
from dashboard.ingest.raw import LINE_COLUMN
from dashboard.ingest.rejects import REASONS
from dashboard.ingest.summary import ImportSummary
from dashboard.ingest.times import calendar_columns, parse_times
from dashboard.ingest.values import (
    identifier_codes,
    normalise_connection,
    normalise_operator,
    parse_ip_version,
    parse_numbers,
    text_from_codes,
)
from dashboard.store.tables import measurement, text_width

MAX_SPEED_MBPS = 10_000.0
MAX_DELAY_MS = 10_000.0
EARLIEST_TEST = pd.Timestamp("2020-01-01", tz="UTC")
IDENTITY_FIELDS = ("account", "phone", "email", "device_id")
#: The longest text each column stored from a file's cells holds (tables.py).
TEXT_LIMITS = {name: text_width(measurement.c[name]) for name in ("source_id", *IDENTITY_FIELDS, "reported_staff_id")}

#: The stored columns, in table order (``import_id`` is added by the writer).
MEASUREMENT_COLUMNS = [
    "measurement_id",
    "source_id",
    "measured_at",
    "local_date",
    "iso_week",
    "month",
    "download_mbps",
    "upload_mbps",
    "latency_ms",
    "jitter_ms",
    "operator",
    "access",
    "technology",
    "ip_version",
    "latitude",
    "longitude",
    "commune_code",
    "placement",
    "coords_swapped",
    "account",
    "phone",
    "email",
    "device_id",
    "reported_staff_id",
    "staff_id",
    "import_id",
]


@dataclass
class Prepared:
    """Clean rows ready to store (repeats included), the rejected rows, and counts."""

    rows: pd.DataFrame
    rejects: pd.DataFrame
    summary: ImportSummary


def prepare(
    raw: pd.DataFrame,
    fields: dict,
    placer: CommunePlacer,
    staff: StaffIndex,
    now: pd.Timestamp | None = None,
    name: str = "",
    known: dict | None = None,
) -> Prepared:
    """Parse, validate, normalise, place and key a chunk of a table's rows.

    ``raw`` holds the file's columns and LINE_COLUMN; ``fields`` maps canonical
    fields to its headers (see ``measurements.read_measurement_file``). Rows come
    back in file order with their ``measurement_id``; repeats are left to the caller,
    which sees the whole file. ``known`` is a dict the caller keeps from chunk to
    chunk, so that identifiers seen in earlier chunks are not normalised again.
    """
    known = {} if known is None else known
    now = now or pd.Timestamp(clock.utc_now())
    summary = ImportSummary(file=name, rows_read=len(raw))
    # One small integer per row: -1 while the row is good, else its first reason.
    reason = np.full(len(raw), -1, dtype=np.int16)
    codes: list[str] = []

    def col(field):
        if field in fields:
            return raw[fields[field][0]]
        return pd.Series(pd.arrays.ArrowStringArray(pa.nulls(len(raw), pa.large_string())), index=raw.index)

    def reject(mask, code):
        mask = _flags(mask) & (reason < 0)
        if mask.any():
            if code not in codes:
                codes.append(code)
            reason[mask] = codes.index(code)

    # Text the database cannot hold as written is set aside first, before anything
    # is written: SQLite would store it silently, PostgreSQL would fail the whole
    # file (quoting the value), so both now accept and refuse the same rows.
    reject(_holds_nul(raw), "nul_byte")
    source = _stripped(col("source_id"))
    reject(source.str.len().gt(TEXT_LIMITS["source_id"]), "value_too_long")
    # Identifiers, and the staff they link to, are worked out per distinct value.
    identities = {field: identifier_codes(col(field), known) for field in IDENTITY_FIELDS}
    email_codes, emails = identities["email"]
    no_at = np.array([e is None or "@" not in e for e in emails] + [True])  # the last slot is code -1
    identities["email"] = (np.where(no_at[email_codes], -1, email_codes), emails)
    identities["reported_staff_id"] = _factorized(_stripped(col("staff_id")))
    for field, (found, distinct) in identities.items():
        # A phone cell longer than a phone ('0912 345 678 / 0987 654 321') sets the
        # test aside rather than keeping it without a phone: which number is the
        # tester's is not ours to guess, and a test stored without it could not be
        # corrected later (its key would change, or, with a source id, it would be
        # "already present"); from the rejects file it can be fixed and imported.
        reject(_longer_than(found, distinct, TEXT_LIMITS[field]), "bad_phone" if field == "phone" else "value_too_long")

    measured_at = parse_times(col("measured_at"))
    reject(_blank(col("measured_at")), "no_time")
    reject(measured_at.isna(), "bad_time")
    reject((measured_at < EARLIEST_TEST) | (measured_at > now + pd.Timedelta(days=1)), "time_out_of_range")

    numbers = {}
    for field in ("download", "upload", "latency_ms", "jitter_ms", "latitude", "longitude"):
        written = col(field)
        value = parse_numbers(written)
        reject(~_blank(written) & value.isna(), f"bad_{field}")
        if field in ("download", "upload") and fields.get(field, (None, None))[1] == "kbps":
            value = value / 1000.0
        numbers[field] = value.to_numpy(dtype="float64")
    with np.errstate(invalid="ignore"):
        reject(np.isnan(numbers["download"]), "no_download")
        for field in ("download", "upload", "latency_ms", "jitter_ms"):
            reject(numbers[field] < 0, "negative_value")
        reject((numbers["download"] > MAX_SPEED_MBPS) | (numbers["upload"] > MAX_SPEED_MBPS), "impossible_speed")
        reject((numbers["latency_ms"] > MAX_DELAY_MS) | (numbers["jitter_ms"] > MAX_DELAY_MS), "impossible_delay")

        lat, lon, swapped = placer.fix_swapped(numbers["latitude"], numbers["longitude"])
        reject((np.abs(lat) > 90) | (np.abs(lon) > 180), "bad_coordinates")
    # (0, 0) and a lone latitude or longitude mean the phone had no position fix.
    no_fix = ((lat == 0) & (lon == 0)) | np.isnan(lat) | np.isnan(lon)
    lat, lon = np.where(no_fix, np.nan, lat), np.where(no_fix, np.nan, lon)

    keep = reason < 0
    counts = np.bincount(reason[~keep], minlength=len(codes))
    summary.rejected = {code: int(count) for code, count in zip(codes, counts, strict=False) if count}
    rejects = raw.loc[~keep].assign(_reason=[REASONS.get(codes[r], codes[r]) for r in reason[~keep]])
    if "nul_byte" in codes:
        rejects = _visible_nul(rejects)

    index = raw.index[keep]
    measured = measured_at[keep]
    calendar = calendar_columns(measured)
    connection = normalise_connection(col("connection")[keep])
    lat, lon, swapped = lat[keep], lon[keep], swapped[keep]
    commune, placement = _place(
        lat, lon, col("commune_code")[keep], col("commune_name")[keep], calendar["local_date"], placer
    )
    summary.swapped = int(swapped.sum())
    summary.placed = pd.Series(placement).value_counts().to_dict()
    summary.outside = summary.placed.get("outside", 0)

    identities = {field: (found[keep], distinct) for field, (found, distinct) in identities.items()}
    staff_codes, staff_ids = _link_staff(identities, staff)
    has_identity = np.logical_or.reduce([c >= 0 for c, _ in identities.values()])
    summary.matched_staff = int((staff_codes >= 0).sum())
    summary.without_identity = int((~has_identity).sum())
    summary.unmatched = int((has_identity & (staff_codes < 0)).sum())

    source = source[keep]
    download = np.round(numbers["download"][keep], 3)
    upload = np.round(numbers["upload"][keep], 3)
    key_parts = [_hashes(*identities[f]) for f in (*IDENTITY_FIELDS, "reported_staff_id")]
    keys = measurement_keys(measured, pa.array(source.array), key_parts, [lat, lon, download, upload])

    text = {field: text_from_codes(*identities[field]).array for field in identities}
    rows = pd.DataFrame(
        {
            "measurement_id": keys,
            "source_id": source.array,
            "measured_at": measured.array,
            "local_date": calendar["local_date"].array,
            "iso_week": calendar["iso_week"].array,
            "month": calendar["month"].array,
            "download_mbps": download,
            "upload_mbps": upload,
            "latency_ms": np.round(numbers["latency_ms"][keep], 2),
            "jitter_ms": np.round(numbers["jitter_ms"][keep], 2),
            "operator": normalise_operator(col("operator")[keep]).to_numpy(),
            "access": connection["access"].array,
            "technology": connection["technology"].array,
            "ip_version": parse_ip_version(col("ip_version")[keep]).array,
            "latitude": lat,
            "longitude": lon,
            "commune_code": commune,
            "placement": placement,
            "coords_swapped": swapped,
            **text,
            "staff_id": text_from_codes(staff_codes, staff_ids).array,
        },
        index=index,
    )
    return Prepared(rows=rows[MEASUREMENT_COLUMNS[:-1]], rejects=rejects, summary=summary)


def _flags(mask) -> np.ndarray:
    """A boolean mask as numpy, missing as False."""
    if isinstance(mask, pd.Series):
        return mask.fillna(False).to_numpy(dtype=bool) if mask.hasnans else mask.to_numpy(dtype=bool)
    return np.asarray(mask, dtype=bool)


def _holds_nul(raw: pd.DataFrame) -> np.ndarray:
    """Rows with a NUL character in any cell (PostgreSQL's text cannot hold one)."""
    found = np.zeros(len(raw), dtype=bool)
    for name in raw.columns:
        column = raw[name]
        if name == LINE_COLUMN or not (column.dtype == object or pd.api.types.is_string_dtype(column)):
            continue
        if _free_of_nul(column):
            continue
        found |= _flags(column.astype("string").str.contains("\x00", regex=False))
    return found


def _free_of_nul(column: pd.Series) -> bool:
    """True when an Arrow-backed text column's bytes hold no NUL at all: one NumPy
    pass over its buffers instead of a search cell by cell. (False only means the
    cells must be searched.)"""
    array = getattr(column.array, "_pa_array", None)
    if array is None:
        return False
    for chunk in array.chunks:
        if not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return False
        data = chunk.buffers()[2]
        # The buffer may hold bytes of cells outside this chunk: a NUL there only costs the search.
        if data is not None and not np.frombuffer(data, dtype=np.uint8).all():
            return False
    return True


def _longer_than(codes: np.ndarray, distinct: np.ndarray, limit: int) -> np.ndarray:
    """Rows whose value (``distinct[code]``) has more than ``limit`` characters."""
    too_long = np.array([value is not None and len(value) > limit for value in distinct] + [False])
    return too_long[codes]  # code -1 (no value) reads the last slot


def _visible_nul(rejects: pd.DataFrame) -> pd.DataFrame:
    """The rejected rows with each NUL shown as '␀', so the rejects file opens cleanly."""
    out = rejects.copy()
    for name in out.columns:
        if out[name].dtype == object or pd.api.types.is_string_dtype(out[name]):
            out[name] = out[name].map(lambda v: v.replace("\x00", "\u2400") if isinstance(v, str) else v)
    return out


def _blank(values: pd.Series) -> pd.Series:
    """Cells that are missing or only spaces."""
    return values.isna() | (values.astype("string").str.strip() == "").fillna(True)


def _stripped(values: pd.Series) -> pd.Series:
    """Text without surrounding spaces; blank cells and Excel's '.0' on codes removed."""
    text = values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    return text.mask(text == "")


def _factorized(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values) of a text column; code -1 for missing."""
    codes, distinct = pd.factorize(values)
    return codes, np.asarray(distinct, dtype=object)


def _hashes(codes: np.ndarray, distinct: np.ndarray) -> np.ndarray:
    """Each row's text hash (0 for missing), hashing each distinct value once."""
    hashes = hash_text(pa.array(list(distinct), type=pa.large_string()))
    return np.append(hashes, np.uint64(0))[codes]


def _place(
    lat: np.ndarray, lon: np.ndarray, code: pd.Series, name: pd.Series, local_date: pd.Series, placer: CommunePlacer
) -> tuple[np.ndarray, np.ndarray]:
    """Commune by position; else by code; else by name (in the edition of the row's date)."""
    commune, placement = placer.locate(lat, lon)
    for how, written, lookup in (("code", code, placer.by_code), ("name", name, placer.by_name)):
        # numpy's stubs have no overload of np.equal for comparing with None.
        todo = np.flatnonzero(np.equal(placement, None))  # type: ignore[call-overload]
        if todo.size and written.notna().any():
            found = lookup(written.iloc[todo], local_date.iloc[todo])
            hit = found.notna().to_numpy()
            commune[todo[hit]] = found.to_numpy()[hit]
            placement[todo[hit]] = how
    placement[np.equal(placement, None)] = "unplaced"  # type: ignore[call-overload]  # as above
    return commune, placement


def _link_staff(identities: dict, staff: StaffIndex) -> tuple[np.ndarray, list]:
    """Staff id from the agency's sheet, else from account, phone or e-mail.

    Returns codes into a list of staff ids (-1: nobody), looked up per distinct value:
    only the values the chunk's kept rows carry are asked of ``staff`` (one lookup
    per chunk, of those not asked before); a value the rows do not use (a rejected
    row's) stays unknown, and no row points to it.
    """
    used = {field: _used(*identities[field]) for field in ("reported_staff_id", "account", "phone", "email")}
    staff.look_up(used["reported_staff_id"], [v for f in ("account", "phone", "email") for v in used[f]])
    linked = np.full(len(identities["account"][0]), None, dtype=object)
    for field in ("reported_staff_id", "account", "phone", "email"):
        codes, distinct = identities[field]
        # The first field that names somebody wins; code -1 (no value) reads the last slot.
        found = np.empty(len(distinct) + 1, dtype=object)
        if field == "reported_staff_id":
            found[:-1] = [v if v in staff.ids else None for v in distinct]
        else:
            found[:-1] = staff.staff_of(distinct)
        candidate = found[codes]
        unlinked = np.equal(linked, None)  # type: ignore[call-overload]  # numpy's stubs: no None overload
        linked[unlinked] = candidate[unlinked]
    codes, ids = pd.factorize(linked)
    return codes.astype(np.int64), list(ids)


def _used(codes: np.ndarray, distinct: np.ndarray) -> list:
    """The distinct values some row points to."""
    return list(distinct[np.unique(codes[codes >= 0])])
