"""Chất lượng Internet: medians by commune, operator and technology, with counts."""

import pandas as pd
import streamlit as st

from dashboard.dates.periods import Period
from dashboard.geo import boundaries, layers, quality_map
from dashboard.ingest.values import OPERATORS
from dashboard.reports import quality
from dashboard.reports.rules import CURRENT_EDITION
from dashboard.store import queries
from dashboard.views import quality_tables
from dashboard.views.cache import PERIOD_TESTS_ENTRIES, cached
from dashboard.views.common import (
    engine,
    language,
    map_view,
    monthly_period,
    name_of,
    number,
    select_or_all,
    settings,
    t,
)

METRIC_UNITS = {"download_mbps": "Mbps", "upload_mbps": "Mbps", "latency_ms": "ms", "share_under": "%"}


@cached(max_entries=PERIOD_TESTS_ENTRIES)
def _tests(period: Period) -> pd.DataFrame:
    with engine().connect() as conn:
        return quality.period_tests(conn, period.first_day, period.last_day)


@cached
def _units() -> tuple[pd.DataFrame, object]:
    with engine().connect() as conn:
        units = queries.run(conn, "commune_units", edition_id=CURRENT_EDITION)
        return units, boundaries.display_communes(conn)


st.title(t("quality_title"))
period = monthly_period("median_by_month", "quality_monthly")

row = st.columns([4, 2, 2, 1])
metric = (
    row[0].segmented_control(
        t("metric"),
        list(METRIC_UNITS),
        default="download_mbps",
        key="quality_metric",
        format_func=lambda m: t("metric_" + m),
    )
    or "download_mbps"
)
category = row[1].selectbox(
    t("category"),
    quality.CATEGORIES,
    key="quality_category",
    format_func=lambda c: t(c) if c in ("fixed", "mobile") else name_of("technology")(c),
)
operator = select_or_all(
    row[2],
    t("operator"),
    OPERATORS,
    key="quality_operator",
    format_func=name_of("operator"),
    all_label=t("all_operators"),
)
stored = settings()  # the stored settings are the defaults; a value changed here holds for this session
stored_threshold = stored.threshold(category) or quality.DEFAULT_THRESHOLDS.get(category, 40.0)
default_threshold = 50.0 if metric == "latency_ms" else float(stored_threshold)
threshold = row[3].number_input(
    t("threshold_" + ("ms" if metric == "latency_ms" else "mbps")),
    0.0,
    10_000.0,
    default_threshold,
    step=5.0,
    format="%g",
    key=f"quality_threshold_{metric == 'latency_ms'}_{category}",
)
with st.expander(t("quality_settings")):
    floor = st.number_input(
        t("sample_floor"), 1, 100_000, stored.sample_floor(quality.access_of(category)), step=50, key="quality_floor"
    )
    show_hexagons = st.toggle(t("show_hexagons"), key="quality_hexagons")
    resolution = st.slider(t("hexagon_resolution"), 5, 9, quality.H3_DEFAULT_RESOLUTION, key="quality_resolution")
    min_tests = st.number_input(t("hexagon_min_tests"), 1, 1000, quality.H3_MIN_TESTS, key="quality_min_tests")
if threshold != default_threshold or floor != stored.sample_floor(quality.access_of(category)):
    st.caption(t("session_override"))  # the stored settings stay as they are for reports and lists

tests = _tests(period)
units, shapes = _units()
selection = quality.Selection(category, operator)
chosen = quality.select(tests, selection)
column = quality.METRICS[metric][0]
province = quality.summarise(chosen[column], threshold)
unit = METRIC_UNITS[metric]
cols = st.columns(4)
headline = province["share_under"] * 100 if metric == "share_under" else province["median"]
cols[0].metric(
    t("province_median") if metric != "share_under" else t("median_of_share_under"), f"{number(headline, 1)} {unit}"
)
cols[1].metric(t("col_samples"), number(province["samples"]))
cols[2].metric(t("col_ci95"), f"{number(province['ci_low'], 1)}–{number(province['ci_high'], 1)}")
cols[3].metric(t("col_p10_p90"), f"{number(province['p10'], 1)}–{number(province['p90'], 1)}")

table = quality.commune_figures(tests, units, selection, metric, threshold, int(floor))
map_layers = [layers.communes_layer(quality_map.features(shapes, table, metric, threshold, language()))]
if show_hexagons:
    cells = quality.hexagons(chosen, column, resolution, int(min_tests))
    map_layers.append(layers.hexagons_layer(quality_map.hexagon_layer_data(cells, metric, threshold, language())))
tooltip = (
    f"<b>{{place}}</b><br/>{t('median_of_' + metric)}: {{value_text}}"
    f"<br/>{t('col_samples')}: {{samples_text}} · {t('col_ci95')}: {{interval_text}}<br/>"
    f"{t('col_p10_p90')}: {{spread_text}}"
)
st.pydeck_chart(layers.deck(map_layers, tooltip, map_view(shapes)), height=layers.MAP_HEIGHT)
classes = [
    (c, label if metric == "share_under" else f"{label} {unit}")
    for _, c, label in quality_map.classes(metric, threshold)
]
not_enough = (quality_map.NOT_ENOUGH, f"{t('not_enough_samples')} (< {number(floor)} {t('samples')})")
st.markdown(
    f"{t('legend')} ({t('median_of_' + metric)}): {layers.legend_html([*classes, not_enough])}", unsafe_allow_html=True
)

quality_tables.draw(tests, units, table, category, column, threshold, period, operator)
