"""End-to-end: the app in real headless Chromium (Debian's package), page by page.

Starts `streamlit run dashboard/app.py` on the demo database, opens every page,
fails on any exception the page shows, and saves a screenshot per page under
tests/artifacts/.
"""

from __future__ import annotations

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
PAGES = {"": "Tổng quan chiến dịch i-Speed", "data_status": "Các lần nhập dữ liệu"}


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
    # The app is done when Streamlit's "running" indicator has gone for a moment.
    for _ in range(3):
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90_000
        )  # fmt: skip
        page.wait_for_timeout(500)


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
