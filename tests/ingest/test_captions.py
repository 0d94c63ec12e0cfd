"""Photo captions glued into paragraphs: split off and located."""

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.captions import caption_lines, find_credits, split_captions
from kb.ingest.edits import apply_edits

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def pre_clean(text: str) -> str:
    """Stand-ins for the earlier steps: line ends, indentation, pinyin."""
    text = text.replace("\r\n", "\n")
    text = "\n".join(line.lstrip(" \u3000\u2003\xa0") for line in text.split("\n"))
    return re.sub(r"\([a-zàáǎāèéěēìíǐīòóǒōùúǔūüǘǚǜǖ]{1,6}\)", "", text)


def seed(number: str) -> str:
    return pre_clean(next(SEEDS.glob(f"{number}_*.txt")).read_text("utf-8"))


def split(text: str) -> str:
    return apply_edits(text, split_captions(text))


def captions_of(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], credit) for s, e, credit in caption_lines(text)]


# --- seed 003 --------------------------------------------------------------

CAPTION_1 = "2025長三角產業創新發展大會在杭州市錢塘區舉行。王剛 攝"
CAPTION_2 = "大會現場揭牌成立“生物醫藥創新聯盟”。王剛 攝"


def test_split_captions_seed_003_breaks_after_both_credits():
    edits = split_captions(seed("003"))
    assert [(e.kind, e.detail, e.replacement, e.end - e.start) for e in edits] == [
        ("caption", "credit=王刚", "\n", 0),
        ("caption", "credit=王刚", "\n", 0),
    ]
    lines = split(seed("003")).split("\n")
    assert CAPTION_1 in lines
    assert CAPTION_2 in lines
    assert lines[lines.index(CAPTION_1) + 1].startswith("當前,世界百年變局加速演進")
    assert lines[lines.index(CAPTION_2) + 1].startswith("為進一步賦能長三角乃至全國生物醫藥產業發展")


def test_caption_lines_seed_003_before_and_after_the_split():
    expected = [(CAPTION_1, "王刚"), (CAPTION_2, "王刚")]
    assert captions_of(seed("003")) == expected
    assert captions_of(split(seed("003"))) == expected


def test_find_credits_seed_003_keeps_the_credit_word_as_written():
    assert [(c.names, c.role_original) for c in find_credits(seed("003"))] == [
        (("王刚",), "攝"),
        (("王刚",), "攝"),
    ]


def test_split_captions_other_seeds_have_no_credited_captions():
    for number in ("000", "001", "002", "004"):
        assert split_captions(seed(number)) == []


def test_split_captions_is_idempotent_on_seed_003():
    once = split(seed("003"))
    assert split_captions(once) == []


# --- other credit forms ----------------------------------------------------


def test_split_captions_xinhua_credit_in_parentheses():
    text = "大会开幕式现场。(新华社记者 张三 摄)当前,长三角一体化发展进入新阶段。"
    assert split(text) == "大会开幕式现场。(新华社记者 张三 摄)\n当前,长三角一体化发展进入新阶段。"
    assert captions_of(text) == [("大会开幕式现场。(新华社记者 张三 摄)", "张三")]


def test_split_captions_agency_sent_credit():
    text = "5月6日,座谈会在常州召开。新华社发(李明 摄)会议聚焦人才引育。"
    assert split(text) == "5月6日,座谈会在常州召开。新华社发(李明 摄)\n会议聚焦人才引育。"


def test_split_captions_slash_credit():
    text = "签约仪式现场。张三/摄与此同时,多个项目集中签约。"
    assert split(text) == "签约仪式现场。张三/摄\n与此同时,多个项目集中签约。"


def test_split_captions_photographer_label_before_the_name():
    text = "大会开幕。摄影:李四 会议期间,代表们参观了产业园。"
    assert split(text) == "大会开幕。摄影:李四\n会议期间,代表们参观了产业园。"
    assert captions_of(text) == [("大会开幕。摄影:李四", "李四")]


def test_split_captions_picture_line_credit_after_a_space():
    text = "图为大会现场 王刚 摄"
    assert split_captions(text) == []
    assert captions_of(text) == [("图为大会现场 王刚 摄", "王刚")]


def test_split_captions_two_photographers():
    text = "大会开幕。王刚 李明 摄与此同时,论坛在南京举行。"
    assert [e.detail for e in split_captions(text)] == ["credit=王刚 李明"]


def test_split_captions_traditional_reporter_credit():
    text = "論壇現場。記者 陳大文 攝與會嘉賓圍繞產業協同深入交流。"
    assert split(text) == "論壇現場。記者 陳大文 攝\n與會嘉賓圍繞產業協同深入交流。"
    assert [e.detail for e in split_captions(text)] == ["credit=陈大文"]


def test_caption_lines_credit_with_picture_agency_on_its_own_line():
    text = "前不久,沪苏湖高铁正式开通运行。\n袁新宇摄(影像中国)\n"
    assert split_captions(text) == []
    assert captions_of(text) == [("袁新宇摄(影像中国)", "袁新宇")]


def test_caption_lines_numbered_figure_line():
    text = "正文。\n图1长三角生态绿色一体化发展示范区覆盖范围\n"
    assert captions_of(text) == [("图1长三角生态绿色一体化发展示范区覆盖范围", "")]


def test_caption_lines_picture_line_without_credit():
    assert captions_of("标题\n图为推进会现场。\n正文。") == [("图为推进会现场。", "")]


# --- not captions ----------------------------------------------------------


def test_split_captions_ignores_photography_words_in_sentences():
    for text in (
        "他们在现场拍摄了很多照片。张三摄影多年,作品屡获大奖。",
        "会议召开。张三拍摄的照片在展厅展出。",
        "大会召开。大会现场摄制组全程记录。",
        "活动结束。记者手记摄于会后。",
    ):
        assert split_captions(text) == [], text
        assert caption_lines(text) == [], text


def test_split_captions_credit_far_into_a_paragraph_is_not_a_caption():
    paragraph = "长三角一体化发展取得显著成效。" * 12  # 180 characters before the credit
    assert split_captions(paragraph + "王刚 摄当前,各地继续推进。") == []


# --- properties ------------------------------------------------------------

_PIECES = st.sampled_from(
    ["。", "王刚", " 摄", "摄", "(新华社记者 ", ")", "摄影:", "图为", "/", "\n", "大会现场", " ", "攝", "記者"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)))
def test_split_captions_never_raises_only_breaks_lines_and_is_idempotent(text):
    edits = split_captions(text)
    assert all(e.replacement == "\n" and not text[e.start : e.end].strip() for e in edits)
    once = apply_edits(text, edits)
    assert split_captions(once) == []
    for start, end, _ in caption_lines(once):
        assert 0 <= start < end <= len(once)
