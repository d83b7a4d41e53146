"""A synthetic i-Speed export for the import benchmark: realistic columns and values,
the same file for the same number of rows and seed."""

from __future__ import annotations

import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import shapely

REPO_ROOT = Path(__file__).resolve().parents[1]
COMMUNES_GEOJSON = REPO_ROOT / "data" / "boundaries" / "communes_2025.geojson"

# Columns as the real i-Speed export names them.
COL_TIME = "Thời gian đo"
COL_DOWN = "Tốc độ tải xuống (Mbps)"
COL_UP = "Tốc độ tải lên (Mbps)"
COL_LATENCY = "Độ trễ (ms)"
COL_JITTER = "Jitter (ms)"
COL_OPERATOR = "Nhà mạng"
COL_CONNECTION = "Loại kết nối"
COL_LAT = "Vĩ độ"
COL_LON = "Kinh độ"
COL_ACCOUNT = "Tài khoản"
COL_ID = "Mã phép đo"

#: 16 weeks of 2026, Monday 27 July to Sunday 15 November (inclusive).
PERIOD_START = "2026-07-27"
PERIOD_DAYS = 16 * 7
ACCOUNTS = 17_000
# Share of rows with missing, swapped and out-of-province coordinates.
MISSING_SHARE = 0.02
SWAPPED_SHARE = 0.01
OUTSIDE_SHARE = 0.02
#: Towns outside Lai Châu where a few tests are run (lat, lon).
OUTSIDE_TOWNS = [(21.028, 105.834), (21.386, 103.017), (21.327, 103.914), (21.722, 104.911), (10.776, 106.700)]

CONNECTIONS = ["Wi-Fi", "4G", "5G", "3G", "Ethernet"]
CONNECTION_SHARE = [0.45, 0.33, 0.08, 0.02, 0.12]
FIXED = {"Wi-Fi", "Ethernet"}
OPERATORS = ["Viettel", "VinaPhone", "MobiFone", "FPT", "Vietnamobile"]
#: Operator shares for fixed and mobile tests; what is left is an empty cell.
OPERATOR_SHARE_FIXED = [0.45, 0.28, 0.0, 0.22, 0.0]
OPERATOR_SHARE_MOBILE = [0.52, 0.24, 0.17, 0.0, 0.04]
#: Median download (Mbps) and log-sd per connection type.
DOWNLOAD = {
    "Wi-Fi": (140.0, 0.30),
    "Ethernet": (190.0, 0.25),
    "5G": (115.0, 0.35),
    "4G": (55.0, 0.45),
    "3G": (30.0, 0.40),
}
UPLOAD_RATIO = {"Wi-Fi": 0.75, "Ethernet": 0.9, "5G": 0.35, "4G": 0.30, "3G": 0.25}
LATENCY = {"Wi-Fi": (16.0, 0.40), "Ethernet": (12.0, 0.35), "5G": (20.0, 0.40), "4G": (32.0, 0.40), "3G": (50.0, 0.35)}


#: How times are written: as ISO dates, or as i-Speed's own export writes them.
TIME_FORMATS = {"iso": "%Y-%m-%d %H:%M:%S", "dmy": "%d/%m/%Y %H:%M:%S"}


def generate_csv(path: Path, rows: int, seed: int, time_form: str = "iso") -> dict:
    """Write a deterministic synthetic export of ``rows`` rows to ``path``; return counts.

    ``time_form``: a key of :data:`TIME_FORMATS` (the rows are the same either way).
    """
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    n = rows

    # Time: 16 weeks, more tests in office hours and on weekdays (local time, no zone).
    day = rng.integers(0, PERIOD_DAYS, n)
    weekend = (day % 7) >= 5
    day = np.where(weekend & (rng.random(n) < 0.6), day - (day % 7) + rng.integers(0, 5, n), day)
    hour = np.where(rng.random(n) < 0.8, rng.normal(13.0, 3.0, n), rng.uniform(0, 24, n)) % 24
    seconds = (hour * 3600).astype(np.int64)
    stamp = np.datetime64(PERIOD_START, "s") + day.astype("timedelta64[D]") + seconds.astype("timedelta64[s]")
    time_text = pc.strftime(pa.array(stamp), format=TIME_FORMATS[time_form])

    # Connection, operator, speeds and delays.
    conn_idx = rng.choice(len(CONNECTIONS), n, p=CONNECTION_SHARE)
    is_fixed = np.isin(conn_idx, [CONNECTIONS.index(c) for c in FIXED])
    op_draw = np.where(
        is_fixed,
        rng.choice(len(OPERATORS) + 1, n, p=[*OPERATOR_SHARE_FIXED, 1 - sum(OPERATOR_SHARE_FIXED)]),
        rng.choice(len(OPERATORS) + 1, n, p=[*OPERATOR_SHARE_MOBILE, 1 - sum(OPERATOR_SHARE_MOBILE)]),
    )
    down, up, latency = np.empty(n), np.empty(n), np.empty(n)
    for i, name in enumerate(CONNECTIONS):
        sel = conn_idx == i
        k = int(sel.sum())
        median, sigma = DOWNLOAD[name]
        down[sel] = rng.lognormal(np.log(median), sigma, k)
        up[sel] = down[sel] * UPLOAD_RATIO[name] * rng.lognormal(0.0, 0.2, k)
        median, sigma = LATENCY[name]
        latency[sel] = rng.lognormal(np.log(median), sigma, k)
    latency = np.clip(latency, 3.0, 800.0)
    jitter = latency * rng.lognormal(np.log(0.12), 0.5, n)

    # Positions inside the communes, weighted by population.
    communes = gpd.read_file(COMMUNES_GEOJSON)
    weights = communes["population"].to_numpy(dtype=float)
    per_commune = rng.multinomial(n, weights / weights.sum())
    lat, lon = np.empty(n), np.empty(n)
    at = 0
    for geom, want in zip(communes.geometry, per_commune, strict=False):
        shapely.prepare(geom)
        minx, miny, maxx, maxy = geom.bounds
        got_x, got_y, have = [], [], 0
        while have < want:
            batch = max(1024, int((want - have) * 2.5))
            x = rng.uniform(minx, maxx, batch)
            y = rng.uniform(miny, maxy, batch)
            inside = shapely.contains_xy(geom, x, y)
            got_x.append(x[inside])
            got_y.append(y[inside])
            have += int(inside.sum())
        lon[at : at + want] = np.concatenate(got_x)[:want]
        lat[at : at + want] = np.concatenate(got_y)[:want]
        at += want
    order = rng.permutation(n)  # communes interleaved, not in blocks
    lat, lon = lat[order], lon[order]
    kind = rng.random(n)
    outside = kind < OUTSIDE_SHARE
    town = rng.integers(0, len(OUTSIDE_TOWNS), n)
    towns = np.array(OUTSIDE_TOWNS)
    lat = np.where(outside, towns[town, 0] + rng.normal(0, 0.03, n), lat)
    lon = np.where(outside, towns[town, 1] + rng.normal(0, 0.03, n), lon)
    missing = (kind >= OUTSIDE_SHARE) & (kind < OUTSIDE_SHARE + MISSING_SHARE)
    swapped = (kind >= OUTSIDE_SHARE + MISSING_SHARE) & (kind < OUTSIDE_SHARE + MISSING_SHARE + SWAPPED_SHARE)
    lat, lon = np.where(swapped, lon, lat), np.where(swapped, lat, lon)

    # Accounts: 17,000 phone numbers, a few people test much more than others.
    numbers = rng.choice(10**8, ACCOUNTS, replace=False)
    prefix = rng.choice(["09", "03", "08", "07"], ACCOUNTS, p=[0.55, 0.2, 0.15, 0.1])
    accounts = pc.binary_join_element_wise(
        pa.array(prefix), pc.utf8_lpad(pa.array(numbers).cast(pa.string()), 8, "0"), ""
    )
    activity = rng.lognormal(0.0, 1.0, ACCOUNTS)
    account_idx = rng.choice(ACCOUNTS, n, p=activity / activity.sum())

    # Unique test ids: an odd multiplier is a bijection modulo 2**32.
    ids = (np.arange(n, dtype=np.uint64) * np.uint64(2654435761) + np.uint64(seed)) % np.uint64(2**32)
    id_text = pc.binary_join_element_wise("IS", pa.array(ids + np.uint64(10**10)).cast(pa.string()), "")

    def number(values, decimals, mask=None):
        return pa.array(np.round(values, decimals), mask=mask).cast(pa.string())

    operator = pa.DictionaryArray.from_arrays(
        pa.array(op_draw, type=pa.int8(), mask=op_draw == len(OPERATORS)), pa.array(OPERATORS)
    ).cast(pa.string())
    connection = pa.DictionaryArray.from_arrays(pa.array(conn_idx, type=pa.int8()), pa.array(CONNECTIONS))
    table = pa.table(
        {
            COL_TIME: time_text,
            COL_DOWN: number(down, 2),
            COL_UP: number(up, 2),
            COL_LATENCY: number(latency, 0),
            COL_JITTER: number(jitter, 1),
            COL_OPERATOR: operator,
            COL_CONNECTION: connection.cast(pa.string()),
            COL_LAT: number(lat, 6, missing),
            COL_LON: number(lon, 6, missing),
            COL_ACCOUNT: accounts.take(pa.array(account_idx)),
            COL_ID: id_text,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="none", batch_size=1 << 16))
    return {
        "rows": n,
        "seconds": time.perf_counter() - started,
        "mb": path.stat().st_size / 1e6,
        "outside": int(outside.sum()),
        "missing": int(missing.sum()),
        "swapped": int(swapped.sum()),
        "accounts": int(np.unique(account_idx).size),
    }
