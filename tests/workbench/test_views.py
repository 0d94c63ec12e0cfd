"""The workbench's admin views through Django's test client: permissions,
the forms' pre-fill and validation, decisions, the queue and the history."""

import datetime as dt

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Event
from kb.middleware_security import PUBLIC_HEADER
from kb.models import Organisation, Person, Quote, ReviewStatus, Source
from tests.factories import (
    ARTICLE,
    EventFactory,
    EvidenceFactory,
    OrganisationFactory,
    RegionFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
FORUM = "县域经济高质量发展论坛"


def url(name: str, *args) -> str:
    return reverse(f"admin:kb_source_{name}", args=args)


def span(words: str, text: str = ARTICLE) -> dict:
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


@pytest.fixture
def source(db):
    return SourceFactory()


@pytest.fixture
def reader(client):
    """Staff who may view everything and change nothing."""
    user = UserFactory(username="reader", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)
    return client


def test_workbench_shows_text_records_and_progress(staff_client, source):
    org = OrganisationFactory(name="中国产业发展促进会")
    EvidenceFactory(record=org, source=source)
    response = staff_client.get(url("workbench", source.pk))
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == PUBLIC_HEADER
    html = response.content.decode()
    assert f'data-k="organisation-{org.pk}"' in html
    assert '<span class="wb-seg t-organisation" data-s="6" data-e="15"' in html
    assert "1 条记录中已审核 0 条" in html
    assert 'id="wb-mark-source"' not in html  # one record is left


def test_workbench_escapes_the_text(staff_client):
    text = "<script>alert(1)</script>论坛"
    source = SourceFactory(text=text, text_original=text, raw_text=text)
    html = staff_client.get(url("workbench", source.pk)).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;论坛" in html


def test_workbench_needs_staff(client, source):
    response = client.get(url("workbench", source.pk))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_workbench_read_only_for_a_reader(reader, source):
    org = OrganisationFactory()
    EvidenceFactory(record=org, source=source)
    html = reader.get(url("workbench", source.pk)).content.decode()
    assert 'class="wb-accept"' not in html and 'id="wb-selection"' not in html
    response = reader.post(url("workbench_decide", source.pk),
                           {"type": "organisation", "id": org.pk, "decision": "accept"})
    assert response.status_code == 403
    assert reader.get(url("workbench_add", source.pk, "event"), span(FORUM)).status_code == 403
    assert reader.post(url("workbench_reviewed", source.pk)).status_code == 403
    org.refresh_from_db()
    assert org.review_status == ReviewStatus.AUTO


def test_decide_accepts_and_moves_to_the_next_unreviewed(staff_client, source):
    first, second = OrganisationFactory(name="甲机构"), OrganisationFactory(name="乙机构")
    EvidenceFactory(record=first, source=source, start=0, end=2)
    EvidenceFactory(record=second, source=source, start=6, end=15)
    response = staff_client.post(url("workbench_decide", source.pk),
                                 {"type": "organisation", "id": first.pk, "decision": "accept"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?focus=organisation-{second.pk}")
    first.refresh_from_db()
    assert first.review_status == ReviewStatus.REVIEWED
    entry = LogEntry.objects.get(object_id=str(first.pk), content_type__model="organisation")
    assert entry.change_message == "审核通过"
    # The record's own history page lists it.
    history = staff_client.get(reverse("admin:kb_organisation_history", args=[first.pk]))
    assert "审核通过" in history.content.decode()


def test_decide_refuses_an_unknown_type(staff_client, source):
    response = staff_client.post(url("workbench_decide", source.pk),
                                 {"type": "source", "id": source.pk, "decision": "accept"})
    assert response.status_code == 403


def test_add_event_form_is_prefilled_from_the_selection(staff_client, source):
    beijing = RegionFactory(name="北京市", slug="beijing", adcode="110000", level="province", aliases=["北京"])
    OrganisationFactory(name="中国产业发展促进会")
    response = staff_client.get(url("workbench_add", source.pk, "event"), span(FORUM))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == FORUM
    assert form.initial["kind"] == "forum"
    # 6月7日 in an article published 2025-06-07.
    assert (form.initial["start_date"], form.initial["date_precision"]) == (dt.date(2025, 6, 7), "day")
    assert form.initial["regions"] == [beijing.pk]


def test_add_event_saves_and_returns_to_the_workbench(staff_client, source, staff_user):
    data = {**span(FORUM), "title": FORUM, "kind": "forum", "start_date": "2025-06-07",
            "date_precision": "day"}
    response = staff_client.post(url("workbench_add", source.pk, "event"), data)
    event = Event.objects.get(title=FORUM)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?focus=event-{event.pk}")
    assert (event.reviewed_by, event.start_date) == (staff_user, dt.date(2025, 6, 7))


def test_add_refuses_a_selection_outside_the_text(staff_client, source):
    data = {"start": 5, "end": len(ARTICLE) + 10, "name": "某机构", "kind": "other"}
    response = staff_client.post(url("workbench_add", source.pk, "organisation"), data)
    assert response.status_code == 302
    assert not Organisation.objects.exists()


def test_add_person_and_quote(staff_client):
    text = "会长李华明在论坛上说：“县域是发展的基本单元。”"
    source = SourceFactory(text=text, text_original=text, raw_text=text)
    staff_client.post(url("workbench_add", source.pk, "person"),
                      {**span("李华明", text), "name": "李华明", "title": "会长"})
    person = Person.objects.get(name="李华明")
    assert person.positions.get().title == "会长"
    form = staff_client.get(url("workbench_add", source.pk, "quote"),
                            span("县域是发展的基本单元。", text)).context["form"]
    assert form.initial["speaker"] == person.pk
    staff_client.post(url("workbench_add", source.pk, "quote"),
                      {**span("县域是发展的基本单元。", text), "text": "县域是发展的基本单元。",
                       "kind": "direct", "speaker": person.pk})
    assert Quote.objects.get().speaker == person


def test_add_link_finds_the_event_by_name(staff_client, source):
    event = EventFactory(title=FORUM)
    other = SourceFactory(text="另一篇报道", text_original="另一篇报道", raw_text="另一篇报道")
    response = staff_client.post(url("workbench_add", other.pk, "link"),
                                 {"start": 0, "end": 5, "q": "县域经济", "search": "1"})
    assert list(response.context["form"].fields["event"].queryset) == [event]
    response = staff_client.post(url("workbench_add", other.pk, "link"),
                                 {"start": 0, "end": 5, "q": "县域经济", "event": event.pk})
    assert response.status_code == 302
    assert event.evidence.filter(source=other, curator_made=True).count() == 1


def test_mark_reviewed_only_when_nothing_is_left(staff_client, source):
    org = OrganisationFactory()
    EvidenceFactory(record=org, source=source)
    staff_client.post(url("workbench_reviewed", source.pk))
    source.refresh_from_db()
    assert source.review_status == ReviewStatus.AUTO
    staff_client.post(url("workbench_decide", source.pk),
                      {"type": "organisation", "id": org.pk, "decision": "reject"})
    assert 'id="wb-mark-source"' in staff_client.get(url("workbench", source.pk)).content.decode()
    staff_client.post(url("workbench_reviewed", source.pk))
    source.refresh_from_db()
    assert source.review_status == ReviewStatus.REVIEWED


def test_queue_orders_by_work_left_and_filters(staff_client):
    busy = SourceFactory(outlet="甲报", published_date=dt.date(2025, 3, 1))
    calm = SourceFactory(outlet="乙报", published_date=dt.date(2025, 5, 1))
    for name in ("甲", "乙", "丙"):
        EvidenceFactory(record=OrganisationFactory(name=name), source=busy)
    flagged = OrganisationFactory(name="丁", flagged=True, flag_reason="名称由上下文推断")
    EvidenceFactory(record=flagged, source=calm)
    done = OrganisationFactory(name="戊", review_status=ReviewStatus.REVIEWED)
    EvidenceFactory(record=done, source=calm)

    response = staff_client.get(url("queue"))
    rows = list(response.context["page"])
    assert [(s.pk, s.unreviewed, s.flagged_records, s.records) for s in rows] == [
        (busy.pk, 3, 0, 3), (calm.pk, 1, 1, 2)]
    assert (response.context["done"], response.context["total"]) == (1, 5)
    assert response.headers["Content-Security-Policy"] == PUBLIC_HEADER

    by_outlet = staff_client.get(url("queue"), {"outlet": "乙报"}).context["page"]
    assert [s.pk for s in by_outlet] == [calm.pk]
    by_date = staff_client.get(url("queue"), {"published_from": "2025-04-01"}).context["page"]
    assert [s.pk for s in by_date] == [calm.pk]
    by_reason = staff_client.get(url("queue"), {"flag_reason": "名称由上下文推断"}).context["page"]
    assert [s.pk for s in by_reason] == [calm.pk]
    assert "名称由上下文推断" in staff_client.get(url("queue")).context["reasons"]

    # A curator span lost in a changed text puts its source before a quiet one.
    quiet = SourceFactory(outlet="丙报", published_date=dt.date(2025, 9, 1))
    EvidenceFactory(record=OrganisationFactory(name="己", review_status=ReviewStatus.REVIEWED), source=quiet)
    lost = SourceFactory(outlet="丙报", published_date=dt.date(2025, 1, 1))
    EvidenceFactory(record=OrganisationFactory(name="庚", review_status=ReviewStatus.REVIEWED), source=lost,
                    curator_made=True, anchor_lost=True)
    tail = [s.pk for s in staff_client.get(url("queue"), {"outlet": "丙报"}).context["page"]]
    assert tail == [lost.pk, quiet.pk]


def test_source_list_and_record_pages_link_to_the_workbench(staff_client, source):
    org = OrganisationFactory()
    EvidenceFactory(record=org, source=source)
    listing = staff_client.get(reverse("admin:kb_source_changelist")).content.decode()
    assert url("workbench", source.pk) in listing
    assert url("queue") in listing
    own = staff_client.get(reverse("admin:kb_source_change", args=[source.pk])).content.decode()
    assert url("workbench", source.pk) in own
    change = staff_client.get(reverse("admin:kb_organisation_change", args=[org.pk])).content.decode()
    assert f"{url('workbench', source.pk)}?focus=organisation-{org.pk}" in change


def test_workbench_of_a_missing_source_is_404(staff_client):
    assert staff_client.get(url("workbench", 999999)).status_code == 404
    assert not Source.objects.exists()
