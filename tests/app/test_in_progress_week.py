"""The participation page on the demo database late on Sunday 29 November 2026 in
Vietnam (16:00 UTC): week 48 is under way, so it counts in no month yet."""

from __future__ import annotations

import pytest

from dashboard import i18n
from dashboard.dates import periods


@pytest.fixture
def app(demo_campaign, open_app):
    """A fresh AppTest on the demo database, the clock at 23:00 on Sunday in Vietnam."""
    return open_app(demo_campaign[0], "demo.admin", now="2026-11-29T16:00:00Z")


def test_participation_opens_on_the_last_complete_week_and_november_leaves_out_w48(app):
    """The default period is W47, the last complete week; participation opens on the
    last four complete weeks, W44..W47 (against W40..W43), and its reminder list is
    W47's; November counts W45..W47, not W48, which is under way, and is compared with
    October, as on the overview."""
    app.run()
    app.switch_page("views/participation.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert app.sidebar.selectbox(key="period_week").value == "2026-W47"
    recent = periods.weeks("2026-W44", "2026-W47").label("vi")
    before = periods.weeks("2026-W40", "2026-W43").label("vi")
    assert any(f"{recent} · So với kỳ trước: {before}" in c.value for c in app.caption), [c.value for c in app.caption]
    w47 = periods.week("2026-W47").label("vi")
    assert any(w47 in s.value for s in app.subheader), [s.value for s in app.subheader]

    app.segmented_control(key="participation_span").set_value("period").run()  # the sidebar's period

    app.sidebar.segmented_control(key="period_kind").set_value("month").run()
    app.sidebar.selectbox(key="period_month").set_value("2026-11").run()
    assert not app.exception, [e.message for e in app.exception]
    weeks = periods.weeks("2026-W45", "2026-W47").label("vi")
    compared = f"{weeks} · So với kỳ trước: Tháng 10/2026"
    assert any(compared in c.value for c in app.caption), [c.value for c in app.caption]
    assert any(w47 in s.value for s in app.subheader), [s.value for s in app.subheader]


def test_participation_over_weeks_chosen_on_the_page(app):
    """Any range of weeks can be chosen on the page; the agency table, its downloads
    and the reminder list follow it (the reminder list is the range's last week's)."""
    app.run()
    app.switch_page("views/participation.py").run()
    app.segmented_control(key="participation_span").set_value("chosen_weeks").run()
    app.select_slider(key="participation_weeks").set_value(("2026-W40", "2026-W45")).run()
    assert not app.exception, [e.message for e in app.exception]
    weeks = periods.weeks("2026-W40", "2026-W45").label("vi")
    assert any(weeks in c.value for c in app.caption), [c.value for c in app.caption]
    w45 = periods.week("2026-W45").label("vi")
    assert any(w45 in s.value for s in app.subheader), [s.value for s in app.subheader]
    assert [b.proto.label for b in app.get("download_button")][:2] == [
        i18n.label("download_agencies_csv"),
        i18n.label("download_agencies_xlsx"),
    ]
