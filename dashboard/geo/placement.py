"""Put measurements in 2025 communes, by position or else by commune code or name.

Everything here is vectorised over whole columns: a million rows are placed
without a Python loop per row, most of them by a grid lookup
(:mod:`dashboard.geo.polygon_grid`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from dashboard.geo.boundaries import ARRANGEMENT_DATE, EDITION_2025, EDITION_PRE_2025
from dashboard.geo.polygon_grid import PolygonGrid
from dashboard.text import lookup_key

#: A point this close outside the province border (or in a sliver gap between
#: two simplified polygons) goes to the nearest commune.
SNAP_DISTANCE_M = 200.0
#: Metric CRS for distances: UTM zone 48N covers Lai Châu.
METRIC_CRS = 32648
#: Margin around the province box used to tell swapped coordinates (degrees).
_SWAP_MARGIN_DEG = 0.5


class CommunePlacer:
    """Point-in-polygon and name lookup against one edition of communes."""

    def __init__(self, communes: gpd.GeoDataFrame, names: dict, crosswalk: dict[str, str]):
        self.codes = communes["commune_code"].to_numpy(dtype=object)
        # Where slivers overlap, the first polygon wins: communes come in code
        # order, so the lowest commune code.
        self._grid = PolygonGrid(communes.geometry.to_numpy())
        metric = communes.to_crs(METRIC_CRS).geometry.to_numpy()
        self._metric_tree = shapely.STRtree(metric)
        self._to_metric = Transformer.from_crs(4326, METRIC_CRS, always_xy=True)
        self.bounds = communes.total_bounds  # minx, miny, maxx, maxy
        self._names = names
        self._crosswalk = crosswalk
        self._known_2025 = set(self.codes)

    # -- positions ---------------------------------------------------------
    def fix_swapped(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Detect latitude and longitude given the wrong way round and swap them.

        A pair is swapped when the latitude is impossible but the longitude would
        be a valid latitude, or when only the swapped pair falls near the province.
        Returns (lat, lon, swapped_mask).
        """
        minx, miny, maxx, maxy = self.bounds
        m = _SWAP_MARGIN_DEG

        def near(la, lo):
            return (la >= miny - m) & (la <= maxy + m) & (lo >= minx - m) & (lo <= maxx + m)

        with np.errstate(invalid="ignore"):
            impossible = (np.abs(lat) > 90) & (np.abs(lon) <= 90)
            swapped = impossible | (near(lon, lat) & ~near(lat, lon))
        swapped &= ~np.isnan(lat) & ~np.isnan(lon)
        return np.where(swapped, lon, lat), np.where(swapped, lat, lon), swapped

    def locate(self, lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Commune code and placement for each position.

        Placement is ``position`` (inside a polygon), ``nearest`` (in a sliver gap
        or within :data:`SNAP_DISTANCE_M` of the border) or ``outside``. Rows with
        no position get code None and placement None.
        """
        n = len(lat)
        codes = np.full(n, None, dtype=object)
        placement = np.full(n, None, dtype=object)
        has_position = ~(np.isnan(lat) | np.isnan(lon))
        rows = np.flatnonzero(has_position)
        if rows.size == 0:
            return codes, placement
        found = self._grid.locate(lon[rows], lat[rows])
        inside = found >= 0
        codes[rows[inside]] = self.codes[found[inside]]
        placement[rows[inside]] = "position"

        missed = rows[codes[rows] == None]  # noqa: E711 - elementwise test on an object array
        if missed.size:
            x, y = self._to_metric.transform(lon[missed], lat[missed])
            metric_points = shapely.points(x, y)
            near_idx, near_poly = self._metric_tree.query_nearest(
                metric_points, max_distance=SNAP_DISTANCE_M, all_matches=False
            )
            codes[missed[near_idx]] = self.codes[near_poly]
            placement[missed] = "outside"
            placement[missed[near_idx]] = "nearest"
        return codes, placement

    # -- codes and names -----------------------------------------------------
    def by_code(self, code: pd.Series, local_date: pd.Series) -> pd.Series:
        """2025 commune code from a written code, read in the edition of the row's date."""
        written = code.astype("string").str.strip().str.replace(r"\.0$", "", regex=True).str.zfill(5)
        before = local_date < pd.Timestamp(ARRANGEMENT_DATE)
        old = written.map(self._crosswalk)
        new = written.where(written.isin(self._known_2025))
        return old.where(before, new).astype("object").where(lambda s: s.notna(), None)

    def by_name(self, name: pd.Series, local_date: pd.Series) -> pd.Series:
        """2025 commune code from a written name, read in the edition of the row's date.

        Names compare after NFC and case folding, with or without diacritics; a name
        written before 1 July 2025 is an old unit, mapped through the crosswalk.
        """
        before = local_date < pd.Timestamp(ARRANGEMENT_DATE)
        result = pd.Series(None, index=name.index, dtype=object)
        frame = pd.DataFrame({"name": name.astype("object"), "before": before})
        for (written, is_before), group in frame.dropna(subset=["name"]).groupby(["name", "before"]):
            result[group.index] = self._lookup_name(written, bool(is_before))
        return result.astype(object).where(result.notna(), None)

    def _lookup_name(self, written: str, before: bool) -> str | None:
        edition = EDITION_PRE_2025 if before else EDITION_2025
        keys = self._names.get(edition, {})
        for key in lookup_key(written):
            if key in keys:
                code = keys[key]
                if code is None:
                    return None  # ambiguous spelling: better unplaced than wrong
                return self._crosswalk.get(code) if before else code
        return None
