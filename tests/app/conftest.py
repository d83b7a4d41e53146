"""What the AppTest tests share: the app's file, its pages, and one way to open it
on a database (caches cleared, the demo switched off, optionally signed in)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.dates import clock
from tests.support.app_pages import APP


@pytest.fixture
def open_app(monkeypatch):
    """``open_app(url, username=None, timeout=60, now=None)``: a fresh AppTest of the
    whole app on the database at ``url``, with Streamlit's caches cleared, no demo
    built, signed in as ``username`` when given, and the clock fixed at ``now`` (an
    ISO time) when given."""

    def open_(url: str, username: str | None = None, timeout: int = 60, now: str | None = None) -> AppTest:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("ISPEED_DEMO", "off")
        if now:
            monkeypatch.setenv(clock.NOW_SWITCH, now)
        st.cache_data.clear()
        st.cache_resource.clear()
        app = AppTest.from_file(APP, default_timeout=timeout)
        if username:
            app.session_state["_signed_in"] = username
        return app

    return open_
