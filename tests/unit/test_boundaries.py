"""Administrative units: validation on load, former districts, editions."""

import shutil

import numpy as np
import pandas as pd
import pytest
import shapely
from sqlalchemy import func, select

from dashboard.geo import boundaries
from dashboard.geo.boundaries import BoundaryError
from dashboard.store import tables


def test_shipped_units_load_on_both_databases(ready_engine):
    """38 communes with 5-digit text codes, 106 old units, 8 former districts, both editions."""
    with ready_engine.connect() as conn:
        communes = boundaries.communes(conn)
        old = conn.execute(
            select(func.count()).select_from(tables.admin_unit).where(tables.admin_unit.c.edition_id == "pre2025")
        ).scalar()
        districts = conn.execute(select(func.count()).select_from(tables.former_district)).scalar()
        editions = dict(
            conn.execute(select(tables.boundary_edition.c.edition_id, tables.boundary_edition.c.valid_from)).all()
        )
    assert len(communes) == 38
    assert communes["commune_code"].str.fullmatch(r"\d{5}").all()
    assert "03388" in set(communes["commune_code"])  # leading zero kept
    assert communes.geometry.is_valid.all()
    assert (communes["unit_type"] == "Phường").sum() == 2
    assert old == 106 and districts == 8
    assert str(editions["2025"]) == "2025-07-01" and editions["pre2025"] is None


def test_loading_twice_replaces_instead_of_duplicating(ready_engine):
    """Re-running init keeps exactly one copy of every unit."""
    boundaries.load_boundaries(ready_engine)
    with ready_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tables.admin_unit)).scalar() == 38 + 106


def test_former_district_is_the_one_giving_most_units():
    """Each commune goes to the district that gave most of its old units."""
    crosswalk = pd.DataFrame(
        {
            "new_code": ["A", "A", "A", "B", "B"],
            "new_name": ["Xã Alpha", "Xã Alpha", "Xã Alpha", "Xã Hua Bum", "Xã Hua Bum"],
            "old_code": ["1", "2", "3", "4", "5"],
            "old_name": ["Xã Một", "Xã Hai", "Xã Ba", "Xã Vàng San", "Xã Hua Bun"],
            "old_district_code": ["101", "102", "102", "107", "112"],
        }
    )
    result = boundaries.assign_former_districts(crosswalk).set_index("commune_code")["former_district_code"]
    assert result["A"] == "102"
    # A tie: the old unit whose name the commune took wins, despite the spelling Bun/Bum.
    assert result["B"] == "112"


def test_real_tie_hua_bum_goes_to_nam_nhun():
    """Xã Hua Bum (one unit each from Mường Tè and Nậm Nhùn) takes Nậm Nhùn, home of old Hua Bun."""
    districts = boundaries.read_boundaries().communes.set_index("commune_code")["former_district_code"]
    assert districts["03460"] == "112"
    assert districts.notna().all() and districts.nunique() == 8


@pytest.fixture
def broken_folder(tmp_path):
    folder = tmp_path / "boundaries"
    shutil.copytree(boundaries.BOUNDARIES_DIR, folder)
    return folder


def test_unknown_crosswalk_code_is_refused(broken_folder, sqlite_only_engine):
    """A crosswalk naming a commune that does not exist fails with a clear message, writing nothing."""
    path = broken_folder / boundaries.CROSSWALK_FILE
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "new_code"] = "99999"
    frame.to_csv(path, index=False)
    with pytest.raises(BoundaryError, match="99999"):
        boundaries.load_boundaries(sqlite_only_engine, broken_folder)
    with sqlite_only_engine.connect() as conn:
        assert len(boundaries.communes(conn)) == 38


def test_duplicate_commune_code_is_refused(broken_folder):
    """Two communes with one code are refused before anything is written."""
    path = broken_folder / boundaries.COMMUNES_FILE
    text = path.read_text(encoding="utf-8").replace('"ma_xa_moi": "03424"', '"ma_xa_moi": "03390"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BoundaryError, match="duplicate commune codes"):
        boundaries.read_boundaries(broken_folder)


def test_missing_file_is_refused(broken_folder):
    """A folder without the communes file names the missing file."""
    (broken_folder / boundaries.COMMUNES_FILE).unlink()
    with pytest.raises(BoundaryError, match="missing boundary file"):
        boundaries.read_boundaries(broken_folder)


def test_display_outlines_are_lighter_and_keep_shared_borders(ready_engine):
    """The maps' outlines have fewer points, still cover the province without gaps
    or overlaps, and each stays close to its commune."""
    with ready_engine.connect() as conn:
        full = boundaries.communes(conn)[["commune_code", "geometry"]]
        shown = boundaries.display_communes(conn)
    assert list(shown["commune_code"]) == list(full["commune_code"])
    assert (
        shapely.get_num_coordinates(shown.geometry.values).sum()
        < 0.8 * shapely.get_num_coordinates(full.geometry.values).sum()
    )
    assert shown.is_valid.all()
    # The source outlines overlap in a few slivers (SOURCES.md), about 3 km² in all:
    # simplifying makes no new overlapping pair, and the slivers stay slivers.
    before, after = _overlaps(full), _overlaps(shown)
    assert after[before == 0].max() < 1e-9 and after.sum() <= before.sum() * 2
    assert shown.union_all().area == pytest.approx(full.union_all().area, rel=1e-3)
    # Each commune's change against its own area, both measured in metres (UTM 48N).
    moved = shown.geometry.to_crs(32648).symmetric_difference(full.geometry.to_crs(32648), align=False).area
    assert (moved / full.geometry.to_crs(32648).area).max() < 0.02


def _overlaps(shapes) -> np.ndarray:
    """The area shared by each pair of distinct outlines."""
    outlines = np.asarray(shapes.geometry.values, dtype=object)
    shared = shapely.area(shapely.intersection(outlines[:, None], outlines[None, :]))
    np.fill_diagonal(shared, 0)
    return shared
