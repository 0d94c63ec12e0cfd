"""Reads of events for the public site: the timeline page, its facets and
chart, and an event's detail.

Every list read here makes the same number of queries however many rows it
shows: the page is cut first, then what each entry needs (regions,
organisers, quote and source counts, nested children) is fetched for the
page's ids with one query per kind of thing.

What the timeline shows about the whole filtered set (the facet counts, the
chart, the number of entries, which events nest) reads every row it
selects; at 100,000 events that is tens to hundreds of milliseconds, so it
is read in a few grouped queries (facet_counts, events_per_month) and kept
in a short-lived cache (timeline_summary).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.db import connections, models
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save

from kb import dates
from kb.exporting import id_list
from kb.models import Evidence, RegionLevel, ReviewStatus, search_pattern
from kb.selectors.public import NOT_REJECTED, evidence_public, quotes_public
from kb.selectors.regions import RegionTree
from kb.services.data_version import data_version_seen

from .entry_markup import entries_prepare, entry_html
from .models import NO_REGIONS, Event, EventRole, Role
from .services import region_tops_ids

PAGE_SIZE = 50

# Newest first; an undated event has no place on the timeline and goes last
# on every database (PostgreSQL would put NULLs first in a descending sort).
NEWEST_FIRST = (F("start_date").desc(nulls_last=True), "-id")
OLDEST_FIRST = (F("start_date").asc(nulls_last=True), "id")
# Children read in programme order under their parent.
CHILD_ORDER = (F("start_date").asc(nulls_last=True), "id")

# The roles a timeline entry names beside the title ("organisers and lead
# organisations"), in this order.
ORGANISER_ROLES = (Role.ORGANISER, Role.HOST, Role.CO_ORGANISER, Role.LEAD)

EVENT_EVIDENCE = Q(content_type__app_label="events", content_type__model="event")


def events_public() -> QuerySet[Event]:
    return Event.objects.filter(NOT_REJECTED)


# The timeline ---------------------------------------------------------------------


@dataclass
class Entry:
    event: Event
    regions: list[tuple[int, str]] = field(default_factory=list)
    organisers: list[tuple[int, str, str]] = field(default_factory=list)  # id, name, role
    quote_count: int = 0
    source_count: int = 0
    children: list[Entry] = field(default_factory=list)
    # Set by the organisation and person pages: their roles in the event.
    roles: list[str] = field(default_factory=list)
    # What the entry's markup shows, worked out once per page
    # (events.entry_markup.entries_prepare).
    title: str = ""
    url: str = ""
    parent_url: str = ""
    date_text: str = ""
    date_iso: str = ""
    kind_label: str = ""
    regions_html: str = ""  # the region links, separated
    organisers_html: str = ""
    counts_text: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def html(self) -> str:
        """The entry's markup, its sub-events nested inside."""
        return entry_html(self)


@dataclass
class MonthGroup:
    month: int | None  # None: only the year is known
    entries: list[Entry]


@dataclass
class YearGroup:
    year: int | None  # None: undated
    months: list[MonthGroup]


@dataclass
class Timeline:
    page: Page
    groups: list[YearGroup]


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


class CountedPaginator(Paginator):
    """A Paginator told its count (the timeline knows it from the chart's
    totals), so that it makes no COUNT query of its own."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


# What a timeline entry reads of an event (events.entry_markup):
# the page leaves the long texts (summary, search text) in the database.
ENTRY_FIELDS = ("pk", "title", "kind", "start_date", "end_date", "date_precision", "parent_id", "review_status")


def entry_events(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """The events as a timeline entry reads them (entries_for): the entry's
    fields, and its public quote and source counts as two correlated
    subqueries (index look-ups for the page's rows only), so that the
    counts cost no query of their own."""
    quotes = (
        quotes_public().filter(event_id=OuterRef("pk")).order_by().values("event_id")
        .annotate(n=Count("pk")).values("n")
    )
    # The content type's id from Django's in-process cache: no join.
    sources = (
        Evidence.objects.filter(content_type_id=ContentType.objects.get_for_model(Event).pk, object_id=OuterRef("pk"))
        .exclude(source__review_status=ReviewStatus.REJECTED)
        .order_by().values("object_id")
        .annotate(n=Count("source_id", distinct=True)).values("n")
    )
    return queryset.only(*ENTRY_FIELDS).annotate(
        entry_quote_count=Coalesce(Subquery(quotes), 0),
        entry_source_count=Coalesce(Subquery(sources), 0),
    )


def timeline(
    *,
    queryset: QuerySet[Event],
    page_number,
    newest_first: bool = True,
    per_page: int = PAGE_SIZE,
    summary: TimelineSummary | None = None,
    traditional: bool = False,
) -> Timeline:
    """One page of the timeline of `queryset` (already filtered), grouped by
    year and month, with children nested under their parents.

    With the queryset's `summary` (timeline_summary) the count comes from
    it, and the ids of the page's top-level events are kept in the cache
    beside it: a page asked for again reads its 50 events by primary key,
    however selective and slow to search the filters are.  `traditional`:
    the visitor reads Traditional characters (entries_prepare)."""
    ordering = NEWEST_FIRST if newest_first else OLDEST_FIRST
    if summary is None:
        roots = _roots(queryset, nested_ids(queryset)).order_by(*ordering)
        page = Paginator(roots, per_page).get_page(page_number)
        root_events = list(page.object_list)
        children = _nested_children(queryset, root_events)
    else:
        # The paginator only checks the page number here (the count is
        # known); the page's events are read by _page_events.
        page = CountedPaginator((), per_page, count=summary.roots).get_page(page_number)
        root_events, children = _page_events(queryset, page, summary, newest_first, per_page)
    entries = entries_for([*root_events, *children], traditional=traditional)
    for child in children:
        entries[child.parent_id].children.append(entries[child.pk])
    page.object_list = [entries[event.pk] for event in root_events]
    return Timeline(page=page, groups=group_entries(page.object_list, newest_first=newest_first))


def _roots(queryset: QuerySet[Event], nested: list[int]) -> QuerySet[Event]:
    """The top-level entries: the queryset less its nested events."""
    queryset = entry_events(queryset)
    return queryset.exclude(pk__in=id_list(nested)) if nested else queryset


def _nested_children(queryset: QuerySet[Event], roots: list[Event]) -> list[Event]:
    """The events shown under these top-level entries (nested_ids, worked
    out for one page in two small queries).  A child of a top-level entry R
    nests under it unless R's own parent is in the set too: then R is a
    grandchild shown on its own, and its children are top-level entries of
    their own."""
    parent_ids = [event.parent_id for event in roots if event.parent_id is not None]
    # Plain IN lists of at most a page of ids: read through the primary key
    # and parent indexes.  A query runs even for none ([0] matches nothing),
    # so that a page always makes the same number of queries.
    present = set(queryset.filter(pk__in=parent_ids or [0]).values_list("pk", flat=True))
    nesting = [event.pk for event in roots if event.parent_id is None or event.parent_id not in present]
    return list(entry_events(queryset).filter(parent_id__in=nesting or [0]).order_by(*CHILD_ORDER))


def _page_events(queryset, page, summary, newest_first: bool, per_page: int) -> tuple[list[Event], list[Event]]:
    """The page's top-level events and the children nested under them;
    their ids cached under the summary's key (the same data version and
    lifetime).  Read back by primary key in one query with the filters
    applied again, so a row that stopped matching since is left out rather
    than shown."""
    ordering = NEWEST_FIRST if newest_first else OLDEST_FIRST
    bottom = (page.number - 1) * per_page
    cache = caches["default"]
    key = f"{summary.key}:page:{int(newest_first)}:{per_page}:{page.number}"
    ids = cache.get(key) if summary.key else None
    if ids is None:
        nested = summary.nested_ids
        if nested is None and summary.key:
            nested = cache.get(f"{summary.key}:nested")
        if nested is None:
            nested = nested_ids(queryset)
        roots = list(_roots(queryset, list(nested)).order_by(*ordering)[bottom : bottom + per_page])
        children = _nested_children(queryset, roots)
        if summary.key:
            cache.set(key, ([event.pk for event in roots], [event.pk for event in children]), cache_seconds())
        return roots, children
    root_ids, child_ids = ids
    # A plain IN list (at most a page of ids and their children): the
    # planner then reads them by primary key instead of searching with the
    # filters first.  An empty page still makes its query.
    found = {event.pk: event for event in entry_events(queryset).filter(pk__in=[*root_ids, *child_ids] or [0])}
    roots = [found[pk] for pk in root_ids if pk in found]
    shown = {event.pk for event in roots}
    children = [found[pk] for pk in child_ids if pk in found and found[pk].parent_id in shown]
    return roots, children


def entries_for(events: list[Event], *, traditional: bool = False) -> dict[int, Entry]:
    """Entries for these events (read through entry_events, which brings
    their counts) with what the timeline shows beside each: their regions
    and organisers in one query (a UNION ALL; none for an empty list)."""
    entries = {event.pk: Entry(event=event) for event in events}
    if not entries:
        return entries
    ids = id_list(list(entries))
    text, number = models.CharField(), models.IntegerField()
    # (kind, event, id of the place or organisation, its name, role, link id)
    regions = (
        Event.regions.through.objects.filter(event_id__in=ids)
        .order_by()
        .values_list(Value(0, output_field=number), "event_id", "region_id", "region__name",
                     Value("", output_field=text), "id")
    )
    roles = (
        EventRole.objects.filter(
            event_id__in=ids, role__in=ORGANISER_ROLES, organisation__isnull=False
        )
        .exclude(organisation__review_status=ReviewStatus.REJECTED)
        .order_by()
        .values_list(Value(1, output_field=number), "event_id", "organisation_id", "organisation__name",
                     "role", "id")
    )
    rank = {role: number for number, role in enumerate(ORGANISER_ROLES)}
    # Regions most specific first, as stored (link id order); organisers by
    # the rank of their role, then as stored.
    for kind, event_id, pk, name, role, _ in sorted(
        regions.union(roles, all=True), key=lambda r: (r[0], r[1], rank.get(r[4], 0), r[5])
    ):
        if kind == 0:
            entries[event_id].regions.append((pk, name))
        else:
            entries[event_id].organisers.append((pk, name, role))
    for entry in entries.values():
        entry.quote_count = entry.event.entry_quote_count
        entry.source_count = entry.event.entry_source_count
    entries_prepare(entries.values(), traditional=traditional)
    return entries


def group_entries(entries: list[Entry], *, newest_first: bool) -> list[YearGroup]:
    """Year and month groups in the page's order; an event known only to its
    year goes in a "month unknown" group where its sort date (1 January)
    puts it: after the months when newest first, before them otherwise."""
    years: dict[int | None, dict[int | None, list[Entry]]] = {}
    for entry in entries:
        event = entry.event
        if event.start_date is None or event.date_precision == dates.UNKNOWN:
            year, month = None, None
        else:
            year = event.start_date.year
            month = None if event.date_precision == dates.YEAR else event.start_date.month
        years.setdefault(year, {}).setdefault(month, []).append(entry)
    groups = []
    for year, months in years.items():
        keys = sorted(months, key=lambda m: m or 0, reverse=newest_first)
        groups.append(YearGroup(year, [MonthGroup(m, months[m]) for m in keys]))
    return groups


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
    if connection.vendor == "postgresql":
        mapping = "SELECT * FROM unnest(%s::bigint[], %s::bigint[]) AS m(region_id, top_id)"
        mapping_params = [[region for region, _ in pairs], [top for _, top in pairs]]
    elif connection.vendor == "sqlite":
        mapping = (
            "SELECT json_extract(value, '$[0]') AS region_id, json_extract(value, '$[1]') AS top_id "
            "FROM json_each(%s)"
        )
        mapping_params = [json.dumps(pairs)]
    else:  # pragma: no cover - the project runs on SQLite and PostgreSQL
        return _region_counts_portable(queryset, tree, tops)
    events_sql, events_params = queryset.order_by().values("pk").query.sql_with_params()
    quote = connection.ops.quote_name
    # Only quoted names and Django's own compiled subquery go into the
    # text; every value is a parameter.
    sql = (
        f"SELECT m.top_id, COUNT(DISTINCT l.{quote('event_id')}) "  # noqa: S608
        f"FROM {quote(Event.regions.through._meta.db_table)} l "
        f"JOIN ({mapping}) m ON m.region_id = l.{quote('region_id')} "
        f"WHERE l.{quote('event_id')} IN ({events_sql}) "
        "GROUP BY m.top_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*mapping_params, *events_params])
        counts = {int(top): n for top, n in cursor.fetchall()}
    return {pk: counts.get(pk, 0) for pk in tops}


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


# Detail ------------------------------------------------------------------------------


@dataclass
class SourceEvidence:
    source: object
    sentences: list[tuple[str, str, str]]  # before, highlighted span, after


def highlight(sentence: str, text: str, start: int, end: int) -> tuple[str, str, str]:
    """Split an evidence sentence around the span [start, end) of the source
    text, so a template can mark the span.  The sentence is located near the
    span in the text; when it cannot be (an edited sentence), the span's text
    is looked for inside the sentence, and failing that nothing is marked."""
    span = text[start:end]
    if not sentence:
        return "", span, ""
    at = text.rfind(sentence, max(0, start - len(sentence)), end + len(sentence))
    if at != -1 and at <= start and end <= at + len(sentence):
        offset = start - at
        return sentence[:offset], sentence[offset : offset + len(span)], sentence[offset + len(span) :]
    offset = sentence.find(span) if span else -1
    if offset == -1:
        return sentence, "", ""
    return sentence[:offset], span, sentence[offset + len(span) :]


def event_detail(event: Event) -> dict:
    """Everything the event page shows, in a fixed number of queries."""
    regions = list(
        Event.regions.through.objects.filter(event=event)
        .select_related("region")
        .order_by("id")
    )
    roles = list(
        EventRole.objects.filter(event=event)
        .exclude(organisation__review_status=ReviewStatus.REJECTED)
        .exclude(person__review_status=ReviewStatus.REJECTED)
        .select_related("organisation", "person")
        .order_by("id")
    )
    quotes = list(
        quotes_public()
        .filter(event=event)
        .select_related("speaker", "speaker_organisation", "source")
        .order_by("source_id", "id")
    )
    children = list(events_public().filter(parent=event).order_by(*CHILD_ORDER))
    evidence = evidence_public(Evidence.objects.filter(EVENT_EVIDENCE, object_id=event.pk))
    by_source: dict[int, SourceEvidence] = {}
    for row in evidence:
        item = by_source.setdefault(row.source_id, SourceEvidence(row.source, []))
        parts = highlight(row.sentence, row.source.text, row.start, row.end)
        if parts not in item.sentences:
            item.sentences.append(parts)
    parent = event.parent if event.parent and event.parent.review_status != ReviewStatus.REJECTED else None
    return {
        "regions": [link.region for link in regions],
        "organisation_roles": [r for r in roles if r.organisation_id],
        "person_roles": [r for r in roles if r.person_id],
        "quotes": quotes,
        "children": children,
        "parent": parent,
        "sources": list(by_source.values()),
    }


def roles_by_event(queryset: QuerySet[EventRole], event_ids: list[int]) -> dict[int, list[str]]:
    """{event id: [role, …]} of one party's roles, for the page's events."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for event_id, role in queryset.filter(event_id__in=event_ids).values_list("event_id", "role"):
        grouped[event_id].append(role)
    return grouped
