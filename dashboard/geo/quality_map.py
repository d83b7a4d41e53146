"""The quality map's data: communes coloured by a metric in classes around the
threshold, grey where samples are too few; H3 hexagons as aggregates."""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd

from dashboard import i18n
from dashboard.geo.coverage_map import tooltip_safe

RED, ORANGE, LIGHT_GREEN, GREEN = [215, 25, 28, 200], [253, 174, 97, 200], [166, 217, 106, 200], [26, 150, 65, 200]
NOT_ENOUGH = [190, 190, 190, 160]


def classes(metric: str, threshold: float) -> list[tuple[float, list[int], str]]:
    """Colour classes for a metric as (upper bound, colour, label), first match
    from the top. Speeds: under half the threshold, under it, up to twice, above.
    Latency (lower is better) and the share of tests under the threshold the other way."""
    if metric == "latency_ms":
        return [
            (threshold / 2, GREEN, f"< {threshold / 2:g}"),
            (threshold, LIGHT_GREEN, f"< {threshold:g}"),
            (threshold * 2, ORANGE, f"< {threshold * 2:g}"),
            (float("inf"), RED, f"≥ {threshold * 2:g}"),
        ]
    if metric == "share_under":
        return [(10, GREEN, "< 10%"), (25, LIGHT_GREEN, "10–25%"), (50, ORANGE, "25–50%"), (float("inf"), RED, "≥ 50%")]
    return [
        (threshold / 2, RED, f"< {threshold / 2:g}"),
        (threshold, ORANGE, f"< {threshold:g}"),
        (threshold * 2, LIGHT_GREEN, f"< {threshold * 2:g}"),
        (float("inf"), GREEN, f"≥ {threshold * 2:g}"),
    ]


def colour_of(value: float | None, scale: list[tuple[float, list[int], str]]) -> list[int]:
    """The fill for a value; grey when it is missing (not enough samples)."""
    if value is None or pd.isna(value):
        return NOT_ENOUGH
    return next(colour for upper, colour, _ in scale if value < upper)


def features(
    shapes: gpd.GeoDataFrame, table: pd.DataFrame, metric: str, threshold: float, language: str = "vi"
) -> dict:
    """GeoJSON of the communes with fill colour and tooltip text: the median (or
    share) with its sample count, interval and spread, or "not enough samples";
    names escaped for the HTML tooltip."""
    scale = classes(metric, threshold)
    merged = shapes[["commune_code", "geometry"]].merge(table, on="commune_code")
    merged["fill"] = [colour_of(v, scale) for v in merged["value"]]
    decimals = 0 if metric == "latency_ms" else 1

    def text(value):
        return i18n.number(None if pd.isna(value) else float(value), language, decimals)

    merged["value_text"] = [
        text(v) + ("%" if metric == "share_under" else "") if enough else i18n.label("not_enough_samples", language)
        for v, enough in zip(merged["value"], merged["enough"], strict=True)
    ]
    merged["interval_text"] = [
        f"{text(lo)}–{text(hi)}" for lo, hi in zip(merged["ci_low"], merged["ci_high"], strict=True)
    ]
    merged["spread_text"] = [f"{text(lo)}–{text(hi)}" for lo, hi in zip(merged["p10"], merged["p90"], strict=True)]
    merged["samples_text"] = [i18n.number(n, language) for n in merged["samples"]]
    merged = tooltip_safe(merged)
    # The tooltip's first line; a hexagon has its own (see hexagon_layer_data).
    merged["place"] = [
        f"{name} ({code}) · {district}"
        for name, code, district in zip(merged["name"], merged["commune_code"], merged["former_district"], strict=True)
    ]
    keep = [
        "commune_code",
        "name",
        "former_district",
        "samples",
        "samples_text",
        "place",
        "fill",
        "value_text",
        "interval_text",
        "spread_text",
        "geometry",
    ]
    return json.loads(merged[keep].to_json(drop_id=True))


def hexagon_layer_data(
    cells: pd.DataFrame, metric: str, threshold: float, language: str = i18n.DEFAULT_LANGUAGE
) -> list[dict]:
    """Rows for a pydeck H3HexagonLayer: cell id, tests, median, fill, and the text
    the map's one tooltip shows (the same properties as a commune's: the cell stands
    where a commune's name is). Aggregates only."""
    scale = classes("latency_ms" if metric == "latency_ms" else "download_mbps", threshold)
    decimals = 0 if metric == "latency_ms" else 1
    cell_label = i18n.label("hexagon_cell", language)
    return [
        {
            "hexagon": cell,
            "tests": int(n),
            "median": round(float(m), 1),
            "fill": colour_of(m, scale),
            "place": f"{cell_label} {cell}",
            "samples_text": i18n.number(int(n), language),
            "value_text": i18n.number(float(m), language, decimals),
            "interval_text": "–",
            "spread_text": "–",
        }
        for cell, n, m in zip(cells["hexagon"], cells["tests"], cells["median"], strict=True)
    ]
