"""Vietnamese (default) and English labels of the participation page:
agencies against the weekly target, reminders and unmatched tests (merged into
:data:`dashboard.i18n.LABELS`)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "page_participation": {"vi": "Tham gia đo", "en": "Participation"},
    "participation_title": {"vi": "Các cơ quan tham gia đo i-Speed", "en": "Agencies taking part in i-Speed"},
    "download_agencies_csv": {"vi": "Tải bảng cơ quan (CSV)", "en": "Download the agency table (CSV)"},
    "download_agencies_xlsx": {"vi": "Tải bảng cơ quan (XLSX)", "en": "Download the agency table (XLSX)"},
    "participation_span": {"vi": "Khoảng thời gian", "en": "Time span"},
    "span_recent_weeks": {"vi": "{n} tuần gần nhất", "en": "Last {n} weeks"},
    "span_period": {"vi": "Kỳ đã chọn: {period}", "en": "Chosen period: {period}"},
    "span_chosen_weeks": {"vi": "Chọn các tuần", "en": "Choose weeks"},
    "span_weeks_pick": {"vi": "Từ tuần … đến tuần …", "en": "From week … to week …"},
    "no_week_ended": {
        "vi": "{period}: chưa có tuần nào kết thúc, chưa tính được tỷ lệ tham gia. Hãy chọn kỳ trước.",
        "en": "{period}: no week has ended yet, so there is no participation to count. Choose an earlier period.",
    },
    "weekly_target": {"vi": "Chỉ tiêu lượt đo mỗi người mỗi tuần", "en": "Tests per person per week (target)"},
    "all": {"vi": "Tất cả", "en": "All"},
    "agency_kinds": {"vi": "Loại cơ quan", "en": "Agency kinds"},
    "agency_communes": {"vi": "Xã, phường nơi đặt trụ sở", "en": "Commune of the seat"},
    "col_agency": {"vi": "Cơ quan, đơn vị", "en": "Agency"},
    "col_staff_week": {"vi": "Cán bộ (bình quân tuần)", "en": "Staff (per week)"},
    "col_active_week": {"vi": "Có đo (bình quân tuần)", "en": "Tested (per week)"},
    "col_met_week": {"vi": "Đạt chỉ tiêu (bình quân tuần)", "en": "Met the target (per week)"},
    "col_compliance": {"vi": "Tỷ lệ đạt", "en": "Compliance"},
    "col_previous": {"vi": "Kỳ trước", "en": "Previous period"},
    "col_change": {"vi": "Thay đổi (điểm %)", "en": "Change (pts)"},
    "col_tests": {"vi": "Lượt đo", "en": "Tests"},
    "staff_per_week_help": {
        "vi": "Số cán bộ trong danh sách các cơ quan đang xem, bình quân mỗi tuần. Trang Tổng quan đếm số người "
        "có tên trong danh sách trong kỳ, mỗi người một lần, nên hai số có thể lệch khi danh sách thay đổi "
        "giữa các tuần.",
        "en": "Staff on the rosters of the agencies shown, on average per week. The overview counts the people "
        "on a roster in the period, each once, so the two differ when rosters change from week to week.",
    },
    "tests_by_staff": {"vi": "Lượt đo của cán bộ", "en": "Tests by staff"},
    "tests_by_staff_help": {
        "vi": "Lượt đo của cán bộ trong danh sách các cơ quan đang xem, trong các tuần họ có tên. "
        "Lượt đo của người ngoài danh sách không tính ở đây (trang Tổng quan tính cả).",
        "en": "Tests by the staff of the agencies shown, in the weeks they were on a roster. "
        "Tests by people on no roster are not counted here (the overview counts them too).",
    },
    "col_staff_id": {"vi": "Mã cán bộ", "en": "Staff id"},
    "col_full_name": {"vi": "Họ và tên", "en": "Full name"},
    "col_weeks_met": {"vi": "Số tuần đạt", "en": "Weeks met"},
    "col_weeks_on_roster": {"vi": "Số tuần trong danh sách", "en": "Weeks on the roster"},
    "col_last_test": {"vi": "Lần đo gần nhất", "en": "Last test"},
    "col_tests_week": {"vi": "Lượt đo trong tuần", "en": "Tests in the week"},
    "col_contact": {"vi": "Liên hệ", "en": "Contact"},
    "col_contact_kind": {"vi": "Loại liên hệ", "en": "Contact kind"},
    "col_never_tested": {"vi": "Chưa đo lần nào", "en": "Never tested"},
    "col_identifier_kind": {"vi": "Loại định danh", "en": "Identifier kind"},
    "col_identifier": {"vi": "Định danh", "en": "Identifier"},
    "agency_ranking": {"vi": "Xếp hạng tỷ lệ đạt", "en": "Ranking by compliance"},
    "compliance_heatmap": {"vi": "Tỷ lệ đạt theo tuần", "en": "Compliance week by week"},
    "agency_detail": {"vi": "Chi tiết một cơ quan", "en": "One agency in detail"},
    "choose_agency": {"vi": "Chọn cơ quan", "en": "Choose an agency"},
    "staff_weeks": {"vi": "Lượt đo của từng cán bộ theo tuần", "en": "Each person's tests week by week"},
    "not_tested_week": {"vi": "Chưa đo trong {week}", "en": "No test in {week}"},
    "never_tested": {"vi": "Chưa đo lần nào", "en": "Never tested"},
    "reminder_list": {
        "vi": "Danh sách nhắc nhở: chưa đạt {target} lượt trong {week}",
        "en": "Reminder list: under {target} tests in {week}",
    },
    "reminder_title": {"vi": "Danh sách cán bộ chưa đạt chỉ tiêu đo i-Speed", "en": "Staff behind on i-Speed tests"},
    "reminder_note": {
        "vi": "Liên hệ được che trên màn hình; tệp tải về có đầy đủ để cơ quan nhắc cán bộ.",
        "en": "Contacts are masked on screen; the downloaded file has them in full for the agency.",
    },
    "nobody_behind": {"vi": "Mọi cán bộ đã đạt chỉ tiêu trong tuần này.", "en": "Everyone met the target this week."},
    "unmatched_title": {"vi": "Lượt đo không khớp với cán bộ nào", "en": "Tests that matched nobody"},
    "unmatched_note": {
        "vi": "Định danh xuất hiện nhiều lần thường do danh sách cán bộ thiếu số điện thoại hoặc ghi theo cách khác.",
        "en": "A frequent identifier usually means the roster lacks that phone or writes it another way.",
    },
    "show_in_full": {"vi": "Hiện đầy đủ", "en": "Show in full"},
    "participation_sheet": {"vi": "Cơ quan", "en": "Agencies"},
    "participation_export_title": {
        "vi": "Kết quả tham gia đo i-Speed theo cơ quan",
        "en": "i-Speed participation by agency",
    },
    "no_roster": {
        "vi": "Chưa có danh sách cán bộ. Quản trị viên nhập danh sách cơ quan và cán bộ ở trang Nhập dữ liệu (hoặc "
        "bằng lệnh: python -m dashboard import-roster TỆP).",
        "en": "No roster yet. An administrator imports the agencies and their staff on the Import page (or with: "
        "python -m dashboard import-roster FILE).",
    },
}
