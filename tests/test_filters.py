"""The public FilterSets (events.filters, kb.filters) on their own: the
query-parameter contract, partial dates, region expansion, facets."""

import datetime as dt

import pytest
from django.http import QueryDict

from events.filters import EventFilter
from events.selectors import events_public
from events.summary import kind_counts, region_counts
from kb.filters import OrganisationFilter, PartialDateField, SourceFilter, YesNoField
from kb.models import DatePrecision
from tests.factories import EventFactory, OrganisationFactory, RegionFactory, SourceFactory


def event_filter(query: str) -> EventFilter:
    return EventFilter(QueryDict(query), queryset=events_public())


@pytest.mark.parametrize(
    ("text", "upper", "expected"),
    [
        ("2024", False, dt.date(2024, 1, 1)),
        ("2024", True, dt.date(2024, 12, 31)),
        ("2024-02", True, dt.date(2024, 2, 29)),
        ("2024-04", False, dt.date(2024, 4, 1)),
        ("2024-04-09", True, dt.date(2024, 4, 9)),
        (" 2025-6 ", False, dt.date(2025, 6, 1)),
        ("", False, None),
    ],
)
def test_partial_date_field_takes_the_period_bound(text, upper, expected):
    assert PartialDateField(upper=upper, required=False).clean(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "24", "yesterday", "2024/04", "2024-04-09x", "1" * 40])
def test_partial_date_field_refuses_non_dates(text):
    from django import forms

    with pytest.raises(forms.ValidationError):
        PartialDateField(required=False).clean(text)


@pytest.mark.parametrize(("text", "expected"), [("1", True), ("true", True), ("on", True), ("0", False), ("no", False), ("", None)])
def test_yes_no_field_reads_common_spellings(text, expected):
    assert YesNoField(required=False).clean(text) is expected


def test_event_filter_empty_query_is_valid_and_selects_everything(db):
    EventFactory()
    f = event_filter("")
    assert f.is_valid() and f.qs.count() == 1 and f.newest_first


def test_event_filter_order_date_is_oldest_first(db):
    assert event_filter("order=date").newest_first is False
    assert event_filter("order=-date").newest_first is True


def test_event_filter_region_uses_a_link_table_subquery_without_distinct(db):
    region = RegionFactory()
    EventFactory(regions=[region])
    sql = str(event_filter(f"region={region.pk}").qs.query)
    assert "DISTINCT" not in sql
    assert "events_event_regions" in sql
    assert 'INNER JOIN "events_event_regions"' not in sql


def test_event_filter_year_event_matches_a_month_filter(db):
    year = EventFactory(start_date=dt.date(2024, 1, 1), date_precision=DatePrecision.YEAR)
    EventFactory(start_date=dt.date(2023, 12, 31))
    assert list(event_filter("date_after=2024-04&date_before=2024-04").qs) == [year]


def test_event_filter_month_event_overlaps_at_its_precision(db):
    june = EventFactory(start_date=dt.date(2023, 6, 1), date_precision=DatePrecision.MONTH)
    assert list(event_filter("date_after=2023-06-30").qs) == [june]
    assert list(event_filter("date_before=2023-06-01").qs) == [june]
    assert list(event_filter("date_after=2023-07-01").qs) == []


def test_event_filter_qs_without_leaves_one_filter_out(db):
    EventFactory(kind="alliance", start_date=dt.date(2024, 5, 1))
    EventFactory(kind="forum", start_date=dt.date(2024, 5, 1))
    EventFactory(kind="forum", start_date=dt.date(2020, 5, 1))
    f = event_filter("kind=alliance&date_after=2024")
    assert f.qs.count() == 1
    assert kind_counts(f.qs_without("kind")) == {"alliance": 1, "forum": 1}


def test_region_counts_count_macro_members_and_descendants_once(db):
    anhui = RegionFactory(name="安徽省", adcode="340000")
    hefei = RegionFactory(name="合肥市", adcode="340100", parent=anhui, level="prefecture")
    shanghai = RegionFactory(name="上海市", adcode="310000")
    delta = RegionFactory(name="长三角", level="macro", members=[anhui, shanghai])
    EventFactory(regions=[hefei, anhui])
    EventFactory(regions=[shanghai, delta])
    EventFactory(regions=[RegionFactory(name="广东省", adcode="440000")])
    f = event_filter("")
    counts = region_counts(f.qs, f.tree)
    assert counts[delta.pk] == 2
    assert counts[anhui.pk] == 1
    assert counts[shanghai.pk] == 1


def test_event_filter_errors_name_the_parameter(db):
    f = event_filter("kind=forum&kind=gala&person=0")
    assert not f.is_valid()
    messages = f.error_messages()
    assert any(message.startswith("类型（kind）") for message in messages)
    assert any(message.startswith("人物（person）") for message in messages)


def test_organisation_filter_region_includes_descendants(db):
    province = RegionFactory(name="江苏省", adcode="320000")
    city = RegionFactory(name="常州市", adcode="320400", parent=province, level="prefecture")
    inside = OrganisationFactory(region=city)
    OrganisationFactory(region=RegionFactory(name="浙江省", adcode="330000"))
    f = OrganisationFilter(QueryDict(f"region={province.pk}"))
    assert list(f.qs) == [inside]


def test_source_filter_dates_and_traditional_query(db):
    hit = SourceFactory(title="常州市委书记连开座谈会", title_original="常州市委書記連開座談會",
                        published_date=dt.date(2024, 5, 7))
    SourceFactory(title="其他报道", published_date=dt.date(2024, 5, 7))
    f = SourceFilter(QueryDict("q=座談會&date_after=2024-05&date_before=2024-05"))
    assert list(f.qs) == [hit]

