"""The region gazetteer as the extractors see it: names and aliases to
places, with parents and macro-region members (pure Python; the loader builds
it from kb.Region rows, tests from fixtures/regions.json)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# Administrative suffixes, longest first: a name ending in one of them is a
# full name ("松江区"); a name without one is a short form ("松江").
ADMIN_SUFFIXES = (
    "特别行政区", "自治州", "自治县", "自治旗", "自治区", "林区", "地区", "新区",
    "省", "市", "区", "县", "旗", "盟",
)

# Levels from widest to narrowest, for "most specific first" ordering.
LEVEL_RANK = {"country": 0, "macro": 1, "province": 2, "prefecture": 3, "county": 4, "zone": 5}


@dataclass(frozen=True)
class Place:
    key: str  # Region.slug
    name: str
    level: str
    parent: str | None = None
    adcode: str | None = None
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 9)


class Gazetteer:
    def __init__(self, places: Iterable[Place]):
        self.places: dict[str, Place] = {p.key: p for p in places}
        index: dict[str, list[Place]] = defaultdict(list)
        for place in self.places.values():
            for name in {place.name, *place.aliases}:
                if name:
                    index[name].append(place)
        self.index = dict(index)
        self.max_len = max((len(n) for n in self.index), default=0)

    @classmethod
    def from_entries(cls, entries: Iterable[dict]) -> Gazetteer:
        return cls(
            Place(
                key=e["slug"],
                name=e["name"],
                level=e["level"],
                parent=e.get("parent"),
                adcode=e.get("adcode"),
                aliases=tuple(e.get("aliases") or ()),
                members=tuple(e.get("members") or ()),
            )
            for e in entries
        )

    @classmethod
    def from_fixture(cls, path: str | Path) -> Gazetteer:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_entries(data["regions"] if isinstance(data, dict) else data)

    @cached_property
    def lengths_by_first(self) -> dict[str, tuple[int, ...]]:
        """For each character that starts a name, the lengths of the names it
        starts, longest first: most characters start none, so a scan can
        skip them with one dict lookup."""
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self.index:
            if len(name) >= 2:
                lengths[name[0]].add(len(name))
        return {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}

    def lookup(self, name: str) -> list[Place]:
        return self.index.get(name, [])

    def get(self, key: str | None) -> Place | None:
        return self.places.get(key) if key else None

    def ancestors(self, key: str) -> list[Place]:
        out, seen = [], set()
        place = self.get(self.places[key].parent) if key in self.places else None
        while place is not None and place.key not in seen:
            out.append(place)
            seen.add(place.key)
            place = self.get(place.parent)
        return out

    def is_ancestor(self, ancestor: str, key: str) -> bool:
        return any(p.key == ancestor for p in self.ancestors(key))

    @cached_property
    def province_abbreviations(self) -> dict[str, Place]:
        """One-character official abbreviations of province-level units (沪 苏 浙 皖 …)."""
        out: dict[str, Place] = {}
        for place in self.places.values():
            if place.level != "province":
                continue
            for alias in place.aliases:
                if len(alias) == 1 and "\u4e00" <= alias <= "\u9fff":
                    out.setdefault(alias, place)
        return out


def is_full_name(name: str) -> bool:
    return name.endswith(ADMIN_SUFFIXES)
