"""People named again: a name already introduced (陈金虎表示…), or its
surname with a title or an honorific when one person of the article fits
(郑书记表示, 王总介绍, 蔡博士说).  `ctx` is the people finder's context: the
text, the spans where no name may stand (blocked) and its place test."""

from __future__ import annotations

from collections import defaultdict

from kb.ingest.extract import lexicon
from kb.ingest.extract.mentions import PersonMention
from kb.ingest.extract.names import FOLLOWERS, surname_length
from kb.ingest.extract.textscan import SpanSet, WordSet, is_cjk

_STOPS = WordSet(lexicon.ORG_LEFT_STOPS)


def repeats(ctx, found: list[PersonMention]) -> list[PersonMention]:
    text, out = ctx.text, []
    names = sorted({m.name for m in found}, key=len, reverse=True)
    taken = SpanSet([(m.start, m.end) for m in found])
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not taken.overlaps(start, end) and not ctx.blocked.overlaps(start, end) \
                    and not ctx.is_place(start, end) and _stands_alone(text, start, end):
                out.append(PersonMention(start, end, name, (), chain_start=start))
            start = text.find(name, end)
    return out


_HONORIFICS = ("博士", "先生", "女士", "教授", "院士", "老师")


def addressed_again(ctx, found: list[PersonMention]) -> list[PersonMention]:
    """郑书记表示, 王总告诉记者, 蔡博士说: a person named again by surname and
    title or honorific, when one person of the article has that surname and
    such a title (an honorific fits anyone)."""
    text = ctx.text
    forms: dict[str, set[str]] = defaultdict(set)
    for m in found:
        sl = surname_length(m.name, 0)
        if not sl or m.name[sl:] in _HONORIFICS:
            continue  # 蔡博士 itself, read as a name
        surname = m.name[:sl]
        for honorific in _HONORIFICS:  # 蔡博士, 李先生: whatever titles came before
            forms[surname + honorific].add(m.name)
        for ref in m.positions:
            for core, address in lexicon.ADDRESS_TITLES.items():
                if ref.title.endswith(core):
                    forms[surname + address].add(m.name)
            if len(ref.title) <= 4 and ref.title.endswith(tuple(lexicon.ADDRESS_TITLES)):
                forms[surname + ref.title].add(m.name)  # 王副区长
    unique = {form for form, names in forms.items() if len(names) == 1}
    taken = SpanSet([(m.start, m.end) for m in found if m.name not in unique])
    out = []
    for form, names in forms.items():
        if len(names) != 1:
            continue
        name = next(iter(names))
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            before_ok = start == 0 or not is_cjk(text[start - 1]) or \
                _STOPS.ending_at(text, start) is not None
            after_ok = end >= len(text) or not is_cjk(text[end]) or \
                FOLLOWERS.starting_at(text, end) is not None
            if before_ok and after_ok and not taken.overlaps(start, end) and \
                    not ctx.blocked.overlaps(start, end):
                out.append(PersonMention(start, end, name, (), chain_start=start))
            start = text.find(form, end)
    return out


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A known name as a word of its own: a two-character name (何为 in 如何为)
    needs a boundary on one side at least; a name that is also a common word
    (高明 of 确实高明) a verb after it."""
    if text[start:end] in lexicon.WORD_NAMES:
        return FOLLOWERS.starting_at(text, end) is not None
    after = end >= len(text) or not is_cjk(text[end]) or \
        FOLLOWERS.starting_at(text, end) is not None
    if end - start > 2:
        return after or not is_cjk(text[end])
    before = start == 0 or not is_cjk(text[start - 1]) or \
        _STOPS.ending_at(text, start) is not None
    return before or after
