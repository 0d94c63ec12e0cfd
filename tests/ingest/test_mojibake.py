"""kb.ingest.mojibake: GBK decoded one byte out of step.

Expected readings were worked out by hand from the GBK bytes: e.g.
`?!鄙虾J薪?jīng)` is ? + A3A1 B1C9 CFBA A3CA D0BD + (9B, "(") and reads,
with the lost lead A1 and the lost trail 9B put back, A1A3 A1B1 C9CF BAA3
CAD0 BD9B = 。”上海市經.
"""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.ingest.edits import apply_edits
from kb.ingest.gbk_bytes import decode_pair, gbk_pair
from kb.ingest.mojibake import find_mojibake
from kb.ingest.plausibility import chinese_score
from kb.synthetic.dirt import damage as damage_at

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def spans(text: str) -> list[tuple[str, str, bool]]:
    return [(text[e.start : e.end], e.replacement, e.damaged) for e in find_mojibake(text)]


def damage(text: str, p: int) -> str:
    """`text` with its GBK bytes decoded one byte out of step from
    character `p` on, full-width ASCII folded (kb.synthetic.dirt.damage,
    which the synthetic articles use too)."""
    return damage_at(text, p)[0]


# --- the example and the seeds ------------------------------------------


def test_find_mojibake_example_span_repaired_with_parenthesis_restored():
    text = "能夠建成的?!鄙虾J薪?jīng)信委綜合規劃處"
    assert spans(text) == [("?!鄙虾J薪?", "。”上海市經(", False)]
    assert apply_edits(text, find_mojibake(text)) == "能夠建成的。”上海市經(jīng)信委綜合規劃處"


def test_find_mojibake_seed_001_bogus_annotation_gives_lost_lead():
    # 因 D2F2, lost 9E whose "(yàn)" annotates the out-of-step pair F29E 驗;
    # 閰 E985 ⑴ A2C5 and the trail byte c (63): 為 9EE9, 參 85A2, 與 C563.
    text = seed("001")
    assert spans(text) == [("?yàn)閰⑴c", "為參與", False)]
    assert "以前因為參與得比較少" in apply_edits(text, find_mojibake(text))


def test_find_mojibake_seed_003_repairs_one_span_and_marks_the_other():
    text = seed("003")
    assert spans(text) == [
        # Bytes are missing (the site dropped the private-use characters
        # FACC, FCA3, ACD4 that out-of-step pairs made): 勇擔探路先行使命，在科技創
        # cannot be read back, and no reading is trusted.
        ("?lián)铰废刃惺姑诳萍紕?", "?lián)铰废刃惺姑诳萍紕?", True),
        # 字 D7D6, lost 94 (謹 D694 reads jǐn), ⑹ A2CA 隆 C2A1 ⑵ A2C6 放 B7C5
        # 拼 C6B4 蛟 F2D4 炫 ECC5 c: 敘 94A2 事 CAC2 、A1A2 品 C6B7 牌 C5C6
        # 打 B4F2 造 D4EC 與 C563.
        ("?jǐn)⑹隆⑵放拼蛟炫c", "敘事、品牌打造與", False),
    ]
    assert "數(shù)字敘事、品牌打造與國際傳播策略" in apply_edits(text, find_mojibake(text))


def test_find_mojibake_seed_004_all_spans():
    text = seed("004")
    assert spans(text) == [
        ("?!鄙虾J薪?", "。”上海市經(", False),
        ("?!?", "。”<", False),  # the last ? is B1 (of ”) with the "<" of </p>
        ("?!霸O", "。“設", False),  # O = 4F, trail of 設 D44F
        ("?!敝炝琳f", "。”朱亮說", False),  # f = 66, trail of 說 D566
        ("?!毖γ粽f", "。”薛敏說", False),
        ("?!庇醚γ舻脑捳f", "。”用薛敏的話說", False),
        ("?!?", "。”<", False),
        ("?;\ue2a6貞?", "海基地戰(", False),  # ; = A3BB folded; F9B5 is private use
        ("?!标愳踌辰榻B", "。”陳斐斐介紹", False),
        ("?;\ue2a6乇闶锹?", "海基地便是聯(", False),
        ("?!鄙虾J锌茖W", "。”上海市科學", False),  # W = 57, trail of 學 8C57
    ]
    repaired = apply_edits(text, find_mojibake(text))
    for piece in (
        "能夠建成的。”上海市經(jīng)信委",
        "徹底擺脫束縛。”</p>",
        "行業(yè)發(fā)展。“設(shè)備",
        "直接掛鉤。”朱亮說。",
        "長三角生產(chǎn)。”薛敏說。",
        "完善。”用薛敏的話說,",
        "可以借鑒。”</p>",
        "新能源汽車出海基地戰(zhàn)略合作",
        "機(jī)制。”陳斐斐介紹。",
        "打造新能源汽車出海基地便是聯(lián)盟",
        "新高地。”上海市科學(xué)技術",
    ):
        assert piece in repaired
    assert "?" not in repaired.replace("關(guān)系?也許", "")


def test_find_mojibake_clean_seeds_no_edits():
    assert find_mojibake(seed("000")) == []
    assert find_mojibake(seed("002")) == []


def test_find_mojibake_real_question_mark_in_annotated_text_no_edit():
    text = seed("004")
    mark = text.index("合作關(guān)系?也許") + len("合作關(guān)系")
    assert text[mark] == "?"
    assert all(not (e.start <= mark < e.end) for e in find_mojibake(text))


# --- damaged, not repaired ------------------------------------------------


def test_find_mojibake_lone_question_mark_that_ate_a_tag_marked_damaged():
    text = "徹底擺脫束縛?/p>\n晶盛機電"
    (edit,) = find_mojibake(text)
    assert (edit.start, edit.end, edit.replacement, edit.damaged) == (6, 7, "?", True)


def test_find_mojibake_dropped_bytes_marked_damaged_whole_span():
    text = "希望長三角能夠勇?lián)铰废刃惺姑诳萍紕?chuàng)新與產業創新深度融合上形成更多經驗。"
    (edit,) = find_mojibake(text)
    assert edit.damaged
    assert text[edit.start : edit.end] == "?lián)铰废刃惺姑诳萍紕?" == edit.replacement


def test_find_mojibake_lone_trail_letter_without_evidence_marked_damaged():
    # 與 (C563) lost its lead: only "c" is left, and many characters end in 63.
    text = "“十五五”中國?c長三角的挑戰與機遇"
    (edit,) = find_mojibake(text)
    assert (text[edit.start : edit.end], edit.damaged) == ("?c", True)


def test_find_mojibake_whole_character_lost_in_simplified_text_marked_damaged():
    # `??` + reading: lead lost, trail lost with the "(": with no sign that
    # the site keeps private-use characters, more may be missing.
    text = "参加培??xùn)班的学员"
    (edit,) = find_mojibake(text)
    assert (edit.start, edit.end, edit.damaged) == (3, 5, True)


def test_find_mojibake_whole_character_lost_repaired_by_reading_when_site_keeps_pua():
    # A private-use character elsewhere shows the site keeps them.
    text = "參加培??xùn)班的學員。出?;\ue2a6貞?zhàn)略"
    edits = find_mojibake(text)
    assert [(text[e.start : e.end], e.replacement, e.damaged) for e in edits][0] == (
        "??",
        "訓(",
        False,
    )


# --- damage made from clean text by the byte arithmetic --------------------


def test_damage_helper_reproduces_the_seed_span():
    assert damage("能夠建成的。”上海市經(jīng)信委", 5) == "能夠建成的?!鄙虾J薪?jīng)信委"


def test_find_mojibake_simulated_quote_end_with_trail_letter_repaired():
    clean = "企業發展的信心更足了。”他說,這是大家的共識。"
    text = damage(clean, clean.index("。”"))
    # ! = A3A1 (。 ” ), 彼 = B1CB, then private use CBB5 and f = 66 (說 D566).
    assert text == "企業發展的信心更足了?!彼\ue382f,這是大家的共識。"
    assert apply_edits(text, find_mojibake(text)) == clean


def test_find_mojibake_simulated_pair_that_ate_an_ascii_letter_repaired():
    # 三 C8FD 角 BDC7 G 47: pairs FDBD (private use) and C747 荊, then in step.
    clean = "他們積極參與長三角G60科創走廊建設。"
    text = damage(clean, clean.index("三角G"))
    assert text == "他們積極參與長?\ue426荊60科創走廊建設。"
    assert spans(text) == [("?\ue426荊", "三角G", False)]


def test_find_mojibake_simulated_letter_end_inside_words_repaired():
    clean = "雙方將共同探索綠電交易的新模式。"
    text = damage(clean, clean.index("共同"))
    assert apply_edits(text, find_mojibake(text)) == clean


def test_find_mojibake_simulated_name_without_context_marked_damaged():
    # 說 D566 lost its lead: ?f could be many characters before a comma.
    clean = "浙江晶盛機電股份有限公司的朱亮說,設備是核心。"
    text = damage(clean, clean.index("說"))
    assert text == "浙江晶盛機電股份有限公司的朱亮?f,設備是核心。"
    assert spans(text) == [("?f", "?f", True)]


# --- no false positives ---------------------------------------------------


def test_find_mojibake_real_question_and_exclamation_marks_no_edits():
    for text in (
        "下一步如何走?李冠華表示,理想汽車將持續加強核心技術的研發。",
        "常州新動向!市委書記1個月內連開4場同一主題座談會",
        "那麽,新晉萬億之城常州如何因地制宜發展新質生産力?\n\n上述參加座談的企業家",
        "真的吗??我们不知道。",
    ):
        assert find_mojibake(text) == []


def test_find_mojibake_ascii_words_numbers_and_urls_no_edits():
    for text in (
        "AI+医疗、基因编辑、智能诊断?5G网络覆盖率达到90%。",
        "ESG?PPT?全自研多模态认知大模型Mind GPT正式通过备案。",
        "世界杰出青年领袖社区(WOYLC)首席经济学家?WOYLC是什么?",
        "详见 http://example.cn/news.php?id=3&page=2 的报道。",
        "Why? Because it works.",
    ):
        assert find_mojibake(text) == []


def test_find_mojibake_no_question_mark_fast_path():
    assert find_mojibake("") == []
    assert find_mojibake("鄙虾J薪 looks odd but has no lost byte") == []


def test_gbk_helpers_round_trip():
    assert gbk_pair("經") == b"\xbd\x9b"
    assert decode_pair(0xBD, 0x9B) == "經"
    assert decode_pair(0xF9, 0xB5) == "\ue2a6"  # GBK user-defined row: private use
    assert gbk_pair("a") is None and decode_pair(0x9B, 0x28) is None


def test_chinese_score_mojibake_scores_below_repaired_text():
    assert chinese_score("。”上海市經") > chinese_score("?!鄙虾J薪") + 3
    assert chinese_score("敘事、品牌打造與") > chinese_score("⑹隆⑵放拼蛟炫c") + 3
    assert chinese_score("") == 0.0


# --- properties -----------------------------------------------------------

COMMON_SIMPLIFIED = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
)
PUNCTUATION = ["，", "。", "、", "“", "”", "：", "；", ",", "?", "!", "?", "\n"]
WORDS = ["AI", "5G", "ESG", "PPT", "Mind GPT", "WOYLC", "2025年", "G60", "AI+医疗", "3.0版"]

clean_simplified = st.lists(
    st.one_of(
        st.sampled_from(COMMON_SIMPLIFIED), st.sampled_from(PUNCTUATION), st.sampled_from(WORDS)
    ),
    max_size=80,
).map("".join)

anything = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("?\ufffd()<>/pjīngyàn!;鄙虾J薪⑴γ\ue2a6經說與。”“,"),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_find_mojibake_any_text_never_raises_and_spans_do_not_overlap(text):
    edits = find_mojibake(text)
    apply_edits(text, edits)  # raises on overlapping or out-of-range edits
    for e in edits:
        assert e.kind == "mojibake"
        assert not e.damaged or e.replacement == text[e.start : e.end]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(anything)
def test_find_mojibake_repair_is_idempotent(text):
    once = apply_edits(text, find_mojibake(text))
    assert apply_edits(once, find_mojibake(once)) == once


@settings(max_examples=300, deadline=None)
@given(clean_simplified)
def test_find_mojibake_clean_simplified_text_no_edits(text):
    assert find_mojibake(text) == []


def test_find_mojibake_seeds_idempotent():
    for prefix in ("001", "003", "004"):
        once = apply_edits(seed(prefix), find_mojibake(seed(prefix)))
        assert apply_edits(once, find_mojibake(once)) == once
