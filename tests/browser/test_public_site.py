"""The public site in a real browser: filter the timeline, follow an event,
switch script and language, download the CSV, and look right on a phone."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from events.models import Event
from kb.models import Region
from kb.selectors.regions import region_tree

pytestmark = pytest.mark.browser


def alliance_ids_in_delta() -> tuple[int, set[int]]:
    delta = Region.objects.get(name="长三角", level="macro")
    inside = region_tree().expand(delta.pk)
    ids = {
        event.pk
        for event in Event.objects.filter(kind="alliance").prefetch_related("regions")
        if {region.pk for region in event.regions.all()} & inside
    }
    return delta.pk, ids


def entry_ids(page) -> set[int]:
    hrefs = page.locator(".entry-title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return {int(re.search(r"/events/(\d+)/", href).group(1)) for href in hrefs}


def test_timeline_filter_detail_switches_and_csv(seeded_live_server, page, shot):
    delta_pk, expected = alliance_ids_in_delta()
    page.goto(seeded_live_server.url + "/")
    expect(page.locator("h1")).to_have_text("活动时间线")
    expect(page.locator("svg.chart-svg title#chart-title")).to_have_text("每月活动数")
    shot(page, "timeline", full_page=True)

    # Filter: kind = alliance, region = 长三角.
    page.locator('input[name="kind"][value="alliance"]').check()
    page.locator("#id_region").select_option(str(delta_pk))
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(rf"kind=alliance.*region={delta_pk}"))
    assert entry_ids(page) == expected
    badges = page.locator(".entry .entry-meta .badge[class*='kind-']").all_inner_texts()
    assert badges and set(badges) == {"联盟"}
    shot(page, "timeline-alliance-yangtze", full_page=True)
    filtered_url = page.url

    # Download the CSV of the same filters.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 CSV").click()
    download = download_info.value
    assert re.fullmatch(r"events-alliance-长三角-\d{4}-\d{2}-\d{2}T\d{4}\.csv", download.suggested_filename)
    text = open(download.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {int(row["id"]) for row in rows} == expected
    assert {row["kind"] for row in rows} == {"alliance"}

    # Follow an event to its page.
    first = page.locator(".entry-title a").first
    title = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(title)
    shot(page, "event-detail", full_page=True)

    # Traditional and back.
    page.get_by_role("button", name="繁體").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    traditional = page.locator("h1").inner_text()
    assert traditional != title or title == ""
    shot(page, "event-detail-traditional")
    page.get_by_role("button", name="简体").click()
    expect(page.locator("h1")).to_have_text(title)

    # English and back.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".site-nav")).to_contain_text("Timeline")
    shot(page, "event-detail-english")
    page.goto(filtered_url)
    expect(page.locator("h1")).to_have_text("Timeline of events")
    shot(page, "timeline-english")
    page.get_by_role("button", name="中文").click()
    expect(page.locator("h1")).to_have_text("活动时间线")


def test_phone_width_pages_fit_the_screen(seeded_live_server, page, shot):
    page.set_viewport_size({"width": 390, "height": 844})
    for path, name in (("/", "phone-timeline"), ("/sources/", "phone-sources"), ("/organisations/", "phone-organisations")):
        page.goto(seeded_live_server.url + path)
        # Nothing wider than the screen: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot(page, name)
    page.goto(seeded_live_server.url + "/")
    shot(page, "phone-timeline-full", full_page=True)
    source = seeded_live_server.url + "/sources/{}/".format(
        __import__("kb.models", fromlist=["Source"]).Source.objects.order_by("pk").last().pk
    )
    page.goto(source)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "phone-source")
