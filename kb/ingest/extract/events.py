"""Events: mentions merged into one record per event, with dates, places,
roles, participant counts and parent/child links.

One record per event, not per sentence: 本次大会 and 大会 are the article's
大会; 4月9日、18日、26日召开专题座谈会 is three symposiums, which later
sentences (4月18日的第二场座谈会) name one by one; a visit dated inside a
study tour's range is the tour's child; an alliance launched 论坛上 is the
forum's child and takes its date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from kb import dates as D
from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.event_mentions import EventMention, find_event_mentions
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.mentions import Organisation, Person, QuoteMention
from kb.ingest.extract.regions import RegionMention

# How much a date source is trusted when mentions of one event disagree.
_EXPLICIT, _ANCHORED, _RELATIVE, _NONE = 3, 2, 1, 0
_DROP = -1
_EXPLICIT_FORMS = {"absolute", "month_day", "range", "enumeration_item", "year", "month"}


@dataclass
class RoleRef:
    party: str  # 'organisation' | 'person'
    name: str
    role: str
    role_original: str = ""
    region_key: str | None = None  # an organisation named by its place (松江区)


@dataclass
class EventRecord:
    kind: str
    title: str
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    precision: str = D.UNKNOWN
    region_keys: list[str] = field(default_factory=list)
    participants: int | None = None
    participants_approximate: bool = False
    summary: str = ""
    roles: list[RoleRef] = field(default_factory=list)
    parent: int | None = None  # index into the article's event list
    spans: list[tuple[int, int]] = field(default_factory=list)
    name_spans: list[tuple[int, int]] = field(default_factory=list)  # of real names only
    sentences: list[Sentence] = field(default_factory=list)
    flagged: bool = False
    flag_reason: str = ""
    # assembly state
    names: list[str] = field(default_factory=list)
    ordinal: str = ""
    date_rank: int = _NONE
    anchor: str = ""
    generic: bool = True
    cued_location: bool = False  # the text says where (在/赴 …)
    generic_names: set[str] = field(default_factory=set)
    preferred_name: str = ""
    inherited_date: bool = False
    signing_ceremony: bool = False  # a named 签约仪式: signings happen at it
    lifecycle: dict = field(default_factory=dict)  # 'start'/'end' -> DateMention
    ceremony: str = ""  # 'start'/'end' for a 开班仪式 / 结业式 child
    dropped: bool = False
    _sentence_set: set[Sentence] = field(default_factory=set, repr=False, compare=False)

    @property
    def is_range(self) -> bool:
        return self.end_date is not None and self.end_date != self.start_date

    def tells(self, sentence: Sentence) -> bool:
        """Whether `sentence` is one of the event's sentences (a set: an
        event told in thousands of sentences is looked up in constant time)."""
        return sentence in self._sentence_set

    def add_sentence(self, sentence: Sentence) -> None:
        if sentence not in self._sentence_set:
            self._sentence_set.add(sentence)
            self.sentences.append(sentence)


def find_events(doc: Document, *, dates: list[DateMention], regions: list[RegionMention],
                organisations: list[Organisation], people: list[Person],
                quotes: list[QuoteMention], gazetteer: Gazetteer) -> list[EventRecord]:
    mentions = find_event_mentions(doc, dates=dates, regions=regions, organisations=organisations)
    events: list[EventRecord] = []
    owner: dict[int, int] = {}  # id(mention) -> event index
    headline = doc.headline_end
    undated_article = doc.published is None and not any(d.start_date for d in dates)
    # The headline restates an event of the body: it may add a name to one,
    # never open one of its own (松江拓展培训 over a 一点团建 blog post).
    body = [m for m in mentions if m.start >= headline and not _is_ceremony(m)]
    ceremonies = [m for m in mentions if m.start >= headline and _is_ceremony(m)]
    for mention in body + [m for m in mentions if m.start < headline]:
        in_headline = mention.start < headline
        for date in _dates_for(mention) or [None]:
            index = _merge_target(events, mention, date)
            if index == _DROP:
                continue
            if index is None:
                may_open = _may_open_event(doc, mention, date, undated_article)
                if in_headline or ((mention.generic or mention.kind == "visit") and not may_open):
                    continue
                events.append(EventRecord(kind=mention.kind, title=""))
                index = len(events) - 1
            _absorb(events[index], mention, date)
            owner[id(mention)] = index
    _apply_lifecycles(events)
    _add_ceremonies(events, ceremonies, owner)
    _link_parents(events, mentions, owner)
    _inherit_from_enclosing(events, mentions, owner, doc)
    _mark_collective_agreements(events)
    place = main_place(doc, regions, organisations, gazetteer)
    for event in events:
        _finish(event, events, doc, regions, organisations, place, gazetteer)
    _series_titles(events, place, gazetteer, regions)
    scopes = _scopes(events, mentions, owner, doc)
    _assign_roles(events, scopes, doc, regions, organisations, people, quotes)
    _organiser_places(events)
    _participants(events, scopes, doc)
    return _without_dropped(events)


# ------------------------------------------------------------------ merging

def _dates_for(mention: EventMention) -> list[DateMention]:
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


def _rank(date: DateMention | None) -> int:
    if date is None or date.start_date is None:
        return _NONE
    return _EXPLICIT if date.form in _EXPLICIT_FORMS else _RELATIVE


def _norm(name: str) -> str:
    return re.sub(r"[“”\"‘’「」《》\s]", "", name)


def _merge_target(events: list[EventRecord], mention: EventMention,
                  date: DateMention | None) -> int | None:
    same_kind = [i for i, e in enumerate(events) if e.kind == mention.kind]
    if not same_kind:
        return None
    dated = date is not None and date.start_date is not None
    # Two mentions of one kind in one sentence with the same date are one
    # event (转赴松山湖…,参观松山湖材料实验室…).
    for i in same_kind if mention.kind in ("visit", "forum", "training") else ():
        if events[i].tells(mention.sentence) and (
                not dated or events[i].start_date in (None, date.start_date)
                or (mention.generic and not mention.ceremony and not events[i].generic
                    and _overlap(events[i], date)
                    and any(mention.trigger in n for n in events[i].names))) \
                and not (mention.ordinal and events[i].ordinal and mention.ordinal != events[i].ordinal):
            return i  # 研修班…结业,为期9天的集中研修圆满收官: one class
    if mention.kind == "visit" and not dated:
        undated = [i for i in same_kind if events[i].start_date is None]
        if undated:
            return undated[0]  # one trip told in several sentences
    if mention.generic and mention.anchor and not mention.anaphor and not any(
            _norm(n).endswith(mention.trigger) for i in same_kind for n in events[i].names):
        # 推介会期间…召开工作座谈会: a meeting held during another event.
        return None
    if mention.generic and (mention.anaphor or _bare(mention)) and mention.lifecycle:
        # 本期研修班于9月9日开班: the named class's start, whatever its date.
        named = [i for i in same_kind if not events[i].generic and events[i].parent is None]
        if named:
            return named[-1]
    if mention.generic and dated and not mention.ceremony:
        # 研学营来到梦想小镇 on a day of the named 研学营's range: the same event.
        inside = [i for i in same_kind if events[i].is_range and not events[i].generic
                  and events[i].start_date <= date.start_date <= events[i].end_date
                  and not _is_range(date)]
        # Only the event's own noun (研学营 for “…研学营”), not another
        # activity inside its range (现场教学 during a 培训活动).
        inside = [i for i in inside if any(_norm(n).endswith(mention.trigger) for n in events[i].names)]
        if inside and _bare(mention):
            return inside[-1]
    if mention.generic:
        if dated:
            same_day = [i for i in same_kind if events[i].start_date == date.start_date
                        and not events[i].is_range and not _is_range(date)]
            if same_day:
                return same_day[0]
            same_range = [i for i in same_kind if events[i].start_date == date.start_date
                          and events[i].end_date == date.end_date]
            if same_range:
                return same_range[0]
            if date.form == "relative" and len(same_kind) == 1 \
                    and _overlap(events[same_kind[0]], date):
                return same_kind[0]
            if mention.anaphor:
                # 此次高峰论坛是2024年…活动之一: the named forum, if the dates agree.
                named = [i for i in same_kind if not events[i].generic and _overlap(events[i], date)]
                if named:
                    return named[-1]
            return None
        if len(same_kind) == 1:
            return same_kind[0]
        if mention.anaphor:
            named = [i for i in same_kind if not events[i].generic and events[i].parent is None]
            return (named or same_kind)[-1]
        return _DROP  # several candidates and no way to tell which
    name = _norm(mention.title or mention.name)
    ceremony = mention.trigger in T.SIGNING_EVENTS
    for i in same_kind:
        event = events[i]
        if mention.kind == "agreement" and event.signing_ceremony != ceremony:
            continue  # the 签约仪式 and the 协议 signed at it are two events
        if any(_norm(n) == name for n in event.names):
            if _dates_compatible(event, date):
                return i
        elif any(_same_event_names(_norm(n), name) for n in event.names) \
                and _dates_compatible(event, date) and not _sub_event(event, date):
            return i
    return None


def _overlap(event: EventRecord, date: DateMention) -> bool:
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


def _bare(mention: EventMention) -> bool:
    """研学营, 研修班, 本期研修班: the trigger alone or with a demonstrative."""
    return T.ANAPHOR.sub("", mention.name) == mention.trigger


def _is_range(date: DateMention) -> bool:
    return date.end_date is not None and date.end_date != date.start_date


def _same_event_names(a: str, b: str) -> bool:
    """Two names of one event: one contains the other, or they share a long
    stretch (首期…人才培训班 vs 首期…人才深入学习…培训班; 2024年示范区“专精
    特新”…培训班 vs 2024年“专精特新”…培训班) and no different ordinal."""
    if a in b or b in a:
        return min(len(a), len(b)) >= 4
    ordinals = {o.group() for o in T.ORDINAL.finditer(a)}, {o.group() for o in T.ORDINAL.finditer(b)}
    if ordinals[0] != ordinals[1]:
        return False
    common = _longest_common_stretch(a, b)
    return common >= 8 and common >= 0.6 * min(len(a), len(b))


def _longest_common_stretch(a: str, b: str) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _dates_compatible(event: EventRecord, date: DateMention | None) -> bool:
    if date is None or date.start_date is None or event.start_date is None:
        return True
    if date.start_date == event.start_date and date.end_date == event.end_date:
        return True
    return event.date_rank < _EXPLICIT or _rank(date) < _EXPLICIT


def _sub_event(event: EventRecord, date: DateMention | None) -> bool:
    """A single day inside a multi-day event is a part of it (开班仪式)."""
    if date is None or date.start_date is None or not event.is_range:
        return False
    return not _is_range(date) and event.start_date <= date.start_date <= event.end_date


def _may_open_event(doc: Document, mention: EventMention, date: DateMention | None,
                    undated_article: bool) -> bool:
    """A mention without a name of its own opens an event only with a date
    (专题座谈会 on 4月9日); in an article with no date at all, with a named
    place or organisation in its sentence."""
    if mention.trigger in T.SIGNING_EVENTS:
        return False  # 项目签约仪式: the signings are reported one by one
    dated = date is not None and date.start_date is not None
    if mention.kind == "founding":
        return dated  # a founding is told with its date
    if mention.kind in ("alliance", "agreement"):
        return True
    if mention.anchor and mention.kind in ("forum", "training"):
        return True  # 推介会期间…召开工作座谈会: dated by the event it sits in
    if mention.kind in ("forum", "training") and any(
            cue in mention.sentence.text[:12] for cue in T.CONTINUATIONS):
        return True  # 在随后召开的座谈会上: dated by the event just told
    if mention.kind == "visit":
        # Undated visits in a dated article are the narrative around the
        # dated ones (探访美的、汇川技术等标杆企业), not visits of their own;
        # 论坛期间…考察了X is dated by the forum.
        return dated or undated_article or bool(mention.anchor)
    return dated or (undated_article and mention.has_context)


def _absorb(event: EventRecord, mention: EventMention, date: DateMention | None) -> None:
    name = mention.title or mention.name
    if name and name not in event.names:
        event.names.append(name)
    if name and (mention.generic or mention.anaphor):
        event.generic_names.add(name)
    if mention.kind == "visit" and mention.title.startswith(mention.trigger) and (
            not event.preferred_name or mention.trigger in T.VISIT_WORDS):
        event.preferred_name = name  # 参观了X: the place itself, by a visiting verb
    if not mention.generic:
        event.generic = False
    if mention.ordinal and not event.ordinal:
        event.ordinal = mention.ordinal
    if mention.anchor and not event.anchor:
        event.anchor = mention.anchor
    event.spans.append((mention.start, mention.end))
    if not mention.generic:
        event.name_spans.append((mention.start, mention.end))
    if mention.trigger in T.SIGNING_EVENTS and not mention.generic:
        event.signing_ceremony = True
    if mention.lifecycle and date is not None and date.start_date is not None \
            and not _is_range(date):
        event.lifecycle.setdefault(mention.lifecycle, date)
        _apply_lifecycles([event])
    event.add_sentence(mention.sentence)
    rank = _rank(date)
    if rank > event.date_rank:
        event.start_date = date.start_date
        event.end_date = date.end_date if _is_range(date) else None
        event.precision = date.precision
        event.date_rank = rank


def _is_ceremony(mention: EventMention) -> bool:
    return bool(mention.ceremony) and mention.generic


def _apply_lifecycles(events: list[EventRecord]) -> None:
    """A class that 于9月9日开班 and 9月13日…结业 ran 9/9–9/13."""
    for event in events:
        start, end = event.lifecycle.get("start"), event.lifecycle.get("end")
        if start and end and start.start_date < end.start_date and start.precision == end.precision:
            event.start_date, event.end_date = start.start_date, end.start_date
            event.precision = start.precision
            event.date_rank = _EXPLICIT
        elif start and not event.is_range and event.date_rank <= _EXPLICIT:
            event.start_date, event.end_date = start.start_date, None
            event.precision, event.date_rank = start.precision, _EXPLICIT


def _add_ceremonies(events: list[EventRecord], ceremonies: list[EventMention],
                    owner: dict[int, int]) -> None:
    """开班仪式 / 结业式: a child of its class when it has a day of its own
    (its sentence's, or the class's 开班/结业 day); otherwise part of it."""
    for mention in ceremonies:
        host = _host_before(events, mention.start, kinds=("training",))
        if host is None:
            continue
        parent = events[host]
        own = [d for d in _dates_for(mention) if d.start_date and d.precision == D.DAY]
        date = own[0] if own else parent.lifecycle.get(mention.ceremony)
        if date is not None and date.precision != D.DAY:
            date = None  # a child needs a day of its own
        if date is None and parent.is_range and parent.precision == D.DAY:
            day = parent.start_date if mention.ceremony == "start" else parent.end_date
            date = _DayOf(day)
        if date is None:
            _absorb(parent, mention, None)
            owner[id(mention)] = host
            continue
        child = next((i for i, e in enumerate(events)
                      if e.parent == host and e.ceremony == mention.ceremony), None)
        if child is None:
            events.append(EventRecord(kind=parent.kind, title="", parent=host,
                                      ceremony=mention.ceremony))
            child = len(events) - 1
        _absorb(events[child], mention, date)
        events[child].generic = False
        events[child].preferred_name = events[child].preferred_name or _ceremony_title(parent, mention)
        owner[id(mention)] = child


@dataclass(frozen=True)
class _DayOf:
    """A day taken from the parent's own range (its first or last day)."""

    start_date: dt.date
    end_date: None = None
    precision: str = D.DAY
    form: str = "absolute"


def _ceremony_title(parent: EventRecord, mention: EventMention) -> str:
    base = _best_name(parent)
    return base + mention.trigger if base and not base.endswith(mention.trigger) else mention.trigger


def _host_before(events: list[EventRecord], offset: int, *, kinds) -> int | None:
    """The named event of these kinds mentioned last before an offset."""
    best, best_at = None, -1
    for i, event in enumerate(events):
        if event.kind not in kinds or event.generic or event.parent is not None:
            continue
        before = [s for s, _ in event.spans if s <= offset]
        if before and max(before) > best_at:
            best, best_at = i, max(before)
    return best


# ------------------------------------------------------------------ parents

def _link_parents(events: list[EventRecord], mentions: list[EventMention],
                  owner: dict[int, int]) -> None:
    for i, event in enumerate(events):
        parent = None
        if event.anchor:
            parent = _anchored_parent(events, i, event.anchor)
            if parent is not None and event.date_rank <= _RELATIVE \
                    and events[parent].start_date is not None:
                # 论坛上 … 挂牌成立: the launch happened on the forum's day.
                event.start_date = events[parent].start_date
                event.end_date = None
                event.precision = events[parent].precision
                event.date_rank = _ANCHORED
        if parent is None and event.start_date is not None and not event.is_range:
            parent = _enclosing_range(events, i)
        if parent is not None and parent != i and not _is_ancestor(events, i, parent):
            event.parent = parent


def _anchored_parent(events: list[EventRecord], index: int, anchor: str) -> int | None:
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
        if candidates:
            return candidates[0]
    return None


def _enclosing_range(events: list[EventRecord], index: int) -> int | None:
    day = events[index].start_date
    for j, other in enumerate(events):
        if j != index and other.is_range and other.start_date <= day <= other.end_date:
            return j
    return None


def _is_ancestor(events: list[EventRecord], child: int, candidate: int) -> bool:
    """True when `child` is already an ancestor of `candidate` (no cycles)."""
    seen, current = set(), events[candidate].parent
    while current is not None and current not in seen:
        if current == child:
            return True
        seen.add(current)
        current = events[current].parent
    return False


def _inherit_from_enclosing(events: list[EventRecord], mentions: list[EventMention],
                            owner: dict[int, int], doc: Document) -> None:
    """Agreements and alliances reported, without a date of their own, right
    after a dated forum or training (会上 … 签署; the next paragraphs list the
    signings) happened there: they take its date and become its children."""
    ordered = sorted((m.start, owner[id(m)]) for m in mentions if id(m) in owner)
    for i, event in enumerate(events):
        continuing = event.kind in ("forum", "training") and event.generic and any(
            cue in s.text[:12] for s in event.sentences[:1] for cue in T.CONTINUATIONS)
        if (event.kind not in ("agreement", "alliance") and not continuing) \
                or event.date_rank != _NONE or event.parent is not None or not event.spans:
            continue
        first = min(start for start, _ in event.spans)
        paragraph = doc.sentence_at(first).paragraph if doc.sentence_at(first) else 0
        host = None
        for start, index in ordered:
            if start >= first:
                break
            candidate = events[index]
            sentence = doc.sentence_at(start)
            if (candidate.kind in ("forum", "training", "visit") or candidate.signing_ceremony) \
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
        event.date_rank = _ANCHORED
        event.inherited_date = True


def _mark_collective_agreements(events: list[EventRecord]) -> None:
    """三地共签署合作协议、备忘录7份: a generic mention that sums up signings
    reported one by one is not an event of its own."""
    if any(e.kind == "agreement" and not e.generic for e in events):
        for event in events:
            if event.kind == "agreement" and event.generic:
                event.dropped = True


def _without_dropped(events: list[EventRecord]) -> list[EventRecord]:
    keep = [e for e in events if not e.dropped]
    if len(keep) == len(events):
        return events
    new_index = {id(e): i for i, e in enumerate(keep)}
    for event in keep:
        if event.parent is not None:
            event.parent = new_index.get(id(events[event.parent]))
    return keep


# ------------------------------------------------------------------ details

def main_place(doc: Document, regions: list[RegionMention],
               organisations: list[Organisation], gazetteer: Gazetteer) -> str | None:
    """The city or district an article is about: the most mentioned one,
    outside organisation names, mentioned at least twice."""
    inside = [(m.start, m.end) for o in organisations for m in o.mentions]
    counts: dict[str, int] = {}
    for mention in regions:
        if mention.level not in ("prefecture", "county", "zone"):
            continue
        if any(s <= mention.start and mention.end <= e for s, e in inside):
            continue
        counts[mention.key] = counts.get(mention.key, 0) + 1
    if not counts:
        return None
    key, count = max(counts.items(), key=lambda kv: (kv[1], -_first(regions, kv[0])))
    return key if count >= 2 else None


def _first(regions: list[RegionMention], key: str) -> int:
    return min(m.start for m in regions if m.key == key)


def _finish(event: EventRecord, events: list[EventRecord], doc: Document,
            regions: list[RegionMention], organisations: list[Organisation],
            place: str | None, gazetteer: Gazetteer) -> None:
    event.title = _best_name(event)
    event.summary = event.sentences[0].text if event.sentences else ""
    # Places inside organisation or event names say nothing of where.
    inside_orgs = [(m.start, m.end) for o in organisations for m in o.mentions]
    inside_orgs += [span for other in events for span in other.name_spans]
    sentences = event.sentences if event.kind == "agreement" else event.sentences[:1]
    found: list[RegionMention] = []
    for sentence in sentences:
        places, cued = _locations(doc.text, sentence, regions, inside_orgs)
        found += places
        event.cued_location = event.cued_location or cued
    named = [m for m in regions for s, e in event.spans[:1] if s <= m.start and m.end <= e]
    if event.kind == "visit" and named:
        found = named  # the place visited is where the visit happened
    ordered = sorted(found, key=lambda m: (-_rank_of(m), m.start))
    ordered += sorted((m for m in named if m not in ordered), key=lambda m: (-_rank_of(m), m.start))
    event.region_keys = list(dict.fromkeys(m.key for m in ordered))
    if event.parent is not None and event.anchor and not event.cued_location:
        # Launched 论坛上: where the forum was.
        parent = events[event.parent]
        event.region_keys = list(dict.fromkeys(parent.region_keys[:1] + event.region_keys))
    if event.generic and not event.ordinal and event.kind in ("forum", "training") and event.sentences:
        event.title = _generated_title(event, organisations, doc)
    if not event.region_keys and place and event.kind in ("forum", "training"):
        event.region_keys = [place]
    reasons = []
    if event.generic:
        reasons.append("标题为自动生成")
    if event.date_rank == _NONE:
        reasons.append("日期未知")
    if event.inherited_date:
        reasons.append("日期取自所在活动")
    event.flagged = bool(reasons)
    event.flag_reason = "；".join(reasons)


def _locations(text: str, sentence: Sentence, regions: list[RegionMention],
               inside_orgs: list[tuple[int, int]]) -> tuple[list[RegionMention], bool]:
    """Where the sentence says something happened: places after 在/赴/分赴
    (with the rest of their list), else the places of the sentence that are
    not an organiser or a delegation's home."""
    candidates = [m for m in regions if sentence.start <= m.start < sentence.end
                  and not any(s <= m.start and m.end <= e for s, e in inside_orgs)]
    cued, plain = [], []
    for index, mention in enumerate(candidates):
        if _cued(text, mention, candidates[:index], sentence.start):
            cued.append(mention)
        elif not any(text.startswith(w, mention.end) for w in T.NOT_LOCATION_AFTER):
            plain.append(mention)
    return (cued, True) if cued else (plain, False)


def _cued(text: str, mention: RegionMention, before: list[RegionMention], floor: int) -> bool:
    start = mention.start
    # Walk back over a list of places (上海、苏州、深圳和佛山) to its cue.
    while True:
        head = text[max(floor, start - 2):start]
        if any(head.endswith(cue) for cue in T.LOCATION_CUES):
            return True
        previous = [m for m in before if m.end in (start - 1, start) and
                    (m.end == start or text[m.end] in "、和及与")]
        if not previous:
            return False
        start = previous[-1].start


def _rank_of(mention: RegionMention) -> int:
    from kb.ingest.extract.gazetteer import LEVEL_RANK

    return LEVEL_RANK.get(mention.level, 0)


_CLAUSE_LEAD = re.compile(r"^(?:[^，,]*?[日年月]份?(?:[上下]午|晚)?[，,]|据悉[，,]|其中[，,]|此外[，,]|去年[，,]|今年[，,])+")


def _generated_title(event: EventRecord, organisations: list[Organisation],
                     doc: Document) -> str:
    """A name-less event: where its sentence says it went (赴北京城市副中心
    开展现场教学), the organisation it names before the trigger (…公司…做
    现场教学), or its clause when short (示范区首次组织…高管赴外培训)."""
    name = re.sub(r"^(?:本次|此次|这次|这场|该|本期|本届|这一|上述)", "", event.title)
    sentence = event.sentences[0]
    first = event.spans[0]
    place = re.search(r"(?:赴|到|在)([^，,。；;在赴到]{2,20}?)(?:开展|进行|举行|举办)?$",
                      doc.text[sentence.start:first[0]])
    if place and (event.cued_location or _FACILITY_END.search(place.group(1))):
        return place.group(1) + name
    before = [(m.start, o) for o in organisations for m in o.mentions
              if sentence.start <= m.start and m.end <= first[0]]
    if before:
        return min(before, key=lambda item: item[0])[1].name + name
    clause_start = max(doc.text.rfind(c, sentence.start, first[0]) for c in "，,；;") + 1
    clause = doc.text[max(clause_start, sentence.start):first[1]]
    clause = _CLAUSE_LEAD.sub("", clause).strip()
    if 4 < len(clause) <= 30 and len(clause) > len(name):
        return clause
    return name


_FACILITY_END = re.compile(r"(?:基地|园区|园|馆|中心|公司|集团|科学城|新区|港|村|厂|大学|学院|小镇|新城|副中心)$")


def _best_name(event: EventRecord) -> str:
    """The fullest real name; failing that an ordinal name (首场座谈会) over a
    count (三场企业座谈会)."""
    if event.preferred_name:
        return event.preferred_name
    names = [n for n in event.names if n not in event.generic_names]
    if not names:
        names = [n for n in event.names if T.ORDINAL.search(n)] or event.names
    if not names:
        return ""
    return max(names, key=lambda n: (len(_norm(n)), -event.names.index(n)))


def _series_titles(events: list[EventRecord], place: str | None, gazetteer: Gazetteer,
                   regions: list[RegionMention]) -> None:
    """Name the members of a series (首场/第二场 … 专题座谈会) after the one
    member whose full name the article gives, and put the place in front of
    titles that name no place."""
    prefix = _place_prefix(place, gazetteer)
    place_names = {m.text for m in regions} | {m.name for m in regions}

    def needs_place(title: str) -> bool:
        return bool(prefix) and not any(name in title for name in place_names)

    for kind in ("forum", "training"):
        members = [e for e in events if e.kind == kind and e.ordinal]
        full = [e for e in members if not e.generic and e.ordinal in e.title]
        if len(members) < 2 or not full:
            continue
        template = max(full, key=lambda e: len(e.title))
        for event in members:
            if event is not template and event.generic:
                event.title = template.title.replace(template.ordinal, event.ordinal, 1)
        for event in members:
            if needs_place(event.title):
                event.title = prefix + event.title
    for event in events:
        if event.generic and event.kind in ("forum", "training") and needs_place(event.title) \
                and not event.ordinal:
            event.title = prefix + event.title


def _place_prefix(key: str | None, gazetteer: Gazetteer) -> str:
    place = gazetteer.get(key)
    if place is None:
        return ""
    short = [a for a in place.aliases if place.name.startswith(a) and 2 <= len(a) < len(place.name)]
    return min(short, key=len) if short else place.name


# ------------------------------------------------------------------ roles

def _scopes(events: list[EventRecord], mentions: list[EventMention],
            owner: dict[int, int], doc: Document) -> list[tuple[int, int, int]]:
    """(start, end, event index): each mention's event covers the text from
    its sentence to the next mention of another event."""
    points = sorted((m.sentence.start, owner[id(m)]) for m in mentions if id(m) in owner)
    # From the right: where the next point of another event starts.
    ends = [len(doc.text)] * len(points)
    for k in range(len(points) - 2, -1, -1):
        later_start, later_index = points[k + 1]
        ends[k] = later_start if later_index != points[k][1] else ends[k + 1]
    return [(start, end, index) for (start, index), end in zip(points, ends, strict=True)]


def _event_at(scopes, offset: int) -> int | None:
    """The event of the last scope that holds `offset`.  Scopes are sorted
    by start and their ends never decrease (a scope ends at the next point
    of another event, and a later scope before that end is of the same
    event with the same end), so the last scope starting at or before
    `offset` is the one to look at."""
    k = bisect_right(scopes, offset, key=lambda scope: scope[0]) - 1
    if k >= 0 and offset < scopes[k][1]:
        return scopes[k][2]
    return None


def _assign_roles(events, scopes, doc, regions, organisations, people, quotes) -> None:
    text = doc.text
    org_mentions = sorted(((m.start, m.end, o) for o in organisations for m in o.mentions),
                          key=lambda t: t[0])
    person_mentions = sorted(((m.start, m.end, p) for p in people for m in p.mentions),
                             key=lambda t: t[0])
    for sentence in doc.sentences:
        index = _event_at(scopes, sentence.start)
        if index is None or doc.is_caption(sentence.start, sentence.end):
            continue
        event = events[index]
        start = sentence.start
        for clause_end in _clause_ends(text, sentence):
            clause = text[start:clause_end]
            role = _role_of_clause(clause)
            if role:
                word, value = role
                inside = [(s, e, o) for s, e, o in org_mentions if start <= s and e <= clause_end]
                # 中国产业发展促进会产业创新集群分会 holds 中国产业发展促进会: one party.
                parties = [o for s, e, o in inside
                           if not any(s2 <= s and e <= e2 and (e2 - s2) > (e - s) for s2, e2, _ in inside)]
                parties = list({id(o): o for o in parties}.values())
                for org in parties:
                    _add_role(event, RoleRef("organisation", org.name, value, word))
                if not parties:
                    for mention in regions:
                        if start <= mention.start and mention.end <= clause_end and \
                                mention.level in ("province", "prefecture", "county", "zone"):
                            _add_role(event, RoleRef("organisation", mention.name, value, word,
                                                     region_key=mention.key))
            start = clause_end
        _person_roles(event, sentence, text, person_mentions)
        _subject_organiser(event, sentence, text, org_mentions, regions)
    first_scope: dict[int, int] = {}
    for start, _, index in scopes:
        first_scope.setdefault(index, start)
    for quote in quotes:
        index = _event_at(scopes, quote.start)
        if index is None or not quote.speaker or events[index].kind not in ("forum", "training", "visit"):
            continue
        event = events[index]
        # Someone already placed at another event of the article is quoted
        # about that one (a round-up after a series).
        if any(r.party == "person" and r.name == quote.speaker for other in events for r in other.roles):
            continue
        scope_start = first_scope[index]
        speech = _SPEECH_CONTEXT.search(text, scope_start, quote.start)
        role = "speaker" if event.kind == "forum" and speech else "participant"
        _add_role(event, RoleRef("person", quote.speaker, role, "致辞" if speech else "引语"))


_SPEECH_CONTEXT = re.compile(r"致辞|发言|演讲|讲话|作报告")


def _clause_ends(text: str, sentence: Sentence) -> list[int]:
    ends = [i + 1 for i in range(sentence.start, sentence.end) if text[i] in "，,；;"]
    return ends + [sentence.end]


def _role_of_clause(clause: str) -> tuple[str, str] | None:
    body = clause.rstrip("，,；;。！!")
    for word, role in T.ROLE_WORDS:
        if body.endswith(word) or (word.endswith("单位") and f"作为{word}" in body):
            if word == "支持" and re.search(r"(?:提供|给予|大力|全力)支持$", body):
                return None
            if word == "组织" and not body.startswith("由"):
                return None
            return word, role
    return None


def _person_roles(event, sentence, text, person_mentions) -> None:
    pos = sentence.start
    for word, role in T.PERSON_ROLE_WORDS:
        for match in re.finditer(re.escape(word), text[sentence.start:sentence.end]):
            at = sentence.start + match.start()
            named = [p for s, e, p in person_mentions if pos <= s and e <= at]
            if not named and role == "keynote" and re.search(r"[他她]", text[sentence.start:sentence.end]):
                earlier = [p for s, e, p in person_mentions if e <= sentence.start]
                named = earlier[-1:]
            for person in named:
                _add_role(event, RoleRef("person", person.name, role, word))


def _subject_organiser(event, sentence, text, org_mentions, regions) -> None:
    """长春新区开展/组织/举办 … : the subject organises the event."""
    if sentence not in event.sentences[:1]:
        return
    verb = re.compile(r"(?:开展|组织|举办|主办|召开|发起)")
    for s, e, org in org_mentions:
        if sentence.start <= s < sentence.end and verb.match(text, e):
            _add_role(event, RoleRef("organisation", org.name, "organiser", verb.match(text, e).group()))
    organises = re.compile(r"(?:开展|组织|举办|主办|发起)")
    for index, mention in enumerate(regions):
        if sentence.start <= mention.start < sentence.end and organises.match(text, mention.end) \
                and mention.level in ("prefecture", "county", "zone") \
                and not _cued(text, mention, regions[:index], sentence.start):
            _add_role(event, RoleRef("organisation", mention.name, "organiser",
                                     organises.match(text, mention.end).group(), region_key=mention.key))


def _add_role(event: EventRecord, role: RoleRef) -> None:
    for existing in event.roles:
        if existing.party == role.party and existing.name == role.name:
            if existing.role == role.role:
                return
            if existing.role == "speaker" and role.role in ("chair", "keynote"):
                existing.role, existing.role_original = role.role, role.role_original
                return
            if role.role == "speaker":
                return
    event.roles.append(role)


def _organiser_places(events: list[EventRecord]) -> None:
    """由松江区和合肥市联合主办: a place whose government organises the event
    is where it is held, unless the text says where."""
    for event in events:
        places = [r.region_key for r in event.roles if r.region_key and r.role in ("organiser", "host")]
        if places and not event.cued_location:
            event.region_keys = list(dict.fromkeys(places + event.region_keys))


def _participants(events, scopes, doc) -> None:
    """A count of people in the event's sentences or in the rest of the
    paragraph that introduces it."""
    scopes_of: dict[int, list[tuple[int, int]]] = {}
    for start, end, owner in scopes:
        scopes_of.setdefault(owner, []).append((start, end))
    for index, event in enumerate(events):
        sentences = itertools.chain(event.sentences,
                                    _scope_sentences(doc, scopes_of.get(index, [])))
        for sentence in sentences:
            match = T.PARTICIPANTS.search(doc.text, sentence.start, sentence.end)
            if match:
                event.participants = int(match.group(2))
                event.participants_approximate = bool(match.group(3)) or \
                    match.group(1) in ("约", "近", "超过", "逾")
                break


def _scope_sentences(doc: Document, scopes: list[tuple[int, int]]) -> Iterator[Sentence]:
    """The sentences of an event's scopes (sorted by start) that lie in the
    paragraph each scope starts in, each once: a sentence read for one scope
    is not read again for the next (scopes of one event that overlap would
    otherwise make a long paragraph quadratic)."""
    starts = [s.start for s in doc.sentences]
    done = 0  # sentences before this index were given already
    for start, end in scopes:
        first = doc.sentence_at(start)
        if first is None:
            continue
        k = max(bisect_left(starts, start), done)
        stop = bisect_left(starts, end)
        while k < stop and doc.sentences[k].paragraph == first.paragraph:
            yield doc.sentences[k]
            k += 1
        done = max(done, k)
