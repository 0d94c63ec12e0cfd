"""What makes two reports of one event the same event: its name, without the
words that only say what happened to it.  An alliance 挂牌成立 in one article
and 揭牌成立 in another is one founding; 第七届…论坛 and 第七届…论坛开幕 are
one forum.

Pure Python, shared by the loader (which finds the event another article
already reported) and the Event model (which stores the key, indexed, so that
the lookup is one query).  A title the importer generated names nothing: it
gives no key, and such events are matched only by their exact title and date.
"""

from __future__ import annotations

import re

from kb.chinese import to_simplified
from kb.dates import UNKNOWN

# The flag reason of an event whose title the importer made from its words.
GENERATED_TITLE = "标题为自动生成"

_MARKS = re.compile(r"[\s“”\"'‘’「」『』《》〈〉·•・\-—－–()（）\[\]【】,，、:：]")
_LAUNCH = re.compile(r"(?:正式)?(?:揭牌成立|挂牌成立|宣告成立|发起成立|签约成立|揭牌运营|揭牌|挂牌|成立|启动|组建|发起|"
                     r"发布)(?:仪式|大会)?$")
_HAPPENED = re.compile(r"(?:隆重)?(?:开幕式|闭幕式|开幕|闭幕|举行|召开|举办|开班|结业|启动)$")
_FOUNDED = ("alliance", "founding")
MIN_KEY = 4


def event_name_key(kind: str, title: str, *, generated: bool = False) -> str:
    """The event's name as a key ('' when the title names nothing)."""
    if generated or not title:
        return ""
    name = _MARKS.sub("", to_simplified(title))
    name = (_LAUNCH if kind in _FOUNDED else _HAPPENED).sub("", name)
    return name if len(name) >= MIN_KEY else ""


def same_period(a_start, a_precision: str, b_start, b_precision: str) -> bool:
    """Whether two reports' dates can be one event's: either unknown, or the
    same year (one article may give the day, the other only the month)."""
    if a_start is None or b_start is None or UNKNOWN in (a_precision, b_precision):
        return True
    return a_start.year == b_start.year
