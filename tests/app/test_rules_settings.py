"""The settings page (administrators) and the "how figures are computed" page
(everyone), run with Streamlit's AppTest on the demo database."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.access import accounts, audit
from dashboard.dates import periods
from dashboard.reports import targets
from dashboard.reports.settings import load_settings, save_settings
from dashboard.store import tables
from dashboard.store.database import make_engine

VIEWS = Path(__file__).resolve().parents[2] / "dashboard"


@pytest.fixture
def database(demo_campaign):
    """The demo database's URL; the stored settings are removed afterwards, so that
    the other tests read the defaults."""
    url, _ = demo_campaign
    yield url
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(tables.app_setting.delete())
    engine.dispose()


@pytest.fixture
def app(database, open_app):
    """A fresh AppTest signed in as the demo's administrator."""
    return open_app(database, "demo.admin")


def _shown(app: AppTest) -> str:
    return "\n".join(
        e.value
        for kind in ("title", "subheader", "caption", "markdown", "success", "info", "error")
        for e in getattr(app, kind)
    )


def _change(url: str, **values) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        save_settings(conn, dataclasses.replace(load_settings(conn), **values), actor="kiem.thu")
    engine.dispose()


def _number_input(app: AppTest, label_key: str):
    return next(n for n in app.number_input if n.label == i18n.label(label_key))


def _save(app: AppTest) -> AppTest:
    return next(b for b in app.button if b.label == i18n.label("settings_save")).click().run()


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("page, title", [("views/settings.py", "settings_title"), ("views/rules.py", "rules_title")])
def test_both_pages_run_in_both_languages(app, page, title, language):
    """Each page draws without an exception, titled in the reader's language."""
    app.run()
    app.switch_page(page).run()
    app.sidebar.radio(key="language").set_value(language).run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.title[0].value == i18n.label(title, language)


def test_the_rules_page_states_the_stored_values(app, database):
    """The rules page writes in the values in force: the defaults first, then the
    ones just stored, with the week's share computed as targets.period_target does."""
    app.run()
    app.switch_page("views/rules.py").run()
    before = _shown(app)
    engine = make_engine(database)
    with engine.connect() as conn:
        floor = load_settings(conn).sample_floor_mobile
    engine.dispose()
    week = periods.week("2026-W47")
    assert f"**{floor} mẫu di động**" in before
    assert f"{floor} mẫu/tháng thành {targets.period_target(floor, week)} mẫu/tuần" in before
    _change(
        database, sample_floor_mobile=450, tests_per_day=3, burst_minutes=7, thresholds={"4g": 45.5, "fixed": 120.0}
    )
    app.run()
    after = _shown(app)
    assert not app.exception
    assert "**450 mẫu di động**" in after
    assert f"450 mẫu/tháng thành {targets.period_target(450, week)} mẫu/tuần" in after
    assert "tối đa 3 lượt đo mỗi ngày" in after and "chưa đến 7 phút" in after
    assert "4G: **45,5** Mbps" in after and "**120** Mbps" in after
    assert "Quyết định 36/QĐ-TTg, tốc độ tải xuống 4G tối thiểu là 40 Mbps" in after  # the decision's own figure


def test_a_viewer_is_offered_the_rules_page_but_not_the_settings_page(app):
    """The viewer reads how figures are computed; the settings page is not among their pages."""
    app.session_state["_signed_in"] = "demo.viewer"
    app.run()
    app.switch_page("views/rules.py").run()
    assert not app.exception and app.title[0].value == i18n.label("rules_title")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("views/settings.py")


def test_the_settings_page_stops_for_anyone_but_an_administrator(database, monkeypatch):
    """Reached directly (a stale link), the settings page draws nothing for a viewer: no form, no value."""
    monkeypatch.setenv("DATABASE_URL", database)
    st.cache_resource.clear()
    engine = make_engine(database)
    with engine.connect() as conn:
        viewer = accounts.get_user(conn, "demo.viewer")
    engine.dispose()
    page = AppTest.from_file(str(VIEWS / "views" / "settings.py"), default_timeout=60)
    page.session_state["_user"] = viewer
    page.run()
    assert not page.exception, [e.message for e in page.exception]
    assert not page.title and not page.number_input and not page.get("form")


def test_saving_through_the_form_stores_the_value_and_audits_it(app, database):
    """A changed field is stored, named in the success message, written to the audit
    log under the administrator's name, and the form then shows the stored value."""
    app.run()
    app.switch_page("views/settings.py").run()
    _number_input(app, "setting_weekly_target").set_value(3)
    _save(app)
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert any(i18n.label("setting_weekly_target") in s.value for s in app.success)
    assert _number_input(app, "setting_weekly_target").value == 3
    engine = make_engine(database)
    with engine.connect() as conn:
        assert load_settings(conn).weekly_target == 3
        events = audit.events(conn, username="demo.admin", action="setting_changed")
    engine.dispose()
    assert events["detail"].str.startswith("weekly_target: 2 → 3").any()


def test_a_refused_value_is_not_stored_and_says_why(app, database):
    """A value outside its range is refused with the store's message; nothing changes."""
    app.run()
    app.switch_page("views/settings.py").run()
    _number_input(app, "setting_tests_per_day").set_value(0)
    _save(app)
    assert not app.exception
    assert app.error and "tests\\_per\\_day" in app.error[0].value
    engine = make_engine(database)
    with engine.connect() as conn:
        assert load_settings(conn).tests_per_day == 2
    engine.dispose()


def test_saving_nothing_new_says_so(app):
    """Saving the form unchanged stores nothing and says that nothing changed."""
    app.run()
    app.switch_page("views/settings.py").run()
    _save(app)
    assert [i.value for i in app.info] == [i18n.label("settings_unchanged")]
