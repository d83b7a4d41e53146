"""Overview figures on a small hand-made campaign whose answers are known."""

import datetime as dt

import geopandas as gpd
import pytest

from dashboard.campaign import overview, periods
from dashboard.campaign.boundaries import BOUNDARIES_DIR
from dashboard.campaign.measurements import import_measurements
from dashboard.campaign.roster import import_roster

AGENCIES = """Mã cơ quan,Tên cơ quan,Loại cơ quan,Mã xã
SKHCN,Sở Khoa học và Công nghệ,Sở/ban/ngành,03408
"""
# CB3 leaves on Sunday 8 November: on the roster in W45, not in W46 or W47.
STAFF = """Mã cán bộ,Họ và tên,Mã cơ quan,Số điện thoại,Đến ngày
CB1,Nguyễn Văn An,SKHCN,0912000001,
CB2,Lò Thị Bình,SKHCN,0912000002,
CB3,Tòng Văn Cường,SKHCN,0912000003,08/11/2026
"""
# Week 2026-W47 (16-22 Nov): CB1 tests twice (meets the target), CB2 once, an
# unknown phone twice (once outside the province). Week W46: CB1 once.
# Positions: Phường Tân Phong (03408) is around 22.39 N, 103.46 E.
TESTS = """Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Tốc độ tải lên (Mbps),Độ trễ (ms),Loại kết nối,Vĩ độ,Kinh độ,Số điện thoại
A1,16/11/2026 08:00:00,100,80,10,Wi-Fi,{lat},{lon},0912000001
A2,17/11/2026 20:00:00,200,90,20,Wi-Fi,{lat},{lon},0912000001
A3,18/11/2026 09:00:00,40,10,30,4G,{lat},{lon},0912000002
A4,19/11/2026 09:00:00,300,,40,Wi-Fi,{lat},{lon},0999999999
A5,20/11/2026 09:00:00,50,20,35,4G,21.03,105.85,0999999999
B1,10/11/2026 09:00:00,60,20,30,4G,{lat},{lon},0912000001
"""


@pytest.fixture
def campaign(ready_engine, tmp_path):
    communes = gpd.read_file(BOUNDARIES_DIR / "communes_2025.geojson")
    point = communes.loc[communes["ma_xa_moi"] == "03408", "geometry"].iloc[0].representative_point()
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "staff.csv").write_text(STAFF, encoding="utf-8")
    (tmp_path / "tests.csv").write_text(TESTS.format(lat=point.y, lon=point.x), encoding="utf-8")
    import_roster(ready_engine, [tmp_path / "agencies.csv", tmp_path / "staff.csv"], as_of=dt.date(2026, 10, 1),
                  rejects_dir=tmp_path)  # fmt: skip
    import_measurements(ready_engine, tmp_path / "tests.csv", rejects_dir=tmp_path)
    return ready_engine


def test_week_headline(campaign, monkeypatch):
    monkeypatch.setattr(overview, "SAMPLE_FLOOR", 3)
    with campaign.connect() as conn:
        figures = overview.headline(conn, periods.week("2026-W47"))
    assert figures["tests"] == 5
    assert figures["active_staff"] == 2
    # CB3 has left: 2 staff on the roster, CB1 meets the target.
    assert (figures["staff_weeks"], figures["share_met"]) == (2, 0.5)
    # Tân Phong: 3 fixed tests (at the floor of 3 here), 1 mobile; A5 is in Hà Nội.
    assert (figures["communes_fixed_at_floor"], figures["communes_mobile_at_floor"]) == (1, 0)
    assert figures["fixed_download_mbps"] == 200  # median of 100, 200, 300
    assert figures["fixed_upload_mbps"] == 85  # two values: the mean of the middle pair
    assert figures["fixed_upload_mbps_samples"] == 2
    assert figures["mobile_latency_ms"] == 30
    assert figures["communes"] == 38


def test_month_counts_staff_weeks_of_its_weeks(campaign):
    with campaign.connect() as conn:
        figures = overview.headline(conn, periods.month("2026-11"))
        weeks = overview.weekly_participation(conn, "2026-W45", "2026-W48")
    assert figures["tests"] == 6
    assert weeks.set_index("iso_week")["staff_on_roster"].to_dict() == {
        "2026-W45": 3, "2026-W46": 2, "2026-W47": 2, "2026-W48": 2,
    }  # fmt: skip
    assert figures["staff_weeks"] == 9
    assert figures["share_met"] == pytest.approx(1 / 9)


def test_empty_period_has_no_medians(campaign):
    with campaign.connect() as conn:
        figures = overview.headline(conn, periods.week("2026-W30"))
        span = overview.data_span(conn)
    # Months before the first test have no participation figures (no export yet), not 0 %.
    assert figures["tests"] == 0 and figures["share_met"] is None
    assert figures["fixed_download_mbps"] is None and figures["fixed_download_mbps_samples"] == 0
    assert (span.first_day, span.last_day, span.is_demo) == (dt.date(2026, 11, 10), dt.date(2026, 11, 20), False)
