"""What a report file is called and what it is, kept apart from the heavy
rendering modules so that a page can name a file without loading them."""

from __future__ import annotations

from dashboard.dates.periods import Period

#: The formats a report is written in, with their MIME types.
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def report_file_name(period: Period, fmt: str) -> str:
    """The file's name: bao-cao-tuan-2026-W47.docx, bao-cao-thang-2026-11.pdf."""
    kind = "thang" if period.kind == "month" else "tuan"
    key = period.key if period.kind != "weeks" else f"{period.first_week}-{period.last_week}"
    return f"bao-cao-{kind}-{key}.{fmt}"
