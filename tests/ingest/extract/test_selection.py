"""Reading a curator's selection with the importer's extractors."""

import datetime as dt
import functools
from pathlib import Path

from kb import dates as D
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.selection import kind_of_name, read_selection

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "regions.json"

TEXT = (
    "嘉兴日报讯 本周新闻。\n"
    "12日，2025长三角数字经济产业对接会在浙江嘉兴举行，嘉兴市人民政府主办。\n"
    "浙江大学教授王海明在会上说：“数字经济要靠集群来推动。”\n"
    "会后，与会代表还参观了南湖区的一家光伏企业。"
)


@functools.cache
def gazetteer():
    return Gazetteer.from_fixture(FIXTURE)


def read(fragment: str, nth: int = 0, **kwargs):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(fragment, start + 1)
    kwargs.setdefault("published", dt.date(2025, 3, 14))
    kwargs.setdefault("published_precision", D.DAY)
    return read_selection(TEXT, start, start + len(fragment), gazetteer=gazetteer(), **kwargs)


def names(keys):
    return [gazetteer().get(k).name for k in keys]


def test_read_selection_event_name_takes_date_from_publication_and_place():
    reading = read("2025长三角数字经济产业对接会")
    event = reading.event
    assert (event.kind, event.title) == ("forum", "2025长三角数字经济产业对接会")
    # 12日 resolved against the publication date (14 March 2025), to the day.
    assert (event.start_date, event.precision) == (dt.date(2025, 3, 12), D.DAY)
    assert "嘉兴市" in names(event.region_keys)
    assert "嘉兴市人民政府" in event.organisations


def test_read_selection_event_without_publication_date_has_no_day():
    reading = read("2025长三角数字经济产业对接会", published=None, published_precision=D.UNKNOWN)
    # 12日 without a month or year known: never an invented day.
    assert reading.event.precision != D.DAY


def test_read_selection_organisation_is_the_name_the_rules_find():
    org = read("嘉兴市人民政府").organisation
    assert (org.name, org.kind) == ("嘉兴市人民政府", "government")
    assert names([org.region_key]) == ["嘉兴市"]


def test_read_selection_person_with_title_and_organisation():
    person = read("王海明").person
    assert (person.name, person.title, person.organisation) == ("王海明", "教授", "浙江大学")


def test_read_selection_quote_gets_its_speaker():
    quote = read("数字经济要靠集群来推动").quote
    assert quote.text == "数字经济要靠集群来推动。"
    assert (quote.kind, quote.speaker) == ("direct", "王海明")


def test_read_selection_unknown_words_fall_back_to_the_selection():
    reading = read("一家光伏企业")
    assert reading.organisation.name == "一家光伏企业"
    assert reading.person.name == "一家光伏企业"
    assert reading.event.title == "一家光伏企业"
    assert names(reading.region_keys) == ["南湖区"]


def test_read_selection_sentence_bounds_the_selection():
    reading = read("王海明")
    sentence = TEXT[reading.sentence[0]:reading.sentence[1]]
    assert sentence.startswith("浙江大学教授王海明在会上说")


def test_kind_of_name_takes_the_last_trigger_word():
    assert kind_of_name("长三角干部培训班开班仪式") == "training"
    assert kind_of_name("长三角产业创新联盟") == "alliance"
    assert kind_of_name("赴安徽考察") == "visit"
    assert kind_of_name("战略合作框架协议") == "agreement"
    assert kind_of_name("某某项目") == "other"
