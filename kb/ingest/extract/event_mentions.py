"""Event mentions: where a sentence names or refers to an event.

A mention is a trigger word (论坛, 培训班, 揭牌成立 … 联盟, 签署 … 协议, 参观,
… 成立) with the name read leftwards from it, the dates of its sentence, and
hints for the assembler (an anaphor such as 本次大会, an anchor such as
论坛上 that makes it the child of another event).  The finders live in one
module per kind; event_assembly merges mentions into events.
"""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.dates import DateMention
from kb.ingest.extract.document import Document, Sentence
from kb.ingest.extract.event_foundings import alliances, foundings
from kb.ingest.extract.event_meetings import named_events, talks
from kb.ingest.extract.event_names import EventMention, clause_bounds, planned
from kb.ingest.extract.event_signings import agreements
from kb.ingest.extract.event_visits import delegation_trips, visits
from kb.ingest.extract.mentions import Organisation, Person
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import SpanIndex

__all__ = ["EventMention", "find_event_mentions", "quoted_spans"]


def find_event_mentions(doc: Document, *, dates: list[DateMention],
                        regions: list[RegionMention],
                        organisations: list[Organisation],
                        people: list[Person] = ()) -> list[EventMention]:
    # The finders look inside one sentence: each gets the quotations, the
    # organisation and place mentions and the dates of that sentence only
    # (looked up by position, so a long article costs linear time).
    quote_index = SpanIndex(quoted_spans(doc.text))
    org_index = SpanIndex((m.start, m.end, o) for o in organisations for m in o.mentions)
    region_index = SpanIndex(regions, span=lambda m: (m.start, m.end))
    date_index = SpanIndex(dates, span=lambda d: (d.start, d.end))
    # A person's name ends an event's name read leftwards (福建省省长于伟国
    # 关于…会议的报告 names no 于伟国关于…会议).
    person_index = SpanIndex((m.start, m.end) for p in people for m in p.mentions)
    mentions: list[EventMention] = []
    for sentence in doc.sentences:
        if doc.is_caption(sentence.start, sentence.end) or doc.is_damaged(sentence.start, sentence.end) \
                or _PHOTO.match(doc.text, sentence.start):
            continue  # 图为本届博览会举办地…: a photo's caption in the text
        quotes = quote_index.touching(sentence.start, sentence.end)
        org_spans = org_index.touching(sentence.start, sentence.end)
        places = region_index.touching(sentence.start, sentence.end)
        sentence_dates = date_index.starting_in(sentence.start, sentence.end)
        person_spans = person_index.touching(sentence.start, sentence.end)
        found: list[EventMention] = []
        taken: list[tuple[int, int]] = []
        for finder in (alliances, agreements, delegation_trips, named_events, talks, visits, foundings):
            for mention in finder(doc, sentence, quotes, org_spans, taken, places, person_spans):
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
        found = [m for m in found if explicit or not planned(doc.text, sentence, m.start, m.start, after=m.end)]
        found = [m for m in found if not _statistical(doc.text, sentence, m)]
        mentions.extend(sorted(found, key=lambda m: m.start))
    return mentions


# 图为… describes a picture; a caption marked ▲ states a fact of the report
# (▲6月19日上午,…座谈会现场), often the only place that names the meeting,
# so it is read like any sentence.
_PHOTO = re.compile(r"\s*(?:图为|图片为|上图为|下图为|图:|图：)")


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


def _statistical(text: str, sentence: Sentence, mention: EventMention) -> bool:
    """已累计培训3000余人次, 先后举办培训班12期, 自2007年以来“X论坛”已成功
    举办7届: a sum, not one event."""
    c_start, _ = clause_bounds(text, sentence, mention.start)
    if any(word in text[c_start:mention.end] for word in T.STATISTICAL):
        return True
    _, c_end = clause_bounds(text, sentence, mention.end)
    if mention.generic and _PERSON_TIMES.match(text, mention.end, c_end):
        return True  # 共培训干部人才5899人次: people counted, not a class
    return T.RUNNING_TOTAL.match(text, mention.end, c_end) is not None


_PERSON_TIMES = re.compile(r"[^，,。；;]{0,20}?(?:\d+|[一二三四五六七八九十百千万两]+)(?:余|多)?人次")


def _anchor_before(text: str, sentence: Sentence, mention: EventMention) -> str:
    """论坛上 / 大会现场 before the mention in its sentence: the parent's noun."""
    last = ""
    for match in T.ANCHOR.finditer(text, sentence.start, mention.start):
        if match.end() <= mention.start:
            last = match.group(1)
    return last
