"""Participation: each agency against the weekly target of tests per person.

A person counts for an agency in an ISO week (local time, Monday to Sunday) when
one of their memberships covers that week's Thursday; they meet the target when
they made at least ``weekly_target`` tests in the week, wherever they made them.
Compliance is the share of person-weeks that met the target.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.access.accounts import Scope
from dashboard.dates import key_time
from dashboard.dates.periods import Period
from dashboard.reports.rules import CURRENT_EDITION, WEEKLY_TARGET
from dashboard.store import queries
from dashboard.store.tables import MAX_WEEKLY_TARGET

#: Contact identifiers in the order a reminder uses them.
CONTACT_ORDER = ("phone", "email", "account")


def overall_compliance(weeks: pd.DataFrame, agency_codes) -> float | None:
    """Met person-weeks over person-weeks for the agencies given (rows of
    :func:`agency_weeks`); None when none of them had anyone on the roster."""
    chosen = weeks[weeks["agency_code"].isin(agency_codes)]
    on_roster = chosen["staff_on_roster"].sum()
    return float(chosen["staff_met_target"].sum() / on_roster) if on_roster else None


def agencies(conn: Connection) -> pd.DataFrame:
    """Every agency: agency_code, name, agency_kind, commune_code, commune_name."""
    return queries.run(conn, "agencies", edition_id=CURRENT_EDITION)


def agency_weeks(conn: Connection, weeks: Period, weekly_target: int = WEEKLY_TARGET) -> pd.DataFrame:
    """One row per agency and week of ``weeks`` (all its weeks: pass
    :meth:`Period.counted` to leave out those that do not count yet):
    staff_on_roster, staff_tested, staff_met_target, tests, compliance.

    ``weekly_target`` is at most ``MAX_WEEKLY_TARGET`` (the rollup counts up to it).
    """
    if not 1 <= weekly_target <= MAX_WEEKLY_TARGET:
        raise ValueError(f"the weekly target must be from 1 to {MAX_WEEKLY_TARGET}, not {weekly_target}")
    frame = queries.run(
        conn,
        "agency_week_participation",
        first_week=weeks.first_week,
        last_week=weeks.last_week,
        weekly_target=weekly_target,
    )
    for column in ("staff_on_roster", "staff_tested", "staff_met_target", "tests"):
        frame[column] = frame[column].astype("int64")
    frame["compliance"] = frame["staff_met_target"] / frame["staff_on_roster"]
    return frame


def agency_table(weeks: pd.DataFrame, agency_list: pd.DataFrame, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per agency over the weeks given (rows of :func:`agency_weeks`).

    Staff figures are per week on average (exact for a single week); compliance is
    met person-weeks over person-weeks; ``change`` is the difference in compliance
    against ``previous`` (the same figures for the previous period), in points.
    """
    summed = _sum_weeks(weeks)
    table = agency_list.merge(summed, on="agency_code", how="inner")
    if previous is not None and not previous.empty:
        before = _sum_weeks(previous)[["agency_code", "compliance"]].rename(columns={"compliance": "previous"})
        table = table.merge(before, on="agency_code", how="left")
    else:
        table["previous"] = np.nan
    table["change"] = (table["compliance"] - table["previous"]) * 100
    return table.sort_values(["compliance", "name"], ascending=[True, True]).reset_index(drop=True)


def _sum_weeks(weeks: pd.DataFrame) -> pd.DataFrame:
    grouped = weeks.groupby("agency_code", as_index=False).agg(
        weeks=("iso_week", "nunique"),
        person_weeks=("staff_on_roster", "sum"),
        active_weeks=("staff_tested", "sum"),
        met_weeks=("staff_met_target", "sum"),
        tests=("tests", "sum"),
    )
    grouped["staff"] = grouped["person_weeks"] / grouped["weeks"]
    grouped["staff_tested"] = grouped["active_weeks"] / grouped["weeks"]
    grouped["staff_met_target"] = grouped["met_weeks"] / grouped["weeks"]
    grouped["compliance"] = grouped["met_weeks"] / grouped["person_weeks"]
    grouped["tests_per_person_week"] = grouped["tests"] / grouped["person_weeks"]
    return grouped


def staff_weeks(conn: Connection, scope: Scope, weeks: Period, agency_code: str | None = None) -> pd.DataFrame:
    """One row per agency, person and week of ``weeks`` on the roster: tests,
    last_test (ever).

    Only the people ``scope`` may see: an agency's reader gets that agency's people
    whatever ``agency_code`` asks for (the filter is in the SQL).
    """
    frame = queries.run(
        conn,
        "agency_staff_weeks",
        first_week=weeks.first_week,
        last_week=weeks.last_week,
        agency_code=agency_code,
        scope_agency=scope.agency_code,
    )
    frame["tests"] = frame["tests"].astype("int64")
    return frame


def staff_sheet(rows: pd.DataFrame, weekly_target: int = WEEKLY_TARGET) -> pd.DataFrame:
    """Each person of an agency with their tests per week in columns (blank for
    weeks they did not belong), weeks met, and their last test ever."""
    if rows.empty:
        return pd.DataFrame(columns=["staff_id", "full_name", "weeks_met", "weeks_on_roster", "last_test"])
    wide = rows.pivot_table(index=["staff_id", "full_name"], columns="iso_week", values="tests", aggfunc="sum")
    wide.columns = list(wide.columns)
    # Weeks met summed from a column, not counted by a function per person: an
    # agency of 3,000 people took 0.3 s that way.
    counts = (
        rows.assign(met=(rows["tests"] >= weekly_target).astype("int64"))
        .groupby("staff_id")
        .agg(weeks_on_roster=("iso_week", "nunique"), weeks_met=("met", "sum"), last_test=("last_test", "max"))
    )
    sheet = wide.reset_index().merge(counts.reset_index(), on="staff_id")
    return sheet.sort_values(["weeks_met", "full_name"]).reset_index(drop=True)


def behind(
    rows: pd.DataFrame, iso_week: str, contacts: pd.DataFrame, weekly_target: int = WEEKLY_TARGET
) -> pd.DataFrame:
    """The reminder list: people on the roster in ``iso_week`` with fewer than
    ``weekly_target`` tests that week, with a contact (phone, else e-mail, else
    account) and whether they have ever tested."""
    week_rows = rows[(rows["iso_week"] == iso_week) & (rows["tests"] < weekly_target)]
    listed = week_rows[["agency_code", "staff_id", "full_name", "tests", "last_test"]].copy()
    listed["never_tested"] = listed["last_test"].isna()
    best = contacts.assign(rank=contacts["identifier_kind"].map({k: i for i, k in enumerate(CONTACT_ORDER)}))
    best = best.sort_values(["staff_id", "rank"]).drop_duplicates("staff_id")
    listed = listed.merge(best[["staff_id", "identifier_kind", "identifier"]], on="staff_id", how="left")
    listed["contact"] = [
        display_contact(v, k) for v, k in zip(listed["identifier"], listed["identifier_kind"], strict=True)
    ]
    listed = listed.drop(columns=["identifier"]).rename(columns={"identifier_kind": "contact_kind"})
    return listed.sort_values(["agency_code", "tests", "full_name"]).reset_index(drop=True)


def display_contact(identifier: str | None, kind: str | None) -> str | None:
    """A stored identifier as a person writes it: a phone +84912345678 as 0912345678."""
    if identifier is None or pd.isna(identifier):
        return None
    if kind == "phone" and identifier.startswith("+84"):
        return "0" + identifier[3:]
    return identifier


def mask(contact: str | None) -> str | None:
    """A contact shown on screen without revealing it: 09•••••123, an•••@laichau.gov.vn."""
    if contact is None or pd.isna(contact):
        return None
    if "@" in contact:
        local, domain = contact.split("@", 1)
        return f"{local[:2]}•••@{domain}"
    if len(contact) <= 5:
        return "•" * len(contact)
    return contact[:2] + "•" * (len(contact) - 5) + contact[-3:]


def contacts(conn: Connection, scope: Scope, agency_code: str | None = None) -> pd.DataFrame:
    """The identifiers of the people ``scope`` may see (of those who belong or
    belonged to ``agency_code`` when given): staff_id, identifier_kind, identifier."""
    return queries.run(conn, "staff_contacts", scope_agency=scope.agency_code, agency_code=agency_code)


def unmatched(conn: Connection, scope: Scope, period: Period) -> pd.DataFrame:
    """Tests in the period that matched nobody: identifier_kind, identifier, tests,
    last_test. For the department only: an agency's scope gets no row."""
    frame = queries.run(
        conn,
        "unmatched_identifiers",
        first_day=period.first_day.isoformat(),
        last_day=period.last_day.isoformat(),
        scope_agency=scope.agency_code,
        **key_time.day_keys(period.first_day, period.last_day),
    )
    frame["tests"] = frame["tests"].astype("int64")
    return frame
