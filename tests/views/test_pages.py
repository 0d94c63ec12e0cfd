"""Detail and list pages of the public site, its read-only contract, the
script and language switches, and escaping of hostile text."""

import datetime as dt

import pytest

from events.models import Role
from kb.models import Evidence, ReviewStatus
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    EvidenceFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    QuoteFactory,
    RegionFactory,
    SourceFactory,
)
from tests.views.helpers import body, query_count

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>javascript:alert(3)'


def test_event_page_shows_fields_roles_quotes_children_and_evidence(db, client):
    region = RegionFactory(name="杭州市", adcode="330100")
    parent = EventFactory(title="长三角产业创新发展大会", regions=[region], participants=200,
                          participants_approximate=True, summary="大会在杭州举行。")
    child = EventFactory(title="生物医药创新联盟揭牌", parent=parent, kind="alliance")
    org = OrganisationFactory(name="中国产业发展促进会")
    EventRoleFactory(event=parent, organisation=org, role=Role.GUIDE, role_original="指导")
    person = PersonFactory(name="薛敏")
    EventRoleFactory(event=parent, organisation=None, person=person, role=Role.KEYNOTE)
    QuoteFactory(event=parent, speaker=person, text="要把县域经济作为高质量发展的重要支撑。")
    source = SourceFactory(title="大会报道")
    EvidenceFactory(record=parent, source=source, start=6, end=15)
    html = body(client.get(f"/events/{parent.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "<h1>长三角产业创新发展大会</h1>" in html
    assert "约200" in html
    assert f'<a href="/regions/{region.pk}/">杭州市</a>' in html
    assert f'<a href="/organisations/{org.pk}/">中国产业发展促进会</a>' in html
    assert "<td>指导</td>" in html
    assert f'<a href="/people/{person.pk}/">薛敏</a>' in html
    assert "要把县域经济作为高质量发展的重要支撑。" in html
    assert f'href="/events/{child.pk}/">生物医药创新联盟揭牌</a>' in html
    assert "6月7日，由<mark>中国产业发展促进会</mark>指导的县域经济高质量发展论坛在北京举行。" in html
    child_html = body(client.get(f"/events/{child.pk}/"))
    assert f'<a href="/events/{parent.pk}/">长三角产业创新发展大会</a>' in child_html


def test_event_page_hides_rejected_parties_and_quotes(db, client):
    event = EventFactory()
    EventRoleFactory(event=event, organisation=OrganisationFactory(name="被驳回机构", review_status=ReviewStatus.REJECTED))
    QuoteFactory(event=event, text="被驳回的引语", review_status=ReviewStatus.REJECTED)
    html = body(client.get(f"/events/{event.pk}/"))
    assert "被驳回机构" not in html and "被驳回的引语" not in html


def test_organisation_page_shows_events_quotes_aliases_and_positions(db, client):
    org = OrganisationFactory(name="中国产业发展促进会", aliases=["中产促"])
    event = EventFactory(title="县域经济论坛")
    EventRoleFactory(event=event, organisation=org, role=Role.ORGANISER)
    person = PersonFactory(name="王伟")
    PositionFactory(person=person, organisation=org, title="副会长")
    QuoteFactory(speaker=person, speaker_organisation=org, text="推动产业创新。")
    html = body(client.get(f"/organisations/{org.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "中产促" in html
    assert f'href="/events/{event.pk}/">县域经济论坛</a>' in html
    assert '<span class="badge badge-role">主办</span>' in html
    assert "副会长" in html and "推动产业创新。" in html


def test_merged_organisation_redirects_and_rejected_one_is_404(db, client):
    survivor = OrganisationFactory()
    merged = OrganisationFactory(merged_into=survivor, review_status=ReviewStatus.REJECTED)
    rejected = OrganisationFactory(review_status=ReviewStatus.REJECTED)
    response = client.get(f"/organisations/{merged.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{survivor.pk}/"
    assert client.get(f"/organisations/{rejected.pk}/").status_code == 404
    assert client.get("/organisations/").content.decode().count("/organisations/") >= 1
    assert f"/organisations/{rejected.pk}/" not in body(client.get("/organisations/"))


def test_person_page_shows_positions_events_and_quotes(db, client):
    person = PersonFactory(name="徐洪才", aliases=["徐教授"])
    PositionFactory(person=person, title="副理事长", organisation=OrganisationFactory(name="中国政策科学研究会"))
    event = EventFactory(title="产业大会")
    EventRoleFactory(event=event, organisation=None, person=person, role=Role.KEYNOTE)
    QuoteFactory(speaker=person, text="要强化创新驱动。")
    html = body(client.get(f"/people/{person.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "徐教授" in html and "中国政策科学研究会" in html and "副理事长" in html
    assert '<span class="badge badge-role">主旨演讲</span>' in html
    assert "要强化创新驱动。" in html


def test_region_page_includes_descendants_events(db, client):
    province = RegionFactory(name="浙江省", adcode="330000")
    city = RegionFactory(name="杭州市", adcode="330100", parent=province, level="prefecture")
    event = EventFactory(title="杭州活动", regions=[city])
    html = body(client.get(f"/regions/{province.pk}/"))
    assert f'href="/events/{event.pk}/">杭州活动</a>' in html
    assert f'href="/regions/{city.pk}/">杭州市</a>' in html


def test_list_pages_filter_their_rows(db, client):
    province = RegionFactory(name="浙江省", adcode="330000")
    OrganisationFactory(name="浙江大学", kind="university", region=province)
    OrganisationFactory(name="复旦大学", kind="university")
    html = body(client.get(f"/organisations/?kind=university&region={province.pk}"))
    assert "浙江大学" in html and "复旦大学" not in html
    PersonFactory(name="陈金虎", aliases=["陈书记"])
    PersonFactory(name="汤正华")
    html = body(client.get("/people/?q=陳書記"))  # Traditional query, alias match
    assert "陈金虎" in html and "汤正华" not in html
    QuoteFactory(text="加快发展新质生产力", kind="direct")
    QuoteFactory(text="推动长三角一体化", kind="indirect")
    html = body(client.get("/quotes/?kind=indirect&q=長三角"))
    assert "推动长三角一体化" in html and "加快发展新质生产力" not in html
    SourceFactory(title="常州座谈会", outlet="觅渡新语", published_date=dt.date(2024, 5, 7))
    SourceFactory(title="杭州大会", outlet="中新网", published_date=dt.date(2025, 12, 23))
    html = body(client.get("/sources/?outlet=中新网&date_after=2025-12"))
    assert "杭州大会" in html and "常州座谈会" not in html


@pytest.mark.parametrize(
    "url",
    ["/organisations/", "/people/", "/regions/", "/quotes/", "/sources/"],
)
def test_list_page_query_count_is_the_same_for_10_and_100_rows(db, client, url):
    def make(count):
        for _ in range(count):
            org = OrganisationFactory(region=RegionFactory())
            person = PersonFactory()
            PositionFactory(person=person, organisation=org)
            event = EventFactory(regions=[org.region])
            EventRoleFactory(event=event, organisation=org)
            QuoteFactory(speaker=person, speaker_organisation=org, event=event)

    make(10)
    ten = query_count(client, url)
    make(90)
    assert query_count(client, url) == ten


@pytest.mark.parametrize("url", ["/?q=x&kind=bad", "/organisations/?region=z", "/people/?q=" + "长" * 101,
                                 "/quotes/?kind=loud", "/sources/?script=klingon", "/regions/?level=moon"])
def test_list_page_bad_filter_values_are_400_with_a_message(db, client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "筛选条件有误" in body(response)


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_pages_are_read_only(db, client, method):
    event = EventFactory()
    source = SourceFactory()
    for url in ("/", f"/events/{event.pk}/", "/organisations/", "/people/", "/regions/",
                "/quotes/", "/sources/", f"/sources/{source.pk}/", "/events/export.csv",
                "/events/export.ics", "/events/export.json", "/sources/export.csv"):
        assert getattr(client, method)(url).status_code == 405, url


# What a browser sends with a form posted from a page of this site.
SAME_SITE = {"Origin": "http://testserver"}


def test_script_switch_needs_a_post_from_this_site(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.get("/script/").status_code == 405
    # Another site's form, and a request that says nothing of where it comes from.
    assert strict.post("/script/", {"script": "traditional"}, headers={"Origin": "https://evil.example"}) \
        .status_code == 403
    assert strict.post("/script/", {"script": "traditional"}).status_code == 403
    assert strict.post("/script/", {"script": "traditional"},
                       headers={"Referer": "https://evil.example/page"}).status_code == 403
    # A page of this site: no token needed (the pages are cached for everyone).
    accepted = strict.post("/script/", {"script": "traditional", "next": "/"}, headers=SAME_SITE)
    assert accepted.status_code == 302 and accepted.cookies["script"].value == "traditional"
    by_referer = strict.post("/script/", {"script": "simplified", "next": "/"},
                             headers={"Referer": "http://testserver/events/"})
    assert by_referer.status_code == 302


def test_script_switch_shows_traditional_without_changing_data(db, client):
    event = EventFactory(title="长三角产业创新发展大会")
    response = client.post("/script/", {"script": "traditional", "next": f"/events/{event.pk}/"}, headers=SAME_SITE)
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.pk}/"
    assert response.cookies["script"].value == "traditional"
    html = body(client.get(f"/events/{event.pk}/"))
    assert "<h1>長三角產業創新發展大會</h1>" in html
    assert '<html lang="zh-Hant">' in html
    event.refresh_from_db()
    assert event.title == "长三角产业创新发展大会"
    client.post("/script/", {"script": "simplified", "next": "/"}, headers=SAME_SITE)
    assert "<h1>长三角产业创新发展大会</h1>" in body(client.get(f"/events/{event.pk}/"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_script_switch_refuses_foreign_redirects(db, client, target):
    response = client.post("/script/", {"script": "traditional", "next": target}, headers=SAME_SITE)
    assert response["Location"] == "/"


def test_language_switch_gives_english_interface(db, client):
    EventFactory(start_date=dt.date(2025, 6, 7), kind="alliance")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, headers=SAME_SITE)
    assert response.status_code == 302
    html = body(client.get("/"))
    assert '<html lang="en">' in html
    assert "Timeline" in html and "Alliance" in html and "7 Jun 2025" in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, headers=SAME_SITE)
    html = body(client.get("/"))
    assert "活动时间线" in html and "2025年6月7日" in html


def test_hostile_text_is_escaped_everywhere(db, client):
    region = RegionFactory(name=HOSTILE)
    org = OrganisationFactory(name=HOSTILE, aliases=[HOSTILE], region=region)
    person = PersonFactory(name=HOSTILE)
    event = EventFactory(title=HOSTILE, summary=HOSTILE, regions=[region])
    EventRoleFactory(event=event, organisation=org)
    text = "开头" + HOSTILE + "结尾。"
    source = SourceFactory(title=HOSTILE, outlet=HOSTILE, text=text, text_original=text, raw_text=text,
                           repair_log=[{"kind": "junk_line", "before": HOSTILE, "detail": HOSTILE,
                                        "raw_start": 0, "raw_end": 2, "start": 0, "end": 0}])
    EvidenceFactory(record=event, source=source, start=2, end=10, sentence=text)
    QuoteFactory(text=HOSTILE, speaker=person, event=event, source=source)
    urls = ["/", f"/events/{event.pk}/", f"/organisations/{org.pk}/", "/organisations/",
            f"/people/{person.pk}/", "/people/", f"/regions/{region.pk}/", "/quotes/",
            "/sources/", f"/sources/{source.pk}/", f"/sources/{source.pk}/?view=raw",
            f"/sources/{source.pk}/?view=original", "/?q=" + HOSTILE, "/people/?q=" + HOSTILE[:90]]
    for url in urls:
        html = body(client.get(url))
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert 'href="javascript:' not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body(client.get(f"/events/{event.pk}/"))


def test_pages_have_no_inline_scripts_or_style_attributes(db, client):
    event = EventFactory()
    source = SourceFactory()
    EvidenceFactory(record=event, source=source)
    for url in ("/", f"/events/{event.pk}/", f"/sources/{source.pk}/", "/organisations/"):
        html = body(client.get(url))
        assert "<script" not in html and " style=" not in html and "<style" not in html, url


def test_source_page_links_evidence_spans_to_their_records(db, client):
    source = SourceFactory()
    org = OrganisationFactory(name="中国产业发展促进会")
    EvidenceFactory(record=org, source=source, start=6, end=15)
    # An overlapping, shorter span of another record is not drawn twice.
    EvidenceFactory(record=OrganisationFactory(name="中国"), source=source, start=6, end=8)
    html = body(client.get(f"/sources/{source.pk}/"))
    assert f'<a href="/organisations/{org.pk}/" class="span-organisation"' in html
    assert html.count('" class="span-organisation"') == 1


def test_source_page_of_rejected_source_is_404_and_evidence_of_rejected_records_hidden(db, client):
    assert client.get(f"/sources/{SourceFactory(review_status=ReviewStatus.REJECTED).pk}/").status_code == 404
    source = SourceFactory()
    hidden = OrganisationFactory(review_status=ReviewStatus.REJECTED)
    EvidenceFactory(record=hidden, source=source)
    assert Evidence.objects.count() == 1
    assert f"/organisations/{hidden.pk}/" not in body(client.get(f"/sources/{source.pk}/"))


def test_detail_page_query_counts_do_not_grow_with_related_rows(db, client):
    def build(event, org, count):
        for _ in range(count):
            person = PersonFactory()
            EventRoleFactory(event=event, organisation=None, person=person, role=Role.SPEAKER)
            QuoteFactory(event=event, speaker=person, speaker_organisation=org)
            EventFactory(parent=event)
            EvidenceFactory(record=event)

    event = EventFactory()
    org = OrganisationFactory()
    EventRoleFactory(event=event, organisation=org)
    build(event, org, 5)
    urls = [f"/events/{event.pk}/", f"/organisations/{org.pk}/"]
    few = [query_count(client, url) for url in urls]
    build(event, org, 30)
    assert [query_count(client, url) for url in urls] == few
