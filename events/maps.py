"""The timeline's map: where the filtered events happen (kb.maps draws it).

- No region filter: the provinces, counted from the timeline summary's
  region facet (no query of its own).
- A province: its prefectures and the county-level units it governs
  directly.  A macro-region: those of its member provinces, and its member
  cities and counties themselves, with the macro-region outlined (one of
  more than MAX_AREAS cities: its provinces).  Any other region: the map
  of its province, the region's area marked.  Counted in one query
  (events.map_counts); a macro-region of whole provinces takes their
  counts from the region facet and counts only its region-wide events.
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
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext

from kb import maps
from kb.chinese import to_traditional
from kb.models import RegionLevel
from kb.selectors.regions import RegionTree
from kb.services.data_version import data_version_seen

from .map_counts import region_rest_count, region_unit_counts
from .models import Event
from .selectors import events_public
from .summary import (
    cache_seconds,
    facet_counts,
    filter_state,
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
         if pk in tree.map_areas and tree.adcodes.get(pk) in known),
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
