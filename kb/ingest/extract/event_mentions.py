"""Event mentions: where a sentence names or refers to an event.

A mention is a trigger word (论坛, 培训班, 揭牌成立 … 联盟, 签署 … 协议, 参观,
… 成立) with the name read leftwards from it, the dates of its sentence, and
hints for the assembler (an anaphor such as 本次大会, an anchor such as
论坛上 that makes it the child of another event).  events.py merges mentions
into events.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.mentions import Organisation
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import SpanIndex

_EXPLICIT_FORMS = {"absolute", "month_day", "range", "enumeration_item", "year", "month"}
_CLAUSE_END = "，,；;：:。！？!?"
_OPENING_QUOTES = {"”": "“", "\"": "\"", "’": "‘", "」": "「", "』": "『"}
_LEADING_FILLER = re.compile(r"^(?:并|还|也|又|再次|共同|正式|隆重|成功|顺利|特|另|更)+")


@dataclass
class EventMention:
    kind: str
    name: str  # the event's own name as read from the text ('' if none)
    start: int  # span of the name (or of the trigger when there is no name)
    end: int
    trigger: str
    sentence: Sentence
    dates: list[DateMention] = field(default_factory=list)
    generic: bool = False  # 座谈会, 首场座谈会, 本次大会: no name of its own
    anaphor: bool = False  # 本次/此次/这场 …: refers back to an event
    ordinal: str = ""  # 首场, 第二场 …
    anchor: str = ""  # 论坛 in 论坛上: the parent's trigger noun
    place_phrase: str = ""  # visits: the place visited
    organisation: str = ""  # founding: the organisation founded
    title: str = ""  # a ready title for alliances, agreements, visits, foundings
    has_context: bool = False  # its sentence names a place or an organisation
    lifecycle: str = ""  # 'start' (…于9月9日开班) or 'end' (…在雄安新区结业)
    ceremony: str = ""  # 'start' or 'end' for 开班仪式 / 结业式 …
    delegation: str = ""  # “浙商皖北行”考察团: the visiting group's name


def find_event_mentions(doc: Document, *, dates: list[DateMention],
                        regions: list[RegionMention],
                        organisations: list[Organisation]) -> list[EventMention]:
    # The finders look inside one sentence: each gets the quotations, the
    # organisation and place mentions and the dates of that sentence only
    # (looked up by position, so a long article costs linear time).
    quote_index = SpanIndex(quoted_spans(doc.text))
    org_index = SpanIndex((m.start, m.end, o) for o in organisations for m in o.mentions)
    region_index = SpanIndex(regions, span=lambda m: (m.start, m.end))
    date_index = SpanIndex(dates, span=lambda d: (d.start, d.end))
    mentions: list[EventMention] = []
    for sentence in doc.sentences:
        if doc.is_caption(sentence.start, sentence.end) or doc.is_damaged(sentence.start, sentence.end):
            continue
        quotes = quote_index.touching(sentence.start, sentence.end)
        org_spans = org_index.touching(sentence.start, sentence.end)
        places = region_index.touching(sentence.start, sentence.end)
        sentence_dates = date_index.starting_in(sentence.start, sentence.end)
        found: list[EventMention] = []
        taken: list[tuple[int, int]] = []
        for finder in (_alliances, _agreements, _named_events, _talks, _visits, _foundings):
            for mention in finder(doc, sentence, quotes, org_spans, taken, places):
                taken.append((mention.start, mention.end))
                found.append(mention)
        # A plan with its own day (今天上午…还将举办两场平行论坛) is an event.
        explicit = any(d.start_date and d.precision == "day" for d in sentence_dates)
        context = any(sentence.start <= m.start < sentence.end for m in places) or \
            any(sentence.start <= s < sentence.end for s, _, _ in org_spans)
        for mention in found:
            mention.dates = sentence_dates
            mention.anchor = _anchor_before(doc.text, sentence, mention)
            mention.has_context = context
        # A plan (还将组织…考察) is not yet an event, unless it has its date.
        found = [m for m in found if explicit or not _planned(doc.text, sentence, m.start, m.end)]
        found = [m for m in found if not _statistical(doc.text, sentence, m)]
        mentions.extend(sorted(found, key=lambda m: m.start))
    return mentions


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text between paired quotation marks (marks included)."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "“「『":
            stack.append(i)
        elif ch in "”」』" and stack:
            start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
        elif ch == "\n":
            stack.clear()
    return spans


def _inside(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e, *_ in spans)


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e, *_ in spans)


def name_start(text: str, trigger_start: int, floor: int, *, extra_boundaries=()) -> int:
    """Read an event or alliance name leftwards from its trigger word."""
    boundaries = _by_last_char(T.LEFT_BOUNDARIES + tuple(extra_boundaries))
    i = trigger_start
    while i > floor:
        ch = text[i - 1]
        if ch in _OPENING_QUOTES:
            j = text.rfind(_OPENING_QUOTES[ch], floor, i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch in ")）":
            # 海南自由贸易港(深圳)投资推介会: a short bracket inside a name.
            j = max(text.rfind("(", floor, i - 1), text.rfind("（", floor, i - 1))
            if j < 0 or i - 1 - j > 8 or j == floor:
                break
            i = j
            continue
        if not T.NAME_CHARS.match(ch):
            break
        if any(text.startswith(word, i - len(word)) and i - len(word) >= floor
               and not _word_inside(text, i - len(word), word)
               and not (word in _JOINERS and trigger_start - i > 4)
               for word in boundaries.get(ch, ())):
            break
        i -= 1
    # Fillers like 并/还/再次 stand before a name, never inside it.
    filler = _LEADING_FILLER.match(text, i, trigger_start)
    if filler and filler.end() < trigger_start:
        i = filler.end()
    return i


@functools.cache
def _by_last_char(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Boundary words by their last character: at each step leftwards only
    the words that can end there are tried."""
    grouped: dict[str, list[str]] = {}
    for word in words:
        if word:
            grouped.setdefault(word[-1], []).append(word)
    return {ch: tuple(group) for ch, group in grouped.items()}


# 和/与/及 join words inside a long name (黄河流域生态保护和高质量发展论坛)
# and end a short one (深圳和佛山考察学习 reads 佛山考察学习).
_JOINERS = ("和", "与", "及")


def _word_inside(text: str, at: int, word: str) -> bool:
    """自由贸易港 holds 由, 关于 holds 于, 对接大会 starts with 对: a one-character
    boundary inside an ordinary word is no boundary."""
    if len(word) != 1:
        return False
    if text[at:at + 2] in T.UNSPLIT_WORDS:
        return True
    allowed = T.BOUNDARY_EXCEPTIONS.get(word)
    return bool(allowed) and at > 0 and text[at - 1] in allowed


def _classify_name(head: str) -> tuple[bool, bool, str]:
    """(generic, anaphor, ordinal) of the words before an event's trigger.

    A head of one or two characters (高层论坛, 希望论坛) or one that opens with
    a count (三场企业座谈会: the series, not one of them) names nothing."""
    ordinal = T.ORDINAL.search(head)
    plain = re.sub(r"[“”\"‘’]", "", head)
    generic = bool(T.GENERIC_NAME.match(head)) or len(plain) <= 2 or bool(_COUNT_HEAD.match(plain))
    anaphor = bool(T.ANAPHOR.match(head))
    return generic, anaphor, ordinal.group() if ordinal else ""


_COUNT_HEAD = re.compile(r"^[一二三四五六七八九十两几\d]+(?:场|次|期|个|批|轮)")


def _planned(text: str, sentence: Sentence, start: int, end: int | None = None) -> bool:
    """The clause up to the mention plans (还将/计划/拟/力争 …) rather than reports."""
    c_start, _ = _clause_bounds(text, sentence, start)
    return any(word in text[c_start:end or start] for word in T.PLANNED)


def _statistical(text: str, sentence: Sentence, mention: EventMention) -> bool:
    """已累计培训3000余人次, 先后举办培训班12期: a sum, not one event."""
    c_start, _ = _clause_bounds(text, sentence, mention.start)
    return any(word in text[c_start:mention.end] for word in T.STATISTICAL)


def _trigger_pattern(words) -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


_FORUM = _trigger_pattern(T.FORUM_WORDS)
_TRAINING = _trigger_pattern(T.TRAINING_WORDS)
_VISIT = _trigger_pattern(T.VISIT_WORDS)
_ALLIANCE_NOUN = _trigger_pattern(T.ALLIANCE_NOUNS)
_ALLIANCE_VERB = _trigger_pattern(T.ALLIANCE_VERBS)
_AGREEMENT_VERB = _trigger_pattern(T.AGREEMENT_VERBS)
_AGREEMENT_NOUN = _trigger_pattern(T.AGREEMENT_NOUNS)
_FOUNDING_VERB = _trigger_pattern(T.FOUNDING_VERBS)
_NOT_EVENT = _trigger_pattern(T.NOT_EVENTS)


def _clause_bounds(text: str, sentence: Sentence, pos: int) -> tuple[int, int]:
    start = pos
    while start > sentence.start and text[start - 1] not in _CLAUSE_END:
        start -= 1
    end = pos
    while end < sentence.end and text[end] not in _CLAUSE_END:
        end += 1
    return start, end


def _named_events(doc, sentence, quotes, org_spans, taken, regions):
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
        if (_inside(start, end, quotes) and not _ends_quoted_name(text, end)) \
                or _overlaps(start, end, taken) \
                or doc.is_damaged(start, end) or _not_an_event(text, start, end, sentence):
            continue
        if kind == "training" and _inside(start, end, org_spans):
            continue  # 培训中心 in an organisation's name
        end, kind, trigger = _extend_right(text, end, kind, trigger, sentence.end)
        pos = end
        if _modifies_noun(text, end, sentence.end):
            continue
        name_from = name_start(text, start, sentence.start)
        name = text[name_from:end]
        generic, anaphor, ordinal = _classify_name(text[name_from:start])
        if not generic and _only_places(name_from, start, regions, org_spans):
            generic = True  # 佛山考察学习, 在…平台现场教学: where, not a name
        if generic and _planned(text, sentence, name_from):
            continue  # 还将组织企业家赴长三角考察学习: not (yet) an event
        ceremony = "start" if trigger in T.OPENINGS else "end" if trigger in T.CLOSINGS else ""
        if _ALLIANCE_LAUNCH.search(name):
            kind = "alliance"  # 长三角软件人才培养联盟成立大会: the launch itself
        yield EventMention(kind, name, name_from, end, trigger, sentence,
                           generic=generic, anaphor=anaphor, ordinal=ordinal, ceremony=ceremony,
                           lifecycle=_lifecycle(text, end, sentence) if kind == "training" else "")


_TALKS = re.compile(r"与(?P<who>[^，,。；;与]{2,30}?)(?:举行|进行|召开|开展)(?:了)?(?:座谈交流|座谈)(?!会)")


def _talks(doc, sentence, quotes, org_spans, taken, regions):
    """与X举行座谈: a meeting with X, a forum-kind event of its own."""
    text = doc.text
    for match in _TALKS.finditer(text, sentence.start, sentence.end):
        if _inside(*match.span(), quotes) or _overlaps(*match.span(), taken) or doc.is_damaged(*match.span()):
            continue
        title = f"与{match.group('who')}座谈"
        yield EventMention("forum", title, match.start(), match.end(), "座谈", sentence, title=title)


def _ends_quoted_name(text: str, end: int) -> bool:
    """“黔浙青年创业者研学营”在浙江举行: the quotation is the event's name."""
    return end < len(text) and text[end] in "”」』"


def _only_places(start: int, end: int, regions, org_spans) -> bool:
    """True when text[start:end] is made of place or organisation names (and
    list marks) only."""
    if start >= end:
        return False
    covered = set()
    for s, e, *_ in [(m.start, m.end) for m in regions] + list(org_spans):
        if start <= s and e <= end:
            covered.update(range(s, e))
    return len(covered) > 0 and len(covered) >= (end - start) - 1


_ALLIANCE_LAUNCH = re.compile(r"(?:联盟|联合体|共同体)(?:成立|揭牌|启动)(?:大会|仪式)$")
_STARTS = re.compile("|".join(T.STARTS))
_ENDS = re.compile("|".join(T.ENDS))


def _lifecycle(text: str, end: int, sentence: Sentence) -> str:
    """研修班于9月9日开班 / …研修班在雄安新区结业: the verb of the clause after
    the name says whether the sentence's date is the start or the end."""
    _, c_end = _clause_bounds(text, sentence, end)
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


def _modifies_noun(text: str, end: int, stop: int) -> bool:
    return bool(_MODIFIED_NOUN.match(text, end, stop))


_CONTINUATION = re.compile("|".join(T.NAME_CONTINUATIONS))
_RIGHT_BOUNDARY = re.compile("|".join(T.RIGHT_BOUNDARIES))
_MODIFIED_NOUN = re.compile("|".join(T.MODIFIED_NOUNS))


def _alliances(doc, sentence, quotes, org_spans, taken, regions):
    """联盟/创新联合体 with 成立/揭牌/挂牌/发起/发布 in the same clause."""
    text = doc.text
    for noun in _ALLIANCE_NOUN.finditer(text, sentence.start, sentence.end):
        n_start, n_end = noun.span()
        if _inside(n_start, n_end, quotes) and not _is_quoted_name(text, n_end):
            continue
        if doc.is_damaged(n_start, n_end):
            continue
        c_start, c_end = _clause_bounds(text, sentence, n_start)
        phrase_end = n_end + (1 if n_end < len(text) and text[n_end] in "”」" else 0)
        phrase_start = name_start(text, n_start, c_start,
                                  extra_boundaries=T.ALLIANCE_VERBS + ("筹备",))
        aside = _ASIDE.match(text, phrase_end)
        verb_from = aside.end() if aside else phrase_end
        after = _ALLIANCE_VERB_AFTER.match(text, verb_from)
        verb = after.group("verb") if after and not _VERB_AS_NOUN.match(text, after.end()) else None
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
    r"(?:正式|已经|已|于[^，,。]{0,12}?|在[^，,。]{0,20}?)?(?P<verb>"
    + "|".join(sorted(map(re.escape, T.ALLIANCE_VERBS), key=len, reverse=True)) + ")")
# 发起单位, 成立大会: the verb is part of a noun.
_VERB_AS_NOUN = re.compile(r"(?:单位|人|方|者|大会|仪式|以来|之初)")

# (以下简称“联盟”) between a name and its verb.
_ASIDE = re.compile(r"[(（](?:以下简称|下称|简称)[^)）]{0,20}[)）]")


def _is_quoted_name(text: str, noun_end: int) -> bool:
    return noun_end < len(text) and text[noun_end] in "”」"


def _verb_for_title(verb: str) -> str:
    return {"揭牌": "揭牌成立", "挂牌": "挂牌成立"}.get(verb, verb)


def _agreements(doc, sentence, quotes, org_spans, taken, regions):
    """签署 … 协议/框架协议/备忘录: one event per agreement named (and per
    pair when A、B分别与X、Y签署); a 签约仪式 is one event of its own."""
    text = doc.text
    for verb in _AGREEMENT_VERB.finditer(text, sentence.start, sentence.end):
        if _inside(*verb.span(), quotes) or doc.is_damaged(*verb.span()) \
                or (verb.group().endswith("签约") and _SIGNING_NOUN.match(text, verb.end())):
            continue  # 签约仪式, 签约项目: nouns, not the act of signing
        floor = verb.end()
        for noun in _AGREEMENT_NOUN.finditer(text, verb.end(), sentence.end):
            if _AGREEMENT_MODIFIED.match(text, noun.end(), sentence.end) or \
                    text[noun.end(): noun.end() + 1] == "书":
                continue
            # 和/及/、 separate two agreements only after a first one; inside a
            # name they join its words (生态保护和高质量发展…备忘录).
            start = name_start(text, noun.start(), floor,
                               extra_boundaries=T.AGREEMENT_VERBS) if floor > verb.end() else \
                _agreement_name_start(text, noun.start(), floor)
            floor = noun.end() + 1
            name = text[start:noun.end()].strip("“”《》")
            if any(c in name for c in _CLAUSE_END):
                continue
            head = re.sub(r"[“”《》\"]", "", text[start:noun.start()])
            # 三方合作协议 and 战略合作框架协议 are kinds of agreement; only an
            # empty head or a count (多项, 7份) makes the mention a summary.
            generic = not head or bool(T.GENERIC_NAME.match(head)) or bool(_COUNT_HEAD.match(head)) \
                or head in ("多项", "各项", "相关", "有关")
            pairs = _pairs(text, sentence, verb.start(), org_spans)
            for left, right in pairs:
                yield EventMention("agreement", name, start, noun.end(), verb.group(), sentence,
                                   title=f"{left}与{right}签署{name}")
            if pairs:
                continue
            parties = _parties(text, sentence, verb.start(), org_spans, regions) if generic else ""
            title = f"{parties}签署{name}" if parties else (name if not generic else f"签署{name}")
            yield EventMention("agreement", name, start, noun.end(), verb.group(), sentence,
                               generic=generic and not parties, title=title)
    for match in _SIGNING.finditer(text, sentence.start, sentence.end):
        if _inside(*match.span(), quotes) or _overlaps(*match.span(), taken):
            continue
        start = name_start(text, match.start(), sentence.start)
        name = text[start:match.end()]
        generic, _, _ = _classify_name(text[start:match.start()])
        yield EventMention("agreement", name, start, match.end(), match.group(), sentence,
                           generic=generic, title=name)


def _agreement_name_start(text: str, noun_start: int, floor: int) -> int:
    """The first agreement after its verb starts right after the verb (or a
    quotation mark), whatever 和 its words contain."""
    start = floor
    while start < noun_start and text[start] in "了“《\"":
        start += 1
    return start


_COLLECTIVE = re.compile(r"\d+家|\d+个|多家|多个|[两三四五六七八九十]+家")
_SIGNING_NOUN = re.compile(r"(?:仪式|活动|项目|金额|额|现场|大会)")
_AGREEMENT_MODIFIED = re.compile("|".join(T.AGREEMENT_MODIFIED))
_SIGNING = re.compile("|".join(T.SIGNING_EVENTS))


def _parties(text: str, sentence: Sentence, verb_start: int, org_spans, regions) -> str:
    """A与B签署…: the clause before the verb when it names the parties, so an
    agreement without a name of its own gets a title that says who signed."""
    c_start, _ = _clause_bounds(text, sentence, verb_start)
    subject = re.sub(r"^(?:会上|随后|同时|期间|现场|此外|另外|其中|当天|当日)+", "", text[c_start:verb_start])
    subject = subject.strip()
    offset = verb_start - len(subject)
    named = any(offset <= s and e <= verb_start for s, e, _ in org_spans) or \
        any(offset <= m.start and m.end <= verb_start for m in regions)
    if not named or "与" not in subject or len(subject) > 50 or _COLLECTIVE.search(subject):
        return ""  # 共有14家中央企业与…签署合作协议: a sum of signings
    return re.sub(r"(?:还|也|又|共同|正式|分别)+$", "", subject)


def _pairs(text: str, sentence: Sentence, verb_start: int, org_spans) -> list[tuple[str, str]]:
    """分别: 甲与A、B分别签署 gives (甲, A), (甲, B); 甲、乙分别与A、B签署 gives
    (甲, A), (乙, B) — one agreement per pair."""
    c_start, _ = _clause_bounds(text, sentence, verb_start)
    clause = text[c_start:verb_start]
    if "分别" not in clause:
        return []
    with_at = text.rfind("与", c_start, verb_start)
    if with_at < 0:
        return []
    left = [o.name for s, e, o in org_spans if c_start <= s and e <= with_at]
    right = [o.name for s, e, o in org_spans if with_at < s and e <= verb_start]
    left = list(dict.fromkeys(left))
    right = list(dict.fromkeys(right))
    if not left or not right:
        return []
    if len(left) == len(right) and len(left) > 1:
        return list(zip(left, right, strict=True))
    if len(left) == 1:
        return [(left[0], r) for r in right]
    return []


_VISIT_LEAD = re.compile(r"(?:在|赴|到|前往|走进|来到|来)")
# 考察团, 调研组: the visitors, not a visit.
_VISITOR_NOUN = re.compile(r"(?:团|组|报告|人员|线路|路线|者|队)")
_FACILITY = re.compile(r"(?:基地|园区|产业园|园|馆|中心|公司|集团|科学城|港|村|厂|大学|学院|"
                       r"企业|工厂|展厅|实验室|小镇|新城|总部|研究院|研究所|交易所)$")


def _visits(doc, sentence, quotes, org_spans, taken, regions):
    """A visit to a named place: 在X参观调研, 赴X考察 (the place before the
    verb), or 参观了X, 走进X, 首站来到X (the place after it)."""
    text = doc.text
    for match in _VISIT_ANY.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if _overlaps(start, end, taken) or _inside(start, end, quotes) or doc.is_damaged(start, end):
            continue
        verb = match.group()
        if _VISITOR_NOUN.match(text, end):
            continue
        c_start, c_end = _clause_bounds(text, sentence, start)
        obj = _visit_object(text, end, c_end)
        delegation = _delegation(text, sentence, start)
        if obj and _names_a_place(obj[2], obj[0], org_spans, regions):
            place_start, place_end, place = obj
            yield EventMention("visit", place, place_start, place_end, verb, sentence,
                               place_phrase=place, title=f"{delegation}{verb}{place}",
                               delegation=delegation)
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
                or _only_places(lead.end(), lead.end() + len(place), regions, [])
                or place in T.DEICTIC_PLACES):
            continue
        yield EventMention("visit", place, lead.end(), end, verb, sentence,
                           place_phrase=place, title=f"{delegation}{place}{verb}",
                           delegation=delegation)


_VISIT_ANY = re.compile("|".join(sorted(T.VISIT_WORDS + T.VISIT_OBJECT_ONLY, key=len, reverse=True)))
_OBJECT_END = re.compile(r"(?:了解|围绕|与|进行|开展|座谈|交流|调研|学习|考察|参观|听取|实地|深入|，|,|。|；|;)")


_DELEGATION = re.compile(r"(“[^”]{2,16}”)(?:考察团|代表团|调研团|调研组|参访团|访问团)")


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


def _foundings(doc, sentence, quotes, org_spans, taken, regions):
    """An organisation 成立 in a given year (2011年,联影在上海成立; 先进院2019年
    成立), or a named unit set up (2021年,先进院在香港设立分支机构“…创新中心”)."""
    text = doc.text
    for match in _FOUNDING_VERB.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if _overlaps(start, end, taken) or _inside(start, end, quotes) or doc.is_damaged(start, end):
            continue
        c_start, _ = _clause_bounds(text, sentence, start)
        before = [(s, e, o) for s, e, o in org_spans if c_start <= s and e <= start]
        if not before:
            continue
        s, e, org = max(before, key=lambda item: item[1])
        gap = text[e:start]
        if len(gap) > 12 or any(c in gap for c in _CLAUSE_END) or not _FOUNDING_GAP.fullmatch(gap):
            continue
        # The span is the organisation's name: a date between it and 成立
        # (先进院2019年成立) is the founding's date, not part of a name.
        yield EventMention("founding", org.name, s, e, match.group(), sentence,
                           organisation=org.name, title=f"{org.name}成立")
    for match in _SETUP_VERB.finditer(text, sentence.start, sentence.end):
        start, end = match.span()
        if _overlaps(start, end, taken) or _inside(start, end, quotes) or doc.is_damaged(start, end):
            continue
        _, c_end = _clause_bounds(text, sentence, start)
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


def _anchor_before(text: str, sentence: Sentence, mention: EventMention) -> str:
    """论坛上 / 大会现场 before the mention in its sentence: the parent's noun."""
    last = ""
    for match in T.ANCHOR.finditer(text, sentence.start, mention.start):
        if match.end() <= mention.start:
            last = match.group(1)
    return last
