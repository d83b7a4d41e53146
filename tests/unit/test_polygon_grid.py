"""The grid that places most points by lookup gives the exact test's answer for every point."""

import numpy as np
import pytest
import shapely

from dashboard.geo import boundaries
from dashboard.geo.polygon_grid import CELL_DEGREES, PolygonGrid
from tests.support.stored_rows import read_snapshot


@pytest.fixture(scope="module")
def polygons(sqlite_only_engine):
    with sqlite_only_engine.connect() as conn:
        return boundaries.communes(conn, boundaries.EDITION_2025).geometry.to_numpy()


def awkward_points(polygons: np.ndarray, cell: float) -> tuple[np.ndarray, np.ndarray]:
    """Points where a grid could go wrong, and many ordinary ones: uniform over the
    province and beyond, every border vertex, points along every border edge and a
    hair's breadth either side, cell edges and corners, and the corpus' positions."""
    rng = np.random.default_rng(20261129)
    minx, miny, maxx, maxy = shapely.total_bounds(polygons)
    xs = [rng.uniform(minx - 0.05, maxx + 0.05, 300_000)]
    ys = [rng.uniform(miny - 0.05, maxy + 0.05, 300_000)]
    vertices = shapely.get_coordinates(shapely.boundary(polygons))
    along = shapely.get_coordinates(shapely.segmentize(shapely.boundary(polygons), 0.0007))
    for points in (vertices, along):
        for dx, dy in ((0, 0), (1e-9, 0), (-1e-9, 0), (0, 1e-9), (0, -1e-9), (1e-12, -1e-12)):
            xs.append(points[:, 0] + dx)
            ys.append(points[:, 1] + dy)
    # Cell edges and corners, as the grid computes them and one ulp either side.
    columns = rng.integers(0, int((maxx - minx) / cell) + 2, 20_000)
    rows = rng.integers(0, int((maxy - miny) / cell) + 2, 20_000)
    edge_x, edge_y = minx + columns * cell, miny + rows * cell
    for x, y in (
        (edge_x, edge_y),
        (edge_x, rng.uniform(miny, maxy, 20_000)),
        (rng.uniform(minx, maxx, 20_000), edge_y),
    ):
        for step in (0, 1, -1):
            xs.append(np.nextafter(x, x + step) if step else x)
            ys.append(np.nextafter(y, y - step) if step else y)
    corpus = read_snapshot()
    corpus = corpus[corpus["latitude"] != ""]
    xs.append(corpus["longitude"].astype(float).to_numpy())
    ys.append(corpus["latitude"].astype(float).to_numpy())
    return np.concatenate(xs), np.concatenate(ys)


@pytest.mark.parametrize("cell", [CELL_DEGREES, 0.0123])
def test_grid_answers_as_the_exact_test_everywhere(polygons, cell):
    """On the 2025 communes, for hundreds of thousands of points inside, outside,
    on and next to every border, on cell edges and in the corpus, the grid's answer
    (lookup where a cell is inside one commune or none, the exact test elsewhere)
    is the exact test's answer point for point, lowest commune first where slivers
    overlap; the lookup answers most points inside the province."""
    grid = PolygonGrid(polygons, cell)
    x, y = awkward_points(polygons, cell)
    expected = grid.exact(x, y)
    assert (expected >= 0).sum() > 100_000 and (expected < 0).sum() > 100_000
    np.testing.assert_array_equal(grid.locate(x, y), expected)
    uniform = slice(0, 300_000)  # the first points: uniform over the province and beyond
    rows, columns = grid._cells(x[uniform], y[uniform])
    inside = expected[uniform] >= 0
    assert np.mean(grid._codes[rows[inside], columns[inside]] >= 0) > 0.7


def test_points_off_the_grid_and_without_position(polygons):
    """Points far away, at infinity or NaN are in no commune, as the exact test says."""
    grid = PolygonGrid(polygons)
    x = np.array([0.0, 180.0, np.inf, -np.inf, np.nan, 103.3])
    y = np.array([0.0, 22.0, 22.0, 22.0, 22.0, np.nan])
    np.testing.assert_array_equal(grid.locate(x, y), np.full(6, -1))
