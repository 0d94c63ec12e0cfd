"""The timeline's map: where the filtered events happen (kb.maps draws it).

- No region filter: the provinces, counted from the timeline summary's
  region facet (no query of its own).
- A province: its prefectures and the county-level units it governs
  directly.  A macro-region: those of its member provinces, and its member
  cities and counties themselves, with the macro-region outlined.  Any
  other region: the map of its province, the region's area marked.
  Counted in one query over the region links (region_unit_counts).
- Events tied to the selected region itself and to none of the areas (长三角
  with no city named) are counted apart, not spread over the areas.

Clicking an area sets the region filter and keeps every other filter: the
map, the list, the facets and the exports read one query string.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import caches
from django.db import connections
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext

from kb import maps
from kb.chinese import to_traditional
from kb.models import RegionLevel
from kb.selectors.regions import RegionTree

from .models import Event

AREA_LEVELS = (RegionLevel.PREFECTURE, RegionLevel.COUNTY)


@dataclass
class MapView:
    """What the timeline shows: the drawn map, its legend and its table."""

    region_map: maps.RegionMap
    svg: str
    legend: list[tuple[str, str]]


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
    cities and counties (members of member macro-regions too)."""
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
            found.extend(province_areas(tree, pk))
        elif level == RegionLevel.MACRO:
            stack.extend(reversed(tree.members.get(pk, ())))
        elif tree.adcodes.get(pk) in known:
            found.append(pk)
    return list(dict.fromkeys(found))


def province_of(tree: RegionTree, region: int) -> int | None:
    for pk in (region, *tree.ancestors(region)):
        if tree.levels.get(pk) == RegionLevel.PROVINCE:
            return pk
    return None


def region_unit_counts(queryset: QuerySet[Event], tree: RegionTree, areas: list[int],
                       selected: int | None) -> tuple[dict[int, int], int]:
    """Events of `queryset` in each area (its descendants included, each
    event once per area), and how many events lie in the selected region
    but in none of the areas: one query, the link table joined to an
    (region, area) mapping sent as one parameter (area 0: the rest of the
    selected region)."""
    pairs = sorted({(region, area) for area in areas for region in tree.expand(area)})
    if selected is not None:
        inside = {region for region, _ in pairs}
        pairs += sorted((region, 0) for region in tree.expand(selected) - inside)
    if not pairs:
        return {}, 0
    connection = connections[queryset.db]
    if connection.vendor == "postgresql":
        mapping = "SELECT * FROM unnest(%s::bigint[], %s::bigint[]) AS m(region_id, area_id)"
        mapping_params = [[region for region, _ in pairs], [area for _, area in pairs]]
    else:
        mapping = (
            "SELECT json_extract(value, '$[0]') AS region_id, json_extract(value, '$[1]') AS area_id "
            "FROM json_each(%s)"
        )
        mapping_params = [json.dumps(pairs)]
    events_sql, events_params = queryset.order_by().values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    event_id, region_id = quote("event_id"), quote("region_id")
    # Only quoted names and Django's own compiled subquery go into the
    # text; every value is a parameter.
    sql = (
        f"WITH hits AS (SELECT l.{event_id} AS event_id, m.area_id AS area_id "  # noqa: S608
        f"FROM {quote(Event.regions.through._meta.db_table)} l "
        f"JOIN ({mapping}) m ON m.region_id = l.{region_id} "
        f"WHERE l.{event_id} IN ({events_sql})) "
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


def timeline_map(filterset, summary, *, query: dict, traditional: bool) -> MapView | None:
    """The map of a valid EventFilter's events, cached under the summary's
    key (same data version and filters) with what else the markup depends
    on (language, script, the other query parameters its links keep)."""
    cache = caches["default"]
    key = None
    if summary.key:
        identity = json.dumps([get_language(), traditional, sorted(query.items())], ensure_ascii=False)
        digest = hashlib.sha1(identity.encode(), usedforsecurity=False).hexdigest()
        key = f"{summary.key}:map:{digest}"
        kept = cache.get(key)
        if kept is not None:
            return kept
    view = _map_view(filterset, summary, query=query, traditional=traditional)
    if key is not None:
        from .selectors import cache_seconds

        cache.set(key, view, cache_seconds())
    return view


def _map_view(filterset, summary, *, query: dict, traditional: bool) -> MapView | None:
    tree = filterset.tree
    region = filterset.cleaned("region")

    def shown(name: str) -> str:
        return to_traditional(name) if traditional else name

    kept = [(name, value) for name, values in sorted(query.items()) if name not in ("region", "page")
            for value in values]

    def link(pk: int) -> str:
        return "?" + urlencode([*kept, ("region", str(pk))])

    outline, outline_name, country, rest = None, "", False, 0
    if region is None:
        areas = [pk for pk in tree.top_regions() if tree.levels[pk] == RegionLevel.PROVINCE]
        counts = {pk: summary.region_counts.get(pk, 0) for pk in areas}
        country = True
        caption = gettext("各省（区、市）活动数量")
    else:
        level = tree.levels.get(region.pk)
        if level == RegionLevel.MACRO:
            areas = macro_areas(tree, region.pk)
            outline, outline_name = f"macro:{region.slug}", shown(tree.names[region.pk])
            scope = region.pk
        elif level == RegionLevel.PROVINCE:
            areas, scope = province_areas(tree, region.pk), region.pk
        else:
            province = province_of(tree, region.pk)
            if province is None:
                return None
            areas, scope = province_areas(tree, province), region.pk
        counts, rest = region_unit_counts(filterset.qs, tree, areas, scope)
        caption = gettext("%(region)s各地活动数量") % {"region": shown(tree.names[region.pk])}
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
        country=country,
        caption=caption,
    )
    return MapView(region_map=region_map, svg=maps.map_svg(region_map), legend=maps.legend(region_map))
