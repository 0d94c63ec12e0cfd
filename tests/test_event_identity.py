"""kb.event_identity: the key two reports of one event share."""

import datetime as dt

from kb.event_identity import event_name_key, same_period


def test_event_name_key_drops_what_happened_to_the_event():
    assert event_name_key("alliance", "湾区产业协同联盟挂牌成立") == event_name_key("alliance", "湾区产业协同联盟揭牌成立")
    assert event_name_key("alliance", "“领航”湾区发展联盟成立") == "领航湾区发展联盟"
    assert event_name_key("forum", "第七届中国—中亚合作论坛开幕") == "第七届中国中亚合作论坛"
    assert event_name_key("forum", "第七屆中國中亞合作論壇") == "第七届中国中亚合作论坛"


def test_event_name_key_none_for_a_generated_title_or_too_short_a_name():
    assert event_name_key("visit", "湘考察", generated=True) == ""
    assert event_name_key("forum", "座谈会") == ""


def test_same_period_same_year_or_an_unknown_date():
    assert same_period(dt.date(2024, 5, 9), "day", dt.date(2024, 5, 1), "month")
    assert same_period(None, "unknown", dt.date(2024, 5, 1), "month")
    assert not same_period(dt.date(2024, 5, 9), "day", dt.date(2025, 5, 9), "day")
