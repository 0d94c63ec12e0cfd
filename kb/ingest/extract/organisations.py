"""Organisations of an article, recognised by the structure of their names.

1. Suffixes (有限公司, 研究院, 政协, 联盟 … see lexicon.ORG_SUFFIXES) end a
   name; its left boundary is found by walking back to punctuation, a stop
   word (的 在 与 由 走进 来自 …) or the edge of a damaged span (then the name
   is dropped: it is incomplete).  A stop that would leave no valid name is
   walked past (美的集团, 北京大学软件与微电子学院).  Names that continue past a
   suffix nest: 中新社(北京)国际传播集团有限公司浙江分公司 is a branch whose
   parent is the organisation its name starts with.
2. A name must have a body (what is left without place and suffix) that is
   not generic (本次大会, 龙头企业), not a verb phrase and not trade words alone
   (生物医药实验室) unless a place or quotation marks make it a name.
3. Without a suffix, a name is only taken from strong context: the
   organisation slot of an apposition chain before a title and a name
   (理想汽车副总裁李冠华), an enumeration with a recognised organisation
   (与上海新昇半导体材料、浙江大学等共建), or a class noun before it (江苏企业
   思必驰牵头); the last two are flagged uncertain.  A bare 市委 before a title
   is the committee of the city the article is about.
4. Short names (联影, 晶盛机电, 旭荣) resolve to the full name when they are
   derived from it and occur in the text; so do a declared short name after
   a place (广西 + 北部湾港集团), a name without the places it starts with
   (大湾区先进制造研究院 of 广东粤港澳大湾区先进制造研究院) and the usual
   short forms of a body of the same place (省科技厅 = 山东省科学技术厅,
   雄安新区管委会 = 河北雄安新区管理委员会).
5. No name is read from places counted (三地政府), a class noun before 的
   (高校的实验室), words after 等 (…等国际班轮公司) or a goal (打造…科技创新
   中心); a campus in brackets belongs to a university's name (中国石油大学
   (华东)), and a named zone is the place of its departments (洋浦经济开发区
   交通运输局).
6. A zone word alone before a body (示范区党工委, 高新区管委会, 合作区经济发展局)
   is the one zone of that kind the article names in full
   (山西转型综合改革示范区党工委, with the short name as an alias); a national
   body may begin a name (水利部黄河水利委员会), as may a place the gazetteer
   lacks (渝北区人民政府).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.extract.mentions import Organisation, OrgMention
from kb.ingest.extract.names import FOLLOWERS
from kb.ingest.extract.orgcontext import (
    apposition_candidates,
    chain_candidates,
    enumeration_candidates,
)
from kb.ingest.extract.orgscan import Candidate, OrgScan
from kb.ingest.extract.orgshared import shared_suffix_candidates
from kb.ingest.extract.orgsuffix import STOPS, suffix_candidates
from kb.ingest.extract.orgvariants import with_variants
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import SpanSet, WordSet, is_cjk

_DECLARED = re.compile(r"[(（](?:以下|下文)?(?:简称|下称)[为:：]?[“「\"]?([^”」\")）(（，,。]{2,12})[”」\"]?[)）]")


def find_organisations(doc: Document, regions: list[RegionMention],
                       gazetteer: Gazetteer) -> list[Organisation]:
    scan = OrgScan(doc, regions, gazetteer)
    cands = suffix_candidates(scan)
    cands += shared_suffix_candidates(scan, cands)
    scan.note_zones(c.name for c in cands)
    cands += chain_candidates(scan, cands)
    abbreviations = _abbreviations(scan, cands)
    cands += _more_mentions(scan, cands, abbreviations)
    scan.known = SpanSet((c.start, c.end) for c in cands)
    cands += enumeration_candidates(scan, cands)
    cands += apposition_candidates(scan, cands)
    cands += _more_mentions(scan, cands, abbreviations)
    cands = [c for c in map(_trimmed, cands) if c is not None
             and not scan.damaged.overlaps(c.start, c.end) and not _no_body(c.name)]
    cands = _without_second_brands(scan.text, cands)
    cands = [part for c in cands for part in _glued_bodies(c)]
    return with_variants(_without_implied_governments(_group(scan, cands)), gazetteer)


# What ends like an organisation without being one: a meeting (四方磋商会,
# 省会城市会商会), a project, a bridge, a hall, a planting base; and a name
# made of the parties of a deal (双方区人民政府).
_NOT_BODIES = re.compile(r"(?:磋商会|会商会|协商会|洽商会|项目|大桥|工程|纪念馆|展览馆|陈列馆|种植基地|示范点)$"
                         r"|^(?:双方|三方|四方|各方|多方|两地|三地|四地|两区|两市|两省|两县)")


# Page furniture before a name ((转载)关中平原…办公室) and 原 of a former name
# (原浙江省开发区协会) are not part of it.
_LEAD_NOISE = re.compile(r"^(?:[(（](?:转载|转自|来源|原创|图|摄)[)）]|原(?=[\u4e00-\u9fff]{2,}[省市县区]))")
# A clause is no name: a possessive with more after it (…辖市的市政府和商务局;
# 美的 of a brand stays), a verb of leading or of taking office (…主委何某率
# 民进…, …董事长某某当选商会), 各 of a class (泛珠各方日常工作办公室; 各界
# of 香港各界…联合会 stays) or two levels joined (广东省及市政府) inside it.
_CLAUSE_INSIDE = re.compile(
    r"[^“”「」《》()（）]*(?:的[^“”「」《》()（）]*[和与及]|[\u4e00-\u9fff]{3,}的|率|当选|担任|出任"
    r"|各(?!界)|[省市区县](?:及|和)[省市区县]|下设|下辖"
    r"|(?:主任|书记|局长|市长|区长|县长|主席|董事长|总经理|院长|校长|部长|厅长)[\u4e00-\u9fff]{2,3}(?:及|和|与|、))")


def _trimmed(c: Candidate) -> Candidate | None:
    lead = _LEAD_NOISE.match(c.name)
    if lead:
        c = replace(c, start=c.start + lead.end(), name=c.name[lead.end():])
    if _CLAUSE_INSIDE.match(c.name) and not c.name.startswith("“"):
        return None
    return c


def _without_second_brands(text: str, cands: list[Candidate]) -> list[Candidate]:
    """浙江省委党校(行政学院): a body that works under two names writes the
    second in brackets right after the first; it is that body again, not
    another organisation."""
    ends = {c.end for c in cands}
    return [c for c in cands if not (
        0 < c.start and c.end < len(text) and text[c.start - 1] in "(（" and text[c.end] in ")）"
        and c.start - 1 in ends)]


# 广东省委省政府, 市委市政府: a party committee and a government written as one
# word; two bodies.
_GLUED = re.compile(r"(?P<first>.+?[省市区县](?:委|党委))(?P<level>[省市区县]|自治区)(?P<gov>人民政府|政府)$")


def _glued_bodies(c: Candidate) -> list[Candidate]:
    if c.name in ("党中央国务院", "中共中央国务院") and c.end - c.start == len(c.name):
        split = c.end - 3  # 党中央国务院: the Party's centre and the State Council
        return [replace(c, end=split, name=c.name[:-3], kind="party", suffix=None),
                replace(c, start=split, name="国务院", kind="government", suffix="国务院")]
    match = _GLUED.fullmatch(c.name)
    if match is None or c.end - c.start != len(c.name):
        return [c]
    first = match["first"]
    place = first[: -1 if first.endswith("委") and not first.endswith("党委") else -2]
    split = c.start + len(first)
    return [replace(c, end=split, name=first, kind="party", suffix=first[len(place):]),
            replace(c, start=split, name=place + match["gov"], kind="government", suffix=match["gov"],
                    short_of=place + match["gov"], bare=c.name[len(first):])]


def _no_body(name: str) -> bool:
    return bool(_NOT_BODIES.search(name))


def _without_implied_governments(orgs: list[Organisation]) -> list[Organisation]:
    """国务院 of 国务院医改办公室, 香港特别行政区政府 of …政府投资推广署: a
    government named only as the start of its departments' names is their
    parent (parent_name), not an organisation of the article.  Other parents
    (中国电信股份有限公司 of its 浙江分公司) stay: the loader links the
    branch to them."""
    parents = {o.parent_name for o in orgs if o.parent_name}
    starts = {(m.start, m.end) for o in orgs if o.parent_name for m in o.mentions}
    def implied(org: Organisation) -> bool:
        return org.kind == "government" and org.name in parents and all(
            any(s == m.start and e > m.end for s, e in starts) for m in org.mentions)
    return [o for o in orgs if not implied(o)]


def _same_place_names(scan: OrgScan, cands: list[Candidate]) -> None:
    """无锡市新吴区工商联 and 新吴区工商联, 山东省科学技术厅 and 省科技厅,
    河北雄安新区管理委员会 and 雄安新区管委会: one organisation, named by its
    fullest form, when the places are the same place written more or less
    fully and the rest is the same name or its usual short form."""
    def keys(c: Candidate) -> list[tuple[str | None, str]]:
        if c.short_of not in (None, c.name):
            return []
        if not c.region_key:
            return [(None, orgnames.full_form(c.name))] if c.suffix else []
        if c.bare:  # 省科技厅: the level word may or may not be part of the name
            out = [(c.region_key, orgnames.full_form(c.bare))]
            if len(c.bare) > 2 and c.bare[1] != "委":
                out.append((c.region_key, orgnames.full_form(c.bare[1:])))
            return out
        place = orgnames.normalise(c.place)
        if place and c.name.startswith(place):
            return [(c.region_key, orgnames.full_form(c.name[len(place):]))]
        return []

    fullest: dict[tuple[str | None, str], str] = {}
    for c in cands:
        for k in keys(c):
            if len(c.name) > len(fullest.get(k, "")):
                fullest[k] = c.name
    for c in cands:
        best = max((fullest[k] for k in keys(c)), key=len, default=c.name)
        if best != c.name:
            c.short_of = best
    _names_after_places(scan, cands)


def _names_after_places(scan: OrgScan, cands: list[Candidate]) -> None:
    """大湾区先进制造研究院 of 广东粤港澳大湾区先进制造研究院: a name that is
    another one without the places it starts with is a short mention of it."""
    heads = {c.name: c for c in cands if c.short_of is None and c.suffix}
    for c in cands:
        if c.short_of is not None or not c.suffix or len(c.name) < 4:
            continue
        longer = [name for name, head in heads.items()
                  if len(name) > len(c.name) and name.endswith(c.name) and head.kind == c.kind
                  and _places_only(scan, head.start, head.start + len(name) - len(c.name))]
        if len(longer) == 1:  # 第一人民医院 of two cities' hospitals is neither
            c.short_of = longer[0]


def _places_only(scan: OrgScan, start: int, end: int) -> bool:
    """text[start:end] is one or more places (the last may run on past end)."""
    pos = start
    while pos < end:
        region = scan.region_at.get(pos)
        if region is None:
            return False
        pos = region.end
    return pos > start


def _zone_short_names(scan: OrgScan, cands: list[Candidate]) -> None:
    """示范区党工委, 高新区管委会, 合作区经济发展局: a body named after a zone
    word alone belongs to the one zone of that kind the article names in full
    (山西转型综合改革示范区党工委); the fullest spelling of its name the
    article gives wins (管委会 -> 管理委员会 when the article writes that)."""
    full = {c.name: c for c in cands if c.short_of is None}
    for c in cands:
        base = c.short_of or c.name
        target = scan.zone_name(base)
        if target is None or target == base:
            continue
        word = next(w for w in lexicon.ZONE_SHORT_WORDS if base.startswith(w))
        zone = target[: len(target) - len(base) + len(word)]
        rest = orgnames.full_form(base[len(word):])
        same = [n for n in full if n.startswith(zone) and orgnames.full_form(n[len(zone):]) == rest]
        c.short_of = max(same, key=len) if same else target


def _group(scan: OrgScan, cands: list[Candidate]) -> list[Organisation]:
    _zone_short_names(scan, cands)
    _same_place_names(scan, cands)
    cands.sort(key=lambda c: (c.start, -c.end))
    orgs: dict[str, Organisation] = {}
    for c in cands:
        canonical = c.short_of or c.name
        org = orgs.get(canonical)
        if org is None:
            head = next((x for x in cands if x.name == canonical and x.short_of is None), c)
            org = orgs[canonical] = Organisation(
                canonical, head.kind, head.region_key, head.parent_name, uncertain=True)
        if c.parent_name and not org.parent_name:
            org.parent_name = c.parent_name
        text = scan.text[c.start:c.end]
        short = c.short_of is not None and orgnames.normalise(text) != canonical
        org.mentions.append(OrgMention(c.start, c.end, text, canonical, org.kind,
                                       org.region_key, org.parent_name, short, c.uncertain))
        org.uncertain = org.uncertain and c.uncertain
        alias = orgnames.normalise(text)
        if alias != canonical and alias not in org.aliases and c.suffix != alias:
            org.aliases.append(alias)
    for org in orgs.values():  # mentions carry the organisation's final fields
        org.mentions = [replace(m, kind=org.kind, region_key=org.region_key,
                                parent_name=org.parent_name) for m in org.mentions]
    return sorted(orgs.values(), key=lambda o: o.mentions[0].start)


# --- short names and repeated names ----------------------------------------------------


def _abbreviations(scan: OrgScan, cands: list[Candidate]) -> dict[str, str]:
    """上海市经济和信息化委员会(以下简称“市经信委”): the short name an
    article declares for an organisation right after its full name."""
    by_end = {c.end: c for c in cands if c.short_of is None}
    out = {}
    for match in _DECLARED.finditer(scan.text):
        c = by_end.get(match.start())
        if c is not None and not scan.damaged.overlaps(*match.span()):
            out[orgnames.normalise(match.group(1))] = c.name
    return out


def _more_mentions(scan: OrgScan, cands: list[Candidate],
                   declared: dict[str, str]) -> list[Candidate]:
    """Other occurrences of each name, of the short forms of company names
    and of declared abbreviations, outside the mentions found so far."""
    forms: dict[str, str] = dict(declared)
    ambiguous = set()
    canonical = {c.name: c for c in cands if c.short_of is None}
    for c in canonical.values():
        if c.suffix is None:
            continue
        if c.kind == "company":
            for form in orgnames.short_forms(c.name, orgnames.normalise(c.place)):
                if forms.get(form, c.name) != c.name:
                    ambiguous.add(form)
                forms[form] = c.name
    for form in ambiguous:
        forms.pop(form, None)
    for form, target in list(forms.items()):  # 美的 -> 美的集团 -> 美的集团股份有限公司
        seen = {form}
        while target in forms and target not in seen:
            seen.add(target)
            target = forms[target]
        forms[form] = target
    # A candidate that is a short form of another one is a short mention of it,
    # as is a declared short name after a place (广西 + 北部湾港集团).
    for c in cands:
        if c.short_of is not None:
            continue
        if c.name in forms and forms[c.name] != c.name:
            c.short_of = forms[c.name]
            continue
        place = orgnames.normalise(c.place)
        rest = c.name[len(place):] if place and c.name.startswith(place) else ""
        if len(rest) >= 3 and rest in declared and forms.get(rest, c.name) != c.name:
            c.short_of = forms[rest]
    wanted = dict(forms)
    for c in canonical.values():
        if c.short_of is None and c.suffix is None:
            wanted.setdefault(c.name, c.name)
    words = WordSet(wanted)
    taken = SpanSet([(c.start, c.end) for c in cands] + list(scan.doc.damaged))
    text, out, i = scan.text, [], 0
    while i < len(text):
        word = words.starting_at(text, i)
        if word and not taken.overlaps(i, i + len(word)) and _stands_alone(scan, i, i + len(word)):
            target = canonical.get(wanted[word])
            if target is not None:
                short = word != target.name
                out.append(replace(target, start=i, end=i + len(word), name=word,
                                   short_of=target.name if short else None, parent_name=None))
                i += len(word)
                continue
        i += 1
    return out


def _stands_alone(scan: OrgScan, s: int, e: int) -> bool:
    """Not a piece of a longer word: no place crossing its edges, and a short
    (two-character) form bounded by punctuation, stop words or followers."""
    for r in scan.regions:
        if r.start < s < r.end or r.start < e < r.end:
            return False
    if e - s > 2:
        return True
    text = scan.text
    before = s == 0 or not is_cjk(text[s - 1]) or STOPS.ending_at(text, s) is not None
    after = e >= len(text) or not is_cjk(text[e]) or text[e:e + 2] in ("这样", "已经") or \
        orgnames.SUFFIXES.starting_at(text, e) is not None or _follower(text, e)
    clause_start = s == 0 or text[s - 1] in "，。；：！？、\n“”"
    return before and (after or clause_start)


def _follower(text: str, e: int) -> bool:
    return FOLLOWERS.starting_at(text, e) is not None


