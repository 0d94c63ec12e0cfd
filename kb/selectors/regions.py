"""Reads of the region gazetteer: the extractors' index for an import run,
and the region tree that region filters, facets and the timeline's
denormalised top regions expand."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_save

from kb.ingest.extract.gazetteer import Gazetteer, Place
from kb.models import Region, RegionLevel


def gazetteer_from_db() -> Gazetteer:
    """The whole gazetteer as the extractors' in-memory index (a few thousand
    rows: read once per import run, not per article)."""
    members: dict[int, list[str]] = defaultdict(list)
    slug_of = dict(Region.objects.values_list("id", "slug"))
    for macro_id, member_id in Region.members.through.objects.values_list(
        "from_region_id", "to_region_id"
    ):
        members[macro_id].append(slug_of[member_id])
    places = [
        Place(
            key=row["slug"],
            name=row["name"],
            level=row["level"],
            parent=slug_of.get(row["parent_id"]),
            adcode=row["adcode"],
            aliases=tuple(row["aliases"] or ()),
            members=tuple(members.get(row["id"], ())),
        )
        for row in Region.objects.values("id", "slug", "name", "level", "parent_id", "adcode", "aliases")
    ]
    return Gazetteer(places)


def region_ids_by_slug() -> dict[str, int]:
    return {slug: pk for pk, slug in Region.objects.values_list("id", "slug")}


# The region tree -------------------------------------------------------------------

# The levels a province's map shows (RegionTree.map_areas).
AREA_LEVELS = (RegionLevel.PREFECTURE, RegionLevel.COUNTY)


@dataclass(eq=False)
class RegionTree:
    """The gazetteer's shape in memory: parents, children and macro-region
    members, read with one query.  A few thousand rows: cheaper than a
    recursive query per filter, and it works the same on every database.

    A tree is shared between requests (region_tree_cached) and must be
    treated as read-only; what is derived from it (expansions, the top
    regions, which tops each region lies in) is computed once per tree."""

    names: dict[int, str] = field(default_factory=dict)
    levels: dict[int, str] = field(default_factory=dict)
    adcodes: dict[int, str | None] = field(default_factory=dict)
    parents: dict[int, int | None] = field(default_factory=dict)
    children: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    members: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))

    def expand(self, region_id: int) -> set[int]:
        """The region, its descendants, and for a macro-region its members
        and their descendants (members of members too).  A new set each
        call (the expansion itself is computed once per tree)."""
        return set(self._expansion(region_id))

    def _expansion(self, region_id: int) -> frozenset[int]:
        cache = self.__dict__.setdefault("_expansions", {})
        found = cache.get(region_id)
        if found is None:
            seen: set[int] = set()
            stack = [region_id]
            while stack:
                current = stack.pop()
                if current in seen or current not in self.names:
                    continue
                seen.add(current)
                stack.extend(self.children.get(current, ()))
                stack.extend(self.members.get(current, ()))
            found = cache[region_id] = frozenset(seen)
        return found

    def ancestors(self, region_id: int) -> list[int]:
        """Parent, grandparent … (nearest first)."""
        chain, current = [], self.parents.get(region_id)
        while current is not None and current not in chain:
            chain.append(current)
            current = self.parents.get(current)
        return chain

    def top_regions(self) -> list[int]:
        """Macro-regions, then provinces, for facets: in gazetteer order
        (macro-regions by name, provinces by adcode)."""
        return list(self._tops)

    def is_top(self, region_id: int) -> bool:
        return region_id in self._top_set

    @cached_property
    def _top_set(self) -> frozenset[int]:
        return frozenset(self._tops)

    @cached_property
    def _tops(self) -> tuple[int, ...]:
        macros = sorted(
            (pk for pk, level in self.levels.items() if level == RegionLevel.MACRO),
            key=lambda pk: self.names[pk],
        )
        provinces = sorted(
            (pk for pk, level in self.levels.items() if level == RegionLevel.PROVINCE),
            key=lambda pk: (self.adcodes[pk] or "999999", self.names[pk]),
        )
        return (*macros, *provinces)

    @cached_property
    def tops_by_region(self) -> dict[int, tuple[int, ...]]:
        """region id -> the top regions (top_regions) whose expansion holds
        it, ascending; regions inside no top region are left out."""
        return self._holders(self._tops)

    def tops_of(self, region_ids) -> list[int]:
        """The top regions an event linked to these regions lies in."""
        return _gathered(self.tops_by_region, region_ids)

    def _holders(self, holders) -> dict[int, tuple[int, ...]]:
        """region id -> those of `holders` whose expansion holds it."""
        found: dict[int, list[int]] = defaultdict(list)
        for holder in sorted(holders):
            for region in self._expansion(holder):
                found[region].append(holder)
        return {region: tuple(held) for region, held in found.items()}

    @cached_property
    def map_areas(self) -> frozenset[int]:
        """What the maps below the country are drawn in: every province's
        prefecture- and county-level children, and a province that has none
        (Hong Kong, Macao) as a whole."""
        areas: set[int] = set()
        for pk, level in self.levels.items():
            if level == RegionLevel.PROVINCE:
                below = [c for c in self.children.get(pk, ()) if self.levels.get(c) in AREA_LEVELS]
                areas.update(below or [pk])
        return frozenset(areas)

    @cached_property
    def areas_by_region(self) -> dict[int, tuple[int, ...]]:
        """region id -> the map areas whose expansion holds it, ascending
        (a district: its city; a zone made of districts of two cities: both);
        regions inside no area (provinces, macro-regions, a zone under its
        province) are left out."""
        return self._holders(self.map_areas)

    def areas_of(self, region_ids) -> list[int]:
        """The map areas an event linked to these regions lies in
        (Event's EventArea rows)."""
        return _gathered(self.areas_by_region, region_ids)

    @cached_property
    def digest(self) -> str:
        """A short fingerprint of tops_by_region and areas_by_region: the
        same on every process that reads the same gazetteer, different when
        a change to the gazetteer moves any region into or out of a top
        region or a map area.  Stored with each event's top regions
        (Event.region_tops) to tell which rows were computed with the tree
        in use, and with the last refresh of every event (EventsRefreshed)."""
        text = repr((sorted(self.tops_by_region.items()), sorted(self.areas_by_region.items())))
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


def _gathered(by_region: dict[int, tuple[int, ...]], region_ids) -> list[int]:
    found: set[int] = set()
    for region in region_ids:
        found.update(by_region.get(region, ()))
    return sorted(found)


REGION_TREE_COLUMNS = ("id", "parent_id", "level", "name", "adcode", "members")


def _tree_from_rows(rows) -> RegionTree:
    tree = RegionTree()
    for pk, parent_id, level, name, adcode, member_id in rows:
        if pk not in tree.names:
            tree.names[pk] = name
            tree.levels[pk] = level
            tree.adcodes[pk] = adcode
            tree.parents[pk] = parent_id
            if parent_id is not None:
                tree.children[parent_id].append(pk)
        if member_id is not None:
            tree.members[pk].append(member_id)
    return tree


def region_tree() -> RegionTree:
    """The tree as it is in the database now (one query)."""
    return _tree_from_rows(Region.objects.values_list(*REGION_TREE_COLUMNS))


# The tree is read on every page with a region filter or facet; reading
# 3,000+ rows each time costs more than the rest of a cached timeline page.
# So each process keeps the last tree it read, and every request still makes
# exactly one query for it: the query returns the rows only when the
# fingerprint differs from the kept tree's (the row counts and highest ids of
# the region and member tables, and the data version, which every committed
# write moves: a region renamed or moved by another process is read on that
# process's next request), or when this process wrote a region since
# (signals below), or when the kept tree is older than TREE_MAX_AGE seconds
# (an edit that moved no version: raw SQL).
TREE_MAX_AGE = 300.0
_tree_lock = threading.Lock()
_tree_state: dict = {"generation": 0, "kept": None}  # kept: (generation, fingerprint, time, tree)


def _regions_written(**kwargs) -> None:
    with _tree_lock:
        _tree_state["generation"] += 1


post_save.connect(_regions_written, sender=Region, dispatch_uid="kb_tree_region_saved")
post_delete.connect(_regions_written, sender=Region, dispatch_uid="kb_tree_region_deleted")
m2m_changed.connect(_regions_written, sender=Region.members.through, dispatch_uid="kb_tree_members")


def _tree_query(known: tuple | None, using: str) -> tuple[tuple, list]:
    """One query: the fingerprint, and the tree's rows unless the
    fingerprint equals `known`."""
    from kb.models import DataVersion

    connection = connections[using]
    quote = connection.ops.quote_name
    region = quote(Region._meta.db_table)
    members = quote(Region.members.through._meta.db_table)
    versions = quote(DataVersion._meta.db_table)
    # ("", "", "") matches no fingerprint: the rows come back.
    known = known or ("", "", "")
    fingerprint = ", ".join([
        *(f"(SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) FROM {table})"  # noqa: S608 - quoted names
          for table in (region, members)),
        f"(SELECT '' || COALESCE(MAX(version), 0) FROM {versions})",  # noqa: S608 - a quoted name
    ])
    # The first row is the fingerprint; the tree's rows follow unless it
    # equals `known` (a condition without a column: PostgreSQL checks it
    # once, before reading the tables).  Only quoted table names go into
    # the text; values are parameters.
    sql = (
        f"SELECT 0, {fingerprint}, NULL, NULL, NULL, NULL, NULL, NULL "  # noqa: S608
        "UNION ALL "
        "SELECT 1, NULL, NULL, NULL, r.id, r.parent_id, r.level, r.name, r.adcode, mem.to_region_id "
        f"FROM {region} r LEFT JOIN {members} mem ON mem.from_region_id = r.id "
        f"WHERE NOT (({fingerprint}) = (%s, %s, %s))"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(known))
        rows = cursor.fetchall()
    head = next(row for row in rows if row[0] == 0)
    return (head[1], head[2], head[3]), [row[4:] for row in rows if row[0] == 1]


def region_tree_cached(*, using: str = "default") -> RegionTree:
    """The region tree, kept between requests (see TREE_MAX_AGE); always
    exactly one query."""
    with _tree_lock:
        generation, kept = _tree_state["generation"], _tree_state["kept"]
    now = time.monotonic()
    usable = kept is not None and kept[0] == generation and now - kept[2] < TREE_MAX_AGE
    fingerprint, rows = _tree_query(kept[1] if usable else None, using)
    if usable and fingerprint == kept[1] and not rows:
        return kept[3]
    tree = _tree_from_rows(rows)
    with _tree_lock:
        if _tree_state["generation"] == generation:
            _tree_state["kept"] = (generation, fingerprint, now, tree)
    return tree
