from kb.ingest.extract.document import Document
from kb.ingest.extract.organisations import find_organisations
from kb.ingest.extract.orgvariants import variants
from kb.ingest.extract.regions import find_regions
from tests.ingest.extract.seed_articles import full_gazetteer


def orgs_of(text: str):
    doc = Document(text)
    return find_organisations(doc, find_regions(doc, full_gazetteer()), full_gazetteer())


def test_variants_mainland_government_is_formally_peoples_government():
    assert variants("九江市政府", full_gazetteer()) == ("九江市人民政府", ["九江市政府"])


def test_variants_hong_kong_government_keeps_its_own_name():
    assert variants("香港特别行政区政府", full_gazetteer()) == ("香港特别行政区政府", ["香港特区政府"])


def test_variants_short_special_region_becomes_the_full_one():
    canonical, others = variants("澳门特区政府经济财政司", full_gazetteer())
    assert canonical == "澳门特别行政区政府经济财政司"
    assert others == ["澳门特区政府经济财政司"]


def test_variants_province_before_its_city_is_dropped_in_an_alias():
    assert variants("江西省九江市委", full_gazetteer()) == ("江西省九江市委", ["九江市委"])


def test_variants_province_before_another_provinces_city_is_kept():
    # 江西省 is not the province of 杭州市: nothing to drop.
    assert variants("江西省杭州市委", full_gazetteer()) == ("江西省杭州市委", [])


def test_variants_zone_short_name_drops_the_citys_level_word():
    canonical, others = variants("九江市经济技术开发区", full_gazetteer())
    assert canonical == "九江市经济技术开发区"
    assert others == ["九江经济技术开发区"]


def test_variants_city_body_keeps_its_level_word():
    assert variants("九江市商务局", full_gazetteer()) == ("九江市商务局", [])


def test_variants_name_without_a_place_is_unchanged():
    assert variants("中国贸促会", full_gazetteer()) == ("中国贸促会", [])


def test_organisations_two_spellings_of_a_government_are_one_body():
    orgs = orgs_of("九江市政府与宁波市人民政府签署协议。九江市人民政府副市长出席。")
    names = {o.name: o for o in orgs}
    assert "九江市政府" not in names
    assert "九江市政府" in names["九江市人民政府"].aliases
    assert all(m.name == "九江市人民政府" for m in names["九江市人民政府"].mentions)


def test_organisations_department_of_short_named_government_gets_full_parent():
    orgs = orgs_of("香港特区政府商务及经济发展局代表出席。")
    org = next(o for o in orgs if o.name.endswith("商务及经济发展局"))
    assert org.name == "香港特别行政区政府商务及经济发展局"
    assert "香港特区政府商务及经济发展局" in org.aliases
