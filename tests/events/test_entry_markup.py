"""A timeline entry's markup (events.entry_markup), from events read the
way the timeline reads them."""

import datetime as dt
import re

import pytest
from django.utils import translation

from events.models import EventKind
from events.selectors import events_public, timeline
from kb.models import DatePrecision, Region, ReviewStatus
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    OrganisationFactory,
    QuoteFactory,
    RegionFactory,
)


def hangzhou() -> Region:
    return RegionFactory(name="杭州市", adcode="330100", level="prefecture")


def entries(*, traditional: bool = False):
    with translation.override("zh-hans"):
        page = timeline(queryset=events_public(), page_number=1, traditional=traditional).page
        return list(page.object_list)


@pytest.mark.django_db
def test_entry_html_escapes_every_value():
    region = hangzhou()
    event = EventFactory(title='<script>alert(1)</script> & "论坛"', regions=[region])
    organisation = OrganisationFactory(name='<img src=x onerror=alert(2)>协会')
    EventRoleFactory(event=event, organisation=organisation, role="host")
    html = str(entries()[0].html)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;论坛&quot;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;协会" in html


@pytest.mark.django_db
def test_entry_html_shows_date_kind_places_organisers_and_counts():
    region = hangzhou()
    event = EventFactory(
        title="长三角产业合作论坛", kind=EventKind.FORUM, start_date=dt.date(2025, 4, 15),
        end_date=dt.date(2025, 4, 20), regions=[region], review_status=ReviewStatus.REVIEWED,
    )
    host = OrganisationFactory(name="杭州市发展和改革委员会")
    EventRoleFactory(event=event, organisation=host, role="host")
    QuoteFactory(event=event)
    html = str(entries()[0].html)
    assert '<time datetime="2025-04-15">2025年4月15日至20日</time>' in html
    assert '<span class="badge kind-forum">论坛</span>' in html
    assert '<span class="badge badge-reviewed">已审核</span>' in html
    assert f'<a href="/events/{event.pk}/">长三角产业合作论坛</a>' in html
    assert f'<span class="label">地点</span> <a href="/regions/{region.pk}/">杭州市</a>' in html
    assert f'<a href="/organisations/{host.pk}/">杭州市发展和改革委员会</a>' in html
    assert '<p class="entry-counts">1 条引语 · 0 篇来源</p>' in html


@pytest.mark.django_db
def test_entry_html_without_a_date_has_no_datetime_attribute():
    EventFactory(start_date=None, date_precision=DatePrecision.UNKNOWN)
    html = str(entries()[0].html)
    assert "<time>日期不详</time>" in html


@pytest.mark.django_db
def test_entry_html_nests_sub_events_inside_their_parent():
    parent = EventFactory(title="主论坛", start_date=dt.date(2025, 6, 7))
    EventFactory(title="分论坛一", parent=parent, start_date=dt.date(2025, 6, 7))
    EventFactory(title="分论坛二", parent=parent, start_date=dt.date(2025, 6, 8))
    (entry,) = entries()
    html = str(entry.html)
    assert html.count('<li class="entry entry-child">') == 2
    children = html[html.index('<ol class="entries children" aria-label="子活动">'):]
    assert re.findall(r'entry-title"><a href="/events/\d+/">([^<]+)<', children) == ["分论坛一", "分论坛二"]
    # A nested entry does not link back to the parent it sits in.
    assert "查看上级活动" not in html


@pytest.mark.django_db
def test_entry_html_shows_roles_the_page_added():
    event = EventFactory()
    (entry,) = entries()
    entry.roles = ["主办", "<b>承办</b>"]
    html = str(entry.html)
    assert '<span class="badge badge-role">主办</span>' in html
    assert '<span class="badge badge-role">&lt;b&gt;承办&lt;/b&gt;</span>' in html
    assert event.title in html


@pytest.mark.django_db
def test_entry_html_in_traditional_converts_content_not_markup():
    region = hangzhou()
    EventFactory(title="长三角发展论坛", regions=[region])
    html = str(entries(traditional=True)[0].html)
    assert "長三角發展論壇" in html
    assert 'class="entry-title"' in html and "地点" in html  # labels follow the language, not the script


@pytest.mark.django_db
def test_entry_counts_speak_english_with_plurals():
    event = EventFactory(title="长三角产业合作论坛")
    QuoteFactory(event=event)
    with translation.override("en"):
        page = timeline(queryset=events_public(), page_number=1).page
        html = str(list(page.object_list)[0].html)
    assert '<p class="entry-counts">1 quote · 0 sources</p>' in html
    QuoteFactory(event=event)
    with translation.override("en"):
        html = str(list(timeline(queryset=events_public(), page_number=1).page.object_list)[0].html)
    assert '<p class="entry-counts">2 quotes · 0 sources</p>' in html
