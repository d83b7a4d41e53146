"""The maps' shared pieces (geo/layers.py): one legend and one deck for both map pages."""

from __future__ import annotations

from dashboard.geo import layers


def test_a_legend_keeps_each_item_whole_and_its_label_plain():
    """Each legend item (square and label) is kept on one line when the legend wraps on
    a phone, and a label is text, not HTML: '< 300 mẫu' stays readable, a tag stays inert."""
    shown = layers.legend_html([([26, 150, 65, 190], "Đủ mẫu"), ([120, 120, 120, 200], "<b>< 300 mẫu</b>")])
    assert shown.count("white-space:nowrap") == 2
    assert "rgb(26,150,65)" in shown and "rgb(120,120,120)" in shown
    assert "&lt;b&gt;&lt; 300 mẫu&lt;/b&gt;" in shown and "<b>" not in shown


def test_both_maps_open_on_the_province_without_a_base_map():
    """The deck has no base map to fetch (the app works offline), opens on the
    province, and shows the page's tooltip; the communes' layer is pickable."""
    communes = layers.communes_layer({"type": "FeatureCollection", "features": []}, highlight=True)
    view = layers.province_view((102.32, 21.69, 103.99, 22.81), layers.LAPTOP_WIDTH)
    deck = layers.deck([communes], "<b>{name}</b>", view)
    assert deck.map_style is None
    assert deck.initial_view_state.latitude == view["latitude"]
    assert deck._tooltip == {"html": "<b>{name}</b>"}
    assert communes.pickable and communes.id == "communes"


def test_the_opening_view_shows_the_whole_province_on_a_phone_and_a_laptop():
    """The province (Lai Châu's bounds) fits the map, margins included, on a phone's
    width and on a laptop's: projected as deck.gl draws it (512-pixel world), its
    west (Mường Tè) and east edges fall inside the map."""
    bounds = (102.32076, 21.68577, 103.98507, 22.81123)
    for width in (layers.PHONE_WIDTH, layers.LAPTOP_WIDTH, 1000):
        view = layers.province_view(bounds, width)
        pixels_per_degree = 512 * 2 ** view["zoom"] / 360
        west = (bounds[0] - view["longitude"]) * pixels_per_degree
        east = (bounds[2] - view["longitude"]) * pixels_per_degree
        assert -width / 2 < west and east < width / 2, (width, west, east)  # the whole width inside
        if width < 1000:  # narrow maps are filled across (a wide one is filled top to bottom)
            assert west < -width / 2 * 0.8 and east > width / 2 * 0.8, (width, west, east)
    assert layers.province_view(bounds, layers.PHONE_WIDTH)["zoom"] < layers.province_view(bounds, 1000)["zoom"]
