"""People of an article with their positions.

A name is only read where the context says a person stands there:

1. after a title, at the end of an apposition chain (see titles.py):
   长春近江汽车零部件有限公司董事长李刚, 全国政协常委、浙江省政协副主席、
   民建浙江省委会主委陈小平 (three positions), 市委书记陈金虎 (the city's
   committee, from the organisations);
2. right after an organisation, before a verb (浙江晶盛机电股份有限公司朱亮带着…),
   without a position;
3. glued before an organisation and its title in a run-on heading
   (。许建江苏凯达重工股份有限公司总经理江苏凯达重工：…);
4. anywhere later, a name already introduced (陈金虎表示…).

Two people with the same name whose organisations disagree are two Persons.
"""

from __future__ import annotations

from collections import defaultdict

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.document import Document
from kb.ingest.extract.mentions import Organisation, OrgMention, Person, PersonMention, PositionRef
from kb.ingest.extract.names import FOLLOWERS, looks_like_name, name_after, name_end
from kb.ingest.extract.orgscan import bare_level
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import SpanSet, WordSet, is_cjk
from kb.ingest.extract.titles import CORES, chain_separator, clean_title, segment_before

_EVALUATIVE = WordSet(lexicon.EVALUATIVE_PHRASES)
_STOPS = WordSet(lexicon.ORG_LEFT_STOPS)
_CHAIN_REACH = 160  # how far back a chain may go
_HEADING_BREAKS = "。！？!?：:\n"


class _Context:
    def __init__(self, doc: Document, organisations: list[Organisation],
                 regions: list[RegionMention]):
        self.text = doc.text
        self.mentions = [m for o in organisations for m in o.mentions]
        self.org_ends: dict[int, list[OrgMention]] = defaultdict(list)
        for m in self.mentions:
            self.org_ends[m.end].append(m)
        self.region_end = {r.end: r for r in regions}
        self.blocked = SpanSet([(m.start, m.end) for m in self.mentions] + list(doc.damaged))
        # A place that starts where a name would start makes it no name (董事长江苏…);
        # one that starts inside it does not (王海宁, and 欧阳明辉 is no 阳明区).
        self.place_starts = {r.start for r in regions}
        self.places = SpanSet((r.start, r.end) for r in regions)
        self.damaged = SpanSet(doc.damaged)

    def name_at(self, pos: int, loose: bool = False) -> int | None:
        end = name_end(self.text, pos, loose=loose)
        if end is None or self.blocked.overlaps(pos, end) or self.is_place(pos, end):
            return None
        return end

    def name_after_title(self, pos: int) -> tuple[int, int] | None:
        found = name_after(self.text, pos, loose=True)
        if found is None or self.blocked.overlaps(*found) or self.is_place(*found):
            return None
        return found

    def is_place(self, start: int, end: int) -> bool:
        return start in self.place_starts or self.places.covering(start, end) is not None


def find_people(doc: Document, organisations: list[Organisation],
                regions: list[RegionMention]) -> list[Person]:
    ctx = _Context(doc, organisations, regions)
    mentions = _titled(ctx)
    mentions += _after_organisation(ctx, mentions)
    mentions += _headings(ctx, mentions)
    mentions += _repeats(ctx, mentions)
    mentions = [m for m in mentions if not ctx.damaged.overlaps(m.chain_start, m.end)]
    return _group(sorted(mentions, key=lambda m: m.start))


# --- 1. names after a title ----------------------------------------------------------


def _titled(ctx: _Context) -> list[PersonMention]:
    text, out = ctx.text, []
    for e in range(2, len(text)):
        if CORES.ending_at(text, e) is None or ctx.damaged.overlaps(e - 1, e):
            continue
        found = ctx.name_after_title(e)
        if found is None:
            continue
        start, end = found
        segments = _chain(ctx, e)
        if not segments:
            continue
        loose = name_end(text, start) is None and _EVALUATIVE.starting_at(text, end) is None
        out.append(PersonMention(start, end, text[start:end], _positions(text, segments),
                                 chain_start=segments[0].start, uncertain=loose))
    return out


def _chain(ctx: _Context, title_end: int) -> list:
    """The segments of the chain whose last title ends at title_end."""
    floor = max(0, title_end - _CHAIN_REACH)
    segments, pos = [], title_end
    while True:
        seg = segment_before(ctx.text, pos, ctx.org_ends, ctx.region_end, floor)
        if seg is None or ctx.damaged.overlaps(seg.start, seg.title_end):
            break
        segments.insert(0, seg)
        if not chain_separator(ctx.text, seg.start):
            break
        pos = seg.start - 1
    return segments


def _positions(text: str, segments) -> tuple[PositionRef, ...]:
    """One PositionRef per title.  A title without an organisation after 、
    shares the one before it (董事长、总经理刘超), except the head of a
    government after a party committee (市委副书记、市长): the committee's place
    goes with the title then.  A bare 市委 stays in the title (市委书记)."""
    out, previous = [], ""
    for k, seg in enumerate(segments):
        title, org = seg.title, ""
        if seg.org is not None:
            org = seg.org.name
            if seg.org.text in lexicon.BARE_BODIES and seg.org.text.endswith("委"):
                title = seg.org.text + title
        elif seg.place_slot or _place_like(text, seg.slot):  # 苏州市市长: the place stays
            title = text[seg.slot[0]:seg.slot[1]] + title
        elif seg.slot is not None and _bare_unit(text[seg.slot[0]:seg.slot[1]]):
            title = text[seg.slot[0]:seg.slot[1]] + title  # 县委书记, 台办主任: whose is unknown
        elif seg.slot is None and k > 0:
            if title.endswith(lexicon.GOVERNMENT_HEADS) and previous.endswith("委"):
                title = previous[:-1] + title  # 普陀区委副书记、区长 -> 普陀区区长
            elif _joined(text, segments[k - 1], seg):
                org = previous
        previous = org
        for part in _split_titles(title):
            ref = PositionRef(part, org, seg.former)
            if ref not in out:
                out.append(ref)
    return tuple(out)


def _place_like(text: str, slot) -> bool:
    if slot is None:
        return False
    return orgnames.looks_like_place(text[slot[0]:slot[1]])


def _bare_unit(word: str) -> bool:
    return bare_level(word) or orgnames.suffix_of(word) == word


def _joined(text: str, before, seg) -> bool:
    """Two segments joined by 、 (not by a comma, which separates offices)."""
    return before.title_end == seg.start - 1 and text[seg.start - 1] == "、"


def _split_titles(title: str) -> list[str]:
    """董事长兼总经理 -> two titles; 兼职副主席 stays one."""
    parts, rest = [], title
    while "兼" in rest:
        k = rest.index("兼")
        if not CORES.ending_at(rest, k):
            break
        parts.append(rest[:k])
        rest = rest[k + 1:]
    return [p for p in [*parts, rest] if p]


# --- 2. a name right after an organisation ---------------------------------------------


def _after_organisation(ctx: _Context, found: list[PersonMention]) -> list[PersonMention]:
    text, out = ctx.text, []
    taken = SpanSet((m.start, m.end) for m in found)
    for m in ctx.mentions:
        if m.short or m.uncertain:
            continue
        end = ctx.name_at(m.end)
        if end is None or taken.overlaps(m.end, end):
            continue
        follower = FOLLOWERS.starting_at(text, end)
        strong = end >= len(text) or text[end] in "、，," or (follower and len(follower) > 1)
        if not strong:
            continue
        out.append(PersonMention(m.end, end, text[m.end:end], (), chain_start=m.start))
    return out


# --- 3. run-on headings: NAME + ORGANISATION + TITLE -------------------------------------


def _headings(ctx: _Context, found: list[PersonMention]) -> list[PersonMention]:
    text, out = ctx.text, []
    taken = SpanSet((m.start, m.end) for m in found)
    for m in ctx.mentions:
        if m.uncertain:
            continue
        for k in (2, 3, 4):
            s = m.start - k
            if s < 0 or not (s == 0 or text[s - 1] in _HEADING_BREAKS):
                continue
            name = text[s:m.start]
            if not looks_like_name(name) or taken.overlaps(s, m.start) or \
                    ctx.blocked.overlaps(s, m.start) or ctx.is_place(s, m.start):
                continue
            title_end = _title_after(text, m.end)
            if title_end is None or ctx.name_at(title_end) is not None:
                continue
            position = PositionRef(text[m.end:title_end], m.name)
            out.append(PersonMention(s, m.start, name, (position,), chain_start=s))
            break
    return out


def _title_after(text: str, start: int) -> int | None:
    for end in range(min(len(text), start + 12), start, -1):
        if clean_title(text[start:end]):
            return end
    return None


# --- 4. names seen before ------------------------------------------------------------------


def _repeats(ctx: _Context, found: list[PersonMention]) -> list[PersonMention]:
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


def _stands_alone(text: str, start: int, end: int) -> bool:
    """A known name as a word of its own: a two-character name (何为 in 如何为)
    needs a boundary on one side at least."""
    after = end >= len(text) or not is_cjk(text[end]) or \
        FOLLOWERS.starting_at(text, end) is not None
    if end - start > 2:
        return after or not is_cjk(text[end])
    before = start == 0 or not is_cjk(text[start - 1]) or \
        _STOPS.ending_at(text, start) is not None
    return before or after


# --- grouping ---------------------------------------------------------------------------------


def _group(mentions: list[PersonMention]) -> list[Person]:
    people: list[Person] = []
    last_by_name: dict[str, Person] = {}
    for m in mentions:
        person = _match(people, m, last_by_name.get(m.name))
        if person is None:
            person = Person(m.name)
            people.append(person)
        for ref in m.positions:
            if ref not in person.positions:
                person.positions.append(ref)
        person.mentions.append(m)
        last_by_name[m.name] = person
    return people


def _match(people: list[Person], m: PersonMention, last: Person | None) -> Person | None:
    """The person a mention belongs to: the last one of that name, unless the
    organisations of their positions disagree."""
    same = [p for p in people if p.name == m.name]
    if not same:
        return None
    orgs = {r.organisation for r in m.positions if r.organisation}
    if not orgs:
        return last or same[0]
    for p in ([last] if last else []) + same:
        known = {r.organisation for r in p.positions if r.organisation}
        if not known or known & orgs:
            return p
    return None
