"""Small helpers shared by the view tests."""

import csv
import io
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, EventKind
from kb.models import Region
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    EvidenceFactory,
    OrganisationFactory,
    QuoteFactory,
    RegionFactory,
    SourceFactory,
)


def body(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return data.decode("utf-8")


def csv_rows(response) -> list[dict]:
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def event_ids_on_page(html: str) -> list[int]:
    """Ids of the events a timeline page links to as entries, in order."""
    return [int(pk) for pk in re.findall(r'<h3 class="entry-title"><a href="/events/(\d+)/"', html)]


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


def make_rich_events(count: int) -> list[Event]:
    """`count` events with everything a timeline entry shows: regions, an
    organiser, a quote, evidence, and a child event."""
    region = Region.objects.filter(adcode="330000").first() or RegionFactory(name="浙江省", adcode="330000")
    city = Region.objects.filter(adcode="330100").first() or RegionFactory(
        name="杭州市", adcode="330100", parent=region, level="prefecture"
    )
    source = SourceFactory()
    events = []
    for number in range(count):
        event = EventFactory(kind=EventKind.FORUM if number % 2 else EventKind.ALLIANCE, regions=[city, region])
        EventRoleFactory(event=event, organisation=OrganisationFactory())
        QuoteFactory(event=event, source=source)
        EvidenceFactory(record=event, source=source)
        events.append(event)
    EventFactory(parent=events[0], title="分论坛")
    return events
