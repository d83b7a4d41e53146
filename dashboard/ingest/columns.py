"""Recognise the columns of an i-Speed export, a roster or an agency's test sheet.

Headers are compared after folding case and dropping diacritics, so
"Tốc độ tải xuống (Mbps)", "toc do tai xuong" and "Download" all mean the same.
A speed column's unit (Mbps or kbps) is read from its header.
"""

from __future__ import annotations

import re

from dashboard.text import fold_bare

# Canonical field -> header synonyms (written loosely; folded before use).
MEASUREMENT_FIELDS: dict[str, list[str]] = {
    "measured_at": [
        "thời gian đo",
        "thời gian",
        "thời điểm đo",
        "ngày đo",
        "ngày giờ đo",
        "ngày giờ",
        "time",
        "timestamp",
        "date",
        "datetime",
        "date time",
        "test time",
        "measured at",
        "tested at",
    ],
    "download": ["tốc độ tải xuống", "tải xuống", "tốc độ download", "download", "download speed", "dl", "down"],
    "upload": ["tốc độ tải lên", "tải lên", "tốc độ upload", "upload", "upload speed", "ul", "up"],
    "latency_ms": ["độ trễ", "độ trễ ping", "ping", "latency", "latency ms", "ping ms"],
    "jitter_ms": ["jitter", "độ biến thiên độ trễ", "độ dao động", "độ rung"],
    "operator": [
        "nhà mạng",
        "nhà cung cấp",
        "nhà cung cấp dịch vụ",
        "doanh nghiệp",
        "isp",
        "operator",
        "carrier",
        "provider",
        "network operator",
    ],
    "connection": [
        "loại kết nối",
        "kiểu kết nối",
        "kết nối",
        "loại mạng",
        "công nghệ",
        "connection",
        "connection type",
        "network type",
        "technology",
        "access type",
    ],
    "ip_version": ["phiên bản ip", "ip version", "giao thức ip", "ipv", "ip"],
    "latitude": ["vĩ độ", "latitude", "lat"],
    "longitude": ["kinh độ", "longitude", "lon", "lng", "long"],
    "commune_code": ["mã xã", "mã xã phường", "mã đơn vị hành chính", "mã đvhc", "commune code", "ward code"],
    "commune_name": [
        "xã phường",
        "xã",
        "tên xã",
        "tên xã phường",
        "địa bàn",
        "đơn vị hành chính",
        "commune",
        "commune name",
        "ward",
    ],
    "account": ["tài khoản", "tài khoản i speed", "tên đăng nhập", "account", "user", "username", "user id"],
    "phone": ["số điện thoại", "điện thoại", "sđt", "số thuê bao", "phone", "phone number", "msisdn", "mobile"],
    "email": ["email", "e mail", "thư điện tử"],
    "device_id": ["mã thiết bị", "thiết bị", "device", "device id"],
    "source_id": [
        "mã phép đo",
        "mã lần đo",
        "mã đo",
        "mã kết quả",
        "mã kết quả đo",
        "id phép đo",
        "id lần đo",
        "id",
        "test id",
        "measurement id",
        "result id",
    ],
    "staff_id": ["mã cán bộ", "mã cb", "mã nhân viên", "mã cbccvc", "staff id", "employee id"],
}

AGENCY_FIELDS: dict[str, list[str]] = {
    "agency_code": ["mã cơ quan", "mã đơn vị", "agency code", "agency id"],
    "agency_name": ["tên cơ quan", "tên đơn vị", "cơ quan", "đơn vị", "agency", "agency name"],
    "agency_kind": ["loại cơ quan", "loại đơn vị", "khối", "agency kind", "kind", "type"],
    "commune_code": MEASUREMENT_FIELDS["commune_code"],
    "commune_name": MEASUREMENT_FIELDS["commune_name"] + ["trụ sở", "địa chỉ xã"],
    # Where the agency's weekly pack is sent (optional).
    "email": MEASUREMENT_FIELDS["email"]
    + ["địa chỉ email", "địa chỉ thư điện tử", "thư điện tử công vụ", "email cơ quan", "email đơn vị", "hộp thư"],
}

STAFF_FIELDS: dict[str, list[str]] = {
    "staff_id": MEASUREMENT_FIELDS["staff_id"],
    "full_name": ["họ và tên", "họ tên", "tên cán bộ", "full name", "name"],
    "agency_code": AGENCY_FIELDS["agency_code"],
    "account": MEASUREMENT_FIELDS["account"],
    "phone": MEASUREMENT_FIELDS["phone"],
    "email": MEASUREMENT_FIELDS["email"],
    "valid_from": ["từ ngày", "ngày bắt đầu", "ngày vào", "start date", "valid from", "joined"],
    "valid_to": ["đến ngày", "ngày nghỉ", "ngày chuyển", "ngày kết thúc", "end date", "valid to", "left"],
}

#: Fields a user may name in an explicit column mapping; speeds take a unit.
MAPPABLE_FIELDS = sorted(
    (set(MEASUREMENT_FIELDS) - {"download", "upload"})
    | {"download_mbps", "download_kbps", "upload_mbps", "upload_kbps"}
)

_UNIT = re.compile(r"\b(kbps|kb s|kbit s|mbps|mb s|mbit s|ms|giay|s)\b")


def normalise_header(header: str) -> tuple[str, str | None]:
    """Folded header without its unit, and the unit it names ('kbps', 'mbps' or None)."""
    folded = fold_bare(header)
    unit = None
    if re.search(r"\bkb(ps| s|it s)\b", folded):
        unit = "kbps"
    elif re.search(r"\bmb(ps| s|it s)\b", folded):
        unit = "mbps"
    return " ".join(_UNIT.sub(" ", folded).split()), unit


def _synonym_index(fields: dict[str, list[str]]) -> dict[str, str]:
    return {normalise_header(s)[0]: field for field, synonyms in fields.items() for s in synonyms}


_INDEXES = {id(f): _synonym_index(f) for f in (MEASUREMENT_FIELDS, AGENCY_FIELDS, STAFF_FIELDS)}


def match_headers(headers: list[str], fields: dict[str, list[str]]) -> dict[str, tuple[str, str | None]]:
    """Map canonical field -> (original header, unit) for the headers recognised.

    The first column that matches a field wins; later duplicates are ignored.
    """
    index = _INDEXES.get(id(fields)) or _synonym_index(fields)
    found: dict[str, tuple[str, str | None]] = {}
    for header in headers:
        key, unit = normalise_header(header)
        field = index.get(key)
        if field and field not in found:
            found[field] = (header, unit)
    return found


def header_detector(fields: dict[str, list[str]], minimum: int = 2):
    """A function telling whether a row of cells is a header row for ``fields``."""

    def is_header(cells: list[str]) -> bool:
        return len(match_headers([str(c) for c in cells], fields)) >= minimum

    return is_header


def apply_mapping(headers: list[str], column_map: dict[str, str]) -> dict[str, tuple[str, str | None]]:
    """Turn a user's ``{field: header}`` mapping into the form of :func:`match_headers`.

    Raises ValueError naming an unknown field or a header not in the file.
    """
    found: dict[str, tuple[str, str | None]] = {}
    for field, header in column_map.items():
        if field not in MAPPABLE_FIELDS:
            raise ValueError(f"unknown field '{field}' in the column mapping; known: {', '.join(MAPPABLE_FIELDS)}")
        if header not in headers:
            raise ValueError(f"the column mapping names '{header}', which is not a column of the file")
        base, _, unit = field.partition("_")
        if base in ("download", "upload") and unit in ("mbps", "kbps"):
            found[base] = (header, unit)
        else:
            found[field] = (header, None)
    return found
