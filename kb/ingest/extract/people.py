"""People of an article with their positions.

A name is only read where the context says a person stands there:

1. after a title, at the end of an apposition chain (see titles.py):
   长春近江汽车零部件有限公司董事长李刚, 全国政协常委、浙江省政协副主席、
   民建浙江省委会主委陈小平 (three positions), 市委书记陈金虎 (the city's
   committee, from the organisations); after a role noun (学员代表、…大学学生
   梁某说, 青年创业者周某在…说) when a verb shows the name, a role giving a
   position only with an organisation (学生 @ …大学); a name with a middle
   dot (买买提·吐尔逊) only there;
2. right after an organisation, before a verb (浙江晶盛机电股份有限公司朱亮带着…),
   without a position;
3. glued before an organisation and its title in a run-on heading
   (。许建江苏凯达重工股份有限公司总经理江苏凯达重工：…);
4. anywhere later, a name already introduced (陈金虎表示…), or its surname and
   title when one person of the article fits (郑书记表示, 王总介绍):
   people_refs.py.

Two people with the same name whose organisations disagree are two Persons.

Positions follow the usual convention for government and party titles: the
head of a government is a title of the place's people's government
(广州市南沙区区长 -> 区长 of 广州市南沙区人民政府, the fullest name the article
gives it; 市委副书记、市长 -> 市长 of the city's government); the title of a
committee's secretary or member does not repeat the committee (县委书记 ->
书记 of 邻水县委, unless lexicon.COMMITTEE_WORD_IN_TITLES); 首任/新任 are no
part of a title.  Bare 区委, 副区长 belong to the place the article is about,
or to the site's own place on a government website (我区).  A name that is
also a common word (高峰, 高明) is read only in a name slot and flagged;
公司董事长 is the company named last in the paragraph, 该院院长 / 商会会长 /
联合体理事长 the body of that kind named before (flagged uncertain).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from kb.ingest.extract import lexicon, ner, orgnames
from kb.ingest.extract.document import Document
from kb.ingest.extract.mentions import Organisation, OrgMention, Person, PersonMention, PositionRef
from kb.ingest.extract.names import (
    FOLLOWERS,
    dotted_name_after,
    looks_like_name,
    name_after,
    name_end,
    word_name_slot,
)
from kb.ingest.extract.orgscan import bare_level, self_places
from kb.ingest.extract.people_refs import addressed_again, repeats
from kb.ingest.extract.people_slots import find_slotted
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import SpanSet, WordSet
from kb.ingest.extract.titles import (
    CORES,
    chain_separator,
    clean_title,
    is_role,
    segment_before,
    title_before_name,
)

_EVALUATIVE = WordSet(lexicon.EVALUATIVE_PHRASES)
_STOPS = WordSet(lexicon.ORG_LEFT_STOPS)
_ANAPHORA = WordSet(lexicon.ANAPHORIC_ORGS)
_ADVERBS = WordSet(lexicon.SPEECH_ADVERBS)
_SPEECH = WordSet(lexicon.SPEECH_VERBS)
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
        self.region_at = {r.start: r for r in regions}
        self.places = SpanSet((r.start, r.end) for r in regions)
        self.damaged = SpanSet(doc.damaged)
        self.main_places = _main_places(regions)
        for level, region in self_places(doc.text, regions).items():
            self.main_places[level] = region.name

    def name_at(self, pos: int, loose: bool = False) -> int | None:
        end = name_end(self.text, pos, loose=loose)
        if end is None or self.blocked.overlaps(pos, end) or self.is_place(pos, end):
            return None
        return end

    def name_after_title(self, pos: int) -> tuple[int, int] | None:
        found = dotted_name_after(self.text, pos) or name_after(self.text, pos, loose=True, slot=True)
        if found is None or self.blocked.overlaps(*found):
            return None
        if self.is_place(*found) and not self._name_over_place(*found):
            return None
        return found

    def _name_over_place(self, start: int, end: int) -> bool:
        """总经理文昌明告诉记者: a short place name (文昌, no level word) at the
        start of a longer name that a verb follows is part of the name."""
        region = self.region_at.get(start)
        if region is None or region.end >= end or region.text == region.name or \
                region.text.endswith(lexicon.PLACE_ENDINGS) or self.places.covering(start, end):
            return False
        follower = FOLLOWERS.starting_at(self.text, end)
        return follower is not None and len(follower) > 1

    def is_place(self, start: int, end: int) -> bool:
        return start in self.place_starts or self.places.covering(start, end) is not None


_HEAD_LEVELS = {"省": "province", "市": "prefecture", "区": "county", "县": "county"}


def _main_places(regions: list[RegionMention]) -> dict[str, str]:
    """level -> name of the place the article is clearly about: mentioned
    twice at least, and twice as often as any other place of its level."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in regions:
        counts[r.level][r.name] += 1
    out = {}
    for level, counter in counts.items():
        ranked = counter.most_common(2)
        top_name, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if top >= 2 and top >= 2 * second:
            out[level] = top_name
    return out


def find_people(doc: Document, organisations: list[Organisation],
                regions: list[RegionMention]) -> list[Person]:
    ctx = _Context(doc, organisations, regions)
    mentions = _titled(ctx)
    mentions += _after_organisation(ctx, mentions)
    mentions += _headings(ctx, mentions)
    mentions += repeats(ctx, mentions)
    mentions += find_slotted(ctx.text, mentions, blocked=ctx.blocked, is_place=ctx.is_place,
                             org_ends=ctx.org_ends)
    mentions += _statistical(ctx, doc, mentions)
    mentions += repeats(ctx, mentions)
    addressed = addressed_again(ctx, mentions)
    replaced = {(m.start, m.end) for m in addressed}  # 蔡博士 read as a name of its own
    mentions = [m for m in mentions if (m.start, m.end) not in replaced] + addressed
    mentions = [m for m in mentions if not ctx.damaged.overlaps(m.chain_start, m.end)]
    return _group(sorted(mentions, key=lambda m: m.start))


# --- 1. names after a title ----------------------------------------------------------


def _titled(ctx: _Context) -> list[PersonMention]:
    text, out = ctx.text, []
    for e in range(2, len(text)):
        if CORES.ending_at(text, e) is None or title_before_name(text, e) is None or \
                ctx.damaged.overlaps(e - 1, e):
            continue
        found = ctx.name_after_title(e)
        if found is None:
            continue
        start, end = found
        if CORES.ending_at(text, e) in lexicon.ROLE_NOUNS and not word_name_slot(text, end) and \
                not _speaks_after(text, end):
            continue  # 学生宿舍已建成: after a role, a verb must show the name (学生梁某说)
        segments = _chain(ctx, e)
        if not segments:
            continue
        loose = name_end(text, start) is None and _EVALUATIVE.starting_at(text, end) is None
        positions, weak = _positions(ctx, segments)
        # A name that is also a word, or one after a role alone (青年创业者周全): flagged.
        weak = weak or text[start:end] in lexicon.WORD_NAMES or not positions
        out.append(PersonMention(start, end, text[start:end], positions,
                                 chain_start=segments[0].start, uncertain=loose or weak))
    return out


def _speaks_after(text: str, pos: int) -> bool:
    """An adverb and a speech verb at pos (则表示, 也认为)."""
    adverb = _ADVERBS.starting_at(text, pos)
    return adverb is not None and _SPEECH.starting_at(text, pos + len(adverb)) is not None


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


def _positions(ctx: _Context, segments) -> tuple[tuple[PositionRef, ...], bool]:
    """One PositionRef per title, and whether a weak rule gave one of them.

    A title without an organisation after 、 shares the one before it
    (董事长、总经理刘超).  The head of a government is a title of the place's
    people's government: 广州市南沙区区长 -> (区长, 广州市南沙区人民政府), and
    after a party committee 嘉兴市委副书记、市长 -> (市长, 嘉兴市人民政府).  The
    committee word stays in the titles of its secretary and members (县委书记,
    党工委委员), not in others (市委常委 -> 常委).  公司/该公司 before a title
    is the company named last before it in the paragraph (weak)."""
    text = ctx.text
    out, previous, weak = [], "", False
    for k, seg in enumerate(segments):
        title, org = seg.title, ""
        word = text[seg.slot[0]:seg.slot[1]] if seg.slot is not None else ""
        if seg.org is None and is_role(title):
            continue  # 学员代表, 青年创业者: no office without an organisation
        if seg.org is not None:
            org = seg.org.name
            unit = next((u for u in _ZONE_UNITS if title.startswith(u) and len(title) > len(u)), None)
            if unit and seg.org.kind == "zone":  # 湘潭经济技术开发区(…)党工委书记
                org, title = _same_org(ctx, org + unit), title[len(unit):]
            title = _committee_title(org, title)
        elif seg.place_slot or _place_like(text, seg.slot):
            org = _government_of(_place_name(ctx, seg.slot), title, ctx)
            if not org:  # 苏州市秘书长: the place stays in the title
                title = word + title
        elif word in lexicon.ANAPHORIC_COMPANIES:
            org = _company_before(ctx, seg.start)
            weak = weak or bool(org)
            if not org:
                title = word + title
        elif (ref := _ANAPHORA.ending_at(text, seg.title_start)) and \
                (seg.slot is None or seg.slot[0] >= seg.title_start - len(ref)) and \
                (org := _named_before(ctx, seg.title_start - len(ref), lexicon.ANAPHORIC_ORGS[ref])):
            weak = True  # 该院院长, 联合体理事长: the body named before
        elif seg.slot is not None and _bare_unit(word):
            title = word + title  # 县委书记, 台办主任: whose is unknown
        elif seg.slot is None and k > 0 and title.endswith(lexicon.GOVERNMENT_HEADS) and \
                _committee_place(previous):
            org = _government_of(_committee_place(previous), title, ctx)
        elif seg.slot is None and k > 0 and _joined(text, segments[k - 1], seg):
            org = previous
        elif seg.slot is None and title.endswith(lexicon.GOVERNMENT_HEADS):
            org = _implied_government(ctx, title)  # 副市长 in an article about one city
            weak = weak or bool(org)
        previous = org
        for mark in lexicon.TENURE_MARKS:
            title = title.removeprefix(mark)
        for part in _split_titles(title):
            ref = PositionRef(part, org, seg.former)
            if ref not in out:
                out.append(ref)
    return tuple(out), weak


_COMMITTEES = ("党工委", "纪委", "省委", "市委", "区委", "县委", "州委")


def _committee_title(org: str, title: str) -> str:
    """县委书记, 党工委委员: the title of a committee's secretary or member
    keeps the committee word when the convention says so
    (lexicon.COMMITTEE_WORD_IN_TITLES)."""
    if title in ("书记", "委员") and lexicon.COMMITTEE_WORD_IN_TITLES:
        committee = next((c for c in _COMMITTEES if org.endswith(c)), None)
        if committee:
            return committee + title
    return title


# The bodies of a zone written between its name and a title.
_ZONE_UNITS = ("党工委", "管委会", "管理委员会")


def _same_org(ctx: _Context, name: str) -> str:
    """The name the article gives in full for a body it names more shortly
    (…管委会 -> …管理委员会, 南沙区人民政府 -> 广州市南沙区人民政府)."""
    full = orgnames.full_form(name)
    found = {m.name for m in ctx.mentions if not m.uncertain and (
        m.name == name or (len(m.name) > len(name) and m.name.endswith(name)
                           and orgnames.looks_like_place(m.name[: len(m.name) - len(name)]))
        or (m.name != name and orgnames.full_form(m.name) == full))}
    return found.pop() if len(found) == 1 else name


def _committee_place(name: str) -> str:
    """The place of a party committee: 嘉兴市委 -> 嘉兴市, 中共北京市海淀区委 ->
    北京市海淀区, 浦东新区区委 -> 浦东新区; '' for other organisations."""
    if not name.endswith(("省委", "市委", "区委", "县委", "州委")):
        return ""
    place = name.removeprefix("中共")[:-1]
    if len(place) > 2 and place[-1] == place[-2]:  # 浦东新区区委
        place = place[:-1]
    return place if len(place) >= 2 else ""


def _government_of(place: str, title: str, ctx: _Context | None = None) -> str:
    """广州市南沙区 + 副区长 -> 广州市南沙区人民政府: when the title heads a
    government of the place's level; '' otherwise.  The name the article
    gives that government in full wins (南沙区 -> 广州市南沙区人民政府)."""
    head = next((h for h in lexicon.GOVERNMENT_HEADS if title.endswith(h)), None)
    if head is None or not place or not place.endswith(head[0]):
        return ""
    name = place + "人民政府"
    return _same_org(ctx, name) if ctx is not None else name


def _implied_government(ctx: _Context, title: str) -> str:
    """The government a head title without a place belongs to, when the
    article is clearly about one place of that level."""
    head = next(h for h in lexicon.GOVERNMENT_HEADS if title.endswith(h))
    level = _HEAD_LEVELS.get(head[0])
    place = ctx.main_places.get(level, "") if level else ""
    return _government_of(place, title, ctx)


def _place_name(ctx: _Context, slot) -> str:
    """The place of a slot as written, its last place in full (四川 -> 四川省)."""
    s, t = slot
    written = ctx.text[s:t]
    region = ctx.region_end.get(t)
    if region is not None and region.start >= s and region.name != region.text and \
            region.name.startswith(region.text):
        return written[: len(written) - len(region.text)] + region.name
    return written


def _company_before(ctx: _Context, pos: int) -> str:
    """The company named last before `pos` in the same paragraph."""
    start = ctx.text.rfind("\n", 0, pos) + 1
    best = None
    for m in ctx.mentions:
        if start <= m.start and m.end <= pos and m.kind == "company" and not m.uncertain:
            if best is None or m.end > best.end:
                best = m
    return best.name if best is not None else ""


def _named_before(ctx: _Context, pos: int, ending: str | tuple[str, ...]) -> str:
    """The organisation whose name ends with `ending` named last before
    `pos` in the same paragraph (该院 -> 四川省低空经济研究院), else the only
    one the article names before `pos`; '' when none is."""
    if pos > 0 and ctx.text[pos - 1] not in "，,、。；;：:\n“”（）() " and \
            _STOPS.ending_at(ctx.text, pos) is None:
        return ""  # part of a longer word, not a reference
    para = ctx.text.rfind("\n", 0, pos) + 1
    before = [m for m in ctx.mentions if m.end <= pos and m.name.endswith(ending) and not m.uncertain]
    here = [m for m in before if m.start >= para]
    if here:
        return max(here, key=lambda m: m.end).name
    names = {m.name for m in before}
    return names.pop() if len(names) == 1 else ""


def _place_like(text: str, slot) -> bool:
    if slot is None:
        return False
    return orgnames.looks_like_place(text[slot[0]:slot[1]])


def _bare_unit(word: str) -> bool:
    """市委, 台办, 园区党工委: a unit named by its kind alone."""
    suffix = orgnames.suffix_of(word)
    return bare_level(word) or suffix == word or \
        (suffix is not None and word[: -len(suffix)] in lexicon.GENERIC_ZONE_WORDS)


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
        if text[m.end] in "和与及" and ctx.is_place(m.end + 1, end):
            continue  # 向国家发展改革委和武汉、合肥…: the list goes on with places
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


def _statistical(ctx: _Context, doc: Document, found: list[PersonMention]) -> list[PersonMention]:
    """Names the statistical model tags (ner.py) that no rule read, outside
    organisations and places; flagged uncertain."""
    taken = SpanSet((m.start, m.end) for m in found)
    out = []
    for start, end in ner.person_spans(doc):
        if taken.overlaps(start, end) or ctx.blocked.overlaps(start, end) or ctx.is_place(start, end):
            continue
        out.append(PersonMention(start, end, ctx.text[start:end], (), chain_start=start, uncertain=True))
    return out


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
    for person in people:
        # Uncertain when no mention is sure, or when a mention that gave
        # positions was read by a weak rule.
        person.uncertain = all(m.uncertain for m in person.mentions) or \
            any(m.uncertain and m.positions for m in person.mentions)
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
