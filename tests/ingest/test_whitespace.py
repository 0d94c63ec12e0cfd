from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.ingest.edits import Edit, TrackedText, apply_edits
from kb.ingest.whitespace import find_whitespace

SEEDS = Path(__file__).parent.parent.parent / "seeds"


def clean(text: str) -> str:
    return apply_edits(text, find_whitespace(text))


def test_whitespace_crlf_and_lone_cr_to_lf_unlogged():
    edits = find_whitespace("甲\r\n乙\r丙\n")
    assert apply_edits("甲\r\n乙\r丙\n", edits) == "甲\n乙\n丙\n"
    assert all(not e.logged and e.kind == "whitespace" for e in edits)


def test_whitespace_unicode_line_separators_to_lf():
    assert clean("甲\u2028乙\u2029丙\x85丁") == "甲\n乙\n丙\n丁"


def test_whitespace_ideographic_and_nbsp_indentation_removed():
    assert clean("\u3000\u3000第一段\n\u00a0\u00a0第二段\n") == "第一段\n第二段\n"


def test_whitespace_em_space_and_ascii_indentation_removed():
    # Seed 000 indents with two em spaces (U+2003).
    assert clean("\u2003\u2003四月的北国\n  东方网") == "四月的北国\n东方网"


def test_whitespace_inner_wide_spaces_become_spaces():
    assert clean("王剛\u3000攝") == "王剛 攝"
    assert clean("東方網\u00a0 \u00a02025") == "東方網   2025"


def test_whitespace_inner_space_edit_keeps_length():
    assert find_whitespace("王剛\u3000\u3000攝") == [Edit(2, 4, "  ", "whitespace", "U+3000 to space", logged=False)]


def test_whitespace_trailing_spaces_removed():
    assert clean("第一段 \u3000\t\n第二段\u00a0") == "第一段\n第二段"


def test_whitespace_zero_width_removed_and_logged():
    edits = find_whitespace("長三\u200b角\ufeff產業")
    assert apply_edits("長三\u200b角\ufeff產業", edits) == "長三角產業"
    assert [(e.detail, e.logged) for e in edits] == [
        ("removed zero-width space", True),
        ("removed byte order mark", True),
    ]


def test_whitespace_zero_width_joiner_in_emoji_kept():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean(f"家庭{family}出游") == f"家庭{family}出游"


def test_whitespace_two_or_more_blank_lines_collapse_to_one():
    assert clean("甲\n\n\n乙") == "甲\n\n乙"
    assert clean("甲\n\n\n\n乙") == "甲\n\n乙"
    assert clean("甲\n \n\u3000\n\t\n\n\n乙") == "甲\n\n乙"


def test_whitespace_one_blank_line_kept():
    assert find_whitespace("甲\n\n乙") == []


def test_whitespace_blank_line_contents_removed():
    assert clean("甲\n\u3000 \n乙") == "甲\n\n乙"


def test_whitespace_clean_text_has_no_edits():
    assert find_whitespace("甲\n\n乙 丙\n") == []
    assert find_whitespace("") == []


def test_whitespace_seeds_keep_their_paragraphs():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out = clean(text)
        expected = [line.strip(" \u2003\u3000\u00a0").replace("\u00a0", " ") for line in text.split("\n")]
        assert out.split("\n") == expected


def test_whitespace_tracked_counts_trivial_edits():
    tracked = TrackedText("\u3000\u3000甲\r\n乙\u200b丙 \r\n")
    tracked.apply(find_whitespace(tracked.text))
    assert tracked.text == "甲\n乙丙\n"
    assert tracked.counts == {"whitespace": 4}
    assert [(r.before, r.after) for r in tracked.repairs] == [("\u200b", "")]


SPACY = st.lists(
    st.sampled_from(["\r", "\n", "\r\n", " ", "\t", "\u3000", "\u00a0", "\u2003", "\u200b", "\u200d", "\ufeff", "\u2028", "甲", "a", "\U0001f468"]),
    max_size=40,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=200), SPACY))
def test_whitespace_never_raises_and_is_idempotent(text):
    once = clean(text)
    assert find_whitespace(once) == []
    assert "\r" not in once
