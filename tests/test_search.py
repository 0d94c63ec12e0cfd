"""Text search: the denormalised search_text columns, kept in step by
save() and by the refresh services, and matched in either script."""

import datetime as dt

import pytest
from django.db import connection

from events.filters import events_matching
from events.models import Event
from events.selectors import events_public
from events.services import (
    events_refresh_search,
    organisations_refresh_search,
    people_refresh_search,
)
from kb.models import Organisation, Person, search_pattern, search_text_of
from tests.factories import EventFactory, OrganisationFactory, PersonFactory

S = "\x1f"


def spaced(text: str) -> str:
    return S + S.join(text) + S


def test_search_text_of_is_simplified_case_folded_separated_one_line_per_text():
    assert search_text_of("ESG影響力", "", ["長三角", None]) == f"{S}e{S}s{S}g{S}影{S}响{S}力{S}\n{S}长{S}三{S}角{S}"


def test_search_pattern_has_the_stored_shape_without_control_characters():
    assert search_pattern(" 聯盟 ") == spaced("联盟")
    assert search_pattern("a\x1fb\n") == spaced("ab")
    assert search_pattern("  ") == ""


def test_event_save_keeps_search_text_in_step(db):
    event = EventFactory(title="长三角先进制造业集群联盟挂牌成立", title_original="長三角先進製造業集群聯盟掛牌成立",
                         summary="G60科创走廊")
    title = spaced("长三角先进制造业集群联盟挂牌成立")
    assert event.search_text == f"{title}\n{title}\n{spaced('g60科创走廊')}"
    event.title = "新标题"
    event.save(update_fields=["title"])
    event.refresh_from_db()
    assert event.search_text.startswith(spaced("新标题") + "\n")


def test_organisation_and_person_save_index_aliases(db):
    org = OrganisationFactory(name="中国产业发展促进会", aliases=["中產促"])
    person = PersonFactory(name="王逸飞", name_original="王逸飛")
    assert org.search_text == spaced("中国产业发展促进会") + "\n" + spaced("中产促")
    assert person.search_text == spaced("王逸飞") + "\n" + spaced("王逸飞")


def test_refresh_services_repair_rows_written_around_save(db):
    event = EventFactory(title="旧标题")
    org = OrganisationFactory(name="旧名称")
    person = PersonFactory(name="旧姓名")
    Event.objects.filter(pk=event.pk).update(title="長三角論壇")
    Organisation.objects.filter(pk=org.pk).update(aliases=["新別名"])
    Person.objects.filter(pk=person.pk).update(aliases=["老王"])
    assert events_refresh_search(event_ids=[event.pk]) == 1
    assert organisations_refresh_search(organisation_ids=[org.pk]) == 1
    assert people_refresh_search(person_ids=[person.pk]) == 1
    assert events_refresh_search(event_ids=[event.pk]) == 0  # already in step
    assert Event.objects.get(pk=event.pk).search_text == spaced("长三角论坛")
    assert Organisation.objects.get(pk=org.pk).search_text == spaced("旧名称") + "\n" + spaced("新别名")
    assert Person.objects.get(pk=person.pk).search_text == spaced("旧姓名") + "\n" + spaced("老王")


def test_events_matching_finds_either_script_one_and_two_characters(db):
    alliance = EventFactory(title="生物医药创新联盟揭牌成立", title_original="生物醫藥創新聯盟揭牌成立")
    forum = EventFactory(title="县域经济论坛", summary="浙江代表参加", start_date=dt.date(2024, 1, 1))
    EventFactory(title="ESG Impact Forum")
    assert list(events_matching(events_public(), "聯盟")) == [alliance]
    assert list(events_matching(events_public(), "盟")) == [alliance]
    assert list(events_matching(events_public(), "浙")) == [forum]
    assert list(events_matching(events_public(), "醫藥創新")) == [alliance]
    assert list(events_matching(events_public(), "esg impact")) == [Event.objects.get(title="ESG Impact Forum")]
    # Characters of the query in another order are no match (the LIKE recheck).
    assert list(events_matching(events_public(), "盟联")) == []
    assert list(events_matching(events_public(), "100%")) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index is PostgreSQL's")
def test_trigram_index_takes_new_rows_at_once_without_a_pending_list(db):
    """A GIN pending list slows every search until a vacuum merges it
    (events migration 0007)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'event_search_text_trgm'")
        (options,) = cursor.fetchone()
    assert options == ["fastupdate=off"]
    EventFactory(title="长三角一体化示范区论坛")
    assert [e.title for e in events_matching(events_public(), "示范区")] == ["长三角一体化示范区论坛"]
