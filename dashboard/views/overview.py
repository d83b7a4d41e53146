"""Tổng quan: the headline figures of the chosen period against the previous one,
and the campaign week by week."""

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.dates import clock, periods
from dashboard.dates.periods import Period
from dashboard.documents.naming import FORMATS, report_file_name
from dashboard.reports import figures, overview
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.views.access import download_button
from dashboard.views.cache import cached
from dashboard.views.common import (
    chart,
    coverage_data,
    current_period,
    data_span,
    engine,
    language,
    number,
    percent,
    settings,
    t,
    with_week_names,
)

UNITS = {"download_mbps": "Mbps", "upload_mbps": "Mbps", "latency_ms": "ms"}


@cached
def _headline(period: Period, today) -> dict:
    data = coverage_data(period)  # the coverage page's read of the period: not read twice
    with engine().connect() as conn:
        return figures.headline(conn, period, settings(), today, data)


@cached
def _trend(first_week: str, last_week: str, weekly_target: int) -> pd.DataFrame:
    with engine().connect() as conn:
        return overview.weekly_participation(conn, periods.weeks(first_week, last_week), weekly_target)


def _metric(
    col,
    label: str,
    key: str,
    shown: str,
    now: dict,
    before: dict,
    *,
    scale: float = 1,
    decimals: int = 0,
    suffix: str = "",
    lower_is_better: bool = False,
    help: str | None = None,
) -> None:
    """One headline figure with its change against the previous period."""
    difference = overview.change(now.get(key), before.get(key))
    if difference is None:
        col.metric(label, shown, help=help)
        return
    # Streamlit reads the sign of the text: an ASCII minus points the arrow down. A
    # change that rounds to zero reads 0,0 in grey, without an arrow.
    text = number(difference * scale, decimals, signed=True) + suffix
    if round(difference * scale, decimals) == 0:
        col.metric(label, shown, text, delta_color="off", delta_arrow="off", help=help)
        return
    col.metric(label, shown, text, delta_color="inverse" if lower_is_better else "normal", help=help)


def _report_button(container, fmt: str, period: Period, today) -> None:
    """The official report of ``period`` as ``fmt``, built when the button is pressed."""
    database = engine()  # the file is built outside the page's run: the engine is taken now

    def build() -> bytes:
        # The documents package (matplotlib, ReportLab, python-docx) is loaded on the first download only.
        from dashboard.documents import report

        return report.build_report(database, period, fmt, today=today)

    download_button(
        container,
        t(f"report_download_{fmt}"),
        build,
        report_file_name(period, fmt),
        FORMATS[fmt],
        key=f"report_{fmt}",
        what=("report", {"period": period.key}),
    )


st.title(t("overview_title"))
period = current_period()
if period is None:
    st.info(t("no_data"))
    st.stop()

today = clock.today()
now = _headline(period, today)
before = _headline(period.previous(), today)
st.caption(f"{period.label(language())} · {t('vs_previous')}: {period.previous().label(language())}")
if now["week_in_progress"]:
    st.info(t("week_in_progress").format(week=periods.week(now["week_in_progress"]).label(language())))

cols = st.columns(5)
_metric(cols[0], t("tests"), "tests", number(now["tests"]), now, before)
_metric(
    cols[1], t("staff_tested"), "staff_tested", number(now["staff_tested"]), now, before, help=t("staff_tested_help")
)
share = percent(now["compliance"])
_metric(
    cols[2],
    t("compliance"),
    "compliance",
    share,
    now,
    before,
    scale=100,
    decimals=1,
    suffix=f" {t('points')}",
    help=t("compliance_help"),
)
at_target = {f"communes_{access}_at_floor": now["communes_at_target"][access] for access in ACCESS_KINDS}
earlier = {f"communes_{access}_at_floor": before["communes_at_target"][access] for access in ACCESS_KINDS}
for col, access in zip(cols[3:], ACCESS_KINDS, strict=True):
    key = f"communes_{access}_at_floor"
    _metric(
        col,
        t(key),
        key,
        f"{at_target[key]}/{now['communes']}",
        at_target,
        earlier,
        help=t("floor_rule_help").format(floor=now["settings"]["sample_floor"][access]),
    )
st.caption(t("not_on_roster_note").format(staff=number(now["staff_on_roster"]), n=number(now["tests_not_on_roster"])))

for access in ACCESS_KINDS:
    st.markdown(f"**{t(access)}**")
    cols = st.columns(3)
    values, earlier = now["medians"][access], before["medians"][access]
    for col, metric in zip(cols, UNITS, strict=True):
        value = values[metric]
        shown = f"{number(value, 1)} {UNITS[metric]}" if value is not None else t("no_samples")
        _metric(
            col,
            t(metric),
            metric,
            shown,
            values,
            earlier,
            decimals=1,
            suffix=f" {UNITS[metric]}",
            lower_is_better=metric == "latency_ms",
        )
    cols[0].caption(f"{number(now['samples'][access])} {t('samples')}")
st.caption(t("medians_note"))

st.subheader(t("weekly_trend"))
span = data_span()
first, last = span.periods("week")[-1], span.periods("week")[0]
weeks = _trend(first.key, last.key, settings().weekly_target)
# The headline's split (figures.py): tests by people on a roster that week, and the others.
weeks["tests_others"] = weeks["tests"] - weeks["tests_on_roster"]
weeks, week_order = with_week_names(weeks)
long = weeks.melt(
    id_vars=["week", "week_dates"], value_vars=["tests_on_roster", "tests_others"], var_name="who", value_name="n"
)
# The staff's tests at the foot of each bar, in the same colours in either language
# (by default the order and colours follow the labels' alphabetical order).
long["stack"] = (long["who"] == "tests_others").astype(int)
who = [t("by_staff"), t("others")]
long["who"] = long["who"].map({"tests_on_roster": who[0], "tests_others": who[1]})
left, right = st.columns(2)
left.altair_chart(
    chart(
        alt.Chart(long, title=t("tests_per_week"))
        .mark_bar()
        .encode(
            x=alt.X("week:O", title=None, sort=week_order, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("n:Q", title=t("tests")),
            color=alt.Color(
                "who:N",
                title=None,
                scale=alt.Scale(domain=who),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("stack:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("week_dates:N", title=t("iso_week")),
                alt.Tooltip("who:N", title=t("who_tested")),
                alt.Tooltip("n:Q", title=t("tests"), format=","),
            ],
        )
    ),
    width="stretch",
)
weeks["share_pct"] = (weeks["compliance"] * 100).round(1)
right.altair_chart(
    chart(
        alt.Chart(weeks, title=t("compliance_per_week"))
        .mark_line(point=True)
        .encode(
            x=alt.X("week:O", title=None, sort=week_order, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("share_pct:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            tooltip=[
                alt.Tooltip("week_dates:N", title=t("iso_week")),
                alt.Tooltip("share_pct:Q", title=t("col_compliance") + " (%)", format=",.1f"),
                alt.Tooltip("staff_met_target:Q", title=t("col_met_week"), format=","),
                alt.Tooltip("staff_on_roster:Q", title=t("staff"), format=","),
            ],
        )
    ),
    width="stretch",
)

st.subheader(t("report_title"))
st.caption(t("report_note").format(period=period.label(language())))
buttons = st.columns(4)
for column, fmt in zip(buttons, FORMATS, strict=False):
    _report_button(column, fmt, period, today)
