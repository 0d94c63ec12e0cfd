"""The map areas each event lies in (EventArea) and the record of the
gazetteer they were computed with (EventsRefreshed): kept in step with the
region links, read by the maps only while current, and giving the same
counts as the region links themselves."""

import io

import pytest
from django.core.management import call_command
from django.http import QueryDict

from events.filters import EventFilter
from events.map_counts import _link_counts, region_unit_counts
from events.maps import macro_areas, province_areas, timeline_map
from events.models import EventArea, EventsRefreshed
from events.selectors import events_public
from events.services import events_refresh_all, refreshed_digest
from events.summary import summary_compute
from kb.models import Region
from kb.selectors.regions import region_tree_cached
from tests.factories import EventFactory


def areas_of(event) -> list[int]:
    return sorted(EventArea.objects.filter(event=event).values_list("area_id", flat=True))


def test_event_areas_follow_links_changed_through_the_orm(places):
    event = EventFactory()
    assert areas_of(event) == []
    event.regions.add(places["yinzhou"])
    assert areas_of(event) == [places["ningbo"].pk]
    event.regions.add(places["hangzhou"], places["zhejiang"], places["yrd"])  # the last two: no area
    assert areas_of(event) == sorted([places["ningbo"].pk, places["hangzhou"].pk])
    places["pudong"].events.add(event)  # the reverse side; Shanghai's districts are its areas
    assert places["pudong"].pk in areas_of(event)
    event.regions.set([places["free_trade_zone"]])
    assert areas_of(event) == []
    event.regions.set([places["haidian"]])  # a district Beijing governs directly: its own area
    assert areas_of(event) == [places["haidian"].pk]
    event.delete()
    assert not EventArea.objects.exists()


@pytest.fixture
def placed(places):
    made = [
        EventFactory(kind="forum", regions=[places["hangzhou"]]),
        EventFactory(kind="forum", regions=[places["hangzhou"], places["yinzhou"]]),  # two areas
        EventFactory(kind="alliance", regions=[places["ningbo"], places["yinzhou"]]),  # one area twice
        EventFactory(kind="forum", regions=[places["wujiang"], places["pudong"]]),
        EventFactory(kind="forum", regions=[places["zhejiang"]]),
        EventFactory(kind="forum", regions=[places["yrd"], places["beijing"]]),  # partly outside 长三角
        EventFactory(kind="training", regions=[places["yrd"], places["haidian"]]),
        EventFactory(kind="forum", regions=[places["free_trade_zone"]]),
        EventFactory(kind="forum", regions=[places["suzhou"]], review_status="rejected"),
    ]
    return made


def both_ways(region: Region, *, kind: str | None = None, within: bool = False):
    """region_unit_counts as the maps call it, and the same counted over the
    region links."""
    tree = region_tree_cached()
    level = tree.levels[region.pk]
    areas = macro_areas(tree, region.pk) if level == "macro" else province_areas(tree, region.pk)
    events = events_public().filter(kind=kind) if kind else None
    total = None
    if within:
        counted = events if events is not None else events_public()
        total = counted.filter(regions__in=tree.expand(region.pk)).distinct().count()
    fast = region_unit_counts(tree, areas, region.pk, events=events, within=total)
    slow = _link_counts(tree, areas, region.pk, events=events, using="default")
    return ({pk: n for pk, n in fast[0].items() if n}, fast[1]), ({pk: n for pk, n in slow[0].items() if n}, slow[1])


def test_area_rows_and_region_links_give_the_same_counts(places, placed):
    assert refreshed_digest(using="default") == region_tree_cached().digest  # the area rows are read
    ids = {name: region.pk for name, region in places.items()}
    fast, slow = both_ways(places["zhejiang"])
    assert fast == slow == ({ids["hangzhou"]: 2, ids["ningbo"]: 2}, 1)
    fast, slow = both_ways(places["yrd"], within=True)
    assert fast == slow == ({ids["hangzhou"]: 2, ids["ningbo"]: 2, ids["suzhou"]: 1, ids["pudong"]: 1}, 3)
    for region in ("zhejiang", "jiangsu", "shanghai", "yrd", "beijing"):
        for kind in (None, "forum", "training"):
            for within in (False, True):
                fast, slow = both_ways(places[region], kind=kind, within=within)
                assert fast == slow, (region, kind, within)


def the_map(query: str):
    filterset = EventFilter(QueryDict(query), queryset=events_public())
    assert filterset.is_valid(), filterset.errors
    return timeline_map(filterset, summary_compute(filterset), query=dict(QueryDict(query).lists()),
                        traditional=False)


def counts(view) -> dict[str, int]:
    return {area.name: area.count for area in view.region_map.areas if area.count}


@pytest.fixture
def forget_tree():
    """The kept region tree read afresh after the test: the rollback of a
    moved region sends no signal."""
    from kb.selectors import regions

    yield
    regions._tree_state["kept"] = None


def move(region: Region, parent: Region) -> None:
    region.parent = parent
    region.save()


def test_maps_count_the_links_while_the_gazetteer_differs_from_the_last_refresh(places, placed, forget_tree):
    zhejiang = f"region={places['zhejiang'].pk}"
    assert counts(the_map(zhejiang)) == {"杭州市": 2, "宁波市": 2}
    move(places["yinzhou"], places["hangzhou"])
    assert refreshed_digest(using="default") != region_tree_cached().digest
    # 鄞州区 now counts for 杭州市: the stored areas say 宁波市, the links are read.
    assert counts(the_map(zhejiang)) == {"杭州市": 3, "宁波市": 1}
    call_command("refresh_events", stdout=io.StringIO())
    assert refreshed_digest(using="default") == region_tree_cached().digest
    assert areas_of(placed[2]) == sorted([places["ningbo"].pk, places["hangzhou"].pk])
    assert counts(the_map(zhejiang)) == {"杭州市": 3, "宁波市": 1}


def test_a_map_reads_current_area_rows_in_one_query_and_stale_ones_in_two(
        places, placed, django_assert_num_queries):
    tree = region_tree_cached()
    areas = province_areas(tree, places["zhejiang"].pk)
    with django_assert_num_queries(1):
        current = region_unit_counts(tree, areas, places["zhejiang"].pk, events=None)
    EventsRefreshed.objects.all().delete()
    with django_assert_num_queries(2):  # the area rows' query says they are stale; then the links
        assert region_unit_counts(tree, areas, places["zhejiang"].pk, events=None) == current


def test_events_written_with_another_gazetteer_keep_the_maps_on_the_links(places, placed, forget_tree):
    """An event refreshed while the gazetteer differs from the last whole
    refresh has areas of that gazetteer: when the gazetteer changes back,
    the record no longer vouches for every event, so it is dropped."""
    move(places["yinzhou"], places["hangzhou"])
    later = EventFactory(kind="forum", regions=[places["yinzhou"]])
    assert areas_of(later) == [places["hangzhou"].pk]
    assert not EventsRefreshed.objects.exists()
    move(places["yinzhou"], places["ningbo"])
    assert counts(the_map(f"region={places['zhejiang'].pk}")) == {"杭州市": 2, "宁波市": 3}


def test_load_regions_refreshes_every_event_when_the_gazetteer_is_not_the_refreshed_one(places, placed):
    EventArea.objects.all().delete()
    EventsRefreshed.objects.all().delete()
    out = io.StringIO()
    call_command("load_regions", stdout=out)
    # Every event placed in an area, the rejected one too (not those tied to
    # Zhejiang, Beijing or 长三角 as a whole, or to the zone under Shanghai).
    assert out.getvalue().splitlines()[-1] == "events refreshed with the gazetteer: 6 changed"
    assert areas_of(placed[0]) == [places["hangzhou"].pk]
    assert refreshed_digest(using="default") == region_tree_cached().digest
    # Current: a second load refreshes nothing.
    out = io.StringIO()
    call_command("load_regions", stdout=out)
    assert "events refreshed" not in out.getvalue()


def test_refresh_all_writes_nothing_when_every_event_is_current(places, placed):
    assert events_refresh_all() == 0
    assert refreshed_digest(using="default") == region_tree_cached().digest
