"""The public timeline, an event's page, and the events exports (CSV,
iCalendar, JSON), all filtered by events.filters.EventFilter from the same
query string."""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import MAX_URL_REDIRECT_LENGTH, content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kb.exporting import streaming_csv_response, unescape_formula
from kb.selectors.public import region_options
from kb.views import (
    bad_filters_response,
    describe,
    export_filename,
    query_without_page,
    wants_traditional,
)

from .calendar import streaming_ics_response
from .exporting import EventExporter
from .filters import EventFilter
from .maps import timeline_map
from .models import EventKind
from .selectors import NEWEST_FIRST, OLDEST_FIRST, event_detail, events_public, timeline
from .summary import cache_seconds, timeline_summary


@require_safe
def timeline_view(request):
    filterset = EventFilter(request.GET, queryset=events_public(), request=request)
    context = {
        "filter": filterset,
        "nav": "timeline",
        "kinds": EventKind.choices,
        "export_query": query_without_page(request),
    }
    if not filterset.is_valid():
        context["errors"] = filterset.error_messages()
        return render(request, "public/timeline.html", context, status=400)
    summary = timeline_summary(filterset)
    traditional = wants_traditional(request)
    context.update(
        timeline=timeline(
            queryset=filterset.qs,
            page_number=request.GET.get("page"),
            newest_first=filterset.newest_first,
            summary=summary,
            traditional=traditional,
        ),
        map=timeline_map(filterset, summary, query=dict(request.GET.lists()), traditional=traditional),
        chart=summary.chart,
        # The chart's markup depends on the summary alone: cached with it.
        chart_cache_key=summary.key,
        chart_cache_seconds=cache_seconds(),
        kind_counts=summary.kind_counts,
        region_options=region_options(
            filterset.tree, summary.region_counts, filterset.cleaned("region")
        ),
        selected_kinds=filterset.cleaned("kind") or [],
        organisation=filterset.cleaned("organisation"),
        person=filterset.cleaned("person"),
    )
    return render(request, "public/timeline.html", context)


@require_safe
def event_detail_view(request, pk: int):
    event = get_object_or_404(events_public().select_related("parent"), pk=pk)
    return render(request, "public/event_detail.html", {"event": event, "nav": "timeline", **event_detail(event)})


def _export_queryset(request):
    """The filtered events in the page's order, or the FilterSet when its
    values do not parse."""
    filterset = EventFilter(request.GET, queryset=events_public(), request=request)
    if not filterset.is_valid():
        return filterset, None
    order = NEWEST_FIRST if filterset.newest_first else OLDEST_FIRST
    return filterset, filterset.qs.order_by(*order)


def _filename(filterset, extension: str) -> str:
    return export_filename("events", describe(filterset, "kind", "region", "q"), extension)


@require_safe
def export_csv(request):
    filterset, queryset = _export_queryset(request)
    if queryset is None:
        return bad_filters_response(filterset)
    return streaming_csv_response(EventExporter(), queryset, _filename(filterset, "csv"))


@require_safe
def export_ics(request):
    filterset, queryset = _export_queryset(request)
    if queryset is None:
        return bad_filters_response(filterset)
    return streaming_ics_response(
        queryset, request=request, filename=_filename(filterset, "ics"), name=_("区域发展活动")
    )


# Columns whose JSON value is a number (or null); every other one is text.
JSON_INTEGERS = {"id", "parent_id", "participants"}


def json_chunks(exporter: EventExporter, queryset) -> Iterator[str]:
    """A JSON array of objects with the CSV's columns, streamed; the CSV's
    formula escaping is undone (JSON is not opened by spreadsheets)."""
    columns = exporter.header()
    yield "["
    separator = "\n"
    for row in exporter.rows(queryset):
        item = {}
        for column, value in zip(columns, row, strict=True):
            value = unescape_formula(value)
            if column in JSON_INTEGERS:
                item[column] = int(value) if value else None
            else:
                item[column] = value
        yield separator + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


@require_safe
def export_json(request):
    filterset, queryset = _export_queryset(request)
    if queryset is None:
        return bad_filters_response(filterset)
    response = StreamingHttpResponse(
        json_chunks(EventExporter(), queryset), content_type="application/json; charset=utf-8"
    )
    response.headers["Content-Disposition"] = content_disposition_header(
        True, _filename(filterset, "json")
    )
    return response


@require_safe
def events_index(request):
    """/events/ is the timeline at /, with the same query string."""
    query = request.GET.urlencode()
    target = "/" + (f"?{query}" if query else "")
    if len(target) > MAX_URL_REDIRECT_LENGTH:
        # Django refuses to redirect there; no real filter is that long.
        return HttpResponse(_("筛选条件有误：") + "\n" + _("查询过长") + "\n", status=400,
                            content_type="text/plain; charset=utf-8")
    return redirect(target)

