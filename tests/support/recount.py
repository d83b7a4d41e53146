"""An independent recount of the demo's files (export and roster) with pandas and
geopandas only: none of the app's parsing, placement, linking or queries. Tests
compare the app's figures with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from dashboard.dates import periods

COMMUNES = Path(__file__).resolve().parents[2] / "data" / "boundaries" / "communes_2025.geojson"
FIXED = {"Wi-Fi", "Ethernet"}
MOBILE = {"3G", "4G", "5G"}


def phone(values: pd.Series) -> pd.Series:
    digits = values.fillna("").astype(str).str.replace(r"\D", "", regex=True)
    digits = digits.where(~digits.str.startswith("84"), "0" + digits.str[2:])
    return digits.where(digits != "", None)


def read_export(folder: Path) -> pd.DataFrame:
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


def link_staff(raw: pd.DataFrame, folder: Path) -> pd.DataFrame:
    roster = pd.read_excel(folder / "roster.xlsx", sheet_name="Cán bộ", dtype=str)
    accounts = roster.dropna(subset=["Tài khoản i-Speed"])
    by_account = dict(zip(accounts["Tài khoản i-Speed"].str.strip().str.lower(), accounts["Mã cán bộ"], strict=True))
    by_phone = dict(zip(phone(roster["Số điện thoại"]), roster["Mã cán bộ"], strict=True))
    staff = raw["Tài khoản"].str.strip().str.lower().map(by_account)
    return staff.fillna(phone(raw["Số điện thoại"]).map(by_phone)), roster


def place(raw: pd.DataFrame) -> pd.Series:
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


def roster_of_week(roster: pd.DataFrame, week: str) -> set:
    """Staff whose roster row covers the week's Thursday (the documented rule)."""
    thursday = dt.date.fromisocalendar(int(week[:4]), int(week[-2:]), 4)
    start = pd.to_datetime(roster["Từ ngày"], format="%d/%m/%Y").dt.date
    end = pd.to_datetime(roster["Đến ngày"], format="%d/%m/%Y").dt.date
    covers = (start.isna() | (start <= thursday)) & (end.isna() | (end >= thursday))
    return set(roster.loc[covers, "Mã cán bộ"])


def recount(folder: Path, period: periods.Period) -> dict:
    """The headline figures computed from the demo files alone (every week of the
    period has ended): the definitions of :mod:`dashboard.reports.figures`. A week
    after the last day of the export holds nothing imported yet: it is not counted."""
    raw = read_export(folder)
    raw["staff"], roster = link_staff(raw, folder)
    raw["commune"] = place(raw)
    raw["access"] = np.select(
        [raw["Loại kết nối"].isin(FIXED), raw["Loại kết nối"].isin(MOBILE)], ["fixed", "mobile"], None
    )
    in_period = raw[(raw["day"] >= period.first_day) & (raw["day"] <= period.last_day)]
    figures = {"tests": len(in_period)}

    person_weeks = met = 0
    on_roster, tested, every_week = set(), set(), {}
    last_day = raw["day"].max()
    for week in [w for w in period.weeks if periods.week(w).first_day <= last_day]:
        members = roster_of_week(roster, week)
        counts = raw[raw["week"] == week].groupby("staff").size()
        person_weeks += len(members)
        for person in members:
            made = counts.get(person, 0)
            on_roster.add(person)
            tested |= {person} if made >= 1 else set()
            met += made >= 2
            every_week[person] = every_week.get(person, True) and made >= 2
    figures |= {
        "staff_on_roster": len(on_roster),
        "staff_tested": len(tested),
        "staff_met_target": sum(every_week.values()),
        "staff_weeks": person_weeks,
        "compliance": met / person_weeks if person_weeks else None,
    }

    placed = in_period.dropna(subset=["commune"])
    for access in ("fixed", "mobile"):
        mine = placed[placed["access"] == access]
        for metric, column in (
            ("download_mbps", "Tốc độ tải xuống (Mbps)"),
            ("upload_mbps", "Tốc độ tải lên (Mbps)"),
            ("latency_ms", "Độ trễ (ms)"),
        ):
            values = mine[column].dropna()
            figures[f"{access}_{metric}"] = float(values.median()) if len(values) else None
        figures[f"{access}_samples"] = int(mine["Tốc độ tải xuống (Mbps)"].notna().sum())
    return figures
