import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kb.ingest.edits import apply_edits
from kb.ingest.jammer import find_jammer
from kb.ingest.pipeline import repair_article


def clean(text: str) -> str:
    return apply_edits(text, find_jammer(text))


def test_jammer_shards_between_chinese_words_are_removed():
    assert clean("两地商会 %a 7Q }; r# |w 会长表示支持。") == "两地商会会长表示支持。"


def test_jammer_the_site_domain_beside_the_run_goes_with_it():
    assert clean("签署协议，q) 8k t+ Z1 bbs.example.net深化合作。") == "签署协议，深化合作。"


def test_jammer_dates_numbers_words_and_formulas_stay():
    for text in ("发布时间 2024-05-07 10:12:33", "序号 1 2 3 4 5", "Shri. Amardeep Singh Bhatia 率团",
                 "a + b = c 的公式", "A B C D 四类项目", "Q: A: 问答环节"):
        assert find_jammer(text) == [], text


def test_jammer_removal_is_logged_with_its_raw_span():
    raw = "标题\n\n两地商会 %a 7Q }; r# |w 会长表示支持合作。\n"
    article = repair_article(raw.encode(), file_name="forum.txt", max_bytes=10_000)
    assert "两地商会会长表示支持合作。" in article.text
    [entry] = [r for r in article.repair_log if r["kind"] == "jammer"]
    assert raw[entry["raw_start"]:entry["raw_end"]].strip() == "%a 7Q }; r# |w"


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("区域合作论坛发展，。、 abcdefXYZ0123456789"), max_size=80))
def test_jammer_never_touches_text_without_punctuation_shards(text):
    # Words and numbers are text; a letter glued to a digit (0X, T0) is a
    # shard of noise, so such text is outside this property.
    assume(not re.search(r"[A-Za-z]\d|\d[A-Za-z]", text))
    assert find_jammer(text) == []
