"""Parent events: a launch 论坛上 is the forum's child and takes its day; a
day inside a study tour's range is a stop of the tour; an agreement told
without a date right after a dated forum was signed there."""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Document
from kb.ingest.extract.event_dates import ANCHORED, NONE, RELATIVE
from kb.ingest.extract.event_names import EventMention


def link_parents(events) -> None:
    """An event anchored at another (论坛上 …) or dated inside another's
    range is its child."""
    for i, event in enumerate(events):
        parent = None
        if event.anchor:
            parent = _anchored_parent(events, i, event.anchor)
            if parent is not None and event.date_rank <= RELATIVE \
                    and events[parent].start_date is not None:
                # 论坛上 … 挂牌成立: the launch happened on the forum's day.
                event.start_date = events[parent].start_date
                event.end_date = None
                event.precision = events[parent].precision
                event.date_rank = ANCHORED
        if parent is None and event.start_date is not None and not event.is_range:
            parent = _enclosing_range(events, i)
        if parent is not None and parent != i and not _is_ancestor(events, i, parent):
            event.parent = parent


def _anchored_parent(events, index: int, anchor: str) -> int | None:
    """论坛上 / 签约仪式上 / 会上: the named forum, training or signing
    ceremony the anchor's noun names, mentioned before the child if any."""
    first = min((s for s, _ in events[index].spans), default=0)

    def hosts(named_by_anchor: bool):
        return [j for j, e in enumerate(events)
                if j != index and not e.generic
                and (e.kind in ("forum", "training") or e.signing_ceremony)
                and (not named_by_anchor or any(anchor in n for n in e.names))]

    for candidates in (hosts(True), hosts(False)):
        before = [j for j in candidates if min((s for s, _ in events[j].spans), default=0) <= first]
        if before:
            return before[-1]
        # A host told only later: not when the anchor names the event's own
        # noun (峰会上 in a summit's own report is the summit itself).
        later = [j for j in candidates if not any(anchor in n for n in events[index].names)]
        if later:
            return later[0]
    return None


def _enclosing_range(events, index: int) -> int | None:
    day = events[index].start_date
    for j, other in enumerate(events):
        if j != index and other.is_range and other.start_date <= day <= other.end_date:
            return j
    return None


def _is_ancestor(events, child: int, candidate: int) -> bool:
    """True when `child` is already an ancestor of `candidate` (no cycles)."""
    seen, current = set(), events[candidate].parent
    while current is not None and current not in seen:
        if current == child:
            return True
        seen.add(current)
        current = events[current].parent
    return False


# 在天津市东丽区·甘肃省甘谷县东西部协作联席会议上,…: a meeting the
# sentence opens with as where things happened, on the day just told.
_AT_OCCASION = re.compile(r"\s*(?:随后,?|当天,?|会上,?)?在[^，,。]{4,40}?(?:会议|会|论坛|座谈会|联席会议|推进会|对接会)上[，,]")


_ALONGSIDE = re.compile(r"(?:同步|同期|同时)(?:举办|召开|举行)")


def inherit_from_enclosing(events, mentions: list[EventMention],
                            owner: dict[int, int], doc: Document) -> None:
    """Agreements and alliances reported, without a date of their own, right
    after a dated forum or training (会上 … 签署; the next paragraphs list the
    signings) happened there: they take its date and become its children."""
    ordered = sorted((m.start, owner[id(m)]) for m in mentions if id(m) in owner)
    for i, event in enumerate(events):
        continuing = event.kind in ("forum", "training") and (event.generic and any(
            cue in s.text[:12] for s in event.sentences[:1] for cue in T.CONTINUATIONS)
            or any(_AT_OCCASION.match(s.text) for s in event.sentences[:1]))
        # 论坛…同步举办首届X大会: a meeting held alongside, on its days.
        alongside = event.kind == "forum" and any(_ALONGSIDE.search(s.text) for s in event.sentences[:1])
        if (event.kind not in ("agreement", "alliance") and not continuing and not alongside) \
                or event.date_rank != NONE or event.parent is not None or not event.spans:
            continue
        # Where the body tells it: the headline restating it comes first.
        body = [start for start, _ in event.spans if start >= doc.headline_end]
        first = min(body or [start for start, _ in event.spans])
        paragraph = doc.sentence_at(first).paragraph if doc.sentence_at(first) else 0
        host = None
        for start, index in ordered:
            if start >= first:
                break
            candidate = events[index]
            sentence = doc.sentence_at(start)
            if (candidate.kind in ("forum", "training", "visit", "founding") or candidate.signing_ceremony) \
                    and candidate.start_date is not None and (not candidate.generic or continuing) \
                    and candidate is not event \
                    and sentence is not None and paragraph - sentence.paragraph <= 6:
                host = index
        if host is None or _is_ancestor(events, i, host):
            continue
        parent = events[host]
        event.parent = host
        event.start_date, event.precision = parent.start_date, parent.precision
        event.end_date = None
        event.date_rank = ANCHORED
        event.inherited_date = True
