"""Who takes part in the demo campaign: the agencies' staff, and the people who
test without being on any roster (the agencies are :mod:`dashboard.demo.agencies`).

Everything is drawn from one ``numpy.random.Generator``, so a seed gives the
same province every time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.demo.geography import TIER_WARD, Geography
from dashboard.text import strip_diacritics

ACCOUNT_SHARE = 0.60
EMAIL_SHARE = 0.45
MOVER_SHARE = LEAVER_SHARE = 0.01
#: People who test without being on a roster, as a share of all tests.
UNKNOWN_TEST_SHARE = 0.05

# Mobile number prefixes (national form without the 0) by operator, with market shares.
PHONE_PREFIXES = {
    "viettel": (0.60, ("96", "97", "98", "86", "32", "33", "34", "35", "36", "37", "38", "39")),
    "vnpt": (0.22, ("91", "94", "88", "81", "82", "83", "84", "85")),
    "mobifone": (0.14, ("90", "93", "89", "70", "76", "77", "78", "79")),
    "vietnamobile": (0.04, ("92", "56", "58")),
}
OPERATORS = ("viettel", "vnpt", "mobifone", "fpt", "cmc", "vietnamobile")

# Names of the province's main peoples: (share of people, surnames, male middle
# names, female middle names, male given names, female given names).
_NAMES = {
    "kinh": (
        0.45,
        "Nguyễn Trần Lê Phạm Hoàng Vũ Đỗ Bùi Đặng Ngô Dương Đinh Phan Trịnh Lưu",
        "Văn Đức Minh Quang Xuân Hữu Ngọc Thanh Mạnh",
        "Thị Thu Ngọc Thanh Hồng Phương Thùy Minh",
        "Anh Bình Cường Dũng Đức Hải Hùng Huy Khánh Long Minh Nam Phong Quang Sơn Thắng Thành Trung Tuấn Việt",
        "Anh Chi Dung Giang Hà Hằng Hạnh Hoa Hương Lan Linh Mai Ngọc Nhung Phương Quỳnh Thảo Thủy Trang Yến",
    ),
    "thai": (
        0.22,
        "Lò Lường Tòng Điêu Quàng Cầm Hà Lê Vì",
        "Văn",
        "Thị",
        "Pọm Xương Thanh Inh Nhất Kiên Đôi Chung Hùng Tuyên",
        "Ín Xuân Thoa Pặng Hiên Ngân Lả Duyên Nga Liên",
    ),
    "mong": (
        0.20,
        "Giàng Sùng Vàng Thào Lý Hờ Mùa Lầu Cứ",
        "A Seo Văn",
        "Thị Mí",
        "Páo Chứ Sử Dình Chồ Tủa Lử Sáy Dế Pó",
        "Mỷ Sua Dợ Mai Dung Chở Pà Sú Dinh Xa",
    ),
    "dao": (
        0.13,
        "Tẩn Phàn Chảo Lý Đặng Triệu",
        "Văn Láo Lở",
        "Thị Mẩy Lở",
        "Quẩy Chài Phẩu Kiềm Chạn San Ván",
        "Mẩy Lai Xoang Chiêm Vần Duyên",
    ),
}


@dataclass
class Population:
    """Agencies and people as arrays. People 0..staff-1 are on the roster; the
    others test without being on one (agency -1)."""

    agencies: pd.DataFrame  # agency_code, name, kind, kind_text, commune, office_lon/lat, level, spread, slope, isp
    staff_count: int
    staff_id: np.ndarray  # object, None for people off the roster
    full_name: np.ndarray
    agency: np.ndarray  # agency index at the start of the campaign (-1 off the roster)
    new_agency: np.ndarray  # agency after a move, else -1
    move_date: np.ndarray  # datetime64[D], NaT unless moving
    leave_date: np.ndarray  # datetime64[D], last day on the roster, NaT unless leaving
    home: np.ndarray  # home commune index
    home_lon: np.ndarray
    home_lat: np.ndarray
    factor: np.ndarray  # personal tests-per-week multiplier (0: never tests)
    account: np.ndarray  # object, None when the person has no i-Speed account
    phone: np.ndarray  # 9-digit national number without the leading 0 (text)
    email: np.ndarray  # object, None when not on the roster
    carrier: np.ndarray  # mobile operator (from the phone prefix)
    home_isp: np.ndarray  # fixed-broadband operator at home, None without a line


def make_population(
    geo: Geography, agencies: pd.DataFrame, staff: int, start: dt.date, end: dt.date, rng: np.random.Generator
) -> Population:
    """``staff`` people on the roster, plus people who test without being on it."""
    sizes = _apportion(agencies["weight"].to_numpy(), staff)
    agency = np.repeat(np.arange(len(agencies)), sizes)
    # Off-roster testers: relatives, contractors, staff missing from a list.
    unknown = max(10, round(staff * 0.07))
    total = staff + unknown
    commune = np.concatenate([agencies["commune"].to_numpy()[agency], _weighted_communes(geo, unknown, rng)])

    home = commune.copy()
    elsewhere = rng.random(total) < 0.15
    for c in np.unique(commune[elsewhere]):
        chosen = np.flatnonzero(elsewhere & (commune == c))
        if len(geo.neighbours[c]):
            home[chosen] = rng.choice(geo.neighbours[c], size=len(chosen))
    home_lon, home_lat = geo.any_point(home, rng)

    spread = np.r_[agencies["spread"].to_numpy()[agency], np.full(unknown, 1.4)]
    factor = rng.gamma(spread, 1.0 / spread)
    never = rng.random(total) < np.where(spread > 3, 0.03, 0.12)
    factor[never] = 0.0

    movers, leavers = _changes(staff, rng)
    new_agency = np.full(total, -1)
    move_date = np.full(total, np.datetime64("NaT"), dtype="datetime64[D]")
    leave_date = move_date.copy()
    first, last = np.datetime64(start) + 14, np.datetime64(end) - 14
    span = max(int((last - first).astype(int)), 1)
    move_date[movers] = first + rng.integers(0, span, len(movers))
    leave_date[leavers] = first + rng.integers(0, span, len(leavers))
    weight = agencies["weight"].to_numpy()
    for m in movers:  # about 1% of staff: a short loop
        others = np.flatnonzero(np.arange(len(agencies)) != agency[m])
        new_agency[m] = rng.choice(others, p=weight[others] / weight[others].sum())

    names, ascii_names = _names(total, rng)
    suffix = rng.choice(np.arange(10, 100_000), size=total, replace=False).astype(str)
    handle = pd.Series(ascii_names) + pd.Series(suffix)
    has_account = rng.random(total) < ACCOUNT_SHARE
    as_email = rng.random(total) < 0.25
    account = np.where(as_email, handle + "@gmail.com", handle).astype(object)
    account[~has_account] = None
    email = (handle + "@laichau.gov.vn").to_numpy(dtype=object)
    email[(rng.random(total) >= EMAIL_SHARE) | (np.arange(total) >= staff)] = None

    phone, carrier = _phones(total, rng)
    tier = geo.tier[home]
    has_line = rng.random(total) < np.array([0.85, 0.7, 0.5])[tier]
    isp = np.where(
        tier == TIER_WARD,
        rng.choice(["viettel", "vnpt", "fpt", "cmc"], total, p=[0.55, 0.33, 0.1, 0.02]),
        rng.choice(["viettel", "vnpt"], total, p=[0.62, 0.38]),
    ).astype(object)
    isp[~has_line] = None

    staff_numbers = rng.choice(np.arange(100_000, 1_000_000), size=staff, replace=False)
    staff_id = np.r_[np.char.add("CB", staff_numbers.astype(str)).astype(object), np.full(unknown, None)]
    return Population(
        agencies=agencies,
        staff_count=staff,
        staff_id=staff_id,
        full_name=names,
        agency=np.r_[agency, np.full(unknown, -1)],
        new_agency=new_agency,
        move_date=move_date,
        leave_date=leave_date,
        home=home,
        home_lon=home_lon,
        home_lat=home_lat,
        factor=factor,
        account=account,
        phone=phone,
        email=email,
        carrier=carrier,
        home_isp=isp,
    )


def _apportion(weights: np.ndarray, total: int, minimum: int = 2) -> np.ndarray:
    """Whole staff counts proportional to ``weights`` summing to ``total`` (largest remainder)."""
    spare = total - minimum * len(weights)
    if spare < 0:
        raise ValueError(f"staff must be at least {minimum * len(weights)} for {len(weights)} agencies")
    exact = weights / weights.sum() * spare
    sizes = np.floor(exact).astype(int)
    remainder = spare - sizes.sum()
    sizes[np.argsort(-(exact - sizes), kind="stable")[:remainder]] += 1
    return sizes + minimum


def _weighted_communes(geo: Geography, count: int, rng: np.random.Generator) -> np.ndarray:
    weight = geo.population * np.where(geo.tier == TIER_WARD, 2.0, 1.0)
    return rng.choice(len(weight), size=count, p=weight / weight.sum())


def _changes(staff: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Distinct people who move to another agency and who leave during the campaign."""
    movers = max(2, round(staff * MOVER_SHARE))
    leavers = max(2, round(staff * LEAVER_SHARE))
    chosen = rng.choice(staff, size=movers + leavers, replace=False)
    return np.sort(chosen[:movers]), np.sort(chosen[movers:])


def _names(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Vietnamese full names of the province's main peoples, and a plain-ASCII
    handle for each (given name + surname, as people choose accounts)."""
    groups = list(_NAMES.values())
    group = rng.choice(len(groups), size=count, p=[g[0] for g in groups])
    female = rng.random(count) < 0.5
    full = np.empty(count, dtype=object)
    handle = np.empty(count, dtype=object)
    for g, (_, surnames, male_mid, female_mid, male_given, female_given) in enumerate(groups):
        for is_female, mids, givens in ((False, male_mid, male_given), (True, female_mid, female_given)):
            chosen = np.flatnonzero((group == g) & (female == is_female))
            parts = [np.array(words.split(), dtype=object) for words in (surnames, mids, givens)]
            surname, mid, given = (p[rng.integers(0, len(p), len(chosen))] for p in parts)
            full[chosen] = surname + " " + mid + " " + given
            handle[chosen] = given + surname
    ascii_handle = pd.Series(handle).map(_ascii_lower, na_action="ignore").to_numpy(dtype=object)
    return full, ascii_handle


def _ascii_lower(text: str) -> str:
    return strip_diacritics(text).lower().replace(" ", "")


def _phones(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Unique 9-digit mobile numbers and the operator each prefix belongs to."""
    operators = list(PHONE_PREFIXES)
    carrier = np.array(operators, dtype=object)[
        rng.choice(len(operators), size=count, p=[PHONE_PREFIXES[o][0] for o in operators])
    ]
    prefix = np.empty(count, dtype=object)
    for operator in operators:
        chosen = np.flatnonzero(carrier == operator)
        options = np.array(PHONE_PREFIXES[operator][1], dtype=object)
        prefix[chosen] = options[rng.integers(0, len(options), len(chosen))]
    # The last 7 digits alone are unique, so whole numbers are too.
    tail = rng.choice(10_000_000, size=count, replace=False)
    phone = prefix + pd.Series(tail).astype(str).str.zfill(7).to_numpy(dtype=object)
    return phone, carrier
