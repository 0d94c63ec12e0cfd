"""Which date an event takes: the dates its mention's sentence gives it,
how far each is trusted when mentions disagree, and the start and end a
class's 开班/结业 days give it."""

from __future__ import annotations

import re

from kb import dates as D
from kb.ingest.extract.dates import DateMention, in_year
from kb.ingest.extract.event_names import CLAUSE_END, EventMention

# How much a date source is trusted when mentions of one event disagree.
EXPLICIT, ANCHORED, RELATIVE, NONE = 3, 2, 1, 0
_EXPLICIT_FORMS = {"absolute", "month_day", "range", "enumeration_item", "year", "month"}


def dates_for(mention: EventMention) -> list[DateMention]:
    """The dates a mention's sentence gives it: all items of an enumeration
    (4月9日、18日、26日召开), else the nearest date before the trigger.  A
    month-day no publication date placed takes the year of the event's own
    name (11月20日,2019长江经济带合作论坛…)."""
    year = _NAME_YEAR.search(mention.name)
    dates = [in_year(d, int(year.group(1))) or d if year and d.start_date is None else d
             for d in mention.dates]
    dated = [d for d in dates if d.start_date is not None or d.form == "relative"]
    # 新华社深圳9月7日电 …会议6日举行: the dateline's day is the report's; it
    # dates the event only when the sentence gives no other.
    own = [d for d in dated if not _dateline(mention.sentence, d)]
    dated = own or dated
    # A year inside the name (岳阳市2023年…培训班) is part of the name; the
    # event's own date stands outside it when the sentence gives one.
    dated = [d for d in dated if not (mention.start <= d.start and d.end <= mention.end)]
    items = [d for d in dated if d.form == "enumeration_item" and d.end <= mention.end]
    if len(items) > 1:
        return items
    # 深港合作会议6日在深圳举行, …年会12日在海口召开: the day right after
    # the name is the event's.
    right_after = [d for d in dated if 0 <= d.start - mention.end <= 3
                   and _GAP.fullmatch(mention.sentence.text[mention.end - mention.sentence.start:
                                                            d.start - mention.sentence.start])]
    if right_after:
        return right_after[:1]
    before = [d for d in dated if d.end <= mention.end]
    # 10月16日至20日,…主办的2023年浙江省、山东省…培训班: a year written
    # just before the name names the edition; the day before it dates it.
    while len(before) > 1 and before[-1].precision == D.YEAR and before[-2].precision in (D.DAY, D.MONTH) \
            and before[-2].start_date and before[-2].start_date.year == before[-1].start_date.year:
        before.pop()
    if before:
        return [before[-1]]
    # Only a date in the mention's own clause follows it (…会议于9日举行);
    # 双方汇报了2024年…工作 in the next clause dates the work, not the meeting.
    text, offset = mention.sentence.text, mention.sentence.start
    after = [d for d in dated if d.start >= mention.end
             and not any(ch in CLAUSE_END for ch in text[mention.end - offset:d.start - offset])]
    return after[:1]


def _dateline(sentence, date: DateMention) -> bool:
    """新华社深圳9月7日电, 本报讯, …消息: the day of the report, not of an event."""
    after = sentence.text[date.end - sentence.start:date.end - sentence.start + 2]
    return after.startswith(("电", "讯", "消息"))


# Between a name and its day: closing quotes, 于/於, a comma (「…論壇」,於12月3日).
_GAP = re.compile(r"[”」』\"]?[,，]?(?:于|於)?")
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_FINENESS = {D.DAY: 3, D.MONTH: 2, D.YEAR: 1, D.UNKNOWN: 0}


def finer_within(date: DateMention | None, event) -> bool:
    """A date more precise than the event's that lies in the event's period
    (2020年 first, then 5月7日至14日 in the same sentence): the better one."""
    if date is None or date.start_date is None or event.start_date is None:
        return False
    if _FINENESS[date.precision] <= _FINENESS[event.precision]:
        return False
    first, last = D.period_bounds(event.start_date, event.precision)
    return first <= date.start_date <= last


def rank(date: DateMention | None) -> int:
    if date is None or date.start_date is None:
        return NONE
    return EXPLICIT if date.form in _EXPLICIT_FORMS else RELATIVE


def overlap(event, date: DateMention) -> bool:
    """Do an event's period and a date's period meet (at their precisions)?"""
    if event.start_date is None or date.start_date is None:
        return True
    first, last = D.period_bounds(event.start_date, event.precision)
    if event.end_date is not None:
        last = D.period_bounds(event.end_date, event.precision)[1]
    other_first, other_last = D.period_bounds(date.start_date, date.precision)
    if date.end_date is not None:
        other_last = D.period_bounds(date.end_date, date.precision)[1]
    return first <= other_last and other_first <= last


def is_range(date: DateMention) -> bool:
    return date.end_date is not None and date.end_date != date.start_date


def dates_compatible(event, date: DateMention | None) -> bool:
    if date is None or date.start_date is None or event.start_date is None:
        return True
    if date.start_date == event.start_date and date.end_date == event.end_date:
        return True
    return event.date_rank < EXPLICIT or rank(date) < EXPLICIT


def sub_event(event, date: DateMention | None) -> bool:
    """A single day inside a multi-day event is a part of it (开班仪式)."""
    if date is None or date.start_date is None or not event.is_range:
        return False
    return not is_range(date) and event.start_date <= date.start_date <= event.end_date


def apply_lifecycles(events) -> None:
    """A class that 于9月9日开班 and 9月13日…结业 ran 9/9–9/13."""
    for event in events:
        start, end = event.lifecycle.get("start"), event.lifecycle.get("end")
        if start and end and start.start_date < end.start_date and start.precision == end.precision:
            event.start_date, event.end_date = start.start_date, end.start_date
            event.precision = start.precision
            event.date_rank = EXPLICIT
        elif start and not event.is_range and event.date_rank <= EXPLICIT:
            event.start_date, event.end_date = start.start_date, None
            event.precision, event.date_rank = start.precision, EXPLICIT
