"""Forums and trainings: a trigger noun (论坛, 座谈会, 培训班, 研修班 …) with
the name read around it; and talks held with someone (与X举行座谈)."""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Sentence
from kb.ingest.extract.event_names import (
    EventMention,
    classify_name,
    clause_bounds,
    inside,
    name_start,
    only_places,
    overlaps,
    planned,
    trigger_pattern,
)

_FORUM = trigger_pattern(T.FORUM_WORDS)
_TRAINING = trigger_pattern(T.TRAINING_WORDS)


def named_events(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """Forums and trainings: the trigger word with the name around it.

    A name is read leftwards from its first trigger and runs on to the right
    over further triggers of the same noun phrase (…考察学习培训活动…专题
    培训班开班仪式); a trigger followed by a noun it modifies (培训机制,
    论坛秘书处) is no event."""
    text = doc.text
    pos = sentence.start
    while True:
        hit = _first_trigger(text, pos, sentence.end)
        if hit is None:
            return
        start, end, kind, trigger = hit
        pos = end
        if (inside(start, end, quotes) and not _ends_quoted_name(text, end)) \
                or overlaps(start, end, taken) \
                or doc.is_damaged(start, end) or _not_an_event(text, start, end, sentence):
            continue
        if kind == "training" and inside(start, end, org_spans):
            continue  # 培训中心 in an organisation's name
        end, kind, trigger = _extend_right(text, end, kind, trigger, sentence.end)
        joined = _JOINED_NAME.match(text, end, sentence.end)
        if joined and inside(start, end, quotes):
            end = joined.end()  # “…论坛暨颁奖典礼”: the quoted name goes on
        pos = end
        if _modifies_noun(text, end, sentence.end) or (
                _TIME_AFTER.match(text, end, sentence.end)
                and not _DAY_BEFORE.search(text, clause_bounds(text, sentence, start)[0], start)):
            continue  # 培训机制; 全体会议后,第一个…: a time, not the meeting (but 21日的开营仪式后 is one)
        name_from = name_start(text, start, sentence.start, stops=people)
        name = text[name_from:end]
        generic, anaphor, ordinal = classify_name(text[name_from:start], trigger)
        if not generic and only_places(name_from, start, regions, org_spans):
            generic = True  # 佛山考察学习, 在…平台现场教学: where, not a name
        if generic and planned(text, sentence, name_from):
            continue  # 还将组织企业家赴长三角考察学习: not (yet) an event
        if trigger in T.ACTIVITY_NOUNS:
            if _a_topic(text, sentence, name_from, end):
                continue  # 深化两地干部教育培训, 要珍惜此次培训: a subject, not a class
            # 在如皋市进行乡村振兴现场教学: an activity of the class told
            # around it; it is an event of its own only with its own date.
            generic = generic or not _PROPER.search(text, name_from, start)
        ceremony = "start" if trigger in T.OPENINGS else "end" if trigger in T.CLOSINGS else ""
        if _ALLIANCE_LAUNCH.search(name):
            kind = "alliance"  # 长三角软件人才培养联盟成立大会: the launch itself
        elif _FOUNDING_MEETING.search(name):
            kind = "founding"  # 黑龙江省对俄新产业促进会成立大会: a body founded
        yield EventMention(kind, name, name_from, end, trigger, sentence,
                           generic=generic, anaphor=anaphor, ordinal=ordinal, ceremony=ceremony,
                           lifecycle=_lifecycle(text, end, sentence) if kind == "training" else "")


_TALKS = re.compile(r"与(?P<who>[^，,。；;与]{2,30}?)(?:举行|进行|召开|开展)(?:了)?(?:座谈交流|座谈)(?!会)")


def talks(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """与X举行座谈: a meeting with X, a forum-kind event of its own."""
    text = doc.text
    for match in _TALKS.finditer(text, sentence.start, sentence.end):
        if inside(*match.span(), quotes) or overlaps(*match.span(), taken) or doc.is_damaged(*match.span()):
            continue
        title = f"与{match.group('who')}座谈"
        yield EventMention("forum", title, match.start(), match.end(), "座谈", sentence, title=title)


def _a_topic(text: str, sentence: Sentence, name_from: int, end: int) -> bool:
    """An activity noun (培训, 研修, 现场教学) that is the object of a verb of
    intent or a topic of talks, rather than a class that was held."""
    c_start, c_end = clause_bounds(text, sentence, name_from)
    before = text[c_start:end]
    return bool(T.INTENT.search(before)) or bool(_TOPIC_AFTER.match(text, end, c_end))


# What makes an activity's words a name: a quotation, a year, an ordinal.
_PROPER = re.compile(r"[“「《\"]|\d{4}|第[一二三四五六七八九十\d]+|首[期届次批]")
# 培训工作, 培训合作, 培训等方面: the noun as a field of work.
_TOPIC_AFTER = re.compile(r"(?:等|方面|领域|合作|交流|资源|共同体|的)")


def _ends_quoted_name(text: str, end: int) -> bool:
    """“黔浙青年创业者研学营”在浙江举行, “中蒙俄智库国际论坛2016”: the
    quotation is the event's name (an edition may follow the trigger)."""
    edition = _EDITION.match(text, end)
    end = edition.end() if edition else end
    joined = _JOINED_NAME.match(text, end)  # “…论坛暨颁奖典礼”
    end = joined.end() if joined else end
    return end < len(text) and text[end] in "”」』"


_ALLIANCE_LAUNCH = re.compile(r"(?:联盟|联合体|共同体)(?:成立|揭牌|启动)(?:大会|仪式)$")
_STARTS = re.compile("|".join(T.STARTS))
_ENDS = re.compile("|".join(T.ENDS))


def _lifecycle(text: str, end: int, sentence: Sentence) -> str:
    """研修班于9月9日开班 / …研修班在雄安新区结业: the verb of the clause after
    the name says whether the sentence's date is the start or the end."""
    _, c_end = clause_bounds(text, sentence, end)
    rest = text[end:c_end]
    starts, ends = _STARTS.search(rest), _ENDS.search(rest)
    if starts and (not ends or starts.start() < ends.start()):
        return "start"
    return "end" if ends else ""


def _first_trigger(text: str, pos: int, stop: int):
    best = None
    for kind, pattern in (("training", _TRAINING), ("forum", _FORUM)):
        match = pattern.search(text, pos, stop)
        if match and (best is None or match.start() < best[0]
                      or (match.start() == best[0] and match.end() > best[1])):
            best = (match.start(), match.end(), kind, match.group())
    return best


def _not_an_event(text: str, start: int, end: int, sentence: Sentence) -> bool:
    window_start = max(sentence.start, start - 4)
    return any(word in text[window_start:end + 2] and
               text.find(word, window_start) <= start < text.find(word, window_start) + len(word)
               for word in T.NOT_EVENTS)


def _extend_right(text: str, end: int, kind: str, trigger: str, stop: int):
    """Run on over the rest of the name: further triggers within a short
    stretch of name characters, and 活动/仪式 right after a trigger."""
    while end < stop:
        cont = _CONTINUATION.match(text, end, stop)
        if cont:
            end = cont.end()
            continue
        # 研修班(第二期), 论坛2016: the edition after the name.
        edition = _EDITION.match(text, end, stop)
        if edition:
            end = edition.end()
            continue
        # …座谈会暨企业家天心行活动: a second name joined by 暨.
        joined = _JOINED.match(text, end, stop)
        if joined and _first_trigger(text, end, joined.end() - 2) is None:
            end = joined.end()  # (a second event of its own, 暨首期研修班开班仪式, is not joined)
            continue
        j = end
        nxt = None
        while j < stop and j - end <= 16 and T.NAME_CHARS.match(text[j]):
            nxt = _first_trigger(text, j, min(stop, j + 6))
            if nxt and nxt[0] == j:
                break
            nxt = None
            if _RIGHT_BOUNDARY.match(text, j, stop):
                break
            j += 1
        if nxt is None:
            return end, kind, trigger
        _, end, next_kind, next_trigger = nxt
        if next_trigger not in T.CEREMONIES:
            kind = next_kind
        trigger = next_trigger
    return end, kind, trigger


_DAY_BEFORE = re.compile(r"\d{1,2}日|[今昨前]天|当天|当日")
_FOUNDING_MEETING = re.compile(r"(?:促进会|协会|商会|学会|研究会|联合会|研究院|中心)(?:成立大会|成立仪式|揭牌仪式)$")
_JOINED_NAME = re.compile(r"暨[\u4e00-\u9fffA-Za-z0-9]{2,10}(?=[”」』])")
_TIME_AFTER = re.compile(r"(?:后|之后|以后|之前|以前|前夕|结束后|召开后|闭幕后)(?:[,，。；;]|第|不久|的|即)")
_EDITION = re.compile(r"[(（]第[一二三四五六七八九十\d]+[期届次批][)）]|(?:19|20)\d{2}(?!\d|年)")
_JOINED = re.compile(r"暨[\u4e00-\u9fffA-Za-z0-9“”·]{2,20}?活动")


def _modifies_noun(text: str, end: int, stop: int) -> bool:
    return bool(_MODIFIED_NOUN.match(text, end, stop))


_CONTINUATION = re.compile("|".join(T.NAME_CONTINUATIONS))
_RIGHT_BOUNDARY = re.compile("|".join(T.RIGHT_BOUNDARIES))
_MODIFIED_NOUN = re.compile("|".join(T.MODIFIED_NOUNS))
