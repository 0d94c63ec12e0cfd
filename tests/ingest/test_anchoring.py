from kb.ingest.anchoring import reanchor


def test_reanchor_same_place_when_the_text_is_unchanged_there():
    text = "甲市举办合作论坛。乙县代表出席。"
    assert reanchor(old_text=text, new_text=text, start=2, end=8) == (2, 8)


def test_reanchor_follows_words_moved_by_an_insertion():
    old = "甲市举办合作论坛。乙县代表出席。"
    new = "【导读】新增一段话。" + old
    shift = len("【导读】新增一段话。")
    assert reanchor(old_text=old, new_text=new, start=9, end=13) == (9 + shift, 13 + shift)


def test_reanchor_picks_the_occurrence_with_the_same_neighbours():
    old = "上午，论坛开幕。下午，丙市代表在论坛上发言。"
    new = "据报道，上午，论坛开幕。下午，丙市代表在论坛上发言。"
    # the second 论坛 (after 丙市代表在), not the first
    start = old.rindex("论坛")
    got = reanchor(old_text=old, new_text=new, start=start, end=start + 2)
    assert got == (new.rindex("论坛"), new.rindex("论坛") + 2)


def test_reanchor_is_none_when_the_words_are_gone():
    old = "甲市举办合作论坛。"
    new = "甲市举办交流活动。"
    assert reanchor(old_text=old, new_text=new, start=4, end=8) is None


def test_reanchor_uses_the_words_as_marked_over_the_old_offsets():
    old = "甲乙丙丁戊己"
    new = "戊己甲乙丙丁"
    assert reanchor(old_text=old, new_text=new, start=0, end=2, words="丙丁") == (4, 6)
