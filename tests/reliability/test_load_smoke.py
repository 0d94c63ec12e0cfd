"""`manage.py load_test` against a live server for a couple of seconds: it
reaches every URL group with no error, stays inside its bounds and refuses
hosts that are not loopback.  (The figures themselves come from the real
run documented in README, never from a test.)"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kb.benchmarking.load_urls import WEIGHTS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server):
    call_command("load_regions", verbosity=0)
    call_command("import_seeds", "seeds", no_progress=True, stdout=io.StringIO())
    return live_server.url


def load(**options) -> dict:
    out = io.StringIO()
    call_command("load_test", json=True, stdout=out, stderr=io.StringIO(), **options)
    return json.loads(out.getvalue())


def clients(wanted: int) -> int:
    """The test database on SQLite is in memory, one connection that the live
    server's threads share: on Python 3.12 and later, concurrent requests on
    it fail (an empty cursor).  A real server (a file or PostgreSQL) gives
    each thread its own connection; on SQLite here, one client at a time."""
    from django.db import connection

    return 1 if connection.vendor == "sqlite" else wanted


def test_load_test_reaches_every_group_without_errors(site):
    result = load(url=site, duration=3, connections=clients(3))

    rows = {row["group"]: row for row in result["groups"]}
    assert set(rows) == {*WEIGHTS, "all"}
    for name, row in rows.items():
        assert row["requests"] > 0, name
        assert row["errors"] == 0, name
        assert 0 < row["p50_ms"] <= row["p99_ms"], name
    assert rows["all"]["requests"] == sum(row["requests"] for name, row in rows.items() if name != "all")
    assert result["seconds"] < 3 + 30  # bounded: the duration plus at most one request's timeout


def test_load_test_stops_at_max_requests(site):
    result = load(url=site, duration=60, connections=clients(4), max_requests=12)
    assert result["groups"][-1]["requests"] == 12
    assert result["seconds"] < 30


@pytest.mark.parametrize("url", ["http://example.com:80", "http://10.0.0.1:8000", "https://127.0.0.1:8000",
                                 "ftp://127.0.0.1/"])
def test_load_test_refuses_anything_but_loopback_http(url):
    with pytest.raises(CommandError, match="refused"):
        call_command("load_test", url=url, duration=1, stdout=io.StringIO())


@pytest.mark.parametrize("options", [{"duration": 0}, {"duration": 601}, {"connections": 0},
                                     {"connections": 500}, {"max_requests": 0}])
def test_load_test_refuses_unbounded_runs(options):
    with pytest.raises(CommandError):
        call_command("load_test", url="http://127.0.0.1:1", stdout=io.StringIO(), **options)
