"""A hand-made campaign with known answers, shared by the participation tests.

Two agencies, five people: CB002 moves on Wednesday 18 November 2026 (ISO week 47),
CB003 leaves on Tuesday 10 November (week 46), CB005 never tests; CB001 tests twice
late on Sunday 22 November (still week 47); CB004's phone is written +84 in the
export; one test matches nobody; week 48 has no test at all.
"""

import datetime as dt

from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster

AGENCIES = """Mã cơ quan,Tên cơ quan,Loại cơ quan,Mã xã
SKHCN,Sở Khoa học và Công nghệ,Sở/ban/ngành,03408
UBND-DK,UBND phường Đoàn Kết,UBND xã/phường,03388
"""
# CB002 moves on Wednesday 18 November (ISO week 47); CB003 leaves on Tuesday 10
# November (week 46); CB005 never tests.
STAFF = """Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại,Email,Từ ngày,Đến ngày
CB001,Nguyễn Văn An,SKHCN,0912000001,,,
CB002,Lò Thị Bình,SKHCN,0912000002,,,17/11/2026
CB002,Lò Thị Bình,UBND-DK,0912000002,,18/11/2026,
CB003,Tòng Văn Cường,SKHCN,0912000003,,,10/11/2026
CB004,Vàng Thị Dung,UBND-DK,0987654321,dung@laichau.gov.vn,,
CB005,Lý A Páo,UBND-DK,,pao@laichau.gov.vn,,
"""
TESTS = [  # (id, local time, phone)
    ("t1", "22/11/2026 23:30:00", "0912000001"),  # Sunday night: still ISO week 47
    ("t2", "22/11/2026 23:45:00", "0912000001"),
    ("t3", "10/11/2026 08:00:00", "0912000002"),  # week 46, at SKHCN
    ("t4", "12/11/2026 08:00:00", "0912000002"),
    ("t5", "19/11/2026 08:00:00", "0912000002"),  # week 47, at UBND-DK
    ("t6", "20/11/2026 08:00:00", "0912000002"),
    ("t7", "04/11/2026 08:00:00", "0912000003"),  # week 45, before leaving
    ("t8", "17/11/2026 09:00:00", "+84 987 654 321"),  # CB004, phone written +84
    ("t9", "18/11/2026 09:00:00", "+84987654321"),
    ("t10", "18/11/2026 10:00:00", "0911222333"),  # nobody on the roster
    ("t11", "28/10/2026 08:00:00", "0912000001"),  # week 44: the previous range of W45..W47 is W42..W44
    ("t12", "29/10/2026 08:00:00", "0912000001"),
]


def fill(engine, folder):
    """Import the roster and the tests above into ``engine``, using ``folder`` for files."""
    (folder / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (folder / "staff.csv").write_text(STAFF, encoding="utf-8")
    import_roster(
        engine, [folder / "agencies.csv", folder / "staff.csv"], as_of=dt.date(2026, 11, 1), rejects_dir=folder
    )
    text = "Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Loại kết nối,Số điện thoại\n"
    text += "".join(f"{i},{when},50,4G,{phone}\n" for i, when, phone in TESTS)
    (folder / "tests.csv").write_text(text, encoding="utf-8")
    import_measurements(engine, folder / "tests.csv", rejects_dir=folder)
    return engine
