"""Độ phủ mẫu: which communes lack samples, on a map and as lists to send."""

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import i18n, sheets
from dashboard.dates import clock
from dashboard.dates.periods import Period
from dashboard.geo import boundaries, coverage_map, layers
from dashboard.ingest.values import OPERATORS
from dashboard.reports import coverage, exports, figures
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.text import reading_order
from dashboard.views import target_editor
from dashboard.views.access import download_button
from dashboard.views.cache import cached
from dashboard.views.common import (
    all_numbers_shown,
    chart,
    coverage_data,
    engine,
    key_columns_first,
    language,
    map_view,
    monthly_period,
    name_of,
    number,
    select_or_all,
    settings,
    t,
    with_week_names,
)


@cached
def _coverage(
    period: Period, rule: coverage.CountingRule, floors: tuple[tuple[str, int], ...], operator: str | None, today
) -> pd.DataFrame:
    # The period's tests are read once: another floor, operator or rule is counted from them.
    return coverage.coverage_table(coverage_data(period), period, rule, dict(floors), operator, today)


@cached
def _shapes():
    with engine().connect() as conn:
        return boundaries.display_communes(conn)


@cached
def _detail(commune_code: str, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    with engine().connect() as conn:
        return coverage.commune_detail(conn, commune_code, period)


st.title(t("coverage_title"))
# VNNIC counts samples per calendar month: by default the floor applies to the
# month of the period chosen in the sidebar.
period = monthly_period("floor_by_month", "coverage_monthly")

left, middle, right = st.columns([2, 2, 1])
access = (
    left.segmented_control(
        t("category"), ["fixed", "mobile", "both"], format_func=t, default="fixed", key="coverage_access"
    )
    or "fixed"
)
operator = select_or_all(
    middle,
    t("operator"),
    OPERATORS,
    key="coverage_operator",
    format_func=name_of("operator"),
    all_label=t("all_operators"),
)
by_district = right.toggle(t("by_district"), key="coverage_by_district")
stored = settings()
with st.expander(t("counting")):
    # The stored settings (Cài đặt) are the defaults; a value changed here holds for this session only.
    floor_cols = st.columns(2)
    floors = tuple(
        (
            kind,
            int(
                col.number_input(
                    f"{t('sample_floor')} — {t(kind)}",
                    1,
                    100_000,
                    stored.sample_floor(kind),
                    step=50,
                    key=f"coverage_floor_{kind}",
                )
            ),
        )
        for col, kind in zip(floor_cols, ACCESS_KINDS, strict=True)
    )
    effective = st.toggle(t("effective"), value=True, key="coverage_effective")
    per_day = st.number_input(t("per_day"), 1, 50, stored.tests_per_day, disabled=not effective, key="coverage_per_day")
    burst = st.number_input(
        t("burst_minutes"), 0, 1_440, stored.burst_minutes, disabled=not effective, key="coverage_burst"
    )
rule = coverage.CountingRule(effective=effective, per_day=int(per_day), burst_minutes=int(burst))
if rule != figures.counting_rule(stored) or dict(floors) != figures.floors(stored):
    st.warning(t("session_override"), icon=":material/tune:")
table = _coverage(period, rule, floors, operator, clock.today())
view = coverage_map.category_view(table, access)

cols = st.columns(3)
at_floor = int((view["shortfall"] == 0).sum())
cols[0].metric(t("communes_at_floor"), f"{at_floor}/{len(view)}")
cols[1].metric(t("total_shortfall"), number(view["shortfall"].sum()))
cols[2].metric(t("raw_vs_effective"), f"{number(view['raw_samples'].sum())} / {number(view['samples'].sum())}")
if unknown := coverage_data(period).unknown_access:
    st.caption(t("unknown_access_note").format(n=number(unknown)))

name_field = "former_district" if by_district else "name"
tooltip = (
    f"<b>{{{name_field}}}</b> {'' if by_district else '({commune_code}) · {former_district}'}<br/>"
    f"{t('tooltip_samples')}: {{samples_text}} ({{share_text}}) · {t('tooltip_floor')}: {{floor_text}}<br/>"
    f"{t('tooltip_shortfall')}: {{shortfall_text}} · {t('col_population')}: {{population_text}}<br/>"
    f"{t('tooltip_last_test')}: {{last_test}}"
)
event = st.pydeck_chart(
    layers.deck(
        [layers.communes_layer(coverage_map.features(_shapes(), view, by_district, language()), highlight=True)],
        tooltip,
        map_view(_shapes()),
    ),
    on_select="rerun",
    selection_mode="single-object",
    key="coverage_map",
    height=layers.MAP_HEIGHT,
)
bands = [(colour, t("band_" + name)) for _, colour, name in coverage_map.BANDS]
st.markdown(
    f"{t('legend')}: {layers.legend_html([*bands, (coverage_map.NO_SAMPLE, t('band_none'))])}", unsafe_allow_html=True
)

# A click on the map selects a commune (a GeoJSON feature: its fields are under
# "properties"); the box below shows it and allows choosing.
picked = (event.selection.objects.get("communes") or [{}])[0] if event and event.selection else {}
picked = picked.get("properties", picked).get("commune_code")
names = dict(zip(view["commune_code"], view["name"], strict=True))
codes = sorted(names, key=lambda code: reading_order(names[code]))
# The map keeps its selection across reruns: apply a click once, so that a commune
# chosen in the box afterwards stays chosen.
if picked in names and picked != st.session_state.get("coverage_map_applied"):
    st.session_state["coverage_commune"] = picked
st.session_state["coverage_map_applied"] = picked
chosen = st.selectbox(t("selected_commune"), codes, key="coverage_commune", format_func=names.get)
weekly, agencies = _detail(chosen, period)
detail = st.columns(3)
if weekly.empty:
    st.info(t("no_samples"))
else:
    weekly = weekly.assign(
        **{field: weekly[field].map(name_of(field)) for field in ("access", "operator", "technology")}
    )
    per_week = weekly.groupby(["iso_week", "access"], as_index=False)["tests"].sum()
    per_week["access"] = per_week["access"].map(name_of("access"))
    per_week, week_order = with_week_names(per_week)
    detail[0].altair_chart(
        chart(
            alt.Chart(per_week, title=t("weekly_samples"))
            .mark_bar()
            .encode(
                x=alt.X("week:O", title=None, sort=week_order, axis=alt.Axis(labelAngle=-45)),
                y=alt.Y("tests:Q", title=None),
                color=alt.Color("access:N", title=None, legend=alt.Legend(orient="bottom")),
                tooltip=[
                    alt.Tooltip("week_dates:N", title=t("iso_week")),
                    alt.Tooltip("access:N", title=t("category")),
                    alt.Tooltip("tests:Q", title=t("tests"), format=","),
                ],
            )
        ),
        width="stretch",
    )
    for col, field, heading in ((detail[1], "operator", "operators"), (detail[2], "technology", "technologies")):
        counts = weekly.pivot_table(index=field, columns="access", values="tests", aggfunc="sum", fill_value=0)
        counts = counts.rename(columns=name_of("access"), index=name_of(field))
        col.dataframe(
            placeholder="", data=all_numbers_shown(counts.rename_axis(index=t(heading), columns=None)), width="stretch"
        )
st.markdown(f"**{t('agencies_here')}**")
st.caption(t("agencies_here_note"))
agencies = coverage.agency_participation(agencies, period)
agencies = agencies.assign(
    agency_kind=agencies["agency_kind"].map(name_of("agency_kind")),
    meets_target=agencies["meets_target"].map({True: "✔", False: "✘"}),
).rename(
    columns={
        "agency_code": t("col_agency_code"),
        "name": t("agencies"),
        "agency_kind": t("col_kind"),
        "staff": t("staff"),
        "staff_tested": t("staff_tested"),
        "tests": t("tests"),
        "tests_per_person_week": t("col_per_person_week"),
        "meets_target": t("col_meets_target"),
    }
)
st.dataframe(
    placeholder="",
    data=all_numbers_shown(agencies, decimals=2),
    hide_index=True,
    width="stretch",
    **key_columns_first(agencies.columns, t("agencies"), t("col_per_person_week"), t("col_meets_target")),
)

st.subheader(f"{t('uncovered_list')} — {t(access)}")
listed = coverage.uncovered(table, access)  # the category chosen above, as the headline counts it
if listed.empty:
    st.success(t("all_covered"))
else:
    sheet = exports.uncovered_sheet(listed, language(), access)
    leading = [t("col_commune"), t("col_shortfall"), t("col_fixed_shortfall"), t("col_mobile_shortfall")]
    st.dataframe(
        placeholder="",
        data=all_numbers_shown(sheet),
        hide_index=True,
        width="stretch",
        **key_columns_first(sheet.columns, *leading),
    )
    days_left = listed["days_left"].dropna()
    left = i18n.days(int(days_left.iloc[0]), language()) if len(days_left) else None
    st.caption(t("needed_note_days").format(days=left) if left else t("needed_note"))
    title = f"{t('uncovered_title')} ({t(access)}) — {period.label(language())}"
    buttons = st.columns(4)
    stem = exports.uncovered_file_stem(period.key, access)
    what = ("uncovered_list", {"access": access, "period": period.key, "rows": len(sheet)})
    # Each workbook is built when its button is clicked, not on every rerun.
    download_button(
        buttons[0],
        t("download_csv"),
        lambda: sheets.csv_bytes(sheet),
        f"{stem}.csv",
        "text/csv",
        key="download_csv",
        what=what,
    )
    download_button(
        buttons[1],
        t("download_xlsx"),
        lambda: sheets.xlsx_bytes(sheet, title),
        f"{stem}.xlsx",
        sheets.XLSX_MIME,
        key="download_xlsx",
        what=what,
    )

with st.expander(t("confidence")):
    st.caption(t("confidence_note"))
    ci = table[["commune_code", "name", "access", "samples", "median_download", "ci_low", "ci_high", "precise"]]
    ci = ci[ci["access"] == access] if access != "both" else ci
    st.dataframe(
        placeholder="",
        data=all_numbers_shown(
            ci.assign(
                precise=ci["precise"].map({True: "✔", False: ""}), access=ci["access"].map(name_of("access"))
            ).rename(
                columns={
                    "commune_code": t("col_commune_code"),
                    "name": t("col_commune"),
                    "access": t("category"),
                    "samples": t("tooltip_samples"),
                    "median_download": t("col_median"),
                    "ci_low": t("col_ci_low"),
                    "ci_high": t("col_ci_high"),
                    "precise": t("col_precise"),
                }
            )
        ),
        hide_index=True,
        width="stretch",
    )

with st.expander(t("targets_title")):
    target_editor.draw(stored.sample_floor_fixed, _coverage.clear)
