"""Cài đặt: the campaign's settings (settings.py), for administrators only."""

import dataclasses
import hashlib
import json

import streamlit as st

from dashboard.reports.rulebook import ordered_thresholds
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.reports.settings import (
    DEFAULT_THRESHOLDS,
    MAX_RECIPIENTS,
    RecipientsError,
    SettingsError,
    load_settings,
    recipients_from_text,
    save_settings,
)
from dashboard.views.access import user
from dashboard.views.common import engine, name_of, number, plain, t

_FLASH = "_settings_flash"

if not user().is_admin:  # the page is not offered to others; this guards a stale link
    st.stop()

st.title(t("settings_title"))
st.caption(t("settings_note"))
if flash := st.session_state.pop(_FLASH, None):
    st.success(flash)

with engine().connect() as conn:
    current = load_settings(conn)
# The fields' keys carry a fingerprint of the stored values: when they change (here,
# or from the command line while this page is open) the form starts again from them.
revision = hashlib.sha1(json.dumps(current.as_dict(), sort_keys=True).encode()).hexdigest()[:8]


def _key(name: str) -> str:
    return f"setting_{name}_{revision}"


def _category_name(category: str) -> str:
    return name_of("access" if category in ACCESS_KINDS else "technology")(category)


with st.form("settings_form"):
    st.subheader(t("settings_floors"))
    left, right = st.columns(2)
    floor_fixed = left.number_input(
        t("setting_sample_floor_fixed"),
        min_value=0,
        value=current.sample_floor_fixed,
        step=50,
        key=_key("sample_floor_fixed"),
    )
    floor_mobile = right.number_input(
        t("setting_sample_floor_mobile"),
        min_value=0,
        value=current.sample_floor_mobile,
        step=50,
        key=_key("sample_floor_mobile"),
    )

    st.subheader(t("settings_counting"))
    first, second, third = st.columns(3)
    weekly_target = first.number_input(
        t("setting_weekly_target"), min_value=0, value=current.weekly_target, key=_key("weekly_target")
    )
    tests_per_day = second.number_input(
        t("setting_tests_per_day"), min_value=0, value=current.tests_per_day, key=_key("tests_per_day")
    )
    burst_minutes = third.number_input(
        t("setting_burst_minutes"), min_value=0, value=current.burst_minutes, key=_key("burst_minutes")
    )

    st.subheader(t("settings_thresholds"))
    st.caption(t("settings_thresholds_note").format(value=number(DEFAULT_THRESHOLDS["4g"])))
    columns = st.columns(4)
    thresholds = {}
    for position, (category, value) in enumerate(ordered_thresholds(current.thresholds)):
        thresholds[category] = columns[position % 4].number_input(
            _category_name(category),
            min_value=0.0,
            value=value,
            step=5.0,
            format="%g",
            key=_key(f"threshold_{category}"),
        )

    st.subheader(t("settings_report"))
    line1, line2 = ([*current.issuing_body.split("\n", 1), ""])[:2]
    body1 = st.text_input(t("setting_issuing_body_line1"), value=line1, max_chars=100, key=_key("issuing_body_1"))
    body2 = st.text_input(t("setting_issuing_body_line2"), value=line2, max_chars=99, key=_key("issuing_body_2"))
    left, right = st.columns(2)
    symbol = left.text_input(
        t("setting_document_symbol"), value=current.document_symbol, max_chars=50, key=_key("document_symbol")
    )
    place = right.text_input(t("setting_place_name"), value=current.place_name, max_chars=100, key=_key("place_name"))
    # A title signed on someone's behalf takes two lines (KT. GIÁM ĐỐC, then PHÓ GIÁM ĐỐC).
    title1, title2 = ([*current.signer_title.split("\n", 1), ""])[:2]
    left, right = st.columns(2)
    signer_title1 = left.text_input(
        t("setting_signer_title_line1"), value=title1, max_chars=100, key=_key("signer_title_1")
    )
    signer_title2 = right.text_input(
        t("setting_signer_title_line2"), value=title2, max_chars=99, key=_key("signer_title_2")
    )
    signer_name = st.text_input(
        t("setting_signer_name"), value=current.signer_name, max_chars=200, key=_key("signer_name")
    )
    recipients = st.text_area(
        t("setting_recipients"), value=current.recipients, max_chars=1_000, key=_key("recipients")
    )

    st.subheader(t("settings_mail"))
    recipients_text = st.text_area(
        t("setting_department_recipients"),
        value="\n".join(current.department_recipients),
        help=t("setting_department_recipients_help"),
        placeholder="ten@laichau.gov.vn",
        key=_key("department_recipients"),
    )
    submitted = st.form_submit_button(t("settings_save"), type="primary")

if submitted:
    try:
        department_recipients = recipients_from_text(recipients_text)
    except RecipientsError as problem:
        if problem.written is None:
            reason = t("setting_recipients_too_many").format(n=MAX_RECIPIENTS)
        else:  # what was typed, shown as typed
            reason = t("setting_recipient_refused").format(address=plain(problem.written))
        st.error(t("settings_refused").format(reason=reason))
        st.stop()
    wanted = dataclasses.replace(
        current,
        department_recipients=department_recipients,
        sample_floor_fixed=int(floor_fixed),
        sample_floor_mobile=int(floor_mobile),
        weekly_target=int(weekly_target),
        tests_per_day=int(tests_per_day),
        burst_minutes=int(burst_minutes),
        thresholds={category: float(value) for category, value in thresholds.items()},
        issuing_body="\n".join(line for line in (body1.strip(), body2.strip()) if line),
        signer_title="\n".join(line for line in (signer_title1.strip(), signer_title2.strip()) if line),
        signer_name=signer_name.strip(),
        document_symbol=symbol.strip(),
        place_name=place.strip(),
        recipients="\n".join(line.strip() for line in recipients.splitlines() if line.strip()),
    )
    try:
        with engine().begin() as conn:  # every change and its audit rows, or none
            changed = save_settings(conn, wanted, actor=user().username)
    except SettingsError as problem:
        st.error(t("settings_refused").format(reason=plain(problem)))  # the message quotes what was typed
    else:
        if changed:
            # Every page's cached figures were computed with the old values.
            st.cache_data.clear()
            st.session_state[_FLASH] = t("settings_saved").format(names=", ".join(t(f"setting_{n}") for n in changed))
            st.rerun()
        st.info(t("settings_unchanged"))
