"""Writes that keep the denormalised columns in step.

Event, Organisation and Person compute `search_text` in save(); a writer that
goes around save() (bulk_create, bulk_update, queryset.update) calls these
afterwards with the ids it touched:

    events_refresh_denormalised(event_ids=[...])   # every derived column of events
    organisations_refresh_search(organisation_ids=[...])
    people_refresh_search(person_ids=[...])

An event's derived columns are its search text and its top regions
(Event.region_tops, for the timeline's region facet).  Region links changed
through the ORM (`event.regions.set(...)`, the admin, import-export) refresh
region_tops by themselves (the m2m_changed receiver in events.models); a
writer of the link table in bulk calls events_refresh_denormalised.  After a
change to the gazetteer that moves regions in or out of macro-regions or
provinces, refresh every event:

    events_refresh_denormalised(event_ids=Event.objects.values_list("pk", flat=True))

(until then the timeline counts those events the exact, slow way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connections, models
from django.utils import timezone

from kb.models import Organisation, Person, search_text_of
from kb.selectors.regions import RegionTree, region_tree_cached
from kb.services.bulk import rows_update
from kb.services.data_version import data_changed

from .models import NO_REGIONS, Event

BATCH = 1000


def _refresh(model: type[models.Model], ids: Iterable[int]) -> int:
    """Recompute search_text for the rows with these ids; writes only the
    rows whose text changed.  Returns how many changed."""
    ids = sorted(set(ids))
    fields = model.search_field_names
    changed = 0
    for start in range(0, len(ids), BATCH):
        rows = list(model._default_manager.filter(pk__in=ids[start : start + BATCH]).only("pk", "search_text", *fields))
        stale = []
        for row in rows:
            text = search_text_of(*row.search_fields())
            if text != row.search_text:
                row.search_text = text
                stale.append(row)
        rows_update(model, stale, ["search_text"])
        changed += len(stale)
    return changed


def events_refresh_search(*, event_ids: Iterable[int]) -> int:
    return _refresh(Event, event_ids)


def organisations_refresh_search(*, organisation_ids: Iterable[int]) -> int:
    return _refresh(Organisation, organisation_ids)


def people_refresh_search(*, person_ids: Iterable[int]) -> int:
    return _refresh(Person, person_ids)


def region_tops_value(tree: RegionTree, region_ids: Iterable[int]) -> str:
    """Event.region_tops for an event linked to these regions:
    "<digest>:,12,48," (every id between commas, so that `,48,` finds one),
    "<digest>:" when they lie in no top region, NO_REGIONS for none."""
    region_ids = list(region_ids)
    if not region_ids:
        return NO_REGIONS
    tops = tree.tops_of(region_ids)
    return f"{tree.digest}:,{','.join(map(str, tops))}," if tops else f"{tree.digest}:"


def region_tops_ids(value: str, digest: str) -> tuple[int, ...] | None:
    """The top-region ids stored in Event.region_tops, or None when the
    value was not computed with the tree whose digest is given."""
    if value == NO_REGIONS:
        return ()
    prefix, colon, ids = value.partition(":")
    if not colon or prefix != digest:
        return None
    return tuple(int(pk) for pk in ids.strip(",").split(",")) if ids else ()


def events_refresh_denormalised(*, event_ids: Iterable[int], tree: RegionTree | None = None,
                                events: dict[int, Event] | None = None,
                                links: dict[int, list[int]] | None = None) -> int:
    """Every column an event keeps in step with other rows: its search text
    and its top regions.  Bulk writers call this one function after writing
    events, their region links, roles or quotes, so that a new denormalised
    column needs no change in them.  Writes only the rows that changed (and
    stamps them with denormalised_at, which the timeline's cache watches);
    returns how many changed.  A few queries per 1,000 events.

    A caller that holds what would be read can pass it and save the
    queries (the loader, about three an article):
    tree    the region tree (an import run reads it once);
    events  event id -> the row as stored, search fields included (rows
            the caller has just read or written);
    links   event id -> its region ids, for events whose links the caller
            has just written."""
    ids = sorted(set(event_ids))
    if not ids:
        return 0
    held, links = events or {}, links or {}
    manager = Event._default_manager
    tree = tree or region_tree_cached(using=manager.db)
    link_rows = Event.regions.through._default_manager
    fields = Event.search_field_names
    now = timezone.now()
    changed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = [held[pk] for pk in chunk if pk in held]
        unread = [pk for pk in chunk if pk not in held]
        if unread:
            rows += manager.filter(pk__in=unread).only("pk", "search_text", "region_tops", *fields)
        linked: dict[int, list[int]] = defaultdict(list, {pk: links[pk] for pk in chunk if pk in links})
        unlinked = [pk for pk in chunk if pk not in linked]
        if unlinked:
            for event_id, region_id in link_rows.filter(event_id__in=unlinked).values_list(
                    "event_id", "region_id"):
                linked[event_id].append(region_id)
        stale = []
        for row in rows:
            text = search_text_of(*row.search_fields())
            tops = region_tops_value(tree, linked.get(row.pk, ()))
            if text != row.search_text or tops != row.region_tops:
                row.search_text, row.region_tops, row.denormalised_at = text, tops, now
                stale.append(row)
        _write_denormalised(manager.db, stale)
        changed += len(stale)
    if changed:
        data_changed(using=manager.db)  # raw UPDATEs: no signals
    return changed


def _write_denormalised(using: str, rows: list[Event]) -> None:
    """Write search_text, region_tops and denormalised_at of these rows: on
    PostgreSQL one UPDATE from arrays (bulk_update's CASE over 1,000 rows
    costs ten times more), elsewhere one parameterised UPDATE per row."""
    if not rows:
        return
    connection = connections[using]
    if connection.vendor != "postgresql":
        rows_update(Event, rows, ["search_text", "region_tops", "denormalised_at"], using=using)
        return
    table = connection.ops.quote_name(Event._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS e SET search_text = v.search_text, region_tops = v.region_tops, "  # noqa: S608
            "denormalised_at = %s "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, search_text, region_tops) "
            "WHERE e.id = v.id",
            [
                rows[0].denormalised_at,
                [row.pk for row in rows],
                [row.search_text for row in rows],
                [row.region_tops for row in rows],
            ],
        )


def events_refresh_region_links_changed(*, instance, action: str, reverse: bool, pk_set, using=None) -> None:
    """The m2m_changed receiver's work (events.models): refresh the events
    whose region links just changed through the ORM."""
    if not reverse:  # instance is an event
        if action in ("post_add", "post_remove", "post_clear"):
            events_refresh_denormalised(event_ids=[instance.pk])
        return
    # instance is a region; pk_set holds event ids (None when clearing).
    if action == "pre_clear":
        instance._kb_cleared_event_ids = list(instance.events.values_list("pk", flat=True))
    elif action == "post_clear":
        events_refresh_denormalised(event_ids=getattr(instance, "_kb_cleared_event_ids", []))
    elif action in ("post_add", "post_remove"):
        events_refresh_denormalised(event_ids=pk_set or [])
