"""Security headers on every public page and on the admin's pages, the
Content-Security-Policy the pages actually satisfy, HSTS over HTTPS, and
CSRF checks on the forms."""

import base64
import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse

from kb.middleware_security import ADMIN_HEADER, ADMIN_POLICY, PUBLIC_HEADER
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
    StaffUserFactory,
)
from tests.security import scan_html

pytestmark = pytest.mark.django_db

COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@pytest.fixture
def pages():
    """One record of each kind, linked so that every page shows something:
    the public pages' URLs (HTML first, then the exports)."""
    region = RegionFactory(name="杭州市", adcode="330100")
    event = EventFactory(regions=[region])
    org = OrganisationFactory(region=region)
    person = PersonFactory()
    source = SourceFactory()
    EventRoleFactory(event=event, organisation=org)
    PositionFactory(person=person, organisation=org, source=source)
    QuoteFactory(event=event, speaker=person, speaker_organisation=org, source=source)
    EvidenceFactory(record=event, source=source)
    EvidenceFactory(record=org, source=source, start=16, end=20)
    html = ["/", f"/events/{event.pk}/", "/organisations/", f"/organisations/{org.pk}/",
            "/people/", f"/people/{person.pk}/", "/regions/", f"/regions/{region.pk}/",
            "/quotes/", "/sources/", f"/sources/{source.pk}/", f"/sources/{source.pk}/?view=raw",
            f"/sources/{source.pk}/?view=original", "/?kind=bad"]
    exports = ["/events/export.csv", "/events/export.ics", "/events/export.json",
               "/organisations/export.csv", "/people/export.csv", "/regions/export.csv",
               "/quotes/export.csv", "/sources/export.csv"]
    return {"html": html, "exports": exports, "event": event, "source": source, "org": org}


def assert_common_headers(response, url):
    for name, value in COMMON_HEADERS.items():
        assert response.headers.get(name) == value, (url, name, response.headers.get(name))


def test_public_pages_have_the_strict_policy_and_security_headers(client, pages):
    for url in pages["html"] + pages["exports"]:
        response = client.get(url)
        assert response.status_code in (200, 400), url
        assert response["Content-Security-Policy"] == PUBLIC_HEADER, url
        assert_common_headers(response, url)


def test_public_policy_allows_nothing_inline_or_foreign():
    directives = dict(part.split(" ", 1) for part in PUBLIC_HEADER.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in PUBLIC_HEADER


def test_public_html_has_no_inline_script_or_style(client, pages):
    for url in pages["html"]:
        markup = scan_html(client.get(url).content.decode())
        assert markup.named("script") == [], url  # no script at all, inline or not
        assert markup.style_elements == 0, url
        assert markup.style_attributes() == [], url
        assert markup.handlers() == [], url
        assert markup.script_urls() == [], url
        # Only the site's own stylesheet and icon are loaded.
        loaded = {attrs.get("href") for tag, attrs in markup.named("link")}
        assert all(href.startswith("/static/") for href in loaded), (url, loaded)


def test_hsts_is_sent_over_https_only(client, pages):
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "Strict-Transport-Security" not in client.get("/")


# The admin ------------------------------------------------------------------


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture
def admin_pages(pages):
    event, source = pages["event"], pages["source"]
    return [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:events_event_add"),
        reverse("admin:kb_source_changelist"),
        reverse("admin:kb_source_change", args=[source.pk]),
        reverse("admin:kb_organisation_change", args=[pages["org"].pk]),
        reverse("admin:kb_organisation_export"),
        reverse("admin:kb_organisation_import"),
        reverse("admin:password_change"),
    ]


def test_admin_login_page_has_the_admin_policy(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == ADMIN_HEADER
    assert_common_headers(response, "login")


def test_admin_pages_have_the_admin_policy_and_satisfy_it(staff_client, admin_pages):
    allowed_hashes = set(re.findall(r"'sha256-[^']+'", ADMIN_POLICY["script-src"]))
    handlers_seen = []
    for url in admin_pages:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == ADMIN_HEADER, url
        assert_common_headers(response, url)
        markup = scan_html(response.content.decode())
        # No inline <script> block: the admin's scripts are files.
        assert markup.inline_scripts == [], url
        assert markup.script_urls() == [], url
        for _tag, _name, value in markup.handlers():
            assert sha256_source(value) in allowed_hashes, (url, value)
            handlers_seen.append(value)
        for _tag, attrs in markup.named("script"):
            assert attrs["src"].startswith(("/static/", "/admin/")), (url, attrs)
    # The export form's select-all box is the one handler, and it is allowed.
    assert handlers_seen == ["onSelectToggleChange(event)"]


def test_admin_policy_allows_no_inline_script_block():
    directives = dict(part.split(" ", 1) for part in ADMIN_HEADER.split("; "))
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"


# CSRF -------------------------------------------------------------------------


def csrf_token_of(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_admin_login_needs_a_csrf_token(db):
    StaffUserFactory(username="curator")
    browser = Client(enforce_csrf_checks=True)
    credentials = {"username": "curator", "password": "correct horse battery staple"}

    refused = browser.post(reverse("admin:login"), credentials)
    form = browser.get(reverse("admin:login"))
    accepted = browser.post(reverse("admin:login"),
                            {**credentials, "csrfmiddlewaretoken": csrf_token_of(form)})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert browser.get(reverse("admin:index")).status_code == 200


def test_language_switch_refuses_posts_from_other_sites(db):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post("/i18n/setlang/", {"language": "en", "next": "/"},
                        headers={"Origin": "https://evil.example"}).status_code == 403
    assert browser.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 403
    page = browser.get("/")
    # The cached public pages carry no per-visitor token: the switch asks
    # the browser where the form comes from instead.
    assert "csrfmiddlewaretoken" not in page.content.decode()
    response = browser.post("/i18n/setlang/", {"language": "en", "next": "/"},
                            headers={"Origin": "http://testserver"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
