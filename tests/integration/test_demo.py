"""The demo campaign generator: deterministic files in the contract format, with the
realistic features and defects the dashboard must cope with, imported as demo data.

Files are read here directly with pandas (not through the importer), so the
figures are recounted independently.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from sqlalchemy import text

from dashboard.demo import DEFAULT_SEED, create_demo, generate_demo
from dashboard.demo.files import AGENCY_COLUMNS, STAFF_COLUMNS
from dashboard.demo.measurements import EXPORT_COLUMNS
from dashboard.ingest import roster as roster_module

REPO = Path(__file__).resolve().parents[2]
SMALL = {"staff": 1500, "weeks": 6}
OPERATORS = {"Viettel", "VNPT", "VinaPhone", "MobiFone", "FPT", "CMC", "Vietnamobile"}
CONNECTIONS = {"Wi-Fi", "Ethernet", "3G", "4G", "5G"}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A small demo (1,500 staff, 6 weeks) generated once for the module."""
    folder = tmp_path_factory.mktemp("demo")
    return generate_demo(folder, seed=DEFAULT_SEED, **SMALL)


def read_exports(paths: list[Path]) -> pd.DataFrame:
    """All export rows as text, with the file each came from."""
    frames = [
        pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8-sig").assign(_file=p.name) for p in paths
    ]
    return pd.concat(frames, ignore_index=True).replace("", None)


def read_roster(path: Path) -> dict[str, pd.DataFrame]:
    return pd.read_excel(path, sheet_name=None, dtype=str)


def phone_key(values: pd.Series) -> pd.Series:
    """The last 9 digits of a phone number, however it is written."""
    return values.astype("string").str.replace(r"\D", "", regex=True).str[-9:]


def test_same_seed_same_bytes_other_seed_differs(small, tmp_path):
    """The same seed gives byte-identical roster and export files and the same counts; another seed gives different
    files."""
    again = generate_demo(tmp_path / "again", seed=DEFAULT_SEED, **SMALL)
    other = generate_demo(tmp_path / "other", seed=DEFAULT_SEED + 1, **SMALL)
    files = [small.roster, *small.exports]
    assert [p.name for p in [again.roster, *again.exports]] == [p.name for p in files]
    for path in files:
        assert (again.roster.parent / path.name).read_bytes() == path.read_bytes(), path.name
    for path in files:
        assert (other.roster.parent / path.name).read_bytes() != path.read_bytes(), path.name
    assert (again.agencies, again.staff, again.tests) == (small.agencies, small.staff, small.tests)


def test_same_bytes_in_another_process(small, tmp_path):
    """No dependence on string hashing or anything else of one interpreter."""
    folder = tmp_path / "subprocess"
    code = (
        "from pathlib import Path; from dashboard.demo import generate_demo; "
        f"generate_demo(Path({str(folder)!r}), seed={DEFAULT_SEED}, staff={SMALL['staff']}, weeks={SMALL['weeks']})"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=True, timeout=120)
    for path in [small.roster, *small.exports]:
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name


def test_export_files_follow_the_contract(small):
    """The demo exports follow the i-Speed contract: file names, UTF-8 with a BOM, the columns in order, the date
    format, decimal points, known operators and connections, one identity per row and one row per test."""
    assert small.exports, "no export written"
    for path in small.exports:
        assert re.fullmatch(r"ispeed_export_\d{4}-\d{2}\.csv", path.name)
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
        assert raw[3:].decode("utf-8").splitlines()[0].split(",") == EXPORT_COLUMNS
    rows = read_exports(small.exports)
    assert rows["Thời gian đo"].str.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}").all()
    assert rows["Mã phép đo"].str.fullmatch(r"VN\d+").all()
    for name in EXPORT_COLUMNS[2:6]:
        values = pd.to_numeric(rows[name])  # decimal point: fails on commas
        assert (values > 0).all(), name
    assert set(rows["Nhà mạng"].dropna()) == OPERATORS
    assert set(rows["Loại kết nối"]) == CONNECTIONS
    assert set(rows["Phiên bản IP"]) == {"IPv4", "IPv6"}
    # Exactly one identity per row: the account, else the phone written as the app does.
    has_account = rows["Tài khoản"].notna()
    assert (has_account ^ rows["Số điện thoại"].notna()).all()
    assert rows.loc[~has_account, "Số điện thoại"].str.fullmatch(r"84[1-9]\d{8}").all()
    distinct = rows.drop_duplicates("Mã phép đo")
    assert len(distinct) == small.tests


def test_each_export_repeats_the_last_two_days_of_the_month_before(small):
    """Each monthly export after the first repeats all the tests of the last two days of the month before, written as in
    that month's export, and no file holds a test twice."""
    rows = read_exports(small.exports)
    local = pd.to_datetime(rows["Thời gian đo"], format="%d/%m/%Y %H:%M:%S")
    rows["month"] = local.dt.strftime("%Y-%m")
    rows["day"] = local.dt.normalize()
    for previous, current in zip(small.exports, small.exports[1:], strict=False):
        month = current.stem.removeprefix("ispeed_export_")
        inside = rows[rows["_file"] == current.name]
        repeated = inside[inside["month"] != month]
        month_start = pd.Timestamp(f"{month}-01")
        assert len(repeated) > 0
        assert repeated["day"].between(month_start - pd.Timedelta(days=2), month_start - pd.Timedelta(days=1)).all()
        # The same tests, written the same way, as in the previous month's export.
        before = rows[rows["_file"] == previous.name].drop(columns="_file").set_index("Mã phép đo")
        again = repeated.drop(columns="_file").set_index("Mã phép đo")
        pd.testing.assert_frame_equal(before.loc[again.index], again)
        last_two = before[before["day"] >= month_start - pd.Timedelta(days=2)]
        assert set(last_two.index) == set(again.index)
    # Within a file, every test appears once.
    assert not rows.duplicated(["_file", "Mã phép đo"]).any()


def test_roster_follows_the_contract(small):
    """The demo roster follows the contract: two sheets with the expected columns, agencies of every kind in real
    communes with a People's Committee for each, unique people and phones written in several styles, dates as
    DD/MM/YYYY."""
    sheets = read_roster(small.roster)
    assert list(sheets) == ["Cơ quan", "Cán bộ"]
    agencies, staff = sheets["Cơ quan"], sheets["Cán bộ"]
    assert list(agencies.columns) == AGENCY_COLUMNS
    assert list(staff.columns) == STAFF_COLUMNS
    assert len(agencies) == small.agencies and 100 <= len(agencies) <= 140
    assert agencies["Mã cơ quan"].is_unique
    communes = gpd.read_file(REPO / "data" / "boundaries" / "communes_2025.geojson")
    codes = set(communes["ma_xa_moi"].astype(str))
    assert set(agencies["Mã xã"]) <= codes
    assert agencies["Mã xã"].str.fullmatch(r"0\d{4}").all()  # text with its leading zero
    kinds = agencies["Loại cơ quan"].map(roster_module.agency_kind)
    assert "other" not in set(kinds)
    assert {"department", "commune_committee", "mass_organisation", "press", "telecom"} <= set(kinds)
    committees = agencies[kinds == "commune_committee"]
    assert sorted(committees["Mã xã"]) == sorted(codes)  # the People's Committee of every commune
    assert committees["Tên cơ quan"].str.match(r"UBND (xã|phường) ").all()
    capital = set(communes.loc[communes["type"] == "Phường", "ma_xa_moi"])
    assert set(agencies.loc[kinds == "department", "Mã xã"]) & capital

    assert staff["Mã cán bộ"].nunique() == small.staff
    assert set(staff["Mã cơ quan"]) <= set(agencies["Mã cơ quan"])
    people = staff.drop_duplicates("Mã cán bộ")
    assert phone_key(people["Số điện thoại"]).is_unique
    styles = people["Số điện thoại"]
    assert styles.str.fullmatch(r"0\d{3} \d{3} \d{3}").any()
    assert styles.str.fullmatch(r"\+84 \d{9}").any()
    assert styles.str.fullmatch(r"0\d{3}\.\d{3}\.\d{3}").any()
    assert 0.5 < people["Tài khoản i-Speed"].notna().mean() < 0.7
    dates = pd.concat([staff["Từ ngày"], staff["Đến ngày"]]).dropna()
    assert len(dates) > 0
    assert dates.str.fullmatch(r"\d{2}/\d{2}/\d{4}").all()


def test_movers_and_leavers(small):
    """Between 0.5% and 2% of the staff move agency, one row ending the day before the next begins, as many leave, and
    nobody tests after leaving."""
    staff = read_roster(small.roster)["Cán bộ"]
    counts = staff["Mã cán bộ"].value_counts()
    movers = counts[counts == 2].index
    assert counts.max() == 2
    assert 0.005 * small.staff <= len(movers) <= 0.02 * small.staff
    for staff_id in movers:
        old, new = staff[staff["Mã cán bộ"] == staff_id].to_dict("records")
        assert old["Mã cơ quan"] != new["Mã cơ quan"]
        assert pd.isna(old["Từ ngày"]) and pd.isna(new["Đến ngày"])
        left = dt.datetime.strptime(old["Đến ngày"], "%d/%m/%Y")
        assert dt.datetime.strptime(new["Từ ngày"], "%d/%m/%Y") == left + dt.timedelta(days=1)
    single = staff[staff["Mã cán bộ"].map(counts) == 1]
    leavers = single[single["Đến ngày"].notna()]
    assert 0.005 * small.staff <= len(leavers) <= 0.02 * small.staff
    assert single["Từ ngày"].isna().all()
    # People who left stop testing.
    rows = read_exports(small.exports).drop_duplicates("Mã phép đo")
    local = pd.to_datetime(rows["Thời gian đo"], format="%d/%m/%Y %H:%M:%S")
    by_account = leavers.dropna(subset=["Tài khoản i-Speed"])
    last_day = dict(
        zip(by_account["Tài khoản i-Speed"], pd.to_datetime(by_account["Đến ngày"], format="%d/%m/%Y"), strict=False)
    )
    tested = rows["Tài khoản"].map(last_day)
    assert tested.notna().any(), "no leaver tested before leaving"
    assert not (local.dt.normalize() > tested).any()


def test_about_five_percent_of_tests_come_from_people_off_the_roster(small):
    """Between 3% and 8% of the demo's tests come from accounts or phones that are on no roster."""
    staff = read_roster(small.roster)["Cán bộ"]
    accounts = set(staff["Tài khoản i-Speed"].dropna().str.casefold())
    phones = set(phone_key(staff["Số điện thoại"]))
    rows = read_exports(small.exports).drop_duplicates("Mã phép đo")
    known = rows["Tài khoản"].str.casefold().isin(accounts) | phone_key(rows["Số điện thoại"]).isin(phones)
    assert 0.03 <= 1 - known.mean() <= 0.08


def test_defects_and_positions(small):
    """The demo carries the defects the import must cope with in realistic shares (missing and swapped positions, tests
    outside the province, no operator, bursts), fixed broadband is faster than 4G and 5G is rare."""
    rows = read_exports(small.exports).drop_duplicates("Mã phép đo")
    lat, lon = pd.to_numeric(rows["Vĩ độ"]), pd.to_numeric(rows["Kinh độ"])
    assert 0.01 <= lat.isna().mean() <= 0.05  # location off
    assert (lat.isna() == lon.isna()).all()
    swapped = lat > 90
    assert 0.004 <= swapped.mean() <= 0.02
    inside_box = lat.between(21.4, 22.9) & lon.between(102.2, 104.1)
    outside = ~inside_box & ~swapped & lat.notna()
    assert 0.005 <= outside.mean() <= 0.03  # officials travelling
    assert 0.015 <= rows["Nhà mạng"].isna().mean() <= 0.05
    # Fixed broadband is faster than mobile; 5G is rare.
    speed = pd.to_numeric(rows["Tốc độ tải xuống (Mbps)"])
    fixed = rows["Loại kết nối"].isin(["Wi-Fi", "Ethernet"])
    assert speed[fixed].median() > 2 * speed[rows["Loại kết nối"] == "4G"].median()
    assert (rows["Loại kết nối"] == "5G").mean() < 0.05
    # Bursts: the same person testing again within three minutes.
    who = rows["Tài khoản"].fillna(rows["Số điện thoại"])
    local = pd.to_datetime(rows["Thời gian đo"], format="%d/%m/%Y %H:%M:%S")
    ordered = pd.DataFrame({"who": who, "t": local}).sort_values(["who", "t"])
    gaps = ordered.groupby("who")["t"].diff().dt.total_seconds()
    assert (gaps <= 180).sum() >= 10


def test_campaign_rhythm_holiday_drop_and_reminder_push(tmp_path):
    """A 20-week demo has tests every week, fewer in the holiday week and more in the reminder week, about one test per
    person per week, mostly in working hours and evenings and none at night."""
    demo = generate_demo(tmp_path, staff=1500, weeks=20, last_week="2026-W47")
    rows = read_exports(demo.exports).drop_duplicates("Mã phép đo")
    local = pd.to_datetime(rows["Thời gian đo"], format="%d/%m/%Y %H:%M:%S")
    iso = local.dt.isocalendar()
    per_week = (iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)).value_counts().sort_index()
    assert list(per_week.index) == [f"2026-W{w:02d}" for w in range(28, 48)]
    assert per_week["2026-W36"] < 0.7 * per_week[["2026-W35", "2026-W37"]].min()
    assert per_week["2026-W40"] > 1.2 * per_week["2026-W39"]
    assert 15 <= demo.tests / demo.staff <= 30  # about one test per person per week
    hours = local.dt.hour
    assert hours.between(7, 17).mean() > 0.5 and hours.between(18, 22).mean() > 0.15
    assert not hours.between(0, 4).any()


@pytest.mark.parametrize(
    "arguments, fragment",
    [
        ({"last_week": "2026-47"}, "ISO week"),
        ({"last_week": "2026-W60"}, "ISO week"),
        ({"staff": 100}, "at least"),
        ({"weeks": 0}, "at least"),
    ],
)
def test_bad_arguments(tmp_path, arguments, fragment):
    """An impossible last week, too few staff or no weeks is refused before any file is written."""
    with pytest.raises(ValueError, match=fragment):
        generate_demo(tmp_path / "bad", **arguments)
    assert not (tmp_path / "bad").exists()  # checked before anything is written


def test_create_demo_imports_demo_batches_without_duplicates(engine, tmp_path):
    """Creating the demo imports the roster and every export as demo batches, the repeated days counted as already there
    and none rejected, links most tests to staff, places tests in all 38 communes with the capital's two wards far
    ahead, and reports progress from 0 to 1."""
    steps = []
    result = create_demo(engine, tmp_path / "demo", **SMALL, progress=lambda share, step: steps.append(share))
    rows = read_exports(result.files.exports)
    distinct = rows["Mã phép đo"].nunique()
    assert len(rows) > distinct  # the repeated days are there
    assert result.tests == distinct
    assert result.rows_imported == distinct
    assert sum(s.already_present for s in result.import_summaries) == len(rows) - distinct
    assert sum(s.rejected_total for s in result.import_summaries) == 0
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps)
    with engine.connect() as conn:
        assert conn.execute(text("select count(*) from measurement")).scalar() == distinct
        batches = conn.execute(text("select kind, is_demo from import_batch")).all()
        staff = conn.execute(text("select count(*) from staff")).scalar()
        agencies = conn.execute(text("select count(*) from agency")).scalar()
        linked = conn.execute(text("select count(*) from measurement where staff_id is not null")).scalar()
        per_commune = dict(
            conn.execute(
                text(
                    "select commune_code, count(*) from measurement where commune_code is not null group by commune_code"
                )
            ).all()
        )
    assert sorted(kind for kind, _ in batches) == ["measurements"] * len(result.files.exports) + ["roster"]
    assert all(is_demo for _, is_demo in batches)
    assert (staff, agencies) == (result.staff, result.agencies)
    assert 0.9 <= linked / distinct <= 0.97
    # The two wards of the capital gather far more samples than any other commune.
    wards = per_commune.get("03388", 0) + per_commune.get("03408", 0)
    others = sorted(v for k, v in per_commune.items() if k not in ("03388", "03408"))
    assert wards > 5 * others[len(others) // 2]
    assert len(per_commune) == 38


def run_cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_cli_demo(tmp_path):
    """``demo`` on the command line writes the files to the folder chosen, imports them and reports the counts, and
    ``status`` then shows as many measurements."""
    db = tmp_path / "demo.sqlite"
    folder = tmp_path / "files"
    result = run_cli(
        "--database",
        f"sqlite:///{db}",
        "demo",
        "--staff",
        "600",
        "--weeks",
        "3",
        "--seed",
        "5",
        "--folder",
        str(folder),
    )
    assert result.returncode == 0, result.stderr
    assert "agencies: " in result.stdout and "staff: 600" in result.stdout and "time:" in result.stdout
    assert (folder / "roster.xlsx").exists() and list(folder.glob("ispeed_export_*.csv"))
    tests = int(re.search(r"tests: ([\d,]+)", result.stdout)[1].replace(",", ""))
    imported = int(re.search(r"imported: ([\d,]+) tests", result.stdout)[1].replace(",", ""))
    assert tests == imported > 0
    status = run_cli("--database", f"sqlite:///{db}", "status")
    assert f"measurements:  {tests:,}" in status.stdout


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--last-week", "2026-47"], "--last-week"),
        (["--last-week", "2099-W01"], "not over yet"),
        (["--staff", "ten"], "--staff"),
        (["--weeks", "0"], "--weeks"),
    ],
)
def test_cli_demo_bad_arguments(tmp_path, args, fragment):
    """A malformed or unfinished last week, or a bad staff or weeks count, ends the demo command with exit code 2 and
    one error line naming the option, and no folder is written."""
    db = tmp_path / "demo.sqlite"
    result = run_cli("--database", f"sqlite:///{db}", "demo", "--folder", str(tmp_path / "files"), *args)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and fragment in lines[0], result.stderr
    assert not (tmp_path / "files").exists()


def test_cli_demo_help():
    """``demo --help`` lists the seed, staff, weeks, last-week and folder options."""
    result = run_cli("demo", "--help")
    assert result.returncode == 0
    for option in ("--seed", "--staff", "--weeks", "--last-week", "--folder"):
        assert option in result.stdout
