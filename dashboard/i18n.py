"""Vietnamese (default) and English labels for the pages."""

from __future__ import annotations

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

LABELS: dict[str, dict[str, str]] = {
    "app_title": {"vi": "Chiến dịch i-Speed Lai Châu", "en": "i-Speed campaign, Lai Châu"},
    "page_data": {"vi": "Dữ liệu", "en": "Data"},
    "language": {"vi": "Ngôn ngữ", "en": "Language"},
    "measurements": {"vi": "Lượt đo", "en": "Measurements"},
    "communes": {"vi": "Xã, phường", "en": "Communes"},
    "former_districts": {"vi": "Huyện cũ", "en": "Former districts"},
    "agencies": {"vi": "Cơ quan, đơn vị", "en": "Agencies"},
    "staff": {"vi": "Cán bộ", "en": "Staff"},
    "linked": {"vi": "Gắn với cán bộ", "en": "Linked to staff"},
    "outside": {"vi": "Ngoài tỉnh", "en": "Outside the province"},
    "period_covered": {"vi": "Thời gian có dữ liệu", "en": "Period covered"},
    "imports": {"vi": "Các lần nhập dữ liệu", "en": "Imports"},
    "no_data": {
        "vi": "Chưa có lượt đo nào. Nhập tệp xuất từ i-Speed bằng lệnh: python -m dashboard import-measurements TỆP",
        "en": "No measurements yet. Import an i-Speed export with: python -m dashboard import-measurements FILE",
    },
    "col_imported_at": {"vi": "Thời điểm nhập", "en": "Imported at"},
    "col_kind": {"vi": "Loại", "en": "Kind"},
    "col_file": {"vi": "Tệp", "en": "File"},
    "col_rows_read": {"vi": "Số dòng đọc", "en": "Rows read"},
    "col_rows_imported": {"vi": "Số dòng nhập", "en": "Rows imported"},
}


def label(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The label for ``key`` in ``language``, falling back to Vietnamese, then the key."""
    entry = LABELS.get(key, {})
    return entry.get(language) or entry.get(DEFAULT_LANGUAGE) or key
