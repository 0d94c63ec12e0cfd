"""People in the slots real news gives them beside the title chains that
people.py reads:

1. a list of names after a leadership noun, or continuing a name already
   read: 市领导葛斌、方文、汪强出席; 县长唐守渊,县领导杨小芸、袁振参加会议;
   委员韦敏芳(女)、兰朝军、乔敏(女);
2. a name with its title after it: 习近平总书记关于…, 东莞市政府叶葆华副秘书长
   陪同 (the organisation before the name is the title's);
3. a name that starts a clause and speaks or attends, with no title at all:
   李家超表示, 林郑月娥出席会议 — only a name of the usual shape (a surname
   and one or two given characters that are no word of the lexicon), never a
   place or inside an organisation's name;
4. a name after a title that is no Chinese name: a transcription
   (塔吉克斯坦第一副总理赛义德18日在广西南宁表示).

Each rule needs the slot and the shape together; the surname lexicon alone
would read 高度 or 于是 as names.
"""

from __future__ import annotations

import re

from kb.ingest.extract import lexicon
from kb.ingest.extract.mentions import PersonMention, PositionRef
from kb.ingest.extract.names import name_end, surname_length
from kb.ingest.extract.textscan import SpanSet, WordSet, is_cjk
from kb.ingest.extract.titles import CORES

_SPEECH = WordSet(lexicon.SPEECH_VERBS + ("出席", "致辞", "讲话", "主持", "会见", "陪同", "发言", "宣布",
                                          "担任", "参加", "带领", "率", "率团", "率队", "一行"))
# What may stand right before a name that opens a clause.
_CLAUSE_OPEN = set("，,。；;：:！？!?、\n“”（）()【】 ")
# 市领导, 省领导, 县领导, 校领导: a leadership noun a list of names follows.
_LEADERS = re.compile(r"(?:省|市|县|区|州|旗|镇|乡|校|院|委|局|厅|部|集团|公司)?领导(?:同志)?")
# A note after a name in a list: 韦敏芳(女).
_NOTE = re.compile(r"[(（][男女][)）]")
# Characters of transcribed foreign names (赛义德, 阿斯卡罗夫, 诺罗夫).
_TRANSCRIPTION = frozenset(
    "阿艾安昂奥巴拜班邦贝本比彼宾波伯布查达戴丹德迪丁东杜多厄恩法菲费芬弗福盖甘格古哈海汉赫亨胡华霍"
    "基吉加贾杰金卡凯坎康科克库夸奎拉莱兰朗劳勒雷里利莉林琳卢鲁伦罗洛马玛迈曼梅门米明莫穆纳娜纳内尼"
    "诺帕潘佩皮普奇乔琼萨塞赛桑森沙舍什斯苏索塔泰坦特提图托瓦万威韦维温沃乌西希谢辛休雅亚扬耶伊因尤"
    "约扎泽詹佐夫尔姆娃耶丽莎兹义"
)
_TITLE_FOLLOWERS = WordSet(("关于", "在", "指出", "强调", "的", "重要", "对", "等", "陪同", "出席", "主持",
                            "会见", "表示", "致辞", "讲话", "视察", "考察", "调研", "参加", "和", "与", "于", "亲自",
                            "见证", "(", "（", "，", "。", "、", ","))
_MODIFIED_TITLE = re.compile(r"(?:副|常务副|执行|名誉|首席)")
# The end of a verb a name with its title after it may follow (贯彻落实习近平
# 总书记…, 是习近平总书记…).
_VERB_ENDS = set("实彻习照据是在以由向和与及对给将请经")


def find_slotted(text: str, found: list[PersonMention], *, blocked: SpanSet, is_place,
                 org_ends: dict) -> list[PersonMention]:
    """Names in the slots above that `found` (the title-chain names) misses."""
    taken = SpanSet([(m.start, m.end) for m in found])
    out: list[PersonMention] = []

    def free(start: int, end: int) -> bool:
        return not (taken.overlaps(start, end) or blocked.overlaps(start, end) or is_place(start, end)
                    or any(s < end and start < e for s, e in ((m.start, m.end) for m in out)))

    def add(mention: PersonMention) -> None:
        out.append(mention)

    for mention in _lists(text, found, free):
        add(mention)
    for mention in _titled_after(text, free, org_ends):
        add(mention)
    for mention in _speaking(text, free):
        add(mention)
    for mention in _transcribed(text, free):
        add(mention)
    # A list may go on after a name this module found (县领导杨小芸、袁振).
    for mention in _lists(text, out, free):
        add(mention)
    return out


# Characters of offices and bodies, never of a given name read without a
# title before it (党委副书记 holds no 党委副, 商会表示 no 商会).
_NOT_GIVEN = frozenset("副委长主总书记部局厅司处办会员理事党市县区省镇乡村院校队组团府协联社企业司")


def _shaped(text: str, pos: int, end: int) -> bool:
    word = text[pos:end]
    return word not in lexicon.NOT_NAMES and word not in lexicon.WORD_NAMES \
        and not any(ch in _NOT_GIVEN for ch in text[pos + surname_length(text, pos):end])


def _name_at(text: str, pos: int) -> int | None:
    end = name_end(text, pos)
    if end is None or not _shaped(text, pos, end):
        return _dotted_in_list(text, pos)
    return end


_DOTTED = re.compile(r"[\u4e00-\u9fff]{2,6}[·•・][\u4e00-\u9fff]{2,6}")


def _dotted_in_list(text: str, pos: int) -> int | None:
    """沙尔合提·阿汗 in a list of names: a name with a middle dot, up to the
    next 、 or the 等 that closes the list."""
    match = _DOTTED.match(text, pos)
    if match is None:
        return None
    dot = next(k for k in range(pos, match.end()) if text[k] in "·•・")
    for end in range(dot + 3, match.end() + 1):
        if end >= len(text) or text[end] in "、，,。等":
            return end if not any(ch in _NOT_GIVEN for ch in text[pos:end]) else None
    return None


def _lists(text: str, anchors, free):
    """Names after 、 that go on from a name, or after a leadership noun."""
    starts = [m.end for m in anchors]
    starts += [m.end() for m in _LEADERS.finditer(text)]
    for pos in sorted(starts):
        at_leader = pos not in {m.end for m in anchors}
        while pos < len(text):
            note = _NOTE.match(text, pos)
            if note:
                pos = note.end()
            if not at_leader:
                if pos >= len(text) or text[pos] != "、":
                    break
                pos += 1
            at_leader = False
            end = _name_at(text, pos)
            if end is None or not free(pos, end):
                break
            after = end + (len(_NOTE.match(text, end).group()) if _NOTE.match(text, end) else 0)
            if after < len(text) and text[after] not in "、，,。等参出陪共在一及和同":
                break
            yield PersonMention(pos, end, text[pos:end], (), chain_start=pos)
            pos = end


def _name_before_title(text: str, pos: int) -> int | None:
    """The end of a name at `pos` that a title core follows (习近平总书记)."""
    surname = surname_length(text, pos)
    if not surname:
        return None
    for given in (2, 1):
        end = pos + surname + given
        if end <= len(text) and all(is_cjk(ch) for ch in text[pos + surname:end]) and _shaped(text, pos, end) \
                and (CORES.starting_at(text, end) or _MODIFIED_TITLE.match(text, end)):
            return end
    return None


def _titled_after(text: str, free, org_ends: dict):
    """习近平总书记关于…, 叶葆华副秘书长陪同: a name, then its title."""
    for i in range(len(text)):
        if i and text[i - 1] not in _CLAUSE_OPEN and i not in org_ends and text[i - 1] not in _VERB_ENDS:
            continue
        end = _name_before_title(text, i)
        if end is None or not free(i, end):
            continue
        core = None
        for length in range(5, 1, -1):
            word = text[end:end + length]
            if word in CORES:
                core = word
                break
        if core is None:
            # 副秘书长: modifiers before the core.
            head = re.match(r"(?:副|常务副|执行|名誉|首席)", text[end:])
            if head and text[end + head.end():end + head.end() + 3] in CORES:
                core = head.group() + text[end + head.end():end + head.end() + 3]
            elif head and text[end + head.end():end + head.end() + 2] in CORES:
                core = head.group() + text[end + head.end():end + head.end() + 2]
        if core is None or _TITLE_FOLLOWERS.starting_at(text, end + len(core)) is None:
            continue
        orgs = org_ends.get(i, []) if i else []
        org = max(orgs, key=lambda m: m.end - m.start).name if orgs else ""
        positions = (PositionRef(core, org),) if org else ()
        yield PersonMention(i, end, text[i:end], positions, chain_start=i, uncertain=not org)


def _speaking(text: str, free):
    """李家超表示…, 林郑月娥出席…: a name opening a clause before a speech or
    attendance verb."""
    for i in range(len(text)):
        if i and text[i - 1] not in _CLAUSE_OPEN:
            continue
        end = _name_at(text, i)
        if end is None or not free(i, end) or end - i < 2:
            continue
        if _SPEECH.starting_at(text, end) is None:
            continue
        yield PersonMention(i, end, text[i:end], (), chain_start=i, uncertain=True)


def _transcribed(text: str, free):
    """A foreign official's name after a title: 第一副总理赛义德18日在…表示."""
    for match in re.finditer(r"(?:总理|总统|副总理|部长|大使|主席|总督|首相|议长|总干事|秘书长)", text):
        start = match.end()
        end = start
        while end < len(text) and text[end] in _TRANSCRIPTION and end - start < 8:
            end += 1
        if end - start < 2 or not free(start, end):
            continue
        rest = text[end:end + 3]
        if not (rest[:1].isdigit() or rest[:1] in "，,。、在表说指强等" or rest.startswith(("表示", "指出"))):
            continue
        yield PersonMention(start, end, text[start:end], (), chain_start=start, uncertain=True)
