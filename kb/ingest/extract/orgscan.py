"""What the organisation rules share: a candidate name, and the article
seen by them (its text, damaged spans, places and the organisations found so
far)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kb.ingest.extract import lexicon, orgnames
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import LEVEL_RANK, Gazetteer
from kb.ingest.extract.regions import RegionMention
from kb.ingest.extract.textscan import SpanSet, is_cjk

CONJUNCTIONS = "与和及"
# The level word of a bare body (市委, 县企业家协会) -> the level of its place.
LEVELS = {"省": "province", "市": "prefecture", "区": "county", "县": "county"}
# … unless it begins an ordinary word (市场监管, 区域, 省级).
_NOT_BARE = ("市场", "市级", "市域", "区域", "区块", "区级", "省级", "省域", "县级", "县域")


@dataclass
class Candidate:
    start: int
    end: int
    name: str
    kind: str
    suffix: str | None = None
    region_key: str | None = None
    parent_name: str | None = None
    uncertain: bool = False
    short_of: str | None = None  # canonical name when this is a short form
    place: str = ""  # the place prefix as written
    bare: str = ""  # a bare body as written (市委, 区委统战部), its place supplied


class OrgScan:
    def __init__(self, doc: Document, regions: list[RegionMention], gazetteer: Gazetteer):
        self.doc = doc
        self.text = doc.text
        self.gazetteer = gazetteer
        self.damaged = SpanSet(doc.damaged)
        self.regions = [r for r in regions if 0 <= r.start < r.end <= len(doc.text)]
        self.region_at = {r.start: r for r in self.regions}
        self.region_end = {r.end: r for r in self.regions}
        self.region_spans = SpanSet((r.start, r.end) for r in self.regions)
        self.known = SpanSet()  # organisations found so far (set by the steps)
        self.main_places = main_places(self.regions, gazetteer)
        self._paired: dict[str, set[str]] | None = None  # built when first needed

    def _places_of_bodies(self) -> dict[str, set[str]]:
        """The long form of each body written right after a place (山东省 +
        科学技术厅) -> the keys of those places."""
        out: dict[str, set[str]] = defaultdict(set)
        text = self.text
        for r in self.regions:
            for k in range(r.end + 2, min(len(text), r.end + 12) + 1):
                if not is_cjk(text[k - 1]):
                    break
                if orgnames.SUFFIXES.ending_at(text, k):
                    out[orgnames.full_form(text[r.end:k])].add(r.key)
        return out

    def _paired_place(self, word: str):
        """省科技厅 after 山东省科学技术厅: the place of the one body of that
        level the article names in full with the long form of the word."""
        if self._paired is None:
            self._paired = self._places_of_bodies()
        level = LEVELS[word[0]]
        keys = {k for k in self._paired.get(orgnames.full_form(word[1:]), ())
                if (p := self.gazetteer.get(k)) is not None and p.level == level}
        return self.gazetteer.get(keys.pop()) if len(keys) == 1 else None

    def bare_body(self, s: int, t: int, previous: Candidate | None = None) -> Candidate | None:
        """市委, 市工商联, 省总商会 without their place: the place of the
        organisation before it in a chain (上海市政协副主席、市工商联主席), else
        the place the article is clearly about; none when neither is known."""
        word = orgnames.normalise(self.text[s:t])
        level_char = word[0]
        place = None
        if previous is not None and previous.region_key:
            candidate = self.gazetteer.get(previous.region_key)
            if candidate is not None and candidate.name.endswith(level_char):
                place = candidate
        if place is None:
            candidate, sure = self.main_places.get(LEVELS[level_char], (None, False))
            if sure and candidate.name.endswith(level_char):
                place = candidate
        if place is None and len(word) > 2:
            place = self._paired_place(word)
        if place is None:
            return None
        name = orgnames.join_place(place.name, word)
        suffix = orgnames.suffix_of(word) or word
        kind = lexicon.ORG_SUFFIXES.get(suffix) or lexicon.ORG_SUFFIXES.get(suffix[1:], "other")
        return Candidate(s, t, name, kind, word, place.key, short_of=name, bare=word)

    def covered(self, start: int, end: int) -> bool:
        """text[start:end] is one known organisation, or two joined by 和/与/及."""
        spans = self.known
        if spans.covering(start, end):
            return True
        for k in range(start + 2, end - 2):
            if self.text[k] in CONJUNCTIONS and spans.covering(start, k) and \
                    spans.covering(k + 1, end):
                return True
        return False

    def in_region(self, start: int, end: int) -> bool:
        return self.region_spans.covering(start, end) is not None

    def inside_place(self, start: int, end: int) -> bool:
        """A stop word that is part of a place name (都 of 成都).  One that
        begins a place is still a stop: 和安徽 is no mention of 和安县."""
        span = self.region_spans.covering(start, end)
        return span is not None and span[0] < start

    def place_prefix(self, start: int, end: int) -> tuple[int, RegionMention | None, int]:
        """End of the places the name starts with, the most specific one, and
        how many levels were written (2 for 广东佛山)."""
        pos, last, levels = start, None, 0
        while pos in self.region_at and self.region_at[pos].end <= end:
            region = self.region_at[pos]
            if last is not None and not self._within(region, last):
                break  # 上海市江苏商会: a second place that is no part of the first
            if last is None or rank(region) >= rank(last):  # the most specific place
                last = region
            levels += 2 if region.via == "compound" else 1
            pos = region.end
        if last is None:
            national = orgnames.NATIONAL.starting_at(self.text[:end], start)
            if national:
                return start + len(national), None, 1
            found = self._gazetteer_prefix(start, end)
            if found is not None:
                return found[0], found[1], 1
        return pos, last, levels

    def _within(self, region: RegionMention, outer: RegionMention) -> bool:
        return outer.level in ("country", "macro") or region.key == outer.key or \
            self.gazetteer.is_ancestor(outer.key, region.key)

    def _gazetteer_prefix(self, start: int, end: int):
        """A province or city name the name starts with that the region
        mentions missed (a neighbouring word swallowed it: 和安徽…)."""
        for n in (4, 3, 2):
            if start + n >= end:
                continue
            word = self.text[start:start + n]
            places = [p for p in self.gazetteer.lookup(word) if p.level in ("province", "prefecture")]
            if len(places) == 1:
                place = places[0]
                return start + n, RegionMention(start, start + n, word, place.key, place.name,
                                                place.level, "alias")
        return None


def bare_level(word: str) -> bool:
    """市委, 市工商联, 县企业家协会: a level word, then an organisation name
    that has no place of its own."""
    return len(word) >= 2 and word[0] in LEVELS and not word.startswith(_NOT_BARE) and \
        orgnames.SUFFIXES.ending_at(word, len(word)) is not None


def rank(region: RegionMention) -> int:
    return LEVEL_RANK.get(region.level, 9)



def main_places(regions: list[RegionMention], gazetteer: Gazetteer) -> dict:
    """level -> (Place, sure) of the place the article is mostly about: the
    most mentioned place of that level, counting mentions of places under it."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in regions:
        place = gazetteer.get(r.key)
        if place is None:
            continue
        for p in [place, *gazetteer.ancestors(place.key)]:
            counts[p.level][p.key] += 1
    out = {}
    for level, counter in counts.items():
        ranked = counter.most_common(2)
        top_key, top = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if top > second:
            out[level] = (gazetteer.get(top_key), top >= 2 and top >= 2 * second)
    return out


