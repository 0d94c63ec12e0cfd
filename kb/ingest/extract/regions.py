"""Place mentions: gazetteer names and aliases matched longest first.

Ordinary words that happen to be place names are the main risk, so a short
form (a name without its 省/市/区/县 suffix) of a county-level unit only
counts where its parent is in sight: written right before it (上海松江,
苏州吴中) or named elsewhere in the article.  A name several places share
(朝阳: a city and two districts) is resolved by the same context, and left out
when the context does not decide.  Runs of one-character province
abbreviations (沪苏浙皖, 京津冀鲁) name each province.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer, Place, is_full_name
from kb.ingest.extract.textscan import SpanSet

# After a two-character abbreviation run, what makes it read as a pair of
# provinces rather than an ordinary word.
# Short forms of cities that are ordinary words as well (黄河入海口, 黄山 the
# mountain, 长治久安, 来宾 guests, 朝阳 the morning sun, 白银 silver): they
# count only with their province in sight or 市 written after them.
WORD_LIKE = frozenset({
    "海口", "黄山", "中山", "东方", "长治", "安康", "来宾", "朝阳", "大同", "黑河", "白山", "白银",
    "普洱", "红河", "阿里", "山南", "中卫", "哈密", "三沙", "海东", "海北", "海西", "攀枝花", "吉安",
    "永安", "通化", "和平", "城区", "郊区", "矿区",
})

# A place name right before one of these names a street, a garment or a
# park elsewhere (南京路 is in Shanghai, 中山装 is a suit).
_STREET = re.compile(r"(?:路|街|大道|大街|巷|装|公园|广场|中路|东路|西路|南路|北路)")
_PAIR_FOLLOWERS = set("两三四等地省市交毗合协联一携共，,、。；;")


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    text: str
    key: str
    name: str
    level: str
    # 'name' (full name), 'alias' (short or Traditional form), 'abbreviation'
    # (one character of a run such as 沪苏浙皖), 'compound' (上海松江).
    via: str
    parent_key: str | None = None


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def find_regions(doc: Document, gazetteer: Gazetteer) -> list[RegionMention]:
    raw = [(s, e, c) for s, e, c in _raw_matches(doc.text, gazetteer)
           if not _STREET.match(doc.text, e)]
    # Places the article certainly names (a full name, or a short form of a
    # province or city), with their ancestors: the context that lets a
    # county's short form count.
    mentioned = {c[0].key for s, e, c in raw
                 if len(c) == 1 and doc.text[s:e] not in WORD_LIKE
                 and (c[0].rank < 4 or (is_full_name(doc.text[s:e]) and e - s > 2))}
    mentioned |= {a.key for key in list(mentioned) for a in gazetteer.ancestors(key)}
    abbreviations = gazetteer.province_abbreviations
    mentions: list[RegionMention] = []
    previous: RegionMention | None = None
    for start, end, candidates in raw:
        if doc.is_damaged(start, end):
            continue
        text = doc.text[start:end]
        if len(text) >= 2 and all(ch in abbreviations for ch in text) \
                and all(c.level == "macro" for c in candidates):
            # 沪苏浙皖 / 京津冀: each character names a province, and the run
            # is a macro-region's name as well (辽宁 is one province).
            mentions.extend(_abbreviation_mentions(text, start, abbreviations))
            previous = None
        adjacent = previous is not None and (
            previous.end == start or (previous.end == start - 1 and doc.text[start - 1] in " \u3000"))
        adjacent_parent = previous.key if adjacent else None
        cued = start > 0 and doc.text[start - 1] in "在赴到于来至"
        place = _resolve(text, candidates, gazetteer, mentioned, adjacent_parent, cued)
        if place is None:
            previous = None
            continue
        via = "name" if text == place.name else "alias"
        parent_key = None
        if adjacent_parent and gazetteer.is_ancestor(adjacent_parent, place.key):
            # 上海松江 / 杭州市钱塘区: the parent written right before decides.
            via, parent_key = "compound", adjacent_parent
        if place.level == "country":
            previous = None
            continue  # 中国 names the whole country: no place to file an event under
        if place.rank >= 3 and len(text) == 2 and not cued and adjacent_parent is None \
                and _crosses_a_word(doc.text, start, end, gazetteer):
            previous = None
            continue  # 确保定期 holds 保定, 新乡村 holds 新乡
        mention = RegionMention(start, end, text, place.key, place.name, place.level, via, parent_key)
        mentions.append(mention)
        previous = mention
    mentions.extend(_abbreviation_runs(doc, gazetteer, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


# ln P(b | a) inside a word above which a character pair is taken to be a
# word (确保 -3.1, 乡村 -2.8; 苏南 -5.2 is no obstacle to 江苏南京).
WORD_PAIR = -4.0


def _crosses_a_word(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """A two-character city or county name whose first character ends a word
    before it (确|保定) or whose last begins a word after it (新|乡村).  The
    pair table is the mojibake scorer's, built from a word list; a pair that
    is a place name itself (山东 in 佛山东部) is no word here."""
    pairs = _pair_table()
    for pair in (text[start - 1:start + 1] if start > 0 else "",
                 text[end - 1:end + 1] if end < len(text) else ""):
        if len(pair) == 2 and pairs.get(pair, -99.0) > WORD_PAIR and not gazetteer.lookup(pair):
            return True
    return False


@functools.cache
def _pair_table() -> dict[str, float]:
    from kb.ingest.plausibility import Scorer

    return Scorer().pairs


def _abbreviation_mentions(text: str, start: int, abbreviations: dict) -> list[RegionMention]:
    return [
        RegionMention(start + k, start + k + 1, ch, abbreviations[ch].key, abbreviations[ch].name,
                      abbreviations[ch].level, "abbreviation")
        for k, ch in enumerate(text)
    ]


def _raw_matches(text: str, gazetteer: Gazetteer):
    """Gazetteer matches that do not overlap, left to right.  Where two
    matches overlap, the stronger wins: a province or city, or a full name,
    beats a county's short form (和安徽 is 安徽, not 和安县's 和安)."""
    found = []
    n = len(text)
    starts = gazetteer.lengths_by_first
    index = gazetteer.index
    for i, ch in enumerate(text):
        lengths = starts.get(ch)
        if not lengths:
            continue
        for length in lengths:
            if i + length <= n:
                candidates = index.get(text[i : i + length])
                if candidates:
                    found.append((i, i + length, candidates))
                    break
    chosen = []
    k = 0
    while k < len(found):
        start, end, candidates = found[k]
        # `found` is in order of start: the rivals are the matches right after.
        j = k + 1
        while j < len(found) and found[j][0] < end:
            j += 1
        rivals = found[k + 1:j]
        stronger = [f for f in rivals if _strength(text, f) > _strength(text, found[k])]
        if stronger:
            k += 1
            continue
        chosen.append(found[k])
        while k < len(found) and found[k][0] < end:
            k += 1
    return chosen


def _strength(text: str, match) -> tuple[int, int]:
    start, end, candidates = match
    name = text[start:end]
    best = min(c.rank for c in candidates)
    if best <= 3:
        prominence = 2  # country, macro-region, province, city
    elif is_full_name(name) or any(name == c.name for c in candidates):
        prominence = 1
    else:
        prominence = 0
    return prominence, end - start


def _resolve(text: str, candidates: list[Place], gazetteer: Gazetteer,
             mentioned: set[str], adjacent_parent: str | None, cued: bool = False) -> Place | None:
    if adjacent_parent:
        under = [c for c in candidates if gazetteer.is_ancestor(adjacent_parent, c.key)]
        if len(under) == 1:
            return under[0]
    short_form = not is_full_name(text) and not any(text == c.name for c in candidates)
    if text in WORD_LIKE and not cued:  # 在海口举行 is the city
        candidates = [c for c in candidates
                      if any(a.key in mentioned for a in gazetteer.ancestors(c.key)
                             if a.level in ("province", "prefecture"))]
    # 和县, 萧县: a two-character full name reads like ordinary words too.
    if short_form or len(text) <= 2:
        # A short form of a county-level unit needs its parent in sight.
        candidates = [
            c for c in candidates
            if c.rank < 4 or any(a.key in mentioned for a in gazetteer.ancestors(c.key)
                                 if a.level in ("province", "prefecture", "county"))
        ]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    in_context = [c for c in candidates
                  if any(a.key in mentioned for a in gazetteer.ancestors(c.key)
                         if a.level not in ("country", "macro"))]
    if len(in_context) == 1:
        return in_context[0]
    exact = [c for c in candidates if c.name == text]
    if len(exact) == 1:
        return exact[0]
    best_rank = min(c.rank for c in candidates)
    widest = [c for c in candidates if c.rank == best_rank]
    # 吉林 is a province and a city: the wider reading is the usual one.
    return widest[0] if len(widest) == 1 else None


def _abbreviation_runs(doc: Document, gazetteer: Gazetteer,
                       found: list[RegionMention]) -> list[RegionMention]:
    abbreviations = gazetteer.province_abbreviations
    taken = SpanSet((m.start, m.end) for m in found)
    out: list[RegionMention] = []
    text, i, n = doc.text, 0, len(doc.text)
    while i < n:
        j = i
        while j < n and text[j] in abbreviations:
            j += 1
        run = text[i:j]
        if len(run) >= 2 and len(set(run)) == len(run) and not taken.overlaps(i, j) \
                and not doc.is_damaged(i, j) \
                and (len(run) >= 3 or _reads_as_pair(text, i, j)):
            out.extend(_abbreviation_mentions(run, i, abbreviations))
        i = max(j, i + 1)
    return out


def _reads_as_pair(text: str, i: int, j: int) -> bool:
    """A two-character run (京沪, 川渝) only when what follows makes it a
    pair of places (两地, 合作, a comma …)."""
    return j < len(text) and text[j] in _PAIR_FOLLOWERS

