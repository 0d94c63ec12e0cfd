"""Reading event mentions from text: the mention record, and the helpers
every finder shares (where a name starts when read leftwards from its
trigger, clause bounds, whether a span lies in a quotation, whether a name
is generic).  The finders are one module per kind of event:
event_meetings (forums, trainings), event_signings (agreements),
event_visits, event_foundings (alliances, foundings)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Sentence

CLAUSE_END = "，,；;：:。！？!?"
_OPENING_QUOTES = {"”": "“", "\"": "\"", "’": "‘", "」": "「", "』": "『", "》": "《"}
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
    trip: bool = False  # a group's trip (代表团赴X考察): news of its own, dated or not
    generated_title: bool = False  # the title is made from the words around, not a name


def inside(start: int, end: int, spans) -> bool:
    return any(s <= start and end <= e for s, e, *_ in spans)


def overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e, *_ in spans)


def name_start(text: str, trigger_start: int, floor: int, *, extra_boundaries=(), stops=()) -> int:
    """Read an event or alliance name leftwards from its trigger word.  A
    name never runs over one of the `stops` (people's names) or over a
    double dash (再次见证一场盛会——第七届…博览会)."""
    boundaries = _by_last_char(T.LEFT_BOUNDARIES + tuple(extra_boundaries))
    if _STUDY.search(text, max(floor, trigger_start - 30), trigger_start):
        # 学习贯彻习近平总书记关于…重要论述培训班: the leader and 关于 belong
        # to the name of a class that studies what he said.
        boundaries = {ch: tuple(w for w in words if w not in ("关于", "贯彻", "落实"))
                      for ch, words in boundaries.items()}
    else:
        floor = max([floor, *(e for s, e, *_ in stops if e <= trigger_start)])
    i = trigger_start
    while i > floor:
        ch = text[i - 1]
        if ch in "—-" and i - 2 >= floor and text[i - 2] == ch:
            if not _PLACE_END.search(text, max(floor, i - 8), i - 2):
                break
            i -= 2  # 台州市——茫崖市对口支援工作联席会: two places joined
            continue
        if ch == "、" and _PLACE_END.search(text, max(floor, i - 8), i - 1) and \
                _PLACE_START.match(text, i, trigger_start):
            i -= 1  # 2023年浙江省、山东省开发区…培训班: places listed in the name
            continue
        if ch in _OPENING_QUOTES:
            j = text.rfind(_OPENING_QUOTES[ch], floor, i - 1)
            if j < 0:
                break
            i = j
            continue
        if ch in ")）":
            # 海南自由贸易港(深圳)投资推介会: a short bracket inside a name;
            # (记者 蒋雪林) before it is a byline.
            j = max(text.rfind("(", floor, i - 1), text.rfind("（", floor, i - 1))
            if j < 0 or i - 1 - j > 8 or j == floor or re.search(r"记者|通讯员|摄", text[j:i]):
                break
            i = j
            continue
        if not T.NAME_CHARS.match(ch):
            break
        if any(text.startswith(word, i - len(word)) and i - len(word) >= floor
               and not _word_inside(text, i - len(word), word)
               and not (word in _JOINERS and (trigger_start - i > 4 or _numbered_before(text, floor, i)))
               for word in boundaries.get(ch, ())):
            break
        i -= 1
    # A day is never part of a name (在2018年4月13日庆祝…大会上): the name
    # starts after it; a year alone may be (2019长江经济带合作论坛).
    days = [m.end() for m in _DAY.finditer(text, i, trigger_start)]
    if days and days[-1] < trigger_start:
        i = days[-1]
    # Fillers like 并/还/再次 stand before a name, never inside it.
    filler = _LEADING_FILLER.match(text, i, trigger_start)
    if filler and filler.end() < trigger_start:
        i = filler.end()
    # A demonstrative opens what it refers to (高度重视本届论坛: 本届论坛).
    back = [m.start() for m in _DEMONSTRATIVE.finditer(text, i, trigger_start)]
    return back[-1] if back and back[-1] > i else i


_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DAY = re.compile(rf"{_NUMERAL}月{_NUMERAL}[日号](?:上午|下午|晚上|晚间|晚)?(?:在|于)?")
_PLACE_END = re.compile(r"[\u4e00-\u9fff]{1,6}[省市县区州]$")
_PLACE_START = re.compile(r"[\u4e00-\u9fff]{1,6}[省市县区州]")
_DEMONSTRATIVE = re.compile(r"本届|本次|此次|这次|这场|本期|该次")
_STUDY = re.compile(r"重要论述|重要讲话|重要指示|重要思想|精神|思想")


@functools.cache
def _by_last_char(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Boundary words by their last character: at each step leftwards only
    the words that can end there are tried."""
    grouped: dict[str, list[str]] = {}
    for word in words:
        if word:
            grouped.setdefault(word[-1], []).append(word)
    return {ch: tuple(group) for ch, group in grouped.items()}


def _numbered_before(text: str, floor: int, at: int) -> bool:
    """第三届川滇黔十市州合作与发展峰会: a 和/与/及 after the ordinal that
    opens a name, in the same clause, is inside the name."""
    return bool(_ORDINAL_OPENING.search(text, max(floor, at - 24), at))


_ORDINAL_OPENING = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]+|首)[届次期](?=[^，。；：,;:!?！？\s]*$)")


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


def classify_name(head: str, trigger: str = "") -> tuple[bool, bool, str]:
    """(generic, anaphor, ordinal) of the words before an event's trigger.

    A head of one or two characters (高层论坛, 希望论坛) or one that opens with
    a count (三场企业座谈会: the series, not one of them) names nothing; but
    two places' abbreviations before a compound trigger do (深港合作会议,
    川渝合作论坛)."""
    ordinal = T.ORDINAL.search(head)
    plain = re.sub(r"[“”\"‘’]", "", head)
    short = len(plain) <= 1 or (len(plain) == 2 and not (len(trigger) >= 4 and _ABBREVIATIONS.fullmatch(plain)))
    # “A”“B”“C”3个专题论坛: the names listed and counted, a series too.
    listed = re.sub(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’", "", head)
    generic = bool(T.GENERIC_NAME.match(head)) or short or bool(COUNT_HEAD.match(plain)) \
        or (listed != head and bool(COUNT_HEAD.match(listed)))
    anaphor = bool(T.ANAPHOR.match(head))
    return generic, anaphor, ordinal.group() if ordinal else ""


# Two one-character abbreviations of places (深港, 川渝, 京津, 沪苏): the
# parties of a meeting's name, not a generic word.
_ABBREVIATIONS = re.compile(r"[京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤琼川蜀贵黔云滇陕秦甘陇青宁新藏蒙桂港澳台深"
                            r"穗杭宁汉蓉榕厦锡常甬温嘉湖绍苏徐连淮扬泰通盐镇]{2}")
COUNT_HEAD = re.compile(r"^[一二三四五六七八九十两几\d]+(?:场|次|期|个|批|轮)")


def clause_bounds(text: str, sentence: Sentence, pos: int) -> tuple[int, int]:
    start = pos
    while start > sentence.start and text[start - 1] not in CLAUSE_END:
        start -= 1
    end = pos
    while end < sentence.end and text[end] not in CLAUSE_END:
        end += 1
    return start, end


def trigger_pattern(words) -> re.Pattern:
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def planned(text: str, sentence: Sentence, start: int, end: int | None = None, *,
            after: int | None = None) -> bool:
    """The clause up to `end` plans (还将/计划/拟/力争 …) rather than reports,
    or its verb right after `after` (the mention's end) does (…博览会即将开幕,
    …将于10月举办).  A plan word inside the mention's own name (…合作行动计划)
    plans nothing."""
    c_start, c_end = clause_bounds(text, sentence, start)
    before = _TITLED.sub("", text[c_start:end or start])  # 《…行动计划》 plans nothing
    return any(word in before for word in T.PLANNED) or \
        bool(_PLANNED_AFTER.match(text, after or end or start, c_end))


_TITLED = re.compile(r"《[^《》]*》|“[^“”]*”")


_PLANNED_AFTER = re.compile(r"(?:也|还|亦)?(?:即将|将于|将在|将要|拟于|计划于|预计于|定于)")


def only_places(start: int, end: int, regions, org_spans) -> bool:
    """True when text[start:end] is made of place or organisation names (and
    list marks) only."""
    if start >= end:
        return False
    covered = set()
    for s, e, *_ in [(m.start, m.end) for m in regions] + list(org_spans):
        if start <= s and e <= end:
            covered.update(range(s, e))
    return len(covered) > 0 and len(covered) >= (end - start) - 1
