"""Names are data, page by page with AppTest: an agency, a person or an account
named like Markdown or HTML is shown escaped (no image is fetched), and names
that look like formulas stay inert in every file the pages offer."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, update
from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))  # the shared campaign and checks
from dashboard import i18n
from dashboard.access import accounts, audit
from dashboard.geo import boundaries
from dashboard.ingest import uploads
from dashboard.ingest.measurements import import_measurements
from dashboard.store import tables
from dashboard.views import access, participation_agency, quality_tables
from dashboard.views.common import plain
from tests.support.inert_files import (
    AGENCY_NAMES,
    COMMUNE_NAMES,
    STAFF_NAMES,
    assert_inert_csv,
    assert_inert_xlsx,
    fill_with_payload_names,
)

PAGES = [
    "views/overview.py",
    "views/participation.py",
    "views/coverage.py",
    "views/quality.py",
    "views/data_status.py",
    "views/data_import.py",
    "views/accounts.py",
]
IMAGE = "![p](http://host/pixel.png)"  # Markdown that would make the page fetch a URL
TAG = '<img src="http://host/pixel.png">'  # the same in HTML (the map's tooltip is HTML)
HTML_COMMUNE = "03390"  # a commune renamed to TAG (not one of COMMUNE_NAMES)


@pytest.fixture
def database(file_database, tmp_path):
    """The hand-made campaign with names that look like formulas, UBND-DK named in
    Markdown, a commune named in HTML, an administrator and an agency user with
    Markdown and HTML display names, and an audit event whose detail looks like a formula."""

    def build(engine):
        fill_with_payload_names(engine, tmp_path)
        # Two slow Viettel tests in Đoàn Kết, for the quality page's evidence file.
        (tmp_path / "viettel.csv").write_text(
            "Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Loại kết nối,Nhà mạng,Mã xã\n"
            "v1,17/11/2026 09:00:00,3.5,4G,Viettel,03388\nv2,18/11/2026 09:00:00,4.5,4G,Viettel,03388\n",
            encoding="utf-8",
        )
        import_measurements(engine, tmp_path / "viettel.csv", rejects_dir=tmp_path)
        unit = tables.admin_unit
        with engine.begin() as conn:
            conn.execute(update(tables.agency).where(tables.agency.c.agency_code == "UBND-DK").values(name=IMAGE))
            assert conn.execute(select(unit.c.name).where(unit.c.commune_code == HTML_COMMUNE)).first()
            conn.execute(
                update(unit)
                .where(unit.c.edition_id == boundaries.EDITION_2025, unit.c.commune_code == HTML_COMMUNE)
                .values(name=TAG)
            )
            accounts.add_user(conn, "chief", "admin", "a long secret", display_name=IMAGE)
            accounts.add_user(conn, "dk", "agency", "a long secret", agency_code="UBND-DK", display_name=TAG)
            audit.record(conn, "chief", "download", AGENCY_NAMES["SKHCN"])

    return file_database(build)


@pytest.fixture
def downloads(monkeypatch):
    """The files the pages' download buttons would build, by file name."""
    built: dict[str, bytes] = {}

    def record(container, label, build, file_name, mime, *, key, what, disabled=False, personal=False):
        if not disabled:
            built[file_name] = build()

    for module in (access, participation_agency, quality_tables):
        monkeypatch.setattr(module, "download_button", record)
    return built


def _markdown_shown(app: AppTest) -> list[str]:
    """Every text Streamlit renders as Markdown on the page, the sidebar included."""
    kinds = ("title", "header", "subheader", "caption", "markdown", "info", "success", "warning", "error")
    texts = [e.value for kind in kinds for e in getattr(app, kind)]
    texts += [e.label for kind in ("metric", "expander", "tabs") for e in getattr(app, kind)]
    return [str(text) for text in texts]


#: An image in Markdown or HTML whose opening is not escaped by a backslash.
RAW_IMAGE = re.compile(r"(?<!\\)!\[|(?<!\\)<img")


def _assert_no_raw_markup(app: AppTest) -> None:
    for text in _markdown_shown(app):
        assert not RAW_IMAGE.search(text), text


def test_markdown_and_html_names_are_shown_escaped(database, open_app):
    """The agency user's sidebar names them and their agency escaped; no page hands
    Streamlit's Markdown an image; the map's HTML tooltip gets the commune escaped;
    an import's error quoting a file name is escaped too, and a refused user name is
    said in the reader's words rather than echoed."""
    app = open_app(database, "dk", timeout=90).run()
    assert not app.exception, [e.message for e in app.exception]
    signed_in = " ".join(m.value for m in app.sidebar.markdown)
    assert plain(TAG) in signed_in and plain(IMAGE) in signed_in
    assert "\\!\\[p\\]\\(http\\:" in signed_in
    _assert_no_raw_markup(app)

    app = open_app(database, "chief", timeout=90).run()
    for page in PAGES:
        if page.endswith("data_import.py"):
            app.session_state["_import_results"] = [uploads.UploadResult(file_name=IMAGE, error=f"bad cell {IMAGE}")]
        app.switch_page(page).run()
        assert not app.exception, (page, [e.message for e in app.exception])
        _assert_no_raw_markup(app)
        if page.endswith("coverage.py"):
            properties = [
                f["properties"]
                for f in json.loads(app.get("deck_gl_json_chart")[0].proto.json)["layers"][0]["data"]["features"]
            ]
            names = {p["commune_code"]: p["name"] for p in properties}
            assert names[HTML_COMMUNE] == "&lt;img src=&quot;http://host/pixel.png&quot;&gt;"
        if page.endswith("data_import.py"):
            assert any(plain(IMAGE) in e.value for e in app.error)
        if page.endswith("accounts.py"):  # a refused user name: said in the reader's words, never echoed as markup
            app.text_input(key="new_username").input(IMAGE)
            app.text_input(key="new_password").input("a long secret")
            next(b for b in app.button if b.label == i18n.label("add_account")).click().run()
            assert [e.value for e in app.error] == [i18n.label("username_unusable")]
            _assert_no_raw_markup(app)


def test_page_downloads_are_inert(database, open_app, downloads):
    """The agency table and the reminder list of each agency, the uncovered communes,
    the quality evidence and the audit log, as the pages build them: formula-like
    names are text, numbers stay numbers."""
    app = open_app(database, "chief", timeout=90).run()
    app.switch_page("views/participation.py").run()
    app.sidebar.selectbox(key="period_week").set_value("2026-W46").run()  # week 46: people behind in both
    app.segmented_control(key="participation_span").set_value("period").run()
    agencies = [AGENCY_NAMES["SKHCN"]]  # (UBND-DK was renamed to Markdown by the fixture)
    assert_inert_csv(downloads["tham_gia_2026-W46_2026-W46.csv"], agencies)
    cells = assert_inert_xlsx(downloads["tham_gia_2026-W46_2026-W46.xlsx"], agencies)
    assert 1 in cells  # the staff on a roster that week: a number
    for agency in ("SKHCN", "UBND-DK"):
        app.selectbox(key="participation_agency").set_value(agency).run()
        assert not app.exception, [e.message for e in app.exception]
        people = [STAFF_NAMES[s] for s in (("CB001",) if agency == "SKHCN" else ("CB004", "CB005"))]
        assert_inert_csv(downloads[f"nhac_nho_{agency}_2026-W46.csv"], people)
        cells = assert_inert_xlsx(downloads[f"nhac_nho_{agency}_2026-W46.xlsx"], people)
        assert 0 in cells  # tests in the week: a number

    app.switch_page("views/coverage.py").run()
    assert not app.exception, [e.message for e in app.exception]
    csv_name = next(name for name in downloads if name.startswith("xa_chua_du_mau_") and name.endswith(".csv"))
    assert_inert_csv(downloads[csv_name], list(COMMUNE_NAMES.values()))
    cells = assert_inert_xlsx(downloads[csv_name[:-4] + ".xlsx"], list(COMMUNE_NAMES.values()))
    assert 300 in cells  # the floor

    app.switch_page("views/quality.py").run()
    app.selectbox(key="quality_category").set_value("mobile").run()
    app.number_input(key="evidence_min_samples").set_value(1).run()
    assert not app.exception, [e.message for e in app.exception]
    evidence = next(name for name in downloads if name.startswith("bang_chung_"))
    cells = assert_inert_xlsx(downloads[evidence], [COMMUNE_NAMES["03388"]])
    assert 4.0 in cells  # the median speed, a number

    app.switch_page("views/accounts.py").run()
    assert not app.exception, [e.message for e in app.exception]
    assert_inert_csv(downloads["nhat_ky.csv"], [AGENCY_NAMES["SKHCN"]])


def test_the_audit_log_is_built_in_the_readers_language(database, open_app, monkeypatch):
    """A file is built when the browser asks for it, after the page's run: the audit
    log downloaded from the English page has the English page's columns (it once
    looked for a Vietnamese column there, and no file came)."""
    builders = {}

    def keep(container, label, build, file_name, mime, *, key, what, disabled=False, personal=False):
        builders[file_name] = build

    monkeypatch.setattr(access, "download_button", keep)
    app = open_app(database, "chief", timeout=90).run()
    app.switch_page("views/accounts.py").run()
    app.sidebar.radio(key="language").set_value("en").run()
    assert not app.exception, [e.message for e in app.exception]
    header = builders["nhat_ky.csv"]().decode("utf-8-sig").splitlines()[0]
    assert header.startswith(i18n.label("col_at", "en"))
