"""Agreements: 签署 … 协议/框架协议/备忘录, one event per agreement named
(and per pair when A、B分别与X、Y签署); a 签约仪式 is one event of its own."""

from __future__ import annotations

import re

from kb.ingest.extract import event_triggers as T
from kb.ingest.extract.document import Sentence
from kb.ingest.extract.event_names import (
    CLAUSE_END,
    COUNT_HEAD,
    EventMention,
    classify_name,
    clause_bounds,
    inside,
    name_start,
    overlaps,
    trigger_pattern,
)

_AGREEMENT_VERB = trigger_pattern(T.AGREEMENT_VERBS)
_AGREEMENT_NOUN = trigger_pattern(T.AGREEMENT_NOUNS)


def agreements(doc, sentence, quotes, org_spans, taken, regions, people=()):
    """签署 … 协议/框架协议/备忘录: one event per agreement named (and per
    pair when A、B分别与X、Y签署); a 签约仪式 is one event of its own."""
    text = doc.text
    found: list[tuple[int, int]] = []

    def taken_here(lo: int, hi: int) -> list[tuple[int, int]]:
        return [(s, e) for s, e in found if lo <= s < hi]

    for verb in _AGREEMENT_VERB.finditer(text, sentence.start, sentence.end):
        if inside(*verb.span(), quotes) or doc.is_damaged(*verb.span()) \
                or (verb.group().endswith("签约") and _SIGNING_NOUN.match(text, verb.end())):
            continue  # 签约仪式, 签约项目: nouns, not the act of signing
        floor = verb.end()
        for noun in _AGREEMENT_NOUN.finditer(text, verb.end(), sentence.end):
            if _AGREEMENT_MODIFIED.match(text, noun.end(), sentence.end) or \
                    text[noun.end(): noun.end() + 1] == "书":
                continue
            # 和/及/、 separate two agreements only after a first one; inside a
            # name they join its words (生态保护和高质量发展…备忘录).
            noun_floor = floor
            start = name_start(text, noun.start(), floor,
                               extra_boundaries=T.AGREEMENT_VERBS) if floor > verb.end() else \
                _agreement_name_start(text, noun.start(), floor)
            floor = noun.end() + 1
            found.append((start, noun.end()))
            books = list(_BOOK.finditer(text, min(start, noun_floor), noun.start()))
            if books and _SUMMARY.fullmatch(text, books[-1].end(), noun.start()):
                # 签署《…行动计划》《…重点合作事项》等协议: the titles are the agreements.
                for book in books:
                    yield EventMention("agreement", book.group(1), book.start(), book.end(), verb.group(),
                                       sentence, title=book.group(1))
                continue
            if _LISTED.search(text, start, noun.start()):
                start = noun.start()  # 签订包括交通、环保等多项…协议: a list of fields, no name
            name = text[start:noun.end()].strip("“”《》")
            if any(c in name for c in CLAUSE_END):
                continue
            head = re.sub(r"[“”《》\"]", "", text[start:noun.start()])
            # 三方合作协议 and 战略合作框架协议 are kinds of agreement; only an
            # empty head or a count (多项, 7份) makes the mention a summary.
            generic = not head or bool(T.GENERIC_NAME.match(head)) or bool(COUNT_HEAD.match(head)) \
                or head in ("多项", "各项", "相关", "有关")
            pairs = _pairs(text, sentence, verb.start(), org_spans)
            for left, right in pairs:
                yield EventMention("agreement", name, start, noun.end(), verb.group(), sentence,
                                   title=f"{left}与{right}签署{name}")
            if pairs:
                continue
            parties = _parties(text, sentence, verb.start(), org_spans, regions) if generic else ""
            title = f"{parties}签署{name}" if parties else (name if not generic else f"签署{name}")
            made_up = bool(parties) or _KIND_ONLY.fullmatch(head) is not None
            yield EventMention("agreement", name, start, noun.end(), verb.group(), sentence,
                               generic=generic and not parties, title=title, generated_title=made_up)
        # 签署《…实施意见》, 签署发布了《…发展共识》: a titled document signed.
        _, c_end = clause_bounds(text, sentence, verb.start())
        for book in _BOOK.finditer(text, verb.end(), c_end):
            if not overlaps(book.start(), book.end(), taken_here(verb.end(), c_end)):
                yield EventMention("agreement", book.group(1), book.start(), book.end(), verb.group(),
                                   sentence, title=book.group(1))
    yield from _batches(doc, sentence, quotes, taken)
    for match in _SIGNING.finditer(text, sentence.start, sentence.end):
        if inside(*match.span(), quotes) or overlaps(*match.span(), taken):
            continue
        start = name_start(text, match.start(), sentence.start)
        name = text[start:match.end()]
        generic, _, _ = classify_name(text[start:match.start()])
        # …市情推介会暨项目签约仪式: a meeting that ends in signings is the meeting.
        kind = "forum" if _MEETING_FIRST.search(name) else "agreement"
        yield EventMention(kind, name, start, match.end(), match.group(), sentence,
                           generic=generic, title=name)


# Words before an agreement noun that list its fields rather than name it.
_LISTED = re.compile(r"^(?:包括|涵盖|涉及|覆盖)|等(?:多|\d+|[一二三四五六七八九十几])[项份个]")


# 现场签约项目28个, 共签约35个重点项目: a batch of projects signed at once,
# reported as one count.
_NUMBER = r"(?:\d+|[一二三四五六七八九十百两]+)"
# The count may follow the projects (签约合作项目共46个) or the fields they
# are in (签约农业、物流等领域的46个项目), or come first (就46个项目签约).
_PROJECTS = r"(?:重点|合作|招商|产业|投资)?项目"
_BATCH = re.compile(
    rf"(?:现场|集中|共|合计)?(?:签约|签下|签订)了?{_PROJECTS}共?(?P<a>{_NUMBER})(?:个|项)"
    rf"|(?:现场|集中|共|合计)?(?:签约|签下|签订)了?(?:[^，。；：,;:!?！？\n]{{1,30}}?的)?"
    rf"(?P<b>{_NUMBER})(?:个|项|批){_PROJECTS}"
    rf"|(?:就|共有|共)(?P<c>{_NUMBER})(?:个|项|批){_PROJECTS}(?:现场|集中|正式|成功)?(?:签约|签订协议)")


def _batches(doc, sentence, quotes, taken):
    """A batch of projects signed, one event titled by its count (the title
    is made, so flagged).  Not a running total (累计签约…)."""
    text = doc.text
    first = None
    for match in _BATCH.finditer(text, sentence.start, sentence.end):
        if first is not None and "其中" in text[first:match.start()]:
            break  # 共签约项目39个,其中…签约项目3个: the parts of the batch told
        first = match.start() if first is None else first
        if inside(*match.span(), quotes) or overlaps(*match.span(), taken) or doc.is_damaged(*match.span()) \
                or any(word in text[max(sentence.start, match.start() - 6):match.start()] for word in T.STATISTICAL):
            continue
        if _at_named_ceremony(doc, sentence, match.start()):
            continue
        group = next(g for g in "abc" if match.group(g))
        words = f"签约项目{match.group(group)}{text[match.end(group)]}"  # 签约项目46个
        yield EventMention("agreement", "", match.start(), match.end(), "签约", sentence,
                           title=words, generated_title=True)


def _at_named_ceremony(doc, sentence, pos: int) -> bool:
    """出席浙商合作项目签约仪式。现场集中签约项目5个: the batch is what the
    named ceremony told just before signed, not an event of its own (a
    ceremony inside a meeting's name, …推介会暨项目签约仪式, is the meeting's)."""
    previous = doc.sentence_at(sentence.start - 1) if sentence.start > 0 else None
    floor = previous.start if previous is not None else sentence.start
    text = doc.text
    for match in _SIGNING.finditer(text, floor, pos):
        start = name_start(text, match.start(), floor)
        generic, _, _ = classify_name(text[start:match.start()])
        if not generic and "暨" not in text[start:match.end()]:
            return True
    return False


def _agreement_name_start(text: str, noun_start: int, floor: int) -> int:
    """The first agreement after its verb starts right after the verb (or a
    quotation mark), whatever 和 its words contain; a title in 《》 starts
    at its bracket, and words before 的 describe it (签署了有效期为5年的…协议)."""
    book = text.find("《", floor, noun_start)
    if book >= 0:
        return book + 1
    start = floor
    while start < noun_start and text[start] in "了“\"":
        start += 1
    of = text.rfind("的", start, noun_start)
    if of >= 0 and "关于" not in text[start:of]:
        start = of + 1
    return start


# Words that say what kind of agreement it is, not which one: 战略合作框架协议
# names no agreement; its title is made from the parties (flagged).
_KIND_ONLY = re.compile(r"(?:战略|合作|框架|全面|深化|友好|结对|帮扶|项目|投资|三方|双方|多方|多项|村企|校地|校企|政企|银企|"
                        r"一揽子|多份|会议|相关|有关|各项|系列|[一二三四五六七八九十两\d]+[份项个])*")
_BOOK = re.compile(r"《([^《》]{4,60})》")
_SUMMARY = re.compile(r"[、和及与]?(?:等|在内的)?[一二三四五六七八九十两多几\d]*[份项个部]?(?:合作)?")
_COLLECTIVE = re.compile(r"\d+家|\d+个|多家|多个|[两三四五六七八九十]+家")
_SIGNING_NOUN = re.compile(r"(?:仪式|活动|项目|金额|额|现场|大会)")
_AGREEMENT_MODIFIED = re.compile("|".join(T.AGREEMENT_MODIFIED))
_SIGNING = re.compile("|".join(T.SIGNING_EVENTS))
_MEETING_FIRST = re.compile("(?:" + "|".join(sorted(T.FORUM_WORDS, key=len, reverse=True)) + ")暨")


def _parties(text: str, sentence: Sentence, verb_start: int, org_spans, regions) -> str:
    """A与B签署…: the clause before the verb when it names the parties, so an
    agreement without a name of its own gets a title that says who signed."""
    c_start, _ = clause_bounds(text, sentence, verb_start)
    # 会上, 随后 … and 围绕/根据/按照 (围绕A与B签订的协议) stand before the parties.
    subject = re.sub(r"^(?:会上|随后|同时|期间|现场|此外|另外|其中|当天|当日|围绕|根据|按照|依据|落实|就)+", "",
                     text[c_start:verb_start])
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
    c_start, _ = clause_bounds(text, sentence, verb_start)
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
