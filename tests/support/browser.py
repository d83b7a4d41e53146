"""What the browser tests share: the app served on a free port, Chromium's flags,
signing in, and waiting until Streamlit has drawn a page."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
#: url path -> a text the page must show once drawn (Vietnamese, the default language).
PAGES = {
    "": "Tổng quan chiến dịch i-Speed",
    "participation": "Lượt đo của từng cán bộ theo tuần",
    "coverage": "Xã, phường chưa đủ mẫu",
    "quality": "So sánh nhà mạng",
    "data_status": "Các lần nhập dữ liệu",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(database_url: str, log_name: str = "streamlit.log"):
    """Run the app on a free local port on ``database_url``; yields its address."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (.ci/run does)")
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "ISPEED_DEMO": "off"}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Test files run side by side (pytest-xdist): each worker's server logs apart.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    log = ARTIFACTS / (f"{Path(log_name).stem}_{worker}.log" if worker else log_name)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "dashboard" / "app.py"),
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
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


def wait_until_drawn(page, text: str) -> None:
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
        )


def download(page, button: str, path, drawn: str):
    """Click a download button and save the file to ``path``; return the download.

    The page must be drawn first (a click during a rerun can be lost). Under load a
    workbook built on the click can take a while: the wait is long, and a click
    that brought no file is tried once more.
    """
    wait_until_drawn(page, drawn)
    for attempt in (1, 2):
        try:
            with page.expect_download(timeout=60_000) as started:
                page.get_by_role("button", name=button).click()
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            wait_until_drawn(page, drawn)
    started.value.save_as(path)
    wait_until_drawn(page, drawn)
    return started.value


def sign_in(page, username: str, password: str | None = None) -> None:
    """Fill the sign-in form (the demo's passwords are the user names) and submit it."""
    page.get_by_label("Tên đăng nhập").wait_for(timeout=90_000)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_role("textbox", name="Mật khẩu").fill(password if password is not None else username)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def open_signed_in(browser, server: str, path: str, username: str = "demo.admin", **options):
    """A new browser tab on ``path``, signed in as ``username`` and drawn. A new tab
    is a new session, so it signs in first; the app then draws the page asked for."""
    page = browser.new_page(**{"viewport": {"width": 1400, "height": 1900}, **options})
    page.goto(f"{server}/{path}")
    sign_in(page, username)
    wait_until_drawn(page, PAGES[path])
    return page


def choose_month(page, label: str, drawn: str) -> None:
    """Report on a month: switch the sidebar to months and pick ``label``."""
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stButtonGroup").get_by_text("Tháng", exact=True).click()
    wait_until_drawn(page, drawn)
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Kỳ báo cáo").click()
    page.get_by_role("option", name=label).click()
    wait_until_drawn(page, drawn)


#: A press and a release at a point, sent in one task of the page. deck.gl (its
#: gesture recogniser) counts a tap only when the release comes within 250 ms of
#: the press, by the page's clock; Playwright's mouse.click sends them as two
#: messages, and on a loaded machine the page can handle them further apart, so
#: a click becomes a long press and selects nothing.
_TAP = """([x, y, within]) => {
    const target = document.elementFromPoint(x, y);
    if (!target || !target.closest(within)) return false;
    const common = {bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y,
                    pointerId: 1, pointerType: "mouse", isPrimary: true, button: 0, view: window};
    target.dispatchEvent(new PointerEvent("pointermove", {...common, buttons: 0}));
    target.dispatchEvent(new PointerEvent("pointerdown", {...common, buttons: 1}));
    target.dispatchEvent(new PointerEvent("pointerup", {...common, buttons: 0}));
    target.dispatchEvent(new MouseEvent("click", {...common, detail: 1}));
    return true;
}"""


def tap(page, x: float, y: float, within: str) -> None:
    """Tap the page at viewport point (x, y), which must fall inside an element
    matching the CSS selector ``within``, as one quick press and release that no
    machine load can stretch into a long press."""
    assert page.evaluate(_TAP, [x, y, within]), f"({x:.0f}, {y:.0f}) is not within {within}"
