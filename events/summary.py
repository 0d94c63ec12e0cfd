"""What the timeline shows about the whole filtered set, beside its page
of entries: the facet counts, the chart, which events nest under another,
and the count of entries; read in a few grouped queries whatever the number
of events (facet_counts, events_per_month, nested_ids) and kept in the
cache under the data version and the filters (timeline_summary).  At
100,000 events this is tens to hundreds of milliseconds, so it is computed
once per filter state and data version; the page of entries
(events.selectors) is read afresh on every request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from array import array
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save

from kb import dates
from kb.exporting import id_list
from kb.models import RegionLevel, search_pattern
from kb.selectors.regions import RegionTree
from kb.services.data_version import data_version_seen

from .models import NO_REGIONS, Event, EventRole
from .services import region_tops_ids


def nested_ids(filtered: QuerySet[Event]) -> list[int]:
    """Events shown under their parent rather than on their own: the parent
    is on the timeline and is itself a top-level entry there.  Deeper
    descendants are top-level entries with a link to their parent, so that
    every selected event appears exactly once at one level of nesting.

    Read in Python from the events that have a parent, with two queries: a
    NOT IN subquery over the whole filtered table costs more than the rest
    of the timeline put together at 100,000 events."""
    children = list(filtered.filter(parent__isnull=False).values_list("pk", "parent_id", "parent__parent_id"))
    # Both queries run even when there are no children, so that a page
    # always makes the same number of queries.
    ancestors = {parent for _, parent, _ in children} | {grand for _, _, grand in children if grand}
    present = set(filtered.filter(pk__in=id_list(sorted(ancestors))).values_list("pk", flat=True))
    return [
        pk
        for pk, parent, grandparent in children
        if parent in present and (grandparent is None or grandparent not in present)
    ]



# Facets and the chart --------------------------------------------------------------


def kind_counts(queryset: QuerySet[Event]) -> dict[str, int]:
    return dict(queryset.order_by().values_list("kind").annotate(n=Count("*")))


def facet_counts(
    base: QuerySet[Event],
    tree: RegionTree,
    *,
    kinds: list[str] | None = None,
    in_region: Q | None = None,
) -> Facets:
    """The timeline's two facets in one query.

    `base` is the filtered queryset without its kind and region filters;
    `kinds` and `in_region` (EventFilter.region_q of the selected region)
    are those two filters.  Returns (kind_counts(base & region filter),
    region_counts(base & kind filter)): the count beside each kind is for
    the other filters, and so is the count beside each region.

    One GROUP BY over kind, Event.region_tops (a few hundred distinct sets
    of top regions) and, with a region filter, whether the event lies in the
    region; the sums are done here.  Rows whose region_tops was computed with
    another gazetteer, or not at all, are counted the exact way
    (region_counts_exact) in one more query.

    With the region facet's filters come two more counts for the country
    map: events in no province (tied only to cross-province macro-regions
    such as 长三角, or to the country as a whole) and events linked to no
    region; rows with stale region_tops are left out of these two."""
    queryset = base.order_by()
    group = ["kind", "region_tops"]
    if in_region is not None:
        queryset = queryset.annotate(
            in_region=Case(When(in_region, then=Value(True)), default=Value(False))
        )
        group.append("in_region")
    rows = queryset.values_list(*group).annotate(n=Count("*")).values_list(*group, "n")
    digest = tree.digest
    selected = set(kinds) if kinds else None
    kind_totals: dict[str, int] = defaultdict(int)
    top_totals: dict[int, int] = defaultdict(int)
    parsed: dict[str, tuple[int, ...] | None] = {}
    stale = False
    provinces = {pk for pk in tree.top_regions() if tree.levels[pk] == RegionLevel.PROVINCE}
    beyond_provinces = unplaced = 0
    for row in rows:
        kind, tops, n = row[0], row[1], row[-1]
        if in_region is None or row[2]:
            kind_totals[kind] += n
        if selected is not None and kind not in selected:
            continue
        if tops not in parsed:
            parsed[tops] = region_tops_ids(tops, digest)
        ids = parsed[tops]
        if ids is None:
            stale = True
            continue
        if tops == NO_REGIONS:
            unplaced += n
        elif provinces.isdisjoint(ids):  # a macro-region, or the country as a whole
            beyond_provinces += n
        for top in ids:
            top_totals[top] += n
    tops = tree.top_regions()
    counts = {pk: top_totals.get(pk, 0) for pk in tops}
    if stale:
        rest = base if selected is None else base.filter(kind__in=sorted(selected))
        rest = rest.exclude(Q(region_tops=NO_REGIONS) | Q(region_tops__startswith=f"{digest}:"))
        for pk, n in region_counts_exact(rest, tree).items():
            counts[pk] += n
    return Facets(dict(kind_totals), counts, beyond_provinces, unplaced)


class Facets(NamedTuple):
    kinds: dict[str, int]
    regions: dict[int, int]
    beyond_provinces: int  # in a macro-region or the country, in no province
    unplaced: int  # linked to no region


def region_counts(queryset: QuerySet[Event], tree: RegionTree) -> dict[int, int]:
    """Events of `queryset` in each macro-region and province (their
    descendants and members included), each event counted once per region.
    From Event.region_tops (facet_counts); the same numbers as
    region_counts_exact."""
    return facet_counts(queryset, tree)[1]


def region_counts_exact(queryset: QuerySet[Event], tree: RegionTree) -> dict[int, int]:
    """region_counts straight from the link table and the tree, in one
    query: the link table joined to a (region, top region) mapping built
    from the in-memory tree and sent as one parameter.  Needs no
    denormalised column, and costs a second or more at 100,000 events."""
    tops = tree.top_regions()
    if not tops:
        return {}
    pairs = sorted((region, top) for top in tops for region in tree.expand(top))
    connection = connections[queryset.db]
    if connection.vendor not in ("postgresql", "sqlite"):  # pragma: no cover - the project runs on both
        return _region_counts_portable(queryset, tree, tops)
    mapping, mapping_params = region_mapping(connection, pairs)
    events_sql, events_params = queryset.order_by().values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    # Only quoted names and Django's own compiled subquery go into the
    # text; every value is a parameter.
    sql = (
        f"SELECT m.area_id, COUNT(DISTINCT l.{quote('event_id')}) "  # noqa: S608
        f"FROM {quote(Event.regions.through._meta.db_table)} l "
        f"JOIN ({mapping}) m ON m.region_id = l.{quote('region_id')} "
        f"WHERE l.{quote('event_id')} IN ({events_sql}) "
        "GROUP BY m.area_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*mapping_params, *events_params])
        counts = {int(top): n for top, n in cursor.fetchall()}
    return {pk: counts.get(pk, 0) for pk in tops}


def region_mapping(connection, pairs: list[tuple[int, int]]) -> tuple[str, list]:
    """SQL for a (region_id, area_id) table of these pairs, sent as one
    parameter whatever their number (a region and the top region or map
    area it counts towards), and its parameters."""
    if connection.vendor == "postgresql":
        return ("SELECT * FROM unnest(%s::bigint[], %s::bigint[]) AS m(region_id, area_id)",
                [[region for region, _ in pairs], [area for _, area in pairs]])
    return ("SELECT json_extract(value, '$[0]') AS region_id, json_extract(value, '$[1]') AS area_id "
            "FROM json_each(%s)", [json.dumps(pairs)])


def _region_counts_portable(queryset, tree, tops):
    links = Event.regions.through.objects.filter(event_id__in=queryset.values("pk"))
    counts = links.aggregate(
        **{
            f"r{pk}": Count("event_id", distinct=True, filter=Q(region_id__in=sorted(tree.expand(pk))))
            for pk in tops
        }
    )
    return {pk: counts[f"r{pk}"] for pk in tops}


@dataclass
class MonthCount:
    month: dt.date  # first day of the month
    count: int


@dataclass
class Chart:
    months: list[MonthCount]  # every month from the first to the last, zeros included
    year_only: int  # events known only to their year: not on the chart
    undated: int

    @property
    def maximum(self) -> int:
        return max((m.count for m in self.months), default=0)

    @property
    def total(self) -> int:
        return sum(m.count for m in self.months)


def events_per_month(queryset: QuerySet[Event]) -> Chart:
    """Events per month of their start, for the chart above the timeline.
    One query grouped by start date and precision (a few thousand rows at
    most, one per day); months are summed here, which is cheaper than a
    date-truncating GROUP BY on every row."""
    rows = queryset.order_by().values_list("start_date", "date_precision").annotate(n=Count("*"))
    counts: dict[dt.date, int] = defaultdict(int)
    year_only = undated = 0
    for start, precision, n in rows:
        if start is None or precision == dates.UNKNOWN:
            undated += n
        elif precision == dates.YEAR:
            year_only += n
        else:
            counts[start.replace(day=1)] += n
    months = []
    if counts:
        current, last = min(counts), max(counts)
        while current <= last:
            months.append(MonthCount(current, counts.get(current, 0)))
            current = (current + dt.timedelta(days=32)).replace(day=1)
    return Chart(months=months, year_only=year_only, undated=undated)


# The timeline's summary, cached ------------------------------------------------------


@dataclass
class TimelineSummary:
    """What the timeline page shows about the whole filtered set, beside
    its page of entries."""

    nested: int  # how many events of the filtered set nest under another
    chart: Chart
    kind_counts: dict[str, int]
    region_counts: dict[int, int]
    # For the country map, with the region facet's filters: events in a
    # macro-region or the country but no province, and events linked to no
    # region.
    beyond_provinces: int = 0
    unplaced: int = 0
    # The cache key it is kept under ("" when not cached): what is rendered
    # from the summary alone (the chart) may be cached under it too.
    key: str = ""
    # The nested events' ids, for reading a page the first time; kept in
    # the cache apart from the summary (tens of thousands of ids that most
    # requests do not need), so None on a summary read from the cache.
    nested_ids: array | None = None

    @property
    def total(self) -> int:
        """Events in the filtered set (the chart counts every one)."""
        return self.chart.total + self.chart.year_only + self.chart.undated

    @property
    def roots(self) -> int:
        """Top-level timeline entries (the paginator's count)."""
        return self.total - self.nested


def summary_compute(filterset) -> TimelineSummary:
    """The summary of a valid EventFilter, uncached: four queries (five
    when some rows' region_tops are stale), whatever the number of events."""
    queryset = filterset.qs
    region = filterset.cleaned("region")
    facets = facet_counts(
        filterset.qs_without("kind", "region"),
        filterset.tree,
        kinds=filterset.cleaned("kind") or None,
        in_region=filterset.region_q(region) if region is not None else None,
    )
    nested = array("q", nested_ids(queryset))
    return TimelineSummary(
        nested=len(nested),
        chart=events_per_month(queryset),
        kind_counts=facets.kinds,
        region_counts=facets.regions,
        beyond_provinces=facets.beyond_provinces,
        unplaced=facets.unplaced,
        nested_ids=nested,
    )


# The summary reads the whole filtered set (at 100,000 events, tens to
# hundreds of milliseconds); the page of entries reads 50 rows.  So the
# summary is cached (Django's cache framework: the local-memory backend
# unless CACHES says otherwise) under the filter state and the data version
# (kb.models.DataVersion), and with it the ids of each page's top-level
# events and their children (_page_events) and the chart's markup
# (public/timeline.html); the page's entries themselves are always read
# afresh.  All of it goes stale at once when
#  - any process commits a write of kb or events rows (the data version:
#    one primary-key read, shared with the page cache's key within a
#    request), or the gazetteer changes (the tree digest);
#  - this process saves or deletes events, region links, roles, quotes or
#    sources (signals below), which it sees before the write commits.
# A write that bypasses both the ORM's signals and data_changed() (raw SQL
# from outside the application) is seen after KB_TIMELINE_CACHE_SECONDS
# (default 60).
CACHE_SECONDS_DEFAULT = 60
# The nested events' ids are kept for reading later pages of a filter
# state when there are at most this many (80 KB); a broader state reads
# them again (two queries) for a page not seen yet, rather than every
# cached state holding hundreds of kilobytes.
NESTED_CACHED_MAX = 10_000
_generation = itertools.count()
_state = {"generation": next(_generation)}


def _written(**kwargs) -> None:
    _state["generation"] = next(_generation)


def written_generation() -> int:
    """Moves when this process writes events, region links, roles, quotes
    or sources (before the write commits, unlike the data version): part of
    every key the timeline's reads are cached under."""
    return _state["generation"]


def _watch() -> None:
    from kb.models import Quote, Source

    for model in (Event, EventRole, Quote, Source):
        post_save.connect(_written, sender=model, dispatch_uid=f"timeline_saved_{model.__name__}")
        post_delete.connect(_written, sender=model, dispatch_uid=f"timeline_deleted_{model.__name__}")
    m2m_changed.connect(_written, sender=Event.regions.through, dispatch_uid="timeline_links")


_watch()


def filter_state(filterset) -> tuple:
    """The filters that decide the summary, normalised (order and page do
    not; q counts by its search pattern)."""
    state = []
    for name, value in sorted(filterset.form.cleaned_data.items()):
        if name == "order" or value in (None, "", [], ()):
            continue
        if name == "q":
            value = search_pattern(value)
        elif isinstance(value, (list, tuple)):
            value = tuple(sorted(str(v) for v in value))
        elif hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        state.append((name, value))
    return tuple(state)


def timeline_summary(filterset) -> TimelineSummary:
    """summary_compute, cached (see above): one query when cached."""
    seconds = cache_seconds()
    if not seconds:
        return summary_compute(filterset)
    version = data_version_seen(filterset.request, using=filterset.queryset.db)
    identity = repr((written_generation(), version.version, filterset.tree.digest, filter_state(filterset)))
    key = "kb:timeline:" + hashlib.sha1(identity.encode(), usedforsecurity=False).hexdigest()
    cache = caches["default"]
    summary = cache.get(key)
    if summary is None:
        summary = summary_compute(filterset)
        summary.key = key
        nested, summary.nested_ids = summary.nested_ids, None
        entries = {key: summary}
        if len(nested) <= NESTED_CACHED_MAX:
            entries[f"{key}:nested"] = nested
        cache.set_many(entries, seconds)
        summary.nested_ids = nested
    return summary


def cache_seconds() -> int:
    """How long the timeline's summary (and the chart rendered from it) is
    kept; 0 turns the cache off."""
    return int(getattr(settings, "KB_TIMELINE_CACHE_SECONDS", CACHE_SECONDS_DEFAULT))
