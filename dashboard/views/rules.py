"""Cách tính: how each figure is computed, in plain words, with the values in force.

Every number on this page comes from the stored settings or from the code's own
constants (rulebook.py); the labels hold the words only.
"""

import streamlit as st

from dashboard.reports.rulebook import rule_values
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.reports.settings import load_settings
from dashboard.views.common import engine, name_of, number, t

with engine().connect() as conn:
    values = rule_values(load_settings(conn))
settings = values.settings


def _rule(name: str, **figures) -> None:
    """One rule: its heading and its text with the figures written in."""
    st.subheader(t(f"rule_{name}_title"))
    st.markdown(t(f"rule_{name}").format(**figures))


def _mbps(value: float) -> str:
    return number(value, 0 if float(value).is_integer() else 1)


def _category_name(category: str) -> str:
    return name_of("access" if category in ACCESS_KINDS else "technology")(category)


fixed, mobile = number(settings.sample_floor_fixed), number(settings.sample_floor_mobile)
# One example per distinct floor: "300 → 69" once when both categories need the same.
examples = dict.fromkeys(
    [
        (settings.sample_floor_fixed, values.weekly_floor_fixed),
        (settings.sample_floor_mobile, values.weekly_floor_mobile),
    ]
)

st.title(t("rules_title"))
st.markdown(t("rules_intro").format(settings=t("page_settings")))
_rule(
    "effective",
    per_day=number(settings.tests_per_day),
    burst=number(settings.burst_minutes),
    coverage=t("page_coverage"),
)
_rule(
    "floor",
    fixed=fixed,
    mobile=mobile,
    weeks=number(values.weeks_per_month, 2),
    examples="; ".join(
        t("rule_floor_example").format(month=number(month), week=number(week)) for month, week in examples
    ),
)
_rule("own", coverage=t("page_coverage"), targets=t("targets_title"))
_rule("thursday")
_rule("compliance", target=number(settings.weekly_target))
_rule(
    "median",
    min_n=number(values.min_interval_samples),
    precise=number(values.precise_share * 100),
    precise_label=t("col_precise"),
)
_rule("not_enough", fixed=fixed, mobile=mobile, label=t("not_enough_samples"), h3=number(values.h3_min_tests))
_rule("outside", snap=number(values.snap_distance_m))
_rule("duplicates")
_rule("thresholds", clearly=t("verdict_clearly"), decision=_mbps(values.decision_36_4g))
st.markdown("\n".join(f"- {_category_name(category)}: **{_mbps(mbps)}** Mbps" for category, mbps in values.thresholds))
_rule("time", offset=number(values.utc_offset_hours))
