"""Vietnamese (default) and English labels of the overview page: the
headline figures and the weekly trend (merged into
:data:`dashboard.i18n.LABELS`)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "overview_title": {"vi": "Tổng quan chiến dịch i-Speed", "en": "i-Speed campaign overview"},
    "vs_previous": {"vi": "So với kỳ trước", "en": "Against the previous period"},
    "tests": {"vi": "Lượt đo", "en": "Tests"},
    "staff_tested": {"vi": "Cán bộ có đo", "en": "Staff who tested"},
    "staff_tested_help": {
        "vi": "Người có tên trong danh sách cán bộ của một cơ quan trong tuần đã đo, và tổng số người có tên "
        "trong danh sách trong kỳ. Lượt đo của người không có trong danh sách được tính riêng.",
        "en": "People on an agency's roster in the week they tested, and all the people on a roster in the "
        "period. Tests by people on no roster are counted apart.",
    },
    "compliance": {"vi": "Tỷ lệ đạt chỉ tiêu tuần", "en": "Weekly target met"},
    "compliance_help": {
        "vi": "Số cán bộ-tuần đạt chỉ tiêu số lượt đo mỗi tuần, trên tổng số cán bộ-tuần trong danh sách "
        "(chỉ các tuần đã kết thúc).",
        "en": "Staff-weeks that reached the weekly target of tests, over staff-weeks on the roster (weeks that "
        "have ended only).",
    },
    "communes_fixed_at_floor": {"vi": "Xã đủ mẫu cố định", "en": "Communes at target, fixed"},
    "communes_mobile_at_floor": {"vi": "Xã đủ mẫu di động", "en": "Communes at target, mobile"},
    "floor_rule_help": {
        "vi": "Mẫu hiệu dụng so với chỉ tiêu của kỳ: {floor} mẫu mỗi tháng (hoặc chỉ tiêu riêng của xã), một "
        "tuần tính theo phần của tháng. Cùng cách tính với trang Độ phủ mẫu.",
        "en": "Effective samples against the period's target: {floor} samples a month (or the commune's own "
        "target), a week its share of the month. The same rule as the Coverage page.",
    },
    "session_override": {
        "vi": "Đang dùng giá trị khác với cài đặt chung: chỉ áp dụng trong phiên này, không áp dụng cho báo cáo "
        "và danh sách gửi đi bằng dòng lệnh.",
        "en": "Values other than the stored settings are in use: for this session only, not for reports and "
        "command-line lists.",
    },
    "week_in_progress": {
        "vi": "{week} đang diễn ra: số liệu tính đến hôm nay; tuần này chưa được tính là không đạt.",
        "en": "{week} is in progress: figures so far; it is not counted as missed yet.",
    },
    "not_on_roster_note": {
        "vi": "Cán bộ trong danh sách của kỳ: {staff}. Ngoài ra có {n} lượt đo của người không có trong danh "
        "sách cán bộ tuần đó (tính riêng).",
        "en": "Staff on the roster in the period: {staff}. Besides, {n} tests were made by people on no roster "
        "that week (counted apart).",
    },
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
    "compliance_per_week": {"vi": "Tỷ lệ đạt chỉ tiêu hằng tuần (%)", "en": "Compliance with the weekly target (%)"},
    "iso_week": {"vi": "Tuần", "en": "Week"},
    "col_month": {"vi": "Tháng", "en": "Month"},
    "who_tested": {"vi": "Ai đo", "en": "Who tested"},
    "batch_measurements": {"vi": "Kết quả đo", "en": "Measurements"},
    "batch_roster": {"vi": "Danh sách cán bộ", "en": "Roster"},
    "by_staff": {"vi": "Của cán bộ trong danh sách", "en": "By staff on the roster"},
    "others": {"vi": "Người ngoài danh sách", "en": "By people on no roster"},
    "medians_note": {
        "vi": "Trung vị của các lượt đo trong tỉnh; số mẫu ghi dưới mỗi chỉ số.",
        "en": "Medians of the tests inside the province; sample counts under each figure.",
    },
}
