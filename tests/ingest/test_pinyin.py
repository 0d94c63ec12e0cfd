import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.edits import Edit, apply_edits
from kb.ingest.pinyin import find_pinyin

SEEDS = Path(__file__).parent.parent.parent / "seeds"


def clean(text: str) -> str:
    return apply_edits(text, find_pinyin(text))


def test_pinyin_tone_marked_annotation_removed():
    assert find_pinyin("培訓(xùn)") == [Edit(2, 7, "", "pinyin", "訓 xùn")]


def test_pinyin_nested_annotations_inside_real_parentheses():
    assert clean("松江拓展培訓(xùn)(拓展訓(xùn)練項(xiàng)目)") == "松江拓展培訓(拓展訓練項目)"


def test_pinyin_full_width_parentheses():
    assert clean("培訓（xùn）班") == "培訓班"


def test_pinyin_toneless_and_tone_number_forms():
    assert clean("培訓(xun)培訓(xun4)") == "培訓培訓"


def test_pinyin_wrong_tone_number_stays():
    assert clean("培訓(xun1)") == "培訓(xun1)"


def test_pinyin_u_umlaut_forms():
    assert clean("绿(lǜ)绿(lv4)绿(lü)绿(lu:4)") == "绿绿绿绿"


def test_pinyin_heteronym_readings():
    # 長 reads zhǎng and cháng; 的 has a neutral tone (de, de5).
    assert clean("長(cháng)江 長(zhǎng)官 的(de)的(de5)的(dì)") == "長江 長官 的的的"


def test_pinyin_repeated_annotation_removed_at_once():
    assert find_pinyin("訓(xùn)(xun4)") == [Edit(1, 12, "", "pinyin", "訓 xùn xun4")]


def test_pinyin_real_parentheses_untouched():
    for text in [
        "長春新區(长春)",
        "(WOYLC)",
        "電(記者 王逸飛)",
        "長三角(含江西)",
        "報道(完)",
        "拓展(拓展訓練項目)",
        "年(2025)",
        "圖(a)",
        "治理(ESG)",
        "社(北京)",
        "訓(XÙN)",
        "訓(Xun)",
        "訓(xùn xùn)",
    ]:
        assert find_pinyin(text) == [], text


def test_pinyin_syllable_after_non_han_untouched():
    assert find_pinyin("Mind (a)") == []
    assert find_pinyin("5G(ai)") == []
    assert find_pinyin("設O(shè)備") == []


def test_pinyin_seeds_recall_and_precision():
    removed = kept = 0
    kept_groups = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        edits = find_pinyin(text)
        covered = set()
        for edit in edits:
            covered.update(range(edit.start, edit.end))
            removed += len(re.findall(r"[(（]", text[edit.start : edit.end]))
        for group in re.finditer(r"[(（][^()（）]*[)）]", text):
            if group.start() not in covered:
                kept += 1
                kept_groups.append(group.group())
    # Every annotation after a Han character goes; the two left are inside
    # mojibake (after "O" and "W", repaired by the mojibake step first).
    assert removed == 827
    assert sorted(kept_groups) == sorted(
        ["(北京)", "(北京)", "(长春)", "(上海)", "(江蘇)", "(排名第一)", "(排名第二)", "(記者 王逸飛)", "(WOYLC)", "(完)", "(含江西)", "(shè)", "(xué)"]
    )
    assert kept == 13


PINYINISH = st.lists(
    st.sampled_from(["訓", "的", "(", ")", "（", "）", "xùn", "xun", "4", "de", "a", "長", "cháng", " ", "O", "(xùn)", "(de)"]),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), PINYINISH))
def test_pinyin_never_raises_and_is_idempotent(text):
    once = clean(text)
    assert find_pinyin(once) == []


def test_pinyin_orphan_annotation_after_a_lost_character_removed():
    text = "在科萍紕?chuàng)新與產業"
    assert apply_edits(text, find_pinyin(text)) == "在科萍紕?新與產業"


def test_pinyin_question_mark_before_plain_letters_kept():
    for text in ("問題?a)", "如何走?", "什么?ok)"):
        assert find_pinyin(text) == []


def test_find_pinyin_annotation_with_a_space_inside_the_bracket():
    text = "技术创(chuàng )新联合体"
    edits = find_pinyin(text)
    assert [(text[e.start:e.end]) for e in edits] == ["(chuàng )"]
