"""Event titles: the fullest real name an article gives an event; for a
name-less one a title generated from where it went or who held it, flagged;
members of a series named after the one whose full name is given."""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.mentions import Organisation
from kb.ingest.extract.regions import RegionMention


def bare_name(name: str) -> str:
    """A name without quotation marks, dashes, dots and spaces: how two
    spellings of one name compare."""
    return re.sub(r"[“”\"‘’「」《》\s—\-－·]", "", name)


def title_event(event, organisations: list[Organisation], doc: Document) -> None:
    """The event's fullest name; a title generated from its sentence when
    it has no name of its own (the caller flags it)."""
    event.title = best_name(event)
    if event.generic and not event.ordinal and event.kind in ("forum", "training") and event.sentences:
        event.title = _generated_title(event, organisations, doc)
    pointer = _POINTER.match(event.title)
    if pointer and len(event.title) > pointer.end() + 2:
        # 本次项目签约活动, 与珠海企业家座谈会: no name; flagged as made.
        event.title, event.named = event.title[pointer.end():], False
    event.title = _balanced(event.title)
    opening = next((w for w in T.OPENINGS if event.title.endswith(w)), None)
    if opening and event.kind == "training" and event.parent is None and not event.ceremony \
            and len(event.title) - len(opening) >= 4:
        # “海外侨领云南行”开班仪式 told alone: the event is the class it opens.
        event.title = event.title[: -len(opening)].strip("“”「」\"")


# Words pointing back (本次项目签约活动) or the partner of a meeting (与珠海
# 企业家座谈会): no name of the event's own.
_POINTER = re.compile(r"(?:本次|此次|这次|这场|该|本届|本期|上述|与)")
_PAIRS = {"”": "“", "」": "「", "》": "《"}


def _balanced(title: str) -> str:
    """绵阳造”农特产品供销合作协议: a name read from inside its opening
    quotation mark gets the mark back."""
    for close, open_ in _PAIRS.items():
        first_open = title.find(open_)
        if title.count(close) > title.count(open_) and (first_open < 0 or title.find(close) < first_open):
            title = open_ + title
    return title


_CLAUSE_LEAD = re.compile(r"^(?:[^，,]*?[日年月]份?(?:[上下]午|晚)?[，,]|据悉[，,]|其中[，,]|此外[，,]|去年[，,]|今年[，,])+")


def _generated_title(event, organisations: list[Organisation],
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
    if 4 < len(clause) <= 30 and len(clause) > len(name) and not _FRAGMENT_LEAD.match(clause) \
            and not _HOLDING.search(clause):
        return clause
    return name


# A clause that opens with a preposition or a linking verb is part of a
# sentence (以高质量干部教育培训服务…), no title.
_FRAGMENT_LEAD = re.compile(r"(?:以|为|对|把|将|被|通过|围绕|聚焦|在|由|与|和|从|向|并|还|要|是|让|使)")
# 两市联合举办…培训, 代表团来内江考察并出席座谈会: who held or attended it
# and the verb, no title.
_HOLDING = re.compile(r"举办|举行|召开|并(?:出席|参加|召开|举行|签署)|出席|参加")
_FACILITY_END = re.compile(r"(?:基地|园区|园|馆|中心|公司|集团|科学城|新区|港|村|厂|大学|学院|小镇|新城|副中心)$")


def best_name(event) -> str:
    """The fullest real name; failing that an ordinal name (首场座谈会) over a
    count (三场企业座谈会).  A name the text gives (“浙商皖北行”…考察对接)
    wins over a title made from a visit's words (参观了X)."""
    if event.real_names:
        return max(event.real_names, key=lambda n: _fullness(n, event.real_names))
    if event.preferred_name:
        return event.preferred_name
    names = [n for n in event.names if n not in event.generic_names]
    if not names:
        names = [n for n in event.names if T.ORDINAL.search(n)] or event.names
    if not names:
        return ""
    return max(names, key=lambda n: _fullness(n, event.names))


def _fullness(name: str, names: list[str]) -> tuple[int, int, int]:
    # Of two spellings the one with its joining dash is the formal name
    # (中国—中亚合作论坛 over 中国中亚合作论坛); else the first told.
    return len(bare_name(name)), len(re.sub(r"\s", "", name)), -names.index(name)


def title_series(events, place: str | None, gazetteer: Gazetteer,
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
        if len({e.ordinal for e in members}) < 2 or not full:
            continue  # a series has members of different ordinals
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
        elif not event.generic and not event.named and event.kind == "agreement":
            # 战略合作协议 names no agreement: say where it was signed.
            own = _place_prefix(event.region_keys[0], gazetteer) if event.region_keys else prefix
            if own and not any(name in event.title for name in place_names | {own}):
                event.title = own + event.title


def _place_prefix(key: str | None, gazetteer: Gazetteer) -> str:
    place = gazetteer.get(key)
    if place is None:
        return ""
    short = [a for a in place.aliases if place.name.startswith(a) and 2 <= len(a) < len(place.name)]
    return min(short, key=len) if short else place.name
