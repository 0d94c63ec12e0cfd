"""The timeline's map (events/maps.py, drawn by kb/maps.py): which areas it
shows for each region filter, counts that agree with the filtered timeline,
links that apply the region filter and keep the rest, and events tied to a
region as a whole counted apart."""

import re

import pytest
from django.http import QueryDict

from events.filters import EventFilter
from events.maps import timeline_map
from events.selectors import events_public
from events.summary import summary_compute
from kb.models import Region
from tests.factories import EventFactory


@pytest.fixture
def events(places):
    made = [
        EventFactory(kind="forum", regions=[places["hangzhou"]]),
        EventFactory(kind="forum", regions=[places["hangzhou"], places["yinzhou"]]),
        EventFactory(kind="alliance", regions=[places["ningbo"]]),
        EventFactory(kind="forum", regions=[places["suzhou"], places["pudong"]]),
        EventFactory(kind="forum", regions=[places["zhejiang"]]),  # the province as a whole
        EventFactory(kind="forum", regions=[places["yrd"]]),  # the macro-region as a whole
        EventFactory(kind="training", regions=[places["beijing"]]),
    ]
    return made


def the_map(query: str, *, traditional: bool = False):
    filterset = EventFilter(QueryDict(query), queryset=events_public())
    assert filterset.is_valid(), filterset.errors
    summary = summary_compute(filterset)
    return timeline_map(filterset, summary, query=dict(QueryDict(query).lists()), traditional=traditional)


def timeline_total(query: str) -> int:
    filterset = EventFilter(QueryDict(query), queryset=events_public())
    assert filterset.is_valid(), filterset.errors
    return summary_compute(filterset).total


def counts(view) -> dict[str, int]:
    return {area.name: area.count for area in view.region_map.areas if area.count}


def test_country_map_counts_each_province_as_its_filtered_timeline_does(events, places):
    view = the_map("kind=forum")
    assert view.region_map.country
    assert len(view.region_map.areas) == 34
    assert counts(view) == {"浙江省": 3, "江苏省": 1, "上海市": 1}
    for area in view.region_map.areas:
        assert area.count == timeline_total(f"kind=forum&region={area.region_id}")


def test_country_map_counts_apart_events_in_no_province_and_events_in_no_region(events, places, client):
    EventFactory(kind="forum", regions=[Region.objects.get(level="country")])  # 中国 as a whole
    EventFactory(kind="forum")  # no region at all
    view = the_map("kind=forum")
    # 长三角 with no city, and the country as a whole; the event with no region.
    assert (view.region_map.region_only, view.region_map.unplaced) == (2, 1)
    assert sum(area.count for area in view.region_map.areas) == 5  # 3 + 1 + 1, none of those three
    html = client.get("/?kind=forum").content.decode()
    assert "另有 2 个活动只标注到跨省区域或全国，未计入各省。" in html
    assert "1 个活动未标注地区。" in html


def test_province_map_shows_its_prefectures_counted_as_their_timelines(events, places):
    view = the_map(f"region={places['zhejiang'].pk}")
    names = [area.name for area in view.region_map.areas]
    assert names[:3] == ["杭州市", "宁波市", "温州市"] and len(names) == 11
    assert counts(view) == {"杭州市": 2, "宁波市": 2}
    for area in view.region_map.areas:
        assert area.count == timeline_total(f"region={area.region_id}")
    # The event tied to the province as a whole is counted apart, once.
    assert view.region_map.region_only == 1


def test_macro_region_map_is_outlined_and_counts_whole_region_events_apart(events, places):
    view = the_map(f"region={places['yrd'].pk}")
    region_map = view.region_map
    assert region_map.outline == f"macro:{places['yrd'].slug}"
    assert 'class="map-outline"' in view.svg
    shown = counts(view)
    # Shanghai's districts and the member cities: Pudong and Suzhou share one event.
    assert shown == {"杭州市": 2, "宁波市": 2, "苏州市": 1, "浦东新区": 1}
    assert region_map.region_only == 1  # 长三角 with no city: not spread over the cities
    assert "浙江省" not in [area.name for area in region_map.areas]


def test_a_city_filter_shows_its_province_counted_as_each_areas_link_will_show(events, places):
    view = the_map(f"region={places['yinzhou'].pk}&kind=forum")
    assert view.region_map.caption == "浙江省各地活动数量"
    marked = [area.name for area in view.region_map.areas if area.selected]
    assert marked == ["宁波市"]
    assert counts(view) == {"杭州市": 2, "宁波市": 1}
    for area in view.region_map.areas:
        assert area.count == timeline_total(f"kind=forum&region={area.region_id}")
    assert view.region_map.region_only == 1  # the forum tied to Zhejiang as a whole
    assert re.search(r'id="map-330200" class="q\d selected"', view.svg)


def test_map_links_apply_the_region_filter_and_keep_the_others(events, places):
    view = the_map("kind=forum&q=论坛&order=date&page=2")
    zhejiang = next(area for area in view.region_map.areas if area.name == "浙江省")
    assert QueryDict(zhejiang.url.lstrip("?")).dict() == {
        "kind": "forum", "q": "论坛", "order": "date", "region": str(places["zhejiang"].pk)}
    assert f'<a href="{zhejiang.url.replace("&", "&amp;")}">' in view.svg


def test_map_titles_and_table_name_each_area_with_its_count(events, places, client):
    html = client.get(f"/?region={places['zhejiang'].pk}").content.decode()
    assert "<title>杭州市：2 个活动</title>" in html
    assert re.search(r'<th scope="row"><a href="\?region=\d+">杭州市</a></th><td>2</td>', html)
    assert "另有 1 个活动只标注到整个地区" in html


def test_map_names_follow_the_visitor_script(events, places):
    view = the_map(f"region={places['zhejiang'].pk}", traditional=True)
    # Place names in the visitor's script; the interface text follows the language.
    assert "<title>寧波市：2 个活动</title>" in view.svg
    assert "宁波市" not in view.svg


@pytest.fixture
def forget_tree():
    """The kept region tree read afresh before and after: an update() sends
    no signal, and the rollback at the test's end none either."""
    from kb.selectors import regions

    regions._tree_state["kept"] = None
    yield
    regions._tree_state["kept"] = None


def test_map_escapes_region_names(events, places, forget_tree):
    Region.objects.filter(pk=places["hangzhou"].pk).update(name='<img src=x onerror="alert(1)">')
    view = the_map(f"region={places['zhejiang'].pk}")
    assert "<img" not in view.svg
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in view.svg


def test_region_page_map_shows_its_areas_each_linking_to_its_page(events, places, client):
    html = client.get(f"/regions/{places['zhejiang'].pk}/").content.decode()
    hangzhou = places["hangzhou"].pk
    assert f'<a href="/regions/{hangzhou}/"><path id="map-330100" class="q5" ' in html
    assert "<title>杭州市：2 个活动</title>" in html and "<title>宁波市：2 个活动</title>" in html


def test_a_city_page_map_marks_the_city_in_its_province_counting_each_areas_page(events, places, client):
    html = client.get(f"/regions/{places['hangzhou'].pk}/").content.decode()
    assert re.search(r'id="map-330100" class="q\d selected"', html)
    # Each area as its own page counts it (宁波市: the alliance and the forum in 鄞州区).
    assert "<title>杭州市：2 个活动</title>" in html and "<title>宁波市：2 个活动</title>" in html


def test_a_macro_region_of_provinces_page_counts_each_province_as_its_own_page(events, places, client):
    belt = Region.objects.get(name="长江经济带", level="macro")
    EventFactory(kind="forum", regions=[belt])  # the belt as a whole
    html = client.get(f"/regions/{belt.pk}/").content.decode()
    zhejiang = places["zhejiang"].pk
    assert f'<a href="/regions/{zhejiang}/"><path id="map-330000" ' in html
    # 浙江省: the two in Hangzhou, the two in Ningbo and the province's own.
    assert "<title>浙江省：4 个活动</title>" in html and "<title>江苏省：1 个活动</title>" in html
    assert "<title>上海市：1 个活动</title>" in html
    assert "另有 1 个活动只标注到整个地区" in html


def test_hong_kong_and_macao_are_drawn_whole_on_the_greater_bay_area_map(gazetteer, db):
    bay = Region.objects.get(name="粤港澳大湾区", level="macro")
    EventFactory(regions=[Region.objects.get(adcode="810000")])
    EventFactory(regions=[Region.objects.get(adcode="820000")])
    EventFactory(regions=[Region.objects.get(adcode="440300")])  # 深圳市
    view = the_map(f"region={bay.pk}")
    assert counts(view) == {"香港特别行政区": 1, "澳门特别行政区": 1, "深圳市": 1}
    assert view.region_map.region_only == 0
    assert 'id="map-810000"' in view.svg and 'id="map-820000"' in view.svg


def test_a_macro_region_added_since_the_build_has_no_outline_to_speak_of(gazetteer, db):
    from tests.factories import RegionFactory

    added = RegionFactory(name="杭甬都市圈", level="macro", members=[Region.objects.get(adcode="330100")])
    EventFactory(regions=[Region.objects.get(adcode="330100")])
    view = the_map(f"region={added.pk}")
    assert view.region_map.outline is None
    assert counts(view) == {"杭州市": 1}


def test_map_speaks_english_when_the_visitor_chose_it(events, places, client):
    client.cookies["django_language"] = "en"
    html = client.get("/").content.decode()
    assert '<span class="map-caption">Events by province</span>' in html
    assert "<title>浙江省: 4 events</title>" in html  # place names stay as written
    html = client.get(f"/?region={places['zhejiang'].pk}").content.decode()
    assert "1 more event is tied to the region as a whole, not to a place on the map." in html


def test_a_macro_region_of_many_provinces_is_drawn_by_province_counted_as_the_slow_way(events, places):
    from events.map_counts import region_unit_counts

    belt = Region.objects.get(name="长江经济带", level="macro")
    EventFactory(kind="forum", regions=[belt])  # the belt as a whole
    EventFactory(kind="forum", regions=[belt, places["suzhou"]])  # in a city of the belt: not "whole"
    view = the_map(f"region={belt.pk}&kind=forum")
    region_map = view.region_map
    assert {area.name for area in region_map.areas} >= {"上海市", "江苏省", "浙江省", "四川省", "云南省"}
    assert len(region_map.areas) == 11 and region_map.outline == f"macro:{belt.slug}"
    shown = counts(view)
    assert shown == {"浙江省": 3, "江苏省": 2, "上海市": 1}
    for area in region_map.areas:
        assert area.count == timeline_total(f"kind=forum&region={area.region_id}")
    assert region_map.region_only == 1
    # The same figures as counting every link.
    filterset = EventFilter(QueryDict(f"region={belt.pk}&kind=forum"), queryset=events_public())
    filterset.is_valid()
    slow, rest = region_unit_counts(filterset.tree, [a.region_id for a in region_map.areas], belt.pk,
                                    events=filterset.qs_without("region"))
    assert ({pk: n for pk, n in slow.items() if n}, rest) == (
        {a.region_id: a.count for a in region_map.areas if a.count}, region_map.region_only)


def test_an_organisation_page_maps_its_events_each_province_linking_to_the_filtered_timeline(
        events, places, client):
    from tests.factories import EventRoleFactory, OrganisationFactory

    organisation = OrganisationFactory(name="长三角区域合作办公室")
    for event in events[:4]:  # Hangzhou twice, Ningbo, Suzhou with Pudong
        EventRoleFactory(event=event, organisation=organisation, role="host")
    html = client.get(f"/organisations/{organisation.pk}/").content.decode()
    zhejiang = places["zhejiang"].pk
    link = f"/?organisation={organisation.pk}&amp;region={zhejiang}"
    assert f'<a href="{link}"><path id="map-330000" class="q5" ' in html
    assert "<title>浙江省：3 个活动</title>" in html and "<title>江苏省：1 个活动</title>" in html
    # The filtered timeline it leads to counts the same.
    assert timeline_total(f"organisation={organisation.pk}&region={zhejiang}") == 3


def test_a_person_without_placed_events_gets_no_map(events, client):
    from tests.factories import EventRoleFactory, PersonFactory

    person = PersonFactory()
    EventRoleFactory(event=EventFactory(), organisation=None, person=person)
    html = client.get(f"/people/{person.pk}/").content.decode()
    assert 'class="region-map"' not in html
