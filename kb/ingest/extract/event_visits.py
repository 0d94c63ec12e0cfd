"""Visits: a delegation's trip (江西省党政代表团来湘考察, 李某率团远赴茫崖市
进行考察, 学习组一行赴中山, 考察团访问广州, 刘某一行还考察了X), and visits
to a named place: 在X参观调研, 赴X考察 (the place before the verb), 参观了X,
走进X, 首站来到X (the place after it)."""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Sentence
from kb.ingest.extract.event_names import (
    EventMention,
    clause_bounds,
    inside,
    only_places,
    overlaps,
    planned,
)

_VISIT_LEAD = re.compile(r"(?:在|赴|到|前往|走进|来到|来)")
# 考察团, 调研组: the visitors, not a visit.
_VISITOR_NOUN = re.compile(r"(?:团|组|报告|人员|线路|路线|者|队)")
_FACILITY = re.compile(r"(?:基地|园区|产业园|园|馆|中心|公司|集团|科学城|港|村|厂|大学|学院|"
                       r"企业|工厂|展厅|实验室|小镇|新城|总部|研究院|研究所|交易所)$")


# Who travels: a group, or someone leading one (率团, 带队), or 一行.
_WHO = r"(?:党政代表团|代表团|考察团|调研团|访问团|参访团|交流团|学习团|调研组|学习组|考察组|工作组|" \
       r"一行|率团|率队|带队|组团)"
_GO = r"(?:远赴|前往|赴|抵达|来到|到|来|走进|访问)"
_ACT = r"(?:考察|调研|访问|学习|参观|交流|对接|洽谈|座谈|开展|进行|出席|参加|推介|招商|慰问)"
# 代表团来湘考察, 一行赴中山，…, 一行还考察了重庆丰都: the place may be a one-
# character abbreviation (湘, 潍) that no gazetteer lookup would accept.
_TRIP = re.compile(
    rf"(?P<who>{_WHO})(?:(?P<gap>[^，,。；;：:“”]{{0,12}}?)(?P<go>{_GO})(?P<place>[^，,。；;：:“”]{{1,14}}?)"
    rf"(?P<act>{_ACT}(?:{_ACT}|指导|考察|工作)?|(?=[，,。；;])|$)"
    rf"|(?:还|先后|随后|又|也)?(?P<verb>(?:考察|调研|参观){{1,2}})了?(?P<object>[^，,。；;：:、“”]{{2,20}}?)"
    rf"(?=[，,。；;：:、“”]|$))"
)
_PURPOSE = re.compile(r"就|围绕|专程|专题")
# Between the group and where it went: its leader's name, 一行, 于X日 … but no
# other verb (率团参加…大会 is a meeting, not a trip).
_GAP_VERB = re.compile(r"参加|出席|召开|举办|举行|签署|会见|审议|开展|进行")


def delegation_trips(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """A group's trip to a place: the news of a visit even when the text
    gives it no date (the trip is what the article reports)."""
    text = doc.text
    for match in _TRIP.finditer(text, sentence.start, sentence.end):
        if _GAP_VERB.search(match["gap"] or "") or inside(*match.span(), quotes) \
                or doc.is_damaged(*match.span()) or planned(text, sentence, match.start(), match.end()):
            continue  # 代表团将赴X考察: a plan, whatever day it is planned for
        if match["go"]:
            place, verb = match["place"], match["act"] or ""
            start, end = match.start("go"), match.end("act") if match["act"] else match.end("place")
            if _GAP_VERB.search(place) or re.search(_GO, place):
                continue
            # 来我市就太忻经济区建设调研: what the visit is about is no place.
            place = _PURPOSE.split(place, 1)[0] or place
        else:
            place, verb = match["object"], match["verb"]
            start, end = match.start("verb"), match.end("object")
        if overlaps(start, end, taken):
            continue
        shown = _without_modifier(place)
        title = f"{shown}{verb}" if verb.startswith(("考察", "调研", "访问", "学习", "参观")) else f"{shown}考察"
        # 6月19日,考察团来到涡阳县: the group told before (a stop of its trip);
        # 河北省党政代表团到天津市: a group of its own.
        back = match.start() == sentence.start or text[match.start() - 1] in "，,。；;：: "
        yield EventMention("visit", place, start, end, verb or match["go"], sentence,
                           place_phrase=place, title=title, trip=True, generated_title=True, anaphor=back)


def visits(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """A visit to a named place: 在X参观调研, 赴X考察 (the place before the
    verb), or 参观了X, 走进X, 首站来到X (the place after it)."""
    text = doc.text
    for match in _VISIT_ANY.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if overlaps(start, end, taken) or inside(start, end, quotes) or doc.is_damaged(start, end):
            continue
        verb = match.group()
        if _VISITOR_NOUN.match(text, end):
            continue
        c_start, c_end = clause_bounds(text, sentence, start)
        obj = _visit_object(text, end, c_end)
        delegation = _delegation(text, sentence, start)
        if obj and _names_a_place(obj[2], obj[0], org_spans, regions):
            place_start, place_end, place = obj
            # 参观我市援建的贵南人民医院: the place, not what is said of it,
            # before the kind of visit (贵南人民医院参观), not a verb phrase.
            shown = _without_modifier(place)
            noun = verb if verb in ("参观", "考察", "调研", "走访") else "考察"
            yield EventMention("visit", place, place_start, place_end, verb, sentence,
                               place_phrase=place, title=f"{delegation}{shown}{noun}",
                               delegation=delegation, generated_title=not delegation)
            continue
        if verb in T.VISIT_OBJECT_ONLY:
            continue
        leads = list(_VISIT_LEAD.finditer(text, c_start, start))
        if not leads:
            continue
        lead = leads[-1]
        place = re.sub(r"(?:进行|开展|展开|实地)+$", "", text[lead.end():start]).strip()
        if not (2 <= len(place) <= 30) or not (
                _names_a_place(place, lead.end(), org_spans, regions)
                or only_places(lead.end(), lead.end() + len(place), regions, [])
                or place in T.DEICTIC_PLACES):
            continue
        yield EventMention("visit", place, lead.end(), end, verb, sentence,
                           place_phrase=place, title=f"{delegation}{place}{verb}",
                           delegation=delegation, generated_title=not delegation)


_VISIT_ANY = re.compile("|".join(sorted(T.VISIT_WORDS + T.VISIT_OBJECT_ONLY, key=len, reverse=True)))
_OBJECT_END = re.compile(r"(?:了解|围绕|与|进行|开展|座谈|交流|调研|学习|考察|参观|听取|实地|深入|，|,|。|；|;)")


_DELEGATION = re.compile(r"(“[^”]{2,16}”)(?:考察团|代表团|调研团|调研组|参访团|访问团)")


def _without_modifier(place: str) -> str:
    """我市援建的贵南人民医院: the place, without what is said of it."""
    head = place.rsplit("的", 1)[-1]
    return head if len(head) >= 2 else place


def _delegation(text: str, sentence: Sentence, verb_start: int) -> str:
    """“浙商皖北行”考察团 before the verb: the name the trip goes by."""
    found = list(_DELEGATION.finditer(text, sentence.start, verb_start))
    return found[-1].group(1) if found else ""


def _visit_object(text: str, verb_end: int, clause_end: int):
    """The place after a visit verb: 参观了松山湖材料实验室和广东生益科技股份有限公司."""
    start = verb_end + (1 if text.startswith("了", verb_end) else 0)
    stop = _OBJECT_END.search(text, start, clause_end)
    end = stop.start() if stop else clause_end
    place = text[start:end].strip()
    if not (2 <= len(place) <= 40):
        return None
    return start, start + len(place), place


def _names_a_place(place: str, offset: int, org_spans, regions) -> bool:
    """A facility (…基地, …产业园), an organisation, or a place name followed
    by a name (上海阿斯利康): somewhere one can visit, not 当地 or 一线."""
    if _FACILITY.search(place):
        return True
    end = offset + len(place)
    if any(offset <= s and e <= end for s, e, _ in org_spans):
        return True
    return any(m.start == offset and m.end + 2 <= end for m in regions)
