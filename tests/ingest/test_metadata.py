"""Metadata: title, outlet, publication date and precision, credits."""

import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb import dates
from kb.ingest.metadata import Credit, read_metadata

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "data" / "articles"


def pre_clean(text: str) -> str:
    """Stand-ins for the steps before metadata: line ends, indentation, HTML
    residue and pinyin annotations (mojibake spans are left as they are)."""
    text = text.replace("\r\n", "\n")
    text = "\n".join(line.lstrip(" \u3000\u2003\xa0") for line in text.split("\n"))
    text = re.sub(r"</?p>|<br\s*/?>|&nbsp;", "", text)
    return re.sub(r"\([a-zàáǎāèéěēìíǐīòóǒōùúǔūüǘǚǜǖ]{1,6}\)", "", text)


def seed_meta(number: str):
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return read_metadata(pre_clean(path.read_text("utf-8")), file_name=path.name)


def article_meta(name: str):
    return read_metadata((ARTICLES / name).read_text("utf-8"), file_name=name)


# --- the seeds -------------------------------------------------------------


def test_read_metadata_seed_000_xinhua_page():
    meta = seed_meta("000")
    assert meta.title == "创新发展 合作共赢 长春新区组织企业家域外考察学习培训"
    assert meta.outlet == "新华网"
    assert (meta.published, meta.published_time, meta.precision) == (
        dt.date(2025, 4, 22), dt.time(14, 29, 5), dates.DAY,
    )
    assert meta.credits == [Credit("邵守志", "editor", "责任编辑")]


def test_read_metadata_seed_001_team_building_blog_has_no_date():
    meta = seed_meta("001")
    assert meta.title == "松江拓展培訓(拓展訓練項目)"
    assert meta.title_simplified == "松江拓展培训(拓展训练项目)"
    assert meta.outlet == "一点团建"
    assert (meta.published, meta.published_time, meta.precision) == (None, None, dates.UNKNOWN)
    assert meta.credits == [Credit("李成东", "author", "作者"), Credit("李于伯", "author", "作者")]


def test_read_metadata_seed_002_wechat_style_outlet_and_date_line():
    meta = seed_meta("002")
    assert meta.title_simplified == "常州新动向!市委书记1个月内连开4场同一主题座谈会"
    assert meta.outlet == "觅渡新语"
    assert (meta.published, meta.published_time, meta.precision) == (
        dt.date(2024, 5, 7), dt.time(16, 43, 38), dates.DAY,
    )
    assert meta.credits == []


def test_read_metadata_seed_003_dateline_with_year_from_the_event_name():
    meta = seed_meta("003")
    assert meta.title == "2025長三角產業創新發展大會在杭州市錢塘區舉行"
    assert meta.title_simplified == "2025长三角产业创新发展大会在杭州市钱塘区举行"
    assert meta.outlet == "中新网"
    assert meta.dateline_place == "杭州"
    assert (meta.published, meta.published_time, meta.precision) == (dt.date(2025, 12, 23), None, dates.DAY)
    assert any("inferred" in note and "2025" in note for note in meta.notes)
    assert meta.credits == [Credit("王逸飞", "reporter", "記者"), Credit("王刚", "photographer", "攝")]


def test_read_metadata_seed_004_signoffs_and_spam_first_line():
    meta = seed_meta("004")
    assert meta.title_simplified == "上海江苏浙江安徽“手牵手”,一起迈向“世界级”"
    assert meta.outlet == "东方网"
    assert (meta.published, meta.published_time, meta.precision) == (
        dt.date(2025, 6, 8), dt.time(10, 15, 20), dates.DAY,
    )
    assert meta.credits == [
        Credit("宁静", "editor", "責編"),
        Credit("宁静", "reviewer", "一審"),
        Credit("朱晓华", "reviewer", "二審"),
        Credit("文凤雏", "reviewer", "三審"),
    ]


def test_read_metadata_seed_dates_are_never_inferred_except_from_a_dateline():
    for number in ("000", "001", "002", "004"):
        assert not any("inferred" in note for note in seed_meta(number).notes)


# --- made-up pages ---------------------------------------------------------


def test_read_metadata_renmin_page_with_bracketed_signoff():
    meta = article_meta("renmin_signoff.txt")
    assert meta.title == "长三角G60科创走廊九城市签署人才合作协议"
    assert meta.outlet == "人民网"
    assert (meta.published, meta.published_time, meta.precision) == (
        dt.date(2024, 3, 15), dt.time(8, 21), dates.DAY,
    )
    assert meta.dateline_place == "上海"
    assert meta.credits == [
        Credit("张三", "reporter", "记者"),
        Credit("李四", "reporter", "记者"),
        Credit("杨光宇", "editor", "责任编辑"),
        Credit("牛镛", "editor", "责任编辑"),
    ]


def test_read_metadata_government_page_with_unknown_outlet_and_date_without_time():
    meta = article_meta("print_page.txt")
    assert meta.title == "海宁市召开推进长三角一体化发展工作会议"
    assert meta.outlet == "海宁市人民政府"
    assert (meta.published, meta.published_time, meta.precision) == (dt.date(2023, 11, 2), None, dates.DAY)


def test_read_metadata_thepaper_date_and_source_on_one_line():
    meta = article_meta("thepaper_dateline.txt")
    assert meta.outlet == "澎湃新闻"
    assert (meta.published, meta.published_time, meta.precision) == (
        dt.date(2023, 11, 2), dt.time(9, 30), dates.DAY,
    )
    assert meta.credits == [
        Credit("王五", "reporter", "澎湃新闻记者"),
        Credit("赵六", "editor", "责任编辑"),
        Credit("孙七", "reviewer", "校对"),
    ]


def test_read_metadata_traditional_signoffs_give_simplified_names():
    meta = article_meta("traditional_signoff.txt")
    assert meta.title == "粵港澳大灣區推進產業協同發展"
    assert meta.title_simplified == "粤港澳大湾区推进产业协同发展"
    assert meta.outlet == ""
    assert meta.credits == [
        Credit("陈大文", "editor", "責任編輯"),
        Credit("李小明", "editor", "編輯"),
        Credit("黄志强", "other", "監製"),
    ]


def test_read_metadata_title_after_a_spam_line():
    meta = article_meta("gambling_spam.txt")
    assert meta.title == "合肥都市圈加快建设 推动长三角一体化"
    assert (meta.published, meta.precision) == (dt.date(2024, 8, 16), dates.DAY)


def test_read_metadata_headline_with_commas_and_slash_date():
    meta = article_meta("comma_headline.txt")
    assert meta.title == "推进高质量发展,建设现代化产业体系,打造长三角一体化示范区,让企业家安心投资"
    assert (meta.published, meta.published_time, meta.precision) == (dt.date(2024, 6, 8), None, dates.DAY)


def test_read_metadata_wechat_account_name_is_the_outlet():
    meta = article_meta("wechat_account.txt")
    assert meta.outlet == "江海观察"
    assert (meta.published, meta.published_time) == (dt.date(2024, 5, 7), dt.time(16, 43))


def test_read_metadata_dateline_without_any_year_stays_unknown():
    meta = article_meta("dateline_no_year.txt")
    assert meta.outlet == "新华社"
    assert meta.dateline_place == "北京"
    assert (meta.published, meta.precision) == (None, dates.UNKNOWN)
    assert any("without a year" in note for note in meta.notes)
    assert meta.title == "长三角一体化发展重点任务清单已经印发"
    assert meta.credits == [Credit("张三", "reporter", "记者")]


def test_read_metadata_dateline_year_from_a_year_written_later():
    text = (
        "新华社南京6月7日电(记者 李明)7日,第七届长三角一体化发展高层论坛在江苏南京召开。\n"
        "论坛期间,三省一市签署多项合作协议。2024年,长三角地区生产总值突破33万亿元。\n"
    )
    meta = read_metadata(text)
    assert (meta.published, meta.precision) == (dt.date(2024, 6, 7), dates.DAY)
    assert any("inferred" in note for note in meta.notes)
    assert meta.title == "第七届长三角一体化发展高层论坛在江苏南京召开"


def test_read_metadata_dateline_alone_on_its_line_takes_the_title_from_the_next():
    text = "新华社北京4月22日电\n记者22日从国家发展改革委获悉,2025年长三角一体化发展重点任务清单已经印发。\n"
    meta = read_metadata(text)
    assert meta.title == "2025年长三角一体化发展重点任务清单已经印发"
    assert (meta.published, meta.precision) == (dt.date(2025, 4, 22), dates.DAY)


def test_read_metadata_target_year_is_not_the_publication_year():
    text = "中新网上海3月5日电 5日,上海发布行动方案,提出到2035年基本建成国际科技创新中心。\n"
    meta = read_metadata(text)
    assert (meta.published, meta.precision) == (None, dates.UNKNOWN)


def test_read_metadata_date_with_chinese_units_and_minutes():
    meta = read_metadata("标题一则\n2025年06月08日 10:15 来源:东方网\n正文。")
    assert (meta.published, meta.published_time, meta.precision) == (
        dt.date(2025, 6, 8), dt.time(10, 15), dates.DAY,
    )
    assert meta.outlet == "东方网"


def test_read_metadata_month_only_date_line_has_month_precision():
    meta = read_metadata("标题一则\n发布时间:2025年6月\n正文。")
    assert (meta.published, meta.precision) == (dt.date(2025, 6, 1), dates.MONTH)


def test_read_metadata_no_date_anywhere_is_unknown():
    meta = read_metadata("标题一则\n4月15日至20日,企业家代表团赴上海考察学习,参观多家企业。\n")
    assert (meta.published, meta.published_time, meta.precision) == (None, None, dates.UNKNOWN)


def test_read_metadata_outlet_from_title_suffix_and_breadcrumb():
    assert read_metadata("长三角一体化发展这五年_新浪网\n正文。").outlet == "新浪网"
    assert read_metadata("长三角一体化发展这五年|人民网\n正文。").outlet == "人民网"
    assert read_metadata("首页 > 新闻中心 > 正文\n标题\n正文。").outlet == ""
    assert read_metadata("光明网 > 时政 > 正文\n标题\n正文。").outlet == "光明网"


def test_read_metadata_outlet_from_a_url_file_name():
    meta = read_metadata("标题\n正文。", file_name="www.news.cn_local_20250422_abc.txt")
    assert meta.outlet == "新华网"


def test_read_metadata_credits_from_a_glued_bracketed_signoff_and_agency_reporter():
    text = (
        "标题一则\n"
        "本报记者 王刚 通讯员 李明\n"
        "长三角一体化示范区建设持续推进,各项改革举措落地见效,群众获得感不断增强。(责任编辑:杨光宇)\n"
    )
    meta = read_metadata(text)
    assert meta.credits == [
        Credit("王刚", "reporter", "本报记者"),
        Credit("李明", "reporter", "通讯员"),
        Credit("杨光宇", "editor", "责任编辑"),
    ]


def test_read_metadata_long_first_line_without_dateline_gives_a_clause_title():
    text = (
        "日前,记者从常州市发展改革委了解到,常州将在今年内新建一批产业创新平台,"
        "推动新能源、新材料等产业集群向更高层次迈进。\n"
    )
    assert read_metadata(text).title == "常州将在今年内新建一批产业创新平台"


def test_read_metadata_author_line_with_affiliation_is_kept_but_credited():
    text = (
        "城市韧性评估与提升策略 ——以长三角为例\n"
        "2024-12-25 14:54\n来源:澎湃新闻·澎湃号·政务\n"
        "文|孙阳 中国(深圳)综合开发研究院 博士后工作站\n"
        "城市韧性是城市应对发展进程中短期冲击与长期变化、积极进行自我调适与转型的能力。\n"
    )
    meta = read_metadata(text)
    assert meta.title == "城市韧性评估与提升策略 ——以长三角为例"
    assert meta.outlet == "澎湃新闻"
    assert meta.credits == [Credit("孙阳", "author", "文")]


def test_read_metadata_newspaper_date_line_without_time():
    meta = read_metadata(
        "人民日报 2025年01月10日 Fri\n"
        "数据显示,2023年长三角区域发展指数为132.6,强劲活跃增长极和高质量发展样板区的地位作用不断凸显。\n"
    )
    assert (meta.outlet, meta.published, meta.precision) == ("人民日报", dt.date(2025, 1, 10), dates.DAY)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_read_metadata_never_raises(text):
    meta = read_metadata(text, file_name=text[:20])
    assert meta.precision in dates.PRECISIONS
    assert (meta.published is None) == (meta.precision == dates.UNKNOWN)


def test_metadata_lead_byline_in_brackets_with_slashes():
    meta = read_metadata("五年孵化企业86家\n南方日报讯 (记者/冯嘉文 通讯员/顺宣)7月15日,研究院举行发布会。\n正文。")
    assert ("冯嘉文", "reporter") in {(c.name, c.role) for c in meta.credits}


def test_metadata_bulleted_byline_line_gives_every_credit():
    meta = read_metadata("□记者 张思凯 通讯员 李明远 报道\n本报东营讯 6月18日,论坛举行。")
    assert [(c.name, c.role_original) for c in meta.credits] == [("张思凯", "记者"), ("李明远", "通讯员")]


# --- page stamps and outlets of real page shapes (written here) -------------


def _meta(*lines: str):
    return read_metadata("\n".join(lines))


_LEAD = "9日,两市在会上签署了战略合作框架协议,将在产业、科技、人才等方面深化合作。"


def test_read_metadata_stamp_lines_with_words_no_rule_lists():
    stamps = {
        "编辑日期:2024-03-05   作者:admin   来源:示例开发区协会   点击次数:91": (dt.date(2024, 3, 5), None),
        "发布时间:2019-04-23 来源:示例区人民政府 发布开发区:示例工业园区": (dt.date(2019, 4, 23), None),
        "发布日期:2021-06-09浏览(10)人次 投稿收藏": (dt.date(2021, 6, 9), None),
        "日期查询:2021年09月10日": (dt.date(2021, 9, 10), None),
        "16.10.2019  01:40": (dt.date(2019, 10, 16), dt.time(1, 40)),
        "23-07-11 08:07 来源:示例网 编辑:王五": (dt.date(2023, 7, 11), dt.time(8, 7)),
    }
    for stamp, (day, time) in stamps.items():
        meta = _meta("两市签署战略合作框架协议", stamp, _LEAD)
        assert (meta.published, meta.published_time, meta.precision) == (day, time, dates.DAY), stamp
        assert meta.title == "两市签署战略合作框架协议", stamp


def test_read_metadata_ambiguous_day_first_stamp_gives_no_date():
    meta = _meta("两市签署战略合作框架协议", "05.10.2019  01:40", _LEAD)
    assert (meta.published, meta.precision) == (None, dates.UNKNOWN)


def test_read_metadata_source_values_that_name_no_outlet_or_carry_reporters():
    cases = {
        "2025-07-11 14:14:11 来源:示例网 朱璇 黄纲": "示例网",
        "时间:2021-07-22 点击: 次 来源:不详 作者:佚名": "",
        "发布时间:2024-11-01 07:46:59 来源: sp20241101": "",
        "2024-07-30 来源 示例日报": "示例日报",
        "来源 示例网-示例日报原创 发布时间 2022-09-21 21:09 阅读": "示例网",
    }
    for stamp, outlet in cases.items():
        assert _meta("两市签署战略合作框架协议", stamp, _LEAD).outlet == outlet, stamp


def test_read_metadata_paper_name_alone_above_the_title_is_the_outlet():
    meta = _meta("示例日报", "中蒙俄智库国际论坛再启三国务实合作", "示例日报",
                 "9月29日上午,中蒙俄智库国际论坛在呼和浩特举行,三国学者参加。")
    assert meta.outlet == "示例日报"
    assert meta.title == "中蒙俄智库国际论坛再启三国务实合作"


def test_read_metadata_news_flash_agency_is_the_outlet():
    assert _meta("【示例网讯】9月7日至9日,区议会考察团访问广州、佛山、中山、珠海四市。").outlet == "示例网"
    assert _meta("直报网北京2月7日讯 6日,座谈会在长沙举行。").outlet == "直报网"


def test_read_metadata_year_for_a_dateline_skips_a_year_the_text_looks_back_to():
    meta = _meta("示例网厦门7月6日电 厦门大学与九市一区自2015年实现校地合作全覆盖以来,合作不断深化。",
                 "6日,校地战略合作2019年工作会议在厦门召开。")
    assert (meta.published, meta.precision) == (dt.date(2019, 7, 6), dates.DAY)


def test_read_metadata_credits_in_the_shapes_real_pages_write_them():
    meta = _meta(
        "两地签署合作协议", "甘某琼 陈某菊",
        "示例社厦门7月6日电 (杨某山 欧阳某莲)6日,两地在厦门签署合作协议。",
        "记者马某安/综合报导",
        "双方将加强合作。(记者 张某芳 金某慧)",
        "考察团一行参观了园区。 (李某英)",
    )
    assert sorted((c.name, c.role) for c in meta.credits) == sorted([
        ("甘某琼", "author"), ("陈某菊", "author"), ("杨某山", "reporter"), ("欧阳某莲", "reporter"),
        ("马某安", "reporter"), ("张某芳", "reporter"), ("金某慧", "reporter"), ("李某英", "author")])


def test_read_metadata_labels_of_reporters_without_a_colon():
    meta = _meta("央广网银川1月19日消息(记者李某畅 实习记者黄某虎)19日,签约仪式举行。")
    assert [(c.name, c.role) for c in meta.credits] == [("李某畅", "reporter"), ("黄某虎", "reporter")]


def test_read_metadata_paper_name_date_and_page_furniture_line():
    meta = _meta("巴州赴冀开展产业合作推介", "示例日报  2025-06-18  第5版：经济",
                 "示例日报讯（记者 王某）日前，产业合作推介会在石家庄举行。")
    assert (meta.published, meta.outlet) == (dt.date(2025, 6, 18), "示例日报")


def test_read_metadata_a_date_under_an_english_label_on_the_lead_line():
    text = ("date 2026-03-09 县长带队招商,一场推介会在园区举行,上百位客商到场,场面热烈,"
            "各方围绕新能源、新材料和现代物流等产业深入交流合作意向。\n\n推介会9日在县城举行。\n")
    meta = read_metadata(text)
    assert (meta.published, meta.precision) == (dt.date(2026, 3, 9), dates.DAY)
    # The word alone in a sentence is no label.
    assert read_metadata("活动主题为update 2026-03-09的新版本发布。\n").published is None


def test_read_metadata_calendar_block_gives_the_day():
    # A portal's calendar block: the day on one line, year and month under it.
    text = "17\n2021-03\n两地签署合作协议\n3月16日，两市在兰州签署战略合作框架协议。\n"
    meta = read_metadata(text)
    assert (meta.published, meta.precision) == (dt.date(2021, 3, 17), dates.DAY)


def test_read_metadata_numbers_alone_are_no_calendar_block():
    text = "17\n12\n两地签署合作协议\n3月16日，两市在兰州签署战略合作框架协议。\n"
    assert read_metadata(text).published is None


def test_read_metadata_dateline_below_page_chrome_names_the_outlet():
    text = ("服务热线:\n010-12345678\n两市签署合作协议\n两市签署合作协议 摘要文字\n正文内容\n"
            "两市签署合作协议\n中新社兰州3月16日电 (记者 王明)16日,两市在兰州签署合作协议。\n")
    meta = read_metadata(text)
    assert meta.outlet == "中新社"
    assert meta.dateline_place == "兰州"


def test_read_metadata_credits_glued_without_a_separator():
    meta = read_metadata("两省合作\n本报兰州4月14日电(记者王倩李华)两省签署协议。\n图:会场。赵宥廷摄\n")
    assert [(c.name, c.role) for c in meta.credits] == [
        ("王倩", "reporter"), ("李华", "reporter"), ("赵宥廷", "photographer")]


def test_read_metadata_column_label_above_the_title_is_no_outlet():
    from kb.ingest.pipeline import repair_article

    text = ("新闻资讯\n推荐新闻\n岳阳市代表团赴吉首市开展协作工作\n发布: 2025-06-19 22:05:31\n\n"
            "6月19日上午,岳阳市·吉首市协作工作座谈会召开。\n").encode()
    meta = repair_article(text, file_name="column.txt", max_bytes=1_000_000).meta
    assert meta.outlet == ""
    assert meta.title == "岳阳市代表团赴吉首市开展协作工作"


def test_read_metadata_paper_name_above_the_title_is_the_outlet():
    from kb.ingest.pipeline import repair_article

    text = ("黔南日报\n岳阳市代表团赴吉首市开展协作工作\n发布: 2025-06-19 22:05:31\n\n"
            "6月19日上午,岳阳市·吉首市协作工作座谈会召开。\n").encode()
    meta = repair_article(text, file_name="paper.txt", max_bytes=1_000_000).meta
    assert meta.outlet == "黔南日报"


def _credits_of(text: str):
    from kb.ingest.pipeline import repair_article

    return [(c.name, c.role) for c in repair_article(text.encode(), file_name="c.txt", max_bytes=1_000_000).meta.credits]


def test_read_metadata_reporter_before_the_colon_of_a_lead():
    text = "两市签署协议\n发布时间:2024-05-06\n本报讯 记者田野报道:为推进协作,两市昨日召开座谈会。\n会议要求加强合作。\n"
    assert _credits_of(text) == [("田野", "reporter")]


def test_read_metadata_editorial_credits_inside_a_footer_line():
    text = ("两市签署协议\n发布时间:2024-05-06\n两市召开座谈会。会议要求加强合作。\n"
            "(图文来源:宣传部 文/摄 韩冬 校对、编辑:鲁雪 审核:韩冬)\n【我要纠错】责任编辑:孔明远\n扫一扫在手机打开当前页\n")
    assert {("孔明远", "editor"), ("鲁雪", "editor"), ("韩冬", "reviewer")} <= set(_credits_of(text))


def test_read_metadata_menu_words_after_a_picture_word_are_no_credit():
    text = "两市签署协议\n发布时间:2024-05-06\n两市召开座谈会。会议要求加强合作。\n网站地图 | 关于我们 | 联系我们\n"
    assert _credits_of(text) == []
