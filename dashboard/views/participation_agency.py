"""The participation page's lower half: one agency's staff, its reminder list, and
the tests that matched nobody."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import sheets
from dashboard.access.accounts import Scope
from dashboard.dates.periods import week, week_short_label, weeks
from dashboard.reports import participation as part
from dashboard.text import reading_order
from dashboard.views.access import download_button, scope, user
from dashboard.views.cache import cached
from dashboard.views.common import current_period, engine, language, name_of, number, numbers_shown, t


# The reader's scope is part of each cache key, and the core filters by it in SQL.
@cached
def _staff_weeks(reader: Scope, first: str, last: str, agency_code: str) -> pd.DataFrame:
    with engine().connect() as conn:
        return part.staff_weeks(conn, reader, weeks(first, last), agency_code)


@cached
def _contacts(reader: Scope, agency_code: str) -> pd.DataFrame:
    with engine().connect() as conn:
        return part.contacts(conn, reader, agency_code)  # the agency listed: not every person's


@cached
def _unmatched(reader: Scope, period) -> pd.DataFrame:
    with engine().connect() as conn:
        return part.unmatched(conn, reader, period)


def draw(table: pd.DataFrame, first: str, last: str, target: int) -> None:
    """Agency detail, reminder list and unmatched tests: for the department, any
    agency in ``table``; for an agency's user, their own agency only."""
    st.header(t("agency_detail"))
    reader = scope()
    if not reader.is_department:
        table = table[table["agency_code"] == reader.agency_code]
    if table.empty:
        return
    names = dict(zip(table["agency_code"], table["name"], strict=True))
    codes = sorted(names, key=lambda code: reading_order(names[code]))
    agency_code = st.selectbox(
        t("choose_agency"), codes, format_func=names.get, key="participation_agency", disabled=len(codes) == 1
    )
    rows = _staff_weeks(reader, first, last, agency_code)
    sheet = part.staff_sheet(rows, target)
    week_label = week(last).label(language())

    st.subheader(t("staff_weeks"))
    # A person who never tested reads blank, and a week off the roster too.
    counts = [c for c in sheet.columns if c not in ("staff_id", "full_name", "last_test")]
    st.dataframe(
        placeholder="",
        data=numbers_shown(
            sheet.assign(last_test=pd.to_datetime(sheet["last_test"])),
            dict.fromkeys(counts, 0),
            dates=("last_test",),
        ),
        hide_index=True,
        width="stretch",
        height=320,
        column_config={
            "staff_id": t("col_staff_id"),
            "full_name": t("col_full_name"),
            "weeks_met": t("col_weeks_met"),
            "weeks_on_roster": t("col_weeks_on_roster"),
            "last_test": t("col_last_test"),
        }
        | {key: week_short_label(key, language()) for key in rows["iso_week"].unique()},
    )

    listed = part.behind(rows, last, _contacts(reader, agency_code), target)
    not_tested = listed[listed["tests"] == 0]
    never = listed[listed["never_tested"]]
    cols = st.columns(3)
    cols[0].metric(t("not_tested_week").format(week=week_label), number(len(not_tested)))
    cols[1].metric(t("never_tested"), number(len(never)))
    cols[2].metric(t("staff"), number(sheet.shape[0]))

    st.subheader(t("reminder_list").format(target=target, week=week_label))
    if listed.empty:
        st.success(t("nobody_behind"))
    else:
        in_full = user().contacts_in_full(agency_code)
        st.caption(t("reminder_note") if in_full else t("contacts_masked_note"))
        labels = {
            "staff_id": t("col_staff_id"),
            "full_name": t("col_full_name"),
            "tests": t("col_tests_week"),
            "contact_kind": t("col_contact_kind"),
            "contact": t("col_contact"),
            "last_test": t("col_last_test"),
            "never_tested": t("col_never_tested"),
        }
        full = listed.assign(
            contact_kind=listed["contact_kind"].map(name_of("identifier_kind")),
            never_tested=listed["never_tested"].map({True: "✔", False: ""}),
            last_test=pd.to_datetime(listed["last_test"]).dt.date,  # a date to Excel, not text
        )
        full = full[list(labels)].rename(columns=labels)
        on_screen = full.assign(**{t("col_contact"): listed["contact"].map(part.mask)})
        download = full if in_full else on_screen
        st.dataframe(
            placeholder="",
            data=numbers_shown(
                on_screen.assign(**{t("col_last_test"): pd.to_datetime(on_screen[t("col_last_test")])}),
                {t("col_tests_week"): 0},
                dates=(t("col_last_test"),),
            ),
            hide_index=True,
            width="stretch",
            height=300,
        )
        title = f"{t('reminder_title')} — {names[agency_code]} — {week_label}"
        file_name = f"nhac_nho_{agency_code}_{last}"
        what = (
            "reminder_list_full" if in_full else "reminder_list_masked",
            {"agency": agency_code, "week": last, "people": len(listed)},
        )
        buttons = st.columns(4)
        # Each file is built when its button is clicked, not on every rerun.
        download_button(
            buttons[0],
            t("download_csv"),
            lambda: sheets.csv_bytes(download),
            f"{file_name}.csv",
            "text/csv",
            key="reminder_csv",
            what=what,
            personal=in_full,
        )
        download_button(
            buttons[1],
            t("download_xlsx"),
            lambda: sheets.xlsx_bytes(download, title),
            f"{file_name}.xlsx",
            sheets.XLSX_MIME,
            key="reminder_xlsx",
            what=what,
            personal=in_full,
        )

    if reader.is_department:  # tests that matched nobody belong to no agency
        _draw_unmatched(reader)


def _draw_unmatched(reader: Scope) -> None:
    period = current_period()
    # The sidebar's period, whatever span the page's figures show: named, so that the two are not confused.
    with st.expander(f"{t('unmatched_title')} · {period.label(language())}"):
        st.caption(t("unmatched_note"))
        frame = _unmatched(reader, period)
        if frame.empty:
            return
        by_kind = frame.groupby("identifier_kind", as_index=False)["tests"].sum()
        cols = st.columns(len(by_kind))
        for col, row in zip(cols, by_kind.itertuples(), strict=True):
            col.metric(name_of("identifier_kind")(row.identifier_kind), number(row.tests))
        full = user().contacts_in_full() and st.toggle(t("show_in_full"), key="unmatched_full")
        top = frame[frame["identifier_kind"] != "none"].head(50)
        shown = [part.display_contact(v, k) for v, k in zip(top["identifier"], top["identifier_kind"], strict=True)]
        top = top.assign(
            identifier=[v if full else part.mask(v) for v in shown],
            identifier_kind=top["identifier_kind"].map(name_of("identifier_kind")),
        )
        st.dataframe(
            placeholder="",
            data=numbers_shown(top, {"tests": 0}, dates=("last_test",)),
            hide_index=True,
            width="stretch",
            column_config={
                "identifier_kind": t("col_identifier_kind"),
                "identifier": t("col_identifier"),
                "tests": t("col_tests"),
                "last_test": t("col_last_test"),
            },
        )
