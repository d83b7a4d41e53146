"""Coverage on small hand-made data with known answers."""

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard import sheets
from dashboard.dates import periods
from dashboard.geo.boundaries import BOUNDARIES_DIR
from dashboard.ingest.measurements import import_measurements
from dashboard.reports import coverage


def _tests(rows):
    frame = pd.DataFrame(rows, columns=["tester", "measured_at"])
    frame["measured_at"] = pd.to_datetime(frame["measured_at"])
    frame["local_date"] = frame["measured_at"].dt.date
    return frame


def test_effective_samples_drop_bursts_and_cap_each_day():
    """A tester's test within the burst window of their last counted one, or after the day's cap is reached, is not
    counted; anonymous tests always count, and with the rule switched off every test counts."""
    tests = _tests(
        [
            ("A", "2026-11-02 08:00"),
            ("A", "2026-11-02 08:02"),  # a burst: the second is dropped
            ("A", "2026-11-02 09:00"),
            ("A", "2026-11-02 10:00"),  # the day's cap of 2 is reached at 09:00
            ("A", "2026-11-03 08:00"),  # a new day counts again
            (None, "2026-11-02 08:00"),
            (None, "2026-11-02 08:01"),  # anonymous tests all count
        ]
    )
    kept = coverage.effective_mask(tests, coverage.CountingRule(per_day=2, burst_minutes=5))
    assert kept.tolist() == [True, False, True, False, True, True, True]
    assert coverage.effective_mask(tests, coverage.CountingRule(effective=False)).all()


def _walked(tests, rule):
    """The counting rule stated plainly: each tester's day, test by test."""
    keep = pd.Series(True, index=tests.index)
    for _, day in (
        tests[tests["tester"].notna()].sort_values("measured_at", kind="stable").groupby(["tester", "local_date"])
    ):
        counted, last = 0, None
        for index, when in day["measured_at"].items():
            if counted >= rule.per_day or (last is not None and when - last < pd.Timedelta(minutes=rule.burst_minutes)):
                keep[index] = False
            else:
                counted, last = counted + 1, when
    return keep


@pytest.mark.parametrize("per_day, burst_minutes", [(2, 5), (1, 5), (3, 10), (2, 0)])
def test_effective_samples_agree_with_the_rule_walked_test_by_test(per_day, burst_minutes):
    """Random days of one, two or more tests, bursts and anonymous tests, in no order."""
    rng = np.random.default_rng(per_day * 100 + burst_minutes)
    start = pd.Timestamp("2026-11-02 07:00")
    testers = [f"T{i}" for i in range(150)] + [None] * 10
    # Some testers test minutes apart, others hours apart: days of one, two or more tests.
    rows = [
        (testers[rng.integers(len(testers))], start + pd.Timedelta(minutes=int(m)))
        for m in np.r_[rng.integers(0, 3 * 24 * 60, size=300), rng.integers(0, 30, size=100)]
    ]
    rows += [("D", start + pd.Timedelta(minutes=m)) for m in (0, 3, 4, 9, 20)]  # one long day with bursts
    tests = _tests(rows).sample(frac=1, random_state=1)
    rule = coverage.CountingRule(per_day=per_day, burst_minutes=burst_minutes)
    assert coverage.effective_mask(tests, rule).equals(_walked(tests, rule))


def test_median_interval_from_order_statistics():
    """The median's 95% interval is bounded by the order statistics the binomial distribution gives, with none for five
    tests or fewer, and a median counts as precise only when that interval is narrow around it."""
    # n = 10: P(B <= 1) = 11/1024 <= 2.5% < P(B <= 2), so the interval is [x(2), x(9)].
    assert coverage.median_interval(np.arange(1, 11)) == (5.5, 2.0, 9.0)
    assert coverage.median_interval(np.arange(1, 7)) == (3.5, 1.0, 6.0)
    assert coverage.median_interval(np.arange(1, 6)) is None  # too few for 95%
    median, low, high = coverage.median_interval(np.random.default_rng(1).lognormal(4, 0.3, 2000))
    assert low < median < high and coverage.is_precise(median, low, high)
    assert not coverage.is_precise(10.0, 8.0, 11.0)


def test_median_interval_ranks_match_exact_binomial_sums():
    """The ranks agree with the binomial distribution summed in exact fractions,
    for every sample size up to 600 and a few large ones, at 95% and 90%."""
    from fractions import Fraction
    from math import comb

    def exact_rank(n: int, tail: Fraction) -> int:
        rank, cumulative = 0, Fraction(0)
        while rank < n and cumulative + Fraction(comb(n, rank), 2**n) <= tail:
            cumulative += Fraction(comb(n, rank), 2**n)
            rank += 1
        return rank

    for confidence, tail in ((0.95, Fraction(1, 40)), (0.90, Fraction(1, 20))):
        for n in [*range(1, 601), 2_000, 5_000]:
            values = np.arange(1.0, n + 1)  # x(r) = r
            found, rank = coverage.median_interval(values, confidence), exact_rank(n, tail)
            assert (found is None) if rank == 0 else (found[1:] == (rank, n + 1 - rank)), n


def test_weeks_left():
    """The weeks left in a month are counted from the given day to the month's end: one from 24 November, none once the
    month is over, and all of it before it starts."""
    november = periods.month("2026-11")
    assert coverage.weeks_left(november, dt.date(2026, 11, 24)) == 1.0  # 24-30 November
    assert coverage.weeks_left(november, dt.date(2026, 12, 1)) == 0.0
    assert coverage.weeks_left(november, dt.date(2026, 10, 1)) == pytest.approx(30 / 7)


@pytest.fixture
def placed(ready_engine, tmp_path):
    """Tests in Phường Tân Phong: 3 fixed in October (one a burst), 1 fixed on
    Sunday 1 November (the same ISO week 2026-W44 as 31 October), 1 mobile."""
    return _place_tests(ready_engine, tmp_path)


def _place_tests(engine, tmp_path):
    communes = gpd.read_file(BOUNDARIES_DIR / "communes_2025.geojson")
    point = communes.loc[communes["ma_xa_moi"] == "03408", "geometry"].iloc[0].representative_point()
    rows = [
        ("T1", "30/10/2026 08:00:00", "100", "Wi-Fi", "0912000001"),
        ("T2", "30/10/2026 08:01:00", "110", "Wi-Fi", "0912000001"),  # burst of T1
        ("T3", "31/10/2026 08:00:00", "120", "Wi-Fi", "0912000002"),
        ("T4", "01/11/2026 08:00:00", "130", "Wi-Fi", "0912000002"),
        ("T5", "31/10/2026 09:00:00", "40", "4G", "0912000003"),
    ]
    text = "Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Loại kết nối,Vĩ độ,Kinh độ,Số điện thoại\n"
    text += "".join(f"{i},{t},{d},{c},{point.y},{point.x},{p}\n" for i, t, d, c, p in rows)
    (tmp_path / "tests.csv").write_text(text, encoding="utf-8")
    import_measurements(engine, tmp_path / "tests.csv", rejects_dir=tmp_path)
    return engine


def test_coverage_counts_shortfalls_and_lists_communes_without_samples(placed):
    """Coverage gives every commune a fixed and a mobile row with its effective samples, shortfall and tests per week
    still needed (none once the period has ended), counting a Sunday in November for ISO week 44; the uncovered list
    puts the communes without a sample first."""
    with placed.connect() as conn:
        october = coverage.commune_coverage(conn, periods.month("2026-10"), sample_floor=3, today=dt.date(2026, 10, 25))
        week = coverage.commune_coverage(conn, periods.week("2026-W44"), sample_floor=3, today=dt.date(2026, 11, 2))
    assert len(october) == 38 * 2  # every commune, fixed and mobile
    tan_phong = october.set_index(["commune_code", "access"]).loc["03408"]
    assert tan_phong.loc["fixed", "raw_samples"] == 3 and tan_phong.loc["fixed", "samples"] == 2
    assert tan_phong.loc["fixed", "shortfall"] == 1
    # 25-31 October is one week: the shortfall is needed within it.
    assert tan_phong.loc["fixed", "tests_per_week_needed"] == 1
    assert tan_phong.loc["mobile", "samples"] == 1
    # The ISO week 2026-W44 crosses into November: Sunday 1 November belongs to it.
    assert week.set_index(["commune_code", "access"]).loc[("03408", "fixed"), "samples"] == 3
    assert week["tests_per_week_needed"].isna().all()  # the week has ended

    listed = coverage.uncovered(october)
    assert len(listed) == 38  # nobody reaches 3 fixed and 3 mobile
    other = listed.set_index("commune_code").drop("03408")
    assert (other["fixed_samples"] == 0).all() and (other["shortfall"] == 6).all()
    assert listed.iloc[0]["shortfall"] == 6  # the communes with no sample come first
    assert listed.set_index("commune_code").loc["03408", "shortfall"] == 1 + 2
    # One week left in October: the whole shortfall is needed this week.
    assert listed.set_index("commune_code").loc[
        "03408", ["fixed_tests_per_week_needed", "mobile_tests_per_week_needed"]
    ].tolist() == [1, 2]


def test_with_days_left_the_list_says_what_is_needed_in_them(placed):
    """On 29 October, 3 days of October are left: no rate per week, but the tests
    still needed in those days, and headings that say so (on the 31st, "1 day" in
    English); the list follows the category chosen."""
    from dashboard.reports import exports

    with placed.connect() as conn:
        october = coverage.commune_coverage(conn, periods.month("2026-10"), sample_floor=3, today=dt.date(2026, 10, 29))
    tan_phong = october.set_index(["commune_code", "access"]).loc["03408"]
    assert pd.isna(tan_phong.loc["fixed", "tests_per_week_needed"]) and tan_phong.loc["fixed", "days_left"] == 3
    assert (tan_phong.loc["fixed", "tests_needed_now"], tan_phong.loc["mobile", "tests_needed_now"]) == (1, 2)
    fixed = coverage.uncovered(october, "fixed")
    sheet = exports.uncovered_sheet(fixed, "vi", "fixed")
    assert "Cố định: còn cần trong 3 ngày còn lại" in sheet.columns
    assert not [c for c in sheet.columns if c.startswith("Di động")]
    assert sheet.set_index("Mã xã").loc["03408", "Cố định: còn cần trong 3 ngày còn lại"] == 1
    with placed.connect() as conn:
        last_day = coverage.commune_coverage(
            conn, periods.month("2026-10"), sample_floor=3, today=dt.date(2026, 10, 31)
        )
    english = exports.uncovered_sheet(coverage.uncovered(last_day, "both"), "en", "both").columns
    assert "Fixed: still needed in the 1 day left" in english  # one day, not "1 days"
    assert "Mobile: per staff member in the 1 day left" in english


def test_tests_of_no_known_connection_type_are_counted_apart(ready_engine, tmp_path):
    """A placed test without a connection type counts in neither category (as VNNIC
    counts), and the period's data says how many there are, for the page to tell."""
    _place_tests(ready_engine, tmp_path)
    communes = gpd.read_file(BOUNDARIES_DIR / "communes_2025.geojson")
    point = communes.loc[communes["ma_xa_moi"] == "03408", "geometry"].iloc[0].representative_point()
    text = "Mã phép đo,Thời gian đo,Tốc độ tải xuống (Mbps),Loại kết nối,Vĩ độ,Kinh độ\n"
    text += f"U1,30/10/2026 10:00:00,50,,{point.y},{point.x}\nU2,30/10/2026 11:00:00,60,,{point.y},{point.x}\n"
    (tmp_path / "untyped.csv").write_text(text, encoding="utf-8")
    import_measurements(ready_engine, tmp_path / "untyped.csv", rejects_dir=tmp_path)
    with ready_engine.connect() as conn:
        data = coverage.coverage_data(conn, periods.month("2026-10"))
    assert data.unknown_access == 2
    assert data.tests["access"].value_counts().to_dict() == {"fixed": 3, "mobile": 1}


def test_one_read_of_a_period_is_counted_again_for_each_filter_as_a_fresh_read(placed):
    """The page reads a period's tests once and counts them again for each floor,
    operator and rule: the same table as reading afresh, and the read data unchanged."""
    october, today = periods.month("2026-10"), dt.date(2026, 10, 25)
    with placed.connect() as conn:
        data = coverage.coverage_data(conn, october)
        before = data.tests.copy()
        for rule, floor, operator in [
            (coverage.CountingRule(), 3, None),
            (coverage.CountingRule(effective=False), 300, None),
            (coverage.CountingRule(per_day=1, burst_minutes=0), 3, None),
            (coverage.CountingRule(), 3, "viettel"),
        ]:
            fresh = coverage.commune_coverage(conn, october, rule, floor, operator, today)
            pd.testing.assert_frame_equal(coverage.coverage_table(data, october, rule, floor, operator, today), fresh)
    assert fresh["samples"].sum() == 0  # no test names an operator
    pd.testing.assert_frame_equal(data.tests, before)


def test_exports_open_in_excel_with_the_expected_rows(placed, tmp_path):
    """The uncovered list exports as a CSV with a UTF-8 BOM and as a workbook with a dated title, frozen headings and
    exactly one row per listed commune."""
    import openpyxl

    from dashboard.reports import exports

    with placed.connect() as conn:
        listed = coverage.uncovered(coverage.commune_coverage(conn, periods.month("2026-10"), sample_floor=3))
    sheet = exports.uncovered_sheet(listed)
    data = sheets.csv_bytes(sheet)
    assert data.startswith(b"\xef\xbb\xbf") and "Tân Phong".encode() in data
    path = tmp_path / "list.xlsx"
    path.write_bytes(sheets.xlsx_bytes(sheet, "Danh sách", dt.datetime(2026, 11, 24, 9, 30)))
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "Danh sách — 24/11/2026 09:30"
    assert [c.value for c in ws[2]][:2] == ["Mã xã", "Xã, phường"]
    assert ws.freeze_panes == "A3" and ws.max_row == 2 + 38
    assert {ws.cell(row=r, column=1).value for r in range(3, ws.max_row + 1)} == set(listed["commune_code"])


@pytest.fixture
def cli_database(file_database, tmp_path):
    """The URL of a SQLite file holding the hand-made tests, for the command line."""
    return file_database(lambda engine: _place_tests(engine, tmp_path))


def test_cli_export(cli_database, tmp_path, capsys):
    """``export uncovered`` writes a month's list to the file named, and refuses a month that does not exist with exit
    code 2 and a message."""
    from dashboard.cli import main as cli

    url = cli_database
    out = tmp_path / "x.csv"
    assert (
        cli.main(
            ["--database", url, "export", "uncovered", "--period", "2026-10", "--format", "csv", "--output", str(out)]
        )
        == 0
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert cli.main(["--database", url, "export", "uncovered", "--period", "2026-13"]) == 2
    assert "not a month" in capsys.readouterr().err


def test_agency_participation_per_person_and_week():
    """An agency's participation is its tests per person per week over the period; an agency without staff has no rate
    and does not meet the target."""
    agencies = pd.DataFrame({"agency_code": ["A", "B", "C"], "staff": [10, 4, 0], "tests": [80, 20, 0]})
    month = coverage.agency_participation(agencies, periods.month("2026-02"))  # exactly 4 weeks
    assert month["tests_per_person_week"].tolist()[:2] == [2.0, 1.25]
    assert month["meets_target"].tolist() == [True, False, False]  # no staff: not met
    assert pd.isna(month["tests_per_person_week"].iloc[2])


def test_cli_export_refuses_a_missing_or_empty_database(tmp_path, capsys):
    """An export from a database that does not exist is refused without creating it, and one from a database without
    measurements is refused too, each with exit code 2 and the reason."""
    from dashboard.cli import main as cli

    missing = tmp_path / "typo.sqlite"
    assert cli.main(["--database", f"sqlite:///{missing}", "export", "uncovered", "--period", "2026-10"]) == 2
    assert "no database at" in capsys.readouterr().err and not missing.exists()
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert cli.main(["--database", empty, "init"]) == 0
    assert cli.main(["--database", empty, "export", "uncovered", "--period", "2026-10"]) == 2
    assert "no measurements yet" in capsys.readouterr().err


def test_cli_export_warns_about_a_period_without_data(cli_database, tmp_path, capsys):
    """An export for a month without measurements still writes its file, with a warning that the month holds none."""
    from dashboard.cli import main as cli

    out = tmp_path / "x.xlsx"
    assert (
        cli.main(["--database", cli_database, "export", "uncovered", "--period", "2027-01", "--output", str(out)]) == 0
    )
    assert "no measurement in 2027-01" in capsys.readouterr().err and out.exists()
