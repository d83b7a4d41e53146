"""The maps' pydeck pieces, shared by the coverage and quality pages: the communes'
layer, the hexagons' layer, the deck with its opening view and tooltip, and the
legend under a map."""

from __future__ import annotations

import html
import math

import pydeck as pdk

#: Height of a map on the page, in pixels.
MAP_HEIGHT = 520
#: Widths a map must show the whole province in: a phone's (390 px screen, less the
#: page's margins) and the narrowest laptop window's main area.
PHONE_WIDTH = 340
LAPTOP_WIDTH = 640
#: Room left around the province, as a share of the map.
MARGIN = 0.05
#: deck.gl's world is 512 pixels wide at zoom 0.
_WORLD_PIXELS = 512


def province_view(bounds: tuple[float, float, float, float], width: int, height: int = MAP_HEIGHT) -> dict:
    """The opening view (latitude, longitude, zoom) that shows all of ``bounds``
    (min lon, min lat, max lon, max lat) in a map of ``width`` × ``height`` pixels,
    computed in Web Mercator as deck.gl draws it."""
    west, south, east, north = bounds

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    usable = 1 - 2 * MARGIN
    zoom_x = math.log2(width * usable * 360 / (_WORLD_PIXELS * (east - west)))
    zoom_y = math.log2(height * usable * 2 * math.pi / (_WORLD_PIXELS * (mercator_y(north) - mercator_y(south))))
    middle_y = (mercator_y(north) + mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(middle_y)) - math.pi / 2)
    return {"latitude": latitude, "longitude": (west + east) / 2, "zoom": round(min(zoom_x, zoom_y), 2)}


def communes_layer(features: dict, highlight: bool = False) -> pdk.Layer:
    """Communes (or former districts) as GeoJSON shapes filled with each feature's
    ``properties.fill`` colour, with white borders; pickable for the tooltip."""
    return pdk.Layer(
        "GeoJsonLayer",
        features,
        id="communes",
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=[255, 255, 255],
        line_width_min_pixels=1,
        auto_highlight=highlight,
    )


def hexagons_layer(cells: list[dict]) -> pdk.Layer:
    """H3 cells (``hexagon`` and ``fill`` fields) drawn flat over the communes."""
    return pdk.Layer(
        "H3HexagonLayer",
        cells,
        id="hexagons",
        pickable=True,
        get_hexagon="hexagon",
        get_fill_color="fill",
        extruded=False,
        stroked=True,  # a thin outline tells neighbouring cells of the same colour apart
        get_line_color=[255, 255, 255],
        line_width_min_pixels=0.5,
        opacity=0.9,
    )


def deck(layers: list[pdk.Layer], tooltip_html: str, view: dict) -> pdk.Deck:
    """A map without a base map (no tiles to fetch), opening on ``view`` (see
    :func:`province_view`), with ``tooltip_html`` (pydeck's ``{field}`` template)."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**view),
        map_style=None,
        tooltip={"html": tooltip_html},
    )


def legend_html(items: list[tuple[list[int], str]]) -> str:
    """A legend line: a coloured square and its label per item. Labels are escaped,
    and each item is kept whole when the line wraps on a narrow screen."""
    return " &nbsp; ".join(
        f"<span style='white-space:nowrap'><span style='color:rgb({c[0]},{c[1]},{c[2]})'>■</span> "
        f"{html.escape(label)}</span>"
        for c, label in items
    )
