"""Streamlit entry point: page config, language, navigation — nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/app.py` puts dashboard/ on the path, not the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st  # noqa: E402

from dashboard import i18n  # noqa: E402
from dashboard.views import common  # noqa: E402

st.set_page_config(page_title="i-Speed Lai Châu", page_icon="📶", layout="wide")
language = common.language_picker()
pages = [
    st.Page("views/data_status.py", title=i18n.label("page_data", language), icon="🗂️", default=True),
]
st.navigation(pages).run()
