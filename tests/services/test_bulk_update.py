"""rows_update: the loader's bulk_update, one parameterised UPDATE per row."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from kb.models import Organisation, search_pattern
from kb.services.bulk import records_save, rows_update
from tests.factories import EventFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_rows_update_writes_every_kind_of_field_of_each_row():
    parent = OrganisationFactory(name="上海市人民政府")
    first = OrganisationFactory(name="甲公司", aliases=[])
    second = OrganisationFactory(name="乙公司", aliases=["乙"])
    untouched = OrganisationFactory(name="丙公司", aliases=["丙"])
    first.aliases, first.parent_id, first.flagged = ["甲", "甲司"], parent.pk, True
    second.aliases, second.parent_id, second.flag_reason = [], None, "待核"

    rows_update(Organisation, [first, second], ["aliases", "parent", "flagged", "flag_reason"])

    first.refresh_from_db()
    second.refresh_from_db()
    untouched.refresh_from_db()
    assert (first.aliases, first.parent_id, first.flagged) == (["甲", "甲司"], parent.pk, True)
    assert (second.aliases, second.parent_id, second.flag_reason) == ([], None, "待核")
    assert untouched.aliases == ["丙"]


def test_rows_update_writes_dates_and_only_the_named_fields():
    event = EventFactory(title="签约仪式", summary="旧摘要")
    event.start_date = dt.date(2024, 3, 5)
    event.summary = "新摘要"
    event.title = "不写入的标题"

    rows_update(Event, [event], ["start_date", "summary"])

    stored = Event.objects.get(pk=event.pk)
    assert stored.start_date == dt.date(2024, 3, 5)
    assert stored.summary == "新摘要"
    assert stored.title == "签约仪式"


def test_rows_update_of_no_rows_sends_no_query():
    with CaptureQueriesContext(connection) as queries:
        rows_update(Organisation, [], ["aliases"])
    assert len(queries) == 0


def test_records_save_keeps_search_text_in_step():
    org = OrganisationFactory(name="甲公司", aliases=[])
    org.aliases = ["长三角甲"]

    records_save(Organisation, [org], ["aliases"])

    stored = Organisation.objects.get(pk=org.pk)
    assert stored.aliases == ["长三角甲"]
    assert search_pattern("长三角甲") in stored.search_text
