"""The public site is read-only: every URL pattern outside /admin/ refuses
POST, PUT, PATCH and DELETE.  The patterns are read from the URL
configuration, so a page added later is tested too (or this test fails
until it is given an example URL)."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    RegionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

WRITE_METHODS = ["post", "put", "patch", "delete"]
# The two preference switches take a POST (and set a cookie); every other
# public view answers GET and HEAD only.
SWITCHES = {"set_language", "script_switch"}


def public_url_names(patterns=None, namespace="") -> set[str]:
    """Names of every URL pattern except the admin's."""
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            names |= public_url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            assert pattern.name, f"unnamed public URL pattern {pattern.pattern}"
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


@pytest.fixture
def public_urls():
    """An example URL for every public pattern, with records behind it."""
    event = EventFactory()
    records = {
        "event_detail": event,
        "organisation_detail": OrganisationFactory(),
        "person_detail": PersonFactory(),
        "region_detail": RegionFactory(),
        "source_detail": SourceFactory(),
    }
    QuoteFactory(event=event)
    urls = {}
    for name in public_url_names():
        record = records.get(name)
        urls[name] = reverse(name, args=[record.pk] if record else [])
    return urls


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_every_public_pattern_has_an_example(public_urls):
    # The fixture could reverse every name: none needs arguments it lacks.
    assert len(public_urls) >= 17
    assert {"timeline", "event_detail", "event_export_csv", "source_detail", "set_language"} <= set(public_urls)


@pytest.mark.parametrize("method", WRITE_METHODS)
def test_public_urls_refuse_writes_from_a_browser(public_urls, method):
    """A browser's request: CSRF checks on, no token."""
    browser = Client(enforce_csrf_checks=True)
    before = row_counts()
    for name, url in public_urls.items():
        response = getattr(browser, method)(url, data={"script": "traditional", "language": "en"})
        expected = 403 if method == "post" and name in SWITCHES else 405
        assert response.status_code == expected, (method, url, response.status_code)
        assert "script" not in response.cookies and "django_language" not in response.cookies
    assert row_counts() == before


@pytest.mark.parametrize("method", WRITE_METHODS)
def test_public_urls_refuse_writes_even_with_a_valid_csrf_token(client, public_urls, method):
    """The test client skips CSRF checks: what a request with a valid token
    (or, for the switches, from a page of this site) would get.  Only the
    switches take a POST, and they write nothing."""
    before = row_counts()
    for name, url in public_urls.items():
        response = getattr(client, method)(url, data={"script": "traditional", "next": "/"},
                                           headers={"Origin": "http://testserver"})
        if method == "post" and name in SWITCHES:
            assert response.status_code == 302, url
        else:
            assert response.status_code == 405, (method, url, response.status_code)
            assert response["Allow"] == "GET, HEAD"
    assert row_counts() == before


def test_public_urls_answer_get_and_head(client, public_urls):
    for name, url in public_urls.items():
        for method in ("get", "head"):
            status = getattr(client, method)(url).status_code
            if name in SWITCHES:
                assert status == 405, url  # POST only
            else:
                assert status in (200, 204, 302), (method, url, status)


def test_unknown_public_path_refuses_a_post_without_running_a_view(client):
    assert client.post("/no-such-page/").status_code == 404
    assert client.put("/events/999999/").status_code == 405


def test_admin_writes_still_reach_the_admin_and_need_a_login(client):
    # The read-only guard leaves /admin/ to Django's admin: an anonymous
    # POST is sent to the login page, not refused as a method.
    url = reverse("admin:events_event_add")
    response = client.post(url, {"title": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
