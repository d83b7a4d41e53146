"""The app's file and its pages, as Streamlit's AppTest names them."""

from __future__ import annotations

from pathlib import Path

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
#: Every page of the app, as ``AppTest.switch_page`` names them.
PAGES = [
    "views/overview.py",
    "views/participation.py",
    "views/coverage.py",
    "views/quality.py",
    "views/data_status.py",
    "views/data_import.py",
    "views/accounts.py",
    "views/settings.py",
    "views/rules.py",
]
#: The pages every role may open (the others are an administrator's).
READING_PAGES = PAGES[:5]
