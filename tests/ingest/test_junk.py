"""Junk lines: the five seeds line by line, and made-up pages for forms the
seeds lack (tests/data/articles/)."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.edits import apply_edits
from kb.ingest.junk import find_junk
from kb.ingest.page_chrome import canonical_outlet, strip_site_suffix

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTICLES = ROOT / "tests" / "data" / "articles"


def pre_clean(text: str) -> str:
    """Stand-ins for the steps that run before junk removal: line ends,
    indentation, HTML residue and pinyin annotations."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.lstrip(" \u3000\u2003\xa0") for line in text.split("\n"))
    text = re.sub(r"</?p>|<br\s*/?>|&nbsp;", "", text)
    return re.sub(r"\([a-zàáǎāèéěēìíǐīòóǒōùúǔūüǘǚǜǖ]{1,6}\)", "", text)


def seed(number: str) -> str:
    return pre_clean(next(SEEDS.glob(f"{number}_*.txt")).read_text("utf-8"))


def article(name: str) -> str:
    return (ARTICLES / name).read_text("utf-8")


def removed(text: str) -> list[tuple[str, str]]:
    return [(e.detail, text[e.start : e.end].rstrip("\n")) for e in find_junk(text)]


def assert_only_removed(text: str, expected: list[tuple[str, str]]) -> None:
    """Exactly these lines go, whole, and every other line stays as it was."""
    assert removed(text) == expected
    gone = [line for _, line in expected]
    kept = apply_edits(text, find_junk(text)).split("\n")
    remaining = [line for line in text.split("\n")]
    for line in gone:
        remaining.remove(line)
    assert [line for line in kept if line] == [line for line in remaining if line]


# --- the seeds -------------------------------------------------------------


def test_find_junk_seed_000_removes_page_title_breadcrumb_date_source_font_and_signoff():
    assert_only_removed(
        seed("000"),
        [
            ("duplicate_title", "创新发展 合作共赢 长春新区组织企业家域外考察学习培训-新华网"),
            ("breadcrumb", "新华网 > 时政 > 正文"),
            ("metadata_line", "2025 04/22 14:29:05"),
            ("metadata_line", "来源:新华网"),
            ("site_chrome", "字体:"),
            ("signoff", "【纠错】 【责任编辑:邵守志】"),
        ],
    )


def test_find_junk_seed_000_keeps_the_clean_title_and_uncredited_captions():
    kept = apply_edits(seed("000"), find_junk(seed("000")))
    assert kept.lstrip("\n").startswith("创新发展 合作共赢 长春新区组织企业家域外考察学习培训\n")
    assert "4月17日,上海宝藤生物医药科技股份有限公司首席运营官梅卫玲为长春新区医药健康领域企业家代表团做现场教学。" in kept


def test_find_junk_seed_001_removes_source_line_qr_prompt_and_copyright():
    assert_only_removed(
        seed("001"),
        [
            ("metadata_line", "來源:作者:李成東 李于伯"),
            ("site_chrome", "掃描二維碼推送至手機訪問。"),
            ("site_chrome", "版權聲明:本文由一點團建發布,如需轉載請注明出處。"),
        ],
    )


def test_find_junk_seed_002_removes_outlet_date_line_and_footer():
    assert_only_removed(
        seed("002"),
        [
            ("metadata_line", "覓渡新語 2024-05-07 16:43:38"),
            ("site_chrome", "延伸閱讀"),
            ("site_chrome", "0 阅读:690"),
            ("site_chrome", "覓渡新語"),
            ("site_chrome", "簡介:中國常州網深度評論品牌欄目"),
        ],
    )


def test_find_junk_seed_002_keeps_paragraph_that_names_the_outlet():
    kept = apply_edits(seed("002"), find_junk(seed("002")))
    assert "“覓渡新語”注意到,這是一個月以來的第4場同一主題的專題座談會" in kept


def test_find_junk_seed_003_removes_nothing():
    assert removed(seed("003")) == []


def test_find_junk_seed_004_removes_spam_date_line_signoffs_and_footer():
    text = seed("004")
    spam = text.split("\n")[0]
    assert_only_removed(
        text,
        [
            ("seo_spam", spam),
            ("metadata_line", "東方網 \xa0 2025-06-08 10:15:20"),
            ("signoff", "責編:寧靜"),
            ("signoff", "一審:寧靜"),
            ("signoff", "二審:朱曉華"),
            ("signoff", "三審:文鳳雛"),
            ("metadata_line", "來源:東方網"),
            ("site_chrome", "我要問"),
        ],
    )


def test_find_junk_seed_004_keeps_headline_with_comma_and_short_subheadings():
    kept = apply_edits(seed("004"), find_junk(seed("004")))
    assert "上海江蘇浙江安徽“手牽手”,一起邁向“世界級”" in kept.split("\n")
    assert "天時地利人和" in kept.split("\n")
    assert "共建全球科技創新高地" in kept.split("\n")


def test_find_junk_on_its_own_output_finds_nothing_for_every_seed():
    for number in ("000", "001", "002", "003", "004"):
        text = seed(number)
        assert find_junk(apply_edits(text, find_junk(text))) == []


# --- forms the seeds lack --------------------------------------------------


def test_find_junk_renmin_page_removes_title_crumbs_date_share_and_bracketed_signoff():
    assert_only_removed(
        article("renmin_signoff.txt"),
        [
            ("duplicate_title", "长三角G60科创走廊九城市签署人才合作协议--地方--人民网"),
            ("breadcrumb", "人民网 >> 地方 >> 正文"),
            ("metadata_line", "2024年03月15日08:21 | 来源:人民网-人民日报"),
            ("site_chrome", "分享到:"),
            ("signoff", "(责任编辑:杨光宇,牛镛)"),
        ],
    )


def test_find_junk_print_page_removes_font_print_and_close_links():
    assert_only_removed(
        article("print_page.txt"),
        [
            ("metadata_line", "发布时间:2023-11-02 来源:海宁市人民政府 浏览次数:1,024"),
            ("site_chrome", "【字体:大 中 小】 【打印本页】 【关闭窗口】"),
            ("site_chrome", "打印本页 关闭窗口"),
        ],
    )


def test_find_junk_keeps_a_labelled_event_date_inside_the_body():
    kept = apply_edits(article("print_page.txt"), find_junk(article("print_page.txt")))
    assert "时间:2023年11月2日" in kept.split("\n")


def test_find_junk_thepaper_date_source_line_byline_and_signoffs():
    assert_only_removed(
        article("thepaper_dateline.txt"),
        [
            ("metadata_line", "2023年11月02日 09:30 来源:澎湃新闻"),
            ("metadata_line", "澎湃新闻记者 王五"),
            ("signoff", "责任编辑:赵六 校对:孙七"),
        ],
    )


def test_find_junk_traditional_signoffs_with_full_width_brackets():
    assert_only_removed(
        article("traditional_signoff.txt"),
        [
            ("metadata_line", "2024年05月20日 10:00"),
            ("signoff", "（責任編輯：陳大文）"),
            ("signoff", "【編輯：李小明\u3000監製：黃志強】"),
        ],
    )


def test_find_junk_gambling_spam_line():
    assert_only_removed(
        article("gambling_spam.txt"),
        [
            ("seo_spam", "澳门葡京娱乐城,百家乐真人娱乐平台,时时彩开户注册送彩金,北京赛车pk10计划,体育投注官网入口"),
            ("metadata_line", "2024-08-16 15:02:11"),
        ],
    )


def test_find_junk_keeps_headlines_made_of_comma_separated_phrases():
    # Four short phrases, and one with 在线/免费/平台/视频: headlines, not spam.
    assert_only_removed(article("comma_headline.txt"), [("metadata_line", "2024/6/8")])


def test_find_junk_wechat_account_line_read_count_and_account_name():
    assert_only_removed(
        article("wechat_account.txt"),
        [
            ("metadata_line", "原创 江海观察 江海观察 2024年05月07日 16:43 江苏"),
            ("site_chrome", "阅读 1.2万"),
            ("site_chrome", "江海观察"),
        ],
    )


def test_find_junk_keeps_reporter_notes_heading_and_date_heading_in_body():
    text = (
        "长三角一体化五年观察\n"
        "2024-05-07 16:43:38\n"
        "五年来,长三角三省一市协同推进一体化发展,区域经济总量持续攀升,创新策源能力不断增强。\n"
        "记者手记\n"
        "2023年6月\n"
        "长三角创新联合体首批发布,语言计算等领域的联合攻关随之展开,一批成果已经落地应用。\n"
        "编辑部\n"
        "最后,各地还将共同举办一系列交流活动,推动合作走深走实,让一体化成果惠及更多群众。\n"
    )
    assert removed(text) == [("metadata_line", "2024-05-07 16:43:38")]


def test_find_junk_chrome_words_inside_a_sentence_keep_the_line():
    text = "标题\n会议期间,与会者纷纷点赞,并通过微信分享会议成果,阅读量超过10万次。\n"
    assert removed(text) == []


def test_find_junk_xinhua_header_with_spaced_labels():
    text = (
        "长三角一体化发展这五年-新华网\n"
        "新华网 > > 正文\n"
        "2023-11-02 09:30:22 来源: 新华网\n"
        "字体: 小 中 大\n"
        "分享到:\n"
        "长三角一体化发展这五年\n"
        "新华社上海11月2日电(记者 张三)五年来,长三角地区生产总值占全国比重稳步提升,一体化发展取得显著成效。\n"
        "(完)\n"
        "【纠错】 责任编辑: 李四\n"
    )
    assert [detail for detail, _ in removed(text)] == [
        "duplicate_title", "breadcrumb", "metadata_line", "site_chrome", "site_chrome", "site_chrome", "signoff",
    ]


def test_find_junk_site_footer_with_record_number():
    text = (
        "标题在这里\n"
        "正文第一段写得足够长,才能被认作正文段落。它讲述长三角一体化发展的最新进展和下一步安排。\n"
        "主办:某某市人民政府办公室 网站标识码:3204000003 苏ICP备05009124号\n"
        "扫一扫在手机打开当前页\n"
    )
    assert [detail for detail, _ in removed(text)] == ["site_chrome", "site_chrome"]


def test_find_junk_site_footer_words_inside_a_sentence_keep_the_line():
    text = "标题在这里\n市民可拨打举报电话12345反映问题,网站须依法办理ICP备案。\n"
    assert removed(text) == []


def test_find_junk_thepaper_page_header():
    text = (
        "澎湃Logo\n下载客户端\n登录\n|\n"
        "城市韧性评估与提升策略 ——以长三角为例\n"
        "2024-12-25 14:54\n来源:澎湃新闻·澎湃号·政务\n字号\n"
        "城市韧性是城市应对发展进程中短期冲击与长期变化、积极进行自我调适与转型的能力,长三角城市韧性呈现级差化分布。\n"
    )
    assert removed(text) == [
        ("site_chrome", "澎湃Logo"), ("site_chrome", "下载客户端"), ("site_chrome", "登录"), ("site_chrome", "|"),
        ("metadata_line", "2024-12-25 14:54"), ("metadata_line", "来源:澎湃新闻·澎湃号·政务"), ("site_chrome", "字号"),
    ]


def test_find_junk_newspaper_page_furniture():
    text = (
        "第05版:评论\n本版新闻\n人民日报 2025年01月10日 Fri\n"
        "数据显示,2023年长三角区域发展指数为132.6,强劲活跃增长极和高质量发展样板区的地位作用不断凸显。\n"
        "《人民日报》(2025年01月10日 第 05 版)\n全部评论\n暂无评论,快来发表你的评论吧\n"
    )
    assert [detail for detail, _ in removed(text)] == [
        "site_chrome", "site_chrome", "metadata_line", "metadata_line", "site_chrome", "site_chrome",
    ]


def test_find_junk_keeps_a_title_that_starts_with_a_date():
    text = (
        "2024年5月7日常州市人民政府常务会议\n"
        "会议研究了加快发展新质生产力的有关工作,部署推进重大项目建设,强调要抓好各项任务落实。\n"
    )
    assert removed(text) == []


_BODY = "长三角一体化发展取得显著成效,区域协同创新能力不断增强,一批重大项目落地见效。\n"


def test_find_junk_common_chrome_and_signoff_lines_anywhere():
    lines = {
        "下载东方网APP": "site_chrome",
        "下载APP,阅读更多精彩内容": "site_chrome",
        "【打印】【关闭】": "site_chrome",
        "分享到: 微信 微博 QQ空间": "site_chrome",
        "上一篇:长三角一体化示范区五周年": "site_chrome",
        "字号:T|T": "site_chrome",
        "点击量:123": "site_chrome",
        "(完)": "site_chrome",
        "- END -": "site_chrome",
        "编辑 | 张三  审核 | 李四": "signoff",
        "文/张三 图/李四": "signoff",
        "【编辑:张令旗】": "signoff",
        "责任编辑:王逸飞 (实习)": "signoff",
        "本报讯(记者 张三)": "metadata_line",
        "来源:新华社 | 2024-05-07 16:43": "metadata_line",
        "发布时间:2024-05-07 16:43:38 浏览量:1,234次": "metadata_line",
        "作者:长春新区融媒体中心": "metadata_line",
    }
    for line, detail in lines.items():
        assert removed(_BODY + line + "\n" + _BODY) == [(detail, line)], line


def test_find_junk_keeps_lines_that_only_look_like_chrome():
    for line in (
        "编辑部",
        "主办:常州市人民政府",
        "记者观察:长三角一体化的五年",
        "(一)加强科技创新协同",
        "2023",
        "28%",
        "上海、江苏、浙江、安徽",
    ):
        assert removed(_BODY + line + "\n" + _BODY) == [], line


# --- helpers ---------------------------------------------------------------


def test_strip_site_suffix_variants():
    assert strip_site_suffix("长三角一体化发展这五年-新华网") == ("长三角一体化发展这五年", "新华网")
    assert strip_site_suffix("长三角一体化发展这五年_新浪网") == ("长三角一体化发展这五年", "新浪网")
    assert strip_site_suffix("长三角一体化发展这五年|人民网") == ("长三角一体化发展这五年", "人民网")
    assert strip_site_suffix("九城市签署协议--地方--人民网") == ("九城市签署协议", "人民网")
    assert strip_site_suffix("五年来——长三角一体化发展综述") == ("五年来——长三角一体化发展综述", "")
    # Spam keywords glued to a title by a hijacked page go as well.
    assert strip_site_suffix("“9亿人次”折射长三角区域协调发展新气象|亚洲成av人片在线观看") == (
        "“9亿人次”折射长三角区域协调发展新气象", "",
    )


def test_canonical_outlet_traditional_and_compound_sources():
    assert canonical_outlet("東方網") == "东方网"
    assert canonical_outlet("中新網") == "中新网"
    assert canonical_outlet("中国新闻网") == "中新网"
    assert canonical_outlet("人民网-人民日报") == "人民网"
    assert canonical_outlet("某某区融媒体中心") is None


# --- properties ------------------------------------------------------------

_PIECES = st.sampled_from(
    ["来源:", "新华网", " > ", "2025-06-08 10:15:20", "\n", "。", "责编:", "宁静", "字体:", "延伸阅读",
     "覓渡新語", "簡介:", "TITLE-新华网", "TITLE", ",", "成人av", "在线观看", "百家乐", "、", " ", "【", "】",
     "(", ")", "2023年6月", "阅读:690", "我要问", "本文由一点团建发布", "版权声明:", "记者 王刚"]
)
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=50).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_find_junk_never_raises_and_is_idempotent(text):
    edits = find_junk(text)
    for edit in edits:
        # Whole lines only: from a line start, through its line end.
        assert edit.start == 0 or text[edit.start - 1] == "\n"
        assert edit.end == len(text) or text[edit.end - 1] == "\n"
    once = apply_edits(text, edits)
    assert find_junk(once) == []
