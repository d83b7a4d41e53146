"""The overview's headline figures against an independent recount of the demo files.

The recount reads the generated export and roster with pandas and geopandas only:
none of the app's parsing, placement, linking or queries. If the two disagree,
either the import or the overview queries count something wrong.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from dashboard.dates import periods
from dashboard.reports import figures
from dashboard.reports.settings import Settings
from dashboard.store import database
from tests.support.recount import FIXED, MOBILE, place, read_export, recount

AFTER = dt.date(2026, 12, 7)  # every period tested here has ended


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


@pytest.mark.parametrize(
    "period", [periods.week("2026-W47"), periods.week("2026-W36"), periods.month("2026-10")], ids=lambda p: p.key
)
def test_headline_agrees_with_a_recount_of_the_demo_files(demo_campaign, period):
    """The overview's headline figures for a week, the holiday week and a month equal an independent recount of the demo
    files."""
    url, folder = demo_campaign
    eng = database.make_engine(url)
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
    from dashboard.geo import boundaries, coverage_map
    from dashboard.reports import coverage

    url, folder = demo_campaign
    period = periods.month("2026-10")
    with database.make_engine(url).connect() as conn:
        table = coverage.commune_coverage(conn, period, coverage.CountingRule(effective=False))
        shapes = boundaries.communes(conn)
    raw = read_export(folder)
    raw["commune"] = place(raw)
    raw["access"] = np.select(
        [raw["Loại kết nối"].isin(FIXED), raw["Loại kết nối"].isin(MOBILE)], ["fixed", "mobile"], None
    )
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
