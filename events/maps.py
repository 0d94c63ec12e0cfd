"""The timeline's map: where the filtered events happen (kb.maps draws it).

- No region filter: the provinces, counted from the timeline summary's
  region facet (no query of its own).
- A province: its prefectures and the county-level units it governs
  directly.  A macro-region: those of its member provinces, and its member
  cities and counties themselves, with the macro-region outlined (one of
  more than MAX_AREAS cities: its provinces).  Any other region: the map
  of its province, the region's area marked.  Counted in one query over
  the areas each event lies in (EventArea; region_unit_counts), or over
  the region links while those rows are not current; a macro-region of
  whole provinces takes their counts from the region facet and counts only
  its region-wide events (region_rest_count).
- Events tied to the selected region itself and to none of the areas (长三角
  with no city named) are counted apart, not spread over the areas.

Clicking an area sets the region filter and keeps every other filter: the
map, the list, the facets and the exports read one query string.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

from django.core.cache import caches
from django.db import connections
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext

from kb import maps
from kb.chinese import to_traditional
from kb.models import RegionLevel
from kb.selectors.public import NOT_REJECTED
from kb.selectors.regions import AREA_LEVELS, RegionTree
from kb.services.data_version import data_version_seen

from .models import Event, EventArea, EventsRefreshed
from .selectors import events_public
from .summary import (
    cache_seconds,
    facet_counts,
    filter_state,
    id_in,
    region_mapping,
    written_generation,
)

T = TypeVar("T")
# The most cities a macro-region's map shows (see macro_areas).
MAX_AREAS = 80


@dataclass
class MapView:
    """What a page shows: the drawn map, its legend and its table, and all
    of it as markup (public/_map.html, rendered once, when the map is
    built: a page read from the cache then only inserts it)."""

    region_map: maps.RegionMap
    svg: str
    legend: list[tuple[str, str]]
    html: str = ""


def province_areas(tree: RegionTree, province: int) -> list[int]:
    """A province's map areas: its prefecture- and county-level children
    that have a shape, in gazetteer (adcode) order."""
    known = maps.shapes()
    return sorted(
        (pk for pk in tree.children.get(province, ())
         if tree.levels.get(pk) in AREA_LEVELS and tree.adcodes.get(pk) in known),
        key=lambda pk: tree.adcodes[pk],
    )


def macro_areas(tree: RegionTree, macro: int) -> list[int]:
    """A macro-region's map areas: its member provinces' areas, and member
    cities and counties (members of member macro-regions too); for a
    macro-region of more than MAX_AREAS of those (长江经济带, 西部地区),
    its provinces, drawn at the country map's detail (a map of 180 cities
    would weigh more than its size budget and show little more)."""
    areas = _macro_cities(tree, macro)
    if len(areas) <= MAX_AREAS:
        return areas
    return list(dict.fromkeys(p for p in (province_of(tree, pk) for pk in areas) if p is not None))


def _macro_cities(tree: RegionTree, macro: int) -> list[int]:
    known = maps.shapes()
    found: list[int] = []
    seen: set[int] = set()
    stack = list(reversed(tree.members.get(macro, ())))
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        level = tree.levels.get(pk)
        if level == RegionLevel.PROVINCE:
            # Hong Kong and Macao have no areas of their own: drawn whole.
            found.extend(province_areas(tree, pk) or ([pk] if tree.adcodes.get(pk) in known else []))
        elif level == RegionLevel.MACRO:
            stack.extend(reversed(tree.members.get(pk, ())))
        elif tree.adcodes.get(pk) in known:
            found.append(pk)
    return list(dict.fromkeys(found))


def drawn_by_whole_provinces(tree: RegionTree, region: int, areas: list[int] | None = None) -> bool:
    """Whether a region's map (`areas`, when already known) is a
    macro-region's drawn by provinces that lie wholly inside it: the region
    facet has their counts."""
    if tree.levels.get(region) != RegionLevel.MACRO:
        return False
    inside = tree.expand(region)
    return all(tree.levels.get(pk) == RegionLevel.PROVINCE and tree.expand(pk) <= inside
               for pk in (macro_areas(tree, region) if areas is None else areas))


def province_of(tree: RegionTree, region: int) -> int | None:
    for pk in (region, *tree.ancestors(region)):
        if tree.levels.get(pk) == RegionLevel.PROVINCE:
            return pk
    return None


def region_unit_counts(tree: RegionTree, areas: list[int], selected: int | None, *,
                       events: QuerySet[Event] | None, within: int | None = None) -> tuple[dict[int, int], int]:
    """Events in each area (its descendants included, each event once per
    area), and how many lie in the selected region but in none of the
    areas (the areas lie inside it), in one query.

    `events`: the events to count (a filtered queryset), or None for every
    public event.  `within`: how many of them lie in the selected region,
    when the caller knows (the timeline summary's region facet).

    From the events' EventArea rows when every area is a map area
    (RegionTree.map_areas) and the rows are current (EventsRefreshed holds
    the tree's digest, asked in the same query); otherwise from the region
    links (_link_counts, a second query), which give the same figures and
    cost two to three times as much."""
    if not areas:
        return {}, 0
    using = Event.objects.db if events is None else events.db
    if set(areas) <= tree.map_areas:
        found = _area_row_counts(tree, areas, selected, events=events, within=within, using=using)
        if found is not None:
            return found
    return _link_counts(tree, areas, selected, events=events, using=using)


def _area_row_counts(tree: RegionTree, areas: list[int], selected: int | None, *,
                     events: QuerySet[Event] | None, within: int | None,
                     using: str) -> tuple[dict[int, int], int] | None:
    """region_unit_counts from EventArea: an index-only read of (area, event),
    one row per event and area, so a plain count per area.  The rest of the
    selected region is `within` less the events in some area (on
    PostgreSQL counted in the same pass, as the grand total of GROUPING
    SETS); without `within`, the events linked to the rest of the region
    (found through the region index) that have no row in the areas.  None
    when the rows were not computed with this tree."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(EventArea._meta.db_table)
    area, event = quote("area_id"), quote("event_id")
    in_areas, area_params = id_in(connection, f"a.{area}", areas)
    keep, events_params = _kept(events, f"a.{event}")
    rows_in_areas = f"FROM {table} a WHERE {in_areas} AND {keep}"
    params = [*area_params, *events_params]
    # Only quoted names and Django's own compiled subqueries go into the
    # text; every value is a parameter.  A row with no area: the events in
    # any area; area -1: the rest of the region; area -9: whether
    # EventsRefreshed holds this tree's digest.
    if within is not None and connection.vendor == "postgresql":
        sql = f"SELECT a.{area}, COUNT(DISTINCT a.{event}) {rows_in_areas} GROUP BY GROUPING SETS ((a.{area}), ())"
    elif within is not None:
        sql = (f"SELECT a.{area}, COUNT(*) {rows_in_areas} GROUP BY a.{area} "  # noqa: S608
               f"UNION ALL SELECT NULL, COUNT(DISTINCT a.{event}) {rows_in_areas}")
        params += params
    else:
        sql = f"SELECT a.{area}, COUNT(*) {rows_in_areas} GROUP BY a.{area}"  # noqa: S608
        if selected is not None:
            inside = {region for pk in areas for region in tree.expand(pk)}
            in_rest, rest_params = id_in(connection, f"l.{quote('region_id')}", sorted(tree.expand(selected) - inside))
            rest_keep, rest_keep_params = _kept(events, "c.event_id")
            in_areas_b, _ = id_in(connection, f"b.{area}", areas)
            sql += (
                f" UNION ALL SELECT -1, COUNT(*) FROM (SELECT DISTINCT l.{event} AS event_id "  # noqa: S608
                f"FROM {quote(Event.regions.through._meta.db_table)} l WHERE {in_rest}) c "
                f"WHERE {rest_keep} AND NOT EXISTS ("
                f"SELECT 1 FROM {table} b WHERE b.{event} = c.event_id AND {in_areas_b})")
            params += [*rest_params, *rest_keep_params, *area_params]
    refreshed = quote(EventsRefreshed._meta.db_table)
    sql += f" UNION ALL SELECT -9, COUNT(*) FROM {refreshed} WHERE {quote('digest')} = %s"  # noqa: S608
    params.append(tree.digest)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not next(n for pk, n in rows if pk is not None and int(pk) == -9):
        return None
    counts = {int(pk): n for pk, n in rows if pk is not None and int(pk) > 0}
    if within is not None:
        rest = within - next(n for pk, n in rows if pk is None) if selected is not None else 0
    else:
        rest = next((n for pk, n in rows if pk is not None and int(pk) == -1), 0)
    return {pk: counts.get(pk, 0) for pk in areas}, rest


def _link_counts(tree: RegionTree, areas: list[int], selected: int | None, *,
                 events: QuerySet[Event] | None, using: str) -> tuple[dict[int, int], int]:
    """region_unit_counts from the region links alone: the link table joined
    to a (region, area) mapping sent as one parameter (area 0: the rest of
    the selected region).  The links are read first through the region
    index (a few thousand rows for a province at 100,000 events) and only
    then checked against the filters: checking every event against the
    filters first cost four times as much."""
    pairs = sorted({(region, area) for area in areas for region in tree.expand(area)})
    if selected is not None:
        inside = {region for region, _ in pairs}
        pairs += sorted((region, 0) for region in tree.expand(selected) - inside)
    if not pairs:
        return {pk: 0 for pk in areas}, 0
    connection = connections[using]
    mapping, mapping_params = region_mapping(connection, pairs)
    keep, events_params = _kept(events, "event_id")
    quote = connection.ops.quote_name
    # Only quoted names and Django's own compiled subqueries go into the
    # text; every value is a parameter.
    sql = (
        f"WITH links AS {_materialized(connection)}(SELECT l.{quote('event_id')} AS event_id, "  # noqa: S608
        "m.area_id AS area_id "
        f"FROM {quote(Event.regions.through._meta.db_table)} l "
        f"JOIN ({mapping}) m ON m.region_id = l.{quote('region_id')}), "
        f"hits AS (SELECT event_id, area_id FROM links WHERE {keep}) "
        "SELECT area_id, COUNT(DISTINCT event_id) FROM hits WHERE area_id <> 0 GROUP BY area_id "
        "UNION ALL "
        "SELECT -1, COUNT(*) FROM (SELECT event_id FROM hits GROUP BY event_id HAVING MAX(area_id) = 0) rest"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*mapping_params, *events_params])
        rows = cursor.fetchall()
    counts = {int(area): n for area, n in rows if int(area) > 0}
    rest = next((n for area, n in rows if int(area) == -1), 0)
    return {pk: counts.get(pk, 0) for pk in areas}, rest


def region_rest_count(tree: RegionTree, areas: list[int], selected: int, *,
                      events: QuerySet[Event] | None) -> int:
    """region_unit_counts' second figure alone, for a caller that has the
    areas' counts already (a macro-region of whole provinces: the timeline
    summary's region facet): the events linked to the rest of the selected
    region (the macro-region itself) are found first, through the region
    index, and those with a link inside an area left out."""
    inside = {region for area in areas for region in tree.expand(area)}
    rest = tree.expand(selected) - inside
    if not rest:
        return 0
    connection = connections[Event.objects.db if events is None else events.db]
    mapping, mapping_params = region_mapping(connection, sorted({*((r, 0) for r in rest), *((r, 1) for r in inside)}))
    keep, events_params = _kept(events, "c.event_id")
    quote = connection.ops.quote_name
    links = quote(Event.regions.through._meta.db_table)
    event_id, region_id = quote("event_id"), quote("region_id")
    sql = (
        f"WITH m AS {_materialized(connection)}({mapping}), "  # noqa: S608 - quoted names, Django's subqueries
        f"candidates AS {_materialized(connection)}(SELECT DISTINCT l.{event_id} AS event_id FROM {links} l "
        f"JOIN m ON m.region_id = l.{region_id} AND m.area_id = 0) "
        f"SELECT COUNT(*) FROM candidates c WHERE {keep} AND NOT EXISTS ("
        f"SELECT 1 FROM {links} l2 JOIN m ON m.region_id = l2.{region_id} AND m.area_id <> 0 "
        f"WHERE l2.{event_id} = c.event_id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*mapping_params, *events_params])
        return cursor.fetchone()[0]


def _materialized(connection) -> str:
    """PostgreSQL computes a CTE so marked once, first (the plan these
    queries are written for); SQLite before 3.35 does not know the word,
    and decides for itself."""
    return "MATERIALIZED " if connection.vendor == "postgresql" else ""


def _kept(events: QuerySet[Event] | None, column: str) -> tuple[str, list]:
    """The condition that `column` is one of `events` (None: any event not
    rejected, tested against the few rejected ones)."""
    if events is None:
        rejected = Event.objects.exclude(NOT_REJECTED).order_by().values("pk")
        sql, params = rejected.query.sql_with_params()
        return f"{column} NOT IN ({sql})", list(params)
    sql, params = events.order_by().values("pk").query.sql_with_params()
    return f"{column} IN ({sql})", list(params)


def _events_to_count(filterset) -> QuerySet[Event] | None:
    """What the areas are counted over: the filtered events without the
    region filter (an area's count is what its link, which sets the region
    and keeps the rest, will show; the mapping holds only the map's extent),
    or None when no other filter is set."""
    others = [name for name, _ in filter_state(filterset) if name != "region"]
    return filterset.qs_without("region") if others else None


def timeline_map(filterset, summary, *, query: dict, traditional: bool) -> MapView | None:
    """The map of a valid EventFilter's events, cached under the summary's
    key (same data version and filters) with what else the markup depends
    on (language, script, the other query parameters its links keep)."""
    kept = [(name, value) for name, values in sorted(query.items()) if name not in ("region", "page")
            for value in values]

    def build() -> MapView | None:
        return map_view(
            tree=filterset.tree, region=filterset.cleaned("region"), events=_events_to_count(filterset),
            country_counts=summary.region_counts, beyond_provinces=summary.beyond_provinces,
            unplaced=summary.unplaced, traditional=traditional,
            link=lambda pk: "?" + urlencode([*kept, ("region", str(pk))]),
        )

    if not summary.key:
        return build()
    return _cached(f"{summary.key}:map", [traditional, kept], build, cache_seconds())


def region_page_map(request, region, tree: RegionTree, *, traditional: bool) -> MapView | None:
    """A region page's map: where the region's events happen (a province's
    or macro-region's areas; for any other region, its province with the
    region marked), each area counting all its events and linking to its
    own page."""

    def build() -> MapView | None:
        # Provinces' counts for a macro-region drawn by them; otherwise the
        # areas and the rest of the region are counted in one query.
        counts = public_region_counts(request, tree) if drawn_by_whole_provinces(tree, region.pk) else None
        return map_view(tree=tree, region=region, traditional=traditional, events=None,
                        country_counts=counts, link=lambda pk: reverse("region_detail", args=[pk]))

    return _cached_for_page(request, f"region:{region.pk}", tree, traditional, build)


def public_region_counts(request, tree: RegionTree) -> dict[int, int]:
    """The region facet over every public event (the unfiltered timeline's),
    kept under the data version: the map of a macro-region drawn by whole
    provinces takes their counts from it.  One grouped query, shared by
    every such region page."""
    return _cached_for_page(request, "public-region-counts", tree, False,
                            lambda: facet_counts(events_public(), tree).regions)


def party_map(request, events: QuerySet[Event], tree: RegionTree, *, party: str, pk: int,
              traditional: bool) -> MapView | None:
    """An organisation's or a person's page: the country map of the events
    they took part in (counted in one query, the region facet's), each
    province linking to the timeline filtered by the party and the
    province."""
    timeline = reverse("timeline")

    def build() -> MapView | None:
        facets = facet_counts(events, tree)
        return map_view(
            tree=tree, region=None, events=None, traditional=traditional,
            country_counts=facets.regions, beyond_provinces=facets.beyond_provinces, unplaced=facets.unplaced,
            link=lambda region: f"{timeline}?{urlencode([(party, str(pk)), ('region', str(region))])}",
        )

    return _cached_for_page(request, f"{party}:{pk}", tree, traditional, build)


# A page's map is kept as long as the data version (and this process's own
# writes, written_generation) stay: a write makes a new key; the lifetime
# only bounds what a cache holds.
PAGE_MAP_SECONDS = 3600


def _cached_for_page(request, page: str, tree: RegionTree, traditional: bool, build: Callable[[], T]) -> T:
    """build(), kept under the data version the request reads."""
    version = data_version_seen(request).version
    return _cached(f"kb:map:{page}:{version}:{written_generation()}:{tree.digest}", [traditional], build,
                   PAGE_MAP_SECONDS)


def _cached(prefix: str, parts: list, build: Callable[[], T], seconds: int) -> T:
    """build(), kept under prefix + the language and `parts`."""
    identity = json.dumps([get_language(), *parts], ensure_ascii=False)
    key = f"{prefix}:{hashlib.sha1(identity.encode(), usedforsecurity=False).hexdigest()}"
    cache = caches["default"]
    kept = cache.get(key)
    if kept is None:
        kept = build()
        if seconds:
            cache.set(key, kept, seconds)
    return kept


def map_view(*, tree: RegionTree, region, events: QuerySet[Event] | None, link,
             traditional: bool, country_counts: dict[int, int] | None = None,
             beyond_provinces: int = 0, unplaced: int = 0) -> MapView | None:
    """The map for a region (None: the country, counted by
    `country_counts`, the timeline summary's region facet, with
    `beyond_provinces` events in no province and `unplaced` in no region),
    counting `events` (None: every public event), each area linking to
    link(region id).  Below the country, `country_counts` (when given)
    also says how many of `events` lie in the province or macro-region
    mapped."""

    def shown(name: str) -> str:
        return to_traditional(name) if traditional else name

    outline, outline_name, country, rest = None, "", False, 0
    if region is None:
        areas = [pk for pk in tree.top_regions() if tree.levels[pk] == RegionLevel.PROVINCE]
        counts = {pk: (country_counts or {}).get(pk, 0) for pk in areas}
        rest = beyond_provinces
        country = True
        caption = gettext("各省（区、市）活动数量")
    else:
        level = tree.levels.get(region.pk)
        if level == RegionLevel.MACRO:
            areas = macro_areas(tree, region.pk)
            if f"macro:{region.slug}" in maps.shapes():  # not for one a curator added since the build
                outline, outline_name = f"macro:{region.slug}", shown(tree.names[region.pk])
        scope = region.pk
        if level == RegionLevel.PROVINCE:
            areas = province_areas(tree, region.pk)
        elif level != RegionLevel.MACRO:
            # A city, county or zone: its province's map, counted like the
            # province's (each area's count is what its link will show).
            scope = province_of(tree, region.pk)
            if scope is None:
                return None
            areas = province_areas(tree, scope)
        if country_counts is not None and drawn_by_whole_provinces(tree, region.pk, areas):
            # Provinces wholly inside the macro-region: the summary's region
            # facet (counted with the other filters) has their counts.
            counts = {pk: country_counts.get(pk, 0) for pk in areas}
            rest = region_rest_count(tree, areas, scope, events=events)
        else:
            counts, rest = region_unit_counts(tree, areas, scope, events=events,
                                              within=(country_counts or {}).get(scope))
        caption = gettext("%(region)s各地活动数量") % {"region": shown(tree.names[scope])}
    if not areas:
        return None
    selected = tree.expand(region.pk) if region is not None and tree.levels.get(region.pk) not in (
        RegionLevel.MACRO, RegionLevel.PROVINCE) else set()
    region_map = maps.RegionMap(
        areas=[
            maps.MapArea(region_id=pk, adcode=tree.adcodes[pk], name=shown(tree.names[pk]),
                         count=counts.get(pk, 0), url=link(pk), selected=bool(selected & tree.expand(pk)))
            for pk in areas
        ],
        outline=outline,
        outline_name=outline_name,
        region_only=rest,
        unplaced=unplaced if country else 0,
        country=country,
        caption=caption,
    )
    view = MapView(region_map=region_map, svg=maps.map_svg(region_map), legend=maps.legend(region_map))
    view.html = render_to_string("public/_map.html", {"map": view})
    return view
