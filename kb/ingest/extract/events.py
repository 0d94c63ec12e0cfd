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
import re
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
    dropped: bool = False

    @property
    def is_range(self) -> bool:
        return self.end_date is not None and self.end_date != self.start_date


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
    body = [m for m in mentions if m.start >= headline]
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
    outside = [d for d in dated if not (mention.start <= d.start and d.end <= mention.end)]
    if outside:
        dated = outside
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
        if mention.sentence in events[i].sentences and (
                not dated or events[i].start_date in (None, date.start_date)) \
                and not (mention.ordinal and events[i].ordinal and mention.ordinal != events[i].ordinal):
            return i
    if mention.kind == "visit" and not dated:
        undated = [i for i in same_kind if events[i].start_date is None]
        if undated:
            return undated[0]  # one trip told in several sentences
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
            if date.form == "relative" and len(same_kind) == 1:
                return same_kind[0]
            return None
        if len(same_kind) == 1:
            return same_kind[0]
        if mention.anaphor:
            named = [i for i in same_kind if not events[i].generic and events[i].parent is None]
            return (named or same_kind)[-1]
        return _DROP  # several candidates and no way to tell which
    name = _norm(mention.title or mention.name)
    for i in same_kind:
        event = events[i]
        if any(_norm(n) == name for n in event.names):
            if _dates_compatible(event, date):
                return i
        elif any(_same_event_names(_norm(n), name) for n in event.names) \
                and _dates_compatible(event, date) and not _sub_event(event, date):
            return i
    return None


def _is_range(date: DateMention) -> bool:
    return date.end_date is not None and date.end_date != date.start_date


def _same_event_names(a: str, b: str) -> bool:
    """Two names of one event: one contains the other, or they share a long
    opening (首期…人才培训班 vs 首期…人才深入学习…培训班)."""
    if a in b or b in a:
        return min(len(a), len(b)) >= 4
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 8


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
    if mention.kind in ("alliance", "agreement", "founding"):
        return True
    if mention.kind == "visit":
        # Undated visits in a dated article are the narrative around the
        # dated ones (探访美的、汇川技术等标杆企业), not visits of their own.
        return dated or undated_article
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
    if mention.sentence not in event.sentences:
        event.sentences.append(mention.sentence)
    rank = _rank(date)
    if rank > event.date_rank:
        event.start_date = date.start_date
        event.end_date = date.end_date if _is_range(date) else None
        event.precision = date.precision
        event.date_rank = rank


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
    candidates = [j for j, e in enumerate(events)
                  if j != index and e.kind in ("forum", "training")
                  and any(anchor in n for n in e.names) and not e.generic]
    if not candidates:
        candidates = [j for j, e in enumerate(events)
                      if j != index and e.kind in ("forum", "training") and not e.generic]
    return candidates[0] if candidates else None


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
        if event.kind not in ("agreement", "alliance") or event.date_rank != _NONE \
                or event.parent is not None or not event.spans:
            continue
        first = min(start for start, _ in event.spans)
        paragraph = doc.sentence_at(first).paragraph if doc.sentence_at(first) else 0
        host = None
        for start, index in ordered:
            if start >= first:
                break
            candidate = events[index]
            sentence = doc.sentence_at(start)
            if candidate.kind in ("forum", "training") and candidate.start_date is not None \
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
    if event.generic and event.kind in ("forum", "training") and event.sentences:
        event.title = _generated_title(event, organisations)
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


def _generated_title(event: EventRecord, organisations: list[Organisation]) -> str:
    """A name-less event: the organisation its sentence names before the
    trigger (…公司…做现场教学), then the trigger phrase without 本次/此次."""
    name = re.sub(r"^(?:本次|此次|这次|这场|该|本期|本届|这一|上述)", "", event.title)
    sentence = event.sentences[0]
    first_span = event.spans[0]
    before = [(m.start, o) for o in organisations for m in o.mentions
              if sentence.start <= m.start and m.end <= first_span[0]]
    if before:
        return min(before, key=lambda item: item[0])[1].name + name
    return name


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
    scopes = []
    for k, (start, index) in enumerate(points):
        end = len(doc.text)
        for later_start, later_index in points[k + 1:]:
            if later_index != index:
                end = later_start
                break
        scopes.append((start, end, index))
    return scopes


def _event_at(scopes, offset: int) -> int | None:
    found = None
    for start, end, index in scopes:
        if start <= offset < end:
            found = index
    return found


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
    for quote in quotes:
        index = _event_at(scopes, quote.start)
        if index is None or not quote.speaker or events[index].kind not in ("forum", "training", "visit"):
            continue
        event = events[index]
        # Someone already placed at another event of the article is quoted
        # about that one (a round-up after a series).
        if any(r.party == "person" and r.name == quote.speaker for other in events for r in other.roles):
            continue
        scope_start = min(start for start, _, i in scopes if i == index)
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
    for index, event in enumerate(events):
        sentences = list(event.sentences)
        for start, end, owner in scopes:
            if owner == index:
                first = doc.sentence_at(start)
                sentences += [s for s in doc.sentences if start <= s.start < end
                              and first is not None and s.paragraph == first.paragraph]
        for sentence in sentences:
            match = T.PARTICIPANTS.search(doc.text, sentence.start, sentence.end)
            if match:
                event.participants = int(match.group(2))
                event.participants_approximate = bool(match.group(3)) or \
                    match.group(1) in ("约", "近", "超过", "逾")
                break
