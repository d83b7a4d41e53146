"""Import agencies and staff rosters: who works where, since when, and how their
i-Speed tests can be recognised (account, phone, e-mail).

A roster may come as one workbook with an agency sheet and a staff sheet, or as
separate files; all files of one import are one transaction. An import changes
only what its files state (:mod:`roster_changes`), sets aside the rows it cannot
store (:mod:`roster_rows`), and counts every change. A preview (``dry_run``) is
the same run rolled back, so it predicts exactly what the import then does; a
change that loses something (identifiers, links to tests, people, the demo)
is applied only when ``confirmed``.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine

from dashboard import i18n
from dashboard.access import accounts
from dashboard.dates import clock
from dashboard.geo import boundaries
from dashboard.ingest import demo_data, lookups, summary_lines
from dashboard.ingest.columns import AGENCY_FIELDS, STAFF_FIELDS, match_headers
from dashboard.ingest.measurements import REJECTS_DIR, FileImportError, account_reason
from dashboard.ingest.raw import FileFormatError
from dashboard.ingest.readers import read_tables
from dashboard.ingest.rejects import reason_counts, write_rejects
from dashboard.ingest.roster_changes import RosterChanges, apply_agencies, apply_staff, relink
from dashboard.ingest.roster_rows import AGENCY_KINDS, agency_kind, check_agencies, check_staff, text_column
from dashboard.ingest.summary import demo_line, end_lines, rejected_lines
from dashboard.ingest.summary_lines import Line, value_names
from dashboard.store import queries, rollups, tables, turns
from dashboard.store.bulk import WAIT_LIMIT_SECONDS, DatabaseBusy

__all__ = ["AGENCY_KINDS", "RosterSummary", "agency_kind", "import_roster"]

#: Changes that lose something stored, in the order a preview lists them.
LOSSES = ("demo_replaced", "people_removed", "identifiers_removed", "identifiers_moved", "links_lost")


@dataclass
class RosterSummary(RosterChanges):
    """What a roster import read, changed and set aside (or would, for a preview)."""

    files: list[str] = field(default_factory=list)
    agencies_read: int = 0
    staff_read: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    measurements_linked: int = 0
    measurements_unmatched: int = 0
    rejects_file: str | None = None
    demo_removed: bool = False
    dry_run: bool = False
    clear_empty: bool = False
    applied: bool = False
    seconds: float = 0.0
    rejects: pd.DataFrame | None = field(default=None, repr=False)  # the rows set aside, as written

    @property
    def identifiers_reassigned(self) -> int:
        """Identifiers taken from another person."""
        return len(self.identifiers_moved)

    @property
    def rejected_total(self) -> int:
        """All rows set aside, whatever the reason."""
        return sum(self.rejected.values())

    @property
    def losses(self) -> list[str]:
        """The changes that lose something stored (each in LOSSES); they need a confirmation."""
        found = {
            "demo_replaced": self.demo_removed,
            "people_removed": bool(self.people_removed),
            "identifiers_removed": bool(self.identifiers_removed),
            "identifiers_moved": bool(self.identifiers_moved),
            "links_lost": bool(self.links_lost or self.links_moved),
        }
        return [name for name in LOSSES if found[name]]

    def lines(self) -> list[str]:
        """The summary as lines of text for the command line (English)."""
        return summary_lines.command_line(self.summary_lines())

    def summary_lines(self) -> list[Line]:
        """The summary line by line, for the command line and the import page."""
        out = [demo_line(self.applied)] if self.demo_removed else []
        agencies = {"read": self.agencies_read, "added": self.agencies_added, "unchanged": self.agencies_unchanged}
        staff = {
            "read": self.staff_read,
            "added": self.staff_added,
            "moved": self.staff_moved,
            "left": self.staff_left,
            "renamed": self.staff_renamed,
            "unchanged": self.staff_unchanged,
        }
        identifiers = {
            "added": self.identifiers_added,
            "changed": self.identifiers_changed,
            "removed": self.identifiers_removed,
            "taken": len(self.identifiers_moved),
        }
        out += [
            Line("files", {"files": ", ".join(self.files)}),
            Line(
                "agencies",
                {**agencies, "changed": value_names("agency_field", dict(sorted(self.agencies_changed.items())))},
            ),
            Line("staff", staff),
            Line("identifiers", identifiers),
            Line("links", {"gained": self.links_gained, "lost": self.links_lost, "moved": self.links_moved}),
        ]
        if self.empty_cells:
            kept = "empty_cleared" if self.clear_empty else "empty_kept"
            cells = value_names("empty_cell", dict(sorted(self.empty_cells.items())))
            out.append(Line("empty_cells", {"cells": cells, "kept": _words(kept)}))
        out += [
            Line(
                "person_left",
                {"staff_id": p["staff_id"], "full_name": p["full_name"] or "", "agency_code": p["agency_code"]},
                item=True,
            )
            for p in self.people_removed
        ]
        out += [
            Line(
                None,
                {
                    "kind": _words("empty_cell_" + m["identifier_kind"]),
                    "from_staff": m["from_staff_id"],
                    "to_staff": m["to_staff_id"],
                },
                item=True,
                value="identifier_taken",
            )
            for m in self.identifiers_moved
        ]
        out += rejected_lines(self.rejected)
        out.append(Line("measurements", {"linked": self.measurements_linked, "unmatched": self.measurements_unmatched}))
        return out + end_lines(self.rejects_file, self.seconds)

    def to_json(self) -> str:
        """The summary as JSON (stored with the import batch)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "rejects"}
        return json.dumps(values, ensure_ascii=False, default=str)


def _is_roster_header(cells) -> bool:
    agency = match_headers([str(c) for c in cells], AGENCY_FIELDS)
    staff = match_headers([str(c) for c in cells], STAFF_FIELDS)
    return {"agency_code", "agency_name"} <= set(agency) or {"staff_id", "full_name"} <= set(staff)


def import_roster(
    engine: Engine,
    paths: Iterable[Path],
    *,
    as_of: dt.date | None = None,
    rejects_dir: Path = REJECTS_DIR,
    is_demo: bool = False,
    dry_run: bool = False,
    confirmed: bool = True,
    complete: bool = False,
    clear_empty: bool = False,
    on_wait: Callable[[], None] | None = None,
    wait_limit: float = WAIT_LIMIT_SECONDS,
    first_admin: accounts.FirstAdmin | None = None,
) -> RosterSummary:
    """Import agency lists and staff lists from one or more files, in one transaction.

    ``as_of`` dates a change of agency when the file gives no start date (default
    today in Vietnam). ``complete``: the staff list is the whole staff of each agency it
    names, so that anyone else leaves (listed person by person). ``clear_empty``:
    an empty cell in a present column clears the stored value (otherwise it is
    only counted). ``dry_run`` computes every change and writes nothing (no
    rejects file either); so does an import with losses (:attr:`RosterSummary.losses`)
    that is not ``confirmed``. Check ``summary.applied``. ``is_demo`` marks the
    import as demo data. Imports take turns (:mod:`turns`): ``on_wait()`` is called
    once if this one waits for another, up to ``wait_limit`` seconds. Raises
    FileImportError for files that cannot be used, or a wait that runs out; nothing is
    written then. ``first_admin``: the real administrator an import that replaces the
    demo (and its accounts) adds in its own transaction (FileImportError if unusable).
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    as_of = as_of or clock.today()
    agency_parts, staff_parts = _read(paths)
    summary = RosterSummary(files=[p.name for p in paths], dry_run=dry_run, clear_empty=clear_empty)
    boundaries.ensure_ready(engine)
    with engine.connect() as conn:
        placer = lookups.commune_placer(conn)
        replaces_demo = not is_demo and demo_data.holds_only_demo(conn)
        # Demo agencies are about to go: a real staff list cannot refer to them.
        known_agencies = set() if replaces_demo else set(conn.execute(select(tables.agency.c.agency_code)).scalars())
        if first_admin is not None and replaces_demo:
            try:
                first_admin = first_admin.checked(conn)
            except accounts.AccountError as exc:
                raise FileImportError("first_admin", reason=account_reason(exc)) from None
    agencies = check_agencies(agency_parts, placer, as_of)
    staff = check_staff(staff_parts, known_agencies | set(agencies.rows.get("agency_code", [])))
    mentioned = {sid for t, f, frame in staff_parts for sid in text_column(frame, f, "staff_id").dropna()}
    summary.agencies_read, summary.staff_read = agencies.read, staff.read
    with turns.import_connection(engine) as conn:
        try:
            transaction = turns.begin_turn(conn, on_wait, wait_limit)
        except DatabaseBusy as exc:
            raise FileImportError.like(exc) from None
        try:
            if not agencies.rows.empty or not staff.rows.empty:
                if replaces_demo:
                    summary.demo_removed = demo_data.remove_demo_before_real_import(conn, first_admin)
                apply_agencies(conn, agencies.rows, clear_empty, summary)
                keys = apply_staff(
                    conn,
                    staff,
                    as_of=as_of,
                    complete=complete,
                    clear_empty=clear_empty,
                    mentioned=mentioned,
                    changes=summary,
                )
                # Earlier tests may now belong to someone else: the rollups that count by
                # person follow; the agencies' histograms always do (their rosters changed).
                relinked = relink(conn, keys, summary)
                rollups.rebuild(conn, rollups.STAFF_FILLERS if relinked else ())
                counts = queries.run(conn, "measurement_link_counts").iloc[0]
                summary.measurements_linked = int(counts["linked"] or 0)
                summary.measurements_unmatched = int(counts["unmatched"] or 0)
            _set_aside(summary, agencies, staff)
            if agencies.rows.empty and staff.rows.empty:
                transaction.rollback()
                _refuse_empty(summary, paths, rejects_dir, dry_run)
            summary.seconds = round(time.perf_counter() - started, 2)
            _record_batch(conn, summary, is_demo)
            summary.applied = not dry_run and (confirmed or not summary.losses)
            transaction.commit() if summary.applied else transaction.rollback()
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
    if summary.applied and summary.rejects is not None and len(summary.rejects):
        summary.rejects_file = str(write_rejects(summary.rejects, paths[0], Path(rejects_dir)))
    return summary


def _read(paths: list[Path]) -> tuple[list, list]:
    """The agency tables and the staff tables of the files, read whole (rosters are small)."""
    agencies, staff = [], []
    for path in paths:
        try:
            read = read_tables(path, _is_roster_header)
            for table in read:
                staff_fields = match_headers(table.headers, STAFF_FIELDS)
                if {"staff_id", "full_name"} <= set(staff_fields):
                    staff.append((table, staff_fields, table.frame))
                else:
                    agencies.append((table, match_headers(table.headers, AGENCY_FIELDS), table.frame))
        except FileFormatError as exc:
            raise FileImportError.like(exc) from None
    for table, found, _ in staff:
        if "agency_code" not in found:
            raise FileImportError("staff_needs_agency", name=table.name)
    return agencies, staff


def _set_aside(summary: RosterSummary, *checked) -> None:
    for rows in checked:
        for code, count in rows.rejected.items():
            summary.rejected[code] = summary.rejected.get(code, 0) + count
    frames = [rows.rejects() for rows in checked]
    frames = [f for f in frames if len(f)]
    summary.rejects = pd.concat(frames, ignore_index=True) if frames else None


def _refuse_empty(summary: RosterSummary, paths: list[Path], rejects_dir: Path, dry_run: bool) -> None:
    """No row can be stored: refuse the whole import, saying why, with the rows set aside."""
    names = ", ".join(summary.files)
    if not summary.rejected:
        raise FileImportError("no_roster_rows", names=names)
    reasons = reason_counts(summary.rejected)
    if not dry_run and summary.rejects is not None:
        listed = write_rejects(summary.rejects, paths[0], Path(rejects_dir))
        error = FileImportError("no_roster_row_listed", names=names, reasons=reasons, file=str(listed))
    else:
        error = FileImportError("no_roster_row", names=names, reasons=reasons)
    error.rejects = summary.rejects
    raise error


def _record_batch(conn, summary: RosterSummary, is_demo: bool) -> None:
    conn.execute(
        tables.import_batch.insert().values(
            kind="roster",
            file_name=", ".join(summary.files),
            file_sha256="-",
            imported_at=clock.stored_now(),
            is_demo=is_demo,
            rows_read=summary.agencies_read + summary.staff_read,
            rows_imported=summary.agencies_added + summary.staff_added,
            summary_json=summary.to_json(),
        )
    )


def _words(key: str):
    """The label ``summary_<key>`` as a summary line's value."""
    return lambda language: i18n.label("summary_" + key, language)
