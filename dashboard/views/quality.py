"""Chất lượng Internet: medians by commune, operator and technology, with counts."""

import pandas as pd
import pydeck as pdk
import streamlit as st

from dashboard.campaign import boundaries, coverage_map, quality, quality_map, queries
from dashboard.campaign.periods import Period
from dashboard.campaign.rules import CURRENT_EDITION
from dashboard.campaign.values import OPERATORS
from dashboard.views import quality_tables
from dashboard.views.common import engine, language, monthly_period, name_of, number, settings, t
from dashboard.views.cache import PERIOD_TESTS_ENTRIES, cached

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
metric = row[0].segmented_control(t("metric"), list(METRIC_UNITS), default="download_mbps", key="quality_metric",
                                  format_func=lambda m: t("metric_" + m)) or "download_mbps"  # fmt: skip
category = row[1].selectbox(t("category"), quality.CATEGORIES, key="quality_category",
                            format_func=lambda c: t(c) if c in ("fixed", "mobile") else name_of("technology")(c))  # fmt: skip
operator = row[2].selectbox(t("operator"), [None, *OPERATORS], key="quality_operator",
                            format_func=lambda o: t("all_operators") if o is None else name_of("operator")(o))  # fmt: skip
stored = settings()  # the stored settings are the defaults; a value changed here holds for this session
stored_threshold = stored.threshold(category) or quality.DEFAULT_THRESHOLDS.get(category, 40.0)
default_threshold = 50.0 if metric == "latency_ms" else float(stored_threshold)
threshold = row[3].number_input(t("threshold_" + ("ms" if metric == "latency_ms" else "mbps")), 0.0, 10_000.0,
                                default_threshold, step=5.0, format="%g", key=f"quality_threshold_{metric == 'latency_ms'}_{category}")  # fmt: skip
with st.expander(t("quality_settings")):
    floor = st.number_input(t("sample_floor"), 1, 100_000, stored.sample_floor(quality.access_of(category)), step=50,
                            key="quality_floor")  # fmt: skip
    show_hexagons = st.toggle(t("show_hexagons"), key="quality_hexagons")
    resolution = st.slider(t("hexagon_resolution"), 6, 9, quality.H3_DEFAULT_RESOLUTION, key="quality_resolution")
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
cols[0].metric(t("province_median") if metric != "share_under" else t("median_of_share_under"),
               f"{number(headline, 1)} {unit}")  # fmt: skip
cols[1].metric(t("col_samples"), number(province["samples"]))
cols[2].metric(t("col_ci95"), f"{number(province['ci_low'], 1)}–{number(province['ci_high'], 1)}")
cols[3].metric(t("col_p10_p90"), f"{number(province['p10'], 1)}–{number(province['p90'], 1)}")

table = quality.commune_figures(tests, units, selection, metric, threshold, int(floor))
layers = [pdk.Layer(
    "GeoJsonLayer", quality_map.features(shapes, table, metric, threshold, language()), id="communes",
    pickable=True, stroked=True, filled=True, get_fill_color="properties.fill", get_line_color=[255, 255, 255],
    line_width_min_pixels=1,
)]  # fmt: skip
if show_hexagons:
    cells = quality.hexagons(chosen, column, resolution, int(min_tests))
    layers.append(pdk.Layer(
        "H3HexagonLayer", quality_map.hexagon_layer_data(cells, metric, threshold), id="hexagons", pickable=True,
        get_hexagon="hexagon", get_fill_color="fill", extruded=False, stroked=False, opacity=0.9,
    ))  # fmt: skip
tooltip = (f"<b>{{name}}</b> ({{commune_code}}) · {{former_district}}<br/>{t('median_of_' + metric)}: {{value_text}}"
           f"<br/>{t('col_samples')}: {{samples}} · {t('col_ci95')}: {{interval_text}}<br/>"
           f"{t('col_p10_p90')}: {{spread_text}}")  # fmt: skip
st.pydeck_chart(pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(**coverage_map.CENTER), map_style=None,
                         tooltip={"html": tooltip}), height=520)  # fmt: skip
legend = " &nbsp; ".join(
    f"<span style='color:rgb({c[0]},{c[1]},{c[2]})'>■</span> {label} {'' if metric == 'share_under' else unit}"
    for _, c, label in quality_map.classes(metric, threshold)
)  # fmt: skip
grey = quality_map.NOT_ENOUGH
st.markdown(f"{t('legend')} ({t('median_of_' + metric)}): {legend} &nbsp; <span style='color:rgb({grey[0]},"
            f"{grey[1]},{grey[2]})'>■</span> {t('not_enough_samples')} (&lt; {number(floor)} {t('samples')})",
            unsafe_allow_html=True)  # fmt: skip

quality_tables.draw(tests, units, table, category, column, threshold, period)
