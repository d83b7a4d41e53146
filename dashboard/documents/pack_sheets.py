"""The sheets of an agency's pack, labelled in the reader's language: the week
against the target and the province, the last weeks, each person's tests week by
week (the export's sheet, :func:`exports.staff_weeks_sheet`), and the reminder
list with every contact in full. Numbers stay numbers; percentages are 0..100
to one decimal, as in the participation export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard import sheets
from dashboard.dates import periods
from dashboard.dates.periods import Period
from dashboard.i18n import label, value_name
from dashboard.reports import exports
from dashboard.reports import participation as part

#: The contacts a reminder list gives, each in a column of its own.
CONTACT_COLUMNS = ("phone", "email", "account")


@dataclass(frozen=True)
class Figures:
    """One agency's week (or the province's: every agency together), from the
    participation page's agency table. Shares are 0..1, None without anyone."""

    staff: int  #: people on the roster in the week
    staff_tested: int  #: of them, people who made a test
    staff_met_target: int  #: of them, people who made at least the weekly target
    compliance: float | None  #: staff_met_target / staff
    previous: float | None  #: the compliance of the week before
    tests: int  #: tests made by the people on the roster
    tests_per_person_week: float | None
    behind: int = 0  #: people on the reminder list (under the target)
    never_tested: int = 0  #: of them, people who never made a test
    rank: int | None = None  #: 1 for the highest compliance; equal compliance, equal rank
    agencies: int = 0  #: agencies ranked (those with someone on the roster)

    @property
    def change(self) -> float | None:
        """The change in compliance on the week before, in percentage points."""
        if self.compliance is None or self.previous is None:
            return None
        return (self.compliance - self.previous) * 100


@dataclass(frozen=True)
class PackContent:
    """What one agency's pack shows (built by :func:`packs.build_packs`)."""

    agency_code: str
    name: str
    week: Period
    weekly_target: int
    figures: Figures  #: the agency's
    province: Figures  #: every agency's together
    weeks: pd.DataFrame  #: the agency's rows of participation.agency_weeks over the pack's weeks
    province_by_week: dict  #: iso_week -> the province's compliance
    people: pd.DataFrame  #: participation.staff_sheet of the agency's people
    people_weeks: list[str]  #: the weeks of ``people``
    reminders: pd.DataFrame  #: participation.behind for the agency's people
    contacts: pd.DataFrame  #: the agency's people's identifiers (staff_id, identifier_kind, identifier)


def workbook(content: PackContent, language: str = "vi", generated_at: dt.datetime | None = None) -> bytes:
    """The pack as an XLSX workbook of four sheets (see the module's docstring)."""
    week_label = content.week.label(language)
    title = label("pack_title", language).format(week=week_label, agency=content.name)
    about = f"{label('weekly_target', language)}: {content.weekly_target}"
    span = periods.weeks(content.people_weeks[0], content.people_weeks[-1]).label(language)
    book = [
        (label("pack_sheet_summary", language), summary_sheet(content, language), f"{title} · {about}"),
        (label("pack_sheet_weeks", language), weeks_sheet(content, language), f"{content.name} · {span} · {about}"),
        (
            label("pack_sheet_people", language),
            exports.staff_weeks_sheet(content.people, content.people_weeks, language),
            f"{content.name} · {span} · {about}",
        ),
        (
            label("pack_sheet_reminders", language),
            reminder_sheet(content.reminders, content.contacts, language),
            f"{label('reminder_title', language)} — {content.name} — {week_label}",
        ),
    ]
    return sheets.xlsx_book(book, generated_at)


def summary_sheet(content: PackContent, language: str = "vi") -> pd.DataFrame:
    """The agency's week beside the province's and the target: one figure a row."""
    mine, province, target = content.figures, content.province, content.weekly_target

    def points(change):
        return None if change is None else round(change, 1)

    def per_person(rate):
        return None if rate is None else round(rate, 2)

    rows = [
        ("pack_row_staff", mine.staff, province.staff, None),
        ("pack_row_staff_tested", mine.staff_tested, province.staff_tested, None),
        ("pack_row_staff_met_target", mine.staff_met_target, province.staff_met_target, mine.staff),
        ("pack_row_compliance", _percent(mine.compliance), _percent(province.compliance), 100),
        ("pack_row_previous", _percent(mine.previous), _percent(province.previous), None),
        ("pack_row_change", points(mine.change), points(province.change), None),
        ("pack_row_tests", mine.tests, province.tests, mine.staff * target),
        (
            "pack_row_per_person",
            per_person(mine.tests_per_person_week),
            per_person(province.tests_per_person_week),
            target,
        ),
        ("pack_row_behind", mine.behind, None, 0),
        ("pack_row_never", mine.never_tested, None, None),
        ("pack_row_rank", mine.rank, None, None),
    ]
    words = {"target": target, "n": mine.agencies}
    return pd.DataFrame(
        {
            label("pack_col_figure", language): [label(key, language).format(**words) for key, *_ in rows],
            label("col_agency", language): pd.array([row[1] for row in rows], dtype=object),
            label("pack_col_province", language): pd.array([row[2] for row in rows], dtype=object),
            label("pack_col_target", language): pd.array([row[3] for row in rows], dtype=object),
        }
    )


def weeks_sheet(content: PackContent, language: str = "vi") -> pd.DataFrame:
    """The agency week by week over the pack's weeks, with the province's compliance
    beside it; a week with nobody on its roster stays blank."""
    by_week = {row["iso_week"]: row for row in content.weeks.to_dict("records")}
    met = label("pack_row_staff_met_target", language).format(target=content.weekly_target)
    rows = []
    for key in content.people_weeks:
        mine = by_week.get(key)
        province = content.province_by_week.get(key)
        rows.append(
            {
                label("iso_week", language): periods.week_short_label(key, language),
                label("pack_row_staff", language): None if mine is None else int(mine["staff_on_roster"]),
                label("pack_row_staff_tested", language): None if mine is None else int(mine["staff_tested"]),
                met: None if mine is None else int(mine["staff_met_target"]),
                label("pack_row_tests", language): None if mine is None else int(mine["tests"]),
                label("pack_row_compliance", language): None if mine is None else _percent(mine["compliance"]),
                label("pack_col_province_compliance", language): _percent(province),
            }
        )
    return pd.DataFrame(rows, dtype=object)


def reminder_sheet(reminders: pd.DataFrame, contacts: pd.DataFrame, language: str = "vi") -> pd.DataFrame:
    """The reminder list (rows of :func:`participation.behind`) with each person's
    phone, e-mail and i-Speed account in full, each in its own column."""
    wide = (
        contacts.assign(
            shown=[
                part.display_contact(v, k)
                for v, k in zip(contacts["identifier"], contacts["identifier_kind"], strict=True)
            ]
        )
        .drop_duplicates(["staff_id", "identifier_kind"])
        .pivot(index="staff_id", columns="identifier_kind", values="shown")
        .reindex(columns=list(CONTACT_COLUMNS))
        if len(contacts)
        else pd.DataFrame(columns=list(CONTACT_COLUMNS), index=pd.Index([], name="staff_id"))
    )
    listed = reminders.merge(wide, left_on="staff_id", right_index=True, how="left")
    columns = {
        "staff_id": label("col_staff_id", language),
        "full_name": label("col_full_name", language),
        "tests": label("col_tests_week", language),
        **{kind: value_name("identifier_kind", kind, language) for kind in CONTACT_COLUMNS},
        "last_test": label("col_last_test", language),
        "never_tested": label("col_never_tested", language),
    }
    sheet = listed.reindex(columns=list(columns)).astype(object)
    sheet["tests"] = listed["tests"].astype("int64")
    sheet["last_test"] = pd.to_datetime(listed["last_test"]).dt.date.astype(object)
    sheet["never_tested"] = listed["never_tested"].map({True: "✔", False: ""})
    return sheet.rename(columns=columns)


def _percent(share) -> float | None:
    """A share (0..1) as a percentage to one decimal, as in the participation export."""
    return None if share is None or pd.isna(share) else round(float(share) * 100, 1)
