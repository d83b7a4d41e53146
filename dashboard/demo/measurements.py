"""What each demo test measured: connection, operator, speeds and delays, and
the export row the i-Speed app would give, defects included.

Figures follow data/calibration.md (shared folder): fixed broadband faster than
mobile, the capital faster than the villages, Viettel dominant, 5G rare outside
the two wards; speeds are lognormal around medians near the published figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.demo.geography import TIER_WARD, Geography
from dashboard.demo.population import Population

#: Export columns, in the order of the i-Speed export.
EXPORT_COLUMNS = [
    "Mã phép đo",
    "Thời gian đo",
    "Tốc độ tải xuống (Mbps)",
    "Tốc độ tải lên (Mbps)",
    "Độ trễ (ms)",
    "Jitter (ms)",
    "Nhà mạng",
    "Loại kết nối",
    "Phiên bản IP",
    "Vĩ độ",
    "Kinh độ",
    "Tài khoản",
    "Số điện thoại",
]

# Share of tests on fixed broadband, by tier (ward, district seat, rural commune).
_FIXED_AT_OFFICE = np.array([0.72, 0.66, 0.60])
_FIXED_AT_HOME = np.array([0.70, 0.62, 0.60])  # for people with a line at home
_ETHERNET_AT_OFFICE, _ETHERNET_AT_HOME = 0.20, 0.06
_5G = np.array([0.14, 0.03, 0.006])
_3G = np.array([0.02, 0.04, 0.09])
# Speeds fall from the capital to the villages (longer copper, fewer cells).
_FIXED_TIER = np.array([1.0, 0.8, 0.6])
_MOBILE_TIER = np.array([1.0, 0.75, 0.55])

# Median download / upload in Mbps in the capital, per operator (order of OPERATORS).
_FIXED_MEDIAN: dict[str, tuple[float, float]] = {
    "viettel": (190, 165),
    "vnpt": (160, 130),
    "fpt": (100, 85),
    "cmc": (170, 165),
}
_MOBILE_MEDIAN: dict[str, dict[str, tuple[float, float]]] = {
    "4g": {"viettel": (55, 18), "vnpt": (45, 15), "mobifone": (40, 14), "vietnamobile": (20, 8)},
    "5g": {"viettel": (420, 95), "vnpt": (330, 70), "mobifone": (380, 80), "vietnamobile": (20, 8)},
    "3g": {"viettel": (7, 2), "vnpt": (6, 2), "mobifone": (6, 2), "vietnamobile": (4, 1.5)},
}
_LATENCY_MEDIAN = {"fixed": 10.0, "4g": 32.0, "5g": 20.0, "3g": 70.0}
_IPV6_SHARE = {"viettel": 0.65, "vnpt": 0.45, "mobifone": 0.3, "fpt": 0.5, "cmc": 0.2, "vietnamobile": 0.1}
# How operators are written in the export: VNPT's mobile network is VinaPhone.
_FIXED_LABEL = {"viettel": "Viettel", "vnpt": "VNPT", "fpt": "FPT", "cmc": "CMC"}
_MOBILE_LABEL = {"viettel": "Viettel", "vnpt": "VinaPhone", "mobifone": "MobiFone", "vietnamobile": "Vietnamobile"}
_TECHNOLOGY_LABEL = {"wifi": "Wi-Fi", "ethernet": "Ethernet", "3g": "3G", "4g": "4G", "5g": "5G"}

MISSING_OPERATOR_SHARE = 0.03
NO_POSITION_SHARE = 0.025
SWAPPED_SHARE = 0.01


def add_network(tests: pd.DataFrame, pop: Population, geo: Geography, rng: np.random.Generator) -> None:
    """Add ``operator``, ``access``, ``technology``, speeds, delays and ``ipv6`` to each test."""
    n = len(tests)
    person = tests["person"].to_numpy()
    at_office = tests["at_office"].to_numpy()
    travel = tests["travel"].to_numpy()
    commune = tests["commune"].to_numpy()
    tier = np.where(travel, TIER_WARD, geo.tier[np.where(commune >= 0, commune, 0)])
    home_isp = pop.home_isp[person]
    agency_isp = pop.agencies["isp"].to_numpy(dtype=object)[np.where(at_office, tests["agency"].to_numpy(), 0)]

    has_line = home_isp != None  # noqa: E711 - elementwise on an object array
    fixed_share = np.where(at_office, _FIXED_AT_OFFICE[tier], np.where(has_line, _FIXED_AT_HOME[tier], 0.0))
    fixed_share = np.where(travel, 0.35, fixed_share)  # hotel Wi-Fi
    fixed = rng.random(n) < fixed_share
    ethernet = rng.random(n) < np.where(at_office, _ETHERNET_AT_OFFICE, _ETHERNET_AT_HOME)
    travel_isp = rng.choice(["viettel", "vnpt", "fpt"], size=n, p=[0.45, 0.35, 0.2])
    fixed_isp = np.where(travel, travel_isp, np.where(at_office, agency_isp, home_isp))
    fixed &= fixed_isp != None  # noqa: E711 - nobody has fixed broadband without a line

    # Mobile: the SIM's operator, sometimes a second SIM.
    second = rng.choice(["viettel", "vnpt", "mobifone", "vietnamobile"], size=n, p=[0.55, 0.25, 0.15, 0.05])
    carrier = np.where(rng.random(n) < 0.92, pop.carrier[person], second)
    draw = rng.random(n)
    mobile_tech = np.where(draw < _5G[tier], "5g", np.where(draw > 1 - _3G[tier], "3g", "4g"))
    mobile_tech = np.where((mobile_tech == "5g") & (carrier == "vietnamobile"), "4g", mobile_tech)

    operator = np.where(fixed, fixed_isp, carrier).astype(object)
    technology = np.where(fixed, np.where(ethernet, "ethernet", "wifi"), mobile_tech).astype(object)
    tests["operator"] = operator
    tests["access"] = np.where(fixed, "fixed", "mobile")
    tests["technology"] = technology

    down_median = np.empty(n)
    up_median = np.empty(n)
    for op, (down, up) in _FIXED_MEDIAN.items():
        chosen = fixed & (operator == op)
        down_median[chosen], up_median[chosen] = down, up
    for tech, medians in _MOBILE_MEDIAN.items():
        for op, (down, up) in medians.items():
            chosen = ~fixed & (technology == tech) & (operator == op)
            down_median[chosen], up_median[chosen] = down, up
    wifi_loss = np.where(technology == "wifi", 0.8, np.where(technology == "ethernet", 1.1, 1.0))
    tier_factor = np.where(fixed, _FIXED_TIER[tier], _MOBILE_TIER[tier])
    sigma = np.where(fixed, 0.5, 0.65)
    download_noise = rng.normal(0.0, sigma)
    download = down_median * wifi_loss * tier_factor * np.exp(download_noise)
    # Upload follows download (same line, same signal), with its own noise.
    upload = up_median * wifi_loss * tier_factor * np.exp(0.7 * download_noise + rng.normal(0.0, 0.25, n))
    latency_median = np.where(
        fixed,
        _LATENCY_MEDIAN["fixed"] + np.array([0.0, 1.5, 3.5])[tier],
        pd.Series(mobile_tech).map(_LATENCY_MEDIAN).to_numpy(float) + np.array([0.0, 5.0, 12.0])[tier],
    )
    latency = latency_median * np.exp(rng.normal(0.0, np.where(fixed, 0.3, 0.35)))
    jitter = latency * 0.12 * np.exp(rng.normal(0.0, 0.5, n))
    tests["download"] = np.round(np.clip(download, 0.05, 2500), 2)
    tests["upload"] = np.round(np.clip(upload, 0.02, 2500), 2)
    tests["latency"] = np.round(np.clip(latency, 1.0, 3000), 1)
    tests["jitter"] = np.round(np.clip(jitter, 0.1, 1000), 1)
    ipv6_share = pd.Series(operator).map(_IPV6_SHARE).to_numpy(float)
    tests["ipv6"] = rng.random(n) < ipv6_share


def export_rows(tests: pd.DataFrame, pop: Population, rng: np.random.Generator) -> pd.DataFrame:
    """The tests as i-Speed export rows (contract columns), with realistic defects:
    missing operators, positions off or swapped; ``local_time`` is kept beside them."""
    n = len(tests)
    person = tests["person"].to_numpy()
    # A global counter of the i-Speed service: increasing with time, with gaps (other provinces' tests).
    counter = 31_000_000_000 + np.cumsum(rng.integers(1, 60, n))
    fixed = tests["access"].to_numpy() == "fixed"
    operator = tests["operator"].to_numpy(dtype=object)
    label = np.where(fixed, pd.Series(operator).map(_FIXED_LABEL), pd.Series(operator).map(_MOBILE_LABEL))
    label = label.astype(object)
    label[rng.random(n) < MISSING_OPERATOR_SHARE] = None

    lat = np.round(tests["lat"].to_numpy(), 6)
    lon = np.round(tests["lon"].to_numpy(), 6)
    no_position = rng.random(n) < NO_POSITION_SHARE
    swapped = ~no_position & (rng.random(n) < SWAPPED_SHARE)
    lat_written = np.where(swapped, lon, lat)
    lon_written = np.where(swapped, lat, lon)
    lat_written[no_position] = np.nan
    lon_written[no_position] = np.nan

    # The app identifies a person by the i-Speed account, else by the phone (as 84…).
    account = pop.account[person]
    phone = np.where(account == None, "84" + pop.phone[person], None)  # noqa: E711
    return pd.DataFrame(
        {
            "Mã phép đo": np.char.add("VN", counter.astype(str)).astype(object),
            "Thời gian đo": tests["local_time"].to_numpy(),  # formatted when written
            "Tốc độ tải xuống (Mbps)": tests["download"].to_numpy(),
            "Tốc độ tải lên (Mbps)": tests["upload"].to_numpy(),
            "Độ trễ (ms)": tests["latency"].to_numpy(),
            "Jitter (ms)": tests["jitter"].to_numpy(),
            "Nhà mạng": label,
            "Loại kết nối": tests["technology"].map(_TECHNOLOGY_LABEL).to_numpy(dtype=object),
            "Phiên bản IP": np.where(tests["ipv6"].to_numpy(), "IPv6", "IPv4").astype(object),
            "Vĩ độ": lat_written,
            "Kinh độ": lon_written,
            "Tài khoản": account,
            # numpy's stubs take np.where(c, x, None) above for the one-argument form (a tuple).
            "Số điện thoại": phone.astype(object),  # type: ignore[attr-defined]
        }
    )
