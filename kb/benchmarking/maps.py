"""The maps (issue 14): for the country, a province, a macro-region of
cities and one of provinces, unfiltered and filtered, how long the map
takes to count and draw with nothing cached, to draw alone, and to come
from the cache; its queries; and its size as served.  Through the selector
(events.maps.timeline_map) with the timeline summary already computed, as
the timeline view calls it; the whole page's figures are the timeline
part's.  And a region page's map, uncached: it counts every public event
without a summary to say how many lie in the region."""

from __future__ import annotations

from django.db import connection
from django.http import QueryDict
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from events.filters import EventFilter
from events.maps import drawn_by_whole_provinces, map_view, region_page_map, timeline_map
from events.selectors import events_public
from events.summary import facet_counts, timeline_summary
from kb import maps
from kb.models import Region, RegionLevel
from kb.selectors.regions import region_tree_cached

from .common import median_ms, timed

PROVINCE = "330000"  # 浙江省
CITY_MACRO = "长三角"
PROVINCE_MACRO = "长江经济带"


def map_urls() -> dict[str, str]:
    urls = {"country": ""}
    province = Region.objects.filter(adcode=PROVINCE).values_list("pk", flat=True).first()
    if province is not None:
        urls["province"] = f"region={province}"
        urls["province, filtered"] = f"region={province}&kind=forum&date_after=2022"
    for name, label in ((CITY_MACRO, "macro-region of cities"), (PROVINCE_MACRO, "macro-region of provinces")):
        pk = Region.objects.filter(name=name, level=RegionLevel.MACRO).values_list("pk", flat=True).first()
        if pk is not None:
            urls[label] = f"region={pk}"
    return urls


def measure_maps(*, repeat: int, log=print) -> dict:
    result = {}
    with translation.override("zh-hans"):
        for name, query in map_urls().items():
            log(f"map {name}: /?{query}")
            filterset = EventFilter(QueryDict(query), queryset=events_public())
            assert filterset.is_valid(), filterset.errors
            summary = timeline_summary(filterset)
            params = dict(QueryDict(query).lists())

            def build(filterset=filterset, summary=summary, params=params):
                return timeline_map(filterset, summary, query=params, traditional=False)

            def uncached(summary=summary, build=build):
                kept_key, summary.key = summary.key, ""  # a summary without a key: nothing cached
                try:
                    return build()
                finally:
                    summary.key = kept_key

            result[name] = _figures(query, uncached, build, repeat)
        # A region page's map counts every public event, without the
        # timeline summary (computed here as region_page_map does).
        tree = region_tree_cached()
        request = RequestFactory().get("/")
        for name, query in map_urls().items():
            region = Region.objects.filter(pk=QueryDict(query).get("region") or None).first()
            if region is None or "filtered" in name:
                continue

            def page_map(region=region):
                # As region_page_map builds it, the public region facet
                # (for a macro-region of provinces) included.
                counts = facet_counts(events_public(), tree).regions if drawn_by_whole_provinces(
                    tree, region.pk) else None
                return map_view(tree=tree, region=region, events=None, traditional=False,
                                country_counts=counts, link=lambda pk: f"/regions/{pk}/")

            result[f"region page: {name}"] = _figures(
                query, page_map, lambda region=region: region_page_map(request, region, tree, traditional=False),
                repeat)
    return result


def _figures(query: str, uncached, cached, repeat: int) -> dict:
    """A map built with nothing kept (`uncached`), its queries, its drawing
    alone, and read back (`cached`, called once first to keep it)."""
    built, view = timed(uncached, repeat)
    with CaptureQueriesContext(connection) as queries:
        uncached()
    drawn, _ = timed(lambda: maps.map_svg(view.region_map), repeat)
    cached()  # kept
    kept, _ = timed(cached, repeat)
    return {
        "query": query,
        "areas": len(view.region_map.areas),
        "uncached_ms": median_ms(built),
        "draw_ms": median_ms(drawn),
        "cached_ms": median_ms(kept),
        "queries": len(queries),
        "svg_bytes": len(str(view.svg).encode()),
    }
