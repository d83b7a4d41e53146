"""Fixtures of the browser tests: the app on the demo database, and Chromium."""

from __future__ import annotations

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS, serve


@pytest.fixture(scope="module")
def server(demo_campaign):
    """The app served on a free local port, on the demo database."""
    with serve(demo_campaign[0]) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()
