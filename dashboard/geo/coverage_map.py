"""The coverage map's data: communes (or former districts) as GeoJSON features
coloured by samples against the floor, with what the tooltip shows."""

from __future__ import annotations

import html
import json

import geopandas as gpd
import pandas as pd

from dashboard import i18n

#: Share of the floor reached -> colour (RGBA), first match from the top.
BANDS = [
    (1.0, [26, 150, 65, 190], "at_floor"),  # at or above the floor
    (0.5, [253, 174, 97, 200], "half"),  # half-way
    (0.0, [215, 25, 28, 200], "far"),  # less than half
]
NO_SAMPLE = [120, 120, 120, 200]
#: Text properties a map's tooltip shows; pydeck puts them into HTML as they are.
TOOLTIP_TEXT = ("name", "former_district", "commune_code")


def band_of(share: float) -> tuple[list[int], str]:
    """The colour and band name for a share of the floor reached."""
    if share <= 0:
        return NO_SAMPLE, "none"
    for lower, colour, name in BANDS:
        if share >= lower:
            return colour, name
    return NO_SAMPLE, "none"


def category_view(coverage: pd.DataFrame, access: str) -> pd.DataFrame:
    """One row per commune for ``access`` ('fixed', 'mobile' or 'both').

    For 'both', samples and floor are the sums, the shortfall is the sum of the
    two shortfalls and the share reached is that of the weaker category, since
    VNNIC rates each category apart.
    """
    keys = ["commune_code", "name", "unit_type", "former_district", "population", "agencies_located", "staff_located"]
    chosen = coverage if access == "both" else coverage[coverage["access"] == access]
    chosen = chosen.assign(share=chosen["samples"] / chosen["floor"])
    view = chosen.groupby(keys, dropna=False, as_index=False).agg(
        samples=("samples", "sum"),
        raw_samples=("raw_samples", "sum"),
        floor=("floor", "sum"),
        shortfall=("shortfall", "sum"),
        share=("share", "min"),
        last_test=("last_test", "max"),
    )
    return view


def district_view(view: pd.DataFrame) -> pd.DataFrame:
    """The commune rows added up by former district."""
    grouped = view.groupby("former_district", as_index=False).agg(
        samples=("samples", "sum"),
        raw_samples=("raw_samples", "sum"),
        floor=("floor", "sum"),
        shortfall=("shortfall", "sum"),
        population=("population", "sum"),
        last_test=("last_test", "max"),
        communes=("commune_code", "count"),
        communes_short=("shortfall", lambda s: int((s > 0).sum())),
    )
    # Surplus in one commune does not make up for another's shortfall: a district
    # is at the floor only when each of its communes is.
    grouped["share"] = 1 - grouped["shortfall"] / grouped["floor"]
    return grouped


#: The counts a tooltip shows, each also written as text (``samples_text``…) the way
#: the reader writes numbers: pydeck's template inserts a property as it is.
TOOLTIP_COUNTS = ("samples", "floor", "shortfall", "population")


def features(
    shapes: gpd.GeoDataFrame, view: pd.DataFrame, by_district: bool = False, language: str = i18n.DEFAULT_LANGUAGE
) -> dict:
    """A GeoJSON FeatureCollection of the view's rows, each with ``fill``, the counts
    as numbers and the tooltip's properties (the counts written as text in
    ``language``, names escaped for HTML by :func:`tooltip_safe`)."""
    table = shapes[["commune_code", "geometry"]].merge(view, on="commune_code")
    if by_district:
        dissolved = table.dissolve(by="former_district", as_index=False)[["former_district", "geometry"]]
        table = dissolved.merge(district_view(view), on="former_district")
    table["fill"] = [band_of(share)[0] for share in table["share"].fillna(0)]
    table["band"] = [band_of(share)[1] for share in table["share"].fillna(0)]
    table["last_test"] = table["last_test"].map(lambda d: d.strftime("%d/%m/%Y") if pd.notna(d) else "–")
    table["share_text"] = [i18n.percent(share, language, decimals=0) for share in table["share"].fillna(0)]
    for count in TOOLTIP_COUNTS:
        table[f"{count}_text"] = [i18n.number(value, language) for value in table[count]]
    return json.loads(tooltip_safe(table).to_json(drop_id=True))


def tooltip_safe(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the text a tooltip shows (TOOLTIP_TEXT) escaped for HTML:
    pydeck's ``{"html": …}`` tooltip inserts properties unescaped, so a name
    holding ``<img src=…>`` would make the page fetch it."""
    escaped = {
        column: [html.escape(v) if isinstance(v, str) else v for v in table[column]]
        for column in TOOLTIP_TEXT
        if column in table
    }
    return table.assign(**escaped)
