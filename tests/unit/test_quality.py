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


def _counts(runs: dict[tuple[str, str], list[tuple[int, int]]]) -> pd.DataFrame:
    """Counts as month_medians.from_counts reads them: (month, operator) -> [(tenths, tests), ...], in order."""
    rows = [(m, o, v, n) for (m, o), values in sorted(runs.items()) for v, n in sorted(values)]
    return pd.DataFrame(rows, columns=["month", "operator", "tenths", "tests"])


def test_trend_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones():
    """Each month and operator's median is the value at the middle of its counts, or the mean of the two values either
    side when the counts split evenly; a run's median never reaches into the next run."""
    trend = month_medians.from_counts(
        _counts(
            {
                ("2026-09", "mobifone"): [(10, 2), (20, 1), (90, 2)],  # 5 tests: the 3rd is 2.0
                ("2026-09", "viettel"): [(10, 2), (90, 2)],  # 4 tests: (1.0 + 9.0) / 2
                ("2026-10", "viettel"): [(40, 1)],
                ("2026-10", "vnpt"): [(5, 1), (7, 1)],
            }
        )
    )
    assert trend.to_dict("list") == {
        "month": ["2026-09", "2026-09", "2026-10", "2026-10"],
        "operator": ["mobifone", "viettel", "viettel", "vnpt"],
        "samples": [5, 4, 1, 2],
        "median": [2.0, 5.0, 4.0, 0.6],
    }
    assert month_medians.from_counts(_counts({})).empty


def test_trend_medians_equal_the_medians_of_the_tests_they_count():
    """Random runs of counts: each median equals numpy's median of the values repeated as often as counted, whatever the
    order of the rows."""
    rng = np.random.default_rng(7)
    runs = {
        (f"2026-{m:02d}", operator): [(int(v), int(rng.integers(1, 6))) for v in rng.choice(3000, rng.integers(1, 40))]
        for m in range(1, 13)
        for operator in ("mobifone", "viettel", "vnpt")
    }
    runs = {key: list(dict(values).items()) for key, values in runs.items()}  # one row per value
    trend = month_medians.from_counts(_counts(runs)).set_index(["month", "operator"])
    shuffled = month_medians.from_counts(_counts(runs).sample(frac=1, random_state=3))
    pd.testing.assert_frame_equal(shuffled.set_index(["month", "operator"]), trend)  # rows in any order
    for key, values in runs.items():
        repeated = np.repeat([v for v, _ in values], [n for _, n in values]) / 10
        assert trend.loc[key, "samples"] == len(repeated)
        assert trend.loc[key, "median"] == pytest.approx(np.median(repeated))


def test_hexagons_carry_aggregates_only_and_hide_sparse_cells():
    """The hexagon layer carries only each cell with its test count and median, and leaves out cells with fewer tests
    than the minimum."""
    dense = _tests("A", 12, [10, 20, 30])
    sparse = _tests("A", 3, 99).assign(latitude=22.0, longitude=103.0)
    cells = quality.hexagons(pd.concat([dense, sparse]), "download_mbps", resolution=8, min_tests=10)
    assert len(cells) == 1 and list(cells.columns) == ["hexagon", "tests", "median"]
    assert cells.iloc[0]["tests"] == 12 and cells.iloc[0]["median"] == 20
