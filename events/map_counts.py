"""Counting a map's events: how many lie in each area and how many in the
selected region but in none of the areas, one query whatever the number
of events (events.maps decides which areas a map shows).

- From EventArea, the map areas each event lies in, while those rows were
  computed with the gazetteer in use (EventsRefreshed): an index-only read
  of (area, event).
- Otherwise from the region links, each joined to the areas that hold its
  region: the same figures at two to three times the cost.
- A macro-region drawn by whole provinces takes their counts from the
  region facet; only its region-wide events are counted here.

Only quoted names and Django's own compiled subqueries go into the SQL
text; every value is a parameter.
"""

from __future__ import annotations

import json

from django.db import connections
from django.db.models import QuerySet

from kb.selectors.public import NOT_REJECTED
from kb.selectors.regions import RegionTree

from .models import Event, EventArea, EventsRefreshed
from .summary import region_mapping


def region_unit_counts(tree: RegionTree, areas: list[int], selected: int | None, *,
                       events: QuerySet[Event] | None, within: int | None = None) -> tuple[dict[int, int], int]:
    """Events in each area (its descendants included, each event once per
    area), and how many lie in the selected region but in none of the
    areas (the areas lie inside it), in one query.

    `events`: the events to count (a filtered queryset), or None for every
    public event.  `within`: how many of them lie in the selected region,
    when the caller knows (the timeline summary's region facet).

    From the events' EventArea rows when every area is a map area
    (RegionTree.map_areas) and the rows are current (EventsRefreshed holds
    the tree's digest, asked in the same query); otherwise from the region
    links (_link_counts, a second query), which give the same figures and
    cost two to three times as much."""
    if not areas:
        return {}, 0
    using = Event.objects.db if events is None else events.db
    if set(areas) <= tree.map_areas:
        found = _area_row_counts(tree, areas, selected, events=events, within=within, using=using)
        if found is not None:
            return found
    return _link_counts(tree, areas, selected, events=events, using=using)


def _area_row_counts(tree: RegionTree, areas: list[int], selected: int | None, *,
                     events: QuerySet[Event] | None, within: int | None,
                     using: str) -> tuple[dict[int, int], int] | None:
    """region_unit_counts from EventArea: an index-only read of (area, event),
    one row per event and area, so a plain count per area.  The rest of the
    selected region is `within` less the events in some area (on
    PostgreSQL counted in the same pass, as the grand total of GROUPING
    SETS); without `within`, the events linked to the rest of the region
    (found through the region index) that have no row in the areas.  None
    when the rows were not computed with this tree."""
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(EventArea._meta.db_table)
    area, event = quote("area_id"), quote("event_id")
    in_areas, area_params = id_in(connection, f"a.{area}", areas)
    keep, events_params = _kept(events, f"a.{event}")
    rows_in_areas = f"FROM {table} a WHERE {in_areas} AND {keep}"
    params = [*area_params, *events_params]
    # Only quoted names and Django's own compiled subqueries go into the
    # text; every value is a parameter.  A row with no area: the events in
    # any area; area -1: the rest of the region; area -9: whether
    # EventsRefreshed holds this tree's digest.
    if within is not None and connection.vendor == "postgresql":
        sql = f"SELECT a.{area}, COUNT(DISTINCT a.{event}) {rows_in_areas} GROUP BY GROUPING SETS ((a.{area}), ())"
    elif within is not None:
        sql = (f"SELECT a.{area}, COUNT(*) {rows_in_areas} GROUP BY a.{area} "  # noqa: S608
               f"UNION ALL SELECT NULL, COUNT(DISTINCT a.{event}) {rows_in_areas}")
        params += params
    else:
        sql = f"SELECT a.{area}, COUNT(*) {rows_in_areas} GROUP BY a.{area}"  # noqa: S608
        if selected is not None:
            rest_regions = sorted(tree.expand(selected) - _inside(tree, areas))
            in_rest, rest_params = id_in(connection, f"l.{quote('region_id')}", rest_regions)
            rest_keep, rest_keep_params = _kept(events, "c.event_id")
            in_areas_b, _ = id_in(connection, f"b.{area}", areas)
            sql += (
                f" UNION ALL SELECT -1, COUNT(*) FROM (SELECT DISTINCT l.{event} AS event_id "  # noqa: S608
                f"FROM {quote(Event.regions.through._meta.db_table)} l WHERE {in_rest}) c "
                f"WHERE {rest_keep} AND NOT EXISTS ("
                f"SELECT 1 FROM {table} b WHERE b.{event} = c.event_id AND {in_areas_b})")
            params += [*rest_params, *rest_keep_params, *area_params]
    refreshed = quote(EventsRefreshed._meta.db_table)
    sql += f" UNION ALL SELECT -9, COUNT(*) FROM {refreshed} WHERE {quote('digest')} = %s"  # noqa: S608
    params.append(tree.digest)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not next(n for pk, n in rows if pk is not None and int(pk) == -9):
        return None
    counts = {int(pk): n for pk, n in rows if pk is not None and int(pk) > 0}
    if within is not None:
        rest = within - next(n for pk, n in rows if pk is None) if selected is not None else 0
    else:
        rest = next((n for pk, n in rows if pk is not None and int(pk) == -1), 0)
    return {pk: counts.get(pk, 0) for pk in areas}, rest


def _link_counts(tree: RegionTree, areas: list[int], selected: int | None, *,
                 events: QuerySet[Event] | None, using: str) -> tuple[dict[int, int], int]:
    """region_unit_counts from the region links alone: the link table joined
    to a (region, area) mapping sent as one parameter (area 0: the rest of
    the selected region).  The links are read first through the region
    index (a few thousand rows for a province at 100,000 events) and only
    then checked against the filters: checking every event against the
    filters first cost four times as much."""
    pairs = sorted({(region, area) for area in areas for region in tree.expand(area)})
    if selected is not None:
        inside = {region for region, _ in pairs}
        pairs += sorted((region, 0) for region in tree.expand(selected) - inside)
    if not pairs:
        return {pk: 0 for pk in areas}, 0
    connection = connections[using]
    mapping, mapping_params = region_mapping(connection, pairs)
    keep, events_params = _kept(events, "event_id")
    quote = connection.ops.quote_name
    # Only quoted names and Django's own compiled subqueries go into the
    # text; every value is a parameter.
    sql = (
        f"WITH links AS {_materialized(connection)}(SELECT l.{quote('event_id')} AS event_id, "  # noqa: S608
        "m.area_id AS area_id "
        f"FROM {quote(Event.regions.through._meta.db_table)} l "
        f"JOIN ({mapping}) m ON m.region_id = l.{quote('region_id')}), "
        f"hits AS (SELECT event_id, area_id FROM links WHERE {keep}) "
        "SELECT area_id, COUNT(DISTINCT event_id) FROM hits WHERE area_id <> 0 GROUP BY area_id "
        "UNION ALL "
        "SELECT -1, COUNT(*) FROM (SELECT event_id FROM hits GROUP BY event_id HAVING MAX(area_id) = 0) rest"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*mapping_params, *events_params])
        rows = cursor.fetchall()
    counts = {int(area): n for area, n in rows if int(area) > 0}
    rest = next((n for area, n in rows if int(area) == -1), 0)
    return {pk: counts.get(pk, 0) for pk in areas}, rest


def region_rest_count(tree: RegionTree, areas: list[int], selected: int, *,
                      events: QuerySet[Event] | None) -> int:
    """region_unit_counts' second figure alone, for a caller that has the
    areas' counts already (a macro-region of whole provinces: the timeline
    summary's region facet): the events linked to the rest of the selected
    region (the macro-region itself) are found first, through the region
    index, and those with a link inside an area left out."""
    inside = _inside(tree, areas)
    rest = tree.expand(selected) - inside
    if not rest:
        return 0
    connection = connections[Event.objects.db if events is None else events.db]
    mapping, mapping_params = region_mapping(connection, sorted({*((r, 0) for r in rest), *((r, 1) for r in inside)}))
    keep, events_params = _kept(events, "c.event_id")
    quote = connection.ops.quote_name
    links = quote(Event.regions.through._meta.db_table)
    event_id, region_id = quote("event_id"), quote("region_id")
    sql = (
        f"WITH m AS {_materialized(connection)}({mapping}), "  # noqa: S608 - quoted names, Django's subqueries
        f"candidates AS {_materialized(connection)}(SELECT DISTINCT l.{event_id} AS event_id FROM {links} l "
        f"JOIN m ON m.region_id = l.{region_id} AND m.area_id = 0) "
        f"SELECT COUNT(*) FROM candidates c WHERE {keep} AND NOT EXISTS ("
        f"SELECT 1 FROM {links} l2 JOIN m ON m.region_id = l2.{region_id} AND m.area_id <> 0 "
        f"WHERE l2.{event_id} = c.event_id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*mapping_params, *events_params])
        return cursor.fetchone()[0]


def id_in(connection, column: str, ids: list[int]) -> tuple[str, list]:
    """SQL for `column` (a quoted name, never a value) being one of these
    ids, sent as one parameter whatever their number, and its parameters."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s::bigint[])", [list(ids)]
    return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(list(ids))]  # noqa: S608


def _inside(tree: RegionTree, areas: list[int]) -> set[int]:
    """Every region some area holds."""
    return {region for area in areas for region in tree.expand(area)}


def _materialized(connection) -> str:
    """PostgreSQL computes a CTE so marked once, first (the plan these
    queries are written for); SQLite before 3.35 does not know the word,
    and decides for itself."""
    return "MATERIALIZED " if connection.vendor == "postgresql" else ""


def _kept(events: QuerySet[Event] | None, column: str) -> tuple[str, list]:
    """The condition that `column` is one of `events` (None: any event not
    rejected, tested against the few rejected ones)."""
    if events is None:
        rejected = Event.objects.exclude(NOT_REJECTED).order_by().values("pk")
        sql, params = rejected.query.sql_with_params()
        return f"{column} NOT IN ({sql})", list(params)
    sql, params = events.order_by().values("pk").query.sql_with_params()
    return f"{column} IN ({sql})", list(params)
