"""Overview figures on a small hand-made campaign whose answers are known."""

import datetime as dt

import geopandas as gpd
import pytest

from dashboard.dates import periods
from dashboard.geo.boundaries import BOUNDARIES_DIR
from dashboard.ingest.measurements import import_measurements
from dashboard.ingest.roster import import_roster
from dashboard.reports import overview
from dashboard.reports.figures import headline
from dashboard.reports.settings import Settings

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
    import_roster(
        ready_engine,
        [tmp_path / "agencies.csv", tmp_path / "staff.csv"],
        as_of=dt.date(2026, 10, 1),
        rejects_dir=tmp_path,
    )
    import_measurements(ready_engine, tmp_path / "tests.csv", rejects_dir=tmp_path)
    return ready_engine


#: A monthly floor whose weekly share is 3 (targets.period_target): Tân Phong's 3 fixed tests reach it.
SMALL = Settings(sample_floor_fixed=13, sample_floor_mobile=13)
AFTER = dt.date(2026, 12, 7)  # November is over


def test_week_headline(campaign):
    """Tests, staff on the roster and who tested, compliance, communes at target and medians of one week."""
    with campaign.connect() as conn:
        figures = headline(conn, periods.week("2026-W47"), SMALL, AFTER)
    assert figures["tests"] == 5
    # CB3 has left: 2 staff on the roster, both tested, CB1 meets the target.
    assert (figures["staff_on_roster"], figures["staff_tested"], figures["staff_met_target"]) == (2, 2, 1)
    assert (figures["staff_weeks"], figures["compliance"]) == (2, 0.5)
    assert figures["tests_not_on_roster"] == 2  # the unknown phone's A4 and A5
    # Tân Phong: 3 fixed tests (the week's target of 3 here), 1 mobile; A5 is in Hà Nội.
    assert figures["communes_at_target"] == {"fixed": 1, "mobile": 0}
    assert figures["median_download"]["fixed"] == 200  # median of 100, 200, 300
    assert figures["medians"]["fixed"]["upload_mbps"] == 85  # two values: the mean of the middle pair
    assert figures["medians"]["mobile"]["latency_ms"] == 30
    assert figures["communes"] == 38


def test_month_counts_staff_weeks_of_its_weeks(campaign):
    """Once November is over, its staff-weeks are those of its weeks with data: the
    tests end on 20 November, so W45..W47 count, and W48 (on the roster, nothing
    imported yet) would put everyone behind: it does not count."""
    with campaign.connect() as conn:
        figures = headline(conn, periods.month("2026-11"), SMALL, AFTER)
        weeks = overview.weekly_participation(conn, periods.weeks("2026-W45", "2026-W48"), SMALL.weekly_target)
    assert figures["tests"] == 6
    assert weeks.set_index("iso_week")["staff_on_roster"].to_dict() == {
        "2026-W45": 3,
        "2026-W46": 2,
        "2026-W47": 2,
        "2026-W48": 2,
    }
    assert figures["weeks"] == ["2026-W45", "2026-W46", "2026-W47"] and figures["week_in_progress"] is None
    assert figures["staff_weeks"] == 7 and figures["staff_on_roster"] == 3
    assert figures["compliance"] == pytest.approx(1 / 7)


def test_month_leaves_out_the_week_under_way(campaign):
    """On Sunday 29 November W48 is under way: nobody has failed it yet, so November's
    compliance counts W45..W47 only (7 staff-weeks, CB1 met once); tests so far all count."""
    with campaign.connect() as conn:
        figures = headline(conn, periods.month("2026-11"), SMALL, dt.date(2026, 11, 29))
    assert figures["tests"] == 6 and figures["week_in_progress"] == "2026-W48"
    assert (figures["staff_weeks"], figures["compliance"]) == (7, pytest.approx(1 / 7))


def test_empty_period_has_no_medians(campaign):
    """A week without tests: no medians and no compliance (no export yet), not 0 %."""
    with campaign.connect() as conn:
        figures = headline(conn, periods.week("2026-W30"), SMALL, AFTER)
        span = overview.data_span(conn)
    assert figures["tests"] == 0 and figures["compliance"] is None
    assert figures["median_download"]["fixed"] is None and figures["samples"]["fixed"] == 0
    assert (span.first_day, span.last_day, span.is_demo) == (dt.date(2026, 11, 10), dt.date(2026, 11, 20), False)
