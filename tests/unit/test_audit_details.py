"""The audit log's details are stored once, as a label key and its values, and read in
the reader's language: counts written their way, stored codes named, free text left
as written; every detail the code writes has its words in Vietnamese and English."""

from __future__ import annotations

import re
from pathlib import Path

from dashboard import i18n
from dashboard.access import audit

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
#: A detail written in the code: described("key"… or a download's what=("key"….
WRITTEN = re.compile(r"""described\(\s*"(\w+)"|what\s*=\s*\(\s*"(\w+)"|"(reminder_list_(?:full|masked))\"""")


def test_a_detail_reads_in_each_language():
    """Counts are grouped the reader's way and codes (a category, an operator) named."""
    detail = audit.described(
        "evidence", operator="viettel", category="mobile", period="2026-10", rows=12345, file="XLSX"
    )
    assert audit.readable(detail, "vi") == "Bằng chứng chất lượng: Viettel, Di động, 2026-10, 12.345 dòng, XLSX"
    assert audit.readable(detail, "en") == "Quality evidence: Viettel, Mobile, 2026-10, 12,345 rows, XLSX"
    technology = audit.described("evidence", operator="vnpt", category="4g", period="2026-10", rows=3, file="CSV")
    assert audit.readable(technology, "vi") == "Bằng chứng chất lượng: VNPT, 4G, 2026-10, 3 dòng, CSV"


def test_other_details_are_shown_as_written():
    """A detail written as text (older rows, mail results) or one whose label lacks a value is left as stored."""
    assert audit.readable("chief: agency of SKHCN", "vi") == "chief: agency of SKHCN"
    assert audit.readable("", "vi") == "" and audit.readable(None, "en") == ""
    lacking = audit.described("report", file="PDF")  # no period
    assert audit.readable(lacking, "vi") == lacking


def test_every_detail_the_code_writes_has_both_languages():
    """Each key used with described() or a download's what=(…) has a Vietnamese and an English label."""
    keys = {
        key
        for path in DASHBOARD.rglob("*.py")
        for match in WRITTEN.finditer(path.read_text(encoding="utf-8"))
        for key in match.groups()
        if key
    }
    assert {"uncovered_list", "reminder_list_full", "targets_saved", "import_roster", "unknown_name"} <= keys
    for key in keys:
        entry = i18n.LABELS.get(f"audit_{key}", {})
        assert entry.get("vi") and entry.get("en"), key
