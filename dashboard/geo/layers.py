"""The maps' pydeck pieces, shared by the coverage and quality pages: the communes'
layer, the hexagons' layer, the deck with its opening view and tooltip, and the
legend under a map."""

from __future__ import annotations

import html

import pydeck as pdk

#: The map's opening view: the whole province.
CENTER = {"latitude": 22.3, "longitude": 103.15, "zoom": 8.1}
#: Height of a map on the page, in pixels.
MAP_HEIGHT = 520


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
        stroked=False,
        opacity=0.9,
    )


def deck(layers: list[pdk.Layer], tooltip_html: str) -> pdk.Deck:
    """A map of the province without a base map (no tiles to fetch), opening on
    the whole province, with ``tooltip_html`` (pydeck's ``{field}`` template)."""
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(**CENTER),
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
