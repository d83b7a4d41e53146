"""No page sends raw measurement positions to the browser: maps carry commune
polygons and H3 aggregates only, tables carry no coordinates."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from dashboard.store import database
from tests.support.app_pages import READING_PAGES

PAGES = READING_PAGES
POSITION_KEYS = {"latitude", "longitude", "lat", "lon", "lng", "position", "coordinates"}


def _leaves(node, path=()):
    """Yield (path, value) for every number or text in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for item in node:
            yield from _leaves(item, path)
    else:
        yield path, node


def _raw_positions(url: str, limit: int = 2000) -> set[str]:
    """Positions of real tests in the newest month, written as a map would carry them."""
    with database.make_engine(url).connect() as conn:
        rows = conn.execute(
            text(
                "select latitude, longitude from measurement where latitude is not null and month = "
                "(select max(month) from measurement) limit :limit"
            ),
            {"limit": limit},
        ).all()
    return {f"{lon:.5f}" for _, lon in rows} | {f"{lat:.5f}" for lat, _ in rows}


#: A hexagon's tooltip: the cell, its tests and median as text (aggregates, no position).
HEXAGON_TOOLTIP = ("place", "samples_text", "value_text", "interval_text", "spread_text")


@pytest.mark.parametrize("page", PAGES)
def test_no_raw_positions_reach_the_browser(demo_campaign, open_app, page):
    """On every reading page the maps carry only commune polygons and hexagons of at least 10 tests with aggregates, no
    raw test position appears in the map data, and no table has a coordinate column."""
    url, _ = demo_campaign
    app = open_app(url, "demo.admin", timeout=120)
    app.run()
    app.switch_page(page).run()
    if page.endswith("quality.py"):
        app.toggle(key="quality_hexagons").set_value(True).run()  # the fine-grained layer too
    assert not app.exception, [e.message for e in app.exception]

    raw = _raw_positions(url)
    decks = app.get("deck_gl_json_chart")
    for deck in decks:
        spec = json.loads(deck.proto.json)
        for layer in spec["layers"]:
            data = layer.get("data")
            if isinstance(data, dict):  # GeoJSON: commune polygons only
                kinds = {f["geometry"]["type"] for f in data["features"]}
                assert kinds <= {"Polygon", "MultiPolygon"}, kinds
                for feature in data["features"]:
                    assert not POSITION_KEYS & set(feature["properties"]), feature["properties"].keys()
            elif isinstance(data, list):  # H3: one aggregate row per cell
                for row in data:
                    assert set(row) == {"hexagon", "tests", "median", "fill", *HEXAGON_TOOLTIP}
                    assert row["tests"] >= 10
        # Everything but the commune outlines (whose vertices are not tests).
        flat = json.dumps([v for path, v in _leaves(spec) if "geometry" not in path])
        assert not [value for value in raw if value in flat], "a raw test position is in the map"
    if page.endswith("quality.py"):
        assert decks and any(isinstance(layer.get("data"), list) for layer in json.loads(decks[0].proto.json)["layers"])
    for frame in app.dataframe:
        assert not POSITION_KEYS & {str(c).lower() for c in frame.value.columns}
