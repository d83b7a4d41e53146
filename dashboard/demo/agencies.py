"""The demo campaign's agencies: the province's departments, commune committees,
mass organisations, press, telecoms and public units, each with its commune, office,
share of the staff and how keenly it takes part.

Everything is drawn from one ``numpy.random.Generator``, so a seed gives the
same agencies every time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.demo.geography import TIER_WARD, Geography

# (name, relative size). Located in one of the two wards of the capital.
DEPARTMENTS = (
    ("Văn phòng Tỉnh ủy", 3),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", 2),
    ("Văn phòng UBND tỉnh", 3),
    ("Ban Tổ chức Tỉnh ủy", 2),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", 2),
    ("Ban Nội chính Tỉnh ủy", 1),
    ("Ủy ban Kiểm tra Tỉnh ủy", 1),
    ("Sở Nội vụ", 3),
    ("Sở Tài chính", 4),
    ("Sở Tư pháp", 2),
    ("Sở Công Thương", 3),
    ("Sở Nông nghiệp và Môi trường", 8),
    ("Sở Xây dựng", 4),
    ("Sở Khoa học và Công nghệ", 3),
    ("Sở Giáo dục và Đào tạo", 5),
    ("Sở Y tế", 5),
    ("Sở Văn hóa, Thể thao và Du lịch", 4),
    ("Sở Dân tộc và Tôn giáo", 2),
    ("Thanh tra tỉnh", 2),
    ("Ban Quản lý dự án đầu tư xây dựng tỉnh", 2),
    ("Ban Quản lý các khu kinh tế tỉnh", 1),
    ("Bệnh viện Đa khoa tỉnh", 14),
    ("Bệnh viện Y dược cổ truyền tỉnh", 4),
    ("Trung tâm Kiểm soát bệnh tật tỉnh", 4),
    ("Trường Chính trị tỉnh", 2),
    ("Trường Cao đẳng Cộng đồng Lai Châu", 5),
    ("Trường THPT chuyên Lê Quý Đôn", 3),
    ("Trung tâm Phục vụ hành chính công tỉnh", 2),
    ("Kho bạc Nhà nước khu vực", 2),
    ("Thuế tỉnh Lai Châu", 3),
)
MASS_ORGANISATIONS = (
    "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    "Tỉnh đoàn Lai Châu",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Liên minh Hợp tác xã tỉnh",
    "Hội Chữ thập đỏ tỉnh",
    "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
    "Hội Văn học Nghệ thuật tỉnh",
    "Hội Người cao tuổi tỉnh",
    "Hội Luật gia tỉnh",
    "Hội Nhà báo tỉnh",
    "Hội Khuyến học tỉnh",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
)
PRESS = (("Báo Lai Châu", 3), ("Đài Phát thanh - Truyền hình Lai Châu", 4), ("Tạp chí Văn nghệ Lai Châu", 1))
TELECOMS = (
    ("Viettel Lai Châu", "viettel"),
    ("VNPT Lai Châu", "vnpt"),
    ("MobiFone Lai Châu", "vnpt"),
    ("FPT Telecom Lai Châu", "fpt"),
)
#: Public units outside the capital, one of each per former district seat.
REGIONAL_UNITS = (("Trung tâm Y tế khu vực", 5), ("Trường THPT", 4), ("Hạt Kiểm lâm khu vực", 1))
EXTRA_SCHOOLS = ("Dào San", "Mường Kim", "Nậm Tăm", "Bum Tở", "Khổng Lào")

#: Text of ``Loại cơ quan`` per kind, as an organisation department writes it
#: (each is recognised by dashboard.ingest.roster.agency_kind).
KIND_TEXT = {
    "department": "Sở, ban, ngành",
    "commune_committee": "UBND xã, phường",
    "mass_organisation": "Mặt trận, đoàn thể",
    "press": "Báo chí, phát thanh, truyền hình",
    "telecom": "Doanh nghiệp viễn thông",
    "public_unit": "Đơn vị sự nghiệp thuộc sở",
}
#: Share of all staff per kind; communes carry most (schools and health stations included).
KIND_SHARE = {
    "commune_committee": 0.60,
    "public_unit": 0.10,
    "department": 0.22,
    "mass_organisation": 0.035,
    "press": 0.02,
    "telecom": 0.025,
}

#: Participation: mean tests per person per week (drawn in this range) and how
#: alike the people of the agency are (gamma shape: high = all alike).
ENGAGEMENT = {
    "exemplary": ((2.3, 2.8), 6.0),
    "lagging": ((0.7, 1.7), 1.6),
    "weak": ((0.2, 0.5), 1.2),
    "inactive": ((0.02, 0.05), 1.0),
}
#: Share of agencies at each level: the communes were told directly, so fewer of
#: their committees do nothing than among the provincial bodies.
COMMITTEE_ENGAGEMENT = {"exemplary": 0.10, "lagging": 0.74, "weak": 0.10, "inactive": 0.06}
OTHER_ENGAGEMENT = {"exemplary": 0.14, "lagging": 0.54, "weak": 0.18, "inactive": 0.14}


def make_agencies(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    """About 120 agencies with their commune, office position, size weight and
    engagement in the campaign."""
    wards = geo.wards
    rows: list[dict] = []

    def add(prefix, kind, name, commune, weight, isp=None):
        rows.append(
            {
                "agency_code": f"{prefix}{sum(r['prefix'] == prefix for r in rows) + 1:03d}",
                "prefix": prefix,
                "name": name,
                "kind": kind,
                "commune": commune,
                "weight": float(weight),
                "isp": isp,
            }
        )

    for name, size in DEPARTMENTS:
        add("SBN", "department", name, rng.choice(wards), size)
    order = np.argsort(geo.codes)
    for c in order:
        prefix = "UBND phường" if geo.unit_types[c] == "Phường" else "UBND xã"
        rows.append(
            {
                "agency_code": f"UBX{geo.codes[c]}",
                "prefix": "UBX",
                "name": f"{prefix} {geo.names[c]}",
                "kind": "commune_committee",
                "commune": int(c),
                "weight": geo.population[c],
                "isp": None,
            }
        )
    for name in MASS_ORGANISATIONS:
        add("MTD", "mass_organisation", name, rng.choice(wards), 1 + rng.random())
    for name, size in PRESS:
        add("BCH", "press", name, rng.choice(wards), size)
    for name, isp in TELECOMS:
        add("DNV", "telecom", name, rng.choice(wards), 3 if isp != "fpt" else 1, isp)
    for seat in sorted(set(geo.names[geo.tier == 1])):
        for unit, size in REGIONAL_UNITS:
            add("DVS", "public_unit", f"{unit} {seat}", geo.index_of(seat), size)
    for place in EXTRA_SCHOOLS:
        add("DVS", "public_unit", f"Trường THPT {place}", geo.index_of(place), 3)
    agencies = pd.DataFrame(rows).drop(columns="prefix")
    agencies["commune"] = agencies["commune"].astype(int)
    agencies["commune_code"] = geo.codes[agencies["commune"]]
    agencies["kind_text"] = agencies["kind"].map(KIND_TEXT)
    # Within each kind, weights split that kind's share of the staff.
    agencies["weight"] = agencies["weight"] / agencies.groupby("kind")["weight"].transform("sum")
    agencies["weight"] *= agencies["kind"].map(KIND_SHARE)
    agencies["office_lon"], agencies["office_lat"] = geo.town_point(agencies["commune"].to_numpy(), rng)
    # Where an agency's own line comes from: the telecoms test on their own network.
    urban = geo.tier[agencies["commune"]] == TIER_WARD
    line_isp = np.where(
        urban,
        rng.choice(["viettel", "vnpt", "fpt", "cmc"], len(agencies), p=[0.5, 0.38, 0.08, 0.04]),
        rng.choice(["viettel", "vnpt"], len(agencies), p=[0.6, 0.4]),
    )
    agencies["isp"] = agencies["isp"].where(agencies["isp"].notna(), pd.Series(line_isp, index=agencies.index))
    _add_engagement(agencies, rng)
    return agencies


def _add_engagement(agencies: pd.DataFrame, rng: np.random.Generator) -> None:
    """Give each agency a level of participation: a few meet the target, many lag,
    some do nothing; each drifts a little week after week."""
    labels = np.empty(len(agencies), dtype=object)
    committee = (agencies["kind"] == "commune_committee").to_numpy()
    for members, shares in ((committee, COMMITTEE_ENGAGEMENT), (~committee, OTHER_ENGAGEMENT)):
        n = int(members.sum())
        counts = {k: round(share * n) for k, share in shares.items()}
        counts["lagging"] = n - sum(v for k, v in counts.items() if k != "lagging")
        labels[members] = np.concatenate([[k] * v for k, v in counts.items()])[rng.permutation(n)]
    low = np.array([ENGAGEMENT[label][0][0] for label in labels])
    high = np.array([ENGAGEMENT[label][0][1] for label in labels])
    agencies["engagement"] = labels
    agencies["level"] = rng.uniform(low, high)
    agencies["spread"] = [ENGAGEMENT[label][1] for label in labels]
    agencies["slope"] = rng.normal(0.0, 0.025, len(agencies))  # per week, on a log scale
