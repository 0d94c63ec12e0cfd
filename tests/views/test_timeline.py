"""The timeline at / : entries, grouping, nesting, filters, facets, chart,
and a constant number of queries."""

import datetime as dt

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

