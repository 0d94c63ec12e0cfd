"""After assembly, events that are one, and the year of a name: a class
and its lone opening on the same day, a class told on the day it was
arranged and on the day it opened, an undated event named with its year.
Each pass works on the drafts the assembler made (event_assembly.Draft)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from kb import dates as D
from kb.ingest.extract.event_titles import bare_name

if TYPE_CHECKING:
    from kb.ingest.extract.event_assembly import Draft


_PREPARATION_DAYS = 21


def merge_preparations(events: list[Draft], owner: dict[int, int]) -> None:
    """3月30日…携手开办X研讨班 … 4月8日,X研讨班开班: one class told on the
    day it was arranged and on the day it opened.  Two named classes or
    meetings with the same name, each on a day a few weeks apart at most,
    are one event on the day it opened (or was held)."""
    parents = {e.parent for e in events}  # a class with children is told apart already
    for i, a in enumerate(events):
        for j, b in enumerate(events):
            if j <= i or a.dropped or b.dropped or a.kind != b.kind or a.kind not in ("training", "forum"):
                continue
            if a.generic or b.generic or a.parent is not None or b.parent is not None \
                    or i in parents or j in parents:
                continue
            if not (a.precision == b.precision == D.DAY) or a.is_range or b.is_range \
                    or a.start_date == b.start_date \
                    or abs((a.start_date - b.start_date).days) > _PREPARATION_DAYS:
                continue
            if not {bare_name(n) for n in a.names} & {bare_name(n) for n in b.names}:
                continue
            keep, drop = (j, i) if "start" in b.lifecycle and "start" not in a.lifecycle else (i, j)
            kept, dropped = events[keep], events[drop]
            if "start" not in kept.lifecycle and kept.start_date < dropped.start_date:
                keep, drop, kept, dropped = drop, keep, dropped, kept  # else the later day
            _fold(events, owner, drop, into=keep)


_NAME_YEAR = re.compile(r"((?:19|20)\d{2})(?:年|(?=[\u4e00-\u9fff])(?![余多个家名亩万千百人次届期项件]))")


def dated_by_name_year(events: list[Draft]) -> None:
    """2024年赣州…推介会昨日(3日)在香港举办, on a page with no date: the
    year in the event's own name is all the text says of when."""
    for event in events:
        if event.start_date is not None or event.generic or event.parent is not None:
            continue
        years = {int(m.group(1)) for m in map(_NAME_YEAR.match, map(bare_name, event.names)) if m}
        if len(years) == 1:
            event.start_date, event.precision = dt.date(years.pop(), 1, 1), D.YEAR


_LASTS_DAYS = re.compile(r"(?:为期|历时|持续)[0-9一二三四五六七八九十两半]+(?:天|日|周|个月)")


def fold_lone_ceremonies(events: list[Draft], owner: dict[int, int], text: str) -> None:
    """A one-day class whose only child is its opening (or closing) on that
    same day, or a class dated 2月25日至27日 whose only child is its opening
    on the first day: the ceremony is the class itself, as readers count it.
    A child of its own is kept for a class said to last several days
    (为期5天), one whose closing is told too, or one whose programme
    (visits, sessions on other days) the article tells."""
    if _LASTS_DAYS.search(text):
        return
    programme = [e for e in events if e.kind in ("training", "visit") and not e.dropped]
    for host, parent in enumerate(events):
        if any(e is not parent and e.parent != host for e in programme):
            continue
        children = [i for i, e in enumerate(events) if e.parent == host and not e.dropped]
        if len(children) != 1 or parent.precision != D.DAY:
            continue
        child = events[children[0]]
        if not child.ceremony or child.start_date != parent.start_date:
            continue
        if parent.is_range and child.ceremony != "start":
            continue  # a closing told alone says the class ended: keep it
        _fold(events, owner, children[0], into=host)


def _fold(events: list[Draft], owner: dict[int, int], drop: int, *, into: int) -> None:
    """Draft `drop` is draft `into` told again: its evidence and sentences
    join it, its mentions are its, and it is dropped."""
    kept, dropped = events[into], events[drop]
    dropped.dropped = True
    for span in dropped.spans:
        if span not in kept.spans:
            kept.spans.append(span)
    for sentence in dropped.sentences:
        kept.add_sentence(sentence)
    for key, index in owner.items():
        if index == drop:
            owner[key] = into
