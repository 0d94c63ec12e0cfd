"""Alliances launched (联盟 … 揭牌成立) and organisations founded (…于2019年
成立, 设立分支机构“…中心”)."""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.event_names import (
    CLAUSE_END,
    EventMention,
    clause_bounds,
    inside,
    name_start,
    overlaps,
    trigger_pattern,
)

_ALLIANCE_NOUN = trigger_pattern(T.ALLIANCE_NOUNS)
_ALLIANCE_VERB = trigger_pattern(T.ALLIANCE_VERBS)
_FOUNDING_VERB = trigger_pattern(T.FOUNDING_VERBS)


def alliances(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """联盟/创新联合体 with 成立/揭牌/挂牌/发起/发布 in the same clause."""
    text = doc.text
    for noun in _ALLIANCE_NOUN.finditer(text, sentence.start, sentence.end):
        n_start, n_end = noun.span()
        if inside(n_start, n_end, quotes) and not _is_quoted_name(text, n_end):
            continue
        if doc.is_damaged(n_start, n_end):
            continue
        c_start, c_end = clause_bounds(text, sentence, n_start)
        phrase_end = n_end + (1 if n_end < len(text) and text[n_end] in "”」" else 0)
        phrase_start = name_start(text, n_start, c_start,
                                  extra_boundaries=T.ALLIANCE_VERBS + ("筹备", "暨"), stops=people)
        aside = _ASIDE.match(text, phrase_end)
        verb_from = aside.end() if aside else phrase_end
        after = _ALLIANCE_VERB_AFTER.match(text, verb_from)
        verb = after.group("verb") if after and not _verb_as_noun(text, after) else None
        if verb is None:
            before = [m for m in _ALLIANCE_VERB.finditer(text, c_start, phrase_start + 1)
                      if m.end() <= phrase_start + 1 and phrase_start - m.end() <= 6]
            verb = before[-1].group() if before else None
        if verb is None:
            continue
        phrase = text[phrase_start:phrase_end].strip("“”「」\"")
        if len(phrase) <= len(noun.group()) or re.match(r"[两三四五六七八九十几多\d]+个", phrase):
            continue  # 成立联盟, 两个省级产业联盟组建: no name, no one event
        yield EventMention("alliance", phrase, phrase_start, phrase_end, verb, sentence,
                           title=f"{phrase}{_verb_for_title(verb)}")


# 联盟在武汉东湖新技术开发区发起成立 / 联盟正式揭牌: the verb after the name.
_ALLIANCE_VERB_AFTER = re.compile(
    r"(?:正式|已经|已|于[^，,。]{0,12}?|在[^，,。]{0,20}?|\d{1,2}月\d{1,2}日|\d{1,2}日|当天|当日|昨天|今天)*"
    r"(?P<verb>"
    + "|".join(sorted(map(re.escape, T.ALLIANCE_VERBS), key=len, reverse=True)) + ")")
# 发起单位, 成立以来: the verb is part of a noun or a time phrase; 成立大会,
# 启动仪式 are the launch itself.
_VERB_AS_NOUN = re.compile(r"(?:单位|人|方|者|大会|仪式|以来|之初)")
_LAUNCH_CEREMONY = re.compile(r"(?:大会|仪式)")


def _verb_as_noun(text: str, after: re.Match) -> bool:
    if after.group("verb") in ("成立", "启动", "揭牌", "挂牌", "揭牌成立", "挂牌成立") \
            and _LAUNCH_CEREMONY.match(text, after.end()):
        return False
    return bool(_VERB_AS_NOUN.match(text, after.end()))

# (以下简称“联盟”) between a name and its verb.
_ASIDE = re.compile(r"[(（](?:以下简称|下称|简称)[^)）]{0,20}[)）]")


def _is_quoted_name(text: str, noun_end: int) -> bool:
    return noun_end < len(text) and text[noun_end] in "”」"


def _verb_for_title(verb: str) -> str:
    return {"揭牌": "揭牌成立", "挂牌": "挂牌成立"}.get(verb, verb)


def foundings(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """An organisation 成立 in a given year (2011年,联影在上海成立; 先进院2019年
    成立), or a named unit set up (2021年,先进院在香港设立分支机构“…创新中心”)."""
    text = doc.text
    for match in _FOUNDING_VERB.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if overlaps(start, end, taken) or inside(start, end, quotes) or doc.is_damaged(start, end):
            continue
        if any(s in (end, end + 1) for s, *_ in taken):
            continue  # 成立「…联合会」: the verb's object is the alliance found before
        c_start, _ = clause_bounds(text, sentence, start)
        before = [(s, e, o) for s, e, o in org_spans if c_start <= s and e <= start]
        if not before:
            continue
        s, e, org = max(before, key=lambda item: item[1])
        gap = text[e:start]
        if len(gap) > 12 or any(c in gap for c in CLAUSE_END) or not _FOUNDING_GAP.fullmatch(gap):
            continue
        # The span is the organisation's name: a date between it and 成立
        # (先进院2019年成立) is the founding's date, not part of a name.
        kind = "alliance" if org.name.endswith(T.ALLIANCE_NOUNS) else "founding"
        yield EventMention(kind, org.name, s, e, match.group(), sentence,
                           organisation=org.name, title=f"{org.name}成立")
    yield from _unveilings(doc, sentence, quotes, org_spans, taken)
    for match in _SETUP_VERB.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if overlaps(start, end, taken) or inside(start, end, quotes) or doc.is_damaged(start, end):
            continue
        _, c_end = clause_bounds(text, sentence, start)
        named = _NAMED_UNIT.match(text, end, c_end)
        if not named:
            continue
        unit = named.group("name")
        yield EventMention("founding", unit, named.start("name"), named.end("name"),
                           match.group(), sentence, organisation=unit, title=f"{unit}成立")


# Between an organisation and 成立: a place, a date, 正式 … but no verb phrase.
_FOUNDING_GAP = re.compile(r"(?:在[\u4e00-\u9fff]{1,6}|于[\u4e00-\u9fff\d年月日]{1,12}|正式|宣告|"
                           r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|[一二三四五六七八九十]+月)*")
_SETUP_VERB = re.compile("|".join(T.SETUP_VERBS))
_NAMED_UNIT = re.compile(r"[^，,。；;“]{0,10}?“(?P<name>[^”]{4,40})”")


# 中山大学粤港澳发展研究院(深圳)揭牌仪式, 两个新载体——A、B正式揭牌,
# 举行“关中平原城市群区域合作办公室”揭牌仪式: a unit unveiled.
_UNVEIL = re.compile(r"(?:正式)?(?:揭牌成立|挂牌成立|揭牌运营|揭牌|挂牌)(?:仪式)?")
_UNIT_END = re.compile(r"(?:研究院|研究所|研究中心|中心|办公室|基地|工作站|联络站|服务站|实验室|学院|分院|"
                       r"平台|商会|协会|分会|学会|促进会|园区|产业园|园|馆|站|所|处|局|公司|集团)$")
_SINCE = re.compile(r"以来|之后|后,|后，|运营以来|至今")
_PLACE_BRACKET = re.compile(r"[(（][\u4e00-\u9fff]{2,6}[)）]")
_PLACE_BRACKET_END = re.compile(r"[(（][\u4e00-\u9fff]{2,6}[)）]$")
_QUOTED_BEFORE = re.compile(r"[“「]([^“”「」]{4,40})[”」]$")


def _unveilings(doc, sentence, quotes, org_spans, taken):
    text = doc.text
    for match in _UNVEIL.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if overlaps(start, end, taken) or inside(start, end, quotes) or doc.is_damaged(start, end) \
                or _SINCE.match(text, end):
            continue  # 揭牌以来: a time, not the unveiling
        c_start, _ = clause_bounds(text, sentence, start)
        units = []
        quoted = _QUOTED_BEFORE.search(text, c_start, start)
        if quoted:
            units.append((quoted.start(1), quoted.end(1), quoted.group(1)))
        else:
            # The organisations listed right before the verb (A、B正式揭牌).
            pos = start
            for s, e, org in sorted(org_spans, key=lambda item: -item[1]):
                between = text[e:pos]
                if c_start <= s and e <= pos and (not between or between in ("、", "和", "及")):
                    units.append((s, e, org.name))
                    pos = s
                elif c_start <= s and e <= pos and _PLACE_BRACKET.fullmatch(between) and pos == start:
                    units.append((s, pos, org.name + between))  # 研究院(深圳)揭牌
                    pos = s
        for s, e, name in units:
            bare = _PLACE_BRACKET_END.sub("", name)
            if not _UNIT_END.search(bare) and not bare.endswith(T.ALLIANCE_NOUNS):
                continue
            kind = "alliance" if name.endswith(T.ALLIANCE_NOUNS) else "founding"
            yield EventMention(kind, name, s, e, match.group(), sentence, organisation=name,
                               title=f"{name}揭牌")
