"""The Content-Security-Policy in a real browser: the public pages and the
admin's pages load without a single violation, and the browser does
enforce the policy (an inline script added on purpose is blocked and
reported, so the listener is known to work)."""

import re

import pytest
from django.urls import reverse

from kb.middleware_security import ADMIN_HEADER, PUBLIC_HEADER
from tests.factories import EventFactory, EventRoleFactory, OrganisationFactory, StaffUserFactory

pytestmark = pytest.mark.browser

# Runs before any page script: every violation the document reports.
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
});
"""


@pytest.fixture
def watched(page):
    """The page, with CSP violations and console errors collected."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(COLLECT_VIOLATIONS)
    page.errors = errors
    return page


def violations(page) -> list[dict]:
    return page.evaluate("window.__violations")


def visit(page, url: str, policy: str):
    response = page.goto(url)
    assert response.status == 200, url
    assert response.headers["content-security-policy"] == policy
    page.wait_for_load_state("load")
    assert violations(page) == [], url
    return response


def test_public_timeline_raises_no_csp_violation(seeded_live_server, watched):
    base = seeded_live_server.url
    visit(watched, base + "/", PUBLIC_HEADER)
    # Follow the first event and its first source: highlighted evidence,
    # the chart, the filters, the switches' forms.
    watched.locator(".entry-title a").first.click()
    watched.wait_for_load_state("load")
    assert re.search(r"/events/\d+/$", watched.url)
    assert violations(watched) == []
    visit(watched, base + "/sources/", PUBLIC_HEADER)
    watched.locator("main a[href^='/sources/']").first.click()
    watched.wait_for_load_state("load")
    assert violations(watched) == []
    visit(watched, base + "/?kind=forum&order=date", PUBLIC_HEADER)
    assert watched.errors == []

    # The control: an inline script and a style attribute are refused and
    # reported, so "no violation" above means the pages comply.
    watched.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__ran = true;';
        document.body.append(script);
        document.body.setAttribute('style', 'color: red');
    }""")
    watched.wait_for_function("window.__violations.length >= 2")
    directives = {v["directive"] for v in violations(watched)}
    assert directives == {"script-src-elem", "style-src-attr"}
    assert watched.evaluate("window.__ran === undefined")
    assert any("Content Security Policy" in error for error in watched.errors)


def test_admin_pages_raise_no_csp_violation(live_server, transactional_db, watched):
    StaffUserFactory(username="curator")
    event = EventFactory(title="长三角产业创新发展大会")
    EventRoleFactory(event=event, organisation=OrganisationFactory())
    base = live_server.url

    visit(watched, base + reverse("admin:login"), ADMIN_HEADER)
    watched.fill("#id_username", "curator")
    watched.fill("#id_password", "correct horse battery staple")
    watched.get_by_role("button", name=re.compile("登录|Log in")).click()
    watched.wait_for_url(base + reverse("admin:index"))
    assert violations(watched) == []

    visit(watched, base + reverse("admin:events_event_changelist"), ADMIN_HEADER)
    visit(watched, base + reverse("admin:events_event_change", args=[event.pk]), ADMIN_HEADER)
    visit(watched, base + reverse("admin:kb_organisation_export"), ADMIN_HEADER)
    # The select-all box's inline handler is allowed by its hash: clicking
    # it runs the handler (the boxes follow it) without a violation.
    toggle = watched.locator("input[name='select-all-toggle']")
    boxes = watched.locator(".selectable-field-export-row input[type=checkbox]")
    assert boxes.count() > 3
    toggle.uncheck()
    assert all(not box.is_checked() for box in boxes.all())
    toggle.check()
    assert all(box.is_checked() for box in boxes.all())
    assert violations(watched) == []
    assert [e for e in watched.errors if "Content Security Policy" in e] == []
