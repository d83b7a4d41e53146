"""Per-agency participation against an independent recount of the demo files.

The recount reads the generated export and roster with pandas only (through the
overview recount's readers): none of the app's parsing, linking or queries. A person
counts for an agency in an ISO week when a roster row for that agency covers the
week's Thursday; their tests that week count wherever they were made. If the two
sides disagree, either the import or the participation query counts something wrong.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.dates import periods
from dashboard.reports import participation
from dashboard.store import database

# tests/unit is on sys.path (pytest's default "prepend" import mode, no __init__.py),
# so this is the very module pytest collects, not a second copy.
from tests.support.recount import link_staff, read_export

RANGE = ("2026-W40", "2026-W44")


@pytest.fixture(scope="module")
def demo(demo_campaign):
    """(database URL, the export with a staff column, the roster sheet)."""
    url, folder = demo_campaign
    raw = read_export(folder)
    raw["staff"], roster = link_staff(raw, folder)
    return url, raw, roster


def _weeks(first: str, last: str) -> list[str]:
    thursday = dt.date.fromisocalendar(int(first[:4]), int(first[-2:]), 4)
    weeks = []
    while (week := f"{thursday.isocalendar()[0]}-W{thursday.isocalendar()[1]:02d}") <= last:
        weeks.append(week)
        thursday += dt.timedelta(days=7)
    return weeks


def recount(raw: pd.DataFrame, roster: pd.DataFrame, first: str, last: str, target: int = 2) -> dict:
    """{(agency, week): (on roster, active, met, tests)} from the demo files alone."""
    start = pd.to_datetime(roster["Từ ngày"], format="%d/%m/%Y").dt.date
    end = pd.to_datetime(roster["Đến ngày"], format="%d/%m/%Y").dt.date
    figures = {}
    for week in _weeks(first, last):
        thursday = dt.date.fromisocalendar(int(week[:4]), int(week[-2:]), 4)
        covers = (start.isna() | (start <= thursday)) & (end.isna() | (end >= thursday))
        members = roster.loc[covers, ["Mã cơ quan", "Mã cán bộ"]].drop_duplicates()
        counts = raw[raw["week"] == week].groupby("staff").size()
        members["n"] = members["Mã cán bộ"].map(counts).fillna(0).astype(int)
        for agency, n in members.groupby("Mã cơ quan")["n"]:
            figures[(agency, week)] = (len(n), int((n >= 1).sum()), int((n >= target).sum()), int(n.sum()))
    return figures


def _app(url: str, first: str, last: str, target: int = 2) -> tuple[pd.DataFrame, pd.DataFrame]:
    with database.make_engine(url).connect() as conn:
        return participation.agency_weeks(
            conn, periods.weeks(first, last), weekly_target=target
        ), participation.agencies(conn)


def _as_dict(frame: pd.DataFrame) -> dict:
    return {
        (r.agency_code, r.iso_week): (r.staff_on_roster, r.staff_tested, r.staff_met_target, r.tests)
        for r in frame.itertuples()
    }


def _totals(figures: dict) -> tuple[int, ...]:
    return tuple(sum(values[i] for values in figures.values()) for i in range(4))


@pytest.mark.parametrize(
    ("first", "last", "target"),
    [
        ("2026-W47", "2026-W47", 2),
        ("2026-W36", "2026-W36", 2),
        (*RANGE, 2),
        ("2026-W47", "2026-W47", 3),
    ],
    ids=["W47", "W36-holiday", "W40..W44", "W47-target-3"],
)
def test_agency_weeks_agree_with_a_recount_of_the_demo_files(demo, first, last, target):
    """Each agency's weekly staff on the roster, staff tested, staff meeting the target and tests equal an independent
    recount of the demo files, for an ordinary week, the holiday week, five weeks and a higher target."""
    url, raw, roster = demo
    app, _ = _app(url, first, last, target)
    independent = recount(raw, roster, first, last, target)
    weeks = len(_weeks(first, last))
    on_roster, active, met, tests = _totals(independent)
    # Something to compare: every week of a real campaign, staff in thousands,
    # some who met the target and some who did not.
    assert {week for _, week in independent} == set(_weeks(first, last))
    assert on_roster > 1000 * weeks and tests > 0
    assert 0 < met < active <= on_roster
    assert _as_dict(app) == independent


def test_a_higher_target_is_met_by_fewer_people(demo):
    """The target reaches the query: at 3 tests fewer people meet it than at 2."""
    url = demo[0]
    at_two, at_three = (_totals(_as_dict(_app(url, "2026-W47", "2026-W47", t)[0])) for t in (2, 3))
    assert at_three[2] < at_two[2] and at_three[:2] == at_two[:2] and at_three[3] == at_two[3]


def test_agency_compliance_over_weeks_agrees_with_a_recount(demo):
    """Each agency's person-weeks, met weeks and compliance over five weeks equal the recount, and the agencies differ
    enough for the comparison to tell them apart."""
    url, raw, roster = demo
    weeks, agency_list = _app(url, *RANGE)
    table = participation.agency_table(weeks, agency_list).set_index("agency_code")
    independent = recount(raw, roster, *RANGE)
    person_weeks, met_weeks = {}, {}
    for (agency, _), (on_roster, _, met, _) in independent.items():
        person_weeks[agency] = person_weeks.get(agency, 0) + on_roster
        met_weeks[agency] = met_weeks.get(agency, 0) + met
    assert sum(person_weeks.values()) > 5000  # thousands of person-weeks
    assert set(table.index) == set(person_weeks)
    for agency, total in person_weeks.items():
        assert table.loc[agency, "person_weeks"] == total, agency
        assert table.loc[agency, "met_weeks"] == met_weeks[agency], agency
        assert table.loc[agency, "compliance"] == pytest.approx(met_weeks[agency] / total, rel=1e-12), agency
    compliance = table["compliance"]
    assert compliance.min() < compliance.max()  # agencies differ: the comparison can tell them apart
