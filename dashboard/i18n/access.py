"""Labels for sign-in, accounts, the audit log and imports through the web page
(merged into :data:`dashboard.i18n.LABELS`)."""

LABELS: dict[str, dict[str, str]] = {
    "sign_in_title": {"vi": "Đăng nhập", "en": "Sign in"},
    "sign_in_intro": {
        "vi": "Bảng điều khiển chứa họ tên và số điện thoại của cán bộ, công chức (dữ liệu cá nhân theo Nghị định "
        "13/2023/NĐ-CP). Đăng nhập bằng tài khoản Sở cấp cho cơ quan, đơn vị của bạn.",
        "en": "The dashboard holds the names and phone numbers of public employees (personal data under Decree "
        "13/2023/ND-CP). Sign in with the account the department gave your agency.",
    },
    "username": {"vi": "Tên đăng nhập", "en": "User name"},
    "password": {"vi": "Mật khẩu", "en": "Password"},
    "sign_in": {"vi": "Đăng nhập", "en": "Sign in"},
    "sign_in_sso": {"vi": "Đăng nhập bằng tài khoản công vụ", "en": "Sign in with the department's account"},
    "sign_out": {"vi": "Đăng xuất", "en": "Sign out"},
    "wrong_password": {"vi": "Sai tên đăng nhập hoặc mật khẩu.", "en": "Wrong user name or password."},
    "throttled": {
        "vi": "Đã nhập sai nhiều lần. Vui lòng thử lại sau {seconds} giây.",
        "en": "Too many failed attempts. Please try again in {seconds} seconds.",
    },
    "server_busy": {
        "vi": "Máy chủ đang bận, vui lòng thử lại sau giây lát.",
        "en": "The server is busy; please try again in a moment.",
    },
    "agency_gone": {
        "vi": "Cơ quan của tài khoản này không còn trong danh sách. Liên hệ quản trị viên của Sở.",
        "en": "This account's agency is no longer on the roster. Ask the department's administrator.",
    },
    "sso_unknown": {
        "vi": "Tài khoản {email} chưa được cấp quyền trên bảng điều khiển. Liên hệ quản trị viên của Sở.",
        "en": "{email} has no access to the dashboard yet. Ask the department's administrator.",
    },
    "no_account_yet": {
        "vi": "Chưa có tài khoản nào. Trên máy chủ, tạo quản trị viên đầu tiên bằng lệnh: "
        "python -m dashboard users add TÊN --role admin",
        "en": "No account yet. On the server, create the first administrator with: "
        "python -m dashboard users add NAME --role admin",
    },
    "demo_accounts": {
        "vi": "Dữ liệu mẫu: đăng nhập thử bằng một trong các tài khoản dưới đây (mật khẩu trùng tên đăng nhập). "
        "Các tài khoản này bị xoá cùng dữ liệu mẫu khi nhập dữ liệu thật.",
        "en": "Demo data: try one of the accounts below (the password is the user name). They are removed with "
        "the demo when real data is imported.",
    },
    "signed_in_as": {"vi": "Đăng nhập: **{user}** · {role}", "en": "Signed in: **{user}** · {role}"},
    "page_import": {"vi": "Nhập dữ liệu", "en": "Import"},
    "page_accounts": {"vi": "Tài khoản và nhật ký", "en": "Accounts and audit log"},
    # imports through the web page
    "import_title": {"vi": "Nhập dữ liệu", "en": "Import data"},
    "import_note": {
        "vi": "Cùng cách kiểm tra như khi nhập bằng dòng lệnh trên máy chủ: mỗi tệp được nhập trọn vẹn hoặc không "
        "nhập gì; tệp lỗi không làm thay đổi dữ liệu; dòng đã có không nhập lại. Tối đa {mb} MB mỗi tệp (tệp lớn "
        "hơn: nhập bằng dòng lệnh).",
        "en": "The same checks as an import on the server's command line: each file is imported whole or not at "
        "all; a bad file changes nothing; rows already stored are skipped. At most {mb} MB a file (larger ones: "
        "the command line).",
    },
    "import_measurements": {"vi": "Kết quả đo i-Speed (CSV, XLSX)", "en": "i-Speed measurements (CSV, XLSX)"},
    "import_roster": {
        "vi": "Danh sách cơ quan và cán bộ (các tệp cùng một lần nhập)",
        "en": "Agencies and staff (the files form one import)",
    },
    "import_as_of": {"vi": "Ngày áp dụng thay đổi cơ quan", "en": "Date of agency changes"},
    "import_run": {"vi": "Nhập", "en": "Import"},
    "import_done": {"vi": "Đã nhập {file}.", "en": "Imported {file}."},
    "import_failed": {"vi": "Không nhập được {file}: {reason}", "en": "Could not import {file}: {reason}"},
    "import_failed_named": {"vi": "Không nhập được — {reason}", "en": "Not imported — {reason}"},
    "import_too_big": {
        "vi": "{file} lớn hơn {mb} MB; hãy nhập bằng dòng lệnh trên máy chủ.",
        "en": "{file} is larger than {mb} MB; import it with the command line on the server.",
    },
    "import_details": {"vi": "Chi tiết lần nhập", "en": "Import details"},
    "rows_read": {"vi": "Số dòng đọc", "en": "Rows read"},
    "rows_imported": {"vi": "Đã nhập", "en": "Imported"},
    "already_present": {"vi": "Đã có từ trước", "en": "Already present"},
    "rows_rejected": {"vi": "Bị loại", "en": "Rejected"},
    "agencies_added": {"vi": "Cơ quan mới", "en": "Agencies added"},
    "staff_added": {"vi": "Cán bộ mới", "en": "Staff added"},
    "staff_moved": {"vi": "Chuyển cơ quan", "en": "Moved agency"},
    "staff_left": {"vi": "Nghỉ", "en": "Left"},
    "download_rejects": {"vi": "Tải các dòng bị loại (CSV)", "en": "Download the rejected rows (CSV)"},
    # accounts and the audit log
    "accounts": {"vi": "Tài khoản", "en": "Accounts"},
    "add_account": {"vi": "Thêm tài khoản", "en": "Add an account"},
    "change_account": {"vi": "Sửa hoặc xoá tài khoản", "en": "Change or remove an account"},
    "role": {"vi": "Vai trò", "en": "Role"},
    "display_name": {"vi": "Họ tên", "en": "Name"},
    "agency_of_user": {"vi": "Cơ quan (với vai trò cơ quan)", "en": "Agency (for the agency role)"},
    "save": {"vi": "Lưu", "en": "Save"},
    "remove_account": {"vi": "Xoá tài khoản", "en": "Remove the account"},
    "remove_self": {
        "vi": "Không thể tự xoá tài khoản đang đăng nhập.",
        "en": "You cannot remove the account you are signed in with.",
    },
    "new_password": {"vi": "Mật khẩu mới (để trống nếu không đổi)", "en": "New password (empty: unchanged)"},
    "account_saved": {"vi": "Đã lưu tài khoản {user}.", "en": "Saved the account {user}."},
    "account_removed": {"vi": "Đã xoá tài khoản {user}.", "en": "Removed the account {user}."},
    "audit_log": {"vi": "Nhật ký truy cập", "en": "Audit log"},
    "audit_note": {
        "vi": "Đăng nhập, nhập dữ liệu, tải danh sách và thay đổi tài khoản (giờ Việt Nam).",
        "en": "Sign-ins, imports, downloads and account changes (Vietnam time).",
    },
    "col_at": {"vi": "Thời điểm", "en": "When"},
    "col_user": {"vi": "Tài khoản", "en": "Account"},
    "col_action": {"vi": "Việc", "en": "Action"},
    "col_detail": {"vi": "Chi tiết", "en": "Detail"},
    "col_has_password": {"vi": "Có mật khẩu", "en": "Has a password"},
    "contacts_masked_note": {
        "vi": "Số điện thoại và email được che; chỉ quản trị viên và chính cơ quan tải được danh sách đầy đủ.",
        "en": "Phones and e-mails are masked; only administrators and the agency itself download them in full.",
    },
    "targets_admin_only": {
        "vi": "Chỉ quản trị viên của Sở sửa được chỉ tiêu.",
        "en": "Only the department's administrators edit targets.",
    },
    # the audit log's details (access/audit.py described(): "audit_" + key)
    "audit_audit_log": {"vi": "Nhật ký hoạt động, {rows} dòng, {file}", "en": "Audit log, {rows} rows, {file}"},
    "audit_uncovered_list": {
        "vi": "Danh sách xã, phường chưa đủ mẫu ({access}), {period}, {rows} dòng, {file}",
        "en": "Communes short of samples ({access}), {period}, {rows} rows, {file}",
    },
    "audit_reminder_list_full": {
        "vi": "Danh sách nhắc nhở {agency}, {week}, {people} người, liên hệ đầy đủ, {file}",
        "en": "Reminder list {agency}, {week}, {people} people, contacts in full, {file}",
    },
    "audit_reminder_list_masked": {
        "vi": "Danh sách nhắc nhở {agency}, {week}, {people} người, liên hệ đã che, {file}",
        "en": "Reminder list {agency}, {week}, {people} people, contacts masked, {file}",
    },
    "audit_evidence": {
        "vi": "Bằng chứng chất lượng: {operator}, {category}, {period}, {rows} dòng, {file}",
        "en": "Quality evidence: {operator}, {category}, {period}, {rows} rows, {file}",
    },
    "audit_report": {"vi": "Báo cáo {period}, {file}", "en": "Report {period}, {file}"},
    "audit_participation_table": {
        "vi": "Bảng tham gia của các cơ quan, {first}–{last}, {agencies} cơ quan, {file}",
        "en": "Agencies' participation, {first}–{last}, {agencies} agencies, {file}",
    },
    "audit_agency_packs_zip": {
        "vi": "Gói kết quả của các cơ quan, {week}, liên hệ đầy đủ, {file}",
        "en": "Agency packs, {week}, contacts in full, {file}",
    },
    "audit_agency_packs": {
        "vi": "Gói kết quả của các cơ quan, {week}, {agencies} cơ quan, liên hệ đầy đủ, lưu vào {folder}",
        "en": "Agency packs, {week}, {agencies} agencies, contacts in full, written to {folder}",
    },
    "audit_targets_cleared": {
        "vi": "Bỏ chỉ tiêu riêng: mọi xã, phường theo ngưỡng chung",
        "en": "Targets cleared: every commune back to the floor",
    },
    "audit_targets_saved": {"vi": "{count} chỉ tiêu", "en": "{count} targets"},
    "audit_import_measurements": {
        "vi": "Kết quả đo {name}: đọc {read} dòng, nhập {imported}",
        "en": "Measurements {name}: read {read}, imported {imported}",
    },
    "audit_import_failed": {"vi": "{name}: {reason_vi}", "en": "{name}: {reason_en}"},
    # A reason that names the file itself (most do): the file is not named twice.
    "audit_import_failed_named": {"vi": "{reason_vi}", "en": "{reason_en}"},
    "audit_import_roster": {
        "vi": "Danh sách {name}: thêm {agencies} cơ quan và {staff} cán bộ, {moved} chuyển, {left} rời",
        "en": "Roster {name}: {agencies} agencies and {staff} staff added, {moved} moved, {left} left",
    },
    "audit_agency_gone": {"vi": "Cơ quan {agency} không còn", "en": "Agency {agency} no longer exists"},
    "audit_unknown_name": {"vi": "Tên đăng nhập không tồn tại", "en": "Unknown user name"},
    "audit_unknown_name_wait": {
        "vi": "Tên đăng nhập không tồn tại; chờ {seconds} giây",
        "en": "Unknown user name; wait {seconds} s",
    },
    "audit_wait": {"vi": "Chờ {seconds} giây", "en": "Wait {seconds} s"},
    "audit_mail_sent": {
        "vi": "Thư tuần {week} gửi tới {recipients}: “{subject}”, đính kèm {files}",
        "en": "Weekly mail {week} to {recipients}: “{subject}”, attached {files}",
    },
    "audit_mail_failed": {
        "vi": "Thư tuần {week} không gửi được tới {recipients}: “{subject}”, đính kèm {files} — {error}",
        "en": "Weekly mail {week} not sent to {recipients}: “{subject}”, attached {files} — {error}",
    },
}

VALUE_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "role": {
        "admin": {"vi": "Quản trị viên", "en": "Administrator"},
        "viewer": {"vi": "Xem toàn tỉnh", "en": "Viewer"},
        "agency": {"vi": "Cơ quan, đơn vị", "en": "Agency user"},
    },
    "audit_action": {
        "sign_in": {"vi": "Đăng nhập", "en": "Signed in"},
        "sign_in_failed": {"vi": "Đăng nhập sai", "en": "Failed sign-in"},
        "sign_in_throttled": {"vi": "Bị chặn tạm", "en": "Slowed down"},
        "sign_out": {"vi": "Đăng xuất", "en": "Signed out"},
        "import": {"vi": "Nhập dữ liệu", "en": "Import"},
        "import_failed": {"vi": "Nhập lỗi", "en": "Failed import"},
        "download": {"vi": "Tải xuống", "en": "Download"},
        "personal_data_download": {"vi": "Tải dữ liệu cá nhân", "en": "Personal data downloaded"},
        "user_added": {"vi": "Thêm tài khoản", "en": "Account added"},
        "user_removed": {"vi": "Xoá tài khoản", "en": "Account removed"},
        "role_changed": {"vi": "Đổi vai trò", "en": "Role changed"},
        "password_changed": {"vi": "Đổi mật khẩu", "en": "Password changed"},
        "targets_saved": {"vi": "Lưu chỉ tiêu", "en": "Targets saved"},
        "setting_changed": {"vi": "Đổi cài đặt", "en": "Setting changed"},
        "mail_sent": {"vi": "Gửi thư", "en": "Mail sent"},
        "mail_failed": {"vi": "Gửi thư lỗi", "en": "Mail failed"},
    },
}
