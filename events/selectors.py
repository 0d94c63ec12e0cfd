"""Reads of events for the public site: the timeline's page of entries,
and an event's detail.  (What the timeline shows about the whole filtered
set, its facets, chart and count, is events.summary.)

Every list read here makes the same number of queries however many rows it
shows: the page is cut first, then what each entry needs (regions,
organisers, nested children) is fetched for the page's ids, and the
quote and source counts come with the page's own query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kb import dates
from kb.exporting import id_list
from kb.models import Evidence, ReviewStatus
from kb.selectors.public import NOT_REJECTED, evidence_public, quotes_public

from .entry_markup import entries_prepare, entry_html
from .models import Event, EventRole, Role
from .summary import TimelineSummary, cache_seconds, nested_ids

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
