"""Vietnamese (default) and English labels for the pages."""

from __future__ import annotations

from babel.numbers import format_decimal, format_percent

from dashboard.i18n import access as i18n_access
from dashboard.i18n import imports as i18n_import
from dashboard.i18n import mail as i18n_mail
from dashboard.i18n import rules as i18n_rules

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
#: Babel's locale for each language's numbers.
NUMBER_LOCALES = {"vi": "vi_VN", "en": "en_US"}

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
    "data_as_of": {
        "vi": "Dữ liệu đến ngày {day} · lần nhập gần nhất {at}",
        "en": "Data up to {day} · last import {at}",
    },
    "data_as_of_demo": {
        "vi": "Dữ liệu mẫu đến ngày {day} · tạo lúc {at}",
        "en": "Demo data up to {day} · built {at}",
    },
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
    "download_csv": {"vi": "Tải CSV (Excel)", "en": "Download CSV (Excel)"},
    "download_xlsx": {"vi": "Tải XLSX", "en": "Download XLSX"},
    "needed_note_days": {
        "vi": "Kỳ còn {days} ngày: số lượt còn cần trong những ngày còn lại, và chia cho số cán bộ của các cơ quan "
        "trên địa bàn.",
        "en": "{days} days of the period are left: the tests still needed in them, and per staff member of the "
        "agencies there.",
    },
    "needed_note": {
        "vi": "Số lượt cần mỗi tuần đến hết kỳ, và chia cho số cán bộ của các cơ quan trên địa bàn.",
        "en": "Tests needed per week until the end of the period, and per staff member of the agencies there.",
    },
    "col_fixed_needed": {"vi": "Cố định: cần mỗi tuần", "en": "Fixed: needed per week"},
    "col_fixed_needed_days": {
        "vi": "Cố định: còn cần trong {days} ngày còn lại",
        "en": "Fixed: still needed in the {days} days left",
    },
    "col_mobile_needed_days": {
        "vi": "Di động: còn cần trong {days} ngày còn lại",
        "en": "Mobile: still needed in the {days} days left",
    },
    "col_fixed_per_staff_days": {
        "vi": "Cố định: mỗi cán bộ trong {days} ngày còn lại",
        "en": "Fixed: per staff member in the {days} days left",
    },
    "col_mobile_per_staff_days": {
        "vi": "Di động: mỗi cán bộ trong {days} ngày còn lại",
        "en": "Mobile: per staff member in the {days} days left",
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
    # participation
    "page_participation": {"vi": "Tham gia đo", "en": "Participation"},
    "participation_title": {"vi": "Các cơ quan tham gia đo i-Speed", "en": "Agencies taking part in i-Speed"},
    "download_agencies_csv": {"vi": "Tải bảng cơ quan (CSV)", "en": "Download the agency table (CSV)"},
    "download_agencies_xlsx": {"vi": "Tải bảng cơ quan (XLSX)", "en": "Download the agency table (XLSX)"},
    "participation_span": {"vi": "Khoảng thời gian", "en": "Time span"},
    "span_recent_weeks": {"vi": "{n} tuần gần nhất", "en": "Last {n} weeks"},
    "span_period": {"vi": "Kỳ đã chọn: {period}", "en": "Chosen period: {period}"},
    "span_chosen_weeks": {"vi": "Chọn các tuần", "en": "Choose weeks"},
    "span_weeks_pick": {"vi": "Từ tuần … đến tuần …", "en": "From week … to week …"},
    "participation_weeks": {"vi": "Các tuần: {first} – {last}", "en": "Weeks: {first} – {last}"},
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
        "vi": "Chưa có danh sách cán bộ: nhập bằng lệnh python -m dashboard import-roster TỆP",
        "en": "No roster yet: import one with python -m dashboard import-roster FILE",
    },
    # quality
    "page_quality": {"vi": "Chất lượng", "en": "Quality"},
    "quality_title": {"vi": "Chất lượng Internet theo xã, phường", "en": "Internet quality by commune"},
    "median_by_month": {"vi": "Tính theo tháng (như VNNIC)", "en": "Per calendar month (as VNNIC)"},
    "metric": {"vi": "Chỉ số", "en": "Metric"},
    "metric_download_mbps": {"vi": "Tải xuống", "en": "Download"},
    "metric_upload_mbps": {"vi": "Tải lên", "en": "Upload"},
    "metric_latency_ms": {"vi": "Độ trễ", "en": "Latency"},
    "metric_share_under": {"vi": "Dưới ngưỡng", "en": "Under threshold"},
    "median_of_download_mbps": {"vi": "Trung vị tải xuống (Mbps)", "en": "Median download (Mbps)"},
    "median_of_upload_mbps": {"vi": "Trung vị tải lên (Mbps)", "en": "Median upload (Mbps)"},
    "median_of_latency_ms": {"vi": "Trung vị độ trễ (ms)", "en": "Median latency (ms)"},
    "median_of_share_under": {
        "vi": "Tỷ lệ lượt đo tải xuống dưới ngưỡng",
        "en": "Share of downloads under the threshold",
    },
    "threshold_mbps": {"vi": "Ngưỡng (Mbps)", "en": "Threshold (Mbps)"},
    "threshold_ms": {"vi": "Ngưỡng (ms)", "en": "Threshold (ms)"},
    "quality_settings": {"vi": "Cài đặt bản đồ", "en": "Map settings"},
    "show_hexagons": {
        "vi": "Lớp lục giác H3 (tổng hợp, ẩn ô ít lượt đo)",
        "en": "H3 hexagon layer (aggregates; sparse cells hidden)",
    },
    "hexagon_cell": {"vi": "Ô lục giác H3", "en": "H3 hexagon"},
    "hexagon_resolution": {"vi": "Độ phân giải H3", "en": "H3 resolution"},
    "hexagon_min_tests": {"vi": "Ẩn ô có ít hơn (lượt đo)", "en": "Hide cells with fewer tests than"},
    "province_median": {"vi": "Trung vị toàn tỉnh", "en": "Province median"},
    "col_samples": {"vi": "Số mẫu", "en": "Samples"},
    "col_ci95": {"vi": "Khoảng tin cậy 95%", "en": "95% interval"},
    "col_p10_p90": {"vi": "P10–P90", "en": "P10–P90"},
    "col_share_under": {"vi": "Dưới ngưỡng", "en": "Under the threshold"},
    "not_enough_samples": {"vi": "Chưa đủ mẫu", "en": "Not enough samples"},
    "operator_comparison": {"vi": "So sánh nhà mạng", "en": "Operators side by side"},
    "where": {"vi": "Phạm vi", "en": "Where"},
    "whole_province": {"vi": "Toàn tỉnh", "en": "Whole province"},
    "operator_note": {
        "vi": "Trung vị, khoảng tin cậy 95% (thống kê thứ tự), phân vị 10 và 90; số mẫu ở mỗi dòng.",
        "en": "Median, 95% interval (order statistics), 10th and 90th percentiles; sample count on every row.",
    },
    "below_threshold_title": {
        "vi": "Xã có trung vị tải xuống dưới {threshold} Mbps ({category})",
        "en": "Communes with median download under {threshold} Mbps ({category})",
    },
    "evidence_min_samples": {
        "vi": "Chỉ xét xã có ít nhất (mẫu của nhà mạng)",
        "en": "Only communes with at least (operator's samples)",
    },
    "none_below": {
        "vi": "Không có xã nào dưới ngưỡng với đủ mẫu.",
        "en": "No commune under the threshold with enough samples.",
    },
    "evidence_title": {
        "vi": "Xã có trung vị tải xuống {category} của {operator} dưới {threshold} Mbps — {period}",
        "en": "Communes where {operator}'s median {category} download is under {threshold} Mbps — {period}",
    },
    "download_evidence": {"vi": "Tải bảng bằng chứng (XLSX)", "en": "Download the evidence (XLSX)"},
    "monthly_trend": {"vi": "Diễn biến trung vị theo tháng", "en": "Monthly medians"},
    "trend_note": {
        "vi": "Bảng dưới: số mẫu mỗi tháng của từng nhà mạng.",
        "en": "Below: samples per month and operator.",
    },
    "verdict_clearly": {"vi": "Chắc chắn dưới ngưỡng", "en": "Clearly under"},
    "verdict_probably": {"vi": "Có thể dưới ngưỡng", "en": "Probably under"},
    "col_verdict": {"vi": "Kết luận (khoảng tin cậy 95%)", "en": "Verdict (95% interval)"},
    # overview
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
    "compliance": {"vi": "Tỷ lệ đạt chỉ tiêu đo hằng tuần", "en": "Compliance with the weekly target"},
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

#: Names for the codes stored in the database, by field: code -> {language: name}.
VALUE_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "operator": {
        "viettel": {"vi": "Viettel"},
        "vnpt": {"vi": "VNPT"},
        "mobifone": {"vi": "MobiFone"},
        "fpt": {"vi": "FPT Telecom"},
        "cmc": {"vi": "CMC Telecom"},
        "vietnamobile": {"vi": "Vietnamobile"},
        "other": {"vi": "Khác", "en": "Other"},
    },
    "technology": {
        "wifi": {"vi": "Wi-Fi"},
        "ethernet": {"vi": "Ethernet"},
        "2g": {"vi": "2G"},
        "3g": {"vi": "3G"},
        "4g": {"vi": "4G"},
        "5g": {"vi": "5G"},
    },
    "access": {
        "fixed": {"vi": "Băng rộng cố định", "en": "Fixed broadband"},
        "mobile": {"vi": "Di động", "en": "Mobile"},
    },
    "agency_kind": {
        "department": {"vi": "Sở, ban, ngành", "en": "Provincial department"},
        "commune_committee": {"vi": "UBND xã, phường", "en": "Commune People's Committee"},
        "mass_organisation": {"vi": "Tổ chức chính trị – xã hội", "en": "Political–social organisation"},
        "press": {"vi": "Báo chí", "en": "Press"},
        "telecom": {"vi": "Doanh nghiệp viễn thông", "en": "Telecom company"},
        "other": {"vi": "Khác", "en": "Other"},
    },
    "identifier_kind": {
        "account": {"vi": "Tài khoản i-Speed", "en": "i-Speed account"},
        "phone": {"vi": "Số điện thoại", "en": "Phone"},
        "email": {"vi": "Email"},
        "none": {"vi": "Không có định danh", "en": "No identifier"},
    },
}
UNKNOWN = {"vi": "Không rõ", "en": "Unknown"}

for _more in (i18n_access.LABELS, i18n_import.LABELS, i18n_rules.LABELS, i18n_mail.LABELS):
    # A key defined twice would silently change a label elsewhere.
    if set(_more) & set(LABELS):
        raise RuntimeError(f"labels defined twice: {sorted(set(_more) & set(LABELS))}")
    LABELS |= _more
VALUE_NAMES |= i18n_access.VALUE_NAMES


def value_name(field: str, code, language: str = DEFAULT_LANGUAGE) -> str:
    """The reader's name for a stored code (an operator, technology, access or
    agency kind); a missing or 'unknown' code reads "Không rõ" / "Unknown"."""
    if code is None or code != code or code == "unknown":  # code != code: NaN
        return UNKNOWN[language]
    names = VALUE_NAMES.get(field, {}).get(code)
    if not names:
        return str(code)
    return names.get(language) or names[DEFAULT_LANGUAGE]


def number(value: float | None, language: str = DEFAULT_LANGUAGE, decimals: int = 0, signed: bool = False) -> str:
    """A number as the reader writes it (Babel's rules for the language): 12.345,6 in
    Vietnamese, 12,345.6 in English; ``signed`` writes +4,7 for a change."""
    if value is None or value != value:  # value != value: NaN, a figure with no sample
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=NUMBER_LOCALES[language])


def percent(share: float | None, language: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A share (0.242) as a percentage the reader writes: 24,2% in Vietnamese, 24.2% in English."""
    if share is None or share != share:
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return format_percent(share, format=pattern, locale=NUMBER_LOCALES[language])


#: Vega-Lite's number locale per language: charts' axes and tooltips written as the text around them.
CHART_LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["$", ""]},
}


def label(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The label for ``key`` in ``language``, falling back to Vietnamese, then the key."""
    entry = LABELS.get(key, {})
    return entry.get(language) or entry.get(DEFAULT_LANGUAGE) or key
