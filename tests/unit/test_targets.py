"""Per-commune targets: proposals, validation, storage and their use by coverage."""

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import func, select

from dashboard.dates import periods
from dashboard.reports import coverage, targets
from dashboard.store import queries, tables


def test_a_week_is_held_to_its_share_of_the_month():
    """A monthly target applies whole to a month and, to a week, as the week's share of it rounded up, never less than
    one test."""
    assert targets.period_target(300, periods.month("2026-11")) == 300
    assert targets.period_target(300, periods.week("2026-W47")) == 69  # 300 / 4.35, rounded up
    assert targets.period_target(1, periods.week("2026-W47")) == 1


def test_proposal_by_population_never_goes_under_the_floor():
    """Targets proposed from population (per 1,000 people, rounded up) never go under the floor, and a commune whose
    population is unknown gets the floor."""
    population = pd.Series([5_000, 20_000, 31_234, None])
    assert targets.by_population(population, per_1000=20).tolist() == [300, 400, 625, 300]


def test_sheet_round_trip(ready_engine):
    """The target sheet has one row for each of the 38 communes with its fixed and mobile targets, a stored target
    replacing the default, and turns back into one row per commune and access."""
    with ready_engine.connect() as conn:
        units = queries.run(conn, "commune_units", edition_id="2025")
        stored = pd.DataFrame([{"commune_code": "03408", "access": "mobile", "monthly_target": 800}])
        sheet = targets.target_sheet(units, stored, 300)
    assert len(sheet) == 38 and list(sheet.columns) == ["commune_code", "name", "population", "fixed", "mobile"]
    tan_phong = sheet.set_index("commune_code").loc["03408"]
    assert (tan_phong["fixed"], tan_phong["mobile"]) == (300, 800)
    rows = targets.sheet_rows(sheet)
    assert len(rows) == 76 and set(rows["access"]) == {"fixed", "mobile"}


def _count(engine):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(tables.commune_target)).scalar()


def test_save_keeps_only_own_targets_and_replaces_the_old_ones(ready_engine):
    """Saving a sheet stores only the targets that differ from the default, with who saved them, and replaces those
    saved before: a sheet all at the default leaves nothing stored."""
    sheet = pd.DataFrame(
        {
            "commune_code": ["03408", "03408", "03388", "03388"],
            "access": ["fixed", "mobile", "fixed", "mobile"],
            "monthly_target": [450, 300, 300, 600.0],
        }
    )
    with ready_engine.begin() as conn:
        assert targets.save_targets(conn, sheet, 300, updated_by="so.khcn", now=dt.datetime(2026, 11, 24)) == 2
    with ready_engine.connect() as conn:
        stored = targets.stored_targets(conn)
    assert stored[["commune_code", "access", "monthly_target"]].values.tolist() == [
        ["03388", "mobile", 600],
        ["03408", "fixed", 450],
    ]
    assert set(stored["updated_by"]) == {"so.khcn"}
    with ready_engine.begin() as conn:
        targets.save_targets(conn, sheet.assign(monthly_target=300), 300)
    assert _count(ready_engine) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"commune_code": "99999"}, "unknown commune code(s): 99999"),
        ({"access": "satellite"}, "fixed or mobile"),
        ({"monthly_target": 0}, "whole number from 1 to 100,000"),
        ({"monthly_target": 12.5}, "whole number"),
        ({"monthly_target": None}, "whole number"),
        ({"monthly_target": "nhiều"}, "whole number"),
    ],
)
def test_a_wrong_row_stores_nothing(ready_engine, change, message):
    """A row with an unknown commune, an access other than fixed or mobile, or a target that is not a whole number from
    1 to 100,000 is refused with a message saying so, and the targets saved before stay as they were."""
    with ready_engine.begin() as conn:
        targets.save_targets(conn, pd.DataFrame([{"commune_code": "03388", "access": "fixed", "monthly_target": 500}]))
    bad = pd.DataFrame([{"commune_code": "03408", "access": "fixed", "monthly_target": 450} | change])
    with (
        pytest.raises(targets.TargetError, match=message.replace("(", r"\(").replace(")", r"\)")),
        ready_engine.begin() as conn,
    ):
        targets.save_targets(conn, bad)
    with ready_engine.connect() as conn:
        assert targets.stored_targets(conn)["monthly_target"].tolist() == [500]


def test_a_commune_given_twice_is_refused(ready_engine):
    """A sheet giving the same commune and access twice is refused."""
    twice = pd.DataFrame([{"commune_code": "03408", "access": "fixed", "monthly_target": 450}] * 2)
    with pytest.raises(targets.TargetError, match="given twice"), ready_engine.begin() as conn:
        targets.save_targets(conn, twice)


def test_coverage_uses_a_communes_own_target(ready_engine):
    """Coverage holds a commune with its own target to it (a week to its share of it) and the others to the default
    floor, and the uncovered list shows that target and the shortfall it makes."""
    with ready_engine.begin() as conn:
        targets.save_targets(conn, pd.DataFrame([{"commune_code": "03408", "access": "fixed", "monthly_target": 500}]))
    with ready_engine.connect() as conn:
        month = coverage.commune_coverage(conn, periods.month("2026-10")).set_index(["commune_code", "access"])
        week = coverage.commune_coverage(conn, periods.week("2026-W44")).set_index(["commune_code", "access"])
    assert month.loc[("03408", "fixed"), "floor"] == 500 and month.loc[("03408", "fixed"), "own_target"]
    assert month.loc[("03408", "fixed"), "shortfall"] == 500  # no sample yet
    assert month.loc[("03408", "mobile"), "floor"] == 300 and not month.loc[("03408", "mobile"), "own_target"]
    assert week.loc[("03408", "fixed"), "floor"] == 115 and week.loc[("03388", "fixed"), "floor"] == 69
    listed = coverage.uncovered(month).set_index("commune_code")
    assert listed.loc["03408", "fixed_floor"] == 500 and listed.loc["03408", "shortfall"] == 800


def test_a_range_of_weeks_gets_a_weekly_share_per_week():
    """A target for a range of weeks is the weekly share times the weeks, as for one
    week (rounded up): 300 a month (4.35 weeks) is 69 a week and 276 over four weeks."""
    assert targets.period_target(300, periods.week("2026-W47")) == 69
    assert targets.period_target(300, periods.weeks("2026-W44", "2026-W47")) == 276
    assert targets.period_target(300, periods.month("2026-11")) == 300
