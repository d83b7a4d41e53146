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
    deck = layers.deck([communes], "<b>{name}</b>")
    assert deck.map_style is None
    assert deck.initial_view_state.latitude == layers.CENTER["latitude"]
    assert deck._tooltip == {"html": "<b>{name}</b>"}
    assert communes.pickable and communes.id == "communes"
