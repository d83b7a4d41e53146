"""Apply checked roster rows to the store, counting every change it makes.

Each function works inside the import's transaction and changes only what the
file states: an absent column leaves the stored values as they are, an empty
cell in a present column is counted and clears a stored value only when the
user asked for it (``clear_empty``). What the changes are is recorded in a
:class:`RosterChanges`, so that a preview (the same run, rolled back) predicts
exactly what the real import does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Row, delete, select
from sqlalchemy.engine import Connection

from dashboard.ingest.roster_rows import IDENTIFIER_KINDS, CheckedRows
from dashboard.store import queries, snapshots, tables

_CHUNK = 500  # values per IN list, within every driver's limit on parameters


@dataclass
class RosterChanges:
    """What a roster import changes, by kind of change."""

    agencies_added: int = 0
    agencies_changed: Counter = field(default_factory=Counter)  # field -> agencies whose value changed
    agencies_unchanged: int = 0
    staff_added: int = 0
    staff_moved: int = 0
    staff_left: int = 0
    staff_renamed: int = 0
    staff_unchanged: int = 0
    people_removed: list[dict] = field(default_factory=list)  # closed because missing from a complete list
    identifiers_added: int = 0
    identifiers_changed: int = 0
    identifiers_removed: int = 0
    identifiers_moved: list[dict] = field(default_factory=list)  # taken from another person
    empty_cells: Counter = field(default_factory=Counter)  # field -> empty cells in a present column
    links_gained: int = 0
    links_lost: int = 0
    links_moved: int = 0


def apply_agencies(conn: Connection, rows: pd.DataFrame, clear_empty: bool, changes: RosterChanges) -> None:
    """Add new agencies and update the fields the file gives for known ones."""
    if rows.empty:
        return
    stored = {r["agency_code"]: dict(r) for r in conn.execute(select(tables.agency)).mappings()}
    new = []
    for row in rows.itertuples(index=False):
        kind = row.agency_kind if row.has_kind else None
        commune = row.commune_code if row.has_commune else None
        email = row.email if row.has_email else None
        old = stored.get(row.agency_code)
        if old is None:
            new.append(
                {
                    "agency_code": row.agency_code,
                    "name": row.name,
                    "agency_kind": kind or "other",
                    "commune_code": commune or row.commune_from_name,
                    "email": email,
                }
            )
            continue
        update = {}
        if row.name != old["name"]:
            update["name"] = row.name
        if row.has_kind:
            if kind is None:
                changes.empty_cells["agency_kind"] += 1
            if (kind or (clear_empty and "other")) and (kind or "other") != old["agency_kind"]:
                update["agency_kind"] = kind or "other"
        if row.has_commune:
            if commune is None:
                changes.empty_cells["commune"] += 1
            if (commune or clear_empty) and commune != old["commune_code"]:
                update["commune_code"] = commune
        if row.has_email:
            if email is None:  # "agency_email": the staff's empty e-mail cells are counted as "email"
                changes.empty_cells["agency_email"] += 1
            if (email or clear_empty) and email != old["email"]:
                update["email"] = email
        for name in update:
            changes.agencies_changed[{"agency_kind": "kind", "commune_code": "commune"}.get(name, name)] += 1
        if update:
            conn.execute(tables.agency.update().where(tables.agency.c.agency_code == row.agency_code).values(**update))
        else:
            changes.agencies_unchanged += 1
    if new:
        conn.execute(tables.agency.insert(), new)
    changes.agencies_added += len(new)


def apply_staff(
    conn: Connection,
    checked: CheckedRows,
    *,
    as_of: dt.date,
    complete: bool,
    clear_empty: bool,
    mentioned: set[str],
    changes: RosterChanges,
) -> set[str]:
    """Add and update people, their memberships and identifiers.

    Rows that cannot apply to what is stored (a move dated before the current
    membership starts) are set aside in ``checked``. With ``complete`` the file
    is the whole staff of each agency it names: anyone else still on one of those
    agencies' rosters leaves on the day before ``as_of`` (``mentioned``: every
    staff id the file wrote, even on rows set aside, so that nobody leaves for a
    typo). Returns the identifiers and staff ids whose tests may link differently.
    """
    rows = checked.rows
    if rows.empty:
        return set()
    ids = rows["staff_id"].tolist()
    names = dict(conn.execute(select(tables.staff.c.staff_id, tables.staff.c.full_name)).all())
    history = _memberships(conn, ids)
    before = {sid: [dict(m) for m in ms] for sid, ms in history.items()}
    moved_before, left_before = changes.staff_moved, changes.staff_left
    bad = [
        position
        for position, row in enumerate(rows.itertuples(index=False))
        if not _apply_membership(history, row, as_of, changes)
    ]
    if bad:
        checked.reject(rows.iloc[bad], "move_before_start")
        rows = rows.drop(index=rows.index[bad])
        checked.rows = rows
    # The counts above included the set-aside rows' attempts: count again on the kept rows.
    changes.staff_moved, changes.staff_left = moved_before, left_before
    history = {sid: [dict(m) for m in ms] for sid, ms in before.items()}
    for row in rows.itertuples(index=False):
        _apply_membership(history, row, as_of, changes)

    people = rows.drop_duplicates("staff_id")  # a person's history may take several rows
    new_people = people.loc[~people["staff_id"].isin(names), ["staff_id", "full_name"]]
    renamed = people[people["staff_id"].isin(names) & (people["full_name"] != people["staff_id"].map(names))]
    if len(new_people):
        conn.execute(tables.staff.insert(), new_people.to_dict("records"))
    for person in renamed.itertuples(index=False):
        conn.execute(
            tables.staff.update().where(tables.staff.c.staff_id == person.staff_id).values(full_name=person.full_name)
        )
    changes.staff_added += len(new_people)
    changes.staff_renamed += len(renamed)
    if complete:
        _close_missing(conn, rows, mentioned, as_of, history, names, changes)
    _write_memberships(conn, before, history)
    touched = _apply_identifiers(conn, people, clear_empty, changes)
    unchanged = people[~people["staff_id"].isin(new_people["staff_id"]) & ~people["staff_id"].isin(renamed["staff_id"])]
    changed_people = {sid for sid in history if history[sid] != before.get(sid, [])} | touched["people"]
    changes.staff_unchanged += int((~unchanged["staff_id"].isin(changed_people)).sum())
    return touched["keys"] | set(new_people["staff_id"])


def relink(conn: Connection, keys: set[str], changes: RosterChanges) -> bool:
    """Link again the tests whose identifiers or reported staff ids are in ``keys``.

    Only those tests can link differently after a roster import, so only they are
    read; the gained, lost and moved links are counted. The snapshots of the months
    whose placed tests change hands are dropped (who made a test is part of them).
    True when a link changed.
    """
    if not keys:
        return False
    queries.execute(conn, "relink_keys_create")
    queries.execute(conn, "relink_keys_clear")
    values = sorted(keys)
    for start in range(0, len(values), _CHUNK):
        conn.execute(queries.sql("relink_keys_add"), [{"value": v} for v in values[start : start + _CHUNK]])
    months = queries.run(conn, "relink_changes")
    changes.links_gained += int(pd.to_numeric(months["gained"]).sum())
    changes.links_lost += int(pd.to_numeric(months["lost"]).sum())
    changes.links_moved += int(pd.to_numeric(months["moved"]).sum())
    snapshots.forget(conn, months.loc[pd.to_numeric(months["placed_changed"]) > 0, "month"])
    changed = queries.execute(conn, "relink_measurements")
    queries.execute(conn, "relink_keys_drop")
    return changed > 0


def _memberships(conn: Connection, ids: list[str]) -> dict[str, list[dict]]:
    m = tables.staff_membership
    result: dict[str, list[dict]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        query = (
            select(m.c.staff_id, m.c.agency_code, m.c.valid_from, m.c.valid_to)
            .where(m.c.staff_id.in_(chunk))
            .order_by(m.c.membership_id)
        )
        for row in conn.execute(query).mappings():
            result.setdefault(row["staff_id"], []).append(dict(row))
    return result


def _apply_membership(history: dict[str, list[dict]], row, as_of: dt.date, changes: RosterChanges) -> bool:
    """Apply one roster row to a person's memberships; False (and nothing changed) if it
    would make a membership end before it starts.

    Same agency: the open membership stays (closed if the row gives an end date).
    Another agency: the open membership closes the day before the new one starts.
    """
    mine = history.setdefault(row.staff_id, [])
    saved = [dict(m) for m in mine]
    moved = left = 0
    open_ = [m for m in mine if m["valid_to"] is None]
    start = row.valid_from if row.has_valid_from else None
    end = row.valid_to if row.has_valid_to else None
    # A past membership written again with its end date (a history re-sent): already recorded.
    # Without an end date the row says the person is there now: a move back is a move.
    recorded = (
        next(
            (
                m
                for m in mine
                if m["agency_code"] == row.agency_code and m["valid_from"] == start and m["valid_to"] is not None
            ),
            None,
        )
        if end
        else None
    )
    if open_ and open_[-1]["agency_code"] == row.agency_code:
        membership = open_[-1]
        if start and (membership["valid_from"] is None or start < membership["valid_from"]):
            membership["valid_from"] = start
    elif recorded is not None:
        membership = recorded
    else:
        if mine and start is None:
            start = as_of  # a move without a date happens on the import date
        for membership in open_:
            assert start is not None  # open_ is part of mine, so a missing start became as_of
            membership["valid_to"] = start - dt.timedelta(days=1)
            moved += 1
        membership = {"staff_id": row.staff_id, "agency_code": row.agency_code, "valid_from": start, "valid_to": None}
        mine.append(membership)
    if end and membership["valid_to"] != end:
        membership["valid_to"] = end
        left += 1
    if any(m["valid_from"] and m["valid_to"] and m["valid_to"] < m["valid_from"] for m in mine):
        mine[:] = saved
        return False
    changes.staff_moved += moved
    changes.staff_left += left
    return True


def _close_missing(
    conn: Connection,
    rows: pd.DataFrame,
    mentioned: set[str],
    as_of: dt.date,
    history: dict,
    names: dict,
    changes: RosterChanges,
) -> None:
    """Close the open memberships, in the file's agencies, of people the file leaves out."""
    agencies = sorted(set(rows["agency_code"]))
    m = tables.staff_membership
    last_day = as_of - dt.timedelta(days=1)
    open_rows: list[Row] = []
    for start in range(0, len(agencies), _CHUNK):
        query = select(m.c.staff_id, m.c.agency_code).where(
            m.c.agency_code.in_(agencies[start : start + _CHUNK]), m.c.valid_to.is_(None)
        )
        open_rows += conn.execute(query).all()
    missing = sorted({(sid, code) for sid, code in open_rows if sid not in mentioned})
    for sid, ms in _memberships(conn, sorted({sid for sid, _ in missing})).items():
        history.setdefault(sid, ms)
    for sid, code in missing:
        for membership in history[sid]:
            starts = membership["valid_from"]
            if (
                membership["agency_code"] == code
                and membership["valid_to"] is None
                and (not starts or starts <= last_day)
            ):
                membership["valid_to"] = last_day
                changes.people_removed.append({"staff_id": sid, "full_name": names.get(sid), "agency_code": code})
                changes.staff_left += 1


def _write_memberships(conn: Connection, before: dict, after: dict) -> None:
    """Rewrite the memberships of the people whose history changed."""
    changed = sorted(sid for sid in after if after[sid] != before.get(sid, []))
    m = tables.staff_membership
    for start in range(0, len(changed), _CHUNK):
        conn.execute(delete(m).where(m.c.staff_id.in_(changed[start : start + _CHUNK])))
    records = [membership for sid in changed for membership in after[sid]]
    if records:
        conn.execute(m.insert(), records)


def _apply_identifiers(conn: Connection, rows: pd.DataFrame, clear_empty: bool, changes: RosterChanges) -> dict:
    """Set each person's identifiers of the kinds whose column the file has.

    A value replaces the person's stored identifier of that kind; an empty cell
    keeps it unless ``clear_empty``. A value stored for someone the file does not
    free it from moves to the new person (listed, and a preview asks before it).
    """
    si = tables.staff_identifier
    stored = conn.execute(select(si.c.identifier, si.c.identifier_kind, si.c.staff_id)).all()
    owner = {identifier: sid for identifier, _, sid in stored}
    held: dict[tuple[str, str], set[str]] = {}
    for identifier, kind, sid in stored:
        held.setdefault((sid, kind), set()).add(identifier)
    wanted: dict[tuple[str, str], set[str]] = {}
    for row in rows.itertuples(index=False):
        given: set[str] = set()
        for kind in IDENTIFIER_KINDS:
            if not getattr(row, f"has_{kind}"):
                continue  # an absent column changes nothing
            value = getattr(row, kind)
            if value is None:
                if held.get((row.staff_id, kind)):  # an empty cell matters where a value is stored
                    changes.empty_cells[kind] += 1
                if clear_empty:
                    wanted[(row.staff_id, kind)] = set()
            elif value in given:  # an account that is the person's phone: one identifier
                wanted[(row.staff_id, kind)] = held.get((row.staff_id, kind), set()) & {value}
            else:
                wanted[(row.staff_id, kind)] = {value}
                given.add(value)
    removed: set[str] = set()
    added: list[dict] = []
    people: set[str] = set()
    for (sid, kind), want in wanted.items():
        have = held.get((sid, kind), set())
        if want == have:
            continue
        people.add(sid)
        removed |= have - want
        added += [{"identifier": v, "identifier_kind": kind, "staff_id": sid} for v in sorted(want - have)]
        if have and want:
            changes.identifiers_changed += 1
        elif want:
            changes.identifiers_added += 1
        else:
            changes.identifiers_removed += 1
    # Held already by the same person under another kind (an account that is a phone): kept as it is.
    added = [r for r in added if owner.get(r["identifier"]) != r["staff_id"] or r["identifier"] in removed]
    for record in added:
        previous = owner.get(record["identifier"])
        if previous is not None and previous != record["staff_id"] and record["identifier"] not in removed:
            changes.identifiers_moved.append(
                {
                    "identifier_kind": record["identifier_kind"],
                    "from_staff_id": previous,
                    "to_staff_id": record["staff_id"],
                }
            )
            removed.add(record["identifier"])
            people.add(previous)
    listed = sorted(removed)
    for start in range(0, len(listed), _CHUNK):
        conn.execute(delete(si).where(si.c.identifier.in_(listed[start : start + _CHUNK])))
    if added:
        conn.execute(si.insert(), added)
    return {"keys": removed | {r["identifier"] for r in added}, "people": people}
