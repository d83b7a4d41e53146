"""Import i-Speed exports (and agencies' sheets of reported tests) into the store.

A file is read chunk by chunk; each chunk is cleaned by
:func:`measurement_rows.prepare` (no database access) while the chunk before it
is being written, and the whole file is one transaction: a file that fails
leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import paths
from dashboard.access import accounts
from dashboard.dates import clock
from dashboard.geo import boundaries
from dashboard.ingest import demo_data, lookups
from dashboard.ingest.columns import MEASUREMENT_FIELDS, apply_mapping, header_detector, match_headers
from dashboard.ingest.measurement_rows import prepare
from dashboard.ingest.raw import FileFormatError, RawTable
from dashboard.ingest.readers import read_tables
from dashboard.ingest.rejects import reason_counts, write_rejects
from dashboard.ingest.summary import ImportSummary, combine
from dashboard.refusals import Refusal, words
from dashboard.store import bulk, writers

REJECTS_DIR = paths.REPO_ROOT / "data" / "rejects"

__all__ = ["REJECTS_DIR", "FileImportError", "ImportSummary", "import_measurements", "read_measurement_file"]


class FileImportError(Refusal):
    """A file cannot be imported; the refusal says why, for the user. Nothing was written.

    ``rejects`` holds the rows set aside, when the file was read that far.
    """

    rejects: pd.DataFrame | None = None


def read_measurement_file(path: Path, column_map: dict[str, str] | None = None) -> list[tuple[RawTable, dict]]:
    """Read a file's tables and recognise their columns. Raises FileImportError."""
    detector = header_detector(MEASUREMENT_FIELDS, minimum=2)
    mapped = set((column_map or {}).values())

    def is_header(cells) -> bool:
        # A row naming every mapped column is the header even if nothing else is known.
        return detector(cells) or (bool(mapped) and mapped <= {str(c).strip() for c in cells})

    try:
        tables = read_tables(path, is_header)
    except FileFormatError as exc:
        raise FileImportError.like(exc) from None
    result, problems = [], []
    for table in tables:
        headers = table.headers
        fields = match_headers(headers, MEASUREMENT_FIELDS)
        if column_map:
            try:
                fields |= apply_mapping(headers, column_map)
            except ValueError as exc:
                problems.append(Refusal("mapping", name=table.name, detail=str(exc)))
                continue
        missing = [f for f in ("measured_at", "download") if f not in fields]
        if missing:
            problems.append(
                Refusal("no_columns", name=table.name, missing=_field_names(missing), headers=", ".join(headers))
            )
            continue
        result.append((table, fields))
    # A workbook may hold a summary sheet beside the data: only fail when no table fits.
    if not result:
        raise FileImportError.like(problems[0]) if len(problems) == 1 else FileImportError("several", problems=problems)
    return result


def import_measurements(
    engine: Engine,
    path: Path,
    *,
    column_map: dict[str, str] | None = None,
    rejects_dir: Path = REJECTS_DIR,
    is_demo: bool = False,
    progress: Callable[[int], None] | None = None,
    now: pd.Timestamp | None = None,
    dry_run: bool = False,
    confirmed: bool = True,
    on_wait: Callable[[], None] | None = None,
    wait_limit: float = bulk.WAIT_LIMIT_SECONDS,
    first_admin: accounts.FirstAdmin | None = None,
) -> ImportSummary:
    """Import one CSV or XLSX file of measurements in a single transaction.

    Rows already stored (same source id, or same account, time, position and
    speeds) are skipped, so importing a file twice adds nothing. Unusable rows go
    to a rejects file. ``progress(n)`` is called, on the caller's thread, as each
    chunk of n new rows is stored. ``dry_run`` runs the whole import and rolls it
    back (no rejects file either: the rows set aside are in ``summary.rejects``),
    so that a preview predicts exactly what the import does; so does an import
    that would replace the demo campaign and is not ``confirmed``. Check
    ``summary.applied``. The demo is replaced only by an import that stores at
    least one row. Imports take turns: one that finds another under way calls
    ``on_wait()`` once (to say "waiting for another import…") and waits up to
    ``wait_limit`` seconds. ``first_admin``: the real administrator an import that
    replaces the demo (and its accounts) adds in its own transaction. Raises
    FileImportError for a file that cannot be imported (or when the wait runs out,
    or ``first_admin`` is unusable); the database is then unchanged.
    """
    started = time.perf_counter()
    path = Path(path)
    writers.prepare(engine)
    tables = read_measurement_file(path, column_map)
    boundaries.ensure_ready(engine)
    with engine.connect() as conn:
        placer = lookups.commune_placer(conn)
        replaces_demo = not is_demo and demo_data.holds_only_demo(conn)
        if first_admin is not None and replaces_demo:
            first_admin = _checked(first_admin, conn)
        # The demo's staff go with the demo: real tests are not linked to them. Others
        # are looked up as the chunks name them (lookups.StaffIndex), in the import's turn.
        staff = lookups.StaffIndex() if replaces_demo else lookups.StaffIndex(engine)
    now = now or pd.Timestamp(clock.utc_now())
    batch = {
        "kind": "measurements",
        "file_name": path.name,
        "file_sha256": "",  # filled in by finish
        "imported_at": now.tz_localize(None).to_pydatetime().replace(microsecond=0),
        "is_demo": is_demo,
        "rows_read": 0,
        "rows_imported": 0,
        "summary_json": "{}",
    }
    parts, rejects, seen = [], [], _KeysSeen()
    known: dict[str, str | None] = {}  # identifiers normalised so far (written -> normalised), for every chunk
    rejects_file = None
    try:
        # Decided again once the import's turn has come: an import that ran while
        # this one waited may have replaced the demo (clearing again would lose it).
        first: list | Callable[[], list] = (lambda: _demo_removal(engine, first_admin)) if replaces_demo else []
        with writers.import_writer(engine, batch, first, on_wait, wait_limit) as writer:
            replaces_demo = bool(writer.first)
            if writer.waited and not replaces_demo:  # the import that ran meanwhile may have added staff
                staff = lookups.StaffIndex(engine)  # nothing looked up before is kept
            for table, fields in tables:
                for raw in table.chunks():
                    part = prepare(raw, fields, placer, staff, now, name=table.name, known=known)
                    # The same test twice in the file (in one chunk or two) is stored once.
                    # In key order, the inserts walk the primary key's index in order
                    # instead of scattering (a quarter faster on SQLite).
                    order, repeated = seen.add(part.rows["measurement_id"].to_numpy())
                    part.summary.duplicates_in_file = repeated
                    rows = part.rows.take(order)
                    writer.write(rows, done=_counter(part.summary, len(rows)), progress=progress)
                    parts.append(part.summary)
                    if len(part.rejects):
                        rejects.append(part.rejects.assign(_table=table.name))
            file_sha256 = _sha256(path)  # while the writer stores the last chunks
            writer.count()  # every chunk's new rows known: the counts are final
            summary = combine(path.name, parts)
            summary.demo_removed = replaces_demo
            summary.dry_run = dry_run
            summary.rejects = pd.concat(rejects, ignore_index=True) if rejects else None
            if replaces_demo and not summary.imported:
                error = _nothing_to_import(summary)
                error.rejects = summary.rejects
                raise error
            summary.applied = not dry_run and (confirmed or not replaces_demo)
            if summary.applied:  # else the writer rolls back on leaving the block, below
                writer.add_to_rollups()
                if rejects:
                    rejects_file = write_rejects(summary.rejects, path, Path(rejects_dir))
                summary.rejects_file = str(rejects_file) if rejects_file else None
                summary.seconds = round(time.perf_counter() - started, 2)
                writer.finish(
                    {
                        "rows_read": summary.rows_read,
                        "rows_imported": summary.imported,
                        "summary_json": summary.to_json(),
                        "file_sha256": file_sha256,
                    }
                )
            else:  # a preview stores every chunk, as the import would, and fails as it would
                writer.flush()
            summary.seconds = round(time.perf_counter() - started, 2)
    except BaseException as exc:
        if rejects_file:
            rejects_file.unlink(missing_ok=True)
        if isinstance(exc, (FileFormatError, bulk.StoreRefused)):  # found while reading on, waiting or storing
            raise FileImportError.like(exc) from None
        raise
    return summary


def _demo_removal(engine: Engine, first_admin: accounts.FirstAdmin | None) -> list:
    """The statements that clear the demo campaign (and add ``first_admin``), if it
    is still all the database holds."""
    with engine.connect() as conn:
        if not demo_data.holds_only_demo(conn):
            return []
        return demo_data.removal(_checked(first_admin, conn) if first_admin else None)


def _checked(first_admin: accounts.FirstAdmin, conn) -> accounts.FirstAdmin:
    try:
        return first_admin.checked(conn)
    except accounts.AccountError as exc:
        raise FileImportError("first_admin", reason=account_reason(exc)) from None


def _nothing_to_import(summary: ImportSummary) -> FileImportError:
    """Why a file that would replace the demo is refused: none of its rows can be stored."""
    if not summary.rejected:
        return FileImportError("nothing_new_demo_kept", name=summary.file)
    return FileImportError("no_row_demo_kept", name=summary.file, reasons=reason_counts(summary.rejected))


def _field_names(fields: list[str]) -> Callable[[str], str]:
    """The missing fields, as the reader names them ('thời gian đo và tốc độ tải xuống')."""
    return lambda language: words("and")(language).join(words("field_" + f)(language) for f in fields)


def account_reason(exc: accounts.AccountError) -> Callable[[str], str]:
    """An account's refusal as a refusal's value: its label in the reader's language,
    where it has one."""
    return exc.text


def _counter(summary: ImportSummary, offered: int) -> Callable[[int, pd.DataFrame], None]:
    """Record in a chunk's summary how many of its rows the writer stored, and count
    placements and links on those rows only: a test already stored, or repeated in
    the file, is not placed or linked a second time."""

    def done(stored: int, rows: pd.DataFrame) -> None:
        summary.imported = stored
        summary.already_present = offered - stored + summary.duplicates_in_file
        summary.placed = {k: int(v) for k, v in rows["placement"].value_counts().items()}
        summary.outside = summary.placed.get("outside", 0)
        summary.swapped = int(rows["coords_swapped"].sum())
        linked = rows["staff_id"].notna()
        identity = rows[["account", "phone", "email", "reported_staff_id"]].notna().any(axis=1)
        summary.matched_staff = int(linked.sum())
        summary.unmatched = int((identity & ~linked).sum())
        summary.without_identity = int((~identity).sum())

    return done


class _KeysSeen:
    """The keys of the file's rows taken so far, kept sorted to find repeats fast."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.int64)

    def add(self, keys: np.ndarray) -> tuple[np.ndarray, int]:
        """Positions of the chunk's new rows in key order, and how many rows repeat.

        Of a key repeated within the chunk the first row in the file is kept.
        """
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        first = np.ones(len(ordered), dtype=bool)
        first[1:] = ordered[1:] != ordered[:-1]
        at = np.minimum(np.searchsorted(self.keys, ordered), max(len(self.keys) - 1, 0))
        earlier = self.keys[at] == ordered if len(self.keys) else np.zeros(len(ordered), dtype=bool)
        new = first & ~earlier
        # Both runs are sorted: the stable sort (timsort) merges them in one pass.
        self.keys = np.sort(np.concatenate([self.keys, ordered[new]]), kind="stable")
        return order[new], int(len(keys) - new.sum())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
