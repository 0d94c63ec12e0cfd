"""The timeline and the pages built on it make the same number of SQL
queries whatever the number of events: with the summary cache cold (every
count read from the database) and warm (the next visitor), on the first
page and later ones, unfiltered and with every filter."""

import pytest
from django.core.cache import caches

from kb.models import Region
from tests.factories import RegionFactory
from tests.views.helpers import make_rich_events, query_count


def cold_and_warm(client, url: str) -> tuple[int, int]:
    caches["default"].clear()
    return query_count(client, url), query_count(client, url)


def timeline_urls() -> list[str]:
    province = Region.objects.get(adcode="330000")
    city = Region.objects.get(adcode="330100")
    macro = Region.objects.filter(name="长三角").first() or RegionFactory(
        name="长三角", level="macro", members=[province]
    )
    return [
        "/",
        "/?page=2",
        "/?order=date",
        f"/?region={macro.pk}",  # a top region: matched on Event.region_tops
        f"/?region={city.pk}",  # any other region: through the link table
        f"/?kind=alliance&kind=forum&region={macro.pk}&date_after=2020&date_before=2030&q=论坛",
        "/?has_quotes=1&status=reviewed&q=论",
    ]


def test_timeline_query_counts_do_not_grow_with_events_cold_or_warm(db, client):
    make_rich_events(10)
    urls = timeline_urls()
    few = {url: cold_and_warm(client, url) for url in urls}
    make_rich_events(90)
    assert {url: cold_and_warm(client, url) for url in urls} == few


def test_warm_timeline_reads_its_counts_from_the_cache(db, client):
    make_rich_events(20)
    cold, warm = cold_and_warm(client, "/")
    # Warm: the data version, the region tree, the page's events with their
    # children and their quote and source counts, their regions and
    # organisers.
    assert warm == 4
    # Cold adds the summary (both facets, the nested events in two queries,
    # the chart) and reads the page in three queries (top-level events,
    # which of their parents are shown, the children) instead of one.
    assert cold == warm + 6


@pytest.mark.parametrize("page", ["organisation", "person", "region"])
def test_entity_timelines_do_not_grow_with_events(db, client, page):
    from events.models import EventRole
    from tests.factories import EventFactory, EventRoleFactory, PersonFactory

    events = make_rich_events(10)
    organisation = EventRole.objects.filter(event=events[0]).first().organisation
    person = PersonFactory()
    region = Region.objects.get(adcode="330000")

    def link(batch):
        for event in batch:
            EventRoleFactory(event=event, organisation=organisation, role="host")
            EventRoleFactory(event=event, organisation=None, person=person)
        EventFactory(parent=batch[-1], regions=[region])

    link(events)
    url = {
        "organisation": f"/organisations/{organisation.pk}/",
        "person": f"/people/{person.pk}/",
        "region": f"/regions/{region.pk}/",
    }[page]
    few = query_count(client, url)
    link(make_rich_events(90))
    assert query_count(client, url) == few
