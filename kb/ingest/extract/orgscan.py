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
        for level, region in self_places(doc.text, self.regions).items():
            place = gazetteer.get(region.key)
            if place is not None:
                self.main_places[level] = (place, True)
        self._paired: dict[str, set[str]] | None = None  # built when first needed
        # zone word -> the zones named in full that end with it (set by note_zones)
        self.zones: dict[str, set[str]] = defaultdict(set)

    def note_zones(self, names) -> None:
        """Remember the zones the article names in full: 西安高新区 of
        西安高新区管委会, 山西转型综合改革示范区 of its 管理委员会."""
        for name in [*names, *(r.name for r in self.regions)]:
            for word in lexicon.ZONE_SHORT_WORDS:
                k = name.find(word)
                while k > 0:
                    zone = name[:k + len(word)]
                    rest = name[k + len(word):]
                    lead = zone[:-len(word)]
                    longest = max((w for w in lexicon.ZONE_SHORT_WORDS if zone.endswith(w)), key=len)
                    if longest == word and len(lead) >= 2 and \
                            all(is_cjk(ch) or ch in "·-" for ch in zone) and \
                            not lead.startswith(lexicon.GENERIC_LEADS) and \
                            (not rest or orgnames.SUFFIXES.ending_at(rest, len(rest))):
                        self.zones[word].add(zone)
                    k = name.find(word, k + 1)

    def zone_of(self, word: str) -> str | None:
        """The one zone the article names in full for a zone word used alone."""
        zones = self.zones.get(word, ())
        if len(zones) != 1:
            return None
        return next(iter(zones))

    def zone_name(self, name: str) -> str | None:
        """示范区党工委 -> 山西转型综合改革示范区党工委, when the article names
        one zone of that kind in full; None otherwise."""
        word = next((w for w in lexicon.ZONE_SHORT_WORDS if name.startswith(w)), None)
        if word is None or len(name) <= len(word):
            return None
        zone = self.zone_of(word)
        return zone + name[len(word):] if zone else None

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
        begins a place is still a stop (和安徽 is no mention of 和安县),
        unless the place is written in full with its level (于都县)."""
        span = self.region_spans.covering(start, end)
        if span is not None and span[0] < start:
            return True
        region = self.region_at.get(start)
        return region is not None and region.end - region.start >= 3 and \
            self.text[region.end - 1] in "省市县区州旗盟"

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
            # 水利部黄河水利委员会, 工业和信息化部…中心: a national body the
            # name starts with stands where a place would.
            ministry = orgnames.STANDALONE.starting_at(self.text[:end], start)
            if ministry and start + len(ministry) < end:
                return start + len(ministry), None, 1
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



# 我区, 我市: the place of the body whose website the article comes from.
_SELF_WORDS = {"我省": "province", "我市": "prefecture", "我区": "county", "我县": "county"}
_SITE_WORDS = ("门户网站", "官方网站", "网站", "官网")
_SITE_OWNERS = ("人民政府", "政府", "委员会", "管委会", "党委", "市委", "区委", "县委", "省委")


def self_places(text: str, regions: list[RegionMention]) -> dict[str, RegionMention]:
    """level -> the place an article calls 我区/我市/我县/我省: the place of
    that level in its first line when that line names the government or
    committee whose website publishes it (郑州市惠济区人民政府 … 来我区考察,
    岳阳市人民政府门户网站 … 我市举办)."""
    first = text.split("\n", 1)[0].strip()
    owner = first
    for word in _SITE_WORDS:
        owner = owner.removesuffix(word)
    if not owner or len(first) > 30 or not owner.endswith(_SITE_OWNERS):
        return {}
    out = {}
    for word, level in _SELF_WORDS.items():
        if word not in text:
            continue
        here = [r for r in regions if r.end <= len(owner) and r.level == level]
        if len({r.key for r in here}) == 1:
            out[level] = here[0]
    return out


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


