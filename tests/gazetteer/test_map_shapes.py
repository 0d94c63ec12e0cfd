"""The map builder (kb/gazetteer/map_shapes.py) on small hand-made shapes."""

import shapely
import shapely.geometry  # a build-time dependency, in the test extra

from kb.gazetteer import map_shapes


def square(lon: float, lat: float, size: float) -> dict:
    """A GeoJSON polygon `size` degrees a side, south-west corner at (lon, lat)."""
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def multi(*polygons: dict) -> dict:
    return {"type": "MultiPolygon", "coordinates": [p["coordinates"] for p in polygons]}


def test_albers_puts_the_central_meridian_at_x_zero_and_north_up():
    x, y = map_shapes.albers(105, 35)
    assert abs(x) < 1e-9
    assert map_shapes.albers(105, 40)[1] > y  # further north, larger y (km)
    assert map_shapes.albers(110, 35)[0] > 0  # east of the meridian, positive x


def test_svg_path_is_relative_integers_closed_per_ring():
    box = shapely.geometry.box(0, 0, 10, 5)
    assert map_shapes.svg_path(box) in ("M0 0l0 5 10 0 0-5z", "M10 0l0 5-10 0 0-5z", "M10 0l-10 0 0 5 10 0z",
                                        "M0 0l10 0 0 5-10 0z", "M10 5l-10 0 0-5 10 0z", "M0 5l10 0 0-5-10 0z",
                                        "M0 5l0-5 10 0 0 5z", "M10 5l0-5-10 0 0 5z")
    # A ring that rounds to fewer than three points is left out.
    assert map_shapes.svg_path(shapely.geometry.box(0, 0, 0.2, 0.2)) == ""


def test_simplified_drops_islands_smaller_than_the_detail_but_keeps_the_largest_part():
    land = map_shapes.projected(shapely.geometry.shape(multi(square(110, 30, 2), square(114, 30, 0.003))))
    tolerance = map_shapes.detail_for(land.bounds)
    kept = map_shapes.simplified(land, tolerance)
    assert len(kept.geoms) == 1
    only_islet = map_shapes.projected(shapely.geometry.shape(square(114, 30, 0.003)))
    assert len(map_shapes.simplified(only_islet, tolerance).geoms) == 1


def test_simplified_keeps_south_china_sea_islands_as_dots():
    shape = map_shapes.projected(shapely.geometry.shape(multi(square(108.6, 18.2, 2), square(112, 9, 0.01))))
    tolerance = map_shapes.detail_for(shape.bounds)
    assert len(map_shapes.simplified(shape, tolerance).geoms) == 1
    with_south = map_shapes.simplified(shape, tolerance, keep_small_south=True)
    assert len(with_south.geoms) == 2
    # The frame of a map leaves the South China Sea islands to the inset.
    assert map_shapes._main_part(with_south).bounds[3] < with_south.bounds[3]


GAZETTEER = [
    {"slug": "china", "name": "中国", "level": "country", "adcode": None, "parent": None, "members": []},
    {"slug": "910000", "name": "甲省", "level": "province", "adcode": "910000", "parent": "china", "members": []},
    {"slug": "910100", "name": "子市", "level": "prefecture", "adcode": "910100", "parent": "910000", "members": []},
    {"slug": "910200", "name": "丑市", "level": "prefecture", "adcode": "910200", "parent": "910000", "members": []},
    {"slug": "910201", "name": "寅县", "level": "county", "adcode": "910201", "parent": "910200", "members": []},
    {"slug": "919001", "name": "省直辖县", "level": "county", "adcode": "919001", "parent": "910000", "members": []},
    {"slug": "919002", "name": "新设县", "level": "county", "adcode": "919002", "parent": "910000", "members": []},
    {"slug": "macro-pair", "name": "两市", "level": "macro", "adcode": None, "parent": "china",
     "members": ["910100", "910200"]},
]
BOUNDARIES = {
    "910000": multi(square(110, 30, 2), square(112, 30, 1)),
    "910100": square(110, 30, 1),
    "910200": square(111, 30, 1),
    "910201": square(111, 30, 0.5),
    "919001": square(110, 31, 1),
}


def test_shapes_build_gives_every_level_its_layer_and_reports_what_has_no_boundary():
    shapes, missing = map_shapes.shapes_build(GAZETTEER, BOUNDARIES.get)
    assert {key: shape["layer"] for key, shape in shapes.items()} == {
        "910000": "country",
        "910100": "province",
        "910200": "province",
        "919001": "province",  # governed by the province directly: on its map
        "macro:macro-pair": "outline",
    }
    assert shapes["910100"]["parent"] == "910000"
    assert missing == ["919002"]
    # The two cities side by side: their union is one ring.
    assert shapes["macro:macro-pair"]["d"].count("M") == 1


def test_shapes_build_draws_a_new_division_as_the_union_of_those_it_was_made_from(monkeypatch):
    monkeypatch.setattr(map_shapes, "MERGED_FROM", {"919002": ("910100", "910200")})
    shapes, missing = map_shapes.shapes_build(GAZETTEER, BOUNDARIES.get)
    assert missing == []
    assert shapes["919002"]["d"].count("M") == 1
    assert shapes["919002"]["bounds"][0] <= shapes["910100"]["bounds"][0]
