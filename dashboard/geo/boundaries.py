"""Administrative units: the 2025 communes, the pre-2025 units, the crosswalk and
the 8 former districts used as reporting regions.

The shipped files live in ``data/boundaries/`` (see SOURCES.md there). Loading
validates them first and writes nothing unless every check passes.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection, Engine

from dashboard import paths
from dashboard.store import migrations, tables
from dashboard.text import fold_bare, name_keys

BOUNDARIES_DIR = paths.REPO_ROOT / "data" / "boundaries"
COMMUNES_FILE = "communes_2025.geojson"
CROSSWALK_FILE = "crosswalk_2025.csv"

EDITION_2025 = "2025"
EDITION_PRE_2025 = "pre2025"
#: The day the two-tier arrangement took effect (Nghị quyết 1670/NQ-UBTVQH15).
ARRANGEMENT_DATE = dt.date(2025, 7, 1)
PROVINCE_COMMUNE_COUNT = 38
PROVINCE_OLD_UNIT_COUNT = 106


class BoundaryError(ValueError):
    """The boundary files are not what the dashboard needs; the message says why."""


@dataclass(frozen=True)
class BoundarySet:
    """Validated contents of a boundaries folder, ready to load."""

    communes: gpd.GeoDataFrame  # 2025 edition, one row per commune
    crosswalk: pd.DataFrame  # one row per pre-2025 unit
    former_districts: pd.DataFrame  # former_district_code, name


def read_boundaries(folder: Path = BOUNDARIES_DIR) -> BoundarySet:
    """Read and validate the communes, the crosswalk and the former districts."""
    communes = _read_communes(folder / COMMUNES_FILE)
    crosswalk = _read_crosswalk(folder / CROSSWALK_FILE)
    unknown = sorted(set(crosswalk["new_code"]) - set(communes["commune_code"]))
    if unknown:
        raise BoundaryError(f"crosswalk names commune codes not in {COMMUNES_FILE}: {', '.join(unknown)}")
    unused = sorted(set(communes["commune_code"]) - set(crosswalk["new_code"]))
    if unused:
        raise BoundaryError(f"communes with no pre-2025 unit in the crosswalk: {', '.join(unused)}")
    communes = communes.merge(assign_former_districts(crosswalk), on="commune_code", how="left")
    districts = (
        crosswalk[["old_district_code", "old_district_name"]]
        .drop_duplicates()
        .rename(columns={"old_district_code": "former_district_code", "old_district_name": "name"})
        .sort_values("former_district_code", ignore_index=True)
    )
    if districts["former_district_code"].duplicated().any():
        raise BoundaryError("a former district code has two different names in the crosswalk")
    return BoundarySet(communes=communes, crosswalk=crosswalk, former_districts=districts)


def _read_communes(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise BoundaryError(f"missing boundary file: {path}")
    frame = gpd.read_file(path)
    required = {"ma_xa_moi", "name", "type", "population", "area", "center", "geometry"}
    missing = required - set(frame.columns)
    if missing:
        raise BoundaryError(f"{path.name} lacks fields: {', '.join(sorted(missing))}")
    frame = frame.to_crs(4326)
    codes = frame["ma_xa_moi"].astype(str).str.strip()
    if not codes.str.fullmatch(r"\d{5}").all():
        raise BoundaryError(f"{path.name}: every commune code must have 5 digits (keep the leading zero)")
    if codes.duplicated().any():
        raise BoundaryError(f"{path.name}: duplicate commune codes {sorted(set(codes[codes.duplicated()]))}")
    if len(frame) != PROVINCE_COMMUNE_COUNT:
        raise BoundaryError(f"{path.name}: expected {PROVINCE_COMMUNE_COUNT} communes, found {len(frame)}")
    invalid = ~shapely.is_valid(frame.geometry.values) | frame.geometry.is_empty
    if invalid.any():
        raise BoundaryError(f"{path.name}: invalid geometry for communes {sorted(codes[invalid])}")
    centers = frame["center"].map(_parse_center)
    return gpd.GeoDataFrame(
        {
            "commune_code": codes,
            "name": frame["name"].str.strip(),
            "unit_type": frame["type"].str.strip(),
            "population": pd.to_numeric(frame["population"]).astype("Int64"),
            "area_km2": pd.to_numeric(frame["area"]),
            "center_lon": centers.str[0],
            "center_lat": centers.str[1],
        },
        geometry=frame.geometry.values,
        crs=4326,
    )


def _parse_center(value) -> tuple[float, float]:
    if isinstance(value, str):
        value = value.strip("[] ").split(",")
    lon, lat = (float(v) for v in value)
    return lon, lat


def _read_crosswalk(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise BoundaryError(f"missing boundary file: {path}")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    required = [
        "old_district_code",
        "old_district_name",
        "old_code",
        "old_name",
        "old_type",
        "new_code",
        "new_name",
        "new_type",
        "bando_truocsapnhap",
    ]
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise BoundaryError(f"{path.name} lacks columns: {', '.join(missing)}")
    frame = frame[required].apply(lambda col: col.str.strip())
    if frame["old_code"].duplicated().any():
        raise BoundaryError(f"{path.name}: a pre-2025 unit appears twice (units pass whole into one commune)")
    if len(frame) != PROVINCE_OLD_UNIT_COUNT:
        raise BoundaryError(f"{path.name}: expected {PROVINCE_OLD_UNIT_COUNT} pre-2025 units, found {len(frame)}")
    return frame


def assign_former_districts(crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Give each 2025 commune the former district that supplied most of its old units.

    On a tie, the district of the old unit whose name the commune took wins; names
    are compared loosely because sources spell some differently (Hua Bun/Hua Bum).
    Returns columns ``commune_code`` and ``former_district_code``.
    """
    rows = []
    for new_code, units in crosswalk.groupby("new_code", sort=True):
        counts = units["old_district_code"].value_counts()
        leaders = sorted(counts[counts == counts.max()].index)
        if len(leaders) == 1:
            district = leaders[0]
        else:
            new_base = fold_bare(_base_name(units["new_name"].iloc[0]))
            candidates = units[units["old_district_code"].isin(leaders)]
            similarity = candidates["old_name"].map(
                lambda old, new_base=new_base: difflib.SequenceMatcher(
                    None, new_base, fold_bare(_base_name(old))
                ).ratio()
            )
            district = candidates.loc[similarity.idxmax(), "old_district_code"]
        rows.append({"commune_code": new_code, "former_district_code": district})
    return pd.DataFrame(rows)


def _base_name(full_name: str) -> str:
    for prefix in ("Thị trấn ", "Phường ", "Xã "):
        if full_name.startswith(prefix):
            return full_name[len(prefix) :]
    return full_name


def ensure_ready(engine: Engine) -> None:
    """Migrate the schema and load the shipped boundaries if none are loaded yet."""
    migrations.migrate(engine)
    with engine.connect() as conn:
        loaded = conn.execute(select(func.count()).select_from(tables.admin_unit)).scalar()
    if not loaded:
        load_boundaries(engine)


def load_boundaries(engine: Engine, folder: Path = BOUNDARIES_DIR) -> BoundarySet:
    """Validate the boundary files, then (re)write both editions in one transaction."""
    boundaries = read_boundaries(folder)
    with engine.begin() as conn:
        _write(conn, boundaries, source=str(folder.name))
    return boundaries


def _write(conn: Connection, b: BoundarySet, source: str) -> None:
    editions = [EDITION_2025, EDITION_PRE_2025]
    conn.execute(delete(tables.unit_alias).where(tables.unit_alias.c.edition_id.in_(editions)))
    conn.execute(delete(tables.crosswalk).where(tables.crosswalk.c.from_edition_id.in_(editions)))
    conn.execute(delete(tables.admin_unit).where(tables.admin_unit.c.edition_id.in_(editions)))
    conn.execute(delete(tables.boundary_edition).where(tables.boundary_edition.c.edition_id.in_(editions)))
    conn.execute(delete(tables.former_district))

    conn.execute(
        tables.boundary_edition.insert(),
        [
            {
                "edition_id": EDITION_2025,
                "title": "38 communes of Lai Châu since 1 July 2025",
                "valid_from": ARRANGEMENT_DATE,
                "valid_to": None,
                "source": source,
            },
            {
                "edition_id": EDITION_PRE_2025,
                "title": "106 communes, wards and towns in 8 districts before 1 July 2025",
                "valid_from": None,
                "valid_to": ARRANGEMENT_DATE - dt.timedelta(days=1),
                "source": source,
            },
        ],
    )
    conn.execute(tables.former_district.insert(), b.former_districts.to_dict("records"))

    communes = pd.DataFrame(b.communes.drop(columns="geometry"))
    communes["geometry_wkt"] = shapely.to_wkt(b.communes.geometry.values, rounding_precision=6)
    communes["edition_id"] = EDITION_2025
    conn.execute(tables.admin_unit.insert(), _records(communes))

    old = b.crosswalk.rename(
        columns={
            "old_code": "commune_code",
            "old_name": "name",
            "old_type": "unit_type",
            "old_district_code": "former_district_code",
        }
    )
    old_units = old[["commune_code", "name", "unit_type", "former_district_code"]].assign(edition_id=EDITION_PRE_2025)
    old_units["name"] = [_base_name(n) for n in old_units["name"]]
    conn.execute(tables.admin_unit.insert(), _records(old_units))

    conn.execute(
        tables.crosswalk.insert(),
        [
            {
                "from_edition_id": EDITION_PRE_2025,
                "from_code": r.old_code,
                "to_edition_id": EDITION_2025,
                "to_code": r.new_code,
            }
            for r in b.crosswalk.itertuples()
        ],
    )
    conn.execute(tables.unit_alias.insert(), _portal_aliases(b.crosswalk))


def _portal_aliases(crosswalk: pd.DataFrame) -> list[dict]:
    """Spellings from the arrangement portal's list of merged units, as pre-2025 aliases.

    Each listed name went into the row's new commune, so the alias points at the
    old unit of that commune whose name is closest.
    """
    known = {fold_bare(n) for n in crosswalk["old_name"]}
    aliases = {}
    for _, units in crosswalk.groupby("new_code"):
        listed = {n.strip() for text in units["bando_truocsapnhap"] for n in text.split(",") if n.strip()}
        for name in sorted(listed):
            if fold_bare(name) in known:
                continue
            closest = max(
                units.itertuples(),
                key=lambda u: difflib.SequenceMatcher(None, fold_bare(name), fold_bare(u.old_name)).ratio(),
            )
            aliases[name] = closest.old_code
    return [{"edition_id": EDITION_PRE_2025, "alias": a, "commune_code": c} for a, c in sorted(aliases.items())]


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with missing values as None (what the drivers expect)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return clean.to_dict("records")


def communes(conn: Connection, edition_id: str = EDITION_2025) -> gpd.GeoDataFrame:
    """The communes of an edition with their geometry, as a GeoDataFrame in EPSG:4326,
    in commune-code order (placement relies on a fixed order, whatever the database)."""
    unit = tables.admin_unit
    query = select(unit).where(unit.c.edition_id == edition_id).order_by(unit.c.commune_code)
    frame = pd.DataFrame(conn.execute(query).mappings().all())
    if frame.empty:
        raise BoundaryError(f"no communes loaded for edition {edition_id}: run `python -m dashboard init`")
    geometry = shapely.from_wkt(frame.pop("geometry_wkt").to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=4326)


#: Degrees (about 200 m): invisible at the province's zoom, and the maps' outlines
#: weigh 40 % less in every page sent to the browser.
DISPLAY_TOLERANCE = 0.002


def display_communes(conn: Connection, tolerance: float = DISPLAY_TOLERANCE) -> gpd.GeoDataFrame:
    """The 2025 communes' outlines for the maps: commune_code and geometry,
    simplified as one coverage, so that neighbours keep their shared border (no
    gap, no overlap) and former districts still dissolve cleanly. Placement keeps
    using the full outlines (:func:`communes`)."""
    shapes = communes(conn)[["commune_code", "geometry"]]
    return shapes.set_geometry(shapes.geometry.simplify_coverage(tolerance))


def name_index(conn: Connection) -> dict[str, dict[str, str | None]]:
    """For each edition, a map from name keys to commune code.

    A key shared by two units (after dropping diacritics, say) maps to None, so an
    ambiguous spelling is never guessed.
    """
    unit = tables.admin_unit
    rows = conn.execute(select(unit.c.edition_id, unit.c.commune_code, unit.c.name, unit.c.unit_type)).all()
    index: dict[str, dict[str, str | None]] = {}
    for edition_id, code, name, unit_type in rows:
        keys = index.setdefault(edition_id, {})
        for key in name_keys(name, unit_type):
            keys[key] = code if keys.get(key, code) == code else None
    for edition_id, alias, code in conn.execute(select(tables.unit_alias)).all():
        keys = index.setdefault(edition_id, {})
        for key in name_keys(alias):
            keys.setdefault(key, code)
    return index


def crosswalk_map(conn: Connection) -> dict[str, str]:
    """Pre-2025 unit code -> 2025 commune code."""
    cw = tables.crosswalk
    rows = conn.execute(
        select(cw.c.from_code, cw.c.to_code).where(
            cw.c.from_edition_id == EDITION_PRE_2025, cw.c.to_edition_id == EDITION_2025
        )
    ).all()
    return dict(rows)
