"""Vietnamese (default) and English words of the refusals (:mod:`dashboard.refusals`):
why a file or an import is refused, one label ``refusal_<code>`` per reason.

The English is what the command line and the logs print; ``{name}`` and the other
fields are filled in by the refusal, numbers written as the reader writes them.
"""

from __future__ import annotations

_SAVE_SMALLER = {
    "vi": "hãy chỉ lưu vùng dữ liệu, hoặc lưu trang tính thành CSV, rồi nhập tệp đó",
    "en": "save only the data range, or the sheet as CSV, and import that",
}

LABELS: dict[str, dict[str, str]] = {
    # Reading the file
    "refusal_file_not_found": {"vi": "không tìm thấy tệp: {path}", "en": "file not found: {path}"},
    "refusal_file_is_folder": {"vi": "{path} là một thư mục, không phải tệp", "en": "{path} is a folder, not a file"},
    "refusal_file_empty": {"vi": "{name} là tệp rỗng", "en": "{name} is empty"},
    "refusal_old_xls": {
        "vi": "{name}: không đọc được tệp Excel cũ (.xls); hãy lưu lại thành .xlsx hoặc CSV",
        "en": "{name}: old .xls workbooks are not supported; save it as .xlsx or CSV",
    },
    "refusal_file_type": {
        "vi": "{name}: không nhận loại tệp {suffix} (hãy dùng CSV hoặc XLSX)",
        "en": "{name}: unsupported file type {suffix} (use CSV or XLSX)",
    },
    "refusal_not_a_table_file": {
        "vi": "{name} không phải là tệp CSV, TXT hoặc XLSX",
        "en": "{name} is not a CSV, TXT or XLSX file",
    },
    "refusal_too_large": {
        "vi": "{name} lớn hơn {megabytes} MB; hãy nhập tệp này bằng dòng lệnh trên máy chủ",
        "en": "{name} is larger than {megabytes} MB; import it with the command line on the server",
    },
    "refusal_same_names": {"vi": "có hai tệp trùng tên", "en": "two files have the same name"},
    "refusal_bad_encoding": {
        "vi": "{name}: byte thứ {byte} không phải là văn bản {encoding} hợp lệ; hãy lưu lại tệp dưới dạng CSV UTF-8",
        "en": "{name}: byte {byte} is not valid {encoding} text; save the file again as UTF-8 CSV",
    },
    "refusal_no_header": {
        "vi": "{name}: không nhận ra dòng tiêu đề trong {lines} dòng đầu",
        "en": "{name}: no header row recognised in the first {lines} lines",
    },
    "refusal_broken_line": {
        "vi": "{name}, dòng {line}: cần {width} trường, có {found}; tệp có vẻ hỏng từ dòng này "
        "(bị cắt hoặc lẫn nội dung). Không có gì được nhập.",
        "en": "{name}, line {line}: expected {width} fields, found {found}; the file looks broken from there "
        "(cut off or mixed). Nothing was imported.",
    },
    "refusal_long_field": {
        "vi": "{name}, dòng {line}: một trường dài hơn {limit} ký tự; không giá trị nào của i-Speed dài như vậy, "
        "nên tệp đã hỏng. Không có gì được nhập.",
        "en": "{name}, line {line}: a field holds more than {limit} characters; no i-Speed value is that long, "
        "so the file is damaged. Nothing was imported.",
    },
    "refusal_unreadable_table": {
        "vi": "{name}: không đọc được thành bảng ({detail}). Không có gì được nhập.",
        "en": "{name}: cannot be read as a table ({detail}). Nothing was imported.",
    },
    # Workbooks
    "refusal_workbook_unopenable": {
        "vi": "{name}: không mở được như một tệp Excel ({detail})",
        "en": "{name}: cannot be opened as an Excel workbook ({detail})",
    },
    "refusal_workbook_unreadable": {
        "vi": "{name}: không đọc được như một tệp Excel ({detail})",
        "en": "{name}: cannot be read as an Excel workbook ({detail})",
    },
    "refusal_no_sheet_header": {
        "vi": "{name}: không trang tính nào có dòng tiêu đề mà chức năng nhập này nhận ra",
        "en": "{name}: no sheet has a header row this import recognises",
    },
    "refusal_workbook_bomb": {
        "vi": "{name}: tệp Excel giải nén ra lớn hơn nhiều so với mức {cells} ô cần; " + _SAVE_SMALLER["vi"],
        "en": "{name}: the workbook unpacks to far more than {cells} cells need; " + _SAVE_SMALLER["en"],
    },
    "refusal_sheet_too_big": {
        "vi": "{name}: trang tính khai báo {rows} dòng × {columns} cột (hơn {cells} ô); " + _SAVE_SMALLER["vi"],
        "en": "{name}: sheet claims {rows} rows × {columns} columns (more than {cells} cells); " + _SAVE_SMALLER["en"],
    },
    "refusal_workbook_too_big": {
        "vi": "{name}: các trang tính có tổng cộng hơn {cells} ô; hãy nhập từng trang tính, hoặc lưu thành CSV",
        "en": "{name}: the workbook's sheets hold more than {cells} cells in all; import the sheets one by one, "
        "or as CSV",
    },
    # Columns and rows
    "refusal_mapping": {"vi": "{name}: {detail}", "en": "{name}: {detail}"},
    "refusal_no_columns": {
        "vi": "{name}: không có cột {missing}; các cột có trong tệp: {headers}. Hãy dùng tệp xuất từ i-Speed, "
        "hoặc đặt lại tên cột cho đúng.",
        "en": "{name}: no column for {missing}; columns found: {headers}. Name them with a column mapping "
        "(--map FIELD=HEADER).",
    },
    "refusal_field_measured_at": {"vi": "thời gian đo", "en": "measured_at"},
    "refusal_field_download": {"vi": "tốc độ tải xuống", "en": "download"},
    "refusal_and": {"vi": " và ", "en": " and "},
    "refusal_several": {"vi": "{problems}", "en": "{problems}"},
    "refusal_no_row_demo_kept": {
        "vi": "{name}: không có dòng nào nhập được ({reasons}); không có gì thay đổi và dữ liệu mẫu được giữ nguyên",
        "en": "{name}: no row can be imported ({reasons}); nothing was changed and the demo campaign is kept",
    },
    "refusal_nothing_new_demo_kept": {
        "vi": "{name}: không có dòng nào nhập được (không có lượt đo mới); không có gì thay đổi và dữ liệu mẫu "
        "được giữ nguyên",
        "en": "{name}: no row can be imported (no new rows); nothing was changed and the demo campaign is kept",
    },
    "refusal_first_admin": {"vi": "quản trị viên đầu tiên: {reason}", "en": "the first administrator: {reason}"},
    # Rosters
    "refusal_staff_needs_agency": {
        "vi": "{name}: danh sách cán bộ cần có cột mã cơ quan (Mã cơ quan)",
        "en": "{name}: a staff list needs an agency code column (Mã cơ quan)",
    },
    "refusal_no_roster_rows": {
        "vi": "{names}: không tìm thấy dòng cơ quan hay cán bộ nào",
        "en": "{names}: no agency or staff rows found",
    },
    "refusal_no_roster_row": {
        "vi": "{names}: không có dòng nào nhập được ({reasons}); không có gì thay đổi",
        "en": "{names}: no row can be imported ({reasons}); nothing was changed",
    },
    "refusal_no_roster_row_listed": {
        "vi": "{names}: không có dòng nào nhập được ({reasons}); không có gì thay đổi; các dòng bị loại: {file}",
        "en": "{names}: no row can be imported ({reasons}); nothing was changed; rejected rows: {file}",
    },
    # The database
    "refusal_busy": {
        "vi": "một lượt nhập khác đã giữ cơ sở dữ liệu suốt {duration}; hãy thử lại sau",
        "en": "another import has held the database for {duration}; try again later",
    },
    "refusal_writer_gone": {
        "vi": "tiến trình ghi cơ sở dữ liệu đã dừng (mã thoát {exit_code}); không có gì được nhập",
        "en": "the database writer stopped (exit code {exit_code}); nothing was imported",
    },
    "refusal_row_refused": {
        "vi": "cơ sở dữ liệu từ chối một dòng của tệp này; không có gì được nhập",
        "en": "the database refused a row of this file; nothing was imported",
    },
    "refusal_value_refused": {
        "vi": "cơ sở dữ liệu từ chối một giá trị của tệp này ({detail}); không có gì được nhập",
        "en": "the database refused a value of this file ({detail}); nothing was imported",
    },
    "refusal_unexpected": {
        "vi": "việc nhập dừng vì một lỗi không lường trước và không thay đổi gì; chi tiết có trong nhật ký của máy chủ",
        "en": "the import stopped on an unexpected error and changed nothing; the details are in the server's log",
    },
    "refusal_minutes": {"vi": "{count} phút", "en": "{count} minutes"},
    "refusal_minute": {"vi": "{count} phút", "en": "{count} minute"},
    "refusal_seconds": {"vi": "{count} giây", "en": "{count} seconds"},
    "refusal_second": {"vi": "{count} giây", "en": "{count} second"},
}
