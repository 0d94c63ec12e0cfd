"""Events as iCalendar (RFC 5545), streamed.

Every event is an all-day event over its whole period at its precision: a
day-precision event on its days, a month-precision one over its month, a
year-precision one over its year (Event.span_start/span_end).  An event
with no known date has no place in a calendar and is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

from .models import Event

CRLF = "\r\n"
LINE_OCTETS = 75
CHUNK = 1000


def escape_text(value: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and
    newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8
    character; continuation lines start with a space."""
    pieces, current, size = [], [], 0
    limit = LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = LINE_OCTETS - 1  # the leading space counts
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces) + CRLF


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def vevent(row: dict, *, host: str, url: str, stamp: str, places: list[str]) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{row['pk']}@{host}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(row['span_start'])}",
        # DTEND of an all-day event is the day after its last day.
        f"DTEND;VALUE=DATE:{_date(row['span_end'] + dt.timedelta(days=1))}",
        f"SUMMARY:{escape_text(row['title'])}",
    ]
    if places:
        lines.append(f"LOCATION:{escape_text('、'.join(places))}")
    description = "\n".join(part for part in (row["summary"], url) if part)
    lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append(f"CATEGORIES:{escape_text(row['kind'])}")
    lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return "".join(fold(line) for line in lines)


def ics_chunks(queryset: QuerySet[Event], *, host: str, base_url: str, name: str) -> Iterator[str]:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    yield "".join(
        fold(line)
        for line in (
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:-//{host}//regional-kb//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{escape_text(name)}",
        )
    )
    rows = (
        queryset.filter(span_start__isnull=False, span_end__isnull=False)
        .values("pk", "title", "summary", "kind", "span_start", "span_end")
        .iterator(chunk_size=CHUNK)
    )
    while chunk := list(islice(rows, CHUNK)):
        places: dict[int, list[str]] = {}
        for event_id, region in (
            Event.regions.through.objects.filter(event_id__in=[row["pk"] for row in chunk])
            .order_by("event_id", "id")
            .values_list("event_id", "region__name")
        ):
            places.setdefault(event_id, []).append(region)
        yield "".join(
            vevent(
                row,
                host=host,
                url=f"{base_url}/events/{row['pk']}/",
                stamp=stamp,
                places=places.get(row["pk"], []),
            )
            for row in chunk
        )
    yield "END:VCALENDAR" + CRLF


def streaming_ics_response(queryset, *, request, filename: str, name: str) -> StreamingHttpResponse:
    base_url = f"{request.scheme}://{request.get_host()}"
    response = StreamingHttpResponse(
        ics_chunks(queryset, host=request.get_host(), base_url=base_url, name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response
