"""Tham gia đo: each agency against the weekly target, week by week."""

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import sheets
from dashboard.dates import clock, periods
from dashboard.dates.periods import iso_week_of, week, weeks_ending
from dashboard.documents import pack_files, packs
from dashboard.reports import exports
from dashboard.reports import participation as part
from dashboard.text import reading_order
from dashboard.views import participation_agency
from dashboard.views.access import download_button, user
from dashboard.views.cache import cached
from dashboard.views.common import (
    chart,
    current_period,
    data_span,
    engine,
    language,
    name_of,
    number,
    numbers_shown,
    on_a_phone,
    settings,
    t,
    with_week_names,
)

#: Weeks shown in the heatmap, ending with the chosen period.
HEATMAP_WEEKS = 20
#: The page opens on this many complete weeks (one week says little; a month waits for its end).
RECENT_WEEKS = 4
#: What the page reports on: the last complete weeks, the sidebar's period, or weeks chosen here.
SPANS = ("recent_weeks", "period", "chosen_weeks")


@cached
def _agency_weeks(first_week: str, last_week: str, target: int) -> pd.DataFrame:
    with engine().connect() as conn:
        return part.agency_weeks(conn, periods.weeks(first_week, last_week), target)


@cached
def _agencies() -> pd.DataFrame:
    with engine().connect() as conn:
        return part.agencies(conn)


st.title(t("participation_title"))
period = current_period()
agency_list = _agencies()
if period is None or agency_list.empty:
    st.info(t("no_data") if period is None else t("no_roster"))
    st.stop()
today = clock.today()
span_kind = (
    st.segmented_control(
        t("participation_span"),
        SPANS,
        format_func=lambda k: t("span_" + k).format(n=RECENT_WEEKS, period=period.label(language())),
        default="recent_weeks",
        key="participation_span",
    )
    or "recent_weeks"
)
if span_kind == "chosen_weeks":
    week_choices = [p.key for p in reversed(data_span().periods("week"))]
    recent = periods.last_complete_weeks(today, RECENT_WEEKS, data_span().last_day)
    default = [w for w in week_choices if recent.first_week <= w <= recent.last_week] or week_choices[-1:]
    first_choice, last_choice = st.select_slider(
        t("span_weeks_pick"),
        week_choices,
        value=(default[0], default[-1]),
        format_func=lambda k: periods.week(k).label(language()),
        key="participation_weeks",
    )
    chosen = periods.started_part(periods.weeks(first_choice, last_choice), today)
elif span_kind == "recent_weeks":
    chosen = periods.last_complete_weeks(today, RECENT_WEEKS, data_span().last_day)
else:
    chosen = period
# Only weeks that have started count, and within a month only those that have ended.
counted = chosen.counted(today, data_span().last_day) if chosen is not None else None
if counted is None:
    st.info(t("no_week_ended").format(period=period.label(language())))
    st.stop()
first, last = counted.first_week, counted.last_week
before = chosen.counted_before(today, data_span().last_day)
# A month is named as a month ('Tháng 10/2026'), as on the overview; weeks by their numbers and dates.
named = chosen.previous() if chosen.kind == "month" else before
compared = f" · {t('vs_previous')}: {named.label(language())}" if before is not None else ""
st.caption(counted.label(language()) + compared)
if week(last).in_progress(today):  # only when the reader chose this week
    st.info(t("week_in_progress").format(week=week(last).label(language())))

left, middle, right = st.columns([1, 2, 2])
target = int(left.number_input(t("weekly_target"), 1, 20, settings().weekly_target, key="participation_target"))
if target != settings().weekly_target:
    left.caption(t("session_override"))
kinds = middle.multiselect(
    t("agency_kinds"),
    sorted(agency_list["agency_kind"].unique()),
    placeholder=t("all"),
    format_func=name_of("agency_kind"),
    key="participation_kinds",
)
communes = right.multiselect(
    t("agency_communes"),
    sorted(agency_list["commune_name"].dropna().unique(), key=reading_order),
    placeholder=t("all"),
    key="participation_communes",
)
shown = agency_list
if kinds:
    shown = shown[shown["agency_kind"].isin(kinds)]
if communes:
    shown = shown[shown["commune_name"].isin(communes)]

weeks = _agency_weeks(first, last, target)
# The month before a month, the weeks before a run of weeks: as the overview and the report compare.
previous = _agency_weeks(before.first_week, before.last_week, target) if before is not None else None
table = part.agency_table(weeks, shown, previous)

share = part.overall_compliance(weeks, shown["agency_code"])
share_before = part.overall_compliance(previous, shown["agency_code"]) if previous is not None else None
cols = st.columns(4)
cols[0].metric(t("agencies"), number(len(table)))
cols[1].metric(t("col_staff_week"), number(table["staff"].sum()), help=t("staff_per_week_help"))
cols[2].metric(
    t("col_compliance"),
    "–" if share is None else f"{number(share * 100, 1)}%",
    None if share is None or share_before is None else f"{number((share - share_before) * 100, 1)} {t('points')}",
)
# The agencies' staff's tests only: the overview's count also holds tests by people on no roster.
cols[3].metric(t("tests_by_staff"), number(table["tests"].sum()), help=t("tests_by_staff_help"))

per_week = 0 if first == last else 1  # a single week has whole people
st.dataframe(
    placeholder="",
    data=numbers_shown(
        table.assign(
            agency_kind=table["agency_kind"].map(name_of("agency_kind")),
            compliance=table["compliance"] * 100,
        ),
        {"staff": per_week, "staff_tested": per_week, "staff_met_target": per_week, "change": 1, "tests": 0}
        | {"tests_per_person_week": 2},
        percents={"previous": 0},
        signed=("change",),
    ),
    column_order=[  # the name and the figure first: a laptop shows them without scrolling
        "name",
        "compliance",
        "change",
        "staff",
        "staff_met_target",
        "staff_tested",
        "previous",
        "tests",
        "tests_per_person_week",
        "agency_kind",
        "commune_name",
    ],
    column_config={
        "name": t("col_agency"),
        "agency_kind": t("col_kind"),
        "commune_name": t("col_commune"),
        "staff": t("col_staff_week"),
        "staff_tested": t("col_active_week"),
        "staff_met_target": t("col_met_week"),
        # A bar and a whole percentage: no decimal separator to write differently.
        "compliance": st.column_config.ProgressColumn(t("col_compliance"), format="%.0f%%", min_value=0, max_value=100),
        "previous": t("col_previous"),
        "change": t("col_change"),
        "tests": t("col_tests"),
        "tests_per_person_week": t("col_per_person_week"),
    },
    hide_index=True,
    width="stretch",
    height=380,
    key="participation_table",
)

sheet = exports.participation_sheet(table, language())
about = f"{t('participation_title')} — {counted.label(language())} · {t('weekly_target')}: {target}"
file_name = f"tham_gia_{first}_{last}"
buttons = st.columns(3)
download_button(
    buttons[0],
    t("download_agencies_csv"),
    lambda: sheets.csv_bytes(sheet),
    f"{file_name}.csv",
    "text/csv",
    key="participation_csv",
    what=("participation_table", {"first": first, "last": last, "agencies": len(table)}),
)
download_button(
    buttons[1],
    t("download_agencies_xlsx"),
    lambda: sheets.xlsx_bytes(sheet, about),
    f"{file_name}.xlsx",
    sheets.XLSX_MIME,
    key="participation_xlsx",
    what=("participation_table", {"first": first, "last": last, "agencies": len(table)}),
)
if user().is_admin:  # each agency's pack holds its staff's phones and e-mails in full
    pack_week, database, stored, reader_language = week(last), engine(), settings(), language()

    def _packs_zip() -> bytes:
        # Built on the click, outside the page's run: only what was taken above.
        with database.connect() as conn:
            built = packs.build_packs(conn, pack_week, stored, reader_language)
        return pack_files.packs_zip(built, reader_language)

    year, number_ = last.split("-W")
    download_button(
        buttons[2],
        t("download_packs_zip").format(week=f"{int(number_)}/{year}"),
        _packs_zip,
        pack_files.zip_file_name(last),
        "application/zip",
        key="participation_packs_zip",
        what=("agency_packs_zip", {"week": last}),
        personal=True,
    )
    buttons[2].caption(t("download_packs_help"))

# Charts as tall as the agencies need, in a scrolling box of fixed height: side by side
# in one box on a laptop (their rows scroll together), one box each on a phone, where
# the columns stack and one box would hold both charts one under the other.
if on_a_phone():
    chart_left, chart_right = st.container(height=480), st.container(height=480)
    names_px = 130  # the names' width: on a phone's screen the bars need the rest
else:
    chart_left, chart_right = st.container(height=640).columns(2)
    names_px = 220
ROW_PX = 20
ranking = table.assign(percent=table["compliance"] * 100)
ranking_chart = (
    alt.Chart(ranking, title=t("agency_ranking"))
    .mark_bar()
    .encode(
        x=alt.X("percent:Q", title=t("col_compliance") + " (%)", scale=alt.Scale(domain=[0, 100])),
        # The table's order (lowest compliance first), as the heatmap beside it.
        y=alt.Y("name:N", sort=table["name"].tolist(), title=None, axis=alt.Axis(labelLimit=names_px)),
        color=alt.Color("percent:Q", scale=alt.Scale(scheme="redyellowgreen", domain=[0, 100]), legend=None),
        tooltip=[alt.Tooltip("name:N", title=t("col_agency")), alt.Tooltip("percent:Q", format=".1f", title="%")],
    )
    .properties(height=alt.Step(ROW_PX))
)
chart_left.altair_chart(chart(ranking_chart), width="stretch")

heat_first = weeks_ending(last, HEATMAP_WEEKS).first_week
span = data_span()
if span.first_day is not None:
    heat_first = max(heat_first, iso_week_of(span.first_day))
history = _agency_weeks(heat_first, last, target)
history = history[history["agency_code"].isin(table["agency_code"])].merge(table[["agency_code", "name"]])
history, week_order = with_week_names(history)
heatmap = (
    alt.Chart(history.assign(percent=history["compliance"] * 100), title=t("compliance_heatmap"))
    .mark_rect()
    .encode(
        x=alt.X("week:O", title=None, sort=week_order, axis=alt.Axis(labelAngle=-60)),
        y=alt.Y("name:N", title=None, sort=table["name"].tolist(), axis=alt.Axis(labelLimit=names_px)),
        color=alt.Color("percent:Q", scale=alt.Scale(scheme="redyellowgreen", domain=[0, 100]), title="%"),
        tooltip=[
            alt.Tooltip("name:N", title=t("col_agency")),
            alt.Tooltip("week_dates:N", title=t("iso_week")),
            alt.Tooltip("percent:Q", format=".1f", title=t("col_compliance")),
            alt.Tooltip("staff_on_roster:Q", title=t("staff")),
        ],
    )
    .properties(height=alt.Step(ROW_PX))
)
chart_right.altair_chart(chart(heatmap), width="stretch")

participation_agency.draw(table, first, last, target)
