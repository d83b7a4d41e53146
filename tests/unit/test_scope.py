"""Scoping below the UI: an agency user's queries never return another agency's
people, whatever filters are passed (hand-made campaign, both databases; and the
demo campaign)."""

import pytest
from sqlalchemy import select

from dashboard.access.accounts import DEPARTMENT, Scope
from dashboard.dates import periods
from dashboard.reports import participation as part
from dashboard.store import database, tables
from tests.support.handmade_campaign import fill

# Filters a page (or a bug in one) might pass: none, its own, another agency's, nonsense.
FILTERS = [None, "SKHCN", "UBND-DK", "NO-SUCH", "' or '1'='1", ""]
RANGES = [("2026-W44", "2026-W48"), ("2026-W47", "2026-W47"), ("2020-W01", "2030-W01")]


@pytest.fixture
def campaign(ready_engine, tmp_path):
    return fill(ready_engine, tmp_path)


def _members(conn, agency_code: str) -> set[str]:
    m = tables.staff_membership.c
    return set(conn.execute(select(m.staff_id).where(m.agency_code == agency_code)).scalars())


@pytest.mark.parametrize("agency_filter", FILTERS)
def test_an_agency_reader_gets_only_its_own_people(campaign, agency_filter):
    """An agency reader's queries return only its own people and contacts, and no unmatched test, whatever agency filter
    is passed: another agency's, a nonsense one or an injection attempt."""
    scope = Scope("SKHCN")
    with campaign.connect() as conn:
        own = _members(conn, "SKHCN")
        for first, last in RANGES:
            rows = part.staff_weeks(conn, scope, periods.weeks(first, last), agency_filter)
            assert set(rows["agency_code"]) <= {"SKHCN"}
            assert set(rows["staff_id"]) <= own
            # Another agency's names never come back (Vàng Thị Dung and Lý A Páo are UBND-DK's).
            assert not {"Vàng Thị Dung", "Lý A Páo"} & set(rows["full_name"])
            if agency_filter in (None, "SKHCN"):
                assert not rows.empty
        contacts = part.contacts(conn, scope)
        assert set(contacts["staff_id"]) == own == {"CB001", "CB002", "CB003"}
        assert not {"+84987654321", "dung@laichau.gov.vn", "pao@laichau.gov.vn"} & set(contacts["identifier"])
        # The list of another agency's people asks for theirs: an agency reader still gets none of them.
        assert set(part.contacts(conn, scope, agency_filter)["staff_id"]) <= own
        assert part.unmatched(conn, scope, periods.week("2026-W47")).empty


def test_the_department_sees_every_agency(campaign):
    """The department's scope sees every agency's people and contacts, and the tests that match nobody; one agency's
    contacts are those of its people, present and past."""
    with campaign.connect() as conn:
        rows = part.staff_weeks(conn, DEPARTMENT, periods.weeks("2026-W45", "2026-W48"))
        assert set(rows["agency_code"]) == {"SKHCN", "UBND-DK"}
        assert set(part.contacts(conn, DEPARTMENT)["staff_id"]) == {"CB001", "CB002", "CB003", "CB004", "CB005"}
        # One agency's list: the contacts of everyone who belongs or belonged to it (CB002 moved away), no one else's.
        for agency in ("SKHCN", "UBND-DK"):
            one = part.contacts(conn, DEPARTMENT, agency)
            assert set(one["staff_id"]) == _members(conn, agency)
            everyone = part.contacts(conn, DEPARTMENT)
            assert one.equals(everyone[everyone["staff_id"].isin(_members(conn, agency))].reset_index(drop=True))
        assert not part.unmatched(conn, DEPARTMENT, periods.week("2026-W47")).empty


def test_a_mover_is_seen_by_each_agency_for_its_own_weeks(campaign):
    """CB002 moved from SKHCN to UBND-DK in week 47: each agency sees the weeks spent there."""
    with campaign.connect() as conn:
        before = part.staff_weeks(conn, Scope("SKHCN"), periods.weeks("2026-W45", "2026-W48"))
        after = part.staff_weeks(conn, Scope("UBND-DK"), periods.weeks("2026-W45", "2026-W48"))
    assert sorted(before.loc[before["staff_id"] == "CB002", "iso_week"]) == ["2026-W45", "2026-W46"]
    assert sorted(after.loc[after["staff_id"] == "CB002", "iso_week"]) == ["2026-W47", "2026-W48"]


def test_on_the_demo_every_agency_sees_exactly_its_roster(demo_campaign):
    """For a few demo agencies, whatever agency is asked for, the rows are that
    agency's memberships only, and the contacts belong to its people."""
    url, _ = demo_campaign
    engine = database.make_engine(url)
    with engine.connect() as conn:
        agencies = part.agencies(conn)
        chosen = agencies["agency_code"].iloc[[0, 7, 40, -1]].tolist()
        for code in chosen:
            scope = Scope(code)
            own = _members(conn, code)
            for asked in [None, *chosen]:
                rows = part.staff_weeks(conn, scope, periods.weeks("2026-W28", "2026-W47"), asked)
                assert set(rows["agency_code"]) <= {code}
                assert set(rows["staff_id"]) <= own
            contacts = part.contacts(conn, scope)
            assert set(contacts["staff_id"]) <= own and not contacts.empty
            assert part.unmatched(conn, scope, periods.month("2026-10")).empty
    engine.dispose()
