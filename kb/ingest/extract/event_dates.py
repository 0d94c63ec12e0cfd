"""Which date an event takes: the dates its mention's sentence gives it,
how far each is trusted when mentions disagree, and the start and end a
class's 开班/结业 days give it."""

from __future__ import annotations

from kb import dates as D
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.event_names import EventMention

# How much a date source is trusted when mentions of one event disagree.
EXPLICIT, ANCHORED, RELATIVE, NONE = 3, 2, 1, 0
_EXPLICIT_FORMS = {"absolute", "month_day", "range", "enumeration_item", "year", "month"}


def dates_for(mention: EventMention) -> list[DateMention]:
    """The dates a mention's sentence gives it: all items of an enumeration
    (4月9日、18日、26日召开), else the nearest date before the trigger."""
    dated = [d for d in mention.dates if d.start_date is not None or d.form == "relative"]
    # A year inside the name (岳阳市2023年…培训班) is part of the name; the
    # event's own date stands outside it when the sentence gives one.
    dated = [d for d in dated if not (mention.start <= d.start and d.end <= mention.end)]
    items = [d for d in dated if d.form == "enumeration_item" and d.end <= mention.end]
    if len(items) > 1:
        return items
    before = [d for d in dated if d.end <= mention.end]
    chosen = before[-1] if before else (dated[0] if dated else None)
    return [chosen] if chosen else []


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
