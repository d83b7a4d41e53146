"""Import agencies and staff rosters: who works where, since when, and how their
i-Speed tests can be recognised (account, phone, e-mail).

A roster may come as one workbook with an agency sheet and a staff sheet, or as
separate files; all files of one import are one transaction. A person whose
agency changes gets a new membership from the change date, so past weeks still
count for the agency of that time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.engine import Connection, Engine

from dashboard.campaign import bootstrap, demo_data, queries, rollups, store
from dashboard.campaign.columns import AGENCY_FIELDS, STAFF_FIELDS, match_headers
from dashboard.campaign.measurements import REJECTS_DIR, ImportError_
from dashboard.campaign.readers import FileFormatError, RawTable, read_tables
from dashboard.campaign.rejects import REASONS, write_rejects
from dashboard.campaign.text import fold_bare
from dashboard.campaign.values import as_local_date, normalise_identifier

AGENCY_KINDS = ("department", "commune_committee", "mass_organisation", "press", "telecom", "other")
# Folded words -> kind, tried in this order (a "Ban" is a department, a "Báo" the press).
_KIND_WORDS = [
    ("commune_committee", ("ubnd", "uy ban nhan dan", "commune committee", "commune_committee")),
    ("telecom", ("vien thong", "telecom", "viettel", "vnpt", "mobifone", "fpt")),
    ("press", ("bao", "dai", "phat thanh", "truyen hinh", "press", "broadcaster")),
    ("mass_organisation", ("chinh tri", "mat tran", "doan", "hoi", "cong doan", "mass organisation",
                           "mass_organisation")),
    ("department", ("so", "ban", "nganh", "department", "tinh uy", "van phong")),
]  # fmt: skip


_COMMITTEE_PREFIX = r"(?i)^\s*(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+"


@dataclass
class RosterSummary:
    """What a roster import changed."""

    files: list[str]
    agencies_read: int = 0
    agencies_added: int = 0
    agencies_updated: int = 0
    staff_read: int = 0
    staff_added: int = 0
    staff_moved: int = 0
    staff_left: int = 0
    identifiers: int = 0
    identifiers_reassigned: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    measurements_linked: int = 0
    measurements_unmatched: int = 0
    rejects_file: str | None = None
    demo_removed: bool = False
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The summary as lines of text for the command line."""
        out = [demo_data.REMOVED_LINE] if self.demo_removed else []
        out += [
            f"files:            {', '.join(self.files)}",
            f"agencies:         read {self.agencies_read:,}, added {self.agencies_added:,}, "
            f"updated {self.agencies_updated:,}",
            f"staff:            read {self.staff_read:,}, added {self.staff_added:,}, moved {self.staff_moved:,}, "
            f"left {self.staff_left:,}",
            f"identifiers:      {self.identifiers:,} (moved to another person: {self.identifiers_reassigned:,})",
            f"rejected:         {sum(self.rejected.values()):,}",
        ]
        out += [f"  - {REASONS.get(k, k)}: {v:,}" for k, v in sorted(self.rejected.items())]
        out.append(
            f"measurements:     linked to staff {self.measurements_linked:,}; "
            f"matching nobody {self.measurements_unmatched:,}"
        )
        if self.rejects_file:
            out.append(f"rejects file:     {self.rejects_file}")
        out.append(f"time:             {self.seconds:.1f} s")
        return out


def agency_kind(written: str | None) -> str:
    """One of AGENCY_KINDS from a kind written in Vietnamese or English."""
    if written is None or pd.isna(written):
        return "other"
    folded = fold_bare(written)
    words = set(folded.split())
    for kind, keys in _KIND_WORDS:
        for key in keys:
            if (" " in key and key in folded) or key in words or folded == key:
                return kind
    return "other"


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
) -> RosterSummary:
    """Import agency lists and staff lists from one or more files, in one transaction.

    ``as_of`` dates a change of agency when the file gives no start date (default
    today). ``is_demo`` marks the import as demo data. Raises ImportError_ for files
    that cannot be used; nothing is written then.
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    as_of = as_of or dt.date.today()
    agencies, staff_tables = [], []
    for path in paths:
        try:
            tables = read_tables(path, _is_roster_header)
        except FileFormatError as exc:
            raise ImportError_(str(exc)) from None
        for table in tables:
            headers = table.headers
            staff_fields = match_headers(headers, STAFF_FIELDS)
            if {"staff_id", "full_name"} <= set(staff_fields):
                staff_tables.append((table, staff_fields))
            else:
                agencies.append((table, match_headers(headers, AGENCY_FIELDS)))
    summary = RosterSummary(files=[p.name for p in paths])
    bootstrap.ensure_ready(engine)
    rejects: list[pd.DataFrame] = []
    with engine.connect() as conn:
        placer = bootstrap.commune_placer(conn)
        replaces_demo = not is_demo and demo_data.holds_only_demo(conn)
        # Demo agencies are about to go: a real staff list cannot refer to them.
        known_agencies = set() if replaces_demo else set(conn.execute(select(store.agency.c.agency_code)).scalars())
    try:
        # Rosters are small: read them whole (a broken line shows up here).
        agencies = [(t, f, t.frame) for t, f in agencies]
        staff_tables = [(t, f, t.frame) for t, f in staff_tables]
    except FileFormatError as exc:
        raise ImportError_(str(exc)) from None
    agency_rows = pd.concat(
        [_clean_agencies(t, f, frame, placer, summary, rejects) for t, f, frame in agencies] or [pd.DataFrame()], ignore_index=True
    )
    valid_agencies = known_agencies | set(agency_rows.get("agency_code", []))
    staff_rows = pd.concat(
        [_clean_staff(t, f, frame, valid_agencies, summary, rejects) for t, f, frame in staff_tables] or [pd.DataFrame()],
        ignore_index=True,
    )
    if agency_rows.empty and staff_rows.empty and not any(len(r) for r in rejects):
        raise ImportError_(f"{', '.join(summary.files)}: no agency or staff rows found")
    rejects_file = write_rejects(pd.concat(rejects, ignore_index=True), paths[0], Path(rejects_dir)) if rejects else None
    summary.rejects_file = str(rejects_file) if rejects_file else None
    try:
        with engine.begin() as conn:
            if replaces_demo:
                summary.demo_removed = demo_data.remove_demo_before_real_import(conn)
            if not agency_rows.empty:
                _write_agencies(conn, agency_rows, summary)
            if not staff_rows.empty:
                _write_staff(conn, staff_rows, as_of, summary)
            relinked = queries.execute(conn, "link_measurements_to_staff", import_id=None)
            # Earlier tests may now belong to someone: the rollups that count by person
            # follow; the agencies' histograms always do (their rosters changed).
            rollups.rebuild(conn, rollups.STAFF_ADDERS if relinked else ())
            counts = queries.run(conn, "measurement_link_counts").iloc[0]
            summary.measurements_linked = int(counts["linked"] or 0)
            summary.measurements_unmatched = int(counts["unmatched"] or 0)
            summary.seconds = round(time.perf_counter() - started, 2)
            conn.execute(
                store.import_batch.insert().values(
                    kind="roster", file_name=", ".join(summary.files), file_sha256="-",
                    imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None), is_demo=is_demo,
                    rows_read=summary.agencies_read + summary.staff_read,
                    rows_imported=summary.agencies_added + summary.staff_added, summary_json="{}",
                )  # fmt: skip
            )
    except BaseException:
        if rejects_file:
            rejects_file.unlink(missing_ok=True)
        raise
    return summary


def _text(frame: pd.DataFrame, fields: dict, name: str) -> pd.Series:
    if name not in fields:
        return pd.Series(None, index=frame.index, dtype=object)
    text = frame[fields[name][0]].astype("string").str.strip().str.normalize("NFC")
    text = text.str.replace(r"\.0$", "", regex=True)  # Excel turns codes into floats
    return text.mask(text == "").astype(object).where(lambda s: s.notna(), None)


def _reject(table: RawTable, frame: pd.DataFrame, reason: pd.Series, rejects: list,
            summary: RosterSummary) -> pd.Series:  # fmt: skip
    bad = reason.notna()
    if bad.any():
        rejects.append(frame.loc[bad].assign(_table=table.name, _reason=reason[bad].map(REASONS.get)))
        for code, count in reason[bad].value_counts().items():
            summary.rejected[code] = summary.rejected.get(code, 0) + int(count)
    return ~bad


def _clean_agencies(table, fields, frame, placer, summary, rejects) -> pd.DataFrame:
    summary.agencies_read += len(frame)
    rows = pd.DataFrame(
        {
            "agency_code": _text(frame, fields, "agency_code"),
            "name": _text(frame, fields, "agency_name"),
            "agency_kind": _text(frame, fields, "agency_kind").map(agency_kind),
        }
    )
    today = pd.Series(pd.Timestamp.today().normalize(), index=frame.index)
    commune = placer.by_code(_text(frame, fields, "commune_code"), today)
    by_name = placer.by_name(_text(frame, fields, "commune_name"), today)
    # A commune's People's Committee is located in the commune it is named after.
    committee_of = placer.by_name(rows["name"].str.replace(_COMMITTEE_PREFIX, "", regex=True), today)
    rows["commune_code"] = commune.where(commune.notna(), by_name)
    rows["commune_code"] = rows["commune_code"].where(rows["commune_code"].notna(), committee_of)
    reason = pd.Series(None, index=frame.index, dtype=object)
    reason[rows["name"].isna()] = "no_agency_name"
    reason[rows["agency_code"].isna()] = "no_agency_code"
    keep = _reject(table, frame, reason, rejects, summary)
    return rows[keep].drop_duplicates("agency_code", keep="last")


def _clean_staff(table, fields, frame, valid_agencies, summary, rejects) -> pd.DataFrame:
    summary.staff_read += len(frame)
    rows = pd.DataFrame({name: _text(frame, fields, name) for name in ("staff_id", "full_name", "agency_code")})
    for name in ("account", "phone", "email"):
        rows[name] = normalise_identifier(_text(frame, fields, name)).astype(object)
    reason = pd.Series(None, index=frame.index, dtype=object)
    for name in ("valid_from", "valid_to"):
        written = _text(frame, fields, name)
        rows[name] = as_local_date(written) if name in fields else None
        reason[written.notna() & rows[name].isna()] = "bad_date"
    reason[~rows["agency_code"].isin(valid_agencies)] = "unknown_agency"
    reason[rows["agency_code"].isna()] = "no_agency"
    reason[rows["full_name"].isna()] = "no_full_name"
    reason[rows["staff_id"].isna()] = "no_staff_id"
    keep = _reject(table, frame, reason, rejects, summary)
    return rows[keep]


def _write_agencies(conn: Connection, rows: pd.DataFrame, summary: RosterSummary) -> None:
    existing = set(conn.execute(select(store.agency.c.agency_code)).scalars())
    records = rows.astype(object).where(rows.notna(), None).to_dict("records")
    for record in records:
        if record["agency_code"] in existing:
            conn.execute(
                store.agency.update().where(store.agency.c.agency_code == record["agency_code"]).values(**record)
            )
    new = [r for r in records if r["agency_code"] not in existing]
    if new:
        conn.execute(store.agency.insert(), new)
    summary.agencies_added += len(new)
    summary.agencies_updated += len(records) - len(new)


def _write_staff(conn: Connection, rows: pd.DataFrame, as_of: dt.date, summary: RosterSummary) -> None:
    """Upsert people, update their memberships and identifiers."""
    ids = rows["staff_id"].unique().tolist()
    existing = set(conn.execute(select(store.staff.c.staff_id)).scalars())
    people = rows.drop_duplicates("staff_id", keep="last")[["staff_id", "full_name"]]
    known = people["staff_id"].isin(existing)
    summary.staff_added += int((~known).sum())
    for chunk in _chunked(people.loc[known, "staff_id"].tolist()):
        conn.execute(delete(store.staff_identifier).where(store.staff_identifier.c.staff_id.in_(chunk)))
    if known.any():
        for person in people[known].itertuples():
            conn.execute(
                store.staff.update().where(store.staff.c.staff_id == person.staff_id).values(full_name=person.full_name)
            )
    if (~known).any():
        conn.execute(store.staff.insert(), people[~known].to_dict("records"))

    memberships = _current_memberships(conn, ids)
    new_memberships = _next_memberships(memberships, rows, as_of, summary)
    for chunk in _chunked(ids):
        conn.execute(delete(store.staff_membership).where(store.staff_membership.c.staff_id.in_(chunk)))
    if new_memberships:
        conn.execute(store.staff_membership.insert(), new_memberships)
    _write_identifiers(conn, rows, summary)


def _chunked(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _current_memberships(conn: Connection, ids: list[str]) -> dict[str, list[dict]]:
    m = store.staff_membership
    result: dict[str, list[dict]] = {}
    for chunk in _chunked(ids):
        query = select(m.c.staff_id, m.c.agency_code, m.c.valid_from, m.c.valid_to).where(m.c.staff_id.in_(chunk))
        for row in conn.execute(query).mappings():
            result.setdefault(row["staff_id"], []).append(dict(row))
    return result


def _next_memberships(current: dict[str, list[dict]], rows: pd.DataFrame, as_of: dt.date,
                      summary: RosterSummary) -> list[dict]:  # fmt: skip
    """Memberships after applying each roster row to what was stored.

    Same agency: the open membership stays (closed if the row gives an end date).
    Another agency: the open membership closes the day before the new one starts.
    """
    result = {staff_id: [dict(m) for m in ms] for staff_id, ms in current.items()}
    for row in rows.itertuples():
        history = result.setdefault(row.staff_id, [])
        open_ = [m for m in history if m["valid_to"] is None]
        start = row.valid_from
        if open_ and open_[-1]["agency_code"] == row.agency_code:
            membership = open_[-1]
            if start and (membership["valid_from"] is None or start < membership["valid_from"]):
                membership["valid_from"] = start
        elif any(m["agency_code"] == row.agency_code and m["valid_from"] == start for m in history):
            continue  # this membership is already recorded (re-import of an old roster)
        else:
            if history and start is None:
                start = as_of  # a move without a date happens on the import date
            for membership in open_:
                membership["valid_to"] = (start or as_of) - dt.timedelta(days=1)
                summary.staff_moved += 1
            membership = {"staff_id": row.staff_id, "agency_code": row.agency_code, "valid_from": start,
                          "valid_to": None}  # fmt: skip
            history.append(membership)
        if row.valid_to and membership["valid_to"] != row.valid_to:
            membership["valid_to"] = row.valid_to
            summary.staff_left += 1
    return [m for history in result.values() for m in history]


def _write_identifiers(conn: Connection, rows: pd.DataFrame, summary: RosterSummary) -> None:
    pairs = pd.concat(
        [rows[["staff_id", kind]].rename(columns={kind: "identifier"}).assign(identifier_kind=kind)
         for kind in ("account", "phone", "email")]  # fmt: skip
    ).dropna(subset=["identifier"])
    pairs = pairs.drop_duplicates("identifier", keep="last")
    taken = []
    for chunk in _chunked(pairs["identifier"].tolist()):
        si = store.staff_identifier
        taken += conn.execute(select(si.c.identifier).where(si.c.identifier.in_(chunk))).scalars().all()
    summary.identifiers_reassigned += len(taken)
    for chunk in _chunked(taken):
        conn.execute(delete(store.staff_identifier).where(store.staff_identifier.c.identifier.in_(chunk)))
    if len(pairs):
        conn.execute(store.staff_identifier.insert(), pairs.to_dict("records"))
    summary.identifiers += len(pairs)
