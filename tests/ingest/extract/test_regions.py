import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.regions import find_regions

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "regions.json"


@functools.cache
def load_gazetteer():
    return Gazetteer.from_fixture(FIXTURE)


@pytest.fixture
def gazetteer():
    return load_gazetteer()


def names(text, gazetteer, **doc):
    return [(m.text, m.name) for m in find_regions(Document(text, **doc), gazetteer)]


def test_regions_full_names_and_short_forms(gazetteer):
    assert names("在杭州举行,上海市代表参加", gazetteer) == [("杭州", "杭州市"), ("上海市", "上海市")]


def test_regions_parent_written_before_resolves_the_child(gazetteer):
    assert names("大会在杭州市钱塘区举行", gazetteer) == [("杭州市", "杭州市"), ("钱塘区", "钱塘区")]
    assert names("苏州吴中生物医药产业园", gazetteer) == [("苏州", "苏州市"), ("吴中", "吴中区")]
    assert names("上海松江", gazetteer) == [("上海", "上海市"), ("松江", "松江区")]


def test_regions_county_short_form_needs_its_parent_in_sight(gazetteer):
    # 松江 alone could be anything; with 上海 named in the article it is 松江区.
    assert names("在松江待了三天", gazetteer) == []
    assert names("上海的高层次人才在松江待了三天", gazetteer)[-1] == ("松江", "松江区")


def test_regions_ordinary_words_are_no_places(gazetteer):
    for text in ("创新发展 合作共赢", "东方网报道", "新华网消息", "新区企业家", "创新平台", "中山装",
                 "上海南京路步行街"[2:]):
        assert names(text, gazetteer) == [], text


def test_regions_province_abbreviation_runs_name_each_province(gazetteer):
    found = names("汇聚沪苏浙皖的政、产、学、研代表", gazetteer)
    assert [n for _, n in found if n != "沪苏浙皖"] == ["上海市", "江苏省", "浙江省", "安徽省"]
    traditional = names("匯聚滬蘇浙皖的代表", gazetteer)
    assert [n for _, n in traditional if n != "沪苏浙皖"] == ["上海市", "江苏省", "浙江省", "安徽省"]


def test_regions_two_character_pair_only_when_it_reads_as_places(gazetteer):
    assert [n for _, n in names("推动川渝两地合作", gazetteer)] == ["四川省", "重庆市"]
    assert names("他的名字叫青云", gazetteer) == []


def test_regions_macro_region_aliases(gazetteer):
    assert names("在大湾区的产业版图中", gazetteer) == [("大湾区", "粤港澳大湾区")]
    assert names("长三角(含江西)大飞机集群", gazetteer) == [("长三角", "长三角"), ("江西", "江西省")]


def test_regions_nothing_from_a_damaged_span(gazetteer):
    text = "在杭州举行,上海代表参加"
    assert names(text, gazetteer, damaged=[(6, 8)]) == [("杭州", "杭州市")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("上海杭州市钱塘区沪苏浙皖合作新区长三角松江,。 a1")), max_size=60))
def test_regions_spans_stay_inside_the_text(text):
    gazetteer = load_gazetteer()
    for mention in find_regions(Document(text), gazetteer):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
