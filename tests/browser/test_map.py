"""The map in a real browser: a click on a province applies the region
filter (the list, the facets, the map and the export follow), its title
names the province and its count, and nothing breaks the strict CSP."""

import re

import pytest

from events.filters import EventFilter
from events.selectors import events_public
from events.summary import summary_compute
from kb.models import Region
from tests.browser.test_csp import COLLECT_VIOLATIONS

pytestmark = pytest.mark.browser


def total_for(query: str) -> int:
    from django.http import QueryDict

    filterset = EventFilter(QueryDict(query), queryset=events_public())
    assert filterset.is_valid()
    return summary_compute(filterset).total


def test_clicking_a_province_on_the_map_filters_the_timeline(seeded_live_server, page, shot):
    page.add_init_script(COLLECT_VIOLATIONS)
    page.goto(seeded_live_server.url + "/")
    page.wait_for_load_state("load")
    shot(page, "map-timeline-country", full_page=True)
    busiest = page.locator(".region-map-svg a path[class^='q']:not(.q0)").first
    title = busiest.locator("title").text_content()
    name, count = re.fullmatch(r"(.+)：(\d+) 个活动", title).groups()
    province = Region.objects.get(name=name, level="province")
    assert int(count) == total_for(f"region={province.pk}") > 0

    busiest.click()
    page.wait_for_url(re.compile(rf"\?region={province.pk}$"))
    page.wait_for_load_state("load")
    shot(page, "map-timeline-province", full_page=True)
    # One state in the URL: the region select, the list's count, the map's
    # caption and the export link all say the same filter.
    assert page.locator("#id_region").input_value() == str(province.pk)
    assert page.locator(".page-head .lead").inner_text() == f"共 {count} 个活动"
    assert page.locator(".region-map .map-caption").inner_text() == f"{name}各地活动数量"
    assert f"region={province.pk}" in page.locator(".exports a").first.get_attribute("href")
    # The province's cities, each a link keeping the filter it adds to.
    links = page.locator(".region-map-svg a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links and all(re.fullmatch(r"\?region=\d+", href) for href in links)
    assert page.evaluate("window.__violations") == []


def test_the_map_keeps_the_other_filters_when_a_region_is_clicked(seeded_live_server, page):
    page.goto(seeded_live_server.url + "/?kind=forum&order=date")
    page.locator(".region-map-svg a path:not(.q0)").first.click()
    page.wait_for_url(re.compile(r"\?kind=forum&order=date&region=\d+$"))
    assert page.locator("input[name=kind][value=forum]").is_checked()
    assert page.locator("#id_order").input_value() == "date"
