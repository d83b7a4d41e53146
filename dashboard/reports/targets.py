"""Sample targets: the VNNIC floor, and each commune's own monthly target.

VNNIC rates a commune from 300 samples per category per month. The department may
ask more of a large commune (for example in proportion to its population): those
targets are stored per commune and category; a commune without one uses the floor.
A week is held to its share of the month's target.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.dates import clock
from dashboard.dates.periods import Period
from dashboard.reports.rules import ACCESS_KINDS, CURRENT_EDITION, SAMPLE_FLOOR
from dashboard.store import queries, tables

#: Bounds of a monthly target a person may type.
TARGET_RANGE = (1, 100_000)
#: Average weeks in a month (365.25 / 12 / 7), to turn a monthly target into a weekly one.
WEEKS_PER_MONTH = 365.25 / 12 / 7


class TargetError(ValueError):
    """Targets that cannot be stored; the message says which and why."""


def period_target(monthly_target: float, period: Period) -> int:
    """The target for ``period``: the monthly one for a month, its weekly share
    (rounded up) for a week, as many weekly shares as weeks for a range of weeks."""
    if period.kind == "month":
        return int(monthly_target)
    return math.ceil(monthly_target / WEEKS_PER_MONTH * len(period.weeks))


def stored_targets(conn: Connection) -> pd.DataFrame:
    """The targets set per commune: commune_code, access, monthly_target, updated_at."""
    return queries.run(conn, "commune_targets")


def by_population(population: pd.Series, per_1000: float, minimum: int = SAMPLE_FLOOR) -> pd.Series:
    """A proposal: ``per_1000`` samples a month per 1,000 inhabitants, never below
    ``minimum`` (under the VNNIC floor a commune is not rated at all)."""
    scaled = (population.fillna(0) * per_1000 / 1000).apply(math.ceil)
    return scaled.clip(lower=minimum).astype(int)


def _validate(targets: pd.DataFrame, known_codes: set[str]) -> pd.DataFrame:
    """Targets as clean (commune_code, access, monthly_target) rows, or TargetError."""
    missing = {"commune_code", "access", "monthly_target"} - set(targets.columns)
    if missing:
        raise TargetError(f"missing column(s): {', '.join(sorted(missing))}")
    clean = targets[["commune_code", "access", "monthly_target"]].copy()
    clean["commune_code"] = clean["commune_code"].astype(str).str.strip()
    unknown = sorted(set(clean["commune_code"]) - known_codes)
    if unknown:
        raise TargetError(f"unknown commune code(s): {', '.join(unknown[:5])}")
    wrong_access = sorted(set(clean["access"]) - set(ACCESS_KINDS), key=str)
    if wrong_access:
        raise TargetError(f"category must be fixed or mobile, not {wrong_access[0]!r}")
    values = pd.to_numeric(clean["monthly_target"], errors="coerce")
    low, high = TARGET_RANGE
    bad = values.isna() | (values % 1 != 0) | (values < low) | (values > high)
    if bad.any():
        row = clean[bad].iloc[0]
        raise TargetError(
            f"commune {row['commune_code']} ({row['access']}): the target must be a whole number "
            f"from {low} to {high:,}, not {row['monthly_target']!r}"
        )
    if clean.duplicated(["commune_code", "access"]).any():
        row = clean[clean.duplicated(["commune_code", "access"])].iloc[0]
        raise TargetError(f"commune {row['commune_code']} ({row['access']}) is given twice")
    return clean.assign(monthly_target=values.astype(int))


def save_targets(
    conn: Connection,
    targets: pd.DataFrame,
    default: int = SAMPLE_FLOOR,
    updated_by: str | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Replace the stored targets with ``targets`` (commune_code, access,
    monthly_target) in the caller's transaction; rows equal to ``default`` are not
    stored, so those communes follow the floor. Returns the number of rows stored.

    Raises TargetError, storing nothing, when a row is wrong.
    """
    known = set(queries.run(conn, "commune_units", edition_id=CURRENT_EDITION)["commune_code"])
    clean = _validate(targets, known)
    own = clean[clean["monthly_target"] != default]
    when = (now or clock.utc_now()).replace(tzinfo=None)
    conn.execute(tables.commune_target.delete())
    if not own.empty:
        rows = own.assign(updated_at=when, updated_by=updated_by).to_dict("records")
        conn.execute(tables.commune_target.insert(), rows)
    return len(own)


def clear_targets(conn: Connection) -> int:
    """Remove every commune's own target: all follow the floor again."""
    return conn.execute(tables.commune_target.delete()).rowcount


def target_sheet(units: pd.DataFrame, stored: pd.DataFrame, default: int = SAMPLE_FLOOR) -> pd.DataFrame:
    """One row per commune (commune_code, name, population) with its monthly
    target per category in columns ``fixed`` and ``mobile``: the stored one, or
    ``default``. This is the sheet a person edits."""
    wide = stored.pivot_table(index="commune_code", columns="access", values="monthly_target", aggfunc="first")
    sheet = units[["commune_code", "name", "population"]].drop_duplicates("commune_code")
    sheet = sheet.merge(wide.reset_index(), on="commune_code", how="left")
    for access in ACCESS_KINDS:
        column = sheet[access] if access in sheet else pd.Series(pd.NA, index=sheet.index)
        sheet[access] = pd.to_numeric(column).fillna(default).astype(int)
    return sheet[["commune_code", "name", "population", *ACCESS_KINDS]].reset_index(drop=True)


def sheet_rows(sheet: pd.DataFrame) -> pd.DataFrame:
    """The edited sheet back as (commune_code, access, monthly_target) rows."""
    return sheet.melt(
        id_vars="commune_code", value_vars=list(ACCESS_KINDS), var_name="access", value_name="monthly_target"
    )
