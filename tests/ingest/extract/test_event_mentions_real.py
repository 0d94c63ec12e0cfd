"""Events in the shapes real regional news writes them (each case written
here in its own words): delegations' trips, activity nouns that are topics,
names that stop at a person, at 关于 or at a double dash."""

import datetime as dt

from tests.ingest.extract.test_events import events_of, summary


def test_delegation_trip_to_a_one_character_abbreviation_is_a_visit():
    [visit] = events_of("9月11日,江西省党政代表团来湘考察。", dt.date(2020, 9, 12))
    assert summary(visit) == ("visit", "2020-09-11", "湘考察")
    assert visit.title_generated


def test_delegation_trip_without_a_date_is_still_the_news():
    events = events_of("台州市委书记李某率团远赴茫崖市进行考察,双方召开对口支援工作联席会。"
                       "此前,两地已于2021年签署协议。")
    visits = [e for e in events if e.kind == "visit"]
    assert [(v.title, v.start_date) for v in visits] == [("茫崖市考察", None)]


def test_delegation_trip_forms():
    cases = {
        "3月16日,民进某市委会学习组一行赴中山,开展会务交流。": "中山考察",
        "3月16日,香港区议会考察团访问广州、佛山等四市。": "广州、佛山等四市考察",
        "11月4日,在丰期间,刘某一行还考察了重庆丰都某实业有限公司。": "重庆丰都某实业有限公司考察",
        "11月23日,某市市长率代表团来到平阳开展对口合作。": "平阳考察",
    }
    for text, title in cases.items():
        visits = [e for e in events_of(text, dt.date(2023, 11, 28)) if e.kind == "visit"]
        assert [v.title for v in visits] == [title], text


def test_delegation_planned_trip_is_no_event_even_with_its_day():
    assert [e for e in events_of("今天上午,浙江省代表团将赴汶川县,考察对口支援项目。",
                                 dt.date(2025, 3, 6)) if e.kind == "visit"] == []


def test_delegation_led_to_a_meeting_is_no_visit():
    assert [e for e in events_of("5月8日,市长率团参加在北京举行的推介大会。", dt.date(2024, 5, 9))
            if e.kind == "visit"] == []


def test_training_noun_as_a_topic_is_no_event():
    text = ("4月2日,考察团一行来宁化县委党校考察,共商深化两地干部教育培训交流合作。"
            "双方就今后加强两地干部培训、互派学员培训达成共识。她希望学员珍惜此次培训。"
            "七名培训老师展示了作业。")
    assert [e.kind for e in events_of(text, dt.date(2023, 4, 3))] == ["visit"]


def test_activity_without_a_name_or_date_of_its_own_belongs_to_its_class():
    text = ("8月25日,2020年嘉兴市东西部协作干部培训班开班。"
            "学员们在如皋市等地进行乡村振兴现场教学。")
    events = events_of(text, dt.date(2020, 8, 26))
    assert [summary(e) for e in events] == [("training", "2020-08-25", "2020年嘉兴市东西部协作干部培训班")]


def test_event_name_stops_at_a_person_and_at_a_double_dash():
    text = ("会议听取了福建省省长于某某关于2015年泛珠三角区域合作行政首长联席会议以来工作的通报。"
            "9月19日,我们再次见证一场举世瞩目的盛会——第七届中国—亚欧博览会在乌鲁木齐开幕。")
    titles = [e.title for e in events_of(text, dt.date(2022, 9, 21))]
    assert "第七届中国—亚欧博览会" in titles
    assert not any("于某某" in t or "见证" in t for t in titles)


def test_study_class_name_keeps_the_leader_and_about():
    text = "日前,首期学习贯彻习近平总书记关于长三角一体化发展重要论述培训班结业。"
    [training] = events_of(text, dt.date(2024, 5, 20))
    assert training.title == "首期学习贯彻习近平总书记关于长三角一体化发展重要论述培训班"


def test_meetings_named_by_what_they_are():
    text = ("6日,深港合作会议在深圳举行。会议指出,双方将深化合作。"
            "7月28日,长江中游城市群省会城市第十届会商会在长沙召开。"
            "8月31日,两区党政联席会在成都召开。")
    titles = [summary(e) for e in events_of(text, dt.date(2024, 9, 7))]
    assert titles == [("forum", "2024-09-06", "深港合作会议"),
                      ("forum", "2024-07-28", "长江中游城市群省会城市第十届会商会"),
                      ("forum", "2024-08-31", "两区党政联席会")]


def test_routine_sessions_references_and_bare_meetings_are_no_events():
    text = ("9月3日,市政府召开常务会议。会议听取了有关情况汇报。"
            "自首届会商会召开以来,四市合作不断深化。各地要落实全市优化营商环境工作会议安排。")
    assert events_of(text, dt.date(2024, 9, 4)) == []


def test_a_name_that_refers_back_is_the_event_it_repeats():
    text = ("12月18日,首届湘赣边区域开放合作交流会在浏阳召开。"
            "此次湘赣边区域开放合作交流会由两省十县市共同发起。")
    [forum] = events_of(text, dt.date(2014, 12, 23))
    assert summary(forum) == ("forum", "2014-12-18", "首届湘赣边区域开放合作交流会")


def test_alliance_launched_with_its_ceremony_or_a_day_between():
    text = ("9月18日,粤港澳大湾区企业家联盟在广东前海隆重举行成立大会。"
            "“领航粤港澳大湾区发展联盟”24日在港成立。"
            "4月28日,中俄商协会经贸服务共同体启动仪式在哈尔滨举行。")
    kinds = {(e.kind, e.title) for e in events_of(text, dt.date(2023, 11, 25))}
    assert kinds == {("alliance", "粤港澳大湾区企业家联盟成立"),
                     ("alliance", "领航粤港澳大湾区发展联盟成立"),
                     ("alliance", "中俄商协会经贸服务共同体启动")}


def test_a_federation_founded_is_an_alliance_and_its_symbol_no_second_one():
    text = "19日,台中市政府联合13个产业公协会成立「中台湾地方特色产业联合会」,象征联合会正式启动。"
    [alliance] = events_of(text, dt.date(2018, 1, 20))
    assert (alliance.kind, alliance.title) == ("alliance", "中台湾地方特色产业联合会成立")


def test_units_unveiled_are_foundings():
    text = ("11月30日,两个新载体——京沈合作(北京)离岸创新中心、京沈合作(沈阳)综合服务中心正式揭牌。"
            "7月2日,举行了中山大学粤港澳发展研究院(深圳)揭牌仪式。"
            "论坛现场举行“关中平原城市群区域合作办公室”揭牌仪式。园区揭牌以来发展迅速。")
    foundings = [e.title for e in events_of(text, dt.date(2019, 12, 1)) if e.kind == "founding"]
    assert foundings == ["京沈合作(北京)离岸创新中心揭牌", "京沈合作(沈阳)综合服务中心揭牌",
                         "中山大学粤港澳发展研究院(深圳)揭牌", "关中平原城市群区域合作办公室揭牌"]


def test_a_titled_document_signed_is_an_agreement_and_a_kind_alone_is_no_name():
    text = ("6月7日,论坛现场签署发布了《关中平原城市群发展共识》。"
            "会上,两区在西安签署了战略合作协议。双方达成村企结对帮扶协议。")
    events = [(e.title, e.title_generated) for e in events_of(text, dt.date(2021, 6, 8))
              if e.kind == "agreement"]
    assert events == [("关中平原城市群发展共识", False), ("西安战略合作协议", True),
                      ("村企结对帮扶协议", True)]


def test_event_year_from_its_own_name_when_the_page_has_no_date():
    text = "7月9日至13日,县长率团参加了2012香港山东周招商大会。"
    forum = next(e for e in events_of(text) if e.kind == "forum")
    assert (forum.start_date, forum.end_date, forum.precision) == (dt.date(2012, 7, 9), dt.date(2012, 7, 13), "day")


def test_day_after_the_name_not_the_datelines():
    text = "新华社深圳9月7日电(记者王某)深港合作会议6日在深圳举行。期间,双方签署了《深港科技合作备忘录》。"
    events = {e.kind: e for e in events_of(text, dt.date(2021, 9, 7))}
    assert summary(events["forum"]) == ("forum", "2021-09-06", "深港合作会议")
    assert summary(events["agreement"]) == ("agreement", "2021-09-06", "深港科技合作备忘录")


def test_same_day_takes_the_day_of_the_event_told_before():
    text = ("7月31日,首届中蒙三省区合作论坛在锡林浩特举行。"
            "当日,内蒙古3盟市代表分别与蒙古国3省代表签署合作备忘录。")
    agreement = next(e for e in events_of(text, dt.date(2015, 8, 3)) if e.kind == "agreement")
    assert (agreement.start_date, agreement.precision) == (dt.date(2015, 7, 31), "day")


def test_a_year_before_the_name_is_its_edition_the_day_before_dates_it():
    text = "10月16日至20日,由协会主办的2023年浙江省、山东省开发区管理干部培训班在浙江大学举办。"
    [training] = events_of(text, dt.date(2024, 3, 5))
    assert (training.start_date, training.end_date) == (dt.date(2023, 10, 16), dt.date(2023, 10, 20))


def test_words_before_de_describe_an_agreement_not_name_it():
    text = "7月1日,四方签署了有效期为5年的深化粤港澳合作推进大湾区建设框架协议。"
    [agreement] = [e for e in events_of(text, dt.date(2017, 7, 2)) if e.kind == "agreement"]
    assert agreement.title == "深化粤港澳合作推进大湾区建设框架协议"


def test_names_hold_titles_editions_joined_activities_and_listed_places():
    text = ("10日,《黄河城市发展报告》发布会在兰州举行。"
            "5日,2017年长沙商会会长新春座谈会暨企业家天心行活动举行。"
            "8日,吉林省工会干部研修班(第二期)在杭州开班。"
            "9日,2023年浙江省、山东省开发区管理干部培训班在浙江大学开班。"
            "11日,台州市——茫崖市对口支援工作联席会召开。")
    titles = [e.title for e in events_of(text, dt.date(2023, 10, 12)) if not e.title_generated]
    assert titles == ["《黄河城市发展报告》发布会", "2017年长沙商会会长新春座谈会暨企业家天心行活动",
                      "吉林省工会干部研修班(第二期)", "2023年浙江省、山东省开发区管理干部培训班",
                      "台州市——茫崖市对口支援工作联席会"]


def test_references_plans_and_captions_are_no_events():
    text = ("9月7日,考察团访问广州。此次考察是粤港澳大湾区建设领导小组全体会议后,第一个由特区政府组织的考察团。"
            "经发局也提到,2018世界花卉博览会即将开幕。图为本届博览会举办地外景。")
    assert [e.kind for e in events_of(text, dt.date(2018, 9, 10))] == ["visit"]


def test_a_dated_ceremony_a_sentence_starts_after_is_one():
    text = "10月20日,研学营在杭州开营。10月21日上午的开营仪式后,学员们走进阿里巴巴西溪园区。"
    assert [e.title for e in events_of(text, dt.date(2024, 10, 25))] != []


def test_a_quoted_name_with_its_edition_inside_the_quotes():
    text = "9月29日上午,“中蒙俄智库国际论坛2016”在呼和浩特举行。"
    [forum] = events_of(text, dt.date(2016, 9, 30))
    assert summary(forum) == ("forum", "2016-09-29", "中蒙俄智库国际论坛2016")


def test_a_new_delegation_on_a_day_of_another_trip_is_a_trip_of_its_own():
    text = ("3月21日至22日,江苏省党政代表团先后赴浙江、安徽考察。"
            "22日,河北省委书记倪某等率河北省党政代表团到天津市学习考察。")
    visits = [summary(e) for e in events_of(text, dt.date(2023, 3, 24)) if e.kind == "visit"]
    assert ("visit", "2023-03-22", "天津市学习考察") in visits


def test_a_bare_day_range_opens_the_lead():
    text = "18日-19日,首届湘赣边区域开放合作交流会在浏阳召开。"
    [forum] = events_of(text, dt.date(2014, 12, 23))
    assert (forum.start_date, forum.end_date) == (dt.date(2014, 12, 18), dt.date(2014, 12, 19))


def test_same_day_after_a_day_the_text_wrote():
    text = "“合作前景广阔。”某国副总理赛义德18日在南宁表示。\n当日,第七届中国—中亚合作论坛在南宁开幕。"
    [forum] = events_of(text, dt.date(2019, 10, 21))
    assert summary(forum) == ("forum", "2019-10-18", "第七届中国—中亚合作论坛")


def test_a_meeting_the_sentence_opens_with_is_on_the_day_just_told():
    text = ("7月8日,东丽区代表团到甘谷县开展东西部协作考察对接。\n"
            "在天津市东丽区·甘肃省甘谷县东西部协作联席会议上,双方签署了协议。")
    forum = next(e for e in events_of(text, dt.date(2023, 7, 11)) if e.kind == "forum")
    assert (forum.start_date, forum.precision) == (dt.date(2023, 7, 8), "day")


def test_one_forum_written_with_and_without_its_dash():
    text = "第七届中国中亚合作论坛在南宁开幕\n18日,第七届中国—中亚合作论坛在南宁开幕。"
    assert len(events_of(text, dt.date(2019, 10, 21))) == 1


def test_titled_documents_signed_together_are_one_agreement_each():
    text = "双方线上签署《长江中游城市群省会城市合作行动计划(2023—2025年)》《长江中游城市群2023年重点合作事项》等协议。"
    titles = [e.title for e in events_of(text, dt.date(2023, 2, 22))]
    assert titles == ["长江中游城市群省会城市合作行动计划(2023—2025年)", "长江中游城市群2023年重点合作事项"]


def test_a_body_founded_at_its_founding_meeting():
    text = "4月28日,黑龙江省对俄新产业促进会成立大会在哈尔滨召开。"
    [founding] = events_of(text, dt.date(2024, 5, 6))
    assert (founding.kind, founding.title) == ("founding", "黑龙江省对俄新产业促进会成立大会")


def test_a_forum_named_in_quotes_with_a_joined_ceremony():
    text = "24日,联盟的成立仪式在“第四届粤港澳大湾区发展论坛暨颁奖典礼”上举行。"
    forum = next(e for e in events_of(text, dt.date(2023, 11, 25)) if e.kind == "forum")
    assert forum.title == "第四届粤港澳大湾区发展论坛暨颁奖典礼"
