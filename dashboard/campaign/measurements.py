"""Import i-Speed exports (and agencies' sheets of reported tests) into the store.

``prepare`` turns raw cells into clean rows and rejects without touching the
database; ``import_measurements`` runs the whole import as one transaction.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.campaign import bootstrap, bulk, store
from dashboard.campaign.bootstrap import StaffIndex
from dashboard.campaign.columns import MEASUREMENT_FIELDS, apply_mapping, header_detector, match_headers
from dashboard.campaign.placement import CommunePlacer
from dashboard.campaign.readers import LINE_COLUMN, FileFormatError, RawTable, read_tables
from dashboard.campaign.rejects import REASONS, write_rejects
from dashboard.campaign.values import (
    calendar_columns,
    normalise_connection,
    normalise_identifier,
    normalise_operator,
    parse_ip_version,
    parse_numbers,
    parse_times,
)

MAX_SPEED_MBPS = 10_000.0
MAX_DELAY_MS = 10_000.0
EARLIEST_TEST = pd.Timestamp("2020-01-01", tz="UTC")
IDENTITY_FIELDS = ("account", "phone", "email", "device_id")
REJECTS_DIR = store.REPO_ROOT / "data" / "rejects"


class ImportError_(ValueError):
    """A file cannot be imported; the message is for the user. Nothing was written."""


@dataclass
class ImportSummary:
    """What an import read, stored and set aside."""

    file: str
    rows_read: int = 0
    imported: int = 0
    already_present: int = 0
    duplicates_in_file: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    outside: int = 0
    swapped: int = 0
    placed: dict[str, int] = field(default_factory=dict)
    matched_staff: int = 0
    unmatched: int = 0
    without_identity: int = 0
    rejects_file: str | None = None
    seconds: float = 0.0

    @property
    def rejected_total(self) -> int:
        """All rows set aside, whatever the reason."""
        return sum(self.rejected.values())

    def lines(self) -> list[str]:
        """The summary as lines of text for the command line."""
        out = [
            f"file:             {self.file}",
            f"read:             {self.rows_read:,}",
            f"imported:         {self.imported:,}",
            f"already present:  {self.already_present:,} (of which repeated in this file: {self.duplicates_in_file:,})",
            f"rejected:         {self.rejected_total:,}",
        ]
        out += [f"  - {REASONS.get(k, k)}: {v:,}" for k, v in sorted(self.rejected.items())]
        out += [
            f"outside province: {self.outside:,}",
            f"coordinates swapped and fixed: {self.swapped:,}",
            "placed:           " + ", ".join(f"{k} {v:,}" for k, v in self.placed.items()),
            f"placed by name:   {self.placed.get('name', 0):,}",
            f"linked to staff:  {self.matched_staff:,}; matching nobody: {self.unmatched:,}; "
            f"no identifier: {self.without_identity:,}",
        ]
        if self.rejects_file:
            out.append(f"rejects file:     {self.rejects_file}")
        out.append(f"time:             {self.seconds:.1f} s")
        return out

    def to_json(self) -> str:
        """The summary as JSON (stored with the import batch)."""
        return json.dumps(asdict(self), ensure_ascii=False)


@dataclass
class Prepared:
    """Clean rows ready to store, the rejected rows, and counts for the summary."""

    rows: pd.DataFrame
    rejects: pd.DataFrame
    summary: ImportSummary


def read_measurement_file(path: Path, column_map: dict[str, str] | None = None) -> list[tuple[RawTable, dict]]:
    """Read a file's tables and recognise their columns. Raises ImportError_."""
    detector = header_detector(MEASUREMENT_FIELDS, minimum=2)
    mapped = set((column_map or {}).values())

    def is_header(cells) -> bool:
        # A row naming every mapped column is the header even if nothing else is known.
        return detector(cells) or bool(mapped) and mapped <= {str(c).strip() for c in cells}

    try:
        tables = read_tables(path, is_header)
    except FileFormatError as exc:
        raise ImportError_(str(exc)) from None
    result, problems = [], []
    for table in tables:
        headers = table.headers
        fields = match_headers(headers, MEASUREMENT_FIELDS)
        if column_map:
            try:
                fields |= apply_mapping(headers, column_map)
            except ValueError as exc:
                problems.append(f"{table.name}: {exc}")
                continue
        missing = [f for f in ("measured_at", "download") if f not in fields]
        if missing:
            problems.append(
                f"{table.name}: no column for {' and '.join(missing)}; columns found: {', '.join(headers)}. "
                "Name them with a column mapping (--map FIELD=HEADER)."
            )
            continue
        result.append((table, fields))
    # A workbook may hold a summary sheet beside the data: only fail when no table fits.
    if not result:
        raise ImportError_(problems[0] if len(problems) == 1 else " | ".join(problems))
    return result


def prepare(raw: pd.DataFrame, fields: dict, placer: CommunePlacer, staff: StaffIndex,
            now: pd.Timestamp | None = None, name: str = "") -> Prepared:  # fmt: skip
    """Parse, validate, normalise and place a chunk of a table's rows (no database access).

    ``raw`` holds the file's columns and LINE_COLUMN; ``fields`` maps canonical
    fields to its headers (see :func:`read_measurement_file`).
    """
    now = now or pd.Timestamp.now(tz="UTC")
    summary = ImportSummary(file=name, rows_read=len(raw))
    reason = pd.Series(None, index=raw.index, dtype=object)

    def col(name):
        return raw[fields[name][0]] if name in fields else pd.Series(pd.NA, index=raw.index, dtype="string")

    def reject(mask, code):
        reason[mask & reason.isna()] = code

    measured_at = parse_times(col("measured_at"))
    blank_time = col("measured_at").isna() | (col("measured_at").astype("string").str.strip() == "")
    reject(blank_time, "no_time")
    reject(measured_at.isna(), "bad_time")
    reject((measured_at < EARLIEST_TEST) | (measured_at > now + pd.Timedelta(days=1)), "time_out_of_range")

    numbers = {}
    for name in ("download", "upload", "latency_ms", "jitter_ms", "latitude", "longitude"):
        written = col(name)
        value = parse_numbers(written)
        present = written.notna() & (written.astype("string").str.strip() != "")
        reject(present & value.isna(), f"bad_{name}")
        if name in ("download", "upload") and fields.get(name, (None, None))[1] == "kbps":
            value = value / 1000.0
        numbers[name] = value
    reject(numbers["download"].isna(), "no_download")
    for name in ("download", "upload", "latency_ms", "jitter_ms"):
        reject(numbers[name] < 0, "negative_value")
    reject((numbers["download"] > MAX_SPEED_MBPS) | (numbers["upload"] > MAX_SPEED_MBPS), "impossible_speed")
    reject((numbers["latency_ms"] > MAX_DELAY_MS) | (numbers["jitter_ms"] > MAX_DELAY_MS), "impossible_delay")

    lat, lon, swapped = placer.fix_swapped(numbers["latitude"].to_numpy(), numbers["longitude"].to_numpy())
    with np.errstate(invalid="ignore"):
        out_of_range = (np.abs(lat) > 90) | (np.abs(lon) > 180)
    reject(pd.Series(out_of_range, index=raw.index), "bad_coordinates")
    # (0, 0) and a lone latitude or longitude mean the phone had no position fix.
    no_fix = ((lat == 0) & (lon == 0)) | np.isnan(lat) | np.isnan(lon)
    lat, lon = np.where(no_fix, np.nan, lat), np.where(no_fix, np.nan, lon)

    keep = reason.isna().to_numpy()
    summary.rejected = reason[~keep].value_counts().to_dict()
    rejects = raw.loc[~keep].assign(_reason=reason[~keep].map(lambda r: REASONS.get(r, r)))

    rows = pd.DataFrame(index=raw.index[keep])
    rows["measured_at"] = measured_at[keep]
    rows = rows.join(calendar_columns(rows["measured_at"]))
    rows["download_mbps"] = numbers["download"][keep].round(3)
    rows["upload_mbps"] = numbers["upload"][keep].round(3)
    rows["latency_ms"] = numbers["latency_ms"][keep].round(2)
    rows["jitter_ms"] = numbers["jitter_ms"][keep].round(2)
    rows["operator"] = normalise_operator(col("operator")[keep])
    rows = rows.join(normalise_connection(col("connection")[keep]))
    rows["ip_version"] = parse_ip_version(col("ip_version")[keep])
    rows["latitude"], rows["longitude"] = lat[keep], lon[keep]
    rows["coords_swapped"] = swapped[keep]
    summary.swapped = int(swapped[keep].sum())

    _place(rows, col("commune_code")[keep], col("commune_name")[keep], placer)
    summary.placed = rows["placement"].value_counts().to_dict()
    summary.outside = summary.placed.get("outside", 0)

    for name in IDENTITY_FIELDS:
        rows[name] = normalise_identifier(col(name)[keep]).astype(object)
    rows["email"] = rows["email"].where(rows["email"].astype("string").str.contains("@", na=False), None)
    rows["reported_staff_id"] = _stripped(col("staff_id")[keep])
    rows["source_id"] = _stripped(col("source_id")[keep])
    rows["staff_id"] = _link_staff(rows, staff)
    has_identity = rows[[*IDENTITY_FIELDS, "reported_staff_id"]].notna().any(axis=1)
    summary.matched_staff = int(rows["staff_id"].notna().sum())
    summary.without_identity = int((~has_identity).sum())
    summary.unmatched = int((has_identity & rows["staff_id"].isna()).sum())

    rows["measurement_id"] = measurement_keys(rows)
    rows["line"] = raw.loc[keep, LINE_COLUMN].to_numpy()
    duplicated = rows["measurement_id"].duplicated()
    summary.duplicates_in_file = int(duplicated.sum())
    return Prepared(rows=rows.loc[~duplicated], rejects=rejects, summary=summary)


def _stripped(values: pd.Series) -> pd.Series:
    """Text without surrounding spaces; blank cells and Excel's '.0' on codes removed."""
    text = values.astype("string").str.strip().str.replace(r"\.0$", "", regex=True)
    return text.mask(text == "").astype(object).where(lambda s: s.notna(), None)


def _place(rows: pd.DataFrame, code: pd.Series, name: pd.Series, placer: CommunePlacer) -> None:
    """Commune by position; else by code; else by name (in the edition of the row's date)."""
    commune, placement = placer.locate(rows["latitude"].to_numpy(), rows["longitude"].to_numpy())
    rows["commune_code"], rows["placement"] = commune, placement
    local_date = pd.to_datetime(rows["local_date"])
    todo = rows["placement"].isna()
    if todo.any() and code.notna().any():
        found = placer.by_code(code[todo], local_date[todo])
        hit = found.notna()
        rows.loc[hit[hit].index, ["commune_code", "placement"]] = np.c_[found[hit].to_numpy(), ["code"] * hit.sum()]
        todo = rows["placement"].isna()
    if todo.any() and name.notna().any():
        found = placer.by_name(name[todo], local_date[todo])
        hit = found.notna()
        rows.loc[hit[hit].index, ["commune_code", "placement"]] = np.c_[found[hit].to_numpy(), ["name"] * hit.sum()]
    rows["placement"] = rows["placement"].fillna("unplaced")


def _link_staff(rows: pd.DataFrame, staff: StaffIndex) -> pd.Series:
    """Staff id from the agency's sheet, else from account, phone or e-mail."""
    linked = rows["reported_staff_id"].where(rows["reported_staff_id"].isin(staff.ids))
    for name in ("account", "phone", "email"):
        linked = linked.fillna(_lookup(rows[name], staff.by_identifier))
    return linked.astype(object).where(linked.notna(), None)


def _lookup(values: pd.Series, mapping: dict) -> pd.Series:
    """``values.map(mapping)``, looking up each distinct value once."""
    codes, distinct = pd.factorize(values)
    found = np.array([mapping.get(v) for v in distinct] + [None], dtype=object)
    return pd.Series(found[codes], index=values.index, dtype=object)


KEY_EPOCH = pd.Timestamp("2020-01-01", tz="UTC")
KEY_HASH_BITS = 33


def measurement_keys(rows: pd.DataFrame) -> pd.Series:
    """64-bit keys that identify a test across exports.

    High bits: whole seconds since 2020 (local clocks agree to the second across
    exports). Low 33 bits: a hash of the source id where there is one, else of
    who tested, where, and the speeds measured.
    """
    seconds = ((rows["measured_at"] - KEY_EPOCH) // pd.Timedelta(seconds=1)).to_numpy(dtype="int64")
    content = np.zeros(len(rows), dtype="uint64")
    for name in ("account", "phone", "email", "device_id", "reported_staff_id"):
        content = content * np.uint64(0x100000001B3) ^ _hash_text(rows[name])
    for name in ("latitude", "longitude", "download_mbps", "upload_mbps"):
        numbers = rows[name].round(5).to_numpy(dtype="float64")
        content = content * np.uint64(0x100000001B3) ^ pd.util.hash_array(numbers)
    source = _hash_text("source:" + rows["source_id"].astype("string"))
    digest = np.where(rows["source_id"].notna().to_numpy(), source, content)
    low = (digest & np.uint64((1 << KEY_HASH_BITS) - 1)).astype("int64")
    return pd.Series((seconds << KEY_HASH_BITS) | low, index=rows.index)


def _hash_text(values: pd.Series) -> np.ndarray:
    """Stable 64-bit hashes of a text column, computed once per distinct value."""
    codes, distinct = pd.factorize(values)
    hashes = pd.util.hash_array(np.asarray(distinct, dtype=object))
    return np.append(hashes, np.uint64(0))[codes]


MEASUREMENT_COLUMNS = [
    "measurement_id", "source_id", "measured_at", "local_date", "iso_week", "month", "download_mbps",
    "upload_mbps", "latency_ms", "jitter_ms", "operator", "access", "technology", "ip_version",
    "latitude", "longitude", "commune_code", "placement", "coords_swapped", "account", "phone",
    "email", "device_id", "reported_staff_id", "staff_id", "import_id",
]  # fmt: skip


def import_measurements(
    engine: Engine,
    path: Path,
    *,
    column_map: dict[str, str] | None = None,
    rejects_dir: Path = REJECTS_DIR,
    is_demo: bool = False,
    progress: Callable[[int], None] | None = None,
    now: pd.Timestamp | None = None,
) -> ImportSummary:
    """Import one CSV or XLSX file of measurements in a single transaction.

    Rows already stored (same source id, or same account, time, position and
    speeds) are skipped, so importing a file twice adds nothing. Unusable rows go
    to a rejects file. Raises ImportError_ for a file that cannot be imported;
    the database is then unchanged.
    """
    started = time.perf_counter()
    path = Path(path)
    tables = read_measurement_file(path, column_map)
    bootstrap.ensure_ready(engine)
    with engine.connect() as conn:
        placer = bootstrap.commune_placer(conn)
        staff = bootstrap.staff_index(conn)
    now = now or pd.Timestamp.now(tz="UTC")
    batch = {
        "kind": "measurements", "file_name": path.name, "file_sha256": _sha256(path),
        "imported_at": now.tz_localize(None).to_pydatetime().replace(microsecond=0),
        "is_demo": is_demo, "rows_read": 0, "rows_imported": 0, "summary_json": "{}",
    }  # fmt: skip
    parts, rejects, seen = [], [], np.empty(0, dtype="int64")
    rejects_file = None
    try:
        with bulk.import_writer(engine, batch) as writer:
            for table, fields in tables:
                for raw in table.chunks():
                    part = prepare(raw, fields, placer, staff, now, name=table.name)
                    rows = part.rows
                    # The same test twice in one file (or in two chunks of it) counts once.
                    again = np.isin(rows["measurement_id"].to_numpy(), seen)
                    part.summary.duplicates_in_file += int(again.sum())
                    rows = rows.loc[~again]
                    seen = np.union1d(seen, rows["measurement_id"].to_numpy())
                    # In key order, the rows append to the table's B-tree instead of scattering.
                    rows = rows.sort_values("measurement_id")[MEASUREMENT_COLUMNS[:-1]]
                    part.summary.imported = writer.write(rows, progress)
                    part.summary.already_present = len(rows) - part.summary.imported + part.summary.duplicates_in_file
                    parts.append(part.summary)
                    if len(part.rejects):
                        rejects.append(part.rejects.assign(_table=table.name))
            summary = _combine(path.name, parts)
            rejects_file = write_rejects(pd.concat(rejects, ignore_index=True), path, Path(rejects_dir)) if rejects else None
            summary.rejects_file = str(rejects_file) if rejects_file else None
            summary.seconds = round(time.perf_counter() - started, 2)
            writer.finish({"rows_read": summary.rows_read, "rows_imported": summary.imported,
                           "summary_json": summary.to_json()})  # fmt: skip
    except BaseException as exc:
        if rejects_file:
            rejects_file.unlink(missing_ok=True)
        if isinstance(exc, FileFormatError):  # found while reading on, chunk by chunk
            raise ImportError_(str(exc)) from None
        raise
    return summary


def _combine(file_name: str, parts: list[ImportSummary]) -> ImportSummary:
    """Add up the summaries of a file's tables and chunks."""
    total = ImportSummary(file=file_name)
    for part in parts:
        for name in ("rows_read", "imported", "already_present", "duplicates_in_file", "outside", "swapped",
                     "matched_staff", "unmatched", "without_identity"):  # fmt: skip
            setattr(total, name, getattr(total, name) + getattr(part, name))
        for target, source in ((total.rejected, part.rejected), (total.placed, part.placed)):
            for key, count in source.items():
                target[key] = target.get(key, 0) + int(count)
    return total


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
