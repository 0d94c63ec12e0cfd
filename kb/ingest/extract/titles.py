"""Titles and the apposition chains that stand before a person's name.

A chain is one or more segments, each an organisation and a title, or a title
alone that shares the organisation before it, separated by 、 or ，:

    全国政协常委、浙江省政协副主席、民建浙江省委会主委陈小平
    江苏速豹动力科技有限公司董事长、总经理刘超
    腾讯云上海区域总经理朱常鑫        (an organisation without a suffix)

`segment_before` reads one segment backwards from the end of its title; the
organisation extractor uses the "slot" it finds before a title to recognise
organisations that have no suffix, the people extractor builds positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.textscan import (
    CLOSE_BRACKETS,
    OPEN_BRACKETS,
    WordSet,
    dash_joins,
    is_cjk,
    is_name_char,
)

CORES = WordSet(lexicon.TITLE_CORES)
_SUFFIX_LIKE = WordSet(lexicon.ORG_SUFFIXES)
MODIFIERS = WordSet(lexicon.TITLE_MODIFIERS)
LEFT_STOPS = WordSet(lexicon.ORG_LEFT_STOPS)
# A title between an organisation and a name is short and has no function
# words in it: 综合规划处处长, 行政中心总经理, 原三组负责人.
_MAX_TITLE = 14
_NOT_IN_TITLE = frozenset("的了着在是和与及或等也将把被对从向这那其，。、；：,;:“”\"")
_TERM = re.compile(r"第[一二三四五六七八九十百零〇两\d]+届$")
# After 区域/大区 a place belongs to the title: 上海区域总经理.
_PLACE_BEFORE = ("区域", "大区", "地区", "分部", "区")
_MAX_SLOT = 22
# A short name declared after a full one: (以下简称“兰石集团”).
_DECLARATION = re.compile(r"[(（](?:以下|下文)?(?:简称|下称)[为:：]?[“「\"]?[^()（）“”「」\"]{1,16}[”」\"]?[)）]$")


@dataclass(frozen=True)
class Segment:
    start: int  # where the segment begins (its organisation, or its title)
    title_start: int
    title_end: int
    title: str  # without 原/前
    former: bool
    org: object | None = None  # the OrgMention before the title, if any
    slot: tuple[int, int] | None = None  # words before the title that no mention covers
    place_slot: str = ""  # the slot when it is just a place (苏州市 of 苏州市市长)


def title_before_name(text: str, end: int) -> str | None:
    """The title core that ends at `end` where a name may follow: not one
    that goes on into a longer core (董事 of 董事长孙某 is no title before
    长孙某)."""
    core = CORES.ending_at(text, end)
    if core is None:
        return None
    start = end - len(core)
    if any(text[start:end + k] in CORES for k in (1, 2)):
        return None
    return core


def is_role(title: str) -> bool:
    """学生, 创业者, 学员代表: a title that says what a person is, not an
    office (lexicon.ROLE_NOUNS)."""
    return CORES.ending_at(title, len(title)) in lexicon.ROLE_NOUNS


def clean_title(title: str) -> bool:
    return (0 < len(title) <= _MAX_TITLE and CORES.ending_at(title, len(title)) is not None
            and not any(ch in _NOT_IN_TITLE for ch in title))


def title_start(text: str, end: int, region_ends: dict[int, object]) -> int | None:
    """Start of the title that ends at `end`: its core word with the
    modifiers and the place of a regional title before it."""
    core = CORES.ending_at(text, end)
    if core is None:
        return None
    pos = end - len(core)
    last = core
    while pos > 0:
        modifier = MODIFIERS.ending_at(text, pos)
        if modifier:
            pos -= len(modifier)
            last = modifier
            continue
        region = region_ends.get(pos)
        if region is not None and last.endswith(_PLACE_BEFORE):
            pos = region.start
            last = ""
            continue
        break
    return pos


def slot_start(text: str, end: int, blocked_end: int = 0) -> int:
    """Where a name-like run of words before `end` begins: back over name
    characters and bracket groups, to punctuation or a stop word."""
    pos = end
    while pos > blocked_end:
        if end - pos >= _MAX_SLOT:
            return end  # no boundary in reach: no slot rather than half a name
        ch = text[pos - 1]
        if ch in CLOSE_BRACKETS:
            open_at = max(text.rfind(o, max(0, pos - 12), pos - 1) for o in OPEN_BRACKETS)
            if open_at < 0 or open_at < blocked_end:
                break
            pos = open_at
            continue
        if pos >= 3 and dash_joins(text, pos):
            pos -= 1  # 中国—东盟中心: two places joined in one name
            continue
        if not is_name_char(ch):
            break
        stop = LEFT_STOPS.ending_at(text, pos)
        if stop and pos < end and text[pos - 1:pos + 1] not in lexicon.STOP_CHAR_WORDS \
                and not orgnames.inside_department(text, pos - len(stop), pos):
            break
        pos -= 1
    return pos


def _department_start(text: str, ts: int, floor: int) -> int:
    """A short department that is all there is before a title (原三组负责人,
    综合处处长) belongs to the title."""
    s = slot_start(text, ts, floor)
    word = text[s:ts].lstrip("原前")
    if 2 <= len(word) <= 4 and word.endswith(lexicon.DEPARTMENT_ENDINGS) and \
            all(is_cjk(ch) for ch in word) and not _SUFFIX_LIKE.ending_at(word, len(word)):
        return ts - len(word)
    return ts


def term_before(text: str, pos: int) -> int:
    """Start of a 第N届 marker that ends at `pos` (a past term), else pos."""
    match = _TERM.search(text, max(0, pos - 8), pos)
    return match.start() if match else pos


def segment_before(text: str, end: int, org_ends: dict[int, list], region_ends: dict[int, object],
                   floor: int = 0) -> Segment | None:
    """The segment whose title ends at `end` (right before a name or a 、)."""
    core = CORES.ending_at(text, end)
    if core is None:
        return None
    org, ts = _org_before_title(text, end - len(core), end, org_ends, floor)
    if org is not None:
        title = text[ts:end]
        start = org.start
        former = title.startswith(lexicon.FORMER_MARKS)
    else:
        ts = title_start(text, end, region_ends)
        if ts is None or ts < floor:
            return None
        ts = _department_start(text, ts, floor)
        former = ts > 0 and text[ts - 1] in lexicon.FORMER_MARKS
        if former:
            ts -= 1
        title = text[ts:end]
        s = slot_start(text, ts, floor)
        start = s
        slot = (s, ts) if s < ts else None
    if former and title.startswith(lexicon.FORMER_MARKS):
        title = title[1:]
    term = term_before(text, start)
    if term < start:
        former, start = True, term
    if org is not None:
        return Segment(start, ts, end, title, former, org=org)
    region = region_ends.get(ts)
    place = text[slot[0]:ts] if slot and region is not None and region.start == slot[0] else ""
    return Segment(start, ts, end, title, former, slot=slot, place_slot=place)


def _org_before_title(text, core_start, end, org_ends, floor):
    """The organisation mention closest before a title, when all that stands
    between them reads as part of the title (a department, modifiers).  The
    short name an article declares right after the organisation may stand
    between them: 兰州兰石集团有限公司(以下简称“兰石集团”)总经理."""
    for e in range(core_start, max(floor, end - _MAX_TITLE) - 1, -1):
        mentions = org_ends.get(e)
        if not mentions:
            declared = _DECLARATION.search(text, max(0, e - 24), e)
            mentions = org_ends.get(declared.start()) if declared else None
            if not mentions:
                continue
        if not clean_title(text[e:end].lstrip("原前") or text[e:end]):
            return None, e
        outer = min(mentions, key=lambda m: m.start)
        return (outer, e) if outer.start >= floor else (None, e)
    return None, core_start


def chain_separator(text: str, pos: int) -> bool:
    """True when the 、 or ， before `pos` joins two segments of one chain:
    the words before it end in a title."""
    return pos > 1 and text[pos - 1] in "、，," and CORES.ending_at(text, pos - 1) is not None

