"""Labels for each agency's pack, the weekly mail and its settings (merged into
:data:`dashboard.i18n.LABELS`)."""

LABELS: dict[str, dict[str, str]] = {
    # the pack
    "pack_title": {"vi": "Kết quả đo i-Speed {week} — {agency}", "en": "i-Speed results, {week} — {agency}"},
    "pack_sheet_summary": {"vi": "Kết quả tuần", "en": "The week"},
    "pack_sheet_weeks": {"vi": "Các tuần", "en": "Weeks"},
    "pack_sheet_people": {"vi": "Cán bộ theo tuần", "en": "Staff by week"},
    "pack_sheet_reminders": {"vi": "Cần nhắc", "en": "To remind"},
    "pack_col_figure": {"vi": "Chỉ số", "en": "Figure"},
    "pack_col_province": {"vi": "Toàn tỉnh", "en": "Province"},
    "pack_col_target": {"vi": "Chỉ tiêu", "en": "Target"},
    "pack_col_province_compliance": {"vi": "Tỷ lệ đạt toàn tỉnh (%)", "en": "Province compliance (%)"},
    "pack_row_staff": {"vi": "Cán bộ trong danh sách", "en": "Staff on the roster"},
    "pack_row_staff_tested": {"vi": "Cán bộ đã đo", "en": "Staff who tested"},
    "pack_row_staff_met_target": {
        "vi": "Cán bộ đạt chỉ tiêu (ít nhất {target} lượt)",
        "en": "Staff meeting the target (at least {target} tests)",
    },
    "pack_row_compliance": {"vi": "Tỷ lệ đạt chỉ tiêu (%)", "en": "Compliance (%)"},
    "pack_row_previous": {"vi": "Tỷ lệ đạt tuần trước (%)", "en": "Compliance the week before (%)"},
    "pack_row_change": {"vi": "Thay đổi so với tuần trước (điểm %)", "en": "Change on the week before (pts)"},
    "pack_row_tests": {"vi": "Lượt đo", "en": "Tests"},
    "pack_row_per_person": {"vi": "Lượt đo/người/tuần", "en": "Tests per person per week"},
    "pack_row_behind": {"vi": "Cán bộ chưa đạt (cần nhắc)", "en": "Staff behind the target (to remind)"},
    "pack_row_never": {"vi": "Cán bộ chưa đo lần nào", "en": "Staff who never tested"},
    "pack_row_rank": {
        "vi": "Xếp hạng theo tỷ lệ đạt (trong {n} cơ quan, đơn vị)",
        "en": "Rank by compliance (of {n} agencies)",
    },
    "pack_col_file": {"vi": "Tệp", "en": "File"},
    "pack_col_email": {"vi": "Địa chỉ email", "en": "E-mail address"},
    "pack_index_sheet": {"vi": "Danh mục", "en": "Index"},
    "pack_index_title": {
        "vi": "Danh mục kết quả gửi các cơ quan, đơn vị — {week}",
        "en": "Results sent to each agency — {week}",
    },
    # the participation page
    "download_packs_zip": {
        "vi": "Tải kết quả từng cơ quan, tuần {week} (ZIP)",
        "en": "Each agency's results, week {week} (ZIP)",
    },
    "download_packs_help": {
        "vi": "Mỗi cơ quan một tệp Excel, có đầy đủ số điện thoại, email để nhắc cán bộ; kèm danh mục địa chỉ gửi.",
        "en": "One Excel file per agency, with phones and e-mails in full for reminders; with an index of addresses.",
    },
    # the weekly mail
    "mail_agency_subject": {
        "vi": "Kết quả đo i-Speed tuần {number}/{year} — {agency}",
        "en": "i-Speed results, week {number}/{year} — {agency}",
    },
    "mail_agency_greeting": {"vi": "Kính gửi: {agency}", "en": "To: {agency}"},
    "mail_agency_intro": {
        "vi": "Kết quả đo tốc độ Internet bằng ứng dụng i-Speed của cán bộ, công chức cơ quan, đơn vị trong {week}:",
        "en": "Your staff's Internet speed tests with the i-Speed app in {week}:",
    },
    "mail_line_staff": {
        "vi": "- Cán bộ trong danh sách: {staff}; đã đo: {tested}; đạt chỉ tiêu (ít nhất {target} lượt/tuần): {met}.",
        "en": "- Staff on the roster: {staff}; tested: {tested}; met the target (at least {target} tests a week): {met}.",
    },
    "mail_line_compliance": {
        "vi": "- Tỷ lệ đạt chỉ tiêu: {compliance} (tuần trước: {previous}; toàn tỉnh: {province}).",
        "en": "- Compliance: {compliance} (the week before: {previous}; province: {province}).",
    },
    "mail_line_rank": {
        "vi": "- Xếp hạng theo tỷ lệ đạt: {rank}/{n} cơ quan, đơn vị.",
        "en": "- Rank by compliance: {rank} of {n} agencies.",
    },
    "mail_line_behind": {
        "vi": "- Cán bộ chưa đạt chỉ tiêu: {behind}, trong đó chưa đo lần nào: {never}.",
        "en": "- Staff behind the target: {behind}, of whom never tested: {never}.",
    },
    "mail_agency_attachment": {
        "vi": "Tệp đính kèm {file} có chi tiết từng cán bộ theo tuần và danh sách cần nhắc kèm số điện thoại, email. "
        "Đề nghị cơ quan, đơn vị nhắc cán bộ đo ít nhất {target} lần mỗi tuần.",
        "en": "The attached {file} has each person's weeks and the reminder list with phones and e-mails. "
        "Please remind your staff to test at least {target} times a week.",
    },
    "mail_personal_data": {
        "vi": "Tệp có dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP): chỉ dùng để nhắc cán bộ, không chuyển tiếp.",
        "en": "The file holds personal data (Decree 13/2023/ND-CP): use it to remind your staff only; do not "
        "forward it.",
    },
    "mail_automatic": {
        "vi": "Thư gửi tự động từ bảng điều khiển chiến dịch i-Speed Lai Châu.",
        "en": "Sent automatically by the i-Speed campaign dashboard, Lai Châu.",
    },
    "mail_department_subject": {
        "vi": "Báo cáo kết quả đo i-Speed tuần {number}/{year}",
        "en": "i-Speed report, week {number}/{year}",
    },
    "mail_department_intro": {
        "vi": "Báo cáo kết quả chiến dịch đo i-Speed {week} gửi kèm thư này ({file}).",
        "en": "The i-Speed campaign report for {week} is attached ({file}).",
    },
    "mail_department_province": {
        "vi": "- Toàn tỉnh: {staff} cán bộ, đạt chỉ tiêu {met} ({compliance}; tuần trước: {previous}).",
        "en": "- Province: {staff} staff, {met} met the target ({compliance}; the week before: {previous}).",
    },
    "mail_department_sent": {
        "vi": "- Kết quả gửi {sent} cơ quan, đơn vị có địa chỉ email; {skipped} cơ quan, đơn vị chưa có địa chỉ.",
        "en": "- Results sent to the {sent} agencies with an e-mail address; {skipped} agencies have none.",
    },
    # the settings page
    "settings_mail": {"vi": "Gửi thư hằng tuần", "en": "Weekly mail"},
    "setting_department_recipients": {
        "vi": "Người nhận báo cáo tuần của Sở",
        "en": "The department's recipients of the weekly report",
    },
    "setting_department_recipients_help": {
        "vi": "Mỗi dòng một địa chỉ email. Mỗi cơ quan, đơn vị nhận kết quả của mình theo địa chỉ trong danh sách "
        "cơ quan (cột Email).",
        "en": "One e-mail address a line. Each agency gets its own results at the address of the agency list "
        "(column Email).",
    },
    "setting_recipient_refused": {
        "vi": "“{address}” không phải một địa chỉ email (ví dụ: ten@laichau.gov.vn).",
        "en": "“{address}” is not one e-mail address (such as ten@laichau.gov.vn).",
    },
    "setting_recipients_too_many": {
        "vi": "Báo cáo tuần gửi tối đa {n} địa chỉ.",
        "en": "The weekly report goes to {n} addresses at most.",
    },
}
