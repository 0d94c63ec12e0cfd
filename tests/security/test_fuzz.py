"""Query strings of the public URLs: whatever a visitor sends (unknown keys,
unicode, NUL bytes, very long values, repeated keys, SQL fragments, broken
percent-encoding) gives a page, a 400 with a message, a redirect or a 404,
never a 500; and filter values reach SQL only as parameters."""

from urllib.parse import urlencode

import pytest
from django.db import connection
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from events.filters import EventFilter
from kb.filters import (
    OrganisationFilter,
    PersonFilter,
    QuoteFilter,
    RegionFilter,
    SourceFilter,
)
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    EvidenceFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    RegionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

# Each path with the FilterSet that reads its query string.
FILTERED = {
    "/": EventFilter, "/events/export.csv": EventFilter, "/events/export.ics": EventFilter,
    "/events/export.json": EventFilter,
    "/organisations/": OrganisationFilter, "/organisations/export.csv": OrganisationFilter,
    "/people/": PersonFilter, "/people/export.csv": PersonFilter,
    "/quotes/": QuoteFilter, "/quotes/export.csv": QuoteFilter,
    "/sources/": SourceFilter, "/sources/export.csv": SourceFilter,
    "/regions/": RegionFilter, "/regions/export.csv": RegionFilter,
}
KEYS = sorted({name for filterset in FILTERED.values() for name in filterset.base_filters}
              | {"page", "view"})
SQLISH = ["' OR 1=1 --", "1; DROP TABLE kb_source; --", "\" OR \"\"=\"", "1' UNION SELECT NULL--",
          "%' AND 1=1 AND '%'='", "\\'; --", "1e309", "-1", "0x7fffffff", "9" * 40, "NaN", "%00",
          "%%", "_", "[a-z]", "*", "\\", "2024-02-30", "2024-13", "0000-00-00", "9999-12-31T25:61"]


@pytest.fixture
def records(db):
    """A little of everything, so filters have rows to pass or stop; the
    detail pages' paths."""
    region = RegionFactory(name="浙江省", adcode="330000")
    city = RegionFactory(name="杭州市", adcode="330100", parent=region, level="prefecture")
    event = EventFactory(regions=[city])
    org = OrganisationFactory(region=city)
    person = PersonFactory()
    source = SourceFactory()
    EventRoleFactory(event=event, organisation=org)
    QuoteFactory(event=event, speaker=person, source=source)
    EvidenceFactory(record=event, source=source)
    return [f"/events/{event.pk}/", f"/organisations/{org.pk}/", f"/people/{person.pk}/",
            f"/regions/{city.pk}/", f"/sources/{source.pk}/", "/events/"]


def fetch(client, url: str):
    """GET and read the whole body: exports stream, and a failure while
    streaming is a 500 too."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def assert_handled(response, body: bytes, url: str):
    assert response.status_code in (200, 301, 302, 400, 404), (url, response.status_code)
    if response.status_code == 400:
        assert "筛选条件有误".encode() in body, url


values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(SQLISH),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.integers().map(str),
    st.sampled_from(["\x00", "a\x00b", "\ufeff", "\u202e", "𠀀𪚥", "　", "长三角", "forum", "2024-06"]),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=12))


@settings(max_examples=250, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(FILTERED)) | st.integers(0, 5), pairs=st.lists(st.tuples(keys, values), max_size=6))
@example(path="/", pairs=[("q", "' OR 1=1 --"), ("q", "x"), ("kind", "forum"), ("kind", "forum")])
@example(path="/", pairs=[("region", "1 OR 1=1"), ("organisation", "\x00"), ("page", "-1")])
@example(path="/sources/", pairs=[("date_after", "2024-02-30"), ("date_before", "\x00")])
@example(path="/events/export.ics", pairs=[("q", "长" * 5000)])
@example(path=4, pairs=[("view", "raw\x00"), ("page", "99999999999999999999")])
def test_fuzzed_query_strings_never_give_a_500(client, records, path, pairs):
    if isinstance(path, int):
        path = records[path]  # a detail page: it has no filters, only page/view
    url = path + "?" + urlencode(pairs)
    response, body = fetch(client, url)
    assert_handled(response, body, url)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(path=st.sampled_from(sorted(FILTERED)), raw=st.text(max_size=200))
@example(path="/", raw="%")
@example(path="/", raw="q=%zz&kind=%E4&&&=&region")
@example(path="/people/", raw="q=%C0%AF%ff%fe")
@example(path="/quotes/", raw="speaker=%00&speaker=1")
def test_raw_query_strings_never_give_a_500(client, records, path, raw):
    """Not encoded by urlencode: whatever bytes a client puts after the ?."""
    url = path + "?" + raw.replace("#", "%23")
    response, body = fetch(client, url)
    assert_handled(response, body, url)


# Parameters, never SQL text -----------------------------------------------------

MARKER = "zqx' OR 'zqx'='zqx"


class SqlRecorder:
    """Every statement's SQL text as sent to the driver, without its
    parameters (connection.execute_wrapper sees them apart)."""

    def __init__(self):
        self.statements: list[str] = []
        self.params: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        self.params.append(repr(params))
        return execute(sql, params, many, context)


@pytest.mark.parametrize("path", sorted(FILTERED))
def test_filter_values_reach_sql_only_as_parameters(client, records, path):
    for key in FILTERED[path].base_filters:
        recorder = SqlRecorder()
        with connection.execute_wrapper(recorder):
            response, body = fetch(client, path + "?" + urlencode({key: MARKER}))
        assert_handled(response, body, path)
        # Either refused by validation (a choice, a date, an id: 400) or
        # queried with the value kept out of the SQL text.
        assert response.status_code == 400 or recorder.statements, (path, key)
        assert not any("zqx" in sql.lower() for sql in recorder.statements), (path, key)
        if key in ("q", "outlet") and response.status_code == 200:
            # Searched for: the value (or its search pattern) was a parameter.
            assert any("zqx" in params.lower() or "z\\x1fq" in params.lower() for params in recorder.params)


def test_sql_injection_in_search_matches_nothing(client, records):
    everything = client.get("/").content.decode()
    injected = client.get("/?" + urlencode({"q": "' OR 1=1 --"})).content.decode()
    assert 'class="entry-title"' in everything
    assert 'class="entry-title"' not in injected


def test_events_index_with_a_query_too_long_to_redirect_says_so(client, records):
    # Django will not redirect to a URL this long (/events/ forwards to /).
    url = "/events/?" + urlencode([("date_after", "长" * 2000)] * 3)
    response, body = fetch(client, url)
    assert response.status_code == 400
    assert "筛选条件有误".encode() in body and "查询过长".encode() in body
