"""The overview page offers the official report of the period chosen in the sidebar,
as DOCX and PDF, built only when a button is pressed (AppTest on the demo)."""

from __future__ import annotations

import pytest

from dashboard import i18n
from dashboard.views import access
from tests.support.documents import docx_text, pdf_text

NOW = "2026-11-24T09:00:00+07:00"  # the Tuesday after week 47, the demo's last


@pytest.fixture
def offered(monkeypatch):
    """The download buttons the pages draw, by file name: (label, build, mime); nothing is built until asked."""
    buttons: dict[str, tuple] = {}

    def record(container, label, build, file_name, mime, *, key, what, disabled=False, personal=False):
        buttons[file_name] = (label, build, mime)

    monkeypatch.setattr(access, "download_button", record)
    return buttons


def test_the_overview_offers_the_report_of_the_chosen_period(demo_campaign, open_app, offered):
    """Week 47 opens with its report as DOCX and PDF under their labels and types; pressed, each builds the report of
    that week; switched to months, the buttons offer the chosen month's report."""
    app = open_app(demo_campaign[0], "demo.admin", now=NOW).run()
    assert not app.exception, [e.message for e in app.exception]
    assert any(h.value == i18n.label("report_title") for h in app.subheader)
    label, build, mime = offered["bao-cao-tuan-2026-W47.pdf"]
    assert label == i18n.label("report_download_pdf") and mime == "application/pdf"
    assert "i-Speed tuần 47 (16/11–22/11/2026)" in pdf_text(build())
    label, build, mime = offered["bao-cao-tuan-2026-W47.docx"]
    assert label == i18n.label("report_download_docx") and mime.endswith("wordprocessingml.document")
    assert "Nơi nhận:" in docx_text(build())

    offered.clear()
    app.sidebar.segmented_control(key="period_kind").set_value("month").run()
    assert not app.exception
    month = app.sidebar.selectbox(key="period_month").value
    assert set(offered) == {f"bao-cao-thang-{month}.docx", f"bao-cao-thang-{month}.pdf"}
