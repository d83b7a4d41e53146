"""Vietnamese (default) and English words of an import's summary, line by line
(:mod:`dashboard.ingest.summary_lines`): ``summary_<name>`` names a line,
``summary_<name>_value`` writes its value. The English is what the command line prints.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "summary_col_item": {"vi": "Mục", "en": "Item"},
    "summary_col_value": {"vi": "Kết quả", "en": "Result"},
    "summary_none": {"vi": "không có", "en": "none"},
    "summary_demo": {"vi": "Dữ liệu mẫu", "en": "demo campaign"},
    "summary_demo_removed": {
        "vi": "đã xoá; cơ sở dữ liệu nay chỉ có dữ liệu thật",
        "en": "removed; the database now holds real data only",
    },
    "summary_demo_would_go": {"vi": "sẽ bị xoá", "en": "would be removed"},
    "summary_file": {"vi": "Tệp", "en": "file"},
    "summary_files": {"vi": "Các tệp", "en": "files"},
    "summary_read": {"vi": "Số dòng đã đọc", "en": "read"},
    "summary_imported": {"vi": "Số lượt đo đã nhập", "en": "imported"},
    "summary_already_present": {"vi": "Đã có từ trước", "en": "already present"},
    "summary_already_present_value": {
        "vi": "{count} (trong đó lặp lại ngay trong tệp: {repeated})",
        "en": "{count} (of which repeated in this file: {repeated})",
    },
    "summary_rejected": {"vi": "Số dòng bị loại", "en": "rejected"},
    "summary_outside": {"vi": "Ngoài tỉnh", "en": "outside province"},
    "summary_swapped": {"vi": "Toạ độ bị đảo và đã sửa", "en": "coordinates swapped and fixed"},
    "summary_placed": {"vi": "Xác định xã, phường", "en": "placed"},
    "summary_placement_position": {"vi": "theo toạ độ", "en": "position"},
    "summary_placement_nearest": {"vi": "xã gần nhất (sát ranh giới)", "en": "nearest"},
    "summary_placement_code": {"vi": "theo mã xã", "en": "code"},
    "summary_placement_name": {"vi": "theo tên xã", "en": "name"},
    "summary_placement_outside": {"vi": "ngoài tỉnh", "en": "outside"},
    "summary_placement_unplaced": {"vi": "không xác định được", "en": "unplaced"},
    "summary_placed_by_name": {"vi": "Xác định theo tên xã", "en": "placed by name"},
    "summary_linked": {"vi": "Gắn với cán bộ", "en": "linked to staff"},
    "summary_linked_value": {
        "vi": "{linked}; không khớp ai: {unmatched}; không có định danh: {none}",
        "en": "{linked}; matching nobody: {unmatched}; no identifier: {none}",
    },
    "summary_rejects_file": {"vi": "Tệp các dòng bị loại", "en": "rejects file"},
    "summary_time": {"vi": "Thời gian", "en": "time"},
    "summary_time_value": {"vi": "{seconds} giây", "en": "{seconds} s"},
    # Rosters
    "summary_agencies": {"vi": "Cơ quan", "en": "agencies"},
    "summary_agencies_value": {
        "vi": "đọc {read}, thêm {added}, thay đổi: {changed}; giữ nguyên {unchanged}",
        "en": "read {read}, added {added}, changed: {changed}; unchanged {unchanged}",
    },
    "summary_agency_field_name": {"vi": "tên", "en": "name"},
    "summary_agency_field_kind": {"vi": "loại cơ quan", "en": "kind"},
    "summary_agency_field_commune": {"vi": "xã, phường", "en": "commune"},
    "summary_agency_field_email": {"vi": "email", "en": "email"},
    "summary_staff": {"vi": "Cán bộ", "en": "staff"},
    "summary_staff_value": {
        "vi": "đọc {read}, thêm {added}, chuyển cơ quan {moved}, nghỉ {left}, đổi tên {renamed}, giữ nguyên {unchanged}",
        "en": "read {read}, added {added}, moved {moved}, left {left}, renamed {renamed}, unchanged {unchanged}",
    },
    "summary_identifiers": {"vi": "Định danh", "en": "identifiers"},
    "summary_identifiers_value": {
        "vi": "thêm {added}, thay đổi {changed}, xoá {removed}, chuyển từ người khác {taken}",
        "en": "added {added}, changed {changed}, removed {removed}, taken from another person {taken}",
    },
    "summary_links": {"vi": "Lượt đo gắn với cán bộ", "en": "links to tests"},
    "summary_links_value": {
        "vi": "thêm {gained}, mất {lost}, chuyển sang người khác {moved}",
        "en": "gained {gained}, lost {lost}, moved to another person {moved}",
    },
    "summary_empty_cells": {"vi": "Ô trống", "en": "empty cells"},
    "summary_empty_cells_value": {"vi": "{cells} ({kept})", "en": "{cells} ({kept})"},
    "summary_empty_cell_agency_kind": {"vi": "loại cơ quan", "en": "agency_kind"},
    "summary_empty_cell_commune": {"vi": "xã, phường", "en": "commune"},
    "summary_empty_cell_agency_email": {"vi": "email cơ quan", "en": "agency_email"},
    "summary_empty_cell_account": {"vi": "tài khoản i-Speed", "en": "account"},
    "summary_empty_cell_phone": {"vi": "số điện thoại", "en": "phone"},
    "summary_empty_cell_email": {"vi": "email", "en": "email"},
    "summary_empty_cleared": {"vi": "đã xoá giá trị đang lưu", "en": "stored values cleared"},
    "summary_empty_kept": {"vi": "giữ giá trị đang lưu", "en": "stored values kept"},
    "summary_person_left": {
        "vi": "nghỉ (không có trong danh sách đầy đủ)",
        "en": "left (not on the complete list)",
    },
    "summary_person_left_value": {
        "vi": "{staff_id} {full_name} ({agency_code})",
        "en": "{staff_id} {full_name} ({agency_code})",
    },
    "summary_identifier_taken": {
        "vi": "{kind} của {from_staff} chuyển sang {to_staff}",
        "en": "{kind} taken from {from_staff} by {to_staff}",
    },
    "summary_measurements": {"vi": "Lượt đo", "en": "measurements"},
    "summary_measurements_value": {
        "vi": "gắn với cán bộ {linked}; không khớp ai {unmatched}",
        "en": "linked to staff {linked}; matching nobody {unmatched}",
    },
}
