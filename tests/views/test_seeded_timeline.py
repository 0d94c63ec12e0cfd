"""The timeline with the five seed articles imported (once per module:
see tests/views/conftest.py).  Every test in this module sees the seeds, so
tests that build their own rows with factories live in other modules."""

import json
import re

from events.models import Event, EventKind
from kb.models import Region
from kb.selectors.regions import region_tree
from tests.views.helpers import body, csv_rows, event_ids_on_page


def region_named(name: str, level: str = "macro") -> Region:
    return Region.objects.get(name=name, level=level)


def test_timeline_with_seeds_shows_every_public_event_once(seeds, client):
    response = client.get("/")
    html = body(response)
    assert response.status_code == 200
    ids = event_ids_on_page(html)
    assert sorted(ids) == sorted(Event.objects.values_list("pk", flat=True))
    assert len(ids) == len(set(ids))


def test_timeline_with_seeds_nests_children_under_their_parent(seeds, client):
    html = body(client.get("/"))
    child = Event.objects.filter(parent__isnull=False, parent__parent__isnull=True).first()
    parent = child.parent
    parent_at = html.index(f'href="/events/{parent.pk}/"')
    child_at = html.index(f'href="/events/{child.pk}/"')
    children_list = html.index('<ol class="entries children"', parent_at)
    assert parent_at < children_list < child_at


def test_timeline_with_seeds_shows_dates_at_their_precision(seeds, client):
    html = body(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "2025年4月15日至20日" in html  # the study tour, a day range
    assert "2023年6月" in html  # month precision
    assert '<time datetime="2011">2011年</time>' in html  # year precision
    assert "日期不详" in html


def test_timeline_filter_kind_alliance_and_region_yangtze_delta(seeds, client):
    delta = region_named("长三角")
    inside = region_tree().expand(delta.pk)
    expected = {
        event.pk
        for event in Event.objects.filter(kind=EventKind.ALLIANCE).prefetch_related("regions")
        if {region.pk for region in event.regions.all()} & inside
    }
    html = body(client.get(f"/?kind=alliance&region={delta.pk}"))
    assert set(event_ids_on_page(html)) == expected
    # 生物医药创新联盟 (钱塘区, 长三角), 长三角先进制造业集群联盟, and the two
    # 长三角创新联合体 releases; the ESG alliance has no region.
    assert len(expected) == 4


def test_timeline_filter_several_kinds(seeds, client):
    html = body(client.get("/?kind=agreement&kind=founding"))
    kinds = set(Event.objects.filter(pk__in=event_ids_on_page(html)).values_list("kind", flat=True))
    assert kinds == {"agreement", "founding"}


def test_timeline_search_traditional_query_finds_simplified_title(seeds, client):
    html = body(client.get("/?q=聯盟"))
    found = Event.objects.filter(pk__in=event_ids_on_page(html))
    assert "生物医药创新联盟揭牌成立" in {event.title for event in found}
    assert set(found) == {
        event
        for event in Event.objects.all()
        if "联盟" in event.title + event.title_original + event.summary
        or "聯盟" in event.title_original
    }


def test_timeline_kind_facets_count_with_other_filters(seeds, client):
    delta = region_named("长三角")
    html = body(client.get(f"/?region={delta.pk}&kind=alliance"))
    inside = region_tree().expand(delta.pk)
    in_delta = [
        event
        for event in Event.objects.prefetch_related("regions")
        if {region.pk for region in event.regions.all()} & inside
    ]
    forums = sum(1 for event in in_delta if event.kind == EventKind.FORUM)
    # The kind facet ignores the kind filter itself and keeps the region one.
    assert f'<span class="badge kind-forum">论坛</span> <span class="count">{forums}</span>' in html



def test_events_export_csv_has_the_filtered_page_rows(seeds, client):
    delta = region_named("长三角")
    query = f"kind=alliance&kind=agreement&region={delta.pk}"
    page_ids = event_ids_on_page(body(client.get(f"/?{query}")))
    # Children nested under a parent on the page are rows of the export too.
    nested = [
        int(pk)
        for pk in Event.objects.filter(pk__in=page_ids).values_list("children__pk", flat=True)
        if pk is not None
    ]
    response = client.get(f"/events/export.csv?{query}")
    rows = csv_rows(response)
    assert response.status_code == 200
    assert sorted(int(row["id"]) for row in rows) == sorted(set(page_ids))
    assert set(nested) <= {int(row["id"]) for row in rows}
    assert {row["kind"] for row in rows} == {"alliance", "agreement"}


def test_events_export_json_and_ics_follow_the_same_filters(seeds, client):
    query = "kind=alliance"
    page_ids = set(event_ids_on_page(body(client.get(f"/?{query}"))))
    items = json.loads(body(client.get(f"/events/export.json?{query}")))
    assert {item["id"] for item in items} == page_ids
    calendar = body(client.get(f"/events/export.ics?{query}"))
    dated = set(
        Event.objects.filter(pk__in=page_ids, span_start__isnull=False).values_list("pk", flat=True)
    )
    assert {int(uid) for uid in re.findall(r"UID:event-(\d+)@", calendar)} == dated


def test_region_page_of_macro_region_lists_events_in_members(seeds, client):
    delta = region_named("长三角")
    inside = region_tree().expand(delta.pk)
    expected = {
        event.pk
        for event in Event.objects.prefetch_related("regions")
        if {region.pk for region in event.regions.all()} & inside
    }
    html = body(client.get(f"/regions/{delta.pk}/"))
    assert set(event_ids_on_page(html)) == expected
    assert "上海市" in html  # a member


def test_every_detail_page_of_the_seeds_renders(seeds, client):
    from kb.models import Organisation, Person, Source

    for event in Event.objects.all():
        assert client.get(f"/events/{event.pk}/").status_code == 200
    for org in Organisation.objects.all():
        assert client.get(f"/organisations/{org.pk}/").status_code == 200
    for person in Person.objects.all():
        assert client.get(f"/people/{person.pk}/").status_code == 200
    for source in Source.objects.all():
        for view in ("simplified", "original", "raw"):
            assert client.get(f"/sources/{source.pk}/?view={view}").status_code == 200


def test_event_page_of_seed_shows_roles_quotes_and_highlighted_evidence(seeds, client):
    event = Event.objects.filter(quotes__isnull=False, roles__organisation__isnull=False).first()
    html = body(client.get(f"/events/{event.pk}/"))
    role = event.roles.filter(organisation__isnull=False).first()
    assert f'href="/organisations/{role.organisation.pk}/"' in html
    assert event.quotes.first().text in html
    assert "<mark>" in html


def test_source_page_of_seed_links_spans_and_marks_damage(seeds, client):
    from kb.models import Source

    source = next(s for s in Source.objects.all() if s.damaged_spans)
    html = body(client.get(f"/sources/{source.pk}/"))
    assert 'class="span-event"' in html and 'class="span-region"' in html
    assert '<span class="damaged"' in html
    assert "乱码修复" in html
    raw = body(client.get(f"/sources/{source.pk}/?view=raw"))
    assert '<span class="removed"' in raw


def test_list_pages_of_seeds_filter_and_export_the_same_rows(seeds, client):
    from kb.models import Organisation

    org_ids = [
        int(row["id"]) for row in csv_rows(client.get("/organisations/export.csv?kind=company"))
    ]
    assert org_ids and set(org_ids) == set(
        Organisation.objects.filter(kind="company").values_list("pk", flat=True)
    )
    html = body(client.get("/organisations/?kind=company"))
    assert all(f'href="/organisations/{pk}/"' in html for pk in org_ids[:50])
    for url in ("/people/?q=王", "/quotes/?kind=direct", "/sources/?script=traditional", "/regions/?level=macro"):
        assert client.get(url).status_code == 200
