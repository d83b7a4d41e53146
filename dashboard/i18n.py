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
    # shell
    "page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "period_kind": {"vi": "Theo", "en": "By"},
    "kind_week": {"vi": "Tuần", "en": "Week"},
    "kind_month": {"vi": "Tháng", "en": "Month"},
    "demo_marker": {
        "vi": "**DỮ LIỆU MẪU** — các số liệu dưới đây là chiến dịch mô phỏng, không phải kết quả thật. "
              "Dữ liệu mẫu tự động được thay khi nhập tệp i-Speed hoặc danh sách cán bộ thật.",
        "en": "**DEMO DATA** — the figures below come from a simulated campaign, not real results. "
              "They are replaced automatically when a real i-Speed export or roster is imported.",
    },
    "creating_demo": {
        "vi": "Cơ sở dữ liệu còn trống: đang tạo chiến dịch mẫu (khoảng một phút)…",
        "en": "The database is empty: creating the demo campaign (about a minute)…",
    },
    # overview
    "overview_title": {"vi": "Tổng quan chiến dịch i-Speed", "en": "i-Speed campaign overview"},
    "vs_previous": {"vi": "So với kỳ trước", "en": "Against the previous period"},
    "tests": {"vi": "Lượt đo", "en": "Tests"},
    "active_staff": {"vi": "Cán bộ có đo", "en": "Staff who tested"},
    "share_met": {"vi": "Tỷ lệ đạt 2 lượt/tuần", "en": "Share meeting 2 tests/week"},
    "share_met_help": {
        "vi": "Số lượt cán bộ-tuần có từ 2 lượt đo trở lên, trên tổng số cán bộ-tuần trong danh sách.",
        "en": "Staff-weeks with 2 tests or more, over staff-weeks on the roster.",
    },
    "communes_fixed_at_floor": {"vi": "Xã đủ 300 mẫu cố định", "en": "Communes with 300 fixed samples"},
    "communes_mobile_at_floor": {"vi": "Xã đủ 300 mẫu di động", "en": "Communes with 300 mobile samples"},
    "floor_help": {
        "vi": "VNNIC chỉ đánh giá một xã khi có từ 300 mẫu mỗi loại (cố định, di động) trong kỳ.",
        "en": "VNNIC rates a commune only from 300 samples per category (fixed, mobile) in the period.",
    },
    "fixed": {"vi": "Băng rộng cố định", "en": "Fixed broadband"},
    "mobile": {"vi": "Di động", "en": "Mobile"},
    "download_mbps": {"vi": "Tải xuống (trung vị)", "en": "Download (median)"},
    "upload_mbps": {"vi": "Tải lên (trung vị)", "en": "Upload (median)"},
    "latency_ms": {"vi": "Độ trễ (trung vị)", "en": "Latency (median)"},
    "points": {"vi": "điểm %", "en": "pts"},
    "samples": {"vi": "mẫu", "en": "samples"},
    "no_samples": {"vi": "Chưa có mẫu", "en": "No samples"},
    "weekly_trend": {"vi": "Diễn biến theo tuần", "en": "Week by week"},
    "tests_per_week": {"vi": "Lượt đo mỗi tuần", "en": "Tests per week"},
    "share_met_per_week": {"vi": "Tỷ lệ cán bộ đạt 2 lượt/tuần (%)", "en": "Staff meeting 2 tests/week (%)"},
    "iso_week": {"vi": "Tuần", "en": "Week"},
    "by_staff": {"vi": "Của cán bộ trong danh sách", "en": "By staff on the roster"},
    "others": {"vi": "Người ngoài danh sách", "en": "Others"},
    "medians_note": {
        "vi": "Trung vị của các lượt đo trong tỉnh; số mẫu ghi dưới mỗi chỉ số.",
        "en": "Medians of the tests inside the province; sample counts under each figure.",
    },
}


def number(value: float | None, language: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A number as the reader writes it: 12.345,6 in Vietnamese, 12,345.6 in English."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    if language == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def label(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The label for ``key`` in ``language``, falling back to Vietnamese, then the key."""
    entry = LABELS.get(key, {})
    return entry.get(language) or entry.get(DEFAULT_LANGUAGE) or key
