"""Boundary data -> the compact shapes the site's maps draw
(fixtures/map_shapes.json).  No Django: the build command hands in the
gazetteer's region dicts and a function that reads a division's boundary,
so the rules can be tested on small hand-made shapes.

Shapely (GEOS) does the geometry: union, clipping and simplification are
not code to write again.  It and the boundary package are build-time
dependencies only; the site reads the committed fixture.

- Projection: Albers equal-area conic with standard parallels 25°N and
  47°N and central meridian 105°E, the usual projection for maps of China
  (areas compare truly, which a choropleth needs).  Coordinates are stored
  as integers in units of UNIT_KM (100 m).
- Detail: a province on the country map is simplified to about one pixel
  of a 1,000-pixel-wide map of China; a province's prefectures (and the
  county-level units a province or a municipality governs directly) to
  about one pixel of a 1,000-pixel-wide map of that province.  Islands
  smaller than that detail are dropped, except the South China Sea
  islands, which official maps of China always show (kept as dots).
- A macro-region's outline is the union of its members' boundaries.
- Paths are SVG path data with relative integer moves ("M x y l dx dy …
  z"), about four characters a point.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import numpy
import shapely
from shapely import geometry as geom
from shapely import ops

UNIT_KM = 0.1
EARTH_RADIUS_KM = 6371.0
CENTRAL_MERIDIAN = 105.0
PARALLELS = (25.0, 47.0)

# How many pixels wide a map is assumed to be drawn: the detail kept.
MAP_PIXELS = 1000

# The South China Sea islands lie south of this latitude; the country map's
# main frame stops here and an inset shows them (kb.maps).
SOUTH_CHINA_SEA_NORTH = 17.0
SOUTH_CHINA_SEA_BOX = (106.0, 3.0, 123.0, 24.5)  # lon, lat, lon, lat

# Divisions the boundary data predates, drawn as the union of the older
# divisions they were made from: 两江新区 (2025) from 江北区 and 渝北区.
MERGED_FROM = {"500157": ("500105", "500112")}


def albers(lon, lat):
    """(x, y) in kilometres, y growing north; numbers or numpy arrays."""
    phi1, phi2 = (math.radians(p) for p in PARALLELS)
    n = (math.sin(phi1) + math.sin(phi2)) / 2
    c = math.cos(phi1) ** 2 + 2 * n * math.sin(phi1)
    rho0 = EARTH_RADIUS_KM * math.sqrt(c) / n  # latitude of origin: the equator
    rho = EARTH_RADIUS_KM * numpy.sqrt(c - 2 * n * numpy.sin(numpy.radians(lat))) / n
    theta = n * numpy.radians(numpy.subtract(lon, CENTRAL_MERIDIAN))
    return rho * numpy.sin(theta), rho0 - rho * numpy.cos(theta)


def projected(shape):
    """A lon/lat geometry in map units (x east, y south: SVG's direction)."""

    def project(coords):
        x, y = albers(coords[:, 0], coords[:, 1])
        return numpy.column_stack([x / UNIT_KM, -y / UNIT_KM])

    return shapely.transform(shape, project)


def geometry_from_geojson(data: dict):
    """A (Multi)Polygon from a GeoJSON geometry or feature."""
    if data.get("type") == "Feature":
        data = data["geometry"]
    return geom.shape(data).buffer(0)  # buffer(0) mends self-touching rings


def detail_for(bounds: tuple[float, float, float, float]) -> float:
    """Map units per pixel when these bounds fill a MAP_PIXELS-wide map."""
    x0, y0, x1, y1 = bounds
    return max(x1 - x0, y1 - y0) / MAP_PIXELS


def simplified(shape, tolerance: float, *, keep_small_south: bool = False):
    """The shape at this detail: simplified, islands smaller than a pixel
    dropped (the largest part always kept), or with keep_small_south the
    South China Sea islands kept as dots."""
    parts = sorted(_polygons(shape), key=lambda p: p.area, reverse=True)
    if not parts:
        return geom.MultiPolygon()
    south = south_y() if keep_small_south else None
    kept = []
    for index, part in enumerate(parts):
        small = part.area < (2 * tolerance) ** 2
        if small and index > 0:
            if south is None or part.centroid.y < south:
                continue
            center = part.centroid
            kept.append(geom.box(center.x - tolerance, center.y - tolerance,
                                 center.x + tolerance, center.y + tolerance))
            continue
        part = part.simplify(tolerance, preserve_topology=True)
        if not part.is_empty:
            kept.extend(_polygons(part))
    return geom.MultiPolygon(kept)


def _polygons(shape) -> list:
    if shape.is_empty:
        return []
    if shape.geom_type == "Polygon":
        return [shape]
    if shape.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [part for item in shape.geoms for part in _polygons(item)]
    return []


def south_y() -> float:
    """SOUTH_CHINA_SEA_NORTH in map units, on the sea's meridian (the
    projection's parallels are arcs)."""
    return projected(geom.Point(112.0, SOUTH_CHINA_SEA_NORTH)).y


def svg_path(shape) -> str:
    """SVG path data: each ring as an absolute move and relative integer
    lines, closed; repeated points after rounding dropped."""
    out = []
    for polygon in _polygons(shape):
        for ring in (polygon.exterior, *polygon.interiors):
            points = []
            for x, y in ring.coords:
                point = (round(x), round(y))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) < 3:
                continue
            (x0, y0), moves = points[0], []
            last = points[0]
            for x, y in points[1:]:
                moves.append(f"{x - last[0]} {y - last[1]}")
                last = (x, y)
            out.append(f"M{x0} {y0}l" + " ".join(moves).replace(" -", "-") + "z")
    return "".join(out)


def int_bounds(shape) -> list[int]:
    x0, y0, x1, y1 = shape.bounds
    return [math.floor(x0), math.floor(y0), math.ceil(x1), math.ceil(y1)]


def shapes_build(
    regions: list[dict], boundary: Callable[[str], dict | None]
) -> tuple[dict[str, dict], list[str]]:
    """The map shapes of the gazetteer's regions, and the codes that have
    no boundary.  `boundary(adcode)` gives a division's GeoJSON, or None.

    Keys: a province's adcode for the country map ("country" layer); a
    prefecture's, or a county-level unit's that its province governs
    directly, for the map of its province ("province" layer, at the
    province's detail); "macro:<slug>" for a macro-region's outline; and
    "south-china-sea" for the maritime boundary of the inset (added by the
    caller)."""
    by_slug = {region["slug"]: region for region in regions}
    raw: dict[str, object] = {}
    missing: list[str] = []

    def load(adcode: str):
        if adcode not in raw:
            data = boundary(adcode)
            if data is None and adcode in MERGED_FROM:
                parts = [load(code) for code in MERGED_FROM[adcode]]
                raw[adcode] = ops.unary_union([p for p in parts if p is not None]) if all(
                    p is not None for p in parts) else None
            else:
                raw[adcode] = projected(geometry_from_geojson(data)) if data is not None else None
        return raw[adcode]

    provinces = [r for r in regions if r["level"] == "province"]
    country = [load(r["adcode"]) for r in provinces]
    country_detail = detail_for(_main_bounds([s for s in country if s is not None]))
    shapes: dict[str, dict] = {}
    for region, shape in zip(provinces, country, strict=True):
        if shape is None:
            missing.append(region["adcode"])
            continue
        shapes[region["adcode"]] = _entry(
            region, simplified(shape, country_detail, keep_small_south=True), layer="country")

    for province in provinces:
        units = map_units(province, regions)
        loaded = [(unit, load(unit["adcode"])) for unit in units]
        present = [shape for _, shape in loaded if shape is not None]
        if not present:
            missing.extend(unit["adcode"] for unit in units)
            continue
        detail = detail_for(_main_bounds(present))
        for unit, shape in loaded:
            if shape is None:
                missing.append(unit["adcode"])
                continue
            shapes[unit["adcode"]] = _entry(unit, simplified(shape, detail), layer="province",
                                            parent=province["adcode"])

    for macro in (r for r in regions if r["level"] == "macro"):
        members = [by_slug.get(code) or _by_adcode(regions, code) for code in macro["members"]]
        parts = [load(m["adcode"]) for m in members if m and m.get("adcode")]
        parts = [p for p in parts if p is not None]
        if not parts:
            continue
        union = ops.unary_union([p.buffer(0) for p in parts])
        detail = detail_for(_main_bounds([union]))
        outline = simplified(union, detail)
        shapes[f"macro:{macro['slug']}"] = {
            "name": macro["name"],
            "layer": "outline",
            "d": svg_path(outline),
            "bounds": int_bounds(_main_part(outline)),
        }
    return shapes, sorted(set(missing))


def map_units(province: dict, regions: Iterable[dict]) -> list[dict]:
    """What a province's map shows: its prefectures, and the county-level
    units it governs directly (a municipality's districts, Hainan's and
    Xinjiang's directly administered cities and counties)."""
    return [
        region for region in regions
        if region.get("parent") == province["slug"] and region["level"] in ("prefecture", "county")
        and region.get("adcode")
    ]


def _by_adcode(regions, adcode):
    for region in regions:
        if region.get("adcode") == adcode:
            return region
    return None


def _entry(region: dict, shape, *, layer: str, parent: str | None = None) -> dict:
    entry = {"name": region["name"], "layer": layer, "d": svg_path(shape),
             "bounds": int_bounds(_main_part(shape))}
    if parent:
        entry["parent"] = parent
    return entry


def _main_part(shape):
    """The shape without the South China Sea islands: what a map frames."""
    south = south_y()
    parts = [p for p in _polygons(shape) if p.centroid.y <= south]
    return geom.MultiPolygon(parts) if parts else shape


def _main_bounds(shapes) -> tuple[float, float, float, float]:
    boxes = [_main_part(s).bounds for s in shapes if not s.is_empty]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def lines_path(data: dict) -> str:
    """A GeoJSON (Multi)LineString (the maritime boundary's dashes) as SVG
    path data in map units."""
    shape = projected(geom.shape(data.get("geometry", data)))
    lines = shape.geoms if shape.geom_type == "MultiLineString" else [shape]
    out = []
    for line in lines:
        points = [(round(x), round(y)) for x, y in line.coords]
        (x0, y0), moves, last = points[0], [], points[0]
        for x, y in points[1:]:
            moves.append(f"{x - last[0]} {y - last[1]}")
            last = (x, y)
        out.append(f"M{x0} {y0}l" + " ".join(moves).replace(" -", "-"))
    return "".join(out)


def south_china_sea_frame() -> list[int]:
    """The inset's frame in map units (SOUTH_CHINA_SEA_BOX projected)."""
    lon0, lat0, lon1, lat1 = SOUTH_CHINA_SEA_BOX
    corners = [projected(geom.Point(lon, lat)) for lon in (lon0, lon1) for lat in (lat0, lat1)]
    return [math.floor(min(p.x for p in corners)), math.floor(min(p.y for p in corners)),
            math.ceil(max(p.x for p in corners)), math.ceil(max(p.y for p in corners))]
