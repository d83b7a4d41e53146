"""Every page, run headless with Streamlit's AppTest on the demo database."""

from __future__ import annotations

import pytest

from dashboard import i18n
from dashboard.access import accounts
from dashboard.dates import clock, periods
from dashboard.reports.figures import headline
from dashboard.reports.settings import load_settings
from dashboard.store import database
from tests.support.app_pages import PAGES


@pytest.fixture
def app(demo_campaign, open_app):
    """A fresh AppTest on the demo database, signed in as the demo's administrator."""
    return open_app(demo_campaign[0], "demo.admin")


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception_and_marks_the_demo(app, page):
    """Every page runs without an exception, shows the demo marker and says how recent
    the data is: its last test day and when it was built."""
    app.run()
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("DỮ LIỆU MẪU" in w.value for w in app.warning), "the demo marker is missing"
    assert any(c.value.startswith("Dữ liệu mẫu đến ngày 22/11/2026 · tạo lúc ") for c in app.caption)


def test_overview_shows_the_headline_of_the_default_week(app, demo_campaign):
    """The overview opens on the default week, 2026-W47, and shows the headline figures computed for it: tests, staff
    tested beside the roster, and fixed-broadband communes at the floor."""
    app.run()
    assert not app.exception
    shown = {m.label: m.value for m in app.metric}
    with database.make_engine(demo_campaign[0]).connect() as conn:
        figures = headline(conn, periods.week("2026-W47"), load_settings(conn), clock.today())
    assert shown[i18n.label("tests")] == i18n.number(figures["tests"])
    assert shown[i18n.label("staff_tested")] == i18n.number(figures["staff_tested"])
    assert any(i18n.number(figures["staff_on_roster"]) in c.value for c in app.caption)  # the roster beside it
    fixed = figures["communes_at_target"]["fixed"]
    assert shown[i18n.label("communes_fixed_at_floor")] == f"{fixed}/38"


def test_overview_changes_never_read_as_a_signed_zero(app):
    """Each headline figure's change against the previous week is a signed number, or 0 without a sign when it rounds
    to zero (never -0,0 or +0)."""
    app.run()
    assert not app.exception
    deltas = [str(m.proto.delta) for m in app.metric if m.proto.delta]
    assert len(deltas) >= 5
    for delta in deltas:
        number = delta.split()[0]
        zero = number.lstrip("+-").strip("0,") == ""
        assert (number[0] not in "+-") if zero else (number[0] in "+-"), delta


def test_switching_to_english_and_to_months(app):
    """Switching to months chooses the newest month that has ended, and switching to English translates the title, the
    period and the demo marker."""
    app.run()
    app.sidebar.segmented_control(key="period_kind").set_value("month").run()
    assert not app.exception
    chosen = app.sidebar.selectbox(key="period_month").value
    assert chosen in ("2026-10", "2026-11")  # the newest month that has ended
    assert any(c.value.startswith("Tháng") for c in app.caption)
    app.sidebar.radio(key="language").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == i18n.label("overview_title", "en")
    assert any(c.value.startswith("Month") for c in app.caption)
    assert any(c.value.startswith("Demo data up to 22/11/2026 · built ") for c in app.caption)
    assert any(i18n.label("demo_marker", "en")[:12] in w.value for w in app.warning)


def test_empty_database_without_demo_says_how_to_import(tmp_path, open_app):
    """First the first administrator (on the command line), then the first import."""
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    app = open_app(url).run()
    assert not app.exception
    assert any("users add NAME --role admin" in i.value or "users add TÊN --role admin" in i.value for i in app.info)
    engine = database.make_engine(url)
    with engine.begin() as conn:
        accounts.add_user(conn, "chief", "admin", "a long secret")
    engine.dispose()
    app.text_input(key="sign_in_username").input("chief")
    app.text_input[1].input("a long secret")
    app.button[0].click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("import-measurements" in i.value for i in app.info)
    assert not app.warning  # no demo marker on an empty database


def test_language_comes_from_the_address(app):
    """A link with ?lang=en opens in English (a new session keeps the reader's language)."""
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    assert app.title[0].value == i18n.label("overview_title", "en")


def test_choosing_english_puts_it_in_the_address(app):
    """Choosing English puts ``lang=en`` in the address, so that a link to the page opens in English."""
    app.run()
    assert "lang" not in app.query_params
    app.sidebar.radio(key="language").set_value("en").run()
    assert app.query_params["lang"] == "en"


def test_quality_with_a_selection_that_has_no_test(app):
    """CMC sells no 3G: every figure reads "–" and no commune is coloured."""
    app.run()
    app.switch_page("views/quality.py").run()
    app.selectbox(key="quality_category").set_value("3g").run()
    app.selectbox(key="quality_operator").set_value("cmc").run()
    assert not app.exception, [e.message for e in app.exception]
    shown = {m.label: m.value for m in app.metric}
    assert shown[i18n.label("col_samples")] == "0"
    assert shown[i18n.label("province_median")].startswith("–")


def test_the_tests_that_matched_nobody_name_their_period(app):
    """Participation's figures may show the last weeks while its list of tests that
    matched nobody follows the sidebar's period: the list's title names that period,
    in the reader's language (a new-user tour could not tell which it covered)."""
    app.run()
    app.switch_page("views/participation.py").run()
    assert not app.exception, [e.message for e in app.exception]
    chosen = app.sidebar.selectbox(key="period_week").value
    label = f"{i18n.label('unmatched_title')} · {periods.week(chosen).label('vi')}"
    assert [e.label for e in app.expander if e.label.startswith(i18n.label("unmatched_title"))] == [label]
