"""Every agency's pack as one ZIP on the participation page (administrators only,
built on the click, a download of personal data, every cell inert), and the
department's recipients of the weekly report on the settings page (AppTest on the
hand-made campaign)."""

from __future__ import annotations

import io
import zipfile

import pytest

from dashboard import i18n
from dashboard.access import accounts, audit
from dashboard.reports.settings import load_settings
from dashboard.store import database
from dashboard.views import access
from tests.support.inert_files import (
    AGENCY_NAMES,
    STAFF_NAMES,
    assert_inert_csv,
    assert_inert_xlsx,
    fill_with_payload_names,
)

NOW = "2026-11-29T18:00:00Z"  # Monday 30 November in Vietnam: the page opens on weeks 44 to 47
ZIP_LABEL = i18n.label("download_packs_zip").format(week="47/2026")


@pytest.fixture
def url(file_database, tmp_path):
    """The hand-made campaign with formula-like names; an administrator, a viewer and UBND-DK's user."""

    def fill(engine):
        fill_with_payload_names(engine, tmp_path)
        with engine.begin() as conn:
            accounts.add_user(conn, "chief", "admin", "a long secret")
            accounts.add_user(conn, "xem", "viewer", "a long secret")
            accounts.add_user(conn, "dk", "agency", "a long secret", agency_code="UBND-DK")

    return file_database(fill)


@pytest.fixture
def downloads(monkeypatch):
    """The files the participation page's buttons would build, with how each is audited."""
    built: dict[str, tuple[bytes, tuple, bool]] = {}

    def record(container, label, build, file_name, mime, *, key, what, disabled=False, personal=False):
        built[file_name] = (build(), what, personal)

    monkeypatch.setattr(access, "download_button", record)
    return built


def participation(open_app, url, username):
    app = open_app(url, username, timeout=90, now=NOW).run()
    app.switch_page("views/participation.py").run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_an_administrator_gets_every_agencys_pack_as_one_zip(open_app, url, downloads):
    """The ZIP of week 47 holds each agency's pack and the index, names that look like formulas stay text, and the
    download is audited as personal data."""
    participation(open_app, url, "chief")
    content, what, personal = downloads["goi_co_quan_2026-W47.zip"]
    assert personal and what == ("agency_packs_zip", {"week": "2026-W47"})
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sorted(archive.namelist()) == ["SKHCN_2026-W47.xlsx", "UBND-DK_2026-W47.xlsx", "index.csv", "index.xlsx"]
        assert_inert_csv(archive.read("index.csv"), list(AGENCY_NAMES.values()))
        assert_inert_xlsx(
            archive.read("SKHCN_2026-W47.xlsx"), [AGENCY_NAMES["SKHCN"], STAFF_NAMES["CB001"], STAFF_NAMES["CB003"]]
        )
        assert_inert_xlsx(archive.read("UBND-DK_2026-W47.xlsx"), [STAFF_NAMES["CB005"]])


@pytest.mark.parametrize("username", ["xem", "dk"])
def test_viewers_and_agencies_get_no_zip(open_app, url, username):
    """The ZIP holds every agency's contacts in full: a viewer and an agency's user are not offered it."""
    app = participation(open_app, url, username)
    labels = [b.proto.label for b in app.get("download_button")]
    assert labels and ZIP_LABEL not in labels


def test_the_zip_button_is_offered_to_an_administrator(open_app, url):
    """The administrator's page offers the ZIP for the last week shown, beside the agency table's downloads."""
    app = participation(open_app, url, "chief")
    assert ZIP_LABEL in [b.proto.label for b in app.get("download_button")]


def _recipients(app):
    return next(a for a in app.text_area if a.label == i18n.label("setting_department_recipients"))


def _save(app):
    return next(b for b in app.button if b.label == i18n.label("settings_save")).click().run()


def test_the_departments_recipients_are_set_on_the_settings_page(open_app, url):
    """Addresses typed one a line are stored in lower case and audited; one that is not an address is refused in
    the reader's words, naming it, and nothing is stored."""
    app = open_app(url, "chief", now=NOW).run()
    app.switch_page("views/settings.py").run()
    _recipients(app).input("Giám đốc <gd@laichau.gov.vn>\nso.a@laichau.gov.vn")
    _save(app)
    assert not app.exception
    assert app.error and "không phải một địa chỉ email" in app.error[0].value
    _recipients(app).input("So.A@laichau.gov.vn\nso.b@laichau.gov.vn")
    _save(app)
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert any(i18n.label("setting_department_recipients") in s.value for s in app.success)
    assert _recipients(app).value == "so.a@laichau.gov.vn\nso.b@laichau.gov.vn"
    engine = database.make_engine(url)
    with engine.connect() as conn:
        assert load_settings(conn).department_recipients == ["so.a@laichau.gov.vn", "so.b@laichau.gov.vn"]
        changed = audit.events(conn, username="chief", action="setting_changed")
    engine.dispose()
    assert changed["detail"].str.startswith("department_recipients").any()
