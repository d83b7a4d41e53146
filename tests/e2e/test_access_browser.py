"""End-to-end: sign-in and roles in real headless Chromium.

An agency's user goes through every page and downloads its lists, while every
message the server sends to the browser is recorded: no name or contact of
another agency's people may appear in them, on the page or in the files. A wrong
password is refused and repeated failures are slowed. An administrator imports a
file through the web page.
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard import demo, i18n
from dashboard.access import accounts, audit
from dashboard.access.sign_in import FREE_FAILURES
from dashboard.geo import boundaries
from dashboard.ingest.rejects import REASON_CODES
from dashboard.store import database, tables
from tests.support.browser import ARTIFACTS, PAGES, REPO, download, serve, sign_in, wait_until_drawn

AGENCY = "UBX03388"  # the demo agency user's agency: UBND phường Đoàn Kết
NAV = {
    "": "Tổng quan",
    "participation": "Tham gia đo",
    "coverage": "Độ phủ mẫu",
    "quality": "Chất lượng",
    "data_status": "Dữ liệu",
}


def _people(url: str) -> tuple[set[str], set[str], set[str]]:
    """The agency's own names; the names and contacts of everyone who never belonged to it."""
    engine = database.make_engine(url)
    m, s, i = tables.staff_membership.c, tables.staff.c, tables.staff_identifier.c
    own_ids = select(m.staff_id).where(m.agency_code == AGENCY)
    with engine.connect() as conn:
        own = set(conn.execute(select(s.full_name).where(s.staff_id.in_(own_ids))).scalars())
        names = set(conn.execute(select(s.full_name).where(s.staff_id.not_in(own_ids))).scalars())
        contacts = set(conn.execute(select(i.identifier).where(i.staff_id.not_in(own_ids))).scalars())
    engine.dispose()
    # A name that is (part of) one of the agency's own people's names is no leak.
    others = {n for n in names if not any(n in mine for mine in own)}
    contacts |= {"0" + c[3:] for c in contacts if c.startswith("+84")}  # a phone as people write it
    return own, others, contacts


def _text_of(path) -> str:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return path.read_bytes().decode("utf-8-sig")


def test_an_agency_user_sees_no_other_agencys_names_or_phones(server, browser, demo_campaign, tmp_path):
    """Going through every page and downloading its lists, an agency user receives no name or contact of another
    agency's people, in the server's messages, the page or the files; on screen its own staff's contacts are masked, in
    its reminder files they are in full (to call them), and each download is logged, the reminder files as downloads of
    personal data."""
    frames: list[bytes] = []
    page = browser.new_page(viewport={"width": 1400, "height": 2200}, accept_downloads=True)
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else payload.encode())
        ),
    )
    page.goto(server)
    sign_in(page, "demo.agency")
    wait_until_drawn(page, PAGES[""])
    html = []
    for path, label in NAV.items():
        page.get_by_test_id("stSidebarNav").get_by_text(label, exact=True).click()
        wait_until_drawn(page, PAGES[path])
        html.append(page.content())
        assert page.locator('[data-testid="stException"]').count() == 0
        if path == "participation":
            page.screenshot(path=str(ARTIFACTS / "page_participation_agency_user.png"), full_page=True)
            assert page.get_by_text("Lượt đo không khớp với cán bộ nào").count() == 0  # department only
            downloads = {}
            for button, suffix in (("Tải CSV", "csv"), ("Tải XLSX", "xlsx")):
                downloads[suffix] = tmp_path / f"reminders.{suffix}"
                download(page, button, downloads[suffix], PAGES[path])
        if path == "coverage":
            downloads["uncovered"] = tmp_path / "uncovered.xlsx"
            download(page, "Tải XLSX", downloads["uncovered"], PAGES[path])
    page.close()

    own, others, contacts = _people(demo_campaign[0])
    sent = b"\n".join(frames).decode("utf-8", errors="replace")
    files = "\n".join(_text_of(p) for p in downloads.values())
    everything = sent + "\n".join(html) + files
    assert sum(name in sent for name in own) > 20, "the agency's own people should be on its pages"
    leaked = [n for n in others if n in everything] + [c for c in contacts if c in everything]
    assert not leaked, leaked[:5]
    sheet = openpyxl.load_workbook(downloads["xlsx"]).active
    header = [cell.value for cell in sheet[2]]
    in_full = [row[header.index("Liên hệ")] for row in sheet.iter_rows(min_row=3, values_only=True)]
    in_full = [c for c in in_full if c]
    assert in_full and not any("•" in c for c in in_full)  # the agency's own staff, in full
    assert "•" in sent and not any(c in sent for c in in_full)  # on screen: masked
    with database.make_engine(demo_campaign[0]).connect() as conn:
        listed = audit.events(conn, username="demo.agency", action="download")
        personal = audit.events(conn, username="demo.agency", action="personal_data_download")
    assert len(listed) == 1  # the uncovered communes
    assert len(personal) == 2 and personal["detail"].str.contains("reminder_list_full").all()


@pytest.fixture
def viewer_account(demo_campaign):
    engine = database.make_engine(demo_campaign[0])
    with engine.begin() as conn:
        accounts.add_user(conn, "e2e.viewer", "viewer", "the right password")
    yield "e2e.viewer"
    with engine.begin() as conn:
        accounts.remove_user(conn, "e2e.viewer")
    engine.dispose()


def test_a_wrong_password_is_refused_and_repeated_failures_slowed(server, browser, viewer_account):
    """In the browser a wrong password is refused; after the free failures the visitor is asked to wait, and even the
    right password is then refused without any page drawn."""
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.goto(server)
    for _ in range(FREE_FAILURES):
        sign_in(page, viewer_account, "a wrong guess")
        page.get_by_text("Sai tên đăng nhập hoặc mật khẩu.").wait_for(timeout=60_000)
        wait_until_drawn(page, "Đăng nhập")
    assert page.get_by_text("Vui lòng thử lại sau").count() == 1  # the third failure asks to wait
    sign_in(page, viewer_account, "the right password")  # too soon: refused all the same
    # Refused as an error; until the run ends, the last failure's warning may still show.
    page.get_by_test_id("stAlertContentError").get_by_text("Đã nhập sai nhiều lần").wait_for(timeout=60_000)
    wait_until_drawn(page, "Đăng nhập")
    assert page.get_by_text("Đã nhập sai nhiều lần").count() == 1
    page.screenshot(path=str(ARTIFACTS / "sign_in_slowed.png"), full_page=True)
    assert page.get_by_test_id("stMetric").count() == 0  # no page was drawn
    page.close()


def test_an_administrator_imports_a_file_through_the_page(browser, tmp_path):
    """On a database with real data only: a good export is previewed (nothing
    written), then imported on "Nhập"; previewed again, it says it holds nothing new
    and cannot be imported; a broken one is refused at the preview with its reason in Vietnamese,
    cannot be imported, and changes nothing."""
    url = f"sqlite:///{tmp_path / 'upload.sqlite'}"
    engine = database.make_engine(url)
    boundaries.ensure_ready(engine)
    with engine.begin() as conn:
        accounts.add_user(conn, "chief", "admin", "a long secret")

    def measurements() -> int:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(tables.measurement)).scalar()

    with serve(url, "streamlit_upload.log") as address:
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        page.goto(address)
        sign_in(page, "chief", "a long secret")
        wait_until_drawn(page, "Tổng quan chiến dịch i-Speed")
        page.get_by_test_id("stSidebarNav").get_by_text("Nhập dữ liệu", exact=True).click()
        wait_until_drawn(page, "Nhập dữ liệu")
        _preview(page, "weekly_a.csv", "Nếu nhập weekly_a.csv:")
        wait_until_drawn(page, "Nếu nhập weekly_a.csv:")
        page.screenshot(path=str(ARTIFACTS / "page_import_preview.png"), full_page=True)
        assert measurements() == 0  # a preview writes nothing
        page.get_by_role("button", name="Nhập", exact=True).first.click()
        page.get_by_text("Đã nhập weekly_a.csv.").wait_for(timeout=90_000)
        wait_until_drawn(page, "Đã nhập weekly_a.csv.")
        page.screenshot(path=str(ARTIFACTS / "page_import.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_test_id("stMetric").filter(has_text="Đã nhập").inner_text().endswith("6")
        page.get_by_text("Chi tiết lần nhập").first.click()  # the import's details, a table in Vietnamese
        page.locator('[data-testid="stDataFrame"]:visible').first.wait_for(timeout=30_000)
        wait_until_drawn(page, "Chi tiết lần nhập")  # the expander has opened
        page.screenshot(path=str(ARTIFACTS / "page_import_details.png"), full_page=True)
        imported = measurements()
        assert imported > 0

        # The same file again: nothing new to store, said plainly, and nothing to click.
        _preview(page, "weekly_a.csv", "Tệp này không có lượt đo mới")
        wait_until_drawn(page, "Tệp này không có lượt đo mới")
        page.screenshot(path=str(ARTIFACTS / "page_import_nothing_new.png"), full_page=True)
        assert page.get_by_role("button", name="Nhập", exact=True).first.is_disabled()
        page.get_by_role("button", name="Huỷ", exact=True).first.click()
        wait_until_drawn(page, "Nhập dữ liệu")

        # Rows set aside give their reasons in Vietnamese, on the page and in the download.
        _preview(page, "bad_values.csv", "Nếu nhập bad_values.csv:")
        wait_until_drawn(page, "Nếu nhập bad_values.csv:")
        page.get_by_text("Các dòng sẽ bị loại").first.click()
        # Drawn on a canvas: no text to find. (The import's details, folded, hold another.)
        page.locator('[data-testid="stDataFrame"]:visible').first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "page_import_rejects.png"), full_page=True)
        got = download(page, "Tải các dòng bị loại (CSV)", tmp_path / "loai.csv", "Nếu nhập bad_values.csv:")
        assert got.suggested_filename == "loai_bad_values.csv"
        rejected = pd.read_csv(tmp_path / "loai.csv", dtype=str, encoding="utf-8-sig")
        assert list(rejected.columns[:3]) == ["Tệp", "Dòng", "Lý do"]
        reasons = set(rejected["Lý do"])
        assert reasons and reasons <= {i18n.label(f"reject_{code}", "vi") for code in REASON_CODES}
        page.get_by_role("button", name="Huỷ", exact=True).first.click()
        wait_until_drawn(page, "Nhập dữ liệu")

        # Why, in Vietnamese, naming the file once.
        _preview(page, "broken_halfway.csv", "Không thể nhập — broken_halfway.csv, dòng 10: cần 9 trường, có 12")
        page.screenshot(path=str(ARTIFACTS / "page_import_refused.png"), full_page=True)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_role("button", name="Nhập", exact=True).first.is_disabled()  # nothing to import
        page.close()
    assert measurements() == imported
    with engine.connect() as conn:
        log = audit.events(conn, username="chief")
    assert list(log["action"])[:2] == ["import", "sign_in"]  # previews are not imports: not logged
    engine.dispose()


def _preview(page, fixture: str, shown: str) -> None:
    """Choose a fixture on the import page's first uploader, ask for its preview, and
    wait for ``shown``."""
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    upload.set_input_files(str(REPO / "tests" / "fixtures" / fixture))
    page.get_by_text(fixture).first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Xem trước", exact=True).first.click()
    page.get_by_text(shown).wait_for(timeout=90_000)


def test_the_first_real_import_as_the_demo_administrator_keeps_them_signed_in(browser, tmp_path):
    """Signed in as demo.admin on a demo database, the first real export is previewed
    with a warning that the demo and its accounts go, asks for the real administrator
    account, refuses two different passwords, then imports: the demo account is gone,
    the new one exists, and the page stays signed in as it, showing the summary."""
    url = f"sqlite:///{tmp_path / 'first.sqlite'}"
    engine = database.make_engine(url)
    demo.create_demo(engine, tmp_path / "demo", staff=600, weeks=2, last_week="2026-W47")
    with serve(url, "streamlit_first_import.log") as address:
        page = browser.new_page(viewport={"width": 1366, "height": 1600})
        page.goto(address)
        sign_in(page, "demo.admin")
        wait_until_drawn(page, "Tổng quan chiến dịch i-Speed")
        page.get_by_test_id("stSidebarNav").get_by_text("Nhập dữ liệu", exact=True).click()
        wait_until_drawn(page, "Nhập dữ liệu")
        upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
        upload.set_input_files(str(REPO / "tests" / "fixtures" / "weekly_a.csv"))
        page.get_by_text("weekly_a.csv").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Xem trước", exact=True).first.click()
        page.get_by_text("Xoá toàn bộ dữ liệu minh hoạ").wait_for(timeout=90_000)
        wait_until_drawn(page, "Tài khoản quản trị của bạn")
        page.get_by_label("Tên đăng nhập").fill("chi.cuc")
        page.get_by_label("Mật khẩu (ít nhất").fill("a long enough secret")
        page.get_by_label("Nhập lại mật khẩu").fill("not the same secret")
        page.get_by_role("button", name="Nhập", exact=True).first.click()
        page.get_by_text("Hai mật khẩu không giống nhau.").wait_for(timeout=60_000)
        with engine.connect() as conn:
            assert accounts.get_user(conn, "demo.admin") is not None  # nothing written
        page.get_by_label("Nhập lại mật khẩu").fill("a long enough secret")
        page.get_by_role("button", name="Nhập", exact=True).first.click()
        page.get_by_text("Đã nhập weekly_a.csv.").wait_for(timeout=90_000)
        wait_until_drawn(page, "Đã nhập weekly_a.csv.")
        page.screenshot(path=str(ARTIFACTS / "page_first_import.png"), full_page=True)
        assert page.get_by_text("Đã tạo tài khoản quản trị chi.cuc").count() == 1
        assert page.get_by_test_id("stMetric").filter(has_text="Đã nhập").inner_text().endswith("6")
        assert page.get_by_text("Đăng nhập", exact=True).count() == 0  # not sent to the sign-in page
        assert page.locator('[data-testid="stException"]').count() == 0
        page.close()
    with engine.connect() as conn:
        assert accounts.list_users(conn)["username"].tolist() == ["chi.cuc"]
        assert audit.events(conn, username="chi.cuc")["action"].tolist()[:2] == ["import", "user_added"]
    engine.dispose()


def test_a_roster_that_would_replace_the_demo_is_shown_first(server, demo_campaign, browser, tmp_path):
    """On the demo, a roster upload is previewed: the page warns that the demo and its
    accounts would be removed, lists the rows it would set aside, and "Huỷ" leaves
    everything as it was, back on the roster's tab."""
    roster = tmp_path / "can_bo.csv"
    roster.write_text(
        "Mã cơ quan,Tên cơ quan,Mã xã\nSKHCN,Sở Khoa học và Công nghệ,03408\nXX,Cơ quan lạ,99999\n", encoding="utf-8"
    )
    engine = database.make_engine(demo_campaign[0])

    def counts() -> tuple[int, int]:
        with engine.connect() as conn:
            return (
                conn.execute(select(func.count()).select_from(tables.agency)).scalar(),
                conn.execute(select(func.count()).select_from(tables.app_user)).scalar(),
            )

    before = counts()
    page = browser.new_page(viewport={"width": 1366, "height": 1400})
    page.goto(server)
    sign_in(page, "demo.admin")
    wait_until_drawn(page, "Tổng quan chiến dịch i-Speed")
    page.get_by_test_id("stSidebarNav").get_by_text("Nhập dữ liệu", exact=True).click()
    wait_until_drawn(page, "Nhập dữ liệu")
    page.get_by_role("tab", name="Danh sách cơ quan và cán bộ").click()
    upload = page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(1)
    upload.set_input_files(str(roster))
    page.get_by_text("can_bo.csv").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Xem trước", exact=True).first.click()  # the hidden tab's is not offered
    page.get_by_text("Xoá toàn bộ dữ liệu minh hoạ").wait_for(timeout=90_000)
    wait_until_drawn(page, "Xoá toàn bộ dữ liệu minh hoạ")
    page.get_by_text("Các dòng sẽ bị loại (1)").click()
    # Drawn on a canvas: no text to find. (The import's details, folded, hold another table.)
    page.locator('[data-testid="stDataFrame"]:visible').first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "page_import_preview_demo.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert counts() == before  # the preview wrote nothing
    page.get_by_role("button", name="Huỷ", exact=True).click()
    wait_until_drawn(page, "Kết quả đo i-Speed (CSV, XLSX)")
    assert counts() == before
    selected = page.get_by_role("tab", selected=True)
    assert selected.inner_text().strip().startswith("Danh sách cơ quan và cán bộ")
    page.close()
    engine.dispose()


def test_the_sign_in_page_for_a_newcomer(server, browser):
    """The demo's accounts are offered on the sign-in page while the demo is all there is."""
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    page.goto(server)
    wait_until_drawn(page, "Đăng nhập")
    assert page.get_by_text("demo.agency").count() == 1
    page.screenshot(path=str(ARTIFACTS / "sign_in.png"), full_page=True)
    page.close()
