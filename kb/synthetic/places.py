"""Places from the real gazetteer, drawn with the skew of regional news.

Pure Python: the gazetteer comes in as plain rows (from fixtures/regions.json
or from the Region table), so articles can be written without a database and
records point at real Region rows by slug.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "regions.json"

YRD = "macro-yangtze-river-delta"
GBA = "macro-greater-bay-area"
JJJ = "macro-jing-jin-ji"
CHENGYU = "macro-chengdu-chongqing"
G60 = "macro-g60-corridor"

# Share of events per cluster: about half in the Yangtze River Delta, then
# the Greater Bay Area, Beijing-Tianjin-Hebei, Chengdu-Chongqing, the rest.
CLUSTER_WEIGHTS = ((YRD, 50), (GBA, 15), (JJJ, 11), (CHENGYU, 8), ("other", 16))
_CLUSTERS = tuple(c for c, _ in CLUSTER_WEIGHTS)
_CUMULATIVE = tuple(sum(w for _, w in CLUSTER_WEIGHTS[: i + 1]) for i in range(len(CLUSTER_WEIGHTS)))
# Province-level places that are cities themselves (their children are counties).
MUNICIPALITIES = ("110000", "120000", "310000", "500000", "810000", "820000")
# Macro-regions outside the four clusters, tried in this order for a place
# of the rest of the country.
WIDER_MACROS = ("macro-northeast", "macro-central-region", "macro-western-region",
                "macro-yellow-river-basin", "macro-yangtze-river-economic-belt", "macro-eastern-region")


@dataclass(frozen=True)
class Place:
    slug: str
    name: str  # as the gazetteer has it: 杭州市, 滨江区, 长三角
    short: str  # as titles use it: 杭州, 滨江, 长三角
    level: str
    parent: str | None
    city: str  # the name a county is written after (杭州市 for 滨江区), else ""
    province: str | None  # adcode of the province, for universities and macro members

    @property
    def full(self) -> str:
        """The name as a report writes a place: 杭州市滨江区, 南京市, 长三角."""
        return f"{self.city}{self.name}" if self.city and not self.name.startswith(self.city) else self.name


def short_name(name: str, aliases: list[str]) -> str:
    """The shortest Simplified alias the name starts with (杭州 for 杭州市),
    else the name itself (光明区 stays: 光明 is a common word)."""
    prefixes = [a for a in aliases if len(a) >= 2 and name.startswith(a) and a != name]
    return min(prefixes, key=len) if prefixes else name


def fixture_rows(path: Path = FIXTURE) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["regions"]


class Gazetteer:
    """The places events happen in, grouped by cluster, and the macro-regions."""

    def __init__(self, rows: list[dict]):
        by_slug = {row["slug"]: row for row in rows}
        self.places: dict[str, Place] = {}
        for row in rows:
            if row["level"] == "country":
                continue
            parent = by_slug.get(row["parent"]) if row["parent"] else None
            city = parent["name"] if row["level"] == "county" and parent else ""
            self.places[row["slug"]] = Place(
                slug=row["slug"], name=row["name"], short=short_name(row["name"], row["aliases"] or []),
                level=row["level"], parent=row["parent"], city=city,
                province=_province_of(row, by_slug),
            )
        self.members = {row["slug"]: list(row["members"] or []) for row in rows if row["level"] == "macro"}
        self.clusters = {slug: self._cluster(slug) for slug, _ in CLUSTER_WEIGHTS if slug != "other"}
        taken = {p.slug for pool in self.clusters.values() for p in pool}
        # Sorted by slug: the draws must not depend on the order rows came in.
        self.clusters["other"] = sorted((p for p in self.places.values() if p.level == "prefecture"
                                         and p.slug not in taken), key=lambda p: p.slug)

    def _cluster(self, macro: str) -> list[Place]:
        """Member cities (and counties) of a macro-region, and their counties:
        provinces that are members give their prefectures instead."""
        members = set(self.members.get(macro, ()))
        expanded = set()
        for slug in members:
            place = self.places.get(slug)
            if place is None:
                continue
            if place.level == "province" and slug not in MUNICIPALITIES:
                expanded |= {p.slug for p in self.places.values() if p.parent == slug and p.level == "prefecture"}
            else:
                expanded.add(slug)
        counties = {p.slug for p in self.places.values() if p.level == "county" and p.parent in expanded}
        return [self.places[s] for s in sorted(expanded | counties) if s in self.places]

    def macro(self, slug: str) -> Place:
        return self.places[slug]

    def pick(self, rng: random.Random) -> tuple[str, Place]:
        """(cluster, place): a city or a county, cities twice as likely."""
        cluster = rng.choices(_CLUSTERS, cum_weights=_CUMULATIVE)[0]
        pool = self.clusters[cluster]
        place = rng.choice(pool)
        if place.level == "county" and rng.random() < 0.5:
            place = rng.choice(pool)  # a second draw: cities come up more often than counties
        return cluster, place

    def pick_in(self, rng: random.Random, cluster: str) -> Place:
        return rng.choice(self.clusters[cluster])

    def macro_for(self, rng: random.Random, cluster: str, place: Place) -> Place:
        """The wider region a story may be named after: the cluster's
        macro-region (长三角G60科创走廊 now and then for its cities), a
        macro-region the place's province belongs to, or the province."""
        if cluster == YRD:
            city = self.city_of(place).slug
            if city in self.members.get(G60, ()) and rng.random() < 0.3:
                return self.places[G60]
        if cluster != "other":
            return self.places[cluster]
        for slug in WIDER_MACROS:
            if place.province in self.members.get(slug, ()):
                return self.places[slug]
        return self.places.get(place.province or "", place)

    def city_of(self, place: Place) -> Place:
        """The prefecture (or municipality) a county belongs to."""
        if place.level == "county" and place.parent in self.places:
            return self.places[place.parent]
        return place


def _province_of(row: dict, by_slug: dict[str, dict]) -> str | None:
    seen = 0
    while row is not None and seen < 6:
        if row["level"] == "province":
            return row["slug"]
        row = by_slug.get(row["parent"]) if row["parent"] else None
        seen += 1
    return None
