"""The date tokens of a text, found in one pass: a number with its unit
(2025年, 六月, 7日), a bare number a range will read, a range dash, a
relative word (今天, 去年, 本月, 日前, 当天) and a 2025-06-07 style date.
The parser in dates.py joins tokens that touch into expressions; keeping
the patterns apart lets each be read (and tested) on its own."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

MIN_YEAR, MAX_YEAR = 1000, 2199  # outside: a count (5000年历史), not a year

_CN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_NUM = "〇○零一二三四五六七八九十廿卅"
_SPACE = r"[ \t\u3000]"
# A range dash.  "——" is the Chinese dash; "―" and "－" come from
# full-width text.
_TO = rf"{_SPACE}{{0,2}}(?:至|到|—{{1,2}}|―|–|－|-|~|～|〜){_SPACE}{{0,2}}"


def _word(word: str, not_after: str = "", not_before: str = "") -> str:
    """`word` unless the character before it is in not_after or the one
    after it in not_before: keeps 因此前往 from reading as 此前."""
    pattern = re.escape(word)
    if not_after:
        pattern = f"(?<![{not_after}])" + pattern
    if not_before:
        pattern += f"(?![{not_before}])"
    return pattern


# Characters that end a word in …明: 说明天然气 is not 明天.
_MING_WORDS = "说表证声标透发阐简光文聪鲜分英精开照查注指申黎清神"
# 年 words: 今年轻人 is not 今年.
_NIAN_WORDS = "轻龄代华纪限鉴薪货画糕兽"
# value: offset in days, months or years (0 for vague and event words)
_RELATIVE = {
    "relday": {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1},
    "relmonth": {"本月": 0, "这个月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1},
    "relyear": {"今年": 0, "去年": -1, "前年": -2, "明年": 1},
    "vague": {"日前": 0, "近日": 0, "近期": 0, "不久前": 0, "此前": 0},
    "event": {"当天": 0, "当日": 0, "同日": 0},
}
_RELATIVE_PATTERNS = {
    "relday": [
        _word("今天", "如至迄"),
        _word("今日", "如至迄"),
        "昨天",
        "昨日",
        _word("前天", "此之以目提事眼面跟空生向日年月", "津然气"),
        _word("明天", _MING_WORDS, "津然气地空堂际"),
        _word("明日", _MING_WORDS),
    ],
    "relmonth": [
        "这个月",
        "上个月",
        "下个月",
        "本月",
        _word("上月", "", "球"),
        _word("下月", "", "球"),
    ],
    "relyear": [
        _word("今年", "", _NIAN_WORDS),
        _word("去年", "", _NIAN_WORDS),
        _word("前年", "0-9〇零一二三四五六七八九十百千几数多年此之以目提", _NIAN_WORDS),
        _word("明年", _MING_WORDS, _NIAN_WORDS),
    ],
    # 日前 after a number or a 日 word is "before the day": 30日前, 节日前.
    "vague": [
        _word("日前", f"0-9{_CN_NUM}节假生周末作期止号旬"),
        _word("近日", "接靠附邻贴将最逼临", "本"),
        _word("近期", "最接靠附"),
        "不久前",
        _word("此前", "因如彼从", "往进来行去提景沿期置列面线夕辈途缀"),
    ],
    "event": [
        _word("当天", "相担充应", "然津"),
        _word("当日", "相担充应"),
        _word("同日", "共协相等连如", "而"),
    ],
}

# Every token starts with one of these: a cheap look-ahead lets the regex
# skip all other characters without trying each alternative (≈ 3× faster).
_FIRST_CHARS = "".join(sorted({w[0] for words in _RELATIVE.values() for w in words}))
_TOKEN = re.compile(
    rf"(?=[\d{_CN_NUM}{_FIRST_CHARS} \t\u3000至到—―–－\-~～〜])(?:"
    + "|".join(
        [
            # 2025-06-07, 2025.6.7, 2025/6/7 (a 4-digit year and the same
            # separator twice, so 1/3 and 10.5 never match)
            r"(?P<iso>(?<![\d.．/:\-])(?P<iso_y>\d{4})(?P<iso_sep>[-./／])"
            r"(?P<iso_m>\d{1,2})(?P=iso_sep)(?P<iso_d>\d{1,2})(?!\d|[.．]\d))",
            *(f"(?P<{kind}>{'|'.join(words)})" for kind, words in _RELATIVE_PATTERNS.items()),
            # A number and its unit.  Without a unit it is a token only when a
            # range dash follows (the 1 of 1—3月, the 15 of 4月15-20日).  A
            # number glued to a digit, a decimal point or a counting word
            # (第, 每, 数, 百 …) is never the start of a date.
            rf"(?P<num>(?<![\d.．{_CN_NUM}百千万亿两几数第每])(?<!每年)(?<!每月)"
            rf"(?:(?P<num_a>\d{{1,4}})|(?P<num_c>[{_CN_NUM}]{{1,4}}))"
            rf"(?P<unit>年(?!代|历史|之久)度?|月(?![龄余])份?|[日号]|(?={_TO}[\d{_CN_NUM}])))",
            rf"(?P<to>{_TO})(?=[\d{_CN_NUM}]|[今去前明]年)",
        ]
    )
    + ")"
)

# A time of day right after a date: 下午, 上午9时, 9时30分, 14:30, 晚.
_CLOCK = r"(?:[01]?\d|2[0-4])[:：][0-5]\d(?:[:：][0-5]\d)?(?!\d)"
_CN_CLOCK = (
    r"(?:\d{1,2}|[零一二三四五六七八九十两]{1,3})[时点](?![间期])"
    r"(?:\d{1,2}分|[零一二三四五六七八九十]{1,3}分|半|整)?许?"
)
_PERIOD = (
    r"(?:凌晨|清晨|早晨|早上|早间|上午|中午|午间|午后|下午|傍晚|晚上|晚间|夜间|夜里|深夜"
    r"|晚(?![会宴报餐霞辈期年点于些])"
    r"|早(?=\d|[零一二三四五六七八九十两][时点]))"
)
TIME = re.compile(rf"{_SPACE}?((?:{_PERIOD}(?:{_CLOCK}|{_CN_CLOCK})?|{_CLOCK}|{_CN_CLOCK}))")

# Between the items of an enumeration: 4月9日、18日和26日.
ENUM_SEP = re.compile(rf"{_SPACE}*(?:、|以及|和|及|与|或){_SPACE}*")

# What may stand before a lead's bare day (23日，…): the start of the text
# or of a line, the end of a sentence, a closing bracket (the dateline's
# credit), or the 电/讯/消息 of a dateline (新华社北京6月7日电 7日，…; 本报讯
# 28日，…).
LEAD_BEFORE = set('\n。！？!?；;）)】]」』”"电讯息')


class Tok(NamedTuple):
    kind: str  # Y M D N to iso relday relmonth relyear vague event
    start: int
    end: int
    value: object  # int (or a date for iso); None when out of range
    text: str


def _cn_small(s: str) -> int | None:
    """一 … 九, 十, 十二, 二十三, 廿三, 卅一 → int; None for anything else."""
    if s[0] in "廿卅":
        tens, rest = (2 if s[0] == "廿" else 3), s[1:]
    elif "十" in s:
        head, _, rest = s.partition("十")
        if len(head) > 1 or (head and _CN_DIGIT.get(head, 0) == 0):
            return None
        tens = _CN_DIGIT[head] if head else 1
    else:
        tens, rest = 0, s
    if len(rest) > 1 or (rest and _CN_DIGIT.get(rest, 0) == 0):
        return None
    value = tens * 10 + (_CN_DIGIT[rest] if rest else 0)
    return value or None


def _number(m: re.Match, as_year: bool) -> int | None:
    if m.group("num_a"):
        return int(m.group("num_a"))  # int() also reads full-width digits
    chars = m.group("num_c")
    if as_year:  # 二〇二五: digit by digit, exactly four
        if len(chars) == 4 and all(c in _CN_DIGIT for c in chars):
            return int("".join(str(_CN_DIGIT[c]) for c in chars))
        return None
    return _cn_small(chars)


def in_range(value: int | None, low: int, high: int) -> int | None:
    return value if value is not None and low <= value <= high else None


def tokens(text: str) -> list[Tok]:
    tokens = []
    for m in _TOKEN.finditer(text):
        kind, start, end = m.lastgroup, m.start(), m.end()
        value: object = 0
        if kind == "num":
            unit = m.group("unit")
            if unit.startswith("年"):
                if m.group("num_a") and len(m.group("num_a")) != 4:
                    continue  # 30年, 300年: a duration
                kind, value = "Y", in_range(_number(m, True), MIN_YEAR, MAX_YEAR)
                if value is None:
                    continue
            elif unit.startswith("月"):
                kind, value = "M", in_range(_number(m, False), 1, 12)
            elif unit:
                kind, value = "D", in_range(_number(m, False), 1, 31)
            else:
                # Read both ways; the range it belongs to says which unit it is.
                kind = "N"
                value = _number(m, as_year=len(m.group()) == 4)
        elif kind == "iso":
            y = int(m.group("iso_y"))
            try:
                value = dt.date(y, int(m.group("iso_m")), int(m.group("iso_d")))
            except ValueError:
                value = None
            if value is not None and not MIN_YEAR <= y <= MAX_YEAR:
                value = None
        elif kind != "to":
            value = _RELATIVE[kind][m.group()]
        tokens.append(Tok(kind, start, end, value, m.group()))
    return tokens
