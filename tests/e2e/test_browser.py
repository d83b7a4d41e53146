"""End-to-end: the app in real headless Chromium (Debian's package), page by page.

Starts `streamlit run dashboard/app.py` on the demo database, opens every page,
fails on any exception the page shows, and saves a screenshot per page under
tests/artifacts/.
"""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"]  # fmt: skip
#: url path -> a text the page must show once drawn (Vietnamese, the default language).
PAGES = {"": "Tổng quan chiến dịch i-Speed", "coverage": "Xã, phường chưa đủ mẫu", "data_status": "Các lần nhập dữ liệu"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_campaign):
    """The app served on a free local port, on the demo database."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": demo_campaign[0], "ISPEED_DEMO": "off"}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "streamlit.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"streamlit did not start; see {log}")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


def _wait_until_drawn(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=90_000)
    # The app is done when its script has stopped running and no element from the
    # previous run is left (Streamlit marks those data-stale), for a moment.
    for _ in range(3):
        page.wait_for_timeout(400)
        page.wait_for_function(
            """() => {
                const app = document.querySelector('[data-testid="stApp"]');
                return app && app.getAttribute('data-test-script-state') === 'notRunning'
                    && !document.querySelector('[data-stale="true"]');
            }""",
            timeout=90_000,
        )  # fmt: skip


@pytest.mark.parametrize("path", list(PAGES), ids=lambda p: p or "overview")
def test_page_renders_without_exception(server, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    started = time.perf_counter()
    page.goto(f"{server}/{path}")
    _wait_until_drawn(page, PAGES[path])
    seconds = time.perf_counter() - started
    page.screenshot(path=str(ARTIFACTS / f"page_{path or 'overview'}.png"), full_page=True)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert page.get_by_text("DỮ LIỆU MẪU").count() >= 1, "the demo marker is missing"
    assert not errors, errors
    print(f"{path or 'overview'} drawn in {seconds:.1f} s")
    page.close()


def test_language_switch_to_english(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1900})
    page.goto(server)
    _wait_until_drawn(page, PAGES[""])
    page.get_by_text("English").click()
    _wait_until_drawn(page, "i-Speed campaign overview")
    page.screenshot(path=str(ARTIFACTS / "page_overview_en.png"), full_page=True)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def _screen_point(box: dict, lon: float, lat: float) -> tuple[float, float]:
    """Where a position appears on the coverage map (Web Mercator, deck.gl's 512-pixel tiles)."""
    from dashboard.campaign.coverage_map import CENTER

    scale = 512 * 2 ** CENTER["zoom"] / (2 * math.pi)

    def project(lo, la):
        return scale * math.radians(lo), -scale * math.log(math.tan(math.pi / 4 + math.radians(la) / 2))

    x, y = project(lon, lat)
    x0, y0 = project(CENTER["longitude"], CENTER["latitude"])
    return box["x"] + box["width"] / 2 + (x - x0), box["y"] + box["height"] / 2 + (y - y0)


def test_coverage_category_period_commune_and_downloads(server, browser, demo_campaign, tmp_path):
    """Change category and period, click a commune on the map, download both lists."""
    import geopandas as gpd
    import openpyxl

    from dashboard.campaign import coverage, periods, store

    page = browser.new_page(viewport={"width": 1400, "height": 2200}, accept_downloads=True)
    page.goto(f"{server}/coverage")
    _wait_until_drawn(page, PAGES["coverage"])
    page.get_by_test_id("stButtonGroup").get_by_text("Di động", exact=True).click()
    _wait_until_drawn(page, PAGES["coverage"])
    # The period: September 2026, chosen in the sidebar.
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stButtonGroup").get_by_text("Tháng", exact=True).click()
    _wait_until_drawn(page, PAGES["coverage"])
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Kỳ báo cáo").click()
    page.get_by_role("option", name="Tháng 09/2026").click()
    _wait_until_drawn(page, PAGES["coverage"])
    assert page.get_by_test_id("stCaptionContainer").filter(has_text="Tháng 09/2026").count() == 1

    # Click the middle of the largest commune on the map: it becomes the selected commune.
    communes = gpd.read_file(REPO / "data" / "boundaries" / "communes_2025.geojson")
    largest = communes.loc[communes.to_crs(32648).area.idxmax()]
    point = largest.geometry.representative_point()
    deck = page.get_by_test_id("stDeckGlJsonChart")
    deck.scroll_into_view_if_needed()
    x, y = _screen_point(deck.bounding_box(), point.x, point.y)
    page.mouse.click(x, y)
    _wait_until_drawn(page, PAGES["coverage"])
    chosen = page.get_by_test_id("stSelectbox").filter(has_text="Xã được chọn")
    assert chosen.locator("input").input_value() == largest["name"]
    page.screenshot(path=str(ARTIFACTS / "page_coverage_selected.png"), full_page=True)

    files = {}
    for label, suffix in (("Tải CSV (Excel)", "csv"), ("Tải XLSX", "xlsx")):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        files[suffix] = tmp_path / f"list.{suffix}"
        download.value.save_as(files[suffix])
        _wait_until_drawn(page, PAGES["coverage"])
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()

    with store.make_engine(demo_campaign[0]).connect() as conn:
        expected = coverage.uncovered(coverage.commune_coverage(conn, periods.month("2026-09")))
    sheet = openpyxl.load_workbook(files["xlsx"]).active
    assert sheet["A1"].value.startswith("Danh sách xã, phường chưa đủ mẫu đo i-Speed — Tháng 09/2026")
    assert sheet.freeze_panes == "A3" and sheet["A2"].font.bold
    codes = [sheet.cell(row=r, column=1).value for r in range(3, sheet.max_row + 1)]
    assert codes == expected["commune_code"].tolist() and len(codes) > 0
    shortfall_column = [c.value for c in sheet[2]].index("Tổng số mẫu còn thiếu") + 1
    assert [sheet.cell(row=r, column=shortfall_column).value for r in range(3, sheet.max_row + 1)] == (
        expected["shortfall"].tolist()
    )
    text = files["csv"].read_bytes()
    assert text.startswith(b"\xef\xbb\xbf") and text.decode("utf-8-sig").count("\n") == len(codes) + 1


def test_commune_targets_are_saved_from_the_page(server, browser, demo_campaign):
    """Propose targets by population, save them, then remove them again."""
    from sqlalchemy import func, select

    from dashboard.campaign import store

    engine = store.make_engine(demo_campaign[0])

    def stored() -> int:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(store.commune_target)).scalar()

    page = browser.new_page(viewport={"width": 1400, "height": 2600})
    try:
        page.goto(f"{server}/coverage")
        _wait_until_drawn(page, PAGES["coverage"])
        page.get_by_text("Chỉ tiêu mẫu riêng theo xã").click()
        page.get_by_role("button", name="Đề xuất theo dân số").click()
        _wait_until_drawn(page, "chưa được lưu")
        page.get_by_role("button", name="Lưu chỉ tiêu").click()
        _wait_until_drawn(page, "Đã lưu")
        assert stored() > 0
        page.screenshot(path=str(ARTIFACTS / "page_coverage_targets.png"), full_page=True)
        page.get_by_role("button", name="Bỏ mọi chỉ tiêu riêng").click()
        _wait_until_drawn(page, "dùng ngưỡng chung")
        assert stored() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.close()
        with engine.begin() as conn:  # the demo database is shared with other tests
            conn.execute(store.commune_target.delete())
        engine.dispose()
