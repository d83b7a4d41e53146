"""The overview's headline figures against an independent recount of the demo files.

The recount reads the generated export and roster with pandas and geopandas only:
none of the app's parsing, placement, linking or queries. If the two disagree,
either the import or the overview queries count something wrong.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from dashboard.campaign import figures, periods, store
from dashboard.campaign.settings import Settings

AFTER = dt.date(2026, 12, 7)  # every period tested here has ended

COMMUNES = Path(__file__).resolve().parents[2] / "data" / "boundaries" / "communes_2025.geojson"
FIXED = {"Wi-Fi", "Ethernet"}
MOBILE = {"3G", "4G", "5G"}


def _phone(values: pd.Series) -> pd.Series:
    digits = values.fillna("").astype(str).str.replace(r"\D", "", regex=True)
    digits = digits.where(~digits.str.startswith("84"), "0" + digits.str[2:])
    return digits.where(digits != "", None)


def _read_export(folder: Path) -> pd.DataFrame:
    exports = sorted(folder.glob("ispeed_export_*.csv"))
    assert exports, "the demo wrote no export"
    raw = pd.concat([pd.read_csv(p, dtype=str, encoding="utf-8-sig", keep_default_na=False) for p in exports])
    raw = raw.drop_duplicates("Mã phép đo")  # the repeated export days
    raw["local"] = pd.to_datetime(raw["Thời gian đo"], format="%d/%m/%Y %H:%M:%S")
    raw["day"] = raw["local"].dt.date
    iso = raw["local"].dt.isocalendar()
    raw["week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    for column in ("Tốc độ tải xuống (Mbps)", "Tốc độ tải lên (Mbps)", "Độ trễ (ms)", "Vĩ độ", "Kinh độ"):
        raw[column] = pd.to_numeric(raw[column].replace("", None))
    return raw.reset_index(drop=True)


def _link_staff(raw: pd.DataFrame, folder: Path) -> pd.DataFrame:
    roster = pd.read_excel(folder / "roster.xlsx", sheet_name="Cán bộ", dtype=str)
    accounts = roster.dropna(subset=["Tài khoản i-Speed"])
    by_account = dict(zip(accounts["Tài khoản i-Speed"].str.strip().str.lower(), accounts["Mã cán bộ"], strict=True))
    by_phone = dict(zip(_phone(roster["Số điện thoại"]), roster["Mã cán bộ"], strict=True))
    staff = raw["Tài khoản"].str.strip().str.lower().map(by_account)
    return staff.fillna(_phone(raw["Số điện thoại"]).map(by_phone)), roster


def _place(raw: pd.DataFrame) -> pd.Series:
    lat, lon = raw["Vĩ độ"].to_numpy(), raw["Kinh độ"].to_numpy()
    swapped = np.abs(lat) > 90  # Lai Châu: a longitude near 103 cannot be a latitude
    lat, lon = np.where(swapped, lon, lat), np.where(swapped, lat, lon)
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326", index=raw.index)
    communes = gpd.read_file(COMMUNES)[["ma_xa_moi", "geometry"]]
    joined = gpd.sjoin(points, communes, how="left", predicate="within")
    # Where two simplified polygons overlap, the documented rule: lowest code wins.
    joined = joined.sort_values("ma_xa_moi", kind="stable").sort_index(kind="stable")
    code = joined[~joined.index.duplicated()]["ma_xa_moi"]
    # The documented rule: a point in a sliver gap or within 200 m of the border
    # belongs to the nearest commune (measured in UTM zone 48N).
    gap = points[code.isna() & points.geometry.is_valid & ~points.geometry.is_empty].to_crs(32648)
    near = gpd.sjoin_nearest(gap, communes.to_crs(32648), how="inner", max_distance=200)
    near = near[~near.index.duplicated()]
    return code.fillna(near["ma_xa_moi"])


def _on_roster(roster: pd.DataFrame, week: str) -> set:
    """Staff whose roster row covers the week's Thursday (the documented rule)."""
    thursday = dt.date.fromisocalendar(int(week[:4]), int(week[-2:]), 4)
    start = pd.to_datetime(roster["Từ ngày"], format="%d/%m/%Y").dt.date
    end = pd.to_datetime(roster["Đến ngày"], format="%d/%m/%Y").dt.date
    covers = (start.isna() | (start <= thursday)) & (end.isna() | (end >= thursday))
    return set(roster.loc[covers, "Mã cán bộ"])


def recount(folder: Path, period: periods.Period) -> dict:
    """The headline figures computed from the demo files alone (every week of the
    period has ended): the definitions of :mod:`dashboard.campaign.figures`."""
    raw = _read_export(folder)
    raw["staff"], roster = _link_staff(raw, folder)
    raw["commune"] = _place(raw)
    raw["access"] = np.select([raw["Loại kết nối"].isin(FIXED), raw["Loại kết nối"].isin(MOBILE)],
                              ["fixed", "mobile"], None)  # fmt: skip
    in_period = raw[(raw["day"] >= period.first_day) & (raw["day"] <= period.last_day)]
    figures = {"tests": len(in_period)}

    person_weeks = met = 0
    on_roster, tested, every_week = set(), set(), {}
    for week in period.weeks:
        members = _on_roster(roster, week)
        counts = raw[raw["week"] == week].groupby("staff").size()
        person_weeks += len(members)
        for person in members:
            made = counts.get(person, 0)
            on_roster.add(person)
            tested |= {person} if made >= 1 else set()
            met += made >= 2
            every_week[person] = every_week.get(person, True) and made >= 2
    figures |= {"staff_on_roster": len(on_roster), "staff_tested": len(tested),
                "staff_met_target": sum(every_week.values()), "staff_weeks": person_weeks,
                "compliance": met / person_weeks if person_weeks else None}  # fmt: skip

    placed = in_period.dropna(subset=["commune"])
    for access in ("fixed", "mobile"):
        mine = placed[placed["access"] == access]
        for metric, column in (("download_mbps", "Tốc độ tải xuống (Mbps)"), ("upload_mbps", "Tốc độ tải lên (Mbps)"),
                               ("latency_ms", "Độ trễ (ms)")):  # fmt: skip
            values = mine[column].dropna()
            figures[f"{access}_{metric}"] = float(values.median()) if len(values) else None
        figures[f"{access}_samples"] = int(mine["Tốc độ tải xuống (Mbps)"].notna().sum())
    return figures


def _flat(app: dict) -> dict:
    """figures.headline's nested medians and samples as the recount's flat keys."""
    flat = dict(app)
    for access, metrics in app["medians"].items():
        flat |= {f"{access}_{metric}": value for metric, value in metrics.items()}
        flat[f"{access}_samples"] = app["samples"][access]
    return flat


def _compare(app: dict, independent: dict) -> None:
    for key, expected in independent.items():
        if isinstance(expected, float):
            assert app[key] == pytest.approx(expected, rel=1e-9), key
        else:
            assert app[key] == expected, key


@pytest.mark.parametrize("period", [periods.week("2026-W47"), periods.week("2026-W36"), periods.month("2026-10")],
                         ids=lambda p: p.key)  # fmt: skip
def test_headline_agrees_with_a_recount_of_the_demo_files(demo_campaign, period):
    url, folder = demo_campaign
    eng = store.make_engine(url)
    with eng.connect() as conn:
        app = _flat(figures.headline(conn, period, Settings(), AFTER))
    independent = recount(folder, period)
    assert independent["tests"] > 1000  # the period holds a real campaign week or month
    _compare(app, independent)


def test_headline_agrees_on_postgresql_too(engine, tmp_path):
    """The same recount on a small demo, on both databases (medians use window functions)."""
    from dashboard import demo

    demo.create_demo(engine, tmp_path, staff=1500, weeks=5, last_week="2026-W47")
    for period in (periods.week("2026-W47"), periods.month("2026-11")):
        with engine.connect() as conn:
            app = _flat(figures.headline(conn, period, Settings(), AFTER))
        _compare(app, recount(tmp_path, period))


def test_coverage_map_and_list_agree_with_a_recount(demo_campaign):
    """Raw samples per commune (every test counted) against the recount, and the
    map's features against the uncovered list."""
    from dashboard.campaign import boundaries, coverage, coverage_map

    url, folder = demo_campaign
    period = periods.month("2026-10")
    with store.make_engine(url).connect() as conn:
        table = coverage.commune_coverage(conn, period, coverage.CountingRule(effective=False))
        shapes = boundaries.communes(conn)
    raw = _read_export(folder)
    raw["commune"] = _place(raw)
    raw["access"] = np.select([raw["Loại kết nối"].isin(FIXED), raw["Loại kết nối"].isin(MOBILE)],
                              ["fixed", "mobile"], None)  # fmt: skip
    month = raw[(raw["day"] >= period.first_day) & (raw["day"] <= period.last_day)].dropna(subset=["commune"])
    recount = month.groupby(["commune", "access"]).size()
    app = table.set_index(["commune_code", "access"])["samples"]
    assert app[app > 0].sort_index().to_dict() == recount.sort_index().to_dict()

    listed = coverage.uncovered(table)
    for access in ("fixed", "mobile"):
        features = coverage_map.features(shapes, coverage_map.category_view(table, access))["features"]
        short_on_map = {f["properties"]["commune_code"] for f in features if f["properties"]["shortfall"] > 0}
        assert short_on_map == set(listed.loc[listed[f"{access}_shortfall"] > 0, "commune_code"])
        assert short_on_map  # the demo keeps some communes under the floor
