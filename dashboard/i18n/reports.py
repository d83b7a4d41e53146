"""Labels of the official report: the download on the overview page and the report's
settings (Vietnamese and English), and the report's own words (``doc_*``).

The report is an official Vietnamese administrative document (Decree 30/2020/NĐ-CP):
its words have Vietnamese only, and :func:`dashboard.i18n.label` gives them in any
language.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # the overview page's download
    "report_title": {"vi": "Báo cáo chính thức", "en": "Official report"},
    "report_note": {
        "vi": "{period}: báo cáo theo thể thức Nghị định 30/2020/NĐ-CP, lập từ số liệu hiện có khi bấm tải; số "
        "văn bản để trống để văn thư ghi.",
        "en": "{period}: the report laid out as Decree 30/2020/NĐ-CP asks, made from the current data when a "
        "button is pressed; its number is left blank for the clerk.",
    },
    "report_download_docx": {"vi": "Tải báo cáo (DOCX)", "en": "Download the report (DOCX)"},
    "report_download_pdf": {"vi": "Tải báo cáo (PDF)", "en": "Download the report (PDF)"},
    # the settings page
    "setting_document_symbol": {
        "vi": "Ký hiệu văn bản (sau số, ví dụ BC-SKHCN)",
        "en": "Document symbol (after the number, e.g. BC-SKHCN)",
    },
    "setting_place_name": {"vi": "Địa danh (dòng ngày tháng)", "en": "Place (in the date line)"},
    "setting_signer_title_line1": {
        "vi": "Chức vụ người ký, dòng 1 (ví dụ GIÁM ĐỐC, hoặc KT. GIÁM ĐỐC)",
        "en": "Signer's title, line 1 (e.g. GIÁM ĐỐC, or KT. GIÁM ĐỐC)",
    },
    "setting_signer_title_line2": {
        "vi": "Chức vụ người ký, dòng 2 (ví dụ PHÓ GIÁM ĐỐC; để trống nếu ký trực tiếp)",
        "en": "Signer's title, line 2 (e.g. PHÓ GIÁM ĐỐC; blank when signing in their own name)",
    },
    "setting_recipients": {
        "vi": "Nơi nhận (mỗi dòng một nơi, dòng cuối: Lưu: VT)",
        "en": "Recipients (one per line, the last one: Lưu: VT)",
    },
    # the report itself (Vietnamese only)
    "doc_national_title": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
    "doc_motto": {"vi": "Độc lập - Tự do - Hạnh phúc"},
    "doc_number": {"vi": "Số: ……/{symbol}"},
    "doc_place_date": {"vi": "{place}, ngày {day} tháng {month} năm {year}"},
    "doc_kind": {"vi": "BÁO CÁO"},
    "doc_subject": {"vi": "Kết quả triển khai đo chất lượng Internet bằng ứng dụng i-Speed {period}"},
    "doc_demo": {"vi": "(Số liệu mô phỏng của chiến dịch mẫu, không phải kết quả đo thực tế)"},
    "doc_week": {"vi": "tuần {week}"},
    "doc_week_of_year": {"vi": "tuần {week}/{year}"},
    "doc_week_span": {"vi": "tuần {week} ({first}–{last})"},
    "doc_month": {"vi": "tháng {month}"},
    "doc_opening": {
        "vi": "Thực hiện chủ trương đo chất lượng mạng Internet bằng ứng dụng i-Speed của Trung tâm Internet Việt "
        "Nam (VNNIC), mỗi cán bộ, công chức, viên chức trên địa bàn tỉnh đo tối thiểu {target} lần mỗi tuần; VNNIC "
        "chỉ đánh giá một xã, phường khi có từ {floor} mẫu đo mỗi loại (băng rộng cố định, di động) trong tháng. "
        "Kết quả triển khai {period} như sau:"
    },
    "doc_part_results": {"vi": "I. KẾT QUẢ THỰC HIỆN"},
    "doc_part_proposals": {"vi": "II. ĐỀ XUẤT, KIẾN NGHỊ"},
    "doc_headline_heading": {"vi": "1. Số liệu chung"},
    "doc_tests": {"vi": "Trong {period}, toàn tỉnh có {tests} lượt đo, {change} so với {previous}."},
    "doc_up": {"vi": "tăng {value}"},
    "doc_down": {"vi": "giảm {value}"},
    "doc_same": {"vi": "không thay đổi"},
    "doc_tests_change": {"vi": "{value} lượt"},
    "doc_no_tests_before": {"vi": "kỳ trước chưa có lượt đo"},
    "doc_staff": {
        "vi": "Có {tested}/{roster} cán bộ, công chức, viên chức trong danh sách đã thực hiện đo; {met} người "
        "đạt chỉ tiêu {target} lượt/tuần{every_week}."
    },
    "doc_every_week": {"vi": " trong tất cả các tuần được tính"},
    "doc_compliance": {"vi": "Tỷ lệ đạt chỉ tiêu là {share}, {change} so với {previous}."},
    "doc_compliance_first": {"vi": "Tỷ lệ đạt chỉ tiêu là {share}."},
    "doc_points": {"vi": "{value} điểm phần trăm"},
    "doc_points_short": {"vi": "{value} điểm %"},
    "doc_no_week_counted": {
        "vi": "Chưa có tuần nào của kỳ kết thúc nên chưa tính tỷ lệ đạt chỉ tiêu và mức độ tham gia của các cơ "
        "quan, đơn vị."
    },
    "doc_in_progress": {
        "vi": "{week} đang diễn ra: số liệu tính đến ngày {today}; tuần này chưa được tính là không đạt."
    },
    "doc_in_progress_month": {"vi": "{week} đang diễn ra nên chưa được tính vào tỷ lệ đạt chỉ tiêu của tháng."},
    "doc_not_on_roster": {"vi": "Ngoài ra có {tests} lượt đo của người không có trong danh sách cán bộ (tính riêng)."},
    "doc_headline_table": {"vi": "Bảng 1. Số liệu chính {period} so với {previous}"},
    "doc_col_number": {"vi": "TT"},
    "doc_col_figure": {"vi": "Chỉ tiêu"},
    "doc_col_change": {"vi": "Tăng (+), giảm (-)"},
    "doc_row_tests": {"vi": "Số lượt đo"},
    "doc_row_roster": {"vi": "Cán bộ trong danh sách (người)"},
    "doc_row_tested": {"vi": "Cán bộ đã đo (người)"},
    "doc_row_met": {"vi": "Cán bộ đạt chỉ tiêu (người)"},
    "doc_row_compliance": {"vi": "Tỷ lệ đạt chỉ tiêu"},
    "doc_row_communes_fixed": {"vi": "Xã, phường đủ mẫu băng rộng cố định"},
    "doc_row_communes_mobile": {"vi": "Xã, phường đủ mẫu di động"},
    "doc_row_median_fixed": {"vi": "Tốc độ tải xuống trung vị, băng rộng cố định (Mbps)"},
    "doc_row_median_mobile": {"vi": "Tốc độ tải xuống trung vị, di động (Mbps)"},
    "doc_row_not_on_roster": {"vi": "Lượt đo của người ngoài danh sách"},
    "doc_headline_note": {
        "vi": "Ghi chú: tỷ lệ đạt chỉ tiêu là số lượt người - tuần đo đủ {target} lần trên tổng số lượt người - "
        "tuần có trong danh sách; xã, phường đủ mẫu là xã có số mẫu hiệu lực (mỗi người tối đa {per_day} mẫu "
        "một ngày; lần đo cách lần trước dưới {burst} phút không tính) đạt chỉ tiêu của kỳ{share_of_month}; "
        "tốc độ là trung vị các lượt đo trong tỉnh."
    },
    "doc_week_share": {
        "vi": " (một tuần: {fixed} mẫu cố định, {mobile} mẫu di động, phần của tuần trong chỉ tiêu tháng)"
    },
    "doc_agencies_heading": {"vi": "2. Tình hình tham gia của các cơ quan, đơn vị"},
    "doc_agencies": {
        "vi": "Trong {weeks}, có {agencies} cơ quan, đơn vị có cán bộ trong danh sách; {good} cơ quan, đơn vị "
        "có tỷ lệ đạt chỉ tiêu từ {bar} trở lên, {weak} cơ quan, đơn vị dưới {bar} (chi tiết tại {appendix})."
    },
    "doc_agencies_best": {"vi": "Các cơ quan, đơn vị có tỷ lệ đạt cao nhất: {names}."},
    "doc_agencies_lowest": {"vi": "Các cơ quan, đơn vị có tỷ lệ đạt thấp nhất: {names}."},
    "doc_no_roster": {"vi": "Chưa có danh sách cán bộ của các cơ quan, đơn vị."},
    "doc_weeks_range": {"vi": "các tuần từ {first} đến {last}"},
    "doc_coverage_heading": {"vi": "3. Độ phủ mẫu đo theo xã, phường"},
    "doc_coverage": {
        "vi": "Lũy kế {month} (số liệu đến ngày {day}), có {fixed}/{communes} xã, phường đủ mẫu băng rộng cố "
        "định và {mobile}/{communes} xã, phường đủ mẫu di động theo chỉ tiêu tháng."
    },
    "doc_coverage_short": {
        "vi": "Còn {count} xã, phường thiếu mẫu, tổng cộng thiếu {fixed} mẫu băng rộng cố định và {mobile} mẫu "
        "di động (chi tiết tại {appendix}). Các xã, phường thiếu nhiều nhất: {names}."
    },
    "doc_short_fixed": {"vi": "{value} mẫu cố định"},
    "doc_short_mobile": {"vi": "{value} mẫu di động"},
    "doc_short_of": {"vi": "{name} (thiếu {what})"},
    "doc_needed_weekly": {
        "vi": "Để đủ mẫu trước ngày {end}, các xã, phường này cần đo thêm tổng cộng {fixed} mẫu cố định và "
        "{mobile} mẫu di động mỗi tuần."
    },
    "doc_needed_now": {
        "vi": "Trong {days} ngày còn lại của tháng, các xã, phường này cần đo thêm {fixed} mẫu cố định và {mobile} "
        "mẫu di động."
    },
    "doc_month_over": {"vi": "Tháng đã kết thúc: xã, phường không đủ mẫu không được VNNIC đánh giá trong tháng."},
    "doc_all_covered": {"vi": "Tất cả các xã, phường đã đủ mẫu theo chỉ tiêu tháng."},
    "doc_quality_heading": {"vi": "4. Chất lượng Internet theo nhà mạng"},
    "doc_quality": {"vi": "Trong {period}, tốc độ tải xuống trung vị toàn tỉnh là {medians}."},
    "doc_quality_access": {"vi": "{value} Mbps đối với {access} ({samples} mẫu)"},
    "doc_and": {"vi": " và "},
    "doc_quality_none": {"vi": "Trong {period} chưa có lượt đo tốc độ nào trong tỉnh."},
    "doc_access_fixed": {"vi": "băng rộng cố định"},
    "doc_access_mobile": {"vi": "di động"},
    "doc_quality_operators": {
        "vi": "Về {access}, trong các nhà mạng có từ {min_samples} mẫu trở lên, {best} có tốc độ trung vị cao nhất "
        "({best_value} Mbps), {worst} thấp nhất ({worst_value} Mbps); ngưỡng tham chiếu {threshold} Mbps."
    },
    "doc_quality_table": {"vi": "Bảng 2. Tốc độ tải xuống theo nhà mạng, {period}"},
    "doc_col_operator": {"vi": "Nhà mạng"},
    "doc_col_samples": {"vi": "Số mẫu"},
    "doc_col_median": {"vi": "Trung vị (Mbps)"},
    "doc_col_interval": {"vi": "Khoảng tin cậy 95% (Mbps)"},
    "doc_col_share_under": {"vi": "Tỷ lệ mẫu dưới ngưỡng"},
    "doc_group_access": {"vi": "{access} (ngưỡng {threshold} Mbps)"},
    "doc_quality_note": {
        "vi": "Ghi chú: khoảng tin cậy 95% của trung vị tính theo thống kê thứ tự, không giả định dạng phân phối; "
        "nhà mạng có ít mẫu thì khoảng rộng, cần thận trọng khi so sánh."
    },
    "doc_below": {
        "vi": "Có {count} trường hợp xã, phường - nhà mạng có tốc độ tải xuống trung vị thấp hơn rõ rệt ngưỡng "
        "(cả khoảng tin cậy 95% dưới ngưỡng, từ {min_samples} mẫu trở lên): {by_operator} (chi tiết tại "
        "{appendix})."
    },
    "doc_below_probably": {"vi": "Ngoài ra có {count} trường hợp có thể dưới ngưỡng (khoảng tin cậy chứa ngưỡng)."},
    "doc_below_none": {
        "vi": "Không có xã, phường nào có tốc độ tải xuống trung vị của một nhà mạng thấp hơn ngưỡng (từ "
        "{min_samples} mẫu trở lên)."
    },
    "doc_below_access": {"vi": "{access}: {operators}"},
    "doc_below_operator": {"vi": "{operator} ({count})"},
    "doc_trend_heading": {"vi": "5. Diễn biến theo tuần"},
    "doc_trend": {
        "vi": "Qua {count} tuần gần nhất ({weeks}), tỷ lệ đạt chỉ tiêu thấp nhất là {low} ({low_week}), cao nhất "
        "là {high} ({high_week}); số lượt đo mỗi tuần từ {fewest} đến {most} lượt (Hình 1)."
    },
    "doc_trend_caption": {"vi": "Hình 1. Số lượt đo và tỷ lệ cán bộ đạt chỉ tiêu theo tuần ({weeks})"},
    "doc_chart_tests": {"vi": "Số lượt đo"},
    "doc_chart_share": {"vi": "Tỷ lệ đạt chỉ tiêu (%)"},
    "doc_chart_week": {"vi": "Tuần"},
    "doc_propose_agencies": {
        "vi": "Đề nghị các cơ quan, đơn vị có tỷ lệ đạt dưới {bar} ({count} cơ quan, đơn vị, chi tiết tại "
        "{appendix}) quán triệt, đôn đốc cán bộ, công chức, viên chức đo tối thiểu {target} lần mỗi tuần bằng ứng "
        "dụng i-Speed; thủ trưởng cơ quan, đơn vị chịu trách nhiệm về kết quả thực hiện của đơn vị mình."
    },
    "doc_propose_communes": {
        "vi": "Đề nghị UBND các xã, phường còn thiếu mẫu ({count} xã, phường, chi tiết tại {appendix}) chủ động huy "
        "động cán bộ, công chức và người dân trên địa bàn đo bổ sung, bảo đảm đủ số mẫu theo quy định {when}."
    },
    "doc_before_day": {"vi": "trước ngày {day}"},
    "doc_next_month": {"vi": "ngay từ đầu tháng tiếp theo"},
    "doc_propose_operators": {
        "vi": "Đề nghị các doanh nghiệp viễn thông ({operators}) rà soát, nâng cao chất lượng dịch vụ tại các xã, "
        "phường có tốc độ tải xuống trung vị thấp hơn rõ rệt ngưỡng (chi tiết tại {appendix})."
    },
    "doc_propose_keep_on": {
        "vi": "Đề nghị các cơ quan, đơn vị, UBND các xã, phường tiếp tục duy trì việc đo thường xuyên bằng ứng "
        "dụng i-Speed."
    },
    "doc_end": {
        "vi": "Trên đây là báo cáo kết quả triển khai đo chất lượng Internet bằng ứng dụng i-Speed {period}./."
    },
    "doc_recipients": {"vi": "Nơi nhận:"},
    "doc_appendix": {"vi": "Phụ lục {number}"},
    "doc_attached": {"vi": "(Kèm theo Báo cáo số ……/{symbol} ngày {day})"},
    "doc_appendix_agencies": {"vi": "KẾT QUẢ THAM GIA ĐO CỦA CÁC CƠ QUAN, ĐƠN VỊ"},
    "doc_appendix_agencies_about": {"vi": "{weeks}; chỉ tiêu {target} lượt/người/tuần; xếp từ tỷ lệ đạt thấp đến cao."},
    "doc_appendix_agencies_average": {
        "vi": "Số cán bộ, số đã đo và số đạt chỉ tiêu là bình quân mỗi tuần; tỷ lệ đạt là số lượt người - tuần đạt "
        "chỉ tiêu trên tổng số lượt người - tuần."
    },
    "doc_col_agency": {"vi": "Cơ quan, đơn vị"},
    "doc_col_staff": {"vi": "Cán bộ"},
    "doc_col_tested": {"vi": "Đã đo"},
    "doc_col_met": {"vi": "Đạt chỉ tiêu"},
    "doc_col_compliance": {"vi": "Tỷ lệ đạt"},
    "doc_col_points": {"vi": "Tăng, giảm (điểm %)"},
    "doc_appendix_communes": {"vi": "DANH SÁCH XÃ, PHƯỜNG CHƯA ĐỦ MẪU ĐO {month}"},
    "doc_appendix_communes_about": {
        "vi": "Số liệu đến ngày {day}; đã có/chỉ tiêu là số mẫu hiệu lực so với chỉ tiêu tháng; xếp theo tổng số "
        "mẫu còn thiếu."
    },
    "doc_col_commune": {"vi": "Xã, phường"},
    "doc_col_have": {"vi": "Đã có/chỉ tiêu"},
    "doc_col_short": {"vi": "Còn thiếu"},
    "doc_col_per_week": {"vi": "Cần đo mỗi tuần"},
    "doc_col_now": {"vi": "Cần đo trong {days} ngày"},
    "doc_appendix_below": {"vi": "XÃ, PHƯỜNG CÓ TỐC ĐỘ TẢI XUỐNG TRUNG VỊ DƯỚI NGƯỠNG"},
    "doc_appendix_below_about": {
        "vi": "{period}; nhà mạng có từ {min_samples} mẫu trở lên tại xã, phường; xếp theo nhà mạng và trung vị."
    },
    "doc_col_verdict": {"vi": "Dưới ngưỡng"},
    "doc_verdict_clearly": {"vi": "Rõ rệt"},
    "doc_verdict_probably": {"vi": "Có thể"},
}
