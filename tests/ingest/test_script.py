from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.chinese import simplify
from kb.ingest.script import detect_script

SEEDS = Path(__file__).parent.parent.parent / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_script_seeds():
    assert detect_script(seed("000")) == "simplified"
    for prefix in ("001", "002", "003", "004"):
        assert detect_script(seed(prefix)) == "traditional", prefix


def test_script_traditional_with_characters_both_scripts_use():
    # 占 and 群 are changed by s2t yet common in Traditional text too.
    assert detect_script("長三角已形成26個國家級先進製造業集群,占全國比重近三分之一") == "traditional"


def test_script_mixed_half_converted_text():
    assert detect_script("长三角产业创新发展大会在杭州舉行,匯聚滬蘇浙皖的代表") == "mixed"


def test_script_unknown_without_chinese():
    assert detect_script("") == "unknown"
    assert detect_script("The Yangtze River Delta forum in Hangzhou (杭州) drew 300 people.") == "unknown"


def test_script_shared_characters_only_read_as_simplified():
    assert detect_script("中山大学和上海大学的学生") == "simplified"


def test_simplify_variants_and_gaps():
    result = simplify("新質生産力爲什麽衆多綫路堿性")
    assert result.text == "新质生产力为什么众多线路碱性"
    assert result.to_original == list(range(14))


def test_simplify_leaves_zhu_alone():
    assert simplify("著作和顯著").text == "著作和显著"


def test_simplify_compatibility_ideograph():
    # U+F9B5 is a compatibility form of 例.
    assert simplify("\uf9b5如").text == "例如"


def test_simplify_spans_identity_when_lengths_agree():
    text = seed("003")
    result = simplify(text)
    assert len(result.text) == len(text)
    start = result.text.index("钱塘区")
    assert text[slice(*result.original_span(start, start + 3))] == "錢塘區"
    assert result.simplified_span(start, start + 3) == (start, start + 3)


def test_simplify_length_changing_phrases_map_back():
    # Taiwan phrases: 網際網路 -> 互联网, 隨身碟 -> U盘, 主機板 -> 主板.
    original = "我們使用網際網路和隨身碟,主機板。產業"
    result = simplify(original, config="tw2sp")
    assert result.text == "我们使用互联网和U盘,主板。产业"
    assert len(result.to_original) == len(result.text)
    assert result.to_original == sorted(result.to_original)

    def back(word: str) -> str:
        start = result.text.index(word)
        return original[slice(*result.original_span(start, start + len(word)))]

    assert back("互联网") == "網際網路"
    assert back("U盘") == "隨身碟"
    assert back("主板") == "主機板"
    assert back("产业") == "產業"
    assert back("我们使用") == "我們使用"
    assert result.simplified_span(4, 8) == (4, 7)
    assert result.original_span(0, len(result.text)) == (0, len(original))


def test_simplify_empty_text():
    result = simplify("")
    assert result.text == "" and result.to_original == []
    assert result.original_span(0, 0) == (0, 0)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.sampled_from(["t2s", "tw2sp"]))
def test_simplify_map_is_total_and_ordered(text, config):
    result = simplify(text, config=config)
    assert len(result.to_original) == len(result.text)
    assert result.to_original == sorted(result.to_original)
    assert all(0 <= i < len(text) for i in result.to_original)
    start, end = result.original_span(0, len(result.text))
    assert (start, end) == ((0, len(text)) if result.text else (len(text), len(text)))
    assert detect_script(text) in {"simplified", "traditional", "mixed", "unknown"}


def test_simplify_keeps_qian_of_place_names_in_the_pipelines_copy():
    # The Simplified copy the extractors read: 乾县 must stay a place the
    # gazetteer knows, while 饼乾 is 饼干.
    copy = simplify("乾县人民政府在吉首市乾州街道发放餅乾")
    assert copy.text == "乾县人民政府在吉首市乾州街道发放饼干"
    assert copy.original_span(0, 2) == (0, 2)
