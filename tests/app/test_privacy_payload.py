"""No page sends raw measurement positions to the browser: maps carry commune
polygons and H3 aggregates only, tables carry no coordinates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dashboard.campaign import store

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")
PAGES = ["views/overview.py", "views/participation.py", "views/coverage.py", "views/quality.py",
         "views/data_status.py"]  # fmt: skip
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
    with store.make_engine(url).connect() as conn:
        rows = conn.execute(text(
            "select latitude, longitude from measurement where latitude is not null and month = "
            "(select max(month) from measurement) limit :limit"
        ), {"limit": limit}).all()  # fmt: skip
    return {f"{lon:.5f}" for _, lon in rows} | {f"{lat:.5f}" for lat, _ in rows}


@pytest.mark.parametrize("page", PAGES)
def test_no_raw_positions_reach_the_browser(demo_campaign, monkeypatch, page):
    url, _ = demo_campaign
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ISPEED_DEMO", "off")
    st.cache_data.clear()
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["_signed_in"] = "demo.admin"
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
                    assert set(row) == {"hexagon", "tests", "median", "fill"}
                    assert row["tests"] >= 10
        # Everything but the commune outlines (whose vertices are not tests).
        flat = json.dumps([v for path, v in _leaves(spec) if "geometry" not in path])
        assert not [value for value in raw if value in flat], "a raw test position is in the map"
    if page.endswith("quality.py"):
        assert decks and any(isinstance(layer.get("data"), list) for layer in json.loads(decks[0].proto.json)["layers"])
    for frame in app.dataframe:
        assert not POSITION_KEYS & {str(c).lower() for c in frame.value.columns}
