"""Vietnamese (default) and English words of the pages: every label by key
(:func:`label`), the names of stored codes (:func:`value_name`) and numbers as the
reader writes them (:mod:`dashboard.i18n.numbers`).

The labels of the shell around the pages and of the data page are here; each
page's own are in a module of its name, merged into :data:`LABELS`.
"""

from __future__ import annotations

from dashboard.i18n import (
    access,
    coverage,
    imports,
    mail,
    overview,
    participation,
    quality,
    refusals,
    reports,
    rules,
    summaries,
)
from dashboard.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES
from dashboard.i18n.numbers import CHART_LOCALES, NUMBER_LOCALES, number, percent

__all__ = [
    "CHART_LOCALES",
    "DEFAULT_LANGUAGE",
    "LABELS",
    "LANGUAGES",
    "NUMBER_LOCALES",
    "UNKNOWN",
    "VALUE_NAMES",
    "days",
    "label",
    "number",
    "percent",
    "value_name",
]

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
        "vi": "Chưa có lượt đo nào. Quản trị viên nhập tệp xuất từ i-Speed ở trang Nhập dữ liệu (hoặc bằng lệnh: "
        "python -m dashboard import-measurements TỆP).",
        "en": "No measurements yet. An administrator imports an i-Speed export on the Import page (or with: "
        "python -m dashboard import-measurements FILE).",
    },
    "csv_help": {
        "vi": "Tệp dữ liệu cho các chương trình khác: cột ngăn bằng dấu phẩy, phần thập phân ngăn bằng dấu "
        "chấm thay cho dấu phẩy. Để mở bằng Excel, nhất là khi máy đặt định dạng số kiểu Việt Nam, hãy tải tệp Excel (XLSX).",
        "en": "A data file for other programs: columns separated by commas, decimals with a point (1234.5). "
        "To open it in Excel, especially with Vietnamese number settings, download the Excel (XLSX) file.",
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
}

#: Names for the codes stored in the database, by field: code -> {language: name}.
VALUE_NAMES: dict[str, dict[str, dict[str, str]]] = {
    # The kind of a commune-level unit, as the boundaries name it.
    "unit_type": {
        "Xã": {"vi": "Xã", "en": "Commune"},
        "Phường": {"vi": "Phường", "en": "Ward"},
        "Thị trấn": {"vi": "Thị trấn", "en": "Township"},
    },
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
#: A count of days: Vietnamese nouns have one form, English ones two.
DAYS = {"vi": ("{n} ngày", "{n} ngày"), "en": ("{n} day", "{n} days")}

for _page in (coverage, participation, quality, overview, access, imports, refusals, summaries, rules, reports, mail):
    # A key defined twice would silently change a label elsewhere.
    if set(_page.LABELS) & set(LABELS):
        raise RuntimeError(f"labels defined twice: {sorted(set(_page.LABELS) & set(LABELS))}")
    LABELS |= _page.LABELS
VALUE_NAMES |= access.VALUE_NAMES


def value_name(field: str, code, language: str = DEFAULT_LANGUAGE) -> str:
    """The reader's name for a stored code (an operator, technology, access or
    agency kind); a missing or 'unknown' code reads "Không rõ" / "Unknown"."""
    if code is None or code != code or code == "unknown":  # code != code: NaN
        return UNKNOWN[language]
    names = VALUE_NAMES.get(field, {}).get(code)
    if not names:
        return str(code)
    return names.get(language) or names[DEFAULT_LANGUAGE]


def days(count: int, language: str = DEFAULT_LANGUAGE) -> str:
    """'1 day', '3 days' or '3 ngày', the number written as the reader writes it."""
    one, other = DAYS[language]
    return (one if count == 1 else other).format(n=number(count, language))


def label(key: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The label for ``key`` in ``language``, falling back to Vietnamese, then the key."""
    entry = LABELS.get(key, {})
    return entry.get(language) or entry.get(DEFAULT_LANGUAGE) or key
