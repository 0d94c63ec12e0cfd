"""Reads of events for the public site: the timeline page, its facets and
chart, and an event's detail.

Every list read here makes the same number of queries however many rows it
shows: the page is cut first, then what each entry needs (regions,
organisers, quote and source counts, nested children) is fetched for the
page's ids with one query per kind of thing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, F, Q, QuerySet

from kb import dates
from kb.exporting import id_list
from kb.models import Evidence, ReviewStatus
from kb.selectors.public import NOT_REJECTED, RegionTree, evidence_public, quotes_public

from .models import Event, EventRole, Role

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

    Read in Python from the (few) events that have a parent, with two
    queries: a NOT IN subquery over the whole filtered table costs more than
    the rest of the timeline put together at 100,000 events."""
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


def timeline(
    *, queryset: QuerySet[Event], page_number, newest_first: bool = True, per_page: int = PAGE_SIZE
) -> Timeline:
    """One page of the timeline of `queryset` (already filtered), grouped by
    year and month, with children nested under their parents."""
    ordering = NEWEST_FIRST if newest_first else OLDEST_FIRST
    nested = nested_ids(queryset)
    roots = queryset.exclude(pk__in=id_list(nested)) if nested else queryset
    page = Paginator(roots.order_by(*ordering), per_page).get_page(page_number)
    root_events = list(page.object_list)
    children = list(
        queryset.filter(
            parent_id__in=id_list([event.pk for event in root_events]), pk__in=id_list(nested)
        ).order_by(*CHILD_ORDER)
    )
    entries = entries_for([*root_events, *children])
    for child in children:
        entries[child.parent_id].children.append(entries[child.pk])
    page.object_list = [entries[event.pk] for event in root_events]
    return Timeline(page=page, groups=group_entries(page.object_list, newest_first=newest_first))


def entries_for(events: list[Event]) -> dict[int, Entry]:
    """Entries for these events with what the timeline shows beside each,
    one query per kind of thing (none for an empty list)."""
    entries = {event.pk: Entry(event=event) for event in events}
    if not entries:
        return entries
    ids = id_list(list(entries))
    regions = (
        Event.regions.through.objects.filter(event_id__in=ids)
        .order_by("event_id", "id")  # most specific first, as stored
        .values_list("event_id", "region_id", "region__name")
    )
    for event_id, region_id, name in regions:
        entries[event_id].regions.append((region_id, name))
    rank = {role: number for number, role in enumerate(ORGANISER_ROLES)}
    roles = (
        EventRole.objects.filter(
            event_id__in=ids, role__in=ORGANISER_ROLES, organisation__isnull=False
        )
        .exclude(organisation__review_status=ReviewStatus.REJECTED)
        .values_list("event_id", "organisation_id", "organisation__name", "role", "id")
    )
    for event_id, org_id, name, role, _ in sorted(roles, key=lambda r: (r[0], rank[r[3]], r[4])):
        entries[event_id].organisers.append((org_id, name, role))
    quote_counts = (
        quotes_public().filter(event_id__in=ids).order_by().values_list("event_id").annotate(n=Count("pk"))
    )
    for event_id, count in quote_counts:
        entries[event_id].quote_count = count
    source_counts = (
        Evidence.objects.filter(EVENT_EVIDENCE, object_id__in=ids)
        .exclude(source__review_status=ReviewStatus.REJECTED)
        .order_by()
        .values_list("object_id")
        .annotate(n=Count("source_id", distinct=True))
    )
    for event_id, count in source_counts:
        entries[event_id].source_count = count
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
    return dict(queryset.order_by().values_list("kind").annotate(n=Count("pk")))


def region_counts(queryset: QuerySet[Event], tree: RegionTree) -> dict[int, int]:
    """Events of `queryset` in each macro-region and province (their
    descendants and members included), each event counted once per region,
    in one query: the link table joined to a (region, top region) mapping
    built from the in-memory tree and sent as one parameter."""
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
    rows = queryset.order_by().values_list("start_date", "date_precision").annotate(n=Count("pk"))
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
