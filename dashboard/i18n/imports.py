"""Vietnamese (default) and English labels of the import page's preview and confirmation."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "import_preview": {"vi": "Xem trước", "en": "Preview"},
    "import_preview_title": {
        "vi": "Xem trước: chưa có gì được ghi vào cơ sở dữ liệu. Kiểm tra rồi bấm «Nhập» để ghi, hoặc «Huỷ».",
        "en": "Preview: nothing has been written yet. Check it, then press “Import” to write it, or “Cancel”.",
    },
    "import_preview_each": {
        "vi": "Mỗi tệp được xem trước so với dữ liệu hiện có.",
        "en": "Each file is previewed against the data as it is now.",
    },
    "import_preview_of": {"vi": "Nếu nhập {file}:", "en": "If {file} is imported:"},
    "import_cannot": {"vi": "Không nhập được {file}: {reason}", "en": "{file} cannot be imported: {reason}"},
    "import_cannot_named": {"vi": "Không thể nhập — {reason}", "en": "Cannot be imported — {reason}"},
    "import_confirm": {"vi": "Nhập", "en": "Import"},
    "import_nothing_new": {
        "vi": "Tệp này không có lượt đo mới: mọi lượt đo trong tệp đã có trong cơ sở dữ liệu hoặc bị loại. "
        "Không có gì để nhập.",
        "en": "This file holds no new test: every test in it is already stored or rejected. There is nothing to "
        "import.",
    },
    "import_cancel": {"vi": "Huỷ", "en": "Cancel"},
    "import_cancelled": {"vi": "Đã huỷ; không có gì thay đổi.", "en": "Cancelled; nothing was changed."},
    "import_waiting": {
        "vi": "Đang chờ lượt nhập khác kết thúc…",
        "en": "Waiting for another import to finish…",
    },
    "import_no_file": {"vi": "Chưa chọn tệp nào để nhập.", "en": "No file chosen yet."},
    "import_not_applied": {
        "vi": "{file} chưa được nhập: dữ liệu đã thay đổi từ lúc xem trước. Hãy xem trước lại.",
        "en": "{file} was not imported: the data changed since the preview. Preview it again.",
    },
    "import_complete": {
        "vi": "Danh sách cán bộ là đầy đủ cho các cơ quan có trong tệp (người không có tên sẽ được ghi là đã nghỉ)",
        "en": "The staff list is complete for the agencies it names (anyone else is recorded as having left)",
    },
    "import_clear_empty": {
        "vi": "Ô trống xoá giá trị đang lưu (mặc định: giữ nguyên)",
        "en": "An empty cell clears the stored value (default: kept)",
    },
    "import_losses": {
        "vi": "Lần nhập này sẽ làm mất dữ liệu đang có. Chỉ bấm «Nhập» nếu đúng như vậy:",
        "en": "This import removes data that is stored now. Press “Import” only if that is intended:",
    },
    "choose_files": {"vi": "Chọn tệp", "en": "Choose files"},
    "first_admin_title": {"vi": "Tài khoản quản trị của bạn", "en": "Your administrator account"},
    "first_admin_note": {
        "vi": "Bạn đang dùng tài khoản minh hoạ, sẽ bị xoá cùng dữ liệu minh hoạ. Hãy đặt tên đăng nhập và mật khẩu "
        "cho tài khoản quản trị thật: tài khoản được tạo cùng lần nhập này và bạn vẫn đăng nhập bằng tài khoản đó.",
        "en": "You are using a demo account, which is removed with the demo data. Choose a user name and password for "
        "the real administrator account: it is created by this import, and you stay signed in with it.",
    },
    "first_admin_name": {"vi": "Tên đăng nhập", "en": "User name"},
    "first_admin_password": {"vi": "Mật khẩu (ít nhất {n} ký tự)", "en": "Password (at least {n} characters)"},
    "first_admin_again": {"vi": "Nhập lại mật khẩu", "en": "Password again"},
    "first_admin_mismatch": {"vi": "Hai mật khẩu không giống nhau.", "en": "The two passwords differ."},
    "first_admin_signed_in": {
        "vi": "Đã tạo tài khoản quản trị {user}; bạn đang đăng nhập bằng tài khoản này.",
        "en": "The administrator account {user} was created; you are signed in with it.",
    },
    "username_unusable": {
        "vi": "Tên đăng nhập dài 2–120 ký tự, chỉ gồm chữ không dấu, chữ số và . _ @ + -",
        "en": "A user name has 2-120 characters: letters without accents, digits and . _ @ + -",
    },
    "password_too_short": {"vi": "Mật khẩu cần ít nhất {n} ký tự.", "en": "A password needs at least {n} characters."},
    "account_is_demo": {
        "vi": "Tên này là của tài khoản minh hoạ, sẽ bị xoá; hãy chọn tên khác.",
        "en": "This is a demo account's name, removed with the demo; choose another.",
    },
    "account_exists": {"vi": "Đã có tài khoản mang tên này.", "en": "An account with this name exists."},
    "loss_demo_replaced": {
        "vi": "Xoá toàn bộ dữ liệu minh hoạ và các tài khoản minh hoạ (demo.admin, demo.viewer, demo.agency).",
        "en": "Remove the whole demo campaign and its accounts (demo.admin, demo.viewer, demo.agency).",
    },
    "loss_people_removed": {
        "vi": "Ghi nhận nghỉ việc cho những người không có trong danh sách đầy đủ.",
        "en": "Record as having left the people missing from the complete list.",
    },
    "loss_identifiers_removed": {
        "vi": "Xoá số điện thoại, tài khoản hoặc email đang lưu của một số cán bộ.",
        "en": "Remove stored phones, accounts or e-mails of some staff.",
    },
    "loss_identifiers_moved": {
        "vi": "Chuyển số điện thoại, tài khoản hoặc email từ người khác sang người trong tệp.",
        "en": "Take phones, accounts or e-mails from other people for the people in the file.",
    },
    "loss_links_lost": {
        "vi": "Một số lượt đo sẽ không còn gắn với cán bộ đang gắn.",
        "en": "Some tests will no longer be linked to the person they are linked to now.",
    },
    "import_rejected_rows": {"vi": "Các dòng sẽ bị loại ({n})", "en": "Rows that will be rejected ({n})"},
    "import_loss_details": {"vi": "Chi tiết theo từng người", "en": "Person by person"},
    "rows_imported_preview": {"vi": "Sẽ nhập", "en": "Would import"},
    "rows_rejected_preview": {"vi": "Sẽ bị loại", "en": "Would be rejected"},
    "agencies_added_preview": {"vi": "Cơ quan sẽ thêm", "en": "Agencies to add"},
    "staff_added_preview": {"vi": "Cán bộ sẽ thêm", "en": "Staff to add"},
    "agencies_changed": {"vi": "Cơ quan thay đổi", "en": "Agencies changed"},
    "identifiers_removed": {"vi": "Định danh bị xoá/chuyển", "en": "Identifiers removed or taken"},
    "links_lost": {"vi": "Lượt đo mất liên kết", "en": "Tests unlinked"},
    "import_col_line": {"vi": "Dòng", "en": "Line"},
    "import_col_reason": {"vi": "Lý do", "en": "Reason"},
    "import_col_change": {"vi": "Thay đổi", "en": "Change"},
    "import_col_staff_id": {"vi": "Mã cán bộ", "en": "Staff id"},
    "import_col_full_name": {"vi": "Họ và tên", "en": "Full name"},
    "import_col_agency_code": {"vi": "Mã cơ quan", "en": "Agency code"},
    "import_col_identifier_kind": {"vi": "Loại định danh", "en": "Identifier"},
    "import_col_from_staff_id": {"vi": "Của cán bộ", "en": "From"},
    "import_col_to_staff_id": {"vi": "Chuyển sang", "en": "To"},
    "change_left": {"vi": "Nghỉ (không có trong danh sách)", "en": "Left (not on the list)"},
    "change_identifier_taken": {"vi": "Chuyển định danh", "en": "Identifier taken"},
    # Why a row was set aside (ingest/rejects.py: REASONS), as the rejects list shows it.
    "reject_no_time": {"vi": "không có thời gian đo", "en": "no time of test"},
    "reject_bad_time": {"vi": "không đọc được thời gian đo", "en": "time not readable"},
    "reject_time_out_of_range": {
        "vi": "thời gian đo trước năm 2020 hoặc ở tương lai",
        "en": "time before 2020 or in the future",
    },
    "reject_no_download": {"vi": "không có tốc độ tải xuống", "en": "no download speed"},
    "reject_bad_download": {"vi": "tốc độ tải xuống không phải là số", "en": "download speed is not a number"},
    "reject_bad_upload": {"vi": "tốc độ tải lên không phải là số", "en": "upload speed is not a number"},
    "reject_bad_latency_ms": {"vi": "độ trễ không phải là số", "en": "latency is not a number"},
    "reject_bad_jitter_ms": {"vi": "độ biến động độ trễ (jitter) không phải là số", "en": "jitter is not a number"},
    "reject_bad_latitude": {"vi": "vĩ độ không phải là số", "en": "latitude is not a number"},
    "reject_bad_longitude": {"vi": "kinh độ không phải là số", "en": "longitude is not a number"},
    "reject_negative_value": {"vi": "tốc độ hoặc độ trễ âm", "en": "negative speed or delay"},
    "reject_impossible_speed": {"vi": "tốc độ trên 10.000 Mbps", "en": "speed above 10,000 Mbps"},
    "reject_impossible_delay": {
        "vi": "độ trễ hoặc độ biến động độ trễ trên 10.000 ms",
        "en": "latency or jitter above 10,000 ms",
    },
    "reject_bad_coordinates": {"vi": "toạ độ nằm ngoài phạm vi hợp lệ", "en": "coordinates out of range"},
    "reject_no_staff_id": {"vi": "thiếu mã cán bộ", "en": "no staff id"},
    "reject_no_full_name": {"vi": "thiếu họ và tên", "en": "no full name"},
    "reject_no_agency": {"vi": "thiếu mã cơ quan", "en": "no agency code"},
    "reject_unknown_agency": {
        "vi": "mã cơ quan không có trong danh sách cơ quan",
        "en": "agency code not in the agency list",
    },
    "reject_no_agency_code": {"vi": "thiếu mã cơ quan", "en": "no agency code"},
    "reject_no_agency_name": {"vi": "thiếu tên cơ quan", "en": "no agency name"},
    "reject_bad_date": {"vi": "không đọc được ngày", "en": "date not readable"},
    "reject_ends_before_start": {"vi": "ngày kết thúc trước ngày bắt đầu", "en": "end date before the start date"},
    "reject_move_before_start": {
        "vi": "nơi công tác mới bắt đầu trước nơi công tác hiện tại",
        "en": "the new agency starts before the current membership does",
    },
    "reject_staff_conflict": {
        "vi": "cùng một mã cán bộ trên các dòng có nội dung khác nhau",
        "en": "the same staff id on rows that disagree",
    },
    "reject_agency_conflict": {
        "vi": "cùng một mã cơ quan trên các dòng có nội dung khác nhau",
        "en": "the same agency code on rows that disagree",
    },
    "reject_identifier_shared": {
        "vi": "cùng một số điện thoại, tài khoản hoặc e-mail cho hai người",
        "en": "the same phone, account or e-mail given to two people",
    },
    "reject_bad_phone": {"vi": "không đọc được số điện thoại", "en": "phone number not readable"},
    "reject_bad_email": {"vi": "không đọc được địa chỉ e-mail", "en": "e-mail address not readable"},
    "reject_bad_agency_email": {
        "vi": "e-mail của cơ quan không phải là một địa chỉ duy nhất (ví dụ so.khcn@laichau.gov.vn)",
        "en": "the agency's e-mail is not one plain address (such as so.khcn@laichau.gov.vn)",
    },
    "reject_unknown_commune": {"vi": "xã, phường không thuộc tỉnh Lai Châu", "en": "commune not in Lai Châu"},
    "reject_value_too_long": {
        "vi": "có giá trị dài hơn mức cơ sở dữ liệu cho phép",
        "en": "a value is longer than the database allows",
    },
    "reject_nul_byte": {"vi": "có ô chứa ký tự NUL", "en": "a cell holds a NUL character"},
}
