"""Participation on a hand-made roster and hand-made tests with known answers
(see handmade_campaign.py)."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.access.accounts import DEPARTMENT
from dashboard.dates import periods
from dashboard.reports import participation as part
from tests.support.handmade_campaign import fill


@pytest.fixture
def campaign(ready_engine, tmp_path):
    """The hand-made campaign, on SQLite and on PostgreSQL."""
    return fill(ready_engine, tmp_path)


def _figures(frame: pd.DataFrame) -> dict:
    return {
        (r.agency_code, r.iso_week): (r.staff_on_roster, r.staff_tested, r.staff_met_target, r.tests)
        for r in frame.itertuples()
    }


def test_agency_weeks_follow_moves_departures_and_local_weeks(campaign):
    """Each agency's weekly figures count a person in the weeks whose Thursday falls within their membership, so movers
    and leavers count where they were; a phone written +84 still links, and a late Sunday-night test stays in its local
    week."""
    with campaign.connect() as conn:
        weeks = part.agency_weeks(conn, periods.weeks("2026-W45", "2026-W48"))
    assert _figures(weeks) == {
        # SKHCN: CB003 counts in week 45 only (left Tuesday of week 46), CB002 until week 46.
        ("SKHCN", "2026-W45"): (3, 1, 0, 1),
        ("SKHCN", "2026-W46"): (2, 1, 1, 2),
        ("SKHCN", "2026-W47"): (1, 1, 1, 2),  # CB001's two Sunday-night tests
        ("SKHCN", "2026-W48"): (1, 0, 0, 0),  # a week with no tests at all
        # UBND-DK: CB002 from week 47 (moved on Wednesday: Thursday is there); CB004 by +84 phone.
        ("UBND-DK", "2026-W45"): (2, 0, 0, 0),
        ("UBND-DK", "2026-W46"): (2, 0, 0, 0),
        ("UBND-DK", "2026-W47"): (3, 2, 2, 4),
        ("UBND-DK", "2026-W48"): (3, 0, 0, 0),
    }
    assert weeks.set_index(["agency_code", "iso_week"]).loc[("UBND-DK", "2026-W47"), "compliance"] == pytest.approx(
        2 / 3
    )


def test_overall_compliance_of_the_agencies_shown(campaign):
    """Overall compliance is the share of person-weeks meeting the target across the agencies shown only, and there is
    none when no agency is shown."""
    with campaign.connect() as conn:
        weeks = part.agency_weeks(conn, periods.weeks("2026-W47", "2026-W47"))
    assert part.overall_compliance(weeks, ["SKHCN", "UBND-DK"]) == pytest.approx(3 / 4)
    assert part.overall_compliance(weeks, ["SKHCN"]) == 1.0
    assert part.overall_compliance(weeks, []) is None


def test_a_higher_target_is_met_by_fewer(campaign):
    """The weekly target reaches the count: at three tests a week nobody in the hand-made campaign meets it."""
    with campaign.connect() as conn:
        weeks = part.agency_weeks(conn, periods.weeks("2026-W47", "2026-W47"), weekly_target=3)
    assert weeks["staff_met_target"].sum() == 0


def test_agency_table_sums_person_weeks_and_compares_with_the_previous_period(campaign):
    """The agency table sums person-weeks and met weeks over the period, gives compliance, tests per person-week and the
    change in points from the previous period, and lists the weakest agency first."""
    with campaign.connect() as conn:
        current = part.agency_weeks(conn, periods.weeks("2026-W47", "2026-W48"))
        previous = part.agency_weeks(conn, periods.weeks("2026-W45", "2026-W46"))
        table = part.agency_table(current, part.agencies(conn), previous).set_index("agency_code")
    skhcn, ubnd = table.loc["SKHCN"], table.loc["UBND-DK"]
    assert (skhcn["person_weeks"], skhcn["met_weeks"], skhcn["compliance"]) == (2, 1, 0.5)
    assert skhcn["previous"] == pytest.approx(1 / 5) and skhcn["change"] == pytest.approx(30.0)
    assert ubnd["compliance"] == pytest.approx(2 / 6) and ubnd["staff"] == 3.0
    assert ubnd["tests_per_person_week"] == pytest.approx(4 / 6) and ubnd["agency_kind"] == "commune_committee"
    assert table.index[0] == "UBND-DK"  # the weakest first


def test_staff_sheet_counts_only_the_weeks_a_person_belonged(campaign):
    """A person's row in an agency's staff sheet has figures only for the weeks they belonged to it (blank after leaving
    or moving), with the weeks met and the date of the last test."""
    with campaign.connect() as conn:
        rows = part.staff_weeks(conn, DEPARTMENT, periods.weeks("2026-W45", "2026-W48"), "SKHCN")
    sheet = part.staff_sheet(rows).set_index("staff_id")
    assert sheet.loc["CB003", "weeks_on_roster"] == 1 and pd.isna(sheet.loc["CB003", "2026-W46"])
    assert sheet.loc["CB002", "2026-W46"] == 2 and pd.isna(sheet.loc["CB002", "2026-W47"])
    assert sheet.loc["CB001", "weeks_met"] == 1 and str(sheet.loc["CB001", "last_test"]) == "2026-11-22"


def test_reminder_list_names_who_is_behind_with_a_contact(campaign):
    """The reminder list names only the people under the target in the week, with their contact and whether they have
    never tested."""
    with campaign.connect() as conn:
        rows = part.staff_weeks(conn, DEPARTMENT, periods.weeks("2026-W47", "2026-W47"))
        contacts = part.contacts(conn, DEPARTMENT)
    listed = part.behind(rows, "2026-W47", contacts)
    assert listed["staff_id"].tolist() == ["CB005"]  # everyone else made 2 tests
    pao = listed.iloc[0]
    assert pao["never_tested"] and pao["contact"] == "pao@laichau.gov.vn" and pao["contact_kind"] == "email"
    with campaign.connect() as conn:
        week_48 = part.behind(
            part.staff_weeks(conn, DEPARTMENT, periods.weeks("2026-W48", "2026-W48"), "SKHCN"), "2026-W48", contacts
        )
    assert week_48[["staff_id", "contact", "never_tested"]].values.tolist() == [["CB001", "0912000001", False]]


def test_unmatched_tests_by_identifier(campaign):
    """Tests that match nobody on the roster are listed by identifier, the phone in its stored +84 form, with their
    count."""
    with campaign.connect() as conn:
        frame = part.unmatched(conn, DEPARTMENT, periods.week("2026-W47"))
    assert frame[["identifier_kind", "identifier", "tests"]].values.tolist() == [["phone", "+84911222333", 1]]


def test_masks_and_week_ranges():
    """Contacts are masked but for their first and last characters (an email keeps its domain), a +84 phone is shown as
    people write it, and a week range is one ISO week or two in order; a reversed, partial or impossible one is
    refused."""
    assert part.mask("0912345123") == "09•••••123"
    assert part.mask("dung@laichau.gov.vn") == "du•••@laichau.gov.vn"
    assert part.display_contact("+84912345123", "phone") == "0912345123"
    assert periods.week_range("2026-W45..2026-W47").weeks == ["2026-W45", "2026-W46", "2026-W47"]
    assert periods.week_range("2026-W47") == periods.week("2026-W47")
    for wrong in ("2026-W47..2026-W45", "W45", "2026-W60..2026-W61"):
        with pytest.raises(periods.PeriodError):
            periods.week_range(wrong)


def test_a_month_never_counts_the_week_under_way_as_failed(campaign):
    """On Sunday 29 November, W48 (no test yet) is under way: November's participation
    covers W45..W47, and the reminder list is W47's, not everyone 'not tested' in W48.
    Chosen on its own, W48 shows its figures so far and its reminder list."""
    sunday = dt.date(2026, 11, 29)
    counted = periods.month("2026-11").counted(sunday)
    first, last = counted.first_week, counted.last_week
    assert (first, last) == ("2026-W45", "2026-W47")
    with campaign.connect() as conn:
        table = part.agency_table(part.agency_weeks(conn, counted), part.agencies(conn)).set_index("agency_code")
        rows = part.staff_weeks(conn, DEPARTMENT, counted)
        contacts = part.contacts(conn, DEPARTMENT)
    # SKHCN: 6 person-weeks, 2 met; W48 would have added one more, failed, person-week.
    assert table.loc["SKHCN", "person_weeks"] == 6 and table.loc["SKHCN", "compliance"] == pytest.approx(2 / 6)
    assert part.behind(rows, last, contacts)["staff_id"].tolist() == ["CB005"]
    assert periods.week("2026-W48").counted(sunday) == periods.week("2026-W48")
    assert periods.month("2026-12").counted(sunday) is None  # W49 has not started
