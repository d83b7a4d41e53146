"""What the database covers, and the overview's weekly trend. The headline
figures themselves have one definition, in :mod:`figures`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.dates import clock
from dashboard.dates.periods import Period, periods_between
from dashboard.reports.rules import CURRENT_EDITION
from dashboard.store import queries


@dataclass(frozen=True)
class DataSpan:
    """What the database covers: first and last test day, when the last import was
    made (Vietnam time), and whether it is the demo."""

    first_day: dt.date | None
    last_day: dt.date | None
    is_demo: bool
    has_imports: bool
    last_import_at: dt.datetime | None = None

    def periods(self, kind: str) -> list[Period]:
        """Every week or month with data, newest first (none when there is no test)."""
        if self.first_day is None:
            return []
        assert self.last_day is not None  # both ends come from the same tests: set together
        return periods_between(kind, self.first_day, self.last_day)


def data_span(conn: Connection) -> DataSpan:
    """The span of the stored tests; the data is the demo when only demo imports exist."""
    row = queries.run(conn, "data_span").iloc[0]
    to_date = lambda value: None if value is None or pd.isna(value) else pd.Timestamp(value).date()  # noqa: E731
    return DataSpan(
        first_day=to_date(row["first_day"]),
        last_day=to_date(row["last_day"]),
        is_demo=bool(row["demo_imports"]) and not row["real_imports"],
        has_imports=bool(row["demo_imports"] or row["real_imports"]),
        last_import_at=clock.local_time(row["last_import_at"]),
    )


def commune_samples(conn: Connection, period: Period) -> pd.DataFrame:
    """Tests placed in each commune, fixed and mobile apart (every commune listed)."""
    return queries.run(conn, "commune_samples", edition_id=CURRENT_EDITION, **period.query_params())


def weekly_participation(conn: Connection, weeks: Period, weekly_target: int) -> pd.DataFrame:
    """One row per ISO week of ``weeks``: staff on the roster, active, meeting the
    ``weekly_target`` (the stored setting, as the headline counts it); tests.

    Adds ``compliance`` (staff meeting the target over staff on the roster; NaN for
    a week with no roster).
    """
    frame = queries.run(
        conn,
        "weekly_participation",
        first_week=weeks.first_week,
        last_week=weeks.last_week,
        weekly_target=weekly_target,
    )
    for name in ("staff_on_roster", "staff_tested", "staff_met_target", "tests_on_roster", "tests", "tests_by_staff"):
        frame[name] = frame[name].astype("int64")
    frame["compliance"] = frame["staff_met_target"] / frame["staff_on_roster"].where(frame["staff_on_roster"] > 0)
    return frame


def change(current: float | None, previous: float | None) -> float | None:
    """The difference against the previous period, or None when either is unknown."""
    if current is None or previous is None:
        return None
    return current - previous
