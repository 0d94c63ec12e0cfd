"""Organisation names without a suffix, taken only from strong context:

- the slot of an apposition chain before a title and a name (理想汽车副总裁
  李冠华, 腾讯云上海区域总经理朱常鑫); a bare 市委 there is the committee of the
  city the article is about, a bare 统战部 after 市委常委、 belongs to it;
- the items of an enumeration that holds a recognised organisation, or that
  ends in 等单位/等企业 (与上海新昇半导体材料、浙江大学等共建), flagged uncertain;
- a class noun before a short name (江苏企业思必驰牵头), flagged uncertain.
"""

from __future__ import annotations

import re
from collections import defaultdict

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.names import name_after, name_end
from kb.ingest.extract.orgscan import Candidate, OrgScan, bare_level
from kb.ingest.extract.textscan import JOINING_DASHES, SpanSet, WordSet, is_cjk, is_name_char
from kb.ingest.extract.titles import (
    CORES,
    chain_separator,
    is_role,
    segment_before,
    title_before_name,
)

STOPS = WordSet(lexicon.ORG_LEFT_STOPS)
CLASS_NOUNS = WordSet(lexicon.ORG_CLASS_NOUNS)
GROUPS = WordSet(lexicon.GROUP_SPEAKERS)
_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n“”…（）()]+")
_ITEM = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,12}")
_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十百几多数]+)?[家个所位名]?")
_CHAIN_REACH = 160
# The kind a class noun gives to the items before it (…等单位 says nothing).
_CLASS_KINDS = {"企业": "company", "公司": "company", "高校": "university", "院校": "university",
                "医院": "hospital", "标杆": "company", "龙头": "company", "头部": "company"}
_TRADE_END = WordSet(lexicon.INDUSTRY_WORDS - {"企业", "联合", "共建", "国际", "全球", "区域",
                                                "地方", "现代", "先进", "专业"})



def chain_candidates(scan: OrgScan, known: list[Candidate]) -> list[Candidate]:
    """Organisations in the slots of apposition chains ORG + TITLE (、ORG +
    TITLE …) + NAME."""
    text = scan.text
    org_ends: dict[int, list[Candidate]] = defaultdict(list)
    for c in known:
        org_ends[c.end].append(c)
    taken = SpanSet((c.start, c.end) for c in known)
    out = []
    for e in range(2, len(text)):
        if CORES.ending_at(text, e) is None or title_before_name(text, e) is None or \
                name_after(text, e, loose=True, slot=True) is None:
            continue
        segments, pos = [], e
        while pos > 0 and not scan.damaged.overlaps(pos - 1, pos + 1):
            seg = segment_before(text, pos, org_ends, scan.region_end, max(0, e - _CHAIN_REACH))
            if seg is None:
                break
            segments.insert(0, seg)
            if not chain_separator(text, seg.start):
                break
            pos = seg.start - 1
        previous = None  # the organisation of the segment before
        for seg in segments:
            org = seg.org
            if org is None and seg.slot is not None and not is_role(seg.title):
                if previous is None and bare_level(text[seg.slot[0]:seg.slot[1]]):
                    # A chain opened by a bare body goes on the roster the
                    # sentence began (达州市委书记X,市委副书记、市长Y,市政协主席Z).
                    previous = _roster_head(text, known + out, seg.start)
                org = _slot_organisation(scan, seg.slot, taken, previous)
                if org is not None:
                    out.append(org)
                    org_ends[org.end].append(org)
            previous = org
    return out


_SENTENCE_END = re.compile(r"[。！？；;!?\n]")


def _roster_head(text: str, candidates: list[Candidate], start: int) -> Candidate | None:
    """The nearest placed organisation before start in the same sentence."""
    before = [c for c in candidates if c.end <= start and c.region_key
              and not _SENTENCE_END.search(text, c.end, start)]
    return max(before, key=lambda c: c.end) if before else None


def _slot_organisation(scan, slot, taken, previous) -> Candidate | None:
    s, t = slot
    if taken.overlaps(s, t) or scan.damaged.overlaps(s, t):
        return None
    word = scan.text[s:t]
    before = previous.short_of or previous.name if previous is not None else ""
    unit = _unit_of(before, word, previous.kind if previous is not None else "")
    if unit:  # 市委常委、统战部部长 / 区委常委、区委统战部部长 / 开发区党工委书记、管委会主任
        administration = unit in ("管委会", "管理委员会")
        if administration and before.endswith("党工委"):
            before = before[:-3]  # the zone's working committee -> the zone's administration
        name = before + unit
        kind = "government" if administration else "party"
        return Candidate(s, t, name, kind, word, previous.region_key, short_of=name,
                         place=previous.place)
    if bare_level(word):
        return scan.bare_body(s, t, previous)
    suffix = orgnames.suffix_of(word)
    if suffix is not None:  # a slot ending in a suffix obeys the suffix rules
        place_end, _, _ = scan.place_prefix(s, t)
        body = orgnames.body_of(scan.text[place_end:t], suffix) if place_end < t - len(suffix) else ""
        if not orgnames.body_ok(orgnames.strip_parens(body), suffix, place_end > s, True, word):
            return None
        if place_end == s and body in lexicon.GENERIC_ZONE_WORDS:
            # 高新区管委会: the one zone of that kind the article names in
            # full; 园区党工委: the article's park, unnamed.
            full = scan.zone_name(orgnames.normalise(word))
            if full is None:
                return None
            return Candidate(s, t, orgnames.normalise(word), lexicon.ORG_SUFFIXES[suffix], suffix,
                             short_of=full)
    return _suffixless(scan, s, t, clean=s == 0 or not is_cjk(scan.text[s - 1]))


def _unit_of(before: str, word: str, kind: str) -> str:
    """The part of a bare unit word that goes after the organisation of the
    segment before it: 统战部 after 成都市委, 统战部 of 区委统战部 after
    …区委, 管委会 after a development zone."""
    if before.endswith("委"):
        if word in lexicon.PARTY_DEPARTMENTS:
            return word
        if len(word) > 2 and before.endswith(word[:2]) and word[2:] in lexicon.PARTY_DEPARTMENTS:
            return word[2:]
    if kind == "zone" and word in ("管委会", "党工委", "管理委员会"):
        return word
    if before.endswith("党工委") and word in ("管委会", "管理委员会"):
        return word
    return ""


def _suffixless(scan: OrgScan, s: int, t: int, clean: bool) -> Candidate | None:
    name = orgnames.normalise(scan.text[s:t])
    if not _plain_name_ok(scan, s, t):
        return None
    place_end, region, _ = scan.place_prefix(s, t)
    suffix = orgnames.suffix_of(name)
    if suffix:
        kind = lexicon.ORG_SUFFIXES[suffix]
    elif re.search(r"[^大]大$", name) and len(name) <= 4:  # 上海交大, 浙大
        kind = "university"
    elif _TRADE_END.ending_at(orgnames.strip_parens(name), len(orgnames.strip_parens(name))):
        kind = "company"  # 理想汽车, 长春金赛药业, 腾讯云
    else:
        kind = "other"
    return Candidate(s, t, name, kind, None,
                 region.key if region else None, uncertain=not clean or len(name) <= 2,
                 place=scan.text[s:place_end])


def _plain_name_ok(scan: OrgScan, s: int, t: int) -> bool:
    """A name without a suffix: a few name characters that are neither a
    place, nor a group of people, nor generic or trade words."""
    name = scan.text[s:t]
    plain = orgnames.strip_parens(name)
    if not 2 <= len(plain) <= 14 or scan.in_region(s, t):
        return False
    if any(ch.isdigit() for ch in plain) or any(ch in lexicon.NOT_IN_NAME for ch in plain):
        return False
    if plain in lexicon.GENERIC_ORG_WORDS or plain.startswith(lexicon.GENERIC_LEADS):
        return False
    if GROUPS.ending_at(plain, len(plain)) or plain in lexicon.NOT_NAMES:
        return False
    if plain in lexicon.TITLE_CORES:  # 市长 of 市长助理: a title, no body
        return False
    place_end, _, _ = scan.place_prefix(s, t)
    rest = orgnames.strip_parens(scan.text[place_end:t])
    if len(rest) < 2 or orgnames.industry_only(rest):
        return False
    if name_end(plain + "，", 0) == len(plain):  # a person's name
        return False
    # A place inside is a second name, unless joined by a dash to the one
    # before (中国—东盟中心).
    if any(ch in "与和及的" for ch in plain) or any(
            s < r.start < t and scan.text[r.start - 1] not in JOINING_DASHES for r in scan.regions):
        return False
    if orgnames.looks_like_place(plain):
        return False  # a place the gazetteer does not know (厦门市思明区)
    return all(is_name_char(ch) or ch in "()（）" + JOINING_DASHES for ch in name)


def enumeration_candidates(scan: OrgScan, known: list[Candidate]) -> list[Candidate]:
    """Items of a list A、B、C等 … (or A、B……) next to a recognised
    organisation, or before 等单位/等企业: organisations, flagged uncertain."""
    text, out = scan.text, []
    taken = SpanSet((c.start, c.end) for c in known)
    for clause in _CLAUSE.finditer(text):
        cs, ce = clause.span()
        k = text.find("等", cs, ce)
        if k > cs:
            noun_at = _COUNT.match(text, k + 1).end()
            list_end, class_noun = k, CLASS_NOUNS.starting_at(text, noun_at) is not None
            class_kind = _CLASS_KINDS.get(text[noun_at:noun_at + 2], "other")
        elif text.startswith("…", ce):
            list_end, class_noun, class_kind = ce, False, "other"
        else:
            continue
        items = _split_items(scan, cs, list_end)
        has_org = any(scan.covered(s, e) for s, e in items)
        if not items or not (class_noun or (has_org and len(items) >= 2)):
            continue
        for s, e in items:
            if taken.overlaps(s, e) or scan.damaged.overlaps(s, e) or not _plain_name_ok(scan, s, e):
                continue
            cand = _suffixless(scan, s, e, clean=True)
            if cand is not None:
                cand.uncertain = True
                if class_noun and cand.kind == "other":
                    cand.kind = class_kind
                out.append(cand)
    return out


def _split_items(scan: OrgScan, start: int, end: int) -> list[tuple[int, int]]:
    """The items of text[start:end] separated by 、, the first one after the
    last stop word before it (与上海新昇半导体材料 -> 上海新昇半导体材料); none
    when an item is not a plain name."""
    text, items, pos = scan.text, [], start
    for k, piece in enumerate(text[start:end].split("、")):
        s, e = pos, pos + len(piece)
        pos = e + 1
        if k == 0:
            for i in range(e - 1, s, -1):
                if STOPS.ending_at(text, i) and not scan.inside_place(i - 1, i):
                    s = i
                    break
        if scan.covered(s, e):  # one or two known names (A和B)
            items.append((s, e))
            continue
        if not _ITEM.fullmatch(text[s:e]):
            return []
        items.append((s, e))
    return items


def apposition_candidates(scan: OrgScan, known: list[Candidate]) -> list[Candidate]:
    """江苏企业思必驰牵头: a place, 企业/公司, and a short name before 牵头 …"""
    out = []
    taken = SpanSet((c.start, c.end) for c in known)
    pattern = re.compile(r"(?:企业|公司)([\u4e00-\u9fff]{2,5}?)(?=牵头|参与|主导|联合|携手|等)")
    for match in pattern.finditer(scan.text):
        s, e = match.span(1)
        if match.start() not in scan.region_end or taken.overlaps(s, e):
            continue
        cand = _suffixless(scan, s, e, clean=True) if _plain_name_ok(scan, s, e) else None
        if cand is not None:
            cand.uncertain = True
            cand.kind = "company"  # 江苏企业思必驰
            out.append(cand)
    return out


