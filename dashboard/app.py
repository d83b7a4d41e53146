"""Streamlit entry point: page config, demo on first start, language, sign-in,
period picker, the demo marker and navigation (by role) — nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st

from dashboard.views import access, common

st.set_page_config(page_title="i-Speed Lai Châu", page_icon=":material/network_check:", layout="wide")
common.ensure_demo()
common.language_picker()
common.hide_streamlit_hints()
user = access.signed_in()
pages = [
    st.Page("views/overview.py", title=common.t("page_overview"), icon=":material/dashboard:", default=True),
    st.Page("views/participation.py", title=common.t("page_participation"), icon=":material/groups:"),
    st.Page("views/coverage.py", title=common.t("page_coverage"), icon=":material/map:"),
    st.Page("views/quality.py", title=common.t("page_quality"), icon=":material/speed:"),
    st.Page("views/data_status.py", title=common.t("page_data"), icon=":material/database:"),
    st.Page("views/rules.py", title=common.t("page_rules"), icon=":material/calculate:"),
]
if user is None or user.is_admin:
    pages += [
        st.Page("views/data_import.py", title=common.t("page_import"), icon=":material/upload_file:"),
        st.Page("views/accounts.py", title=common.t("page_accounts"), icon=":material/manage_accounts:"),
        st.Page("views/settings.py", title=common.t("page_settings"), icon=":material/settings:"),
    ]
if user is None:
    # Known but hidden pages keep the address, so that after signing in the reader
    # lands on the page their link named.
    st.navigation(pages, position="hidden")
    access.sign_in_page()
    st.stop()
access.user_sidebar(user)
span = common.data_span()
navigation = st.navigation(pages)
st.session_state["_period"] = common.period_picker(span)
common.data_marker(span)
navigation.run()
