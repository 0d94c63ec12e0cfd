"""Organisation names that end in a suffix (有限公司, 研究院, 政协, 联盟 …).

The suffix ends the name; the left boundary is found by walking back to
punctuation, an ordinal or count (第十二届, 12个), or a stop word (的 在 与 由
走进 来自 …).  A stop that would leave no valid name is walked past (美的集团,
华为技术有限公司, 北京大学软件与微电子学院); running into a damaged span drops
the name, which would be incomplete.  Then a person's name glued before it is
cut off (王存山常州旭荣…), and names that go on past a suffix nest: the shorter
one is the parent (…有限公司浙江分公司) unless the name just goes on with a
legal form or a bracketed place (研究院(江苏)有限公司).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.names import name_end
from kb.ingest.extract.orgscan import CONJUNCTIONS, Candidate, OrgScan, bare_level
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import (
    CLOSE_BRACKETS,
    CLOSE_QUOTES,
    OPEN_BRACKETS,
    OPEN_QUOTES,
    WordSet,
    dash_joins,
    is_cjk,
    is_name_char,
)
from kb.ingest.extract.titles import CORES

STOPS = WordSet(lexicon.ORG_LEFT_STOPS)
_MAX_NAME = 40
_NEVER_FIRST = "的与及将是由于以为据"
_ACADEMIC_UNITS = ("学院", "研究所", "研究院", "实验室", "研究中心", "系")
# 第十二届 全国政协, 首批 长三角创新联合体, 12个 …: an ordinal or a count is no
# part of the name after it.
_ORDINAL = re.compile(r"(?:第[一二三四五六七八九十百零〇两\d]+|首|\d+|[一二三四五六七八九十两几多数]+)"
                      r"[届期批次个家所位名项座场]$|\d+[年月日号]$")
_TITLE_HEADS = WordSet(w for w in lexicon.TITLE_CORES if len(w) >= 2)
_VALVE_CHARS = "".join(w for w in lexicon.ORG_STOP_NAME_CHARS if len(w) == 1)
# Verbs of being somewhere: a province-and-city before a company after them is
# where it is, not part of its name (在广东佛山美的集团股份有限公司参观).
_LOCATIVE = ("在", "到", "赴", "走进", "来到", "前往", "走访", "探访", "参观", "考察")


def suffix_candidates(scan: OrgScan) -> list[Candidate]:
    """All names that end in a suffix, people cut off, nested names resolved."""
    cands = _trim_people(scan, _candidates(scan))
    return _nest(scan, cands + _departments(scan, cands))


# A department of a ministry or a commission, named by its field (外交部亚洲司,
# 国家发改委地区司): not a 公司, not the 司 of a title (副司长).
_DEPARTMENT_AFTER = re.compile(r"([\u4e00-\u9fff]{1,8}?)司(?![长令机])")


def _departments(scan: OrgScan, cands: list[Candidate]) -> list[Candidate]:
    out = []
    for c in cands:
        if c.kind != "government" or not c.name.endswith(("部", "委", "局", "署")):
            continue
        m = _DEPARTMENT_AFTER.match(scan.text, c.end)
        if m is None or any(ch in m.group(1) for ch in "公的") or m.group(1).startswith("副") or \
                scan.damaged.overlaps(c.start, m.end()):
            continue
        out.append(replace(c, end=m.end(), name=c.name + m.group(), suffix="司"))
    return out


def _suffix_matches(scan: OrgScan) -> list[tuple[int, int, str]]:
    text, found = scan.text, []
    for e in range(2, len(text) + 1):
        suffix = orgnames.SUFFIXES.ending_at(text, e)
        if suffix and not orgnames.continues_word(text, e, suffix):
            found.append((e - len(suffix), e, suffix))
    # A match that ends inside a longer one is part of it (集团 in 集团有限公司,
    # 科委 in 学科委员会).
    return [m for m in found if not any(o[0] < m[1] < o[1] for o in found if o is not m)]


def _walk_left(scan: OrgScan, suffix_start: int, end: int, suffix: str) -> int | None:
    text, pos = scan.text, suffix_start
    while pos > 0:
        if end - pos > _MAX_NAME or scan.damaged.overlaps(pos - 1, pos):
            return None
        ch = text[pos - 1]
        if ch in CLOSE_BRACKETS:
            open_at = _bracket_group(scan, pos)
            if open_at is None:
                return pos
            pos = open_at
            continue
        if dash_joins(text, pos):
            pos -= 1  # 天津滨海-中关村科技园: two places joined in one name
            continue
        if not is_name_char(ch) or _ORDINAL.search(text, max(0, pos - 8), pos):
            return pos
        stop = STOPS.ending_at(text, pos)
        if stop and orgnames.begins_word(text, pos - 1):
            stop = None  # 和平, 对外: the stop begins a word of the name
        if stop and orgnames.inside_department(text, pos - len(stop), pos):
            stop = None  # 文化和旅游部亚洲旅游交流中心: the 和 of a ministry's name
        if stop and not scan.inside_place(pos - len(stop), pos):
            if stop in lexicon.ORG_STOP_NAME_CHARS and (
                    _academic_join(text, pos - 1, suffix) or _bureau_join(text, pos - 1, suffix)
                    or _assess(scan, pos, end, suffix) is None):
                pos -= len(stop)
                continue
            return pos
        pos -= 1
    return pos


def _bureau_join(text: str, k: int, suffix: str) -> bool:
    """香港特别行政区政府民政及青年事务局, 商务部对外投资和经济合作司: two
    fields joined by a conjunction in the name of a bureau or a department,
    right after its government or ministry."""
    department = suffix.endswith("司") and not suffix.endswith("公司")
    if text[k] not in CONJUNCTIONS or not (suffix.endswith("局") or department):
        return False
    parent = "部" if department else "政府"
    for j in range(k - 2, max(0, k - 5), -1):
        if text.endswith(parent, 0, j):
            return all(is_cjk(ch) for ch in text[j:k])
    return False


def _academic_join(text: str, k: int, suffix: str) -> bool:
    """北京大学软件与微电子学院, 郑州大学黄河生态保护与区域协调发展研究院: a
    conjunction inside a unit of a university or an institute, at most eight
    characters after the parent's name."""
    if text[k] not in CONJUNCTIONS or suffix not in _ACADEMIC_UNITS:
        return False
    for j in range(k - 1, max(0, k - 9), -1):
        parent = orgnames.SUFFIXES.ending_at(text, j)
        if parent and lexicon.ORG_SUFFIXES[parent] in ("university", "research"):
            return all(is_cjk(ch) for ch in text[j:k])
    return False


def _bracket_group(scan: OrgScan, close_end: int) -> int | None:
    """Start of the bracket group that ends at close_end, when it reads as
    part of a name: a place, a Latin abbreviation, a few plain characters."""
    text = scan.text
    lo = max(0, close_end - 14)
    open_at = max(text.rfind(o, lo, close_end - 1) for o in OPEN_BRACKETS)
    if open_at < 0:
        return None
    inner = text[open_at + 1:close_end - 1]
    if not inner or not all(is_name_char(ch) for ch in inner):
        return None
    if inner.startswith(("含", "即", "简称", "下称", "以下", "原")):
        return None
    return open_at


def _assess(scan: OrgScan, start: int, end: int, suffix: str, quoted: bool = False):
    """(place end, region mention, levels) when text[start:end] is a valid
    name with that suffix, else None."""
    name = scan.text[start:end]
    # The place may share its last character with the suffix (成都市 + 市委).
    place_end, region, levels = scan.place_prefix(start, end)
    if not _internal_stops_ok(scan, start, name, place_end - start, suffix):
        return None
    body = ""
    if place_end < end - len(suffix):
        body = orgnames.strip_parens(orgnames.body_of(scan.text[place_end:end], suffix))
    has_place = place_end > start
    if suffix == "党委" and not (has_place and (not body or scan.in_region(place_end, end - 2))):
        return None  # 广西壮族自治区党委; the 党委 of a body is part of a title
    if not orgnames.body_ok(body, suffix, has_place, quoted, orgnames.normalise(name)):
        return None
    return place_end, region, levels


def _internal_stops_ok(scan: OrgScan, start: int, name: str, place: int, suffix: str = "") -> bool:
    """Stops walked past must read as part of the name: a brand of one or two
    characters before them (美的, 华为), 联合 before a suffix, or a
    conjunction inside an academic unit (北京大学软件与微电子学院)."""
    for k, ch in enumerate(name):
        if ch not in _VALVE_CHARS or k < place or scan.inside_place(start + k, start + k + 1) or \
                orgnames.begins_word(name, k) or orgnames.inside_department(name, k, k + 1):
            continue
        if k == 0:
            if ch in _NEVER_FIRST:
                return False
            continue
        if ch in CONJUNCTIONS:
            if orgnames.SUFFIXES.ending_at(name, k) and k - place > 2:
                return False  # A人民政府和B…: two names listed, not one
            # 新希望六和股份有限公司: the last character of a trade name.
            brand = 1 <= k - place <= 2 and not orgnames.SUFFIXES.ending_at(name, k)  # not 公司与…
            # 新希望六和股份有限公司: a trade name ending in 和 before its
            # suffix; …企业与政府 is two parties, not one government.
            follower = orgnames.SUFFIXES.starting_at(name, k + 1)
            if (follower and lexicon.ORG_SUFFIXES[follower] != "government") or brand \
                    or _academic_join(name, k, suffix):
                continue
            ends = [j for j in range(1, k) if orgnames.SUFFIXES.ending_at(name, j)]
            if not any(1 <= k - j <= 4 for j in ends):
                return False
        elif not 1 <= k - place <= 2 or _generic_word(name[place:k]):
            return False  # 高校的实验室: a class noun before 的 is no brand
    k = name.find("联合")
    return k <= 0 or orgnames.SUFFIXES.starting_at(name, k + 2) is not None or \
        orgnames.SUFFIXES.ending_at(name, k + 3) is not None


def _generic_word(word: str) -> bool:
    return word in lexicon.GENERIC_ORG_WORDS or word in lexicon.ORG_CLASS_NOUNS


def _candidates(scan: OrgScan) -> list[Candidate]:
    out = []
    for s, e, suffix in _suffix_matches(scan):
        if scan.damaged.overlaps(s, e):
            continue
        start = _walk_left(scan, s, e, suffix)
        if start is None or start >= s and suffix not in lexicon.STANDALONE_ORGS:
            continue
        if _after_class_marker(scan, start) or _goal(scan.text, start, suffix):
            continue
        if bare_level(scan.text[start:e]) and start not in scan.region_at:
            # 县企业家协会: the place the article is about; when it is about
            # two, the place of a body named before it in the sentence
            # (湖南省委书记X代表省委、省人大常委会…); else none.
            previous = _placed_before(scan.text, out, start)
            titled = any(CORES.starting_at(scan.text, e + k) for k in range(3))  # 市政协副主席
            if not titled and previous is not None:
                # 代表省委、省政府…: bodies listed, no title after them
                cand = scan.bare_body(start, e, previous) or scan.bare_body(start, e)
            else:
                cand = scan.bare_body(start, e) or scan.bare_body(start, e, previous)
        else:
            cand = _make(scan, start, e, suffix, until=_bracket_place_after(scan, e, suffix))
            if cand is None:
                cand = _after_descriptor(scan, start, s, e, suffix)
        if cand is not None:
            out.append(cand)
    return out


def _placed_before(text: str, cands: list[Candidate], start: int) -> Candidate | None:
    """The nearest placed organisation before start in the same sentence."""
    before = [c for c in cands if c.end <= start and c.region_key
              and not any(ch in text[c.end:start] for ch in "。！？!?；;\n")]
    return max(before, key=lambda c: c.end) if before else None


def _after_descriptor(scan: OrgScan, start: int, suffix_start: int, end: int, suffix: str):
    """国际化知名集团公司香港新华集团: a class phrase that ends in a suffix of
    its own, then the name, beginning with a place.  When the whole is no
    name, the name is what starts at that place."""
    for k in range(start + 2, suffix_start):
        ends_class = orgnames.SUFFIXES.ending_at(scan.text, k) or any(
            scan.text.endswith(word, start, k) for word in ("企业", "机构"))  # class nouns, no suffixes
        if ends_class and scan.place_prefix(k, end)[0] > k:
            return _make(scan, k, end, suffix)
    return None


def _goal(text: str, start: int, suffix: str) -> bool:
    """打造长三角科技成果转移中心, 建设成为区域性国际交流中心: a centre after a
    verb of aiming in the same clause is a goal, not a body."""
    if not suffix.endswith("中心"):
        return False
    clause = max(text.rfind(ch, 0, start) for ch in "，,。；;：:！？!?\n")
    return any(verb in text[clause + 1:start] for verb in lexicon.GOAL_VERBS)


_CLASS_MARKER = re.compile(
    r"(?:等(?:\d+|[一二三四五六七八九十百几多数]+)?[家个所]?|(?:\d+|[两三四五六七八九十百几多数]+)[家个所])$")


def _after_class_marker(scan: OrgScan, start: int) -> bool:
    """东方海外、达飞等国际班轮公司, 共13个产业公协会: after 等 or a count
    the words before a suffix name a class of organisations, not one of
    them (unless a place begins them)."""
    return bool(_CLASS_MARKER.search(scan.text, max(0, start - 6), start)) and \
        start not in scan.region_at


def _bracket_place_after(scan: OrgScan, end: int, suffix: str) -> int:
    """中国石油大学(华东): a university or an institute named with the place
    of its campus in brackets after it; the bracket belongs to the name."""
    text = scan.text
    if end >= len(text) or text[end] not in OPEN_BRACKETS or \
            lexicon.ORG_SUFFIXES.get(suffix) not in ("university", "research"):
        return end
    close = min((i for i in (text.find(c, end + 1, end + 8) for c in CLOSE_BRACKETS) if i > 0),
                default=-1)
    if close < 0:
        return end
    inner = text[end + 1:close]
    region = scan.region_at.get(end + 1)
    if inner in lexicon.BRACKET_REGIONS or (region is not None and region.end == close):
        return close + 1
    return end


def _make(scan: OrgScan, start: int, end: int, suffix: str, uncertain: bool = False,
          until: int | None = None):
    """The candidate text[start:end] ending in `suffix`, or None; `until`
    extends the name past the suffix (a bracketed campus place)."""
    text = scan.text
    if scan.in_region(start, end):  # a zone of the gazetteer, not an organisation
        return None
    quoted = start > 0 and text[start - 1] in OPEN_QUOTES and end < len(text) and \
        text[end] in CLOSE_QUOTES
    assessed = _assess(scan, start, end, suffix, quoted)
    if assessed is None:
        return None
    place_end, region, levels = assessed
    kind = orgnames.kind_of(orgnames.normalise(text[start:end]), suffix, place_end > start)
    if region is not None and _locative(scan, start, place_end, levels, kind, end):
        start, region = place_end, None
        place_end = start
    if region is None:
        region = _bracket_region(scan, start, end)
    end = max(end, until or end)
    return Candidate(start, end, orgnames.normalise(text[start:end]), kind, suffix,
                 region.key if region else None, uncertain=uncertain,
                 place=text[start:place_end])


def _locative(scan, start, place_end, levels, kind, end) -> bool:
    """A company name after 在/到 … that starts with province and city, one
    with a place in brackets as well, or any name whose place is followed by
    中国/全国 …: the leading places say where it is."""
    if place_end >= end:
        return False
    name = scan.text[place_end:end]
    before = scan.text[max(0, start - 2):start]
    if orgnames.NATIONAL.starting_at(name, 0):
        # 赴北京中国人民大学: where it is; 香港中华总商会: a name of its own.
        return before.endswith(_LOCATIVE)
    if kind != "company":
        return False
    if _bracket_region(scan, place_end, end) is not None and orgnames.strip_parens(name) != name:
        return True
    return levels >= 2 and before.endswith(_LOCATIVE)


def _bracket_region(scan: OrgScan, start: int, end: int) -> RegionMention | None:
    for r in scan.regions:
        if start < r.start and r.end < end and scan.text[r.start - 1] in OPEN_BRACKETS:
            return r
    return None




def _trim_people(scan: OrgScan, cands: list[Candidate]) -> list[Candidate]:
    """王存山常州旭荣针织印染有限公司: a name of two or three characters glued
    before a place or before a name found elsewhere is a person, not part of
    the organisation; so is a title before a place (董事长江山…)."""
    names = {c.name for c in cands}
    out = []
    for c in cands:
        title = _TITLE_HEADS.starting_at(c.name, 0)
        if title and c.start + len(title) in scan.region_at:  # 董事长江山…集团: a title before it
            trimmed = _make(scan, c.start + len(title), c.end, c.suffix, c.uncertain)
            if trimmed is not None:
                out.append(trimmed)
                continue
        for k in (2, 3, 4):
            head, rest = c.name[:k], c.name[k:]
            if len(rest) < 3 or name_end(head + "，", 0) != k or \
                    scan.region_spans.overlaps(c.start, c.start + k):
                continue
            if c.start + k in scan.region_at or rest in names:
                end = c.end
                if c.suffix and not scan.text.endswith(c.suffix, 0, end):  # 大学(华东)
                    end = max(scan.text.rfind(o, c.start, end) for o in OPEN_BRACKETS)
                trimmed = _make(scan, c.start + k, end, c.suffix, c.uncertain, until=c.end)
                if trimmed is not None:
                    c = trimmed
                break
        out.append(c)
    return out




def _nest(scan: OrgScan, cands: list[Candidate]) -> list[Candidate]:
    """Keep the outermost name of candidates that share a start; an inner one
    is an organisation of its own (the parent) unless the outer name just
    goes on with another suffix (医院联盟, 研究院(江苏)有限公司)."""
    by_start: dict[int, list[Candidate]] = defaultdict(list)
    for c in cands:
        by_start[c.start].append(c)
    out = []
    for group in by_start.values():
        group.sort(key=lambda c: c.end)
        kept = []
        for inner, outer in zip(group, group[1:], strict=False):
            rest = scan.text[inner.end:outer.end]
            follower = orgnames.SUFFIXES.starting_at(rest, 0)
            if rest[:1] in OPEN_BRACKETS or follower == rest or \
                    lexicon.ORG_SUFFIXES.get(follower) in ("alliance", "association"):
                continue  # 集团有限公司, 研究院(江苏)有限公司, 医院联盟, 医院协会
            kept.append(inner)
        kept.append(group[-1])
        for parent, child in zip(kept, kept[1:], strict=False):
            child.parent_name = parent.name
            if child.suffix in lexicon.BRANCH_SUFFIXES:  # 华东分院 of a 研究院
                child.kind = parent.kind
        out.extend(kept)
    # Drop a candidate that lies inside another one without sharing its start.
    spans = [(c.start, c.end) for c in out]
    return [c for c in out
            if not any(s < c.start and c.end <= e for s, e in spans)]


