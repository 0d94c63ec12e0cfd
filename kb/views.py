"""The public site's pages for the knowledge-base tables (organisations,
people, regions, quotes, sources), their CSV exports, and the
Simplified/Traditional switch.

Read-only: every page answers GET and HEAD only (405 otherwise).  Views are
thin: the FilterSets (kb.filters) decide which rows, the selectors
(kb.selectors.public, events.selectors) read them.
"""

from __future__ import annotations

import re

from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from events.maps import party_map, region_page_map
from events.models import EventRole
from events.selectors import events_public, roles_by_event, timeline
from kb.exporting import (
    OrganisationExporter,
    PersonExporter,
    QuoteExporter,
    RegionExporter,
    SourceExporter,
    id_list,
    streaming_csv_response,
)
from kb.filters import (
    OrganisationFilter,
    PersonFilter,
    PublicFilterSet,
    QuoteFilter,
    RegionFilter,
    SourceFilter,
)
from kb.models import (
    Evidence,
    Organisation,
    OrganisationKind,
    Person,
    Position,
    QuoteKind,
    Region,
    RegionLevel,
    ReviewStatus,
    Script,
)
from kb.selectors import public as selectors
from kb.selectors.regions import region_tree_cached
from kb.switches import same_origin_post
from kb.templatetags.kb_public import SCRIPT_COOKIE

PAGE_SIZE = 50
SCRIPT_VALUES = ("traditional", "simplified")


# Shared helpers ---------------------------------------------------------------------


def query_without_page(request) -> str:
    """The current query string without `page` (for export links and the
    pagination's own links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def export_filename(table: str, parts: list[str], extension: str) -> str:
    """`events-联盟-长三角-2025-06-08T1015.csv`: what and when (local time).
    Non-ASCII names go out as RFC 5987 filename* (content_disposition_header)."""
    words = [re.sub(r"[^\w]+", "", part)[:20] for part in parts if part]
    stamp = timezone.localtime().strftime("%Y-%m-%dT%H%M")
    return "-".join([table, *[w for w in words if w], stamp]) + "." + extension


def bad_filters_response(filterset: PublicFilterSet) -> HttpResponse:
    """An export asked with filter values that do not parse: say which."""
    lines = [_("筛选条件有误："), *filterset.error_messages()]
    return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")


def filter_page(request, filterset, template: str, context: dict, *, order=None, decorate=None):
    """A filterable list page: the FilterSet picks the rows, `decorate` adds
    what each row of the page shows (one query per kind of thing).  Bad
    filter values give the page with the messages and a 400."""
    context = {"filter": filterset, "export_query": query_without_page(request), **context}
    if not filterset.is_valid():
        context["errors"] = filterset.error_messages()
        return render(request, template, context, status=400)
    queryset = filterset.qs
    if order:
        queryset = queryset.order_by(*order)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    if decorate and rows:
        decorate(rows)
    page.object_list = rows
    context["page"] = page
    return render(request, template, context)


def public_or_404(queryset, pk):
    """A record a visitor may see; a merged duplicate redirects to the
    record it was merged into."""
    record = get_object_or_404(queryset.model._default_manager, pk=pk)
    survivor = getattr(record, "merged_into", None)
    if survivor is not None and survivor.review_status != ReviewStatus.REJECTED:
        return None, redirect(request_path_for(survivor), permanent=False)
    if record.review_status == ReviewStatus.REJECTED:
        raise Http404
    return record, None


def wants_traditional(request) -> bool:
    """The visitor chose Traditional characters (the `zh` template tag's
    rule, for text prepared outside templates)."""
    return request.COOKIES.get(SCRIPT_COOKIE) == "traditional"


def request_path_for(record) -> str:
    names = {Organisation: "organisation_detail", Person: "person_detail"}
    return reverse(names[type(record)], args=[record.pk])


def entity_timeline(request, queryset, role_filter: Q | None = None) -> dict:
    """The timeline of some events (an organisation's, a person's, a
    region's) with the party's roles beside each entry."""
    data = timeline(
        queryset=queryset, page_number=request.GET.get("page"), traditional=wants_traditional(request)
    )
    if role_filter is not None:
        entries = list(data.page.object_list)
        every = entries + [child for entry in entries for child in entry.children]
        roles = roles_by_event(EventRole.objects.filter(role_filter), [e.event.pk for e in every])
        labels = dict(EventRole._meta.get_field("role").choices)
        for entry in every:
            entry.roles = [labels.get(role, role) for role in roles.get(entry.event.pk, [])]
    return {"timeline": data}


# Organisations -------------------------------------------------------------------


@require_safe
def organisation_list(request):
    queryset = selectors.organisations_public().select_related("region")
    filterset = OrganisationFilter(request.GET, queryset=queryset, request=request)
    context = {"kinds": OrganisationKind.choices, "nav": "organisations"}
    if filterset.is_valid():
        context["kind_counts"] = selectors.counts_by(filterset.qs_without("kind"), "kind")
        context["region_options"] = selectors.region_options(
            filterset.tree,
            selectors.counts_in_regions(filterset.qs_without("region"), "region_id", filterset.tree),
            filterset.cleaned("region"),
        )

    def decorate(rows):
        counts = dict(
            events_public()
            .filter(roles__organisation_id__in=id_list([r.pk for r in rows]))
            .order_by()
            .values_list("roles__organisation_id")
            .annotate(n=Count("pk", distinct=True))
        )
        for row in rows:
            row.event_count = counts.get(row.pk, 0)

    return filter_page(
        request, filterset, "public/organisation_list.html", context,
        order=("name", "id"), decorate=decorate,
    )


@require_safe
def organisation_detail(request, pk: int):
    organisation, moved = public_or_404(selectors.organisations_public(), pk)
    if moved:
        return moved
    events = events_public().filter(
        pk__in=EventRole.objects.filter(organisation=organisation).values("event_id")
    )
    context = {
        "organisation": organisation,
        "nav": "organisations",
        "parent": organisation.parent if organisation.parent_id else None,
        "branches": selectors.organisations_public().filter(parent=organisation).order_by("name"),
        "positions": selectors.positions_at_organisation(organisation),
        "quotes": selectors.quotes_for_page(
            selectors.quotes_public().filter(speaker_organisation=organisation)
        ).order_by("source_id", "id")[:100],
        "sources": selectors.sources_public()
        .filter(evidence_spans__in=Evidence.objects.filter(
            content_type__app_label="kb", content_type__model="organisation", object_id=organisation.pk
        ))
        .distinct()
        .only("pk", "title", "outlet", "published_date", "published_precision"),
        "map": party_map(request, events, region_tree_cached(), party="organisation", pk=organisation.pk,
                         traditional=wants_traditional(request)),
        **entity_timeline(request, events, Q(organisation=organisation)),
    }
    return render(request, "public/organisation_detail.html", context)


@require_safe
def organisation_export(request):
    filterset = OrganisationFilter(
        request.GET, queryset=selectors.organisations_public(), request=request
    )
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    name = export_filename("organisations", describe(filterset, "kind", "region", "q"), "csv")
    return streaming_csv_response(OrganisationExporter(), filterset.qs.order_by("name", "id"), name)


# People ------------------------------------------------------------------------------


@require_safe
def person_list(request):
    filterset = PersonFilter(request.GET, queryset=selectors.people_public(), request=request)

    def decorate(rows):
        ids = id_list([r.pk for r in rows])
        latest: dict[int, object] = {}
        for position in (
            Position.objects.filter(person_id__in=ids)
            .select_related("organisation")
            .order_by("person_id", F("as_of").desc(nulls_last=True), "id")
        ):
            latest.setdefault(position.person_id, position)
        events = dict(
            events_public()
            .filter(roles__person_id__in=ids)
            .order_by()
            .values_list("roles__person_id")
            .annotate(n=Count("pk", distinct=True))
        )
        quotes = dict(
            selectors.quotes_public()
            .filter(speaker_id__in=ids)
            .order_by()
            .values_list("speaker_id")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            row.latest_position = latest.get(row.pk)
            row.event_count = events.get(row.pk, 0)
            row.quote_count = quotes.get(row.pk, 0)

    return filter_page(
        request, filterset, "public/person_list.html", {"nav": "people"}, order=("name", "id"),
        decorate=decorate,
    )


@require_safe
def person_detail(request, pk: int):
    person, moved = public_or_404(selectors.people_public(), pk)
    if moved:
        return moved
    events = events_public().filter(pk__in=EventRole.objects.filter(person=person).values("event_id"))
    context = {
        "person": person,
        "nav": "people",
        "positions": selectors.positions_of_person(person),
        "quotes": selectors.quotes_for_page(selectors.quotes_public().filter(speaker=person)).order_by(
            "source_id", "id"
        )[:100],
        "credits": person.credits.select_related("source").exclude(
            source__review_status=ReviewStatus.REJECTED
        ),
        "map": party_map(request, events, region_tree_cached(), party="person", pk=person.pk,
                         traditional=wants_traditional(request)),
        **entity_timeline(request, events, Q(person=person)),
    }
    return render(request, "public/person_detail.html", context)


@require_safe
def person_export(request):
    filterset = PersonFilter(request.GET, queryset=selectors.people_public(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    name = export_filename("people", describe(filterset, "q"), "csv")
    return streaming_csv_response(PersonExporter(), filterset.qs.order_by("name", "id"), name)


# Regions -----------------------------------------------------------------------------

REGION_ORDER = ("adcode", "name", "id")


@require_safe
def region_list(request):
    filterset = RegionFilter(request.GET, queryset=Region.objects.select_related("parent"), request=request)
    context = {"levels": RegionLevel.choices, "nav": "regions"}
    if filterset.is_valid():
        context["level_counts"] = selectors.counts_by(filterset.qs_without("level"), "level")

    def decorate(rows):
        counts = dict(
            Region.events.through.objects.filter(
                region_id__in=id_list([r.pk for r in rows]),
                event__in=events_public(),
            )
            .order_by()
            .values_list("region_id")
            .annotate(n=Count("event_id"))
        )
        for row in rows:
            row.event_count = counts.get(row.pk, 0)

    return filter_page(
        request, filterset, "public/region_list.html", context, order=REGION_ORDER, decorate=decorate
    )


@require_safe
def region_detail(request, pk: int):
    region = get_object_or_404(Region, pk=pk)
    tree = region_tree_cached()
    region_ids = sorted(tree.expand(region.pk))
    links = Region.events.through.objects.filter(region_id__in=id_list(region_ids))
    events = events_public().filter(pk__in=links.values("event_id"))
    context = {
        "region": region,
        "nav": "regions",
        **selectors.region_detail(region, tree),
        "organisations": selectors.organisations_in_regions(region_ids).order_by("name")[:200],
        "organisation_count": selectors.organisations_in_regions(region_ids).count(),
        "quotes": selectors.quotes_for_page(
            selectors.quotes_public().filter(event__in=events)
        ).order_by("source_id", "id")[:50],
        "region_query": f"region={region.pk}",
        "map": region_page_map(request, region, tree, traditional=wants_traditional(request)),
        **entity_timeline(request, events),
    }
    return render(request, "public/region_detail.html", context)


@require_safe
def region_export(request):
    filterset = RegionFilter(request.GET, queryset=Region.objects.all(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    name = export_filename("regions", describe(filterset, "level", "q"), "csv")
    return streaming_csv_response(RegionExporter(), filterset.qs.order_by(*REGION_ORDER), name)


# Quotes ------------------------------------------------------------------------------

QUOTE_ORDER = (F("source__published_date").desc(nulls_last=True), "source_id", "id")


@require_safe
def quote_list(request):
    queryset = selectors.quotes_for_page(selectors.quotes_public())
    filterset = QuoteFilter(request.GET, queryset=queryset, request=request)
    context = {"kinds": QuoteKind.choices, "nav": "quotes"}
    if filterset.is_valid():
        context["kind_counts"] = selectors.counts_by(filterset.qs_without("kind"), "kind")
    return filter_page(request, filterset, "public/quote_list.html", context, order=QUOTE_ORDER)


@require_safe
def quote_export(request):
    filterset = QuoteFilter(request.GET, queryset=selectors.quotes_public(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    name = export_filename("quotes", describe(filterset, "speaker", "kind", "q"), "csv")
    return streaming_csv_response(QuoteExporter(), filterset.qs.order_by(*QUOTE_ORDER), name)


# Sources -----------------------------------------------------------------------------

SOURCE_ORDER = (F("published_date").desc(nulls_last=True), "file_name")
# What the list shows: the articles' texts stay in the database.
SOURCE_LIST_FIELDS = (
    "pk", "file_name", "outlet", "title", "published_date", "published_precision", "script",
)


@require_safe
def source_list(request):
    queryset = selectors.sources_public().only(*SOURCE_LIST_FIELDS)
    filterset = SourceFilter(request.GET, queryset=queryset, request=request)
    context = {"scripts": Script.choices, "nav": "sources"}
    if filterset.is_valid():
        context["outlet_counts"] = sorted(
            selectors.counts_by(filterset.qs_without("outlet"), "outlet").items(),
            key=lambda item: (-item[1], item[0]),
        )
        context["script_counts"] = selectors.counts_by(filterset.qs_without("script"), "script")

    def decorate(rows):
        ids = id_list([r.pk for r in rows])
        quotes = dict(
            selectors.quotes_public().filter(source_id__in=ids).order_by()
            .values_list("source_id").annotate(n=Count("pk"))
        )
        events = dict(
            Evidence.objects.filter(
                source_id__in=ids, content_type__app_label="events", content_type__model="event",
                object_id__in=events_public().values("pk"),
            )
            .order_by()
            .values_list("source_id")
            .annotate(n=Count("object_id", distinct=True))
        )
        for row in rows:
            row.quote_count = quotes.get(row.pk, 0)
            row.event_count = events.get(row.pk, 0)

    return filter_page(
        request, filterset, "public/source_list.html", context, order=SOURCE_ORDER, decorate=decorate
    )


SOURCE_VIEWS = ("simplified", "original", "raw")


@require_safe
def source_detail(request, pk: int):
    source = get_object_or_404(selectors.sources_public(), pk=pk)
    view = request.GET.get("view", "simplified")
    if view not in SOURCE_VIEWS:
        view = "simplified"
    evidence = selectors.evidence_public(Evidence.objects.filter(source=source))
    context = {
        "source": source,
        "nav": "sources",
        "view": view,
        "segments": selectors.source_segments(source, evidence, view=view),
        "repairs": selectors.repair_summary(source),
        "credits": source.credits.all(),
        "quotes": selectors.quotes_for_page(selectors.quotes_public().filter(source=source)).order_by("id"),
        "events": events_public()
        .filter(pk__in={row.object_id for row in evidence if row.content_type.model == "event"})
        .order_by(F("start_date").asc(nulls_last=True), "id"),
    }
    return render(request, "public/source_detail.html", context)


@require_safe
def source_export(request):
    filterset = SourceFilter(request.GET, queryset=selectors.sources_public(), request=request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    name = export_filename("sources", describe(filterset, "outlet", "script", "q"), "csv")
    return streaming_csv_response(SourceExporter(), filterset.qs.order_by(*SOURCE_ORDER), name)


# Filename parts -------------------------------------------------------------------------


def describe(filterset: PublicFilterSet, *names: str) -> list[str]:
    """Words for an export's filename from the filters in use."""
    parts = []
    for name in names:
        value = filterset.cleaned(name)
        if value in (None, "", []):
            continue
        if isinstance(value, (list, tuple)):
            parts.append("+".join(str(v) for v in value))
        else:
            parts.append(str(value))
    return parts


# Simplified / Traditional --------------------------------------------------------------


@same_origin_post
def script_switch(request):
    """Show content in Traditional or Simplified characters: a cookie read
    by the `zh` template tag; the stored data stays as it is."""
    script = request.POST.get("script", "")
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if script == "traditional":
        response.set_cookie(
            SCRIPT_COOKIE, "traditional", max_age=365 * 24 * 3600, samesite="Lax",
            secure=request.is_secure(), httponly=True,
        )
    elif script == "simplified":
        response.delete_cookie(SCRIPT_COOKIE, samesite="Lax")
    return response

