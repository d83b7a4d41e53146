"""Every agency's pack on the demo campaign says what the participation page says
for the week, and lists on its reminder sheet exactly the page's reminder list of
that agency (read in that agency's own scope)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dashboard.access.accounts import Scope
from dashboard.dates import periods
from dashboard.documents import packs
from dashboard.reports import participation as part
from dashboard.reports.settings import load_settings
from dashboard.store import database

W47 = periods.week("2026-W47")


@pytest.fixture(scope="module")
def built(demo_campaign):
    """The demo's packs for week 47, and the participation page's data for that week."""
    engine = database.make_engine(demo_campaign[0])
    with engine.connect() as conn:
        settings = load_settings(conn)
        week_packs = packs.build_packs(conn, W47, settings)
        agency_list = part.agencies(conn)
        this_week = part.agency_weeks(conn, W47, settings.weekly_target)
        before = part.agency_weeks(conn, W47.previous(), settings.weekly_target)
    yield engine, week_packs, part.agency_table(this_week, agency_list, before), this_week, agency_list
    engine.dispose()


def test_every_pack_has_the_participation_pages_figures(built):
    """For every agency on a roster in week 47: staff, who tested, who met the target, compliance, the week before
    and tests are the page's table row; the province is the page's all-agency compliance; ranks run from 1."""
    _, week_packs, table, this_week, agency_list = built
    assert len(week_packs.packs) == len(table) > 100
    rows = table.set_index("agency_code")
    for pack in week_packs.packs:
        row, figures = rows.loc[pack.agency_code], pack.figures
        assert (figures.staff, figures.staff_tested, figures.staff_met_target, figures.tests) == (
            row["person_weeks"],
            row["active_weeks"],
            row["met_weeks"],
            row["tests"],
        ), pack.agency_code
        assert figures.compliance == pytest.approx(row["compliance"])
        assert figures.previous == pytest.approx(row["previous"], nan_ok=True)
    assert week_packs.province.compliance == part.overall_compliance(this_week, agency_list["agency_code"])
    assert min(p.figures.rank for p in week_packs.packs) == 1


def test_each_reminder_sheet_is_the_agencys_own_reminder_list(built):
    """Each pack's reminder sheet lists the staff ids of the agency's reminder list as its own user reads it on the
    page (the scope filters in SQL), in the same order, and nobody else."""
    engine, week_packs, *_ = built
    with engine.connect() as conn:
        for pack in week_packs.packs[::7]:  # every seventh agency keeps the test short
            scope = Scope(pack.agency_code)
            rows = part.staff_weeks(conn, scope, W47, pack.agency_code)
            expected = part.behind(rows, W47.key, part.contacts(conn, scope))
            sheet = openpyxl.load_workbook(io.BytesIO(pack.content)).worksheets[3]
            listed = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
            assert listed == list(expected["staff_id"]), pack.agency_code
            assert pack.figures.behind == len(expected)
