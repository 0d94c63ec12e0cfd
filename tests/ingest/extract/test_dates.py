"""kb.ingest.extract.dates: date mentions resolved against the publication date."""

from datetime import date
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.chinese import to_simplified
from kb.dates import DAY, MONTH, PRECISIONS, UNKNOWN, YEAR
from kb.ingest.extract.dates import DateMention, find_dates

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def dates_in(text, published=date(2025, 6, 8), precision=DAY):
    return find_dates(text, published=published, published_precision=precision)


def only(text, **kwargs) -> DateMention:
    found = dates_in(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


def seed_text(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return to_simplified(path.read_text(encoding="utf-8"))


def mentions_of(found, text):
    return [m for m in found if m.text == text]


# ------------------------------------------------------------ absolute dates


def test_absolute_day_all_written_forms():
    for text in [
        "2025年6月7日",
        "2025年06月07日",
        "2025-06-07",
        "2025.6.7",
        "2025/6/7",
        "二〇二五年六月七日",
        "二零二五年六月七日",
    ]:
        m = only(text)
        assert (m.start, m.end, m.text) == (0, len(text), text)
        assert (m.start_date, m.end_date, m.precision) == (date(2025, 6, 7), None, DAY)
        assert (m.form, m.resolved_from, m.time_of_day) == ("absolute", "text", "")


def test_absolute_ignores_publication_date():
    m = only("2019年3月5日", published=None, precision=UNKNOWN)
    assert (m.start_date, m.precision, m.resolved_from) == (date(2019, 3, 5), DAY, "text")


def test_chinese_numeral_days_with_ten_twenty_thirty():
    cases = {
        "六月七日": date(2025, 6, 7),
        "五月十日": date(2025, 5, 10),
        "五月十五日": date(2025, 5, 15),
        "五月二十三日": date(2025, 5, 23),
        "五月廿三日": date(2025, 5, 23),
        "五月卅一日": date(2025, 5, 31),
        "十一月三十日": date(2025, 11, 30),
        "十二月三十一日": date(2024, 12, 31),
    }
    for text, expected in cases.items():
        m = only(text)
        assert (m.text, m.start_date, m.precision) == (text, expected, DAY), text
        assert (m.form, m.resolved_from) == ("month_day", "published")


def test_year_month_has_month_precision():
    m = only("2023年6月,上海长三角医药创新发展研究中心成立")
    assert (m.text, m.start_date, m.precision, m.form) == (
        "2023年6月",
        date(2023, 6, 1),
        MONTH,
        "absolute",
    )


def test_bare_year_has_year_precision():
    m = only("2011年,联影在上海成立")
    assert (m.text, m.start_date, m.precision, m.form) == ("2011年", date(2011, 1, 1), YEAR, "year")


def test_year_of_a_plan_is_still_a_year_mention():
    m = only("国家“十四五”规划和2035年远景目标纲要")
    assert (m.text, m.start_date, m.precision, m.form) == ("2035年", date(2035, 1, 1), YEAR, "year")


def test_month_range_with_dash_and_with_zhi():
    for text in ["2024年1—3月", "2024年1月至3月", "2024年1-3月"]:
        m = only(text + "销售额21000万元")
        assert (m.text, m.form, m.precision) == (text, "range", MONTH)
        assert (m.start_date, m.end_date, m.resolved_from) == (
            date(2024, 1, 1),
            date(2024, 3, 1),
            "text",
        )


def test_year_range():
    for text in ["2021—2025年", "2021年至2025年", "2021-2025年"]:
        m = only(text)
        assert (m.text, m.form, m.precision) == (text, "range", YEAR)
        assert (m.start_date, m.end_date) == (date(2021, 1, 1), date(2025, 1, 1))


def test_absolute_day_range_within_a_month_and_across_months():
    m = only("2025年6月7日至9日")
    assert (m.start_date, m.end_date, m.precision, m.form) == (
        date(2025, 6, 7),
        date(2025, 6, 9),
        DAY,
        "range",
    )
    m = only("2025年12月28日至2026年1月3日")
    assert (m.start_date, m.end_date) == (date(2025, 12, 28), date(2026, 1, 3))


def test_absolute_date_keeps_time_of_day_out_of_the_date():
    m = only("觅渡新语 2024-05-07 16:43:38")
    assert (m.text, m.start_date, m.time_of_day) == (
        "2024-05-07 16:43:38",
        date(2024, 5, 7),
        "16:43:38",
    )


# ------------------------------------------------------------ month-day resolution


def test_month_day_takes_the_publication_year():
    m = only("6月7日,第七届长三角一体化发展高层论坛在江苏南京召开")
    assert (m.text, m.start_date, m.precision) == ("6月7日", date(2025, 6, 7), DAY)
    assert (m.form, m.resolved_from) == ("month_day", "published")


def test_december_in_a_january_article_is_last_year():
    found = dates_in("12月23日,大会在杭州举行。12月,新规出台。", published=date(2025, 1, 6))
    assert [(m.text, m.start_date, m.precision) for m in found] == [
        ("12月23日", date(2024, 12, 23), DAY),
        ("12月", date(2024, 12, 1), MONTH),
    ]
    assert found[1].form == "month"


def test_coming_event_a_few_weeks_ahead_stays_in_the_publication_year():
    m = only("论坛将于6月20日举行", published=date(2025, 6, 8))
    assert m.start_date == date(2025, 6, 20)


def test_january_first_in_a_late_december_article_is_next_year():
    m = only("新规1月1日起施行", published=date(2024, 12, 20))
    assert m.start_date == date(2025, 1, 1)


def test_month_day_without_publication_date_is_unknown_but_kept():
    for published, precision in [(None, UNKNOWN), (date(2025, 6, 8), UNKNOWN), (None, DAY)]:
        found = dates_in("6月7日召开。12月,新规出台", published=published, precision=precision)
        assert [(m.text, m.start_date, m.precision, m.resolved_from) for m in found] == [
            ("6月7日", None, UNKNOWN, ""),
            ("12月", None, UNKNOWN, ""),
        ]


def test_month_day_with_month_precision_publication():
    m = only("6月7日召开", published=date(2025, 6, 1), precision=MONTH)
    assert (m.start_date, m.precision) == (date(2025, 6, 7), DAY)


def test_bare_chinese_month_resolves_to_a_month():
    m = only("四月的北国春城寒意未褪", published=date(2025, 4, 22))
    assert (m.text, m.start_date, m.precision, m.form) == ("四月", date(2025, 4, 1), MONTH, "month")


def test_month_of_recurring_event_is_not_a_date():
    assert dates_in("每年3月举办") == []


# ------------------------------------------------------------ ranges


def test_day_ranges_in_every_written_form():
    for text in ["4月15日至20日", "4月15日—20日", "4月15日-20日", "4月15-20日", "4月15日到20日"]:
        m = only(text + ",长春新区开展活动", published=date(2025, 4, 22))
        assert (m.start, m.end, m.text) == (0, len(text), text)
        assert (m.start_date, m.end_date, m.precision) == (
            date(2025, 4, 15),
            date(2025, 4, 20),
            DAY,
        )
        assert (m.form, m.resolved_from) == ("range", "published")


def test_day_range_across_months():
    m = only("4月28日至5月2日")
    assert (m.start_date, m.end_date) == (date(2025, 4, 28), date(2025, 5, 2))
    m = only("6月28日至7月2日")
    assert (m.start_date, m.end_date) == (date(2025, 6, 28), date(2025, 7, 2))


def test_day_range_across_new_year_runs_into_next_year():
    m = only("12月28日至1月3日", published=date(2025, 1, 6))
    assert (m.start_date, m.end_date) == (date(2024, 12, 28), date(2025, 1, 3))


def test_backwards_range_gives_nothing():
    assert dates_in("6月9日至7日") == []


def test_relative_month_range():
    m = only("去年12月至今年3月")
    assert (m.start_date, m.end_date, m.precision, m.form) == (
        date(2024, 12, 1),
        date(2025, 3, 1),
        MONTH,
        "range",
    )


# ------------------------------------------------------------ enumerations


def test_enumeration_gives_one_mention_per_day_with_its_own_span():
    text = "常州分别在4月9日、18日、26日召开专题座谈会"
    found = dates_in(text, published=date(2024, 5, 7))
    assert [(m.start, m.end, m.text, m.start_date) for m in found] == [
        (5, 9, "4月9日", date(2024, 4, 9)),
        (10, 13, "18日", date(2024, 4, 18)),
        (14, 17, "26日", date(2024, 4, 26)),
    ]
    assert {(m.form, m.precision, m.resolved_from) for m in found} == {
        ("enumeration_item", DAY, "published")
    }


def test_enumeration_changes_month_and_carries_explicit_year():
    found = dates_in("2023年4月9日、18日和5月6日")
    assert [(m.text, m.start_date, m.resolved_from) for m in found] == [
        ("2023年4月9日", date(2023, 4, 9), "text"),
        ("18日", date(2023, 4, 18), "text"),
        ("5月6日", date(2023, 5, 6), "text"),
    ]


def test_enumeration_without_publication_date_keeps_items_unknown():
    found = dates_in("4月9日、18日", published=None, precision=UNKNOWN)
    assert [(m.text, m.start_date, m.precision) for m in found] == [
        ("4月9日", None, UNKNOWN),
        ("18日", None, UNKNOWN),
    ]


# ------------------------------------------------------------ relative words


def test_relative_days():
    cases = {
        "今天": date(2025, 6, 8),
        "今日": date(2025, 6, 8),
        "昨天": date(2025, 6, 7),
        "昨日": date(2025, 6, 7),
        "前天": date(2025, 6, 6),
        "明天": date(2025, 6, 9),
    }
    for word, expected in cases.items():
        m = only(f"{word},联盟挂牌成立")
        assert (m.text, m.start_date, m.precision, m.form, m.resolved_from) == (
            word,
            expected,
            DAY,
            "relative",
            "published",
        )


def test_today_takes_the_precision_of_the_publication_date():
    m = only("今天,联盟挂牌成立", published=date(2025, 6, 1), precision=MONTH)
    assert (m.start_date, m.precision) == (date(2025, 6, 1), MONTH)
    m = only("昨天,联盟挂牌成立", published=date(2025, 6, 1), precision=MONTH)
    assert (m.start_date, m.precision) == (None, UNKNOWN)
    m = only("今天,联盟挂牌成立", published=None, precision=UNKNOWN)
    assert (m.text, m.start_date, m.precision, m.resolved_from) == ("今天", None, UNKNOWN, "")


def test_relative_months_and_years():
    cases = {
        "本月": (date(2025, 1, 1), MONTH),
        "上月": (date(2024, 12, 1), MONTH),
        "上个月": (date(2024, 12, 1), MONTH),
        "今年": (date(2025, 1, 1), YEAR),
        "去年": (date(2024, 1, 1), YEAR),
        "前年": (date(2023, 1, 1), YEAR),
        "今年3月": (date(2025, 3, 1), MONTH),
        "去年6月": (date(2024, 6, 1), MONTH),
        "去年12月23日": (date(2024, 12, 23), DAY),
    }
    for text, (expected, precision) in cases.items():
        m = only(f"{text},新规出台", published=date(2025, 1, 15))
        assert (m.text, m.start_date, m.precision, m.form) == (
            text,
            expected,
            precision,
            "relative",
        )


def test_vague_words_have_unknown_day_but_the_publication_month():
    for word in ["日前", "近日", "近期", "不久前"]:
        m = only(f"{word},在首期培训班结业后", published=date(2025, 6, 19))
        assert (m.text, m.start_date, m.precision, m.form, m.resolved_from) == (
            word, date(2025, 6, 1), MONTH, "relative", "published")


def test_vague_words_early_in_a_month_keep_only_the_year():
    m = only("日前,在首期培训班结业后", published=date(2025, 6, 3))
    assert (m.start_date, m.precision) == (date(2025, 1, 1), YEAR)
    m = only("日前,在首期培训班结业后", published=date(2025, 1, 3))
    assert (m.start_date, m.precision) == (None, UNKNOWN)


def test_vague_words_without_a_publication_date_are_unknown():
    for word in ["日前", "近日", "近期", "不久前", "此前"]:
        m = only(f"{word},在首期培训班结业后", published=None)
        assert (m.start_date, m.precision, m.form) == (None, UNKNOWN, "relative")
    m = only("此前,在首期培训班结业后", published=date(2025, 6, 19))
    assert (m.start_date, m.precision) == (None, UNKNOWN)


def test_event_relative_words_are_left_to_the_caller():
    for word in ["当天", "当日", "同日"]:
        m = only(f"{word}下午,大会开幕")
        assert (m.text, m.start_date, m.precision, m.form, m.time_of_day) == (
            word + "下午",
            None,
            UNKNOWN,
            "relative",
            "下午",
        )


def test_words_that_only_contain_a_relative_word():
    for text in [
        "因此前往上海",
        "在此前提下",
        "说明天然气价格",
        "如今天津港",
        "节日前后",
        "6月30日前完成",
        "不可同日而语",
        "最近日本政府",
        "今年轻人多",
    ]:
        found = dates_in(text)
        assert all(m.form != "relative" for m in found), (text, found)


# ------------------------------------------------------------ times of day


def test_times_of_day_are_kept_out_of_the_date():
    cases = {
        "5月6日下午": ("下午", date(2025, 5, 6)),
        "6月7日14:30": ("14:30", date(2025, 6, 7)),
        "今天上午": ("上午", date(2025, 6, 8)),
        "6月7日晚": ("晚", date(2025, 6, 7)),
        "6月7日上午9时30分": ("上午9时30分", date(2025, 6, 7)),
    }
    for text, (clock, day) in cases.items():
        m = only(text + ",会议召开")
        assert (m.text, m.time_of_day, m.start_date, m.precision) == (text, clock, day, DAY)


# ------------------------------------------------------------ the lead's bare day


def test_bare_day_opening_a_lead_takes_the_publication_month():
    text = "中新网杭州12月23日电(记者 王逸飞)23日,2025长三角产业创新发展大会在杭州举行。"
    found = dates_in(text, published=date(2025, 12, 23))
    assert [(m.text, m.start_date, m.form) for m in found] == [
        ("12月23日", date(2025, 12, 23), "month_day"),
        ("23日", date(2025, 12, 23), "month_day"),
    ]
    assert found[1].resolved_from == "published"


def test_bare_day_after_the_publication_day_is_last_month():
    m = only("(记者)23日上午9时,大会开幕", published=date(2025, 1, 5))
    assert (m.text, m.start_date, m.time_of_day) == ("23日上午9时", date(2024, 12, 23), "上午9时")


def test_bare_day_without_day_precision_is_unknown():
    m = only("23日,大会开幕", published=date(2025, 12, 1), precision=MONTH)
    assert (m.text, m.start_date, m.precision) == ("23日", None, UNKNOWN)


def test_bare_day_after_a_name_dates_the_event_in_the_publication_month():
    # published 2025-06-08: 6日 is 6 June, 23日 (after the 8th) 23 May.
    assert [(m.text, m.start_date) for m in dates_in("深港合作会议6日在深圳举行。大会于23日举行")] == [
        ("6日", date(2025, 6, 6)), ("23日", date(2025, 5, 23))]


def test_bare_day_after_a_quoted_name_dates_the_event():
    # A closing quote may also end a dateline credit; without a comma after
    # the day it is the name's day (「…论坛」6日在…登场), not a lead.
    found = dates_in("由市政府主办的「两岸产业交流论坛」6日在台中市登场。")
    assert [(m.text, m.start_date) for m in found] == [("6日", date(2025, 6, 6))]


def test_day_of_a_page_that_lost_its_month_sign():
    # 1130日 is 11月30日 with the 月 lost; 120日内 is a span of days.
    found = dates_in("1130日,两市在昆明签署合作协议。")
    assert [(m.text, m.start_date, m.precision) for m in found] == [("1130日", date(2025, 11, 30), DAY)]
    assert dates_in("项目须在120日内完工。") == []
    assert dates_in("111日,两市签约。") == []  # 1月11日 or 11月1日: no way to tell


def test_bare_day_takes_the_month_the_paragraph_last_wrote():
    found = dates_in("三场对话分别于8月6日启动,第二场对话13日在吴江举行。")
    assert [(m.text, m.start_date) for m in found] == [("8月6日", date(2025, 8, 6)), ("13日", date(2025, 8, 13))]


def test_bare_day_that_dates_nothing_is_left_alone():
    assert dates_in("18日的第二场座谈会") == []
    assert dates_in("项目须在30日前完成,新华社北京15日电") == []


# ------------------------------------------------------------ not dates


def test_numbers_that_are_not_dates():
    text = "1.0版 3.0版 30多年 12000多人 10.5代线 5G 1/3 32.5% 87373万元 近三年 5000年历史 20世纪90年代 第4场"
    assert dates_in(text) == []


def test_impossible_dates_give_no_mention():
    for text in [
        "2月30日",
        "13月5日",
        "2025年13月",
        "6月32日",
        "2025年2月29日",
        "前年2月29日",
        "4月15日至31日",
        "0月5日",
    ]:
        assert dates_in(text) == [], text


def test_february_29_is_kept_when_some_year_has_it():
    m = only("2月29日", published=None, precision=UNKNOWN)
    assert (m.text, m.precision) == ("2月29日", UNKNOWN)
    assert only("2月29日", published=date(2024, 3, 5)).start_date == date(2024, 2, 29)


def test_empty_text():
    assert dates_in("") == []


# ------------------------------------------------------------ the seeds


def test_seed_000_dates():
    found = dates_in(seed_text("000"), published=date(2025, 4, 22))
    (week,) = mentions_of(found, "4月15日至20日")
    assert (week.start_date, week.end_date, week.precision, week.form) == (
        date(2025, 4, 15),
        date(2025, 4, 20),
        DAY,
        "range",
    )
    assert {m.start_date for m in mentions_of(found, "4月17日")} == {date(2025, 4, 17)}
    (today,) = mentions_of(found, "今天上午")
    assert (today.start_date, today.precision, today.time_of_day) == (
        date(2025, 4, 22),
        DAY,
        "上午",
    )


def test_seed_002_dates():
    found = dates_in(seed_text("002"), published=date(2024, 5, 7))
    (meeting,) = mentions_of(found, "5月6日下午")
    assert (meeting.start_date, meeting.time_of_day) == (date(2024, 5, 6), "下午")
    items = [m for m in found if m.form == "enumeration_item"]
    assert [(m.text, m.start_date) for m in items] == [
        ("4月9日", date(2024, 4, 9)),
        ("18日", date(2024, 4, 18)),
        ("26日", date(2024, 4, 26)),
    ]
    (quarter,) = mentions_of(found, "2024年1—3月")
    assert (quarter.start_date, quarter.end_date, quarter.precision) == (
        date(2024, 1, 1),
        date(2024, 3, 1),
        MONTH,
    )
    (march,) = mentions_of(found, "今年3月")
    assert (march.start_date, march.precision) == (date(2024, 3, 1), MONTH)


def test_seed_004_dates():
    found = dates_in(seed_text("004"), published=date(2025, 6, 8))
    (forum,) = mentions_of(found, "6月7日")
    assert (forum.start_date, forum.precision) == (date(2025, 6, 7), DAY)
    (today,) = mentions_of(found, "今天")
    assert (today.start_date, today.precision) == (date(2025, 6, 8), DAY)
    last_years = mentions_of(found, "去年")
    assert len(last_years) == 3
    assert {(m.start_date, m.precision) for m in last_years} == {(date(2024, 1, 1), YEAR)}
    (founded,) = mentions_of(found, "2023年6月")
    assert (founded.start_date, founded.precision) == (date(2023, 6, 1), MONTH)
    (origin,) = mentions_of(found, "2011年")
    assert (origin.start_date, origin.precision, origin.form) == (date(2011, 1, 1), YEAR, "year")


def test_seed_001_vague_date_and_plan_year():
    found = dates_in(seed_text("001"), published=None, precision=UNKNOWN)
    assert [(m.text, m.precision) for m in found] == [("日前", UNKNOWN), ("2035年", YEAR)]


def test_seed_spans_match_their_text():
    for prefix in ["000", "001", "002", "003", "004"]:
        text = seed_text(prefix)
        for m in dates_in(text):
            assert text[m.start : m.end] == m.text


# ------------------------------------------------------------ properties

_DATEISH = st.text(
    alphabet=st.sampled_from(
        list(
            "0123456789０１年月日号至到—-~、和及今天昨去前明上下本个当同此近期久不午晚时点分:.,，。 \n"
            "〇零一二三四五六七八九十廿卅两百第每)"
        )
    ),
    max_size=60,
)
_PUBLISHED = st.one_of(
    st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(_DATEISH, st.text(max_size=60)),
    published=_PUBLISHED,
    precision=st.sampled_from(PRECISIONS),
)
def test_never_raises_and_spans_and_dates_are_sound(text, published, precision):
    found = find_dates(text, published=published, published_precision=precision)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.precision in PRECISIONS
        if m.start_date is None:
            assert m.precision == UNKNOWN and m.end_date is None
        else:
            assert isinstance(m.start_date, date) and m.precision != UNKNOWN
        if m.end_date is not None:
            assert m.start_date <= m.end_date
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_last_month_with_a_day_is_that_day():
    m = only("上月20日,双方签署合作备忘录", published=date(2025, 1, 8))
    assert (m.text, m.start_date, m.precision, m.form) == ("上月20日", date(2024, 12, 20), DAY, "relative")
