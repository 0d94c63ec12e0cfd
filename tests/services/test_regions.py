"""Loading the region gazetteer fixture into the database."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from kb.models import Region, RegionLevel
from kb.services.regions import regions_load

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "regions.json"
TOTAL = 3264


def snapshot():
    rows = Region.objects.order_by("slug").values_list(
        "pk", "slug", "name", "level", "adcode", "aliases", "parent__slug"
    )
    members = Region.members.through.objects.order_by("pk").values_list(
        "from_region__slug", "to_region__slug"
    )
    return list(rows), sorted(members)


def small_fixture(tmp_path, regions):
    path = tmp_path / "regions.json"
    header = {"format": "kb-regions", "format_version": 1}
    path.write_text(json.dumps({"header": header, "regions": regions}, ensure_ascii=False))
    return path


def entry(slug, name, level, parent=None, adcode=None, aliases=(), members=()):
    return {
        "slug": slug,
        "name": name,
        "level": level,
        "adcode": adcode,
        "parent": parent,
        "aliases": list(aliases),
        "members": list(members),
    }


@pytest.mark.django_db
def test_regions_load_creates_the_whole_gazetteer():
    counts = regions_load(path=FIXTURE)

    assert counts == {"created": TOTAL, "updated": 0, "unchanged": 0}
    by_level = {level: Region.objects.filter(level=level).count() for level in RegionLevel.values}
    assert by_level == {
        "country": 1,
        "macro": 17,
        "province": 34,
        "prefecture": 333,
        "county": 2845,
        "zone": 34,
    }
    qiantang = Region.objects.get(adcode="330114")
    assert (qiantang.name, qiantang.parent.adcode, qiantang.parent.name) == (
        "钱塘区",
        "330100",
        "杭州市",
    )
    assert "錢塘區" in qiantang.aliases
    assert not Region.objects.filter(name="江干区").exists()
    songjiang = Region.objects.get(adcode="310117")
    assert (songjiang.name, songjiang.parent.adcode) == ("松江区", "310000")
    assert Region.objects.get(adcode="320506").name == "吴中区"
    assert "沪" in Region.objects.get(adcode="310000").aliases
    assert Region.objects.get(adcode="310000").parent.slug == "china"
    changchun_new_area = Region.objects.get(name="长春新区")
    assert changchun_new_area.level == RegionLevel.ZONE
    assert changchun_new_area.adcode is None
    assert changchun_new_area.parent == Region.objects.get(adcode="220100")
    assert Region.objects.get(name="合作市").aliases == []


@pytest.mark.django_db
def test_regions_load_sets_macro_region_members():
    regions_load(path=FIXTURE)

    delta = Region.objects.get(name="长三角", level=RegionLevel.MACRO)
    assert delta.members.count() == 41
    assert delta.members.filter(level=RegionLevel.PREFECTURE).count() == 40
    g60 = Region.objects.get(name="长三角G60科创走廊")
    assert g60.members.count() == 9
    assert g60.members.filter(adcode="310117").exists()
    # JSONField __contains is not available on SQLite: look the alias up in Python.
    [bay] = [r for r in Region.objects.filter(level=RegionLevel.MACRO) if "大湾区" in r.aliases]
    assert bay.name == "粤港澳大湾区"
    assert bay.members.count() == 11
    assert set(
        Region.objects.get(adcode="810000").macro_regions.values_list("name", flat=True)
    ) == {"粤港澳大湾区"}


@pytest.mark.django_db
def test_regions_load_twice_changes_nothing():
    regions_load(path=FIXTURE)
    before = snapshot()

    counts = regions_load(path=FIXTURE)

    assert counts == {"created": 0, "updated": 0, "unchanged": TOTAL}
    assert snapshot() == before


@pytest.mark.django_db
def test_regions_load_updates_changed_rows_in_place(tmp_path):
    regions = [
        entry("china", "中国", "country"),
        entry("310000", "上海市", "province", parent="china", adcode="310000", aliases=["上海"]),
        entry("310117", "松江区", "county", parent="310000", adcode="310117"),
        entry("macro-g60", "G60", "macro", parent="china", members=["310117"]),
    ]
    regions_load(path=small_fixture(tmp_path, regions))
    shanghai_pk = Region.objects.get(slug="310000").pk
    regions[1]["aliases"] = ["上海", "沪"]
    regions[3]["members"] = ["310117", "310000"]
    regions.append(entry("310118", "青浦区", "county", parent="310000", adcode="310118"))

    counts = regions_load(path=small_fixture(tmp_path, regions))

    assert counts == {"created": 1, "updated": 2, "unchanged": 2}
    shanghai = Region.objects.get(slug="310000")
    assert (shanghai.pk, shanghai.aliases) == (shanghai_pk, ["上海", "沪"])
    assert set(Region.objects.get(slug="macro-g60").members.values_list("slug", flat=True)) == {
        "310117",
        "310000",
    }
    assert Region.objects.get(slug="310118").parent == shanghai


@pytest.mark.django_db
def test_regions_load_leaves_regions_not_in_the_file(tmp_path):
    regions = [entry("china", "中国", "country")]
    Region.objects.create(slug="hand-made", name="某园区", level=RegionLevel.ZONE)

    counts = regions_load(path=small_fixture(tmp_path, regions))

    assert counts == {"created": 1, "updated": 0, "unchanged": 0}
    assert Region.objects.filter(slug="hand-made").exists()


@pytest.mark.django_db
def test_regions_load_rejects_an_unknown_parent_without_writing(tmp_path):
    regions = [entry("china", "中国", "country"), entry("zone-x", "某区", "zone", parent="999999")]

    with pytest.raises(ValueError, match="unknown parent 999999"):
        regions_load(path=small_fixture(tmp_path, regions))
    assert not Region.objects.exists()


def test_regions_load_rejects_another_format(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"header": {"format": "other"}, "regions": []}))

    with pytest.raises(ValueError, match="not a kb-regions v1 fixture"):
        regions_load(path=path)


@pytest.mark.django_db
def test_load_regions_command_prints_the_counts():
    first, second = StringIO(), StringIO()

    call_command("load_regions", stdout=first)
    call_command("load_regions", "--path", str(FIXTURE), stdout=second)

    # The first load changed the gazetteer the (no) events were refreshed
    # with; the second changed nothing, and refreshes nothing.
    assert first.getvalue().splitlines() == [f"regions: {TOTAL} created, 0 updated, 0 unchanged",
                                             "events refreshed with the gazetteer: 0 changed"]
    assert second.getvalue().strip() == f"regions: 0 created, 0 updated, {TOTAL} unchanged"
