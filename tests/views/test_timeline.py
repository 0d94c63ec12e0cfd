"""The timeline at / : entries, grouping, nesting, filters, facets, chart,
and a constant number of queries; at scale, the denormalised region tops,
the summary cache and nesting read page by page give what the plain reads
give."""

import datetime as dt
import itertools
import random
import re

from django.core.cache import caches
from django.http import QueryDict
from django.test import override_settings

from events.filters import EventFilter
from events.models import NO_REGIONS, Event
from events.selectors import events_public, timeline
from events.services import events_refresh_denormalised
from events.summary import (
    kind_counts,
    nested_ids,
    region_counts_exact,
    summary_compute,
    timeline_summary,
)
from kb.models import DatePrecision, Region, ReviewStatus
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    RegionFactory,
)
from tests.views.helpers import body, event_ids_on_page, make_rich_events, query_count


def region_named(name: str, level: str = "macro") -> Region:
    return Region.objects.get(name=name, level=level)


def test_timeline_newest_first_puts_undated_last_and_order_date_reverses(db, client):
    old = EventFactory(title="旧活动", start_date=dt.date(2020, 5, 1))
    new = EventFactory(title="新活动", start_date=dt.date(2025, 5, 1))
    undated = EventFactory(title="无日期活动", start_date=None, date_precision=DatePrecision.UNKNOWN)
    assert event_ids_on_page(body(client.get("/"))) == [new.pk, old.pk, undated.pk]
    assert event_ids_on_page(body(client.get("/?order=date"))) == [old.pk, new.pk, undated.pk]


def test_timeline_groups_by_year_and_month_with_year_only_group(db, client):
    EventFactory(start_date=dt.date(2024, 4, 9))
    EventFactory(start_date=dt.date(2024, 1, 1), date_precision=DatePrecision.YEAR)
    html = body(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert html.index("2024年4月") < html.index("2024年（月份不详）")


def test_timeline_hides_rejected_events(db, client):
    shown = EventFactory(title="公开活动")
    hidden = EventFactory(title="被驳回活动", review_status=ReviewStatus.REJECTED)
    html = body(client.get("/"))
    assert event_ids_on_page(html) == [shown.pk]
    assert "被驳回活动" not in html
    assert client.get(f"/events/{hidden.pk}/").status_code == 404


def test_timeline_filter_province_includes_its_counties(db, client):
    province = RegionFactory(name="浙江省", adcode="330000")
    city = RegionFactory(name="杭州市", adcode="330100", parent=province, level="prefecture")
    county = RegionFactory(name="钱塘区", adcode="330114", parent=city, level="county")
    elsewhere = RegionFactory(name="江苏省", adcode="320000")
    in_county = EventFactory(regions=[county])
    EventFactory(regions=[elsewhere])
    assert event_ids_on_page(body(client.get(f"/?region={province.pk}"))) == [in_county.pk]


def test_timeline_filter_macro_region_includes_members_descendants(db, client):
    province = RegionFactory(name="安徽省", adcode="340000")
    city = RegionFactory(name="合肥市", adcode="340100", parent=province, level="prefecture")
    macro = RegionFactory(name="长三角", level="macro", members=[province])
    in_city = EventFactory(regions=[city])
    in_macro = EventFactory(regions=[macro], start_date=dt.date(2024, 1, 1))
    EventFactory(regions=[RegionFactory(name="广东省", adcode="440000")])
    assert event_ids_on_page(body(client.get(f"/?region={macro.pk}"))) == [in_city.pk, in_macro.pk]
    # A province does not include the macro-regions it belongs to.
    assert event_ids_on_page(body(client.get(f"/?region={province.pk}"))) == [in_city.pk]


def test_timeline_filter_date_range_overlaps_event_precision(db, client):
    year_event = EventFactory(start_date=dt.date(2024, 1, 1), date_precision=DatePrecision.YEAR)
    april = EventFactory(start_date=dt.date(2024, 4, 9))
    EventFactory(start_date=dt.date(2024, 5, 6))
    EventFactory(start_date=None, date_precision=DatePrecision.UNKNOWN)
    ids = event_ids_on_page(body(client.get("/?date_after=2024-04&date_before=2024-04")))
    assert sorted(ids) == sorted([year_event.pk, april.pk])


def test_timeline_filter_date_range_matches_multi_day_event_by_its_end(db, client):
    tour = EventFactory(start_date=dt.date(2025, 4, 15), end_date=dt.date(2025, 4, 20))
    assert event_ids_on_page(body(client.get("/?date_after=2025-04-18"))) == [tour.pk]
    assert event_ids_on_page(body(client.get("/?date_before=2025-04-14"))) == []


def test_timeline_filter_organisation_and_person(db, client):
    org = OrganisationFactory(name="中国产业发展促进会")
    person = PersonFactory(name="薛敏")
    with_org = EventFactory()
    EventRoleFactory(event=with_org, organisation=org)
    with_person = EventFactory()
    EventRoleFactory(event=with_person, organisation=None, person=person)
    EventFactory()
    assert event_ids_on_page(body(client.get(f"/?organisation={org.pk}"))) == [with_org.pk]
    html = body(client.get(f"/?person={person.pk}"))
    assert event_ids_on_page(html) == [with_person.pk]
    assert "薛敏" in html  # the active filter is named


def test_timeline_filter_has_quotes_and_status(db, client):
    quoted = EventFactory()
    QuoteFactory(event=quoted)
    reviewed = EventFactory(review_status=ReviewStatus.REVIEWED)
    rejected_quote_only = EventFactory()
    QuoteFactory(event=rejected_quote_only, review_status=ReviewStatus.REJECTED)
    assert event_ids_on_page(body(client.get("/?has_quotes=1"))) == [quoted.pk]
    assert set(event_ids_on_page(body(client.get("/?has_quotes=0")))) == {
        reviewed.pk,
        rejected_quote_only.pk,
    }
    assert event_ids_on_page(body(client.get("/?status=reviewed"))) == [reviewed.pk]


def test_timeline_bad_filter_values_give_400_with_messages(db, client):
    response = client.get(
        "/?kind=concert&region=abc&date_after=2024-13&has_quotes=maybe&order=name&status=x"
    )
    html = body(response)
    assert response.status_code == 400
    assert 'role="alert"' in html
    for name in ("kind", "region", "date_after", "has_quotes", "order", "status"):
        assert f"（{name}）" in html


def test_timeline_date_after_later_than_date_before_is_a_400(db, client):
    response = client.get("/?date_after=2025&date_before=2024")
    assert response.status_code == 400
    assert "开始日期晚于结束日期" in body(response)


def test_timeline_unknown_region_id_is_a_400_not_a_500(db, client):
    assert client.get("/?region=999999").status_code == 400
    assert client.get("/?page=abc").status_code == 200
    assert client.get("/?page=99999").status_code == 200


def test_timeline_region_facets_count_each_event_once(db, client):
    province = RegionFactory(name="浙江省", adcode="330000")
    city = RegionFactory(name="杭州市", adcode="330100", parent=province, level="prefecture")
    county = RegionFactory(name="钱塘区", adcode="330114", parent=city, level="county")
    EventFactory(regions=[county, city])  # linked twice inside 浙江: counted once
    EventFactory(regions=[province])
    html = body(client.get("/"))
    assert f'<option value="{province.pk}">浙江省 (2)</option>' in html


def test_timeline_chart_counts_events_per_month_with_accessible_text(db, client):
    EventFactory(start_date=dt.date(2024, 4, 9))
    EventFactory(start_date=dt.date(2024, 4, 18))
    EventFactory(start_date=dt.date(2024, 6, 1), date_precision=DatePrecision.MONTH)
    EventFactory(start_date=dt.date(2024, 1, 1), date_precision=DatePrecision.YEAR)
    html = body(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert '<title id="chart-title">每月活动数</title>' in html
    assert "<desc id=\"chart-desc\">2024年4月至2024年6月每月开始的活动数，共 3 个" in html
    assert '<th scope="row">2024年4月</th><td>2</td>' in html
    assert '<th scope="row">2024年5月</th><td>0</td>' in html
    assert '<th scope="row">2024年6月</th><td>1</td>' in html
    assert "另有 1 个活动只知年份" in html


def test_timeline_paginates_top_level_entries_by_50(db, client):
    for day in range(1, 56):
        EventFactory(start_date=dt.date(2024, 1, 1) + dt.timedelta(days=day))
    first = event_ids_on_page(body(client.get("/")))
    second = event_ids_on_page(body(client.get("/?page=2")))
    assert len(first) == 50 and len(second) == 5
    assert not set(first) & set(second)


def test_timeline_query_count_is_the_same_for_10_and_100_events(db, client):
    make_rich_events(10)
    ten = query_count(client, "/")
    make_rich_events(90)
    hundred = query_count(client, "/")
    assert ten == hundred
    filtered = "/?kind=alliance&kind=forum&has_quotes=1&date_after=2020&q=论坛"
    assert query_count(client, filtered) == ten


def test_timeline_query_count_with_region_filter_is_constant(db, client):
    events = make_rich_events(10)
    region = events[0].regions.first()
    ten = query_count(client, f"/?region={region.pk}")
    make_rich_events(90)
    assert query_count(client, f"/?region={region.pk}") == ten


def test_events_index_redirects_to_the_timeline_with_its_query(db, client):
    response = client.get("/events/?kind=forum")
    assert response.status_code == 302
    assert response["Location"] == "/?kind=forum"



# At scale: denormalised region tops, the summary cache, nesting by page ------------


def small_gazetteer():
    """Two provinces with cities and counties, a macro-region over one
    province and a city of the other, and a zone outside every top."""
    zhejiang = RegionFactory(name="浙江省", adcode="330000")
    hangzhou = RegionFactory(name="杭州市", adcode="330100", parent=zhejiang, level="prefecture")
    qiantang = RegionFactory(name="钱塘区", adcode="330114", parent=hangzhou, level="county")
    jiangsu = RegionFactory(name="江苏省", adcode="320000")
    suzhou = RegionFactory(name="苏州市", adcode="320500", parent=jiangsu, level="prefecture")
    nanjing = RegionFactory(name="南京市", adcode="320100", parent=jiangsu, level="prefecture")
    delta = RegionFactory(name="长三角", level="macro", members=[zhejiang, suzhou])
    zone = RegionFactory(name="某园区", level="zone")
    return [zhejiang, hangzhou, qiantang, jiangsu, suzhou, nanjing, delta, zone]


def varied_events(regions, count=60, seed=7):
    rng = random.Random(seed)
    kinds = ["forum", "alliance", "training", "visit"]
    events = []
    for number in range(count):
        event = EventFactory(
            kind=rng.choice(kinds),
            title=rng.choice(["长三角论坛", "产业联盟成立", "县域培训班", "考察交流"]) + str(number),
            start_date=dt.date(2018 + number % 8, 1 + number % 12, 1 + number % 27),
            review_status=ReviewStatus.REJECTED if number % 17 == 0 else ReviewStatus.AUTO,
            regions=rng.sample(regions, rng.choice([0, 1, 1, 2, 3])),
        )
        if events and rng.random() < 0.3:
            event.parent = rng.choice(events)
            event.save(update_fields=["parent"])
        if number % 5 == 0:
            QuoteFactory(event=event)
        events.append(event)
    return events


FILTERS = [
    "",
    "kind=alliance",
    "kind=forum&kind=training",
    "q=论坛",
    "date_after=2020&date_before=2023-06",
    "has_quotes=1",
]


def region_queries(regions):
    return [f"region={region.pk}" for region in regions]


def assert_summary_is_the_slow_counts(query):
    filterset = EventFilter(QueryDict(query), queryset=events_public())
    assert filterset.is_valid(), filterset.errors
    summary = summary_compute(filterset)
    assert summary.kind_counts == {k: n for k, n in kind_counts(filterset.qs_without("kind")).items() if n}
    assert summary.region_counts == region_counts_exact(filterset.qs_without("region"), filterset.tree)
    assert summary.total == filterset.qs.count()
    assert summary.nested == len(nested_ids(filterset.qs))


def test_summary_counts_equal_the_counts_straight_from_the_link_table(db):
    regions = small_gazetteer()
    varied_events(regions)
    queries = FILTERS + region_queries(regions)
    for first, second in itertools.combinations(queries, 2):
        assert_summary_is_the_slow_counts(f"{first}&{second}")


def test_region_filter_on_region_tops_equals_the_link_table(db):
    regions = small_gazetteer()
    varied_events(regions)
    links = Event.regions.through.objects
    for region in regions:
        filterset = EventFilter(QueryDict(f"region={region.pk}"), queryset=events_public())
        assert filterset.is_valid()
        expected = set(
            events_public()
            .filter(pk__in=links.filter(region_id__in=filterset.tree.expand(region.pk)).values("event_id"))
            .values_list("pk", flat=True)
        )
        assert set(filterset.qs.values_list("pk", flat=True)) == expected, region.name


def test_stale_region_tops_are_counted_the_slow_way_until_refreshed(db):
    regions = small_gazetteer()
    events = varied_events(regions)
    # Rows a bulk writer left without region_tops, and rows computed with
    # another gazetteer.
    Event.objects.filter(pk__in=[e.pk for e in events[::3]]).update(region_tops="")
    Event.objects.filter(pk__in=[e.pk for e in events[1::3]]).update(region_tops="0ldd1gest:,1,")
    for query in ["", "kind=alliance"] + region_queries(regions):
        assert_summary_is_the_slow_counts(query)
    assert events_refresh_denormalised(event_ids=[e.pk for e in events]) > 0
    assert not Event.objects.filter(region_tops="").exists()
    for query in ["", "kind=alliance"] + region_queries(regions):
        assert_summary_is_the_slow_counts(query)


def test_region_tops_follow_links_changed_through_the_orm(db):
    zhejiang, hangzhou, qiantang, jiangsu, suzhou, nanjing, delta, zone = small_gazetteer()
    event = EventFactory()
    assert Event.objects.get(pk=event.pk).region_tops == NO_REGIONS

    def tops():
        value = Event.objects.get(pk=event.pk).region_tops
        return value if value == NO_REGIONS else value.partition(":")[2]

    def listed(*regions):
        return "," + ",".join(str(pk) for pk in sorted(r.pk for r in regions)) + ","

    event.regions.add(qiantang)
    assert tops() == listed(delta, zhejiang)
    event.regions.set([nanjing])
    assert tops() == listed(jiangsu)
    suzhou.events.add(event)  # the reverse side
    assert tops() == listed(delta, jiangsu)
    event.regions.add(zone)
    assert tops() == listed(delta, jiangsu)
    suzhou.events.clear()
    assert tops() == listed(jiangsu)
    event.regions.clear()
    assert tops() == NO_REGIONS


def test_a_new_macro_region_is_counted_before_and_after_the_refresh(db):
    regions = small_gazetteer()
    events = varied_events(regions)
    jiangsu = Region.objects.get(adcode="320000")
    RegionFactory(name="新区域", level="macro", members=[jiangsu])
    for query in ["", "kind=forum"] + region_queries(Region.objects.all()):
        assert_summary_is_the_slow_counts(query)
    events_refresh_denormalised(event_ids=[e.pk for e in events])
    for query in ["", "kind=forum"] + region_queries(Region.objects.all()):
        assert_summary_is_the_slow_counts(query)


def entry_tree(result):
    return [(e.event.pk, [c.event.pk for c in e.children]) for e in result.page.object_list]


def test_a_page_read_with_the_summary_nests_like_the_page_read_without_it(db):
    regions = small_gazetteer()
    varied_events(regions, count=120, seed=3)
    for query in FILTERS + region_queries(regions[:3]):
        filterset = EventFilter(QueryDict(query), queryset=events_public())
        assert filterset.is_valid()
        summary = timeline_summary(filterset)
        for page in (1, 2, 3):
            for newest_first in (True, False):
                plain = timeline(queryset=filterset.qs, page_number=page, newest_first=newest_first, per_page=10)
                for _ in range(2):  # the page's ids cold, then from the cache
                    cached = timeline(
                        queryset=filterset.qs, page_number=page, newest_first=newest_first, per_page=10,
                        summary=summary,
                    )
                    assert entry_tree(cached) == entry_tree(plain), (query, page, newest_first)
                    assert cached.page.paginator.count == plain.page.paginator.count


def test_the_cached_timeline_sees_events_added_changed_and_rejected(db, client):
    first = EventFactory(title="第一个活动", kind="forum")
    assert event_ids_on_page(body(client.get("/"))) == [first.pk]
    second = EventFactory(title="第二个活动", kind="alliance", start_date=dt.date(2025, 7, 1))
    html = body(client.get("/"))
    assert event_ids_on_page(html) == [second.pk, first.pk]
    assert 'value="alliance"' in html and "共 2 个活动" in body(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    first.review_status = ReviewStatus.REJECTED
    first.save()
    assert event_ids_on_page(body(client.get("/"))) == [second.pk]
    second.title = "改过的标题"
    second.save()
    assert "改过的标题" in body(client.get("/"))
    second.delete()
    assert event_ids_on_page(body(client.get("/"))) == []


def test_the_timeline_is_the_same_with_the_cache_off(db, client):
    regions = small_gazetteer()
    varied_events(regions, count=80)
    urls = ["/", "/?page=2", f"/?region={regions[6].pk}&kind=forum", "/?q=论坛&order=date"]
    def page(url):  # without the CSRF tokens, masked anew for each response
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body(client.get(url)))

    caches["default"].clear()
    cached = [page(url) for url in urls + urls]
    with override_settings(KB_TIMELINE_CACHE_SECONDS=0):
        uncached = [page(url) for url in urls]
    assert cached[: len(urls)] == uncached
    assert cached[len(urls) :] == uncached
