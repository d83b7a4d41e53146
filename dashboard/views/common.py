"""Pieces every page uses: the cached engine and the language switch."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.campaign import bootstrap, store


@st.cache_resource(show_spinner=False)
def engine():
    """The database engine, created once per process, with the schema ready."""
    eng = store.make_engine()
    bootstrap.ensure_ready(eng)
    return eng


def language_picker() -> str:
    """The language switch in the sidebar; returns the chosen language code."""
    codes = list(i18n.LANGUAGES)
    current = st.session_state.get("language", i18n.DEFAULT_LANGUAGE)
    choice = st.sidebar.radio(
        i18n.label("language", current), codes, index=codes.index(current),
        format_func=i18n.LANGUAGES.get, horizontal=True, key="language",
    )  # fmt: skip
    return choice


def t(key: str) -> str:
    """The label for ``key`` in the language chosen in this session."""
    return i18n.label(key, st.session_state.get("language", i18n.DEFAULT_LANGUAGE))
