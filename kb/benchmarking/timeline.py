"""The timeline page `/` at N events: server time through the whole Django
stack (the test client calls the WSGI handler in this process: middleware,
view, template; no network), and the SQL queries it makes.

"cold": the summary cache (facet counts, chart, nested events, page ids)
is cleared before each run, so everything is read from the database (the
region tree stays in memory, as it does in a running site).  "warm": the
same request again, as the next visitor asking for it within the cache's
lifetime gets it.
"""

from __future__ import annotations

from django.core.cache import caches
from django.db import connection, transaction
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from events.filters import EventFilter
from events.models import Event
from events.selectors import events_public
from events.summary import events_per_month, facet_counts, nested_ids, region_counts_exact
from kb.models import Region, RegionLevel, ReviewStatus

from .common import get, load_average, median_ms, site_client, site_settings, timed

MACRO_NAME = "长三角"


def timeline_urls() -> dict[str, str]:
    region = (
        Region.objects.filter(name=MACRO_NAME, level=RegionLevel.MACRO).values_list("pk", flat=True).first()
    )
    filtered = "kind=alliance&date_after=2020&date_before=2025-06&q=联盟"
    if region is not None:
        filtered += f"&region={region}"
    return {"unfiltered": "/", "filtered": f"/?{filtered}"}


def _clear() -> None:
    caches["default"].clear()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return len(captured)


def _query_counts(client, urls: dict[str, str]) -> dict[str, dict[str, int]]:
    counts = {}
    for name, url in urls.items():
        _clear()
        cold = _queries(client, url)
        warm = _queries(client, url)
        counts[name] = {"cold": cold, "warm": warm}
    return counts


def _reclaim() -> None:
    """On PostgreSQL, vacuum the events table after the rolled-back update:
    its 90,000 dead row versions would otherwise grow the table with every
    run (to three times its size after a dozen runs, slowing the next runs'
    pages) until autovacuum came round."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {connection.ops.quote_name(Event._meta.db_table)}")


def _hide_nine_in_ten() -> int:
    """Inside the caller's transaction: reject 9 events in 10, so that the
    site sees a tenth of them.  Returns how many stay public.  Every tenth
    event in id order stays, whatever the ids start at (a database that had
    rows before gets the same tenth of the same synthetic data)."""
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET review_status = %s WHERE id IN ("  # noqa: S608
            f"SELECT id FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM {table}) AS ranked "
            "WHERE n %% 10 <> 0)",
            [ReviewStatus.REJECTED.value],
        )
    return events_public().count()


def _parts(query: str, repeat: int) -> dict[str, float]:
    """Where a cold page's time goes: the summary's queries one by one."""
    filterset = EventFilter(QueryDict(query), queryset=events_public())
    assert filterset.is_valid(), filterset.errors
    region = filterset.cleaned("region")
    in_region = filterset.region_q(region) if region is not None else None
    base = filterset.qs_without("kind", "region")
    kinds = filterset.cleaned("kind") or None
    parts = {
        "nested_ms": median_ms(timed(lambda: nested_ids(filterset.qs), repeat)[0]),
        "chart_ms": median_ms(timed(lambda: events_per_month(filterset.qs), repeat)[0]),
        "facets_ms": median_ms(
            timed(lambda: facet_counts(base, filterset.tree, kinds=kinds, in_region=in_region), repeat)[0]
        ),
    }
    return parts


def measure_timeline(*, repeat: int, log=print) -> dict:
    urls = timeline_urls()
    client = site_client()
    result: dict = {"urls": urls, "method": "django.test.Client through the WSGI handler, in process"}
    with site_settings(), override_settings(KB_PAGE_CACHE_SECONDS=0):
        get(client, "/")  # URLconf, templates and the region tree loaded once
        for name, url in urls.items():
            log(f"timeline {name}: {url}")
            cold, _ = timed(lambda url=url: get(client, url), repeat, before=_clear)
            get(client, url)
            warm, _ = timed(lambda url=url: get(client, url), repeat)
            query = url.partition("?")[2]
            selected = EventFilter(QueryDict(query), queryset=events_public())
            selected.is_valid()
            result[name] = {
                "events_selected": selected.qs.count(),
                "cold_ms": median_ms(cold),
                "warm_ms": median_ms(warm),
                "cold_runs_ms": [round(s * 1000, 1) for s in cold],
                "warm_runs_ms": [round(s * 1000, 1) for s in warm],
                "cold_parts": _parts(query, repeat),
                "load_average": load_average(),
            }
        result["public_events"] = events_public().count()
        result["queries"] = _query_counts(client, urls)
        # The same pages over a tenth of the events: the query counts must
        # not change.  Done in a transaction that is rolled back.
        with transaction.atomic():
            result["public_events_tenth"] = _hide_nine_in_ten()
            result["queries_tenth"] = _query_counts(client, urls)
            transaction.set_rollback(True)
        _reclaim()
        _clear()
        # The region facet the way it was counted before Event.region_tops
        # (one run: it takes a second or more at 100,000 events on
        # PostgreSQL, minutes on SQLite, where it is not measured).
        if connection.vendor == "postgresql":
            filterset = EventFilter(QueryDict(""), queryset=events_public())
            filterset.is_valid()
            seconds, _ = timed(lambda: region_counts_exact(filterset.qs, filterset.tree), 1)
            result["region_facet_from_links_ms"] = median_ms(seconds)
        else:
            result["region_facet_from_links_ms"] = None
    with site_settings(), override_settings(KB_PAGE_CACHE_SECONDS=600):
        result["page_cache"] = _page_cache(client, urls, repeat=repeat, log=log)
    return result


def _page_cache(client, urls: dict[str, str], *, repeat: int, log=print) -> dict:
    """With whole pages cached (kb.middleware_cache): a repeat request, and
    the first visitor after an import (which warms the timeline).  The
    import run here adds one synthetic article per run and keeps it."""
    import io
    import tempfile
    from pathlib import Path

    from django.core.management import call_command

    from kb.synthetic.articles import articles_write

    out: dict = {}
    for name, url in urls.items():
        log(f"timeline {name}, page cached")
        _clear()
        get(client, url)
        seconds, _ = timed(lambda url=url: get(client, url), repeat)
        out[f"{name}_cached_ms"] = median_ms(seconds)
    from kb.models import Source

    after = []
    # Articles this database has not seen: an article imported by an earlier
    # run is unchanged, writes nothing and warms nothing.
    first_seed = 10_000 + Source.objects.count()
    with tempfile.TemporaryDirectory() as folder:
        for run in range(repeat):
            log(f"timeline after an import ({run + 1}/{repeat})")
            target = Path(folder) / f"run{run}"
            articles_write(count=1, out=target, seed=first_seed + run)
            call_command("import_seeds", str(target), "--no-progress", stdout=io.StringIO())
            seconds, _ = timed(lambda: get(client, "/"), 1)
            after.extend(seconds)
    out["first_after_import_ms"] = median_ms(after)
    out["first_after_import_runs_ms"] = [round(s * 1000, 1) for s in after]
    return out
