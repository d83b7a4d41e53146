"""The quality page's lower half: operators side by side, communes under the
threshold with the evidence file, and the monthly trend."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import sheets
from dashboard.dates import periods
from dashboard.dates.periods import Period
from dashboard.reports import exports, quality
from dashboard.text import reading_order
from dashboard.views.access import download_button
from dashboard.views.cache import cached
from dashboard.views.common import chart, engine, language, name_of, numbers_shown, select_or_all, t


@cached
def _trend(category: str, column: str) -> pd.DataFrame:
    with engine().connect() as conn:
        return quality.monthly_trend(conn, category, column)


def _figure_columns(metric_label: str) -> dict:
    return {
        "operator": t("operator"),
        "samples": t("col_samples"),
        "median": metric_label,
        "ci_low": t("col_ci_low"),
        "ci_high": t("col_ci_high"),
        "p10": "P10",
        "p90": "P90",
        "share_under": t("col_share_under"),
    }


#: Digits shown after the decimal separator, by the evidence sheet's column labels.
_EVIDENCE_DECIMALS = {"col_samples": 0, "col_median": 1, "col_ci_low": 1, "col_ci_high": 1, "P10": 1, "P90": 1}
#: Digits shown after the decimal separator, by column of the operators' figures.
_FIGURE_DECIMALS = {"samples": 0, "median": 1, "ci_low": 1, "ci_high": 1, "p10": 1, "p90": 1}


def draw(
    tests: pd.DataFrame,
    units: pd.DataFrame,
    table: pd.DataFrame,
    category: str,
    column: str,
    threshold: float,
    period: Period,
    chosen_operator: str | None = None,
) -> None:
    """Operator comparison, communes under the threshold with their export, trend.
    The evidence is the operator chosen at the top of the page; when it is "all
    operators", the evidence section asks for one."""
    metric_label = t("median_of_" + column)
    st.subheader(t("operator_comparison"))
    names = dict(zip(units["commune_code"], units["name"], strict=True))
    commune = select_or_all(
        st,
        t("where"),
        sorted(names, key=lambda code: reading_order(names[code])),
        key="quality_commune",
        format_func=names.get,
        all_label=t("whole_province"),
    )
    side_by_side = quality.operator_comparison(tests, category, column, threshold, commune)
    side_by_side = side_by_side.assign(operator=side_by_side["operator"].map(name_of("operator")))
    st.dataframe(
        placeholder="",
        data=numbers_shown(side_by_side, _FIGURE_DECIMALS, percents={"share_under": 0}),
        hide_index=True,
        width="stretch",
        column_config=_figure_columns(metric_label),
    )
    st.caption(t("operator_note"))

    st.subheader(t("below_threshold_title").format(threshold=f"{threshold:g}", category=_category_name(category)))
    left, right = st.columns([1, 3])
    by_size = quality.select(tests, quality.Selection(category))["operator"].value_counts().index.tolist()
    if not by_size:
        st.info(t("no_samples"))
        return
    if chosen_operator is not None:  # one operator picker per section: the page's own
        operator = chosen_operator
        left.caption(f"{t('operator')}: {name_of('operator')(operator)}")
    else:
        operator = left.selectbox(t("operator"), by_size, key="evidence_operator", format_func=name_of("operator"))
    min_samples = right.number_input(t("evidence_min_samples"), 1, 10_000, 30, key="evidence_min_samples")
    under = quality.below_threshold(tests, units, category, threshold, operator, int(min_samples))
    sheet = exports.evidence_sheet(under, language())
    if sheet.empty:
        st.success(t("none_below"))
    else:
        digits = {t(label): d for label, d in _EVIDENCE_DECIMALS.items()} | {t("col_share_under") + " (%)": 1}
        st.dataframe(placeholder="", data=numbers_shown(sheet, digits), hide_index=True, width="stretch")
    title = t("evidence_title").format(
        operator=name_of("operator")(operator),
        category=_category_name(category),
        threshold=f"{threshold:g}",
        period=period.label(language()),
    )
    # The workbook is built when the button is clicked, not on every rerun.
    download_button(
        st,
        t("download_evidence"),
        lambda: sheets.xlsx_bytes(sheet, title),
        # A category as every file name says it ('co_dinh', 'di_dong'); a technology by its code ('4g').
        f"bang_chung_{operator}_{exports.CATEGORY_IN_FILE_NAMES.get(category, category)}_{period.key}.xlsx",
        sheets.XLSX_MIME,
        key="download_evidence",
        what=("evidence", {"operator": operator, "category": category, "period": period.key, "rows": len(sheet)}),
        disabled=sheet.empty,
    )

    st.subheader(t("monthly_trend"))
    trend = _trend(category, column)
    # '2026-07' in calendar order, shown '07/2026'.
    month_order = [periods.month_short_label(m) for m in sorted(trend["month"].unique())]
    trend = trend.assign(
        operator=trend["operator"].map(name_of("operator")), month=trend["month"].map(periods.month_short_label)
    )
    st.altair_chart(
        chart(
            alt.Chart(trend)
            .mark_line(point=True)
            .encode(
                x=alt.X(
                    "month:O",
                    title=None,
                    sort=month_order,
                    axis=alt.Axis(labelAngle=0),
                ),
                y=alt.Y("median:Q", title=metric_label),
                color=alt.Color("operator:N", title=t("operator")),
                tooltip=[
                    alt.Tooltip("operator:N", title=t("operator")),
                    alt.Tooltip("month:O", title=t("col_month")),
                    alt.Tooltip("median:Q", format=".1f", title=metric_label),
                    alt.Tooltip("samples:Q", title=t("col_samples"), format=","),
                ],
            )
        ),
        width="stretch",
    )
    samples = trend.pivot_table(index="month", columns="operator", values="samples", fill_value=0)
    samples = samples.reindex(month_order)
    samples = samples.rename_axis(index=t("col_month"), columns=None)
    st.dataframe(placeholder="", data=numbers_shown(samples, dict.fromkeys(samples.columns, 0)), width="stretch")
    st.caption(t("trend_note"))


def _category_name(category: str) -> str:
    return t(category) if category in ("fixed", "mobile") else name_of("technology")(category)
