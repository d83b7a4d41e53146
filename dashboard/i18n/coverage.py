"""Vietnamese (default) and English labels of the coverage page: the map,
the list of communes short of samples and each commune's own targets (merged into
:data:`dashboard.i18n.LABELS`)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
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
    "effective": {
        "vi": "Mẫu hiệu lực (bỏ đo dồn, giới hạn mỗi người mỗi ngày)",
        "en": "Effective samples (drop bursts, cap per person and day)",
    },
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
    "selected_commune": {
        "vi": "Xã được chọn (bấm trên bản đồ hoặc chọn ở đây)",
        "en": "Selected commune (click the map or choose here)",
    },
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
    "download_csv": {"vi": "Tải CSV", "en": "Download CSV"},
    "download_xlsx": {"vi": "Tải XLSX", "en": "Download XLSX"},
    "unknown_access_note": {
        "vi": "{n} lượt đo trong kỳ đã xác định được xã, phường nhưng không rõ loại kết nối (cố định hay di động): "
        "VNNIC không tính các lượt này vào loại nào, trang này cũng vậy.",
        "en": "{n} tests of the period are placed in a commune but have no known connection type (fixed or "
        "mobile): VNNIC counts them in neither category, and so does this page.",
    },
    "needed_note_days": {
        "vi": "Kỳ còn {days}: số lượt còn cần trong những ngày còn lại, và chia cho số cán bộ của các cơ quan "
        "trên địa bàn.",
        "en": "The period has {days} left: the tests still needed before it ends, and per staff member of the "
        "agencies there.",
    },
    "needed_note": {
        "vi": "Số lượt cần mỗi tuần đến hết kỳ, và chia cho số cán bộ của các cơ quan trên địa bàn.",
        "en": "Tests needed per week until the end of the period, and per staff member of the agencies there.",
    },
    "col_fixed_needed": {"vi": "Cố định: cần mỗi tuần", "en": "Fixed: needed per week"},
    "col_fixed_needed_days": {
        "vi": "Cố định: còn cần trong {days} còn lại",
        "en": "Fixed: still needed in the {days} left",
    },
    "col_mobile_needed_days": {
        "vi": "Di động: còn cần trong {days} còn lại",
        "en": "Mobile: still needed in the {days} left",
    },
    "col_fixed_per_staff_days": {
        "vi": "Cố định: mỗi cán bộ trong {days} còn lại",
        "en": "Fixed: per staff member in the {days} left",
    },
    "col_mobile_per_staff_days": {
        "vi": "Di động: mỗi cán bộ trong {days} còn lại",
        "en": "Mobile: per staff member in the {days} left",
    },
    "col_fixed_per_staff": {"vi": "Cố định: mỗi cán bộ mỗi tuần", "en": "Fixed: per staff member per week"},
    "col_mobile_needed": {"vi": "Di động: cần mỗi tuần", "en": "Mobile: needed per week"},
    "col_mobile_per_staff": {"vi": "Di động: mỗi cán bộ mỗi tuần", "en": "Mobile: per staff member per week"},
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
    "targets_cleared": {
        "vi": "Mọi xã dùng ngưỡng chung {floor} mẫu.",
        "en": "Every commune uses the floor of {floor}.",
    },
    "proposal_unsaved": {
        "vi": "Bảng trên là đề xuất, chưa được lưu.",
        "en": "The sheet above is a proposal, not saved yet.",
    },
    "all_covered": {"vi": "Mọi xã, phường đã đủ mẫu trong kỳ này.", "en": "Every commune has enough samples."},
}
