"""Quality figures on hand-made tests with known medians, percentiles and verdicts."""

import numpy as np
import pandas as pd
import pytest

from dashboard.reports import quality
from dashboard.store import month_medians

UNITS = pd.DataFrame(
    {
        "commune_code": ["A", "B", "C"],
        "name": ["Xã A", "Xã B", "Xã C"],
        "former_district": ["H1", "H1", "H2"],
        "population": [1000, 2000, 3000],
    }
)


def _tests(commune, n, download, operator="viettel", technology="4g", access="mobile", latency=30.0):
    speeds = np.resize(np.asarray(download, dtype=float), n)
    return pd.DataFrame(
        {
            "month": "2026-10",
            "commune_code": commune,
            "access": access,
            "technology": technology,
            "operator": operator,
            "download_mbps": speeds,
            "upload_mbps": speeds / 4,
            "latency_ms": latency,
            "latitude": 22.4,
            "longitude": 103.4,
        }
    )


def test_summary_median_percentiles_interval_and_share_under():
    """The summary of a set of speeds gives the median, the 10th and 90th percentiles, the median's 95% interval from
    order statistics and the share under the threshold; without any test the median is missing."""
    figures = quality.summarise(pd.Series(np.arange(1, 101, dtype=float)), threshold=40)
    assert figures["samples"] == 100 and figures["median"] == 50.5
    assert figures["p10"] == pytest.approx(10.9) and figures["p90"] == pytest.approx(90.1)
    assert figures["ci_low"] < 50.5 < figures["ci_high"]
    assert (figures["ci_low"], figures["ci_high"]) == (40.0, 61.0)  # ranks 40 and 61 for n = 100 (tables)
    assert figures["share_under"] == 0.39  # 1..39
    assert np.isnan(quality.summarise(pd.Series([], dtype=float))["median"])


def test_a_commune_under_the_floor_is_greyed_out_not_coloured():
    """A commune with fewer tests than the floor in the selection, or none, keeps its median but gets no map value,
    while one at the floor is coloured by its median or by its share under the threshold."""
    tests = pd.concat(
        [_tests("A", 299, [20, 30, 40]), _tests("B", 300, [20, 30, 40]), _tests("B", 50, 5, technology="3g")]
    )
    table = quality.commune_figures(tests, UNITS, quality.Selection("4g"), "download_mbps", threshold=40)
    table = table.set_index("commune_code")
    assert table.loc["A", "samples"] == 299 and not table.loc["A", "enough"] and np.isnan(table.loc["A", "value"])
    assert table.loc["A", "median"] == 30  # known, but not shown as a colour
    assert table.loc["B", "samples"] == 300 and table.loc["B", "enough"] and table.loc["B", "value"] == 30
    assert table.loc["C", "samples"] == 0 and not table.loc["C", "enough"]  # no test at all
    share = quality.commune_figures(tests, UNITS, quality.Selection("4g"), "share_under", threshold=40)
    assert share.set_index("commune_code").loc["B", "value"] == pytest.approx(200 / 3)  # 20 and 30 are under 40


def test_selection_by_access_technology_and_operator():
    """A selection keeps the tests of the access (fixed or mobile) or the technology chosen, and of the operator when
    one is given."""
    tests = pd.concat(
        [
            _tests("A", 10, 50),
            _tests("A", 5, 200, technology="5g", operator="vnpt"),
            _tests("A", 7, 100, technology="wifi", access="fixed"),
        ]
    )
    assert len(quality.select(tests, quality.Selection("mobile"))) == 15
    assert len(quality.select(tests, quality.Selection("5g"))) == 5
    assert len(quality.select(tests, quality.Selection("mobile", "viettel"))) == 10
    assert len(quality.select(tests, quality.Selection("fixed"))) == 7


def test_operators_side_by_side_and_communes_under_the_threshold():
    """Operators are compared on their samples, and a commune is listed under the threshold 'clearly' when its whole
    interval is below it and 'probably' when the median is below but the interval crosses it; a median at the threshold
    or too few tests is not listed."""
    tests = pd.concat(
        [
            _tests("A", 100, np.linspace(10, 30, 100)),  # Viettel in A: clearly under 40
            _tests("B", 100, np.linspace(20, 60, 100)),  # Viettel in B: median 40 - not under
            _tests("C", 40, np.linspace(20, 56, 40)),  # Viettel in C: median 38, interval crosses 40
            _tests("A", 20, 15, operator="vnpt"),  # too few to judge
        ]
    )
    operators = quality.operator_comparison(tests, "4g", threshold=40).set_index("operator")
    assert operators.loc["viettel", "samples"] == 240 and operators.loc["vnpt", "samples"] == 20
    under = quality.below_threshold(tests, UNITS, "4g", threshold=40, min_samples=30)
    assert under[["operator", "commune_code", "verdict"]].values.tolist() == [
        ["viettel", "A", "clearly"],
        ["viettel", "C", "probably"],
    ]
    assert under.iloc[0]["median"] == pytest.approx(20.0)


def test_month_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones():
    """Each month, category and operator's median is the middle value, or the mean of the two middle ones; a test counts
    under its access and under its technology; a test without an operator or without the value is left out."""
    frame = pd.DataFrame(
        {
            "access": ["mobile", "mobile", "mobile", "mobile", "fixed", "fixed"],
            "technology": ["4g", "4g", "5g", None, "wifi", "wifi"],
            "operator": ["viettel", "viettel", "viettel", "viettel", "vnpt", None],
            "download_mbps": [1.0, 2.0, 9.0, 20.0, 5.0, 7.0],
            "upload_mbps": [1.0, np.nan, 3.0, 4.0, 5.0, 6.0],
            "latency_ms": 30.0,
        }
    )
    medians = month_medians.from_tests("2026-10", frame)
    download = medians[medians["metric"] == "download_mbps"]
    assert download[["category", "operator", "samples", "median"]].to_dict("list") == {
        "category": ["4g", "5g", "fixed", "mobile", "wifi"],
        "operator": ["viettel", "viettel", "vnpt", "viettel", "vnpt"],
        "samples": [2, 1, 1, 4, 1],
        "median": [1.5, 9.0, 5.0, 5.5, 5.0],  # mobile: 1, 2, 9, 20 -> (2 + 9) / 2
    }
    assert (medians["month"] == "2026-10").all()
    upload = medians[medians["metric"] == "upload_mbps"].set_index("category")
    assert upload.loc["mobile", "samples"] == 3 and upload.loc["mobile", "median"] == 3.0
    assert month_medians.from_tests("2026-10", frame.iloc[:0]).empty


def test_month_medians_are_the_quality_pages_medians_of_the_same_tests():
    """Random tests: each month median equals the quality page's (select, then by_group) for every metric, category and
    operator, with the same samples: one definition of a month's median."""
    rng = np.random.default_rng(11)
    n = 2_000
    access = rng.choice(["fixed", "mobile"], n)
    technology = np.where(access == "fixed", rng.choice(["ftth", "wifi"], n), rng.choice(["4g", "5g", "3g"], n))
    frame = pd.DataFrame(
        {
            "access": access,
            "technology": np.where(rng.random(n) < 0.1, None, technology),
            "operator": rng.choice(["viettel", "vnpt", "mobifone", None], n),
            "download_mbps": np.round(rng.lognormal(3, 1, n), 3),
            "upload_mbps": np.where(rng.random(n) < 0.2, np.nan, np.round(rng.lognormal(2, 1, n), 3)),
            "latency_ms": np.round(rng.gamma(2, 20, n), 2),
        }
    )
    medians = month_medians.from_tests("2026-10", frame).set_index(["metric", "category", "operator"])
    compared = 0
    for metric in month_medians.METRICS:
        for category in ("fixed", "mobile", "ftth", "wifi", "4g", "5g", "3g"):
            chosen = quality.select(frame, quality.Selection(category)).dropna(subset=["operator", metric])
            for row in quality.by_group(chosen, ["operator"], metric).itertuples():
                stored = medians.loc[(metric, category, row.operator)]
                assert (stored["samples"], stored["median"]) == (row.samples, row.median)
                compared += 1
    assert compared == len(medians) == 3 * 7 * 3


def test_hexagons_carry_aggregates_only_and_hide_sparse_cells():
    """The hexagon layer carries only each cell with its test count and median, and leaves out cells with fewer tests
    than the minimum."""
    dense = _tests("A", 12, [10, 20, 30])
    sparse = _tests("A", 3, 99).assign(latitude=22.0, longitude=103.0)
    cells = quality.hexagons(pd.concat([dense, sparse]), "download_mbps", resolution=8, min_tests=10)
    assert len(cells) == 1 and list(cells.columns) == ["hexagon", "tests", "median"]
    assert cells.iloc[0]["tests"] == 12 and cells.iloc[0]["median"] == 20
