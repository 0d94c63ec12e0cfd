"""The source workbench in a real browser: select text of a seed written in
Traditional characters, add an event from the selection, review with the
keyboard, the read-only view, and all of it under the strict
Content-Security-Policy."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Event
from kb.middleware_security import PUBLIC_HEADER
from kb.models import Evidence, Organisation, ReviewStatus, Source
from tests.browser.test_csp import COLLECT_VIOLATIONS, violations
from tests.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
# A side activity of the Traditional seed (003) that the importer does not
# take as an event; the page shows it as written (邁向…) or Simplified.
AS_WRITTEN = "ESG——邁向可持續未來的責任擔當"
SIMPLIFIED = "ESG——迈向可持续未来的责任担当"

# Selects the first occurrence of `words` in the workbench's text, across
# its pieces, the way a mouse drag would, and reports the mouse-up.
SELECT = """(words) => {
    const box = document.getElementById('wb-text');
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    const nodes = []; let all = '';
    while (walker.nextNode()) { nodes.push([walker.currentNode, all.length]); all += walker.currentNode.data; }
    const at = all.indexOf(words);
    if (at < 0) { return false; }
    const locate = (offset) => {
        for (let i = nodes.length - 1; i >= 0; i--) {
            if (nodes[i][1] <= offset) { return [nodes[i][0], offset - nodes[i][1]]; }
        }
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + words.length));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    box.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    return true;
}"""


def log_in(page, base: str, username: str) -> None:
    page.goto(base + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=re.compile("登录|Log in")).click()
    page.wait_for_url(base + reverse("admin:index"))


@pytest.fixture
def watched(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    return page


def open_workbench(page, base: str, source: Source, query: str = ""):
    response = page.goto(base + reverse("admin:kb_source_workbench", args=[source.pk]) + query)
    assert response.status == 200
    assert response.headers["content-security-policy"] == PUBLIC_HEADER
    page.wait_for_load_state("load")
    return response


def test_workbench_adds_an_event_from_a_selection_of_the_text_as_written(seeded_live_server, watched, shot):
    base = seeded_live_server.url
    StaffUserFactory(username="curator")
    source = Source.objects.get(file_name__startswith="003_")
    expected_start = source.text.index(SIMPLIFIED)
    log_in(watched, base, "curator")
    open_workbench(watched, base, source, "?script=original")
    assert AS_WRITTEN in watched.locator("#wb-text").inner_text()

    assert watched.evaluate(SELECT, AS_WRITTEN)
    span = watched.locator("#wb-selection-span")
    assert span.inner_text() == f"{expected_start}–{expected_start + len(SIMPLIFIED)}"
    shot(watched, "workbench-selection")
    watched.locator("#wb-add-event").click()
    watched.wait_for_load_state("load")
    # Pre-filled by the importer's extractors: the selection as the title;
    # its sentence gives no date, so none is offered (never an invented day).
    assert watched.locator("#id_title").input_value() == SIMPLIFIED
    assert watched.locator("#wb-selected").inner_text() == SIMPLIFIED
    assert watched.locator("#id_start_date").input_value() == ""
    assert watched.locator("#id_date_precision").input_value() == "unknown"
    # The curator knows it was held on the day of the main conference.
    main = Event.objects.get(title="2025长三角产业创新发展大会")
    watched.fill("#id_start_date", main.start_date.isoformat())
    watched.select_option("#id_date_precision", "day")
    watched.locator("#wb-save").click()
    watched.wait_for_url(re.compile(r"/workbench/\?focus=event-\d+"))

    event = Event.objects.get(title=SIMPLIFIED)
    assert (event.review_status, event.reviewed_by.username, event.curator_edited) == (
        ReviewStatus.REVIEWED, "curator", True)
    assert event.title_original == AS_WRITTEN
    assert (event.start_date, event.date_precision) == (main.start_date, "day")
    [evidence] = Evidence.objects.filter(content_type__model="event", object_id=event.pk)
    assert (evidence.source_id, evidence.start, evidence.end, evidence.curator_made) == (
        source.pk, expected_start, expected_start + len(SIMPLIFIED), True)
    # The new record is picked and lit in the text.
    assert watched.locator(".wb-record.wb-current").get_attribute("data-key") == f"event-{event.pk}"
    assert SIMPLIFIED in watched.locator(".wb-seg.wb-lit").all_inner_texts()[0] or \
        AS_WRITTEN in "".join(watched.locator(".wb-seg.wb-lit").all_inner_texts())

    # On the public timeline at once.
    watched.goto(base + "/?q=" + "迈向可持续未来")
    assert SIMPLIFIED in watched.locator("main").inner_text()
    assert violations(watched) == []
    assert watched.errors == []


def test_workbench_keyboard_accepts_and_rejects(seeded_live_server, watched, shot):
    base = seeded_live_server.url
    StaffUserFactory(username="curator")
    source = Source.objects.get(file_name__startswith="000_")
    log_in(watched, base, "curator")
    open_workbench(watched, base, source)
    legend = watched.locator(".wb-legend").inner_text()
    assert "下一条记录" in legend and "驳回" in legend

    first_key = watched.locator(".wb-record.wb-current").get_attribute("data-key")
    with watched.expect_navigation():
        watched.keyboard.press("a")
    kind, pk = first_key.rsplit("-", 1)
    model = Event if kind == "event" else Organisation
    if kind in ("event", "organisation"):
        assert model.objects.get(pk=pk).review_status == ReviewStatus.REVIEWED
    progress = watched.locator("#wb-progress").inner_text()
    assert re.search(r"已审核 1 条", progress)

    # The focus moved on to the next unreviewed record: reject it.
    second_key = watched.locator(".wb-record.wb-current").get_attribute("data-key")
    assert second_key != first_key
    watched.keyboard.press("j")
    watched.keyboard.press("k")
    assert watched.locator(".wb-record.wb-current").get_attribute("data-key") == second_key
    # The URL holds focus= already: wait for the decision's own page load.
    with watched.expect_navigation():
        watched.keyboard.press("r")
    rejected = watched.locator(f"#rec-{second_key}")
    assert "已驳回" in rejected.inner_text()
    # e opens the picked record's edit page in a new tab; the workbench stays.
    with watched.context.expect_page() as opened:
        watched.keyboard.press("e")
    edit = opened.value
    edit.wait_for_load_state("load")
    assert re.search(r"/admin/(kb|events)/\w+/\d+/change/$", edit.url)
    assert "/workbench/" in watched.url
    edit.close()
    shot(watched, "workbench-keyboard")
    assert violations(watched) == []
    assert watched.errors == []


def test_workbench_is_read_only_without_change_permission(seeded_live_server, watched, client):
    base = seeded_live_server.url
    reader = UserFactory(username="reader", is_staff=True)
    reader.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    source = Source.objects.get(file_name__startswith="001_")
    log_in(watched, base, "reader")
    open_workbench(watched, base, source)
    assert watched.locator(".wb-record").count() > 0
    assert watched.locator(".wb-accept, .wb-reject, #wb-selection, #wb-mark-source").count() == 0
    before = Source.objects.get(pk=source.pk)
    first_key = watched.locator(".wb-record.wb-current").get_attribute("data-key")
    watched.keyboard.press("a")
    watched.wait_for_timeout(300)
    assert watched.url.endswith("/workbench/")  # no form was sent
    # A hand-made POST is refused too.
    client.force_login(reader)
    kind, pk = first_key.rsplit("-", 1)
    response = client.post(reverse("admin:kb_source_workbench_decide", args=[source.pk]),
                           {"type": kind, "id": pk, "decision": "accept"})
    assert response.status_code == 403
    assert Source.objects.get(pk=source.pk).review_status == before.review_status
    assert violations(watched) == []
