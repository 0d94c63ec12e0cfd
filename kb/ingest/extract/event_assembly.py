"""Event assembly: mentions merged into one draft per event, with dates,
parent/child links and lifecycles.

One draft per event, not per sentence: 本次大会 and 大会 are the article's
大会; 4月9日、18日、26日召开专题座谈会 is three symposiums, which later
sentences (4月18日的第二场座谈会) name one by one; a visit dated inside a
study tour's range is the tour's child; an alliance launched 论坛上 is the
forum's child and takes its date.  A draft carries the assembler's working
state; events.py turns the finished drafts into EventRecords.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kb import dates as D
from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.event_consolidation import (
    dated_by_name_year,
    fold_lone_ceremonies,
    merge_preparations,
)
from kb.ingest.extract.event_dates import (
    ANCHORED,
    NONE,
    apply_lifecycles,
    dates_compatible,
    dates_for,
    finer_within,
    is_range,
    overlap,
    rank,
    sub_event,
)
from kb.ingest.extract.event_names import EventMention
from kb.ingest.extract.event_parents import inherit_from_enclosing, link_parents
from kb.ingest.extract.event_record import EventRecord
from kb.ingest.extract.event_titles import bare_name, best_name

_DROP = -1


@dataclass
class Draft(EventRecord):
    """An event while mentions are merged into it: the record's fields and
    the assembler's working state (names read, date rank, anchors …)."""

    name_spans: list[tuple[int, int]] = field(default_factory=list)  # of real names only
    # assembly state
    names: list[str] = field(default_factory=list)
    ordinal: str = ""
    date_rank: int = NONE
    anchor: str = ""
    generic: bool = True
    named: bool = False  # a mention gave it a name (not a title made from its words)
    same_day: bool = False  # dated by 当日/当天/同日: the day of the event before
    real_names: list[str] = field(default_factory=list)  # a visit's names the text gives
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



def assemble(doc: Document, mentions: list[EventMention],
             dates: list[DateMention]) -> tuple[list[Draft], dict[int, int]]:
    """The article's drafts, and which draft each mention went to
    (id(mention) -> index)."""
    events: list[Draft] = []
    owner: dict[int, int] = {}  # id(mention) -> event index
    headline = doc.headline_end
    undated_article = doc.published is None and not any(d.start_date for d in dates)
    # The headline restates an event of the body: it may add a name to one,
    # never open one of its own (松江拓展培训 over a 一点团建 blog post).
    body = [m for m in mentions if m.start >= headline and not _is_ceremony(m)]
    ceremonies = [m for m in mentions if m.start >= headline and _is_ceremony(m)]
    for mention in body + [m for m in mentions if m.start < headline]:
        in_headline = mention.start < headline
        for date in dates_for(mention) or [None]:
            index = _merge_target(events, mention, date)
            if index == _DROP:
                continue
            if index is None:
                may_open = _may_open_event(doc, mention, date, undated_article)
                if in_headline or ((mention.generic or mention.kind == "visit") and not may_open):
                    continue
                events.append(Draft(kind=mention.kind, title=""))
                index = len(events) - 1
            _absorb(events[index], mention, date)
            owner[id(mention)] = index
    apply_lifecycles(events)
    _same_day_as_before(events, dates)
    _add_ceremonies(events, ceremonies, owner)
    link_parents(events)
    inherit_from_enclosing(events, mentions, owner, doc)
    fold_lone_ceremonies(events, owner, doc.text)
    merge_preparations(events, owner)
    dated_by_name_year(events)
    _mark_collective_agreements(events)
    return events, owner


# ------------------------------------------------------------------ merging

def _merge_target(events: list[Draft], mention: EventMention,
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
                    and overlap(events[i], date)
                    and any(mention.trigger in n for n in events[i].names))) \
                and not (mention.ordinal and events[i].ordinal and mention.ordinal != events[i].ordinal) \
                and not _other_name(events[i], mention):
            return i  # 研修班…结业,为期9天的集中研修圆满收官: one class
    if mention.trip and mention.anaphor and dated:
        for i in same_kind:
            event = events[i]
            if event.is_range and event.start_date <= date.start_date <= event.end_date \
                    and not is_range(date):
                # 6月19日,考察团来到涡阳县: a day of the trip already told; a
                # place visited that day (参观了X) may still be a stop of its own.
                return _DROP
    if mention.kind == "visit" and not dated:
        undated = [i for i in same_kind if events[i].start_date is None]
        if undated:
            return undated[0]  # one trip told in several sentences
    if mention.generic and mention.anchor and not mention.anaphor and not any(
            bare_name(n).endswith(mention.trigger) for i in same_kind for n in events[i].names):
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
                  and not is_range(date)]
        # Only the event's own noun (研学营 for “…研学营”), not another
        # activity inside its range (现场教学 during a 培训活动).
        inside = [i for i in inside if any(bare_name(n).endswith(mention.trigger) for n in events[i].names)]
        if inside and _bare(mention):
            return inside[-1]
    if mention.generic:
        if dated:
            same_day = [i for i in same_kind if events[i].start_date == date.start_date
                        and not events[i].is_range and not is_range(date)]
            if same_day:
                return same_day[0]
            same_range = [i for i in same_kind if events[i].start_date == date.start_date
                          and events[i].end_date == date.end_date]
            if same_range:
                return same_range[0]
            if date.form == "relative" and len(same_kind) == 1 \
                    and overlap(events[same_kind[0]], date):
                return same_kind[0]
            if mention.anaphor:
                # 此次高峰论坛是2024年…活动之一: the named forum, if the dates agree.
                named = [i for i in same_kind if not events[i].generic and overlap(events[i], date)]
                if named:
                    return named[-1]
            return None
        if len(same_kind) == 1:
            return same_kind[0]
        if mention.anaphor:
            named = [i for i in same_kind if not events[i].generic and events[i].parent is None]
            return (named or same_kind)[-1]
        return _DROP  # several candidates and no way to tell which
    name = _compared(mention.title or mention.name, mention.kind)
    ceremony = mention.trigger in T.SIGNING_EVENTS
    for i in same_kind:
        event = events[i]
        if mention.kind == "agreement" and event.signing_ceremony != ceremony:
            continue  # the 签约仪式 and the 协议 signed at it are two events
        names = [_compared(n, event.kind) for n in event.names]
        if name in names:
            if dates_compatible(event, date):
                return i
        elif any(_same_event_names(n, name) for n in names) \
                and dates_compatible(event, date) and not sub_event(event, date):
            return i
    return None


_LAUNCH_VERBS = tuple(sorted(T.ALLIANCE_VERBS, key=len, reverse=True))


def _compared(name: str, kind: str) -> str:
    """A name as two mentions of one event compare it: an alliance's title
    without its launch verb (…联盟发起成立 and …联盟揭牌成立 launch one
    alliance)."""
    name = bare_name(name)
    if kind == "alliance":
        verb = next((v for v in _LAUNCH_VERBS if name.endswith(v) and len(name) > len(v) + 2), "")
        name = name[: len(name) - len(verb)]
    return name


def _other_name(event: Draft, mention: EventMention) -> bool:
    """论坛同步举办首届西藏国际传播大会: a meeting numbered in a series of its
    own (首届, 第三届), next to a named event it does not name, is another
    meeting."""
    if mention.generic or event.generic or not mention.ordinal or not (mention.title or mention.name):
        return False
    name = bare_name(mention.title or mention.name)
    return not any(bare_name(n) == name or _same_event_names(bare_name(n), name) for n in event.names)


SAME_DAY = ("当日", "当天", "同日", "当晚")


def _same_day_as_before(events: list[Draft], dates: list[DateMention]) -> None:
    """当日,内蒙古3盟市代表…签署会议备忘录: the day of the last dated event
    told before it, else the last day the text wrote before it (赛义德18日在
    南宁表示…。当日,第七届中国—中亚合作论坛开幕)."""
    for event in events:
        if not event.same_day or event.start_date is not None or not event.spans:
            continue
        first = min(s for s, _ in event.spans)
        told = [e for e in events if e is not event and e.start_date is not None and e.precision == D.DAY
                and e.spans and min(s for s, _ in e.spans) < first]
        if told:
            day = max(told, key=lambda e: min(s for s, _ in e.spans)).start_date
        else:
            written = [d for d in dates if d.end <= first and d.start_date is not None
                       and d.precision == D.DAY and d.end_date is None]
            if not written:
                continue
            day = written[-1].start_date
        event.start_date, event.end_date, event.precision = day, None, D.DAY
        event.date_rank = ANCHORED
        event.inherited_date = True


def _bare(mention: EventMention) -> bool:
    """研学营, 研修班, 本期研修班: the trigger alone or with a demonstrative."""
    return T.ANAPHOR.sub("", mention.name) == mention.trigger


def _same_event_names(a: str, b: str) -> bool:
    """Two names of one event: one contains the other, or they share a long
    stretch (首期…人才培训班 vs 首期…人才深入学习…培训班; 2024年示范区“专精
    特新”…培训班 vs 2024年“专精特新”…培训班) and no different ordinal.  A
    name that refers back (此次湘赣边…交流会) is the one it repeats
    (首届湘赣边…交流会)."""
    for this, other in ((a, b), (b, a)):
        back = T.ANAPHOR.match(this)
        if back and len(this) - back.end() >= 4 and this[back.end():] in other:
            return True
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


def _may_open_event(doc: Document, mention: EventMention, date: DateMention | None,
                    undated_article: bool) -> bool:
    """A mention without a name of its own opens an event only with a date
    (专题座谈会 on 4月9日); in an article with no date at all, with a named
    place or organisation in its sentence."""
    if mention.trigger in T.SIGNING_EVENTS:
        return False  # 项目签约仪式: the signings are reported one by one
    if mention.generic and mention.trigger in T.BARE_MEETINGS:
        return False  # 会议指出, 会议听取了, 大会上: the meeting already told
    dated = date is not None and date.start_date is not None
    if mention.kind == "founding":
        # A founding is told with its date; an unveiling is news of its own.
        return dated or "牌" in mention.trigger
    if mention.kind in ("alliance", "agreement"):
        return True
    if mention.anchor and mention.kind in ("forum", "training"):
        return True  # 推介会期间…召开工作座谈会: dated by the event it sits in
    if mention.kind in ("forum", "training") and any(
            cue in mention.sentence.text[:12] for cue in T.CONTINUATIONS):
        return True  # 在随后召开的座谈会上: dated by the event just told
    if mention.trip:
        return True  # 代表团赴X考察: the trip is the news, dated or not
    if mention.kind == "visit":
        # Undated visits in a dated article are the narrative around the
        # dated ones (探访美的、汇川技术等标杆企业), not visits of their own;
        # 论坛期间…考察了X is dated by the forum.
        return dated or undated_article or bool(mention.anchor)
    return dated or (undated_article and mention.has_context)


def _absorb(event: Draft, mention: EventMention, date: DateMention | None) -> None:
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
        if not mention.generated_title and name and mention.kind == "visit" and name not in event.real_names:
            event.real_names.append(name)
        event.named = event.named or not mention.generated_title
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
            and not is_range(date):
        event.lifecycle.setdefault(mention.lifecycle, date)
        apply_lifecycles([event])
    event.add_sentence(mention.sentence)
    if date is not None and date.start_date is None and date.text.startswith(SAME_DAY):
        event.same_day = True  # 当日…签署: the day of the event told before
    date_rank = rank(date)
    if date_rank > event.date_rank or (date_rank == event.date_rank and finer_within(date, event)):
        event.start_date = date.start_date
        event.end_date = date.end_date if is_range(date) else None
        event.precision = date.precision
        event.date_rank = date_rank


def _is_ceremony(mention: EventMention) -> bool:
    return bool(mention.ceremony) and mention.generic


def _add_ceremonies(events: list[Draft], ceremonies: list[EventMention],
                    owner: dict[int, int]) -> None:
    """开班仪式 / 结业式: a child of its class when it has a day of its own
    (its sentence's, or the class's 开班/结业 day); otherwise part of it."""
    for mention in ceremonies:
        host = _host_before(events, mention.start, kinds=("training",))
        if host is None:
            continue
        parent = events[host]
        own = [d for d in dates_for(mention) if d.start_date and d.precision == D.DAY]
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
            events.append(Draft(kind=parent.kind, title="", parent=host,
                                      ceremony=mention.ceremony))
            child = len(events) - 1
        _absorb(events[child], mention, date)
        events[child].generic = False
        events[child].preferred_name = events[child].preferred_name or _ceremony_title(parent, mention)
        owner[id(mention)] = child


# A year opening a name (2024年…, 2019长江…, 2025·中国…), not a count
# (2000余名企业家).
@dataclass(frozen=True)
class _DayOf:
    """A day taken from the parent's own range (its first or last day)."""

    start_date: dt.date
    end_date: None = None
    precision: str = D.DAY
    form: str = "absolute"


def _ceremony_title(parent: Draft, mention: EventMention) -> str:
    base = best_name(parent)
    return base + mention.trigger if base and not base.endswith(mention.trigger) else mention.trigger


def _host_before(events: list[Draft], offset: int, *, kinds) -> int | None:
    """The named event of these kinds mentioned last before an offset."""
    best, best_at = None, -1
    for i, event in enumerate(events):
        if event.kind not in kinds or event.generic or event.parent is not None:
            continue
        before = [s for s, _ in event.spans if s <= offset]
        if before and max(before) > best_at:
            best, best_at = i, max(before)
    return best


def _mark_collective_agreements(events: list[Draft]) -> None:
    """三地共签署合作协议、备忘录7份: a generic mention that sums up signings
    reported one by one is not an event of its own."""
    if any(e.kind == "agreement" and not e.generic for e in events):
        for event in events:
            if event.kind == "agreement" and event.generic:
                event.dropped = True


def without_dropped(events: list[Draft]) -> list[Draft]:
    keep = [e for e in events if not e.dropped]
    if len(keep) == len(events):
        return events
    new_index = {id(e): i for i, e in enumerate(keep)}
    for event in keep:
        if event.parent is not None:
            event.parent = new_index.get(id(events[event.parent]))
    return keep
