"""Which line of a page's head is the article's title (kb.ingest.headline,
through read_metadata), and the flagged title generated from the lead when
a page has none.  Pages written here in the shapes real sites use."""

import datetime as dt

from kb import dates
from kb.ingest.metadata import read_metadata


def meta_of(*lines: str):
    return read_metadata("\n".join(lines))


def test_headline_skips_hotline_breadcrumb_and_share_lines():
    meta = meta_of(
        "服务热线:", "010-12345678", "主页 > 专题资讯 > 专题新闻 >", "分享到:", "",
        "第三届西部陆海新通道合作论坛在重庆开幕", "", "2024-05-09 09:02", "打印",
        "本报重庆5月8日电 8日,第三届西部陆海新通道合作论坛在重庆开幕,来自十余个省区市的代表参加。",
    )
    assert meta.title == "第三届西部陆海新通道合作论坛在重庆开幕"
    assert not meta.title_generated
    assert (meta.published, meta.precision) == (dt.date(2024, 5, 9), dates.DAY)


def test_headline_skips_numbered_breadcrumb_label_and_site_banner():
    meta = meta_of(
        "1. 当前位置:", "  2. 首页", "  3. 政务信息", "",
        "示例网福建-示例报看福建,福建发展新闻", "",
        "两地签约共建产业园区", "", "来源 示例日报 发布时间 2022-09-21 21:09 阅读",
        "21日,两地在福州签署共建产业园区合作协议,双方将在新能源、装备制造等领域深化合作。",
    )
    assert meta.title == "两地签约共建产业园区"
    assert (meta.published, meta.published_time) == (dt.date(2022, 9, 21), dt.time(21, 9))


def test_headline_skips_script_switch_epaper_page_and_name_byline():
    meta = meta_of(
        "繁体简体", "第02版:要闻 PDF版", "王小明 李华", "",
        "我市推动组建产业技术创新联合体", "",
        "本报讯(记者 田甜)为推动创新要素向企业集聚,市科技局近日牵头组建了首批产业技术创新联合体。",
    )
    assert meta.title == "我市推动组建产业技术创新联合体"


def test_headline_printed_twice_wins_over_an_earlier_candidate():
    meta = meta_of(
        "欢迎光临本站首页栏目导航", "", "长江中游城市群科技合作对接会举行", "2023-03-02 10:00 来源:示例网",
        "长江中游城市群科技合作对接会举行", "",
        "2日,长江中游城市群科技合作对接会在武汉举行,四省会城市科技部门负责人出席。",
    )
    assert meta.title == "长江中游城市群科技合作对接会举行"


def test_headline_page_without_title_line_gets_a_generated_title_from_the_lead():
    meta = meta_of(
        "示例新闻网讯(通讯员 李明)3月5日,十堰市与天津市东丽区对口协作工作座谈会在十堰召开。",
        "双方围绕产业协作、劳务协作等事项进行了交流。",
    )
    assert meta.title_generated
    assert meta.title == "十堰市与天津市东丽区对口协作工作座谈会在十堰召开"
    assert meta.outlet == "示例新闻网"
    assert [c.name for c in meta.credits] == ["李明"]


def test_headline_a_byline_with_report_mark_is_never_the_title():
    meta = meta_of(
        "记者王大同/台中报导",
        "台中市政府联合四县市产业公协会成立地方特色产业联合会,19日举行启动仪式。",
    )
    assert meta.title_generated
    assert meta.title.startswith("台中市政府联合四县市产业公协会成立地方特色产业联合会")


def test_headline_below_the_site_owners_name():
    meta = meta_of(
        "某某省浙江商会", "“浙商皖北行”考察团赴亳州、蚌埠考察对接", "",
        "6月18日至20日,某某省浙江商会组织考察团赴亳州、蚌埠两市开展考察对接活动。",
    )
    assert meta.title == "“浙商皖北行”考察团赴亳州、蚌埠考察对接"
