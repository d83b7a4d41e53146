"""Where the demo campaign happens: the 38 communes, their settlements, and the
places officials travel to outside the province.

Positions are drawn from a pool of points per commune, clustered around the
commune's main settlement and a few villages (people live and work in valleys,
not uniformly over the mountains), and always inside the commune polygon.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from dashboard.geo import boundaries

#: Seats of the former rural districts (district towns before 2025): more
#: offices, better networks than the villages around them.
DISTRICT_SEATS = ("Bình Lư", "Mường Tè", "Sìn Hồ", "Phong Thổ", "Than Uyên", "Tân Uyên", "Nậm Hàng")

#: Network tiers: 0 = the two wards of the provincial capital, 1 = a former
#: district seat, 2 = a rural commune.
TIER_WARD, TIER_SEAT, TIER_RURAL = 0, 1, 2

#: Places outside the province where officials test while travelling
#: (name, longitude, latitude, share of travel tests).
TRAVEL_CITIES = (
    ("Hà Nội", 105.8542, 21.0285, 0.45),
    ("Điện Biên Phủ", 103.0230, 21.3860, 0.20),
    ("Lào Cai", 103.9707, 22.4856, 0.20),
    ("Sơn La", 103.9188, 21.3256, 0.15),
)

#: Points per commune pool; the first half is the main settlement ("town").
POOL_SIZE = 2048
_VILLAGES = 6


@dataclass
class Geography:
    """The communes as arrays (index = commune position in these arrays)."""

    codes: np.ndarray  # 2025 commune codes, text with the leading zero
    names: np.ndarray  # "Đoàn Kết"
    unit_types: np.ndarray  # "Phường" or "Xã"
    population: np.ndarray
    former_district: np.ndarray
    tier: np.ndarray
    neighbours: list[np.ndarray]  # communes sharing a border, per commune
    pool_lon: np.ndarray  # (communes, POOL_SIZE)
    pool_lat: np.ndarray

    @property
    def wards(self) -> np.ndarray:
        """Indexes of the two wards of the provincial capital."""
        return np.flatnonzero(self.tier == TIER_WARD)

    def index_of(self, name: str) -> int:
        """Index of a commune by its name (without 'Xã'/'Phường')."""
        return int(np.flatnonzero(self.names == name)[0])

    def town_point(self, commune: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """A point in the main settlement of each given commune (for offices)."""
        slot = rng.integers(0, POOL_SIZE // 2, size=len(commune))
        return self.pool_lon[commune, slot], self.pool_lat[commune, slot]

    def any_point(self, commune: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        """A point anywhere people live in each given commune (for homes)."""
        slot = rng.integers(0, POOL_SIZE, size=len(commune))
        return self.pool_lon[commune, slot], self.pool_lat[commune, slot]


def load_geography(rng: np.random.Generator, folder: Path = boundaries.BOUNDARIES_DIR) -> Geography:
    """Read the shipped communes and build the position pools."""
    communes = boundaries.read_boundaries(folder).communes.sort_values("commune_code", ignore_index=True)
    geometries = communes.geometry.to_numpy()
    shapely.prepare(geometries)
    names = communes["name"].to_numpy(dtype=object)
    unit_types = communes["unit_type"].to_numpy(dtype=object)
    tier = np.full(len(communes), TIER_RURAL)
    tier[np.isin(names, DISTRICT_SEATS)] = TIER_SEAT
    tier[unit_types == "Phường"] = TIER_WARD
    # A small buffer makes communes separated by a sliver of simplification count as neighbours.
    tree = shapely.STRtree(geometries)
    pairs = tree.query(shapely.buffer(geometries, 0.003), predicate="intersects")
    neighbours = [np.sort(pairs[1][(pairs[0] == i) & (pairs[1] != i)]) for i in range(len(communes))]
    centres = np.c_[communes["center_lon"].to_numpy(float), communes["center_lat"].to_numpy(float)]
    pool_lon = np.empty((len(communes), POOL_SIZE))
    pool_lat = np.empty((len(communes), POOL_SIZE))
    for i, geometry in enumerate(geometries):
        centre = centres[i]
        if not shapely.contains_xy(geometry, *centre):
            centre = np.array(shapely.get_coordinates(shapely.point_on_surface(geometry))[0])
        # Wards are compact towns; a commune's centre spreads over a valley.
        spread = 0.008 if tier[i] == TIER_WARD else 0.012
        town = _cluster_points(geometry, centre[None, :], spread, POOL_SIZE // 2, rng)
        villages = _uniform_points(geometry, _VILLAGES, rng)
        rest = _cluster_points(geometry, villages, 0.005, POOL_SIZE - POOL_SIZE // 2, rng)
        points = np.vstack([town, rest])
        pool_lon[i], pool_lat[i] = points[:, 0], points[:, 1]
    return Geography(
        codes=communes["commune_code"].to_numpy(dtype=object),
        names=names,
        unit_types=unit_types,
        population=communes["population"].to_numpy(dtype=float),
        former_district=communes["former_district_code"].to_numpy(dtype=object),
        tier=tier,
        neighbours=neighbours,
        pool_lon=pool_lon,
        pool_lat=pool_lat,
    )


def _uniform_points(geometry, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` points uniformly inside a polygon (rejection from its bounding box)."""
    minx, miny, maxx, maxy = shapely.bounds(geometry)
    found = np.empty((0, 2))
    while len(found) < count:
        candidates = np.c_[rng.uniform(minx, maxx, 8 * count), rng.uniform(miny, maxy, 8 * count)]
        found = np.vstack([found, candidates[shapely.contains_xy(geometry, candidates[:, 0], candidates[:, 1])]])
    return found[:count]


def _cluster_points(geometry, centres: np.ndarray, spread: float, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` points scattered normally (``spread`` degrees) around the centres,
    kept only inside the polygon."""
    found = np.empty((0, 2))
    for _ in range(50):
        if len(found) >= count:
            break
        around = centres[rng.integers(0, len(centres), 2 * count)]
        candidates = around + rng.normal(0.0, spread, size=around.shape)
        found = np.vstack([found, candidates[shapely.contains_xy(geometry, candidates[:, 0], candidates[:, 1])]])
    if len(found) < count:  # a sliver of a polygon: fall back to uniform points
        found = np.vstack([found, _uniform_points(geometry, count - len(found), rng)])
    return found[:count]


def travel_points(count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Positions in the cities officials travel to (a few km around each centre)."""
    shares = np.array([c[3] for c in TRAVEL_CITIES])
    city = rng.choice(len(TRAVEL_CITIES), size=count, p=shares / shares.sum())
    lon = np.array([c[1] for c in TRAVEL_CITIES])[city] + rng.normal(0.0, 0.02, count)
    lat = np.array([c[2] for c in TRAVEL_CITIES])[city] + rng.normal(0.0, 0.02, count)
    return lon, lat
