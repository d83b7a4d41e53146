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
    # coverage
    "former_district": {"vi": "Huyện cũ", "en": "Former district"},
    "col_commune_code": {"vi": "Mã xã", "en": "Commune code"},
    "col_commune": {"vi": "Xã, phường", "en": "Commune"},
    "col_unit_type": {"vi": "Loại", "en": "Type"},
    "col_fixed_samples": {"vi": "Mẫu cố định", "en": "Fixed samples"},
    "col_fixed_shortfall": {"vi": "Thiếu cố định", "en": "Fixed shortfall"},
    "col_mobile_samples": {"vi": "Mẫu di động", "en": "Mobile samples"},
    "col_fixed_target": {"vi": "Chỉ tiêu cố định", "en": "Fixed target"},
    "col_mobile_target": {"vi": "Chỉ tiêu di động", "en": "Mobile target"},
    "col_mobile_shortfall": {"vi": "Thiếu di động", "en": "Mobile shortfall"},
    "col_shortfall": {"vi": "Tổng số mẫu còn thiếu", "en": "Total shortfall"},
    "col_population": {"vi": "Dân số", "en": "Population"},
    "col_per_1000": {"vi": "Mẫu/1.000 dân", "en": "Samples per 1,000 inhabitants"},
    "col_agencies_located": {"vi": "Số cơ quan trên địa bàn", "en": "Agencies located there"},
    "uncovered_title": {"vi": "Danh sách xã, phường chưa đủ mẫu đo i-Speed", "en": "Communes short of i-Speed samples"},
    "page_coverage": {"vi": "Độ phủ mẫu", "en": "Coverage"},
    "coverage_title": {"vi": "Độ phủ mẫu đo theo xã, phường", "en": "Sample coverage by commune"},
    "floor_by_month": {"vi": "Tính ngưỡng theo tháng (như VNNIC)", "en": "Floor per calendar month (as VNNIC)"},
    "col_agency_code": {"vi": "Mã cơ quan", "en": "Agency code"},
    "category": {"vi": "Loại mẫu", "en": "Category"},
    "both": {"vi": "Cả hai", "en": "Both"},
    "operator": {"vi": "Nhà mạng", "en": "Operator"},
    "all_operators": {"vi": "Tất cả nhà mạng", "en": "All operators"},
    "by_district": {"vi": "Gộp theo huyện cũ", "en": "Group by former district"},
    "counting": {"vi": "Cách đếm mẫu", "en": "How samples are counted"},
    "effective": {"vi": "Mẫu hiệu lực (bỏ đo dồn, giới hạn mỗi người mỗi ngày)",
                  "en": "Effective samples (drop bursts, cap per person and day)"},
    "per_day": {"vi": "Tối đa số lượt mỗi người mỗi ngày", "en": "At most tests per person per day"},
    "burst_minutes": {"vi": "Đo lại trong vòng (phút) thì bỏ", "en": "Drop a repeat within (minutes)"},
    "sample_floor": {"vi": "Ngưỡng mẫu mỗi loại", "en": "Sample floor per category"},
    "communes_at_floor": {"vi": "Xã đạt ngưỡng", "en": "Communes at the floor"},
    "total_shortfall": {"vi": "Tổng số mẫu còn thiếu", "en": "Total shortfall"},
    "raw_vs_effective": {"vi": "Lượt đo / mẫu hiệu lực", "en": "Tests / effective samples"},
    "legend": {"vi": "Chú giải", "en": "Legend"},
    "band_at_floor": {"vi": "Đạt ngưỡng", "en": "At the floor"},
    "band_half": {"vi": "Đạt 50–99%", "en": "50–99% of the floor"},
    "band_far": {"vi": "Dưới 50%", "en": "Under 50%"},
    "band_none": {"vi": "Chưa có mẫu", "en": "No sample"},
    "tooltip_samples": {"vi": "Mẫu", "en": "Samples"},
    "tooltip_floor": {"vi": "Ngưỡng", "en": "Floor"},
    "tooltip_shortfall": {"vi": "Còn thiếu", "en": "Shortfall"},
    "tooltip_last_test": {"vi": "Lần đo gần nhất", "en": "Last test"},
    "selected_commune": {"vi": "Xã được chọn (bấm trên bản đồ hoặc chọn ở đây)",
                         "en": "Selected commune (click the map or choose here)"},
    "weekly_samples": {"vi": "Lượt đo theo tuần", "en": "Tests per week"},
    "operators": {"vi": "Nhà mạng", "en": "Operators"},
    "technologies": {"vi": "Công nghệ", "en": "Technologies"},
    "agencies_here": {"vi": "Cơ quan trên địa bàn", "en": "Agencies located here"},
    "agencies_here_note": {
        "vi": "Cán bộ hiện có của mỗi cơ quan và số lượt họ đo trong kỳ (ở bất kỳ đâu); chỉ tiêu 2 lượt/người/tuần.",
        "en": "Each agency's current staff and the tests they made in the period (anywhere); target 2 per person per week.",
    },
    "col_per_person_week": {"vi": "Lượt/người/tuần", "en": "Tests per person per week"},
    "col_meets_target": {"vi": "Đạt 2 lượt/tuần", "en": "Meets 2 a week"},
    "uncovered_list": {"vi": "Xã, phường chưa đủ mẫu", "en": "Communes short of samples"},
    "download_csv": {"vi": "Tải CSV (Excel)", "en": "Download CSV (Excel)"},
    "download_xlsx": {"vi": "Tải XLSX", "en": "Download XLSX"},
    "needed_note": {
        "vi": "Số lượt cần mỗi tuần đến hết kỳ, và chia cho số cán bộ của các cơ quan trên địa bàn.",
        "en": "Tests needed per week until the end of the period, and per staff member of the agencies there.",
    },
    "col_tests_per_week": {"vi": "Cần mỗi tuần", "en": "Needed per week"},
    "col_per_staff_week": {"vi": "Cần mỗi cán bộ mỗi tuần", "en": "Per staff member per week"},
    "confidence": {"vi": "Trung vị tải xuống và khoảng tin cậy 95%", "en": "Median download and 95% interval"},
    "confidence_note": {
        "vi": "Khoảng tin cậy phi tham số (thống kê thứ tự). ✔ khi khoảng hẹp hơn ±10% trung vị; trống khi dưới 6 mẫu.",
        "en": "Distribution-free interval (order statistics). ✔ when narrower than ±10% of the median; blank under 6 samples.",
    },
    "col_median": {"vi": "Trung vị (Mbps)", "en": "Median (Mbps)"},
    "col_ci_low": {"vi": "Cận dưới", "en": "Lower"},
    "col_ci_high": {"vi": "Cận trên", "en": "Upper"},
    "col_precise": {"vi": "Đủ chính xác", "en": "Precise"},
    "targets_title": {"vi": "Chỉ tiêu mẫu riêng theo xã", "en": "Each commune's own target"},
    "targets_note": {
        "vi": "Xã không có chỉ tiêu riêng cần {floor} mẫu mỗi loại mỗi tháng (ngưỡng VNNIC). Chỉ tiêu riêng được lưu "
              "vào cơ sở dữ liệu và dùng cho bản đồ, danh sách và tệp xuất; mỗi tuần tính phần tương ứng của tháng.",
        "en": "A commune without its own target needs {floor} samples per category per month (the VNNIC floor). "
              "Own targets are stored in the database and used by the map, the list and the exports; a week is "
              "held to its share of the month.",
    },
    "per_1000_month": {"vi": "Mẫu mỗi tháng trên 1.000 dân", "en": "Samples a month per 1,000 inhabitants"},
    "propose_by_population": {"vi": "Đề xuất theo dân số", "en": "Propose by population"},
    "targets_reset": {"vi": "Bỏ mọi chỉ tiêu riêng", "en": "Remove all own targets"},
    "targets_save": {"vi": "Lưu chỉ tiêu", "en": "Save targets"},
    "targets_not_saved": {"vi": "Chưa lưu", "en": "Not saved"},
    "targets_saved": {"vi": "Đã lưu: {count} chỉ tiêu riêng.", "en": "Saved: {count} own targets."},
    "targets_cleared": {"vi": "Mọi xã dùng ngưỡng chung {floor} mẫu.", "en": "Every commune uses the floor of {floor}."},
    "proposal_unsaved": {"vi": "Bảng trên là đề xuất, chưa được lưu.", "en": "The sheet above is a proposal, not saved yet."},
    "all_covered": {"vi": "Mọi xã, phường đã đủ mẫu trong kỳ này.", "en": "Every commune has enough samples."},
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

#: Names for the codes stored in the database, by field: code -> {language: name}.
VALUE_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "operator": {
        "viettel": {"vi": "Viettel"}, "vnpt": {"vi": "VNPT"}, "mobifone": {"vi": "MobiFone"},
        "fpt": {"vi": "FPT Telecom"}, "cmc": {"vi": "CMC Telecom"}, "vietnamobile": {"vi": "Vietnamobile"},
        "other": {"vi": "Khác", "en": "Other"},
    },
    "technology": {
        "wifi": {"vi": "Wi-Fi"}, "ethernet": {"vi": "Ethernet"}, "2g": {"vi": "2G"}, "3g": {"vi": "3G"},
        "4g": {"vi": "4G"}, "5g": {"vi": "5G"},
    },
    "access": {
        "fixed": {"vi": "Băng rộng cố định", "en": "Fixed broadband"}, "mobile": {"vi": "Di động", "en": "Mobile"},
    },
    "agency_kind": {
        "department": {"vi": "Sở, ban, ngành", "en": "Provincial department"},
        "commune_committee": {"vi": "UBND xã, phường", "en": "Commune People's Committee"},
        "mass_organisation": {"vi": "Tổ chức chính trị – xã hội", "en": "Political–social organisation"},
        "press": {"vi": "Báo chí", "en": "Press"}, "telecom": {"vi": "Doanh nghiệp viễn thông", "en": "Telecom company"},
        "other": {"vi": "Khác", "en": "Other"},
    },
}  # fmt: skip
UNKNOWN = {"vi": "Không rõ", "en": "Unknown"}


def value_name(field: str, code, language: str = DEFAULT_LANGUAGE) -> str:
    """The reader's name for a stored code (an operator, technology, access or
    agency kind); a missing or 'unknown' code reads "Không rõ" / "Unknown"."""
    if code is None or code != code or code == "unknown":  # code != code: NaN
        return UNKNOWN[language]
    names = VALUE_NAMES.get(field, {}).get(code)
    if not names:
        return str(code)
    return names.get(language) or names[DEFAULT_LANGUAGE]


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
