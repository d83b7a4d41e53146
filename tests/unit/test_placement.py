"""Placing measurements in communes: polygons, slivers, border, outside, codes, names."""

import numpy as np
import pandas as pd
import pytest
import shapely

from dashboard.geo import boundaries
from dashboard.geo.placement import SNAP_DISTANCE_M
from dashboard.ingest import lookups


@pytest.fixture(scope="module")
def placer(sqlite_only_engine):
    with sqlite_only_engine.connect() as conn:
        return lookups.commune_placer(conn)


@pytest.fixture(scope="module")
def communes(sqlite_only_engine):
    with sqlite_only_engine.connect() as conn:
        return boundaries.communes(conn)


def test_points_inside_polygons_get_their_commune(placer, communes):
    """A point well inside each commune is placed in that commune."""
    inner = shapely.point_on_surface(communes.geometry.values)
    codes, placement = placer.locate(shapely.get_y(inner), shapely.get_x(inner))
    assert list(codes) == list(communes["commune_code"])
    assert set(placement) == {"position"}


def test_border_and_far_points(placer, communes):
    """100 m outside the province goes to the nearest commune; 5 km outside is flagged outside."""
    province = shapely.union_all(communes.to_crs(32648).geometry.values)
    ring = province.exterior
    # A vertex on the western border and the outward direction from the centroid.
    vertex = shapely.Point(min(ring.coords, key=lambda c: c[0]))
    centre = province.centroid
    direction = np.array([vertex.x - centre.x, vertex.y - centre.y])
    direction /= np.linalg.norm(direction)
    near = shapely.Point(vertex.x + 100 * direction[0], vertex.y + 100 * direction[1])
    far = shapely.Point(vertex.x + 5000 * direction[0], vertex.y + 5000 * direction[1])
    assert not province.contains(near) and province.distance(near) < SNAP_DISTANCE_M
    points = pd.Series([near, far]).pipe(lambda s: __import__("geopandas").GeoSeries(s, crs=32648).to_crs(4326))
    codes, placement = placer.locate(points.y.to_numpy(), points.x.to_numpy())
    assert list(placement) == ["nearest", "outside"]
    assert codes[0] is not None and codes[1] is None


def test_sliver_gap_point_goes_to_nearest_commune(placer, communes):
    """A point in a gap between two simplified polygons is snapped, not dropped."""
    merged = shapely.union_all(communes.geometry.values)
    gaps = [shapely.Polygon(interior) for interior in merged.interiors]
    assert gaps, "the shipped polygons have sliver gaps (SOURCES.md)"
    gap = max(gaps, key=lambda g: g.area)
    point = shapely.point_on_surface(gap)
    codes, placement = placer.locate(np.array([point.y]), np.array([point.x]))
    assert placement[0] == "nearest" and codes[0] in set(communes["commune_code"])


def test_no_position_gives_no_placement(placer):
    """Rows without coordinates are left for code or name placement."""
    codes, placement = placer.locate(np.array([np.nan]), np.array([np.nan]))
    assert codes[0] is None and placement[0] is None


def test_swapped_coordinates_are_detected(placer):
    """Latitude and longitude given the wrong way round are swapped back; others are left alone."""
    lat = np.array([103.46, 22.39, 21.03, np.nan])
    lon = np.array([22.39, 103.46, 105.85, 103.0])
    fixed_lat, fixed_lon, swapped = placer.fix_swapped(lat, lon)
    assert swapped.tolist() == [True, False, False, False]
    assert fixed_lat[0] == 22.39 and fixed_lon[0] == 103.46
    assert fixed_lat[2] == 21.03  # Hà Nội stays where it is (outside, not swapped)


def test_muong_than_before_and_after_the_arrangement(placer):
    """The old Xã Mường Than (before 1 July 2025) is now in Xã Than Uyên; today's Mường Than is another place."""
    crosswalk = pd.read_csv(boundaries.BOUNDARIES_DIR / boundaries.CROSSWALK_FILE, dtype=str)
    old = crosswalk[crosswalk["old_name"] == "Xã Mường Than"].iloc[0]
    new_muong_than = crosswalk[crosswalk["new_name"] == "Xã Mường Than"]["new_code"].iloc[0]
    assert old["new_name"] == "Xã Than Uyên" and old["new_code"] != new_muong_than
    names = pd.Series(["Xã Mường Than", "mường than", "MUONG THAN", "Xã Mường Than"])
    dates = pd.to_datetime(pd.Series(["2025-03-01", "2025-06-30", "2025-06-30", "2025-07-01"]))
    assert placer.by_name(names, dates).tolist() == [old["new_code"]] * 3 + [new_muong_than]


def test_codes_read_in_the_edition_of_their_date(placer):
    """A code dated before the arrangement is an old unit code, mapped through the crosswalk;
    a code that lost its leading zero in Excel still matches."""
    crosswalk = pd.read_csv(boundaries.BOUNDARIES_DIR / boundaries.CROSSWALK_FILE, dtype=str)
    merged_away = crosswalk[crosswalk["old_code"] != crosswalk["new_code"]].iloc[0]
    codes = pd.Series([merged_away["old_code"], merged_away["old_code"], "3388", "99999"])
    dates = pd.to_datetime(pd.Series(["2025-01-15", "2026-01-15", "2026-01-15", "2026-01-15"]))
    result = placer.by_code(codes, dates).tolist()
    assert result == [merged_away["new_code"], None, "03388", None]


def test_names_without_diacritics_and_ambiguous_names(placer):
    """Names match without diacritics or prefix; an unknown name is not guessed."""
    names = pd.Series(["Phuong Doan Ket", "đoàn kết", "Xã Không Có", None])
    dates = pd.to_datetime(pd.Series(["2026-01-01"] * 4))
    assert placer.by_name(names, dates).tolist() == ["03388", "03388", None, None]
