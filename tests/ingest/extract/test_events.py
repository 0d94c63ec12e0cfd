"""Events from short articles written for the cases they show."""

import datetime as dt
import functools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb import dates as D
from kb.ingest.extract.article import extract
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer

FIXTURE = Path(__file__).resolve().parents[3] / "fixtures" / "regions.json"


@functools.cache
def gazetteer():
    return Gazetteer.from_fixture(FIXTURE)


def events_of(text, published=None, precision=D.DAY, title=""):
    doc = Document(text, published=published, published_precision=precision if published else D.UNKNOWN,
                   title=title)
    return extract(doc, gazetteer()).events


def summary(event):
    return (event.kind, D.iso_at_precision(event.start_date, event.precision), event.title)


def region_names(event):
    return [gazetteer().get(k).name for k in event.region_keys]


def test_events_named_forum_with_date_and_place():
    [forum] = events_of("6月7日,第七届长三角一体化发展高层论坛在江苏南京召开。", dt.date(2025, 6, 8))
    assert summary(forum) == ("forum", "2025-06-07", "第七届长三角一体化发展高层论坛")
    assert region_names(forum)[0] == "南京市"
    assert not forum.flagged


def test_events_enumerated_dates_make_one_event_each():
    events = events_of("此前,常州分别在4月9日、18日、26日召开专题座谈会,听取企业家意见。",
                       dt.date(2024, 5, 7))
    assert [summary(e)[:2] for e in events] == [
        ("forum", "2024-04-09"), ("forum", "2024-04-18"), ("forum", "2024-04-26")]


def test_events_later_mentions_name_the_series_members():
    text = ("5月6日,市委书记陈金虎主持召开“新质生产力”第四场专题座谈会。"
            "此前,常州分别在4月9日、18日、26日召开专题座谈会。"
            "4月18日的第二场座谈会聚焦常州新兴产业。")
    events = {summary(e)[1]: e for e in events_of(text, dt.date(2024, 5, 7))}
    assert events["2024-04-18"].title == "常州“新质生产力”第二场专题座谈会"
    assert events["2024-05-06"].title == "常州“新质生产力”第四场专题座谈会"
    assert [(r.name, r.role) for r in events["2024-05-06"].roles] == [("陈金虎", "chair")]


def test_events_study_tour_with_dated_visits_as_children():
    text = ("4月15日至20日,长春新区组织40余位企业家代表分赴上海、深圳考察学习培训。\n"
            "4月16日,企业家代表团在深圳华为溪村基地参观调研。\n"
            "4月18日,企业家代表团在上海阿斯利康进行调研学习。")
    tour, *visits = events_of(text, dt.date(2025, 4, 22))
    assert (tour.kind, tour.start_date, tour.end_date) == ("training", dt.date(2025, 4, 15), dt.date(2025, 4, 20))
    assert tour.participants == 40 and tour.participants_approximate
    assert set(region_names(tour)) == {"上海市", "深圳市"}
    assert [(v.kind, str(v.start_date), v.parent) for v in visits] == [
        ("visit", "2025-04-16", 0), ("visit", "2025-04-18", 0)]
    assert region_names(visits[0]) == ["深圳市"]


def test_events_alliance_launched_at_a_forum_takes_its_date():
    text = ("6月7日,2025数字经济峰会在杭州举行。\n"
            "峰会上,长三角数据要素产业联盟揭牌成立。")
    forum, alliance = events_of(text, dt.date(2025, 6, 8))
    assert summary(alliance) == ("alliance", "2025-06-07", "长三角数据要素产业联盟揭牌成立")
    assert alliance.parent == 0
    assert region_names(alliance)[0] == "杭州市"


def test_events_agreements_signed_one_event_each():
    text = ("6月7日,论坛在南京召开。会上,沪苏浙皖签署长三角大飞机产业集群合作共建框架协议"
            "和长三角新能源汽车出海基地战略合作框架协议。")
    agreements = [e for e in events_of(text, dt.date(2025, 6, 8)) if e.kind == "agreement"]
    assert [e.title for e in agreements] == ["长三角大飞机产业集群合作共建框架协议",
                                            "长三角新能源汽车出海基地战略合作框架协议"]
    assert region_names(agreements[0])[:4] == ["上海市", "江苏省", "浙江省", "安徽省"] or \
        {"上海市", "江苏省", "浙江省", "安徽省"} <= set(region_names(agreements[0]))


def test_events_founding_with_a_year():
    [founding] = events_of("2019年,合肥综合性国家科学中心人工智能研究院在合肥成立。", dt.date(2025, 3, 1))
    assert summary(founding) == ("founding", "2019", "合肥综合性国家科学中心人工智能研究院成立")


def test_events_december_in_a_january_article_is_last_year():
    [forum] = events_of("12月23日,2024长三角产业峰会在上海举行。", dt.date(2025, 1, 5))
    assert summary(forum)[:2] == ("forum", "2024-12-23")


def test_events_without_a_date_are_unknown_and_flagged():
    [training] = events_of("日前,成都市青年企业家创新能力提升培训班在成都开班。")
    assert training.start_date is None and training.precision == D.UNKNOWN
    assert training.flagged and "日期" in training.flag_reason


def test_events_relative_year_gives_year_precision():
    [alliance] = events_of("去年,首批长三角创新联合体发布。", dt.date(2025, 6, 8))
    assert summary(alliance) == ("alliance", "2024", "首批长三角创新联合体发布")


def test_events_roles_from_organising_clauses():
    text = ("6月7日,2025长三角产业创新发展大会在杭州举行。"
            "大会由中国产业发展促进会指导,杭州市人民政府主办,浙江省医药行业协会协办。")
    [forum] = events_of(text, dt.date(2025, 6, 8))
    assert [(r.name, r.role) for r in forum.roles] == [
        ("中国产业发展促进会", "guide"), ("杭州市人民政府", "organiser"), ("浙江省医药行业协会", "co_organiser")]


def test_events_words_that_are_no_events():
    text = ("是开启人才交流培训机制的一次尝试。会议在人民大会堂举行。"
            "企业家对话行业先锋,人民代表大会常务委员会听取报告。")
    assert events_of(text, dt.date(2025, 6, 8)) == []


def test_events_headline_does_not_open_an_event_of_its_own():
    text = "松江拓展培训(拓展训练项目)\n日前,首期长三角G60科创走廊高层次人才培训班结业。"
    events = events_of(text, title="松江拓展培训(拓展训练项目)")
    assert [e.title for e in events] == ["首期长三角G60科创走廊高层次人才培训班"]


def test_events_nothing_from_inside_quotes():
    text = "“我们要以此为基础成立联盟,共同召开产业大会。”他说。"
    assert events_of(text, dt.date(2025, 6, 8)) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("论坛大会培训班联盟揭牌成立签署协议参观调研在举行召开于日月年0123456789,。、“”上海杭州公司")),
               max_size=80))
def test_events_never_raise_and_spans_stay_inside(text):
    for event in events_of(text, dt.date(2025, 6, 8)):
        for start, end in event.spans:
            assert 0 <= start <= end <= len(text)
        if event.start_date and event.end_date:
            assert event.start_date <= event.end_date
        assert event.parent is None or 0 <= event.parent


def test_events_class_dated_by_its_opening_and_closing():
    text = ("9月13日,京津冀协同发展专题研修班在雄安新区结业。本期研修班于9月9日开班。\n"
            "开班仪式上,河北省发展和改革委员会副主任王建勋作动员讲话。\n"
            "结业式由中共河北省委党校副校长程秀兰主持。")
    events = events_of(text, dt.date(2024, 9, 14))
    main = events[0]
    assert (main.title, main.start_date, main.end_date) == (
        "京津冀协同发展专题研修班", dt.date(2024, 9, 9), dt.date(2024, 9, 13))
    children = {e.title: (e.start_date, e.parent) for e in events[1:]}
    assert children == {"京津冀协同发展专题研修班开班仪式": (dt.date(2024, 9, 9), 0),
                        "京津冀协同发展专题研修班结业式": (dt.date(2024, 9, 13), 0)}


def test_events_ceremony_without_a_day_is_part_of_its_class():
    text = "日前,青年干部培训班在成都开班。市委常委张强出席开班仪式并讲话。"
    events = events_of(text, dt.date(2025, 3, 2))
    assert [e.title for e in events] == ["青年干部培训班"]


def test_events_opening_on_the_one_day_of_a_class_is_the_class():
    text = ("6月3日,“2024年西宁市社区工作者能力提升培训班”在湟中区正式开班。"
            "开班仪式由西宁市民政局副局长马林主持。")
    events = events_of(text, dt.date(2024, 6, 4))
    assert [summary(e) for e in events] == [
        ("training", "2024-06-03", "2024年西宁市社区工作者能力提升培训班")]


def test_events_opening_of_a_class_that_lasts_days_stays_its_child():
    text = ("6月3日,“2024年西宁市社区工作者能力提升培训班”在湟中区正式开班。"
            "开班仪式由西宁市民政局副局长马林主持。本次培训为期5天。")
    events = events_of(text, dt.date(2024, 6, 4))
    assert [(summary(e), e.parent) for e in events] == [
        (("training", "2024-06-03", "2024年西宁市社区工作者能力提升培训班"), None),
        (("training", "2024-06-03", "2024年西宁市社区工作者能力提升培训班开班仪式"), 0)]


def test_events_opening_on_the_first_day_of_a_dated_range_is_the_class():
    text = ("5月12日至15日,黔东南州乡村振兴干部研修班在杭州举办。"
            "州委组织部副部长吴兴出席开班仪式并讲话。")
    events = events_of(text, dt.date(2024, 5, 20))
    assert [(e.title, e.start_date, e.end_date) for e in events] == [
        ("黔东南州乡村振兴干部研修班", dt.date(2024, 5, 12), dt.date(2024, 5, 15))]


def test_events_closing_on_the_last_day_of_a_dated_range_stays_its_child():
    text = ("5月12日至15日,黔东南州乡村振兴干部研修班在杭州举办。"
            "5月15日,州委组织部副部长吴兴出席结业式并讲话。")
    events = events_of(text, dt.date(2024, 5, 20))
    assert [(e.title, e.parent) for e in events] == [
        ("黔东南州乡村振兴干部研修班", None), ("黔东南州乡村振兴干部研修班结业式", 0)]


def test_events_running_total_after_a_name_is_no_event():
    text = ("9月5日,“2024·青海生态发展论坛”在西宁开幕。"
            "自2012年以来,“青海生态发展论坛”已成功举办6届。")
    assert [summary(e) for e in events_of(text, dt.date(2024, 9, 6))] == [
        ("forum", "2024-09-05", "2024·青海生态发展论坛")]


def test_events_numbered_meeting_held_alongside_is_its_own_child():
    text = ("9月5日,“2024·青海生态发展论坛”在西宁开幕。"
            "本届论坛同期举办首届高原生态传播大会。")
    events = events_of(text, dt.date(2024, 9, 6))
    assert [(summary(e), e.parent) for e in events] == [
        (("forum", "2024-09-05", "2024·青海生态发展论坛"), None),
        (("forum", "2024-09-05", "首届高原生态传播大会"), 0)]


def test_events_undated_page_takes_the_year_of_the_events_name():
    text = "2024年丽江文旅推介会昨日(3日)在澳门举办,两地签署合作协议。"
    assert summary(events_of(text)[0]) == ("forum", "2024", "2024年丽江文旅推介会")


def test_events_count_opening_a_name_is_no_year():
    text = "2000余名企业家论坛代表昨日在澳门参加活动。"
    assert all(e.start_date is None for e in events_of(text))


def test_events_agreements_listed_by_field_get_a_flagged_title():
    text = "18日,两地交流会在萍乡召开,8县市签订包括交通、文旅、应急等多项合作协议。"
    agreement = next(e for e in events_of(text, dt.date(2024, 5, 20)) if e.kind == "agreement")
    assert "包括" not in agreement.title and agreement.title_generated


def test_events_classes_named_by_level_or_form():
    found = events_of("10月18日,甘南州乡镇党委书记班在兰州大学开班。5月6日,三市文旅干部线上研讨班开班。",
                      dt.date(2024, 10, 20))
    assert [summary(e) for e in found] == [
        ("training", "2024-10-18", "甘南州乡镇党委书记班"), ("training", "2024-05-06", "三市文旅干部线上研讨班")]


def test_events_class_arranged_then_opened_is_one_class_on_its_opening_day():
    text = ("3月30日,四地党校携手开办川南城市群党校线上研讨班。4月1日,四地共同制定课程。"
            "4月8日,川南城市群党校线上研讨班开班。")
    assert [summary(e) for e in events_of(text, dt.date(2024, 4, 10))] == [
        ("training", "2024-04-08", "川南城市群党校线上研讨班")]


def test_events_trip_title_stops_before_what_was_visited():
    text = "5月9日,考察组一行还赴宁波、舟山等地考察了宁波梅山港区和舟山绿色石化基地。"
    titles = [e.title for e in events_of(text, dt.date(2024, 5, 12)) if e.kind == "visit"]
    assert "宁波、舟山等地考察" in titles and not any(t.endswith("了宁") for t in titles)


def test_events_batch_of_projects_signed_is_one_flagged_agreement():
    text = "6月5日,阿勒泰地区文旅推介会在石家庄举行,现场签约项目18个,总投资42亿元。"
    batch = [e for e in events_of(text, dt.date(2025, 6, 6)) if e.kind == "agreement"]
    assert [(D.iso_at_precision(e.start_date, e.precision), e.title_generated) for e in batch] == [
        ("2025-06-05", True)]
    assert batch[0].title.endswith("签约项目18个")


def test_events_batch_counted_after_the_projects_or_their_fields_is_one_agreement():
    cases = [
        "5月8日,洽谈会在郑州举行,当天共签约农业、物流等领域的46个项目,总金额90亿元。",
        "5月8日,洽谈会在郑州举行,会上签约合作项目共46个,总金额90亿元。",
        "5月8日,洽谈会在郑州举行,两地企业就46个项目签约,总金额90亿元。",
    ]
    for text in cases:
        batch = [e for e in events_of(text, dt.date(2025, 5, 9)) if e.kind == "agreement"]
        assert [(D.iso_at_precision(e.start_date, e.precision), e.title_generated) for e in batch] == [
            ("2025-05-08", True)], text
        assert "46" in batch[0].title


def test_events_sum_of_money_signed_is_no_batch():
    text = "5月8日,洽谈会在郑州举行,现场签约金额46亿元,涉及项目20余个。"
    assert [e for e in events_of(text, dt.date(2025, 5, 9)) if e.kind == "agreement"] == []


def test_events_batch_at_a_named_ceremony_is_that_ceremony():
    text = "6月19日,考察团出席文旅合作项目签约仪式。现场集中签约项目5个,总投资8亿元。"
    agreements = [e.title for e in events_of(text, dt.date(2025, 6, 20)) if e.kind == "agreement"]
    assert agreements == ["文旅合作项目签约仪式"]


def test_events_running_total_of_signed_projects_is_no_event():
    text = "截至目前,两地累计签约项目300个。"
    assert [e for e in events_of(text, dt.date(2025, 6, 20)) if e.kind == "agreement"] == []


def test_events_parts_of_a_batch_after_qizhong_are_no_batches_of_their_own():
    text = ("9月21日,推介会在香港举行。大会共达成签约项目30个,其中科技合作签约项目4个,"
            "城市更新签约项目6个。")
    batches = [e.title for e in events_of(text, dt.date(2018, 9, 22)) if e.kind == "agreement"]
    assert batches == ["签约项目30个"]


def test_events_no_title_is_a_clause_with_two_verbs():
    text = "6月12日,荣昌区党政代表团来内江考察并出席座谈会。"
    titles = {e.kind: e.title for e in events_of(text, dt.date(2020, 6, 13))}
    assert titles["visit"] == "内江考察"
    assert "并" not in titles["forum"] and "出席" not in titles["forum"]


def test_events_a_year_in_the_next_clause_dates_the_work_not_the_meeting():
    text = "两地召开东西部协作联席会议,双方汇报了2024年以来协作工作开展情况。"
    [forum] = events_of(text, dt.date(2025, 6, 20), precision=D.DAY)
    assert (forum.start_date, forum.precision) == (None, D.UNKNOWN)


def test_events_agreement_signed_at_an_unveiling_takes_its_day():
    text = ("5月17日,杭州创新研究院揭牌仪式在杭州举行。"
            "会上,杭州师范大学与西湖区人民政府签订了战略合作框架协议。")
    agreement = next(e for e in events_of(text, dt.date(2024, 5, 20)) if e.kind == "agreement")
    assert (agreement.start_date, agreement.precision) == (dt.date(2024, 5, 17), D.DAY)


def test_events_titles_are_no_verb_phrase_pointer_or_half_quote():
    text = ("6月5日,考察团参观我市援建的城南人民医院血透中心。会上签署“宁波造”农产品供销合作协议。"
            "本次项目签约活动共签约10个项目。")
    titles = {e.title: e.title_generated for e in events_of(text, dt.date(2024, 6, 6))}
    assert titles["城南人民医院血透中心参观"] is True
    assert "“宁波造”农产品供销合作协议" in titles
    assert titles["项目签约活动"] is True


def test_events_meeting_named_by_its_partner_has_a_flagged_title():
    text = "11月17日,代表团赶赴珠海市参加与珠海企业家座谈会。11月18日,和平发展论坛在珠海开幕。"
    titles = {e.title: e.title_generated for e in events_of(text, dt.date(2024, 11, 20))}
    assert titles.get("珠海企业家座谈会") is True
    assert "和平发展论坛" in titles


def test_events_quoted_name_is_the_event():
    text = "10月21日至26日,由共青团贵州省委主办的“黔浙青年创业者研学营”在浙江举行。10月22日,研学营来到梦想小镇。"
    camp, visit = events_of(text, dt.date(2024, 10, 29))
    assert (camp.title, camp.start_date, camp.end_date) == (
        "黔浙青年创业者研学营", dt.date(2024, 10, 21), dt.date(2024, 10, 26))
    assert (visit.kind, visit.title, visit.parent) == ("visit", "梦想小镇考察", 0)


def test_events_bracketed_place_inside_a_name():
    [forum] = events_of("3月13日,海南自由贸易港(深圳)投资推介会在深圳举办。", dt.date(2025, 3, 14))
    assert forum.title == "海南自由贸易港(深圳)投资推介会"


def test_events_signings_at_a_ceremony_take_its_day():
    text = ("12月27日,“央企助力辽宁全面振兴”合作签约仪式在沈阳举行。\n"
            "签约仪式上,辽宁省人民政府与中国华能集团有限公司签署战略合作框架协议。")
    ceremony, signing = events_of(text, dt.date(2025, 1, 3))
    assert ceremony.title == "“央企助力辽宁全面振兴”合作签约仪式"
    assert (signing.kind, signing.start_date, signing.parent) == ("agreement", dt.date(2024, 12, 27), 0)
    assert signing.title == "辽宁省人民政府与中国华能集团有限公司签署战略合作框架协议"


def test_events_agreements_signed_separately_are_one_per_pair():
    text = "6月3日,大连市人民政府、鞍山市人民政府分别与国家电力投资集团有限公司、中国五矿集团有限公司签署项目合作协议。"
    titles = [e.title for e in events_of(text, dt.date(2025, 6, 4))]
    assert titles == ["大连市人民政府与国家电力投资集团有限公司签署项目合作协议",
                      "鞍山市人民政府与中国五矿集团有限公司签署项目合作协议"]


def test_events_a_count_of_signings_is_no_agreement_of_its_own():
    text = ("6月3日,央企合作签约仪式在沈阳举行,此次共有14家中央企业与辽宁省签署合作协议。\n"
            "会上,辽宁省人民政府与中国华能集团有限公司签署战略合作框架协议。")
    titles = [e.title for e in events_of(text, dt.date(2025, 6, 4)) if e.kind == "agreement"]
    assert titles == ["央企合作签约仪式", "辽宁省人民政府与中国华能集团有限公司签署战略合作框架协议"]


def test_events_visit_to_the_site_itself():
    text = "4月10日,东营市垦利区委书记张明远率党政代表团来我区考察交流。"
    [visit] = events_of(text, dt.date(2025, 4, 11))
    assert (visit.kind, visit.title, visit.start_date) == ("visit", "我区考察交流", dt.date(2025, 4, 10))


def test_events_vague_recent_date_keeps_the_publication_month():
    [training] = events_of("日前,青年干部培训班在成都开班。", dt.date(2024, 7, 19))
    assert (training.start_date, training.precision) == (dt.date(2024, 7, 1), "month")


def test_events_plans_are_no_events_without_their_day():
    text = "5月8日,考察团返回沈阳。下一步,还将组织企业家赴长三角等地考察学习。"
    assert [e.kind for e in events_of(text, dt.date(2025, 5, 9))] == []


def test_events_a_restatement_in_the_same_sentence_is_the_same_class():
    text = "7月11日,西安高新区2025年企业家研修班在西安电子科技大学举行结业式,为期9天的集中研修圆满收官。"
    assert [e.title for e in events_of(text, dt.date(2025, 7, 12)) if e.parent is None] == [
        "西安高新区2025年企业家研修班"]


def test_events_words_that_start_with_a_boundary_stay_whole():
    [forum] = events_of("5月19日至20日,2025京津冀产业链协同发展对接大会在廊坊举行。", dt.date(2025, 5, 21))
    assert forum.title == "2025京津冀产业链协同发展对接大会"


def test_events_a_running_total_is_no_event():
    text = "据悉,该中心成立于2021年,已累计培训企业经营管理人员3000余人次。"
    assert [e.kind for e in events_of(text, dt.date(2025, 7, 12))] == []


def test_events_the_spelling_with_its_joining_dash_titles_the_event():
    text = ("9月3日,第三届中国东北亚产业合作论坛在长春开幕。"
            "第三届中国—东北亚产业合作论坛由吉林省人民政府主办。")
    [forum] = events_of(text, dt.date(2025, 9, 4))
    assert forum.title == "第三届中国—东北亚产业合作论坛"


def test_events_a_signing_restated_by_the_headline_takes_the_meeting_it_follows():
    text = ("甲乙两县签署一揽子合作协议\n\n"
            "本报讯 宜宾市翠屏区·绍兴市柯桥区深化合作党政联席会12日在宜宾召开。双方签署一揽子合作协议,推进全方位合作。")
    events = events_of(text, dt.date(2025, 6, 13), title="甲乙两县签署一揽子合作协议")
    [meeting] = [e for e in events if e.kind == "forum"]
    [agreement] = [e for e in events if e.kind == "agreement"]
    assert D.iso_at_precision(meeting.start_date, meeting.precision) == "2025-06-12"
    assert D.iso_at_precision(agreement.start_date, agreement.precision) == "2025-06-12"
    assert events[agreement.parent] is meeting


def test_events_a_visit_title_is_never_cut_inside_a_word():
    text = ("4月25日,市工商联组织代表团赴佛山考察。在佛山期间,代表团参观考察了位于佛山西部的"
            "一座新近开发建设的大型装备制造产业园区项目和当地的城市展览馆。")
    titles = [e.title for e in events_of(text, dt.date(2025, 4, 27))]
    assert titles == ["佛山考察"]


def test_events_a_clause_opened_by_a_preposition_is_no_title():
    text = "会上,三地签署合作意见,提出资源共享等目标任务,以高质量干部教育培训服务区域发展。"
    [(title, generated)] = [(e.title, e.title_generated) for e in events_of(text, dt.date(2025, 4, 27))]
    assert (title, generated) == ("高质量干部教育培训", True)


def test_events_forums_listed_by_their_quoted_themes_and_counted_are_no_title():
    text = ("10月29日,第三届东海发展论坛在宁波开幕。除了开幕式、主论坛外,此次论坛还举办了"
            "“推动港口物流降本增效”“共建海洋生态文明家园”“青年人才的海洋事业担当”3个专题论坛。")
    assert [e.title for e in events_of(text, dt.date(2025, 10, 30))] == ["第三届东海发展论坛"]


def test_events_a_study_class_joined_by_ji_is_one_name():
    text = "5月8日,东营市和鹤岗市联合举办青年干部培训暨深化对口合作研学班。"
    [event] = events_of(text, dt.date(2025, 5, 9))
    assert (event.kind, event.title, event.title_generated) == (
        "training", "青年干部培训暨深化对口合作研学班", False)


def test_events_who_held_it_and_the_verb_are_no_generated_title():
    [event] = events_of("5月8日,东营市和鹤岗市联合举办青年干部培训。", dt.date(2025, 5, 9))
    assert (event.title, event.title_generated) == ("青年干部培训", True)


def test_events_one_alliance_launched_with_different_verbs_is_one_founding():
    text = ("与会各方共同发起成立“黄淮科创联盟”。随后,嘉宾为黄淮科创联盟揭牌成立。"
            "黄淮科创联盟正式成立后,将每年召开一次年会。")
    alliances = [e for e in events_of(text, dt.date(2024, 5, 20)) if e.kind == "alliance"]
    assert len(alliances) == 1
    assert alliances[0].title.startswith("黄淮科创联盟")


def test_events_day_before_a_meeting_is_its_date_not_part_of_its_name():
    text = "省长在2021年6月8日庆祝自贸港建设三周年大会上作报告。"
    [forum] = events_of(text, dt.date(2021, 6, 10))
    assert (forum.title, forum.start_date, forum.precision) == (
        "庆祝自贸港建设三周年大会", dt.date(2021, 6, 8), D.DAY)


def test_events_meeting_named_only_in_a_triangle_caption_is_read():
    text = ("▲5月21日上午,岳阳市·吉首市协作工作座谈会现场。\n"
            "座谈会上,双方介绍了协作情况。")
    forums = [summary(e) for e in events_of(text, dt.date(2025, 5, 22)) if e.kind == "forum"]
    assert forums == [("forum", "2025-05-21", "岳阳市·吉首市协作工作座谈会")]


def test_events_trip_title_leaves_out_what_the_visit_is_about():
    text = "11月24日,太原市党政代表团来忻州市就太忻经济区建设调研考察。"
    [visit] = events_of(text, dt.date(2021, 11, 25))
    assert (visit.title, visit.start_date) == ("忻州市调研考察", dt.date(2021, 11, 24))


def test_events_numbered_name_keeps_its_coordinated_words():
    text = "8月19日,第二届湘鄂渝十县市合作与发展峰会在恩施召开。会上,来凤县、龙山县成为峰会新成员。"
    forums = [e for e in events_of(text, dt.date(2021, 8, 20)) if e.kind == "forum"]
    assert [(e.title, e.title_generated) for e in forums] == [("第二届湘鄂渝十县市合作与发展峰会", False)]


def test_events_agreement_parties_come_after_a_preposition():
    text = "5月8日,围绕鹤壁市政府与南通市政府签订的战略合作框架协议,两地开展交流。"
    titles = [e.title for e in events_of(text, dt.date(2021, 5, 9)) if e.kind == "agreement"]
    assert titles and not any(t.startswith("围绕") for t in titles)


def test_events_opening_of_a_quoted_programme_is_that_programme():
    text = "10月23日,“青年企业家赣州行”开班启动仪式在赣州举行。学员将走进多家企业考察。"
    trainings = [(e.title, e.start_date, e.parent) for e in events_of(text, dt.date(2024, 10, 25))
                 if e.kind == "training"]
    assert trainings == [("青年企业家赣州行", dt.date(2024, 10, 23), None)]


def test_events_people_trained_counted_in_person_times_are_no_class():
    text = "2019年以来,浙江共培训对口地区干部人才3200人次。"
    assert [e for e in events_of(text, dt.date(2024, 4, 10)) if e.kind == "training"] == []


def test_events_lecturer_giving_a_class_a_lesson_names_no_class():
    text = "4月8日,乡村干部轮训班在长沙开学。开学典礼后,王海峰给轮训班学员上第一堂课。"
    titles = [e.title for e in events_of(text, dt.date(2024, 4, 10)) if e.kind == "training"]
    assert titles == ["乡村干部轮训班"]
