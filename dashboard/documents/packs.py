"""Each agency's pack for a week: one workbook with its figures against the weekly
target and against the province, its people week by week over the last
:data:`PACK_WEEKS` weeks, and the reminder list of its own staff who have not met
the target, with their contacts in full.

Every figure comes from the participation page's definitions
(:mod:`dashboard.reports.participation`: the agency table, overall compliance,
staff weeks, the reminder list) and every list from the exports'
(:mod:`dashboard.reports.exports`), so a pack says what the page and ``export
participation`` say for the same week. A pack holds personal data (phones and
e-mails in full): it is meant for its agency only, and its people are chosen by
agency before anything is laid out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.access.accounts import DEPARTMENT
from dashboard.dates.periods import Period, weeks_ending
from dashboard.documents import pack_sheets
from dashboard.documents.pack_files import pack_file_names
from dashboard.documents.pack_sheets import Figures
from dashboard.reports import participation as part
from dashboard.reports.settings import Settings
from dashboard.store import queries

#: Weeks of each person's tests in a pack: the week chosen and the three before it,
#: as the participation page opens on the last 4 complete weeks.
PACK_WEEKS = 4


@dataclass(frozen=True)
class AgencyPack:
    """One agency's workbook, where it goes, and the figures it leads with."""

    agency_code: str
    name: str
    email: str | None  #: the agency's address from the agency list, if any
    file_name: str  #: safe in any mail program and file system: ``SKHCN_2026-W47.xlsx``
    figures: Figures
    content: bytes = field(repr=False)  #: the XLSX


@dataclass(frozen=True)
class WeekPacks:
    """Every agency's pack for one week."""

    week: Period
    weekly_target: int
    province: Figures
    packs: list[AgencyPack]
    #: Agencies with nobody on the roster in the week (code, name): nothing to send them.
    without_staff: list[tuple[str, str]]

    @property
    def with_address(self) -> list[AgencyPack]:
        """The packs that can be sent: their agency has an e-mail address."""
        return [pack for pack in self.packs if pack.email]

    @property
    def without_address(self) -> list[AgencyPack]:
        """The packs whose agency has no e-mail address."""
        return [pack for pack in self.packs if not pack.email]


def build_packs(
    conn: Connection,
    week: Period,
    settings: Settings,
    language: str = "vi",
    generated_at: dt.datetime | None = None,
) -> WeekPacks:
    """Every agency's pack for the ISO week ``week``, with the weekly target of
    ``settings``, in ``language``; each workbook's title carries ``generated_at``
    (default: now in Vietnam)."""
    if week.kind != "week":
        raise ValueError(f"a pack covers one ISO week, not {week.key}")
    target = settings.weekly_target
    span = weeks_ending(week.key, PACK_WEEKS)
    before = week.previous().key
    agency_list = part.agencies(conn).merge(queries.run(conn, "agency_addresses"), on="agency_code", how="left")
    history = part.agency_weeks(conn, span, target)
    this_week, last_week = history[history["iso_week"] == week.key], history[history["iso_week"] == before]
    table = part.agency_table(this_week, agency_list, last_week)
    # The province is every agency, as on the participation page without a filter.
    every = agency_list["agency_code"]
    province = _province(this_week, last_week, every, len(table))
    province_by_week = {key: part.overall_compliance(rows, every) for key, rows in history.groupby("iso_week")}
    people = part.staff_weeks(conn, DEPARTMENT, span)
    contacts = part.contacts(conn, DEPARTMENT)
    names = pack_file_names(table["agency_code"], week.key)
    by_agency = dict(tuple(people.groupby("agency_code")))
    packs = []
    for agency in table.sort_values("agency_code").itertuples(index=False):
        # The agency's own people only: everything below is built from these rows.
        rows = by_agency.get(agency.agency_code, people.iloc[0:0])
        own_contacts = contacts[contacts["staff_id"].isin(rows["staff_id"])]
        listed = part.behind(rows, week.key, own_contacts, target)
        figures = Figures(
            staff=int(agency.person_weeks),
            staff_tested=int(agency.active_weeks),
            staff_met_target=int(agency.met_weeks),
            compliance=_share(agency.compliance),
            previous=_share(agency.previous),
            tests=int(agency.tests),
            tests_per_person_week=_share(agency.tests_per_person_week),
            behind=len(listed),
            never_tested=int(listed["never_tested"].sum()),
            rank=int((table["compliance"] > agency.compliance).sum()) + 1,
            agencies=len(table),
        )
        content = pack_sheets.workbook(
            pack_sheets.PackContent(
                agency_code=agency.agency_code,
                name=agency.name,
                week=week,
                weekly_target=target,
                figures=figures,
                province=province,
                weeks=history[history["agency_code"] == agency.agency_code],
                province_by_week=province_by_week,
                people=part.staff_sheet(rows, target),
                people_weeks=span.weeks,
                reminders=listed,
                contacts=own_contacts,
            ),
            language,
            generated_at,
        )
        email = agency.email if isinstance(agency.email, str) and agency.email else None
        packs.append(AgencyPack(agency.agency_code, agency.name, email, names[agency.agency_code], figures, content))
    without = agency_list[~agency_list["agency_code"].isin(table["agency_code"])].sort_values("agency_code")
    return WeekPacks(
        week=week,
        weekly_target=target,
        province=province,
        packs=packs,
        without_staff=list(zip(without["agency_code"], without["name"], strict=True)),
    )


def _province(this_week: pd.DataFrame, last_week: pd.DataFrame, codes: pd.Series, ranked: int) -> Figures:
    """Every agency together, as the participation page's totals: staff summed over
    agencies, compliance over all their person-weeks (part.overall_compliance)."""
    chosen = this_week[this_week["agency_code"].isin(codes)]
    staff, tests = int(chosen["staff_on_roster"].sum()), int(chosen["tests"].sum())
    return Figures(
        staff=staff,
        staff_tested=int(chosen["staff_tested"].sum()),
        staff_met_target=int(chosen["staff_met_target"].sum()),
        compliance=part.overall_compliance(this_week, codes),
        previous=part.overall_compliance(last_week, codes),
        tests=tests,
        tests_per_person_week=tests / staff if staff else None,
        agencies=ranked,
    )


def _share(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
