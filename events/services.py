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
writer of the link table in bulk calls events_refresh_denormalised.  The
map areas an event lies in (EventArea rows) are derived the same way.
After a change to the gazetteer that moves regions in or out of
macro-regions, provinces or cities, refresh every event (`manage.py
load_regions` does so when it changed the gazetteer; `manage.py
refresh_events` after edits in the admin):

    events_refresh_all()

(until then the timeline and the maps count those events the exact, slow
way).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connections, models, transaction
from django.utils import timezone

from kb.models import Organisation, Person, search_text_of
from kb.selectors.regions import RegionTree, region_tree_cached
from kb.services.bulk import rows_update
from kb.services.data_version import data_changed

from .models import NO_REGIONS, Event, EventArea, EventsRefreshed

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
    """Every column an event keeps in step with other rows: its search text,
    its top regions and its map areas (EventArea rows).  Bulk writers call
    this one function after writing events, their region links, roles or
    quotes, so that a new denormalised column needs no change in them.
    Writes only the rows that changed (and stamps them with
    denormalised_at, which the timeline's cache watches); returns how many
    changed.  A few queries per 1,000 events.  Written with a gazetteer
    other than the one every event was last refreshed with, it drops that
    record (EventsRefreshed): the maps read the links until the next whole
    refresh.

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
        moved = _write_areas(manager.db, {row.pk: tree.areas_of(linked.get(row.pk, ())) for row in rows})
        changed += len({row.pk for row in stale} | moved)
    if changed:
        data_changed(using=manager.db)  # raw UPDATEs: no signals
        if tree.digest != refreshed_digest(using=manager.db):
            # Areas of another gazetteer: were it changed back, the record
            # would vouch for these rows too.
            EventsRefreshed.objects.using(manager.db).all().delete()
    return changed


def _write_areas(using: str, wanted: dict[int, list[int]]) -> set[int]:
    """Make these events' EventArea rows the given areas; returns the ids
    of the events whose areas changed.  One read, and for the changed ones
    one delete and one insert."""
    stored: dict[int, list[int]] = defaultdict(list)
    for event_id, area_id in EventArea.objects.using(using).filter(event_id__in=list(wanted)).order_by(
            "event_id", "area_id").values_list("event_id", "area_id"):
        stored[event_id].append(area_id)
    moved = {pk for pk, areas in wanted.items() if stored.get(pk, []) != areas}
    if moved:
        EventArea.objects.using(using).filter(event_id__in=sorted(stored.keys() & moved)).delete()
        EventArea.objects.using(using).bulk_create(
            [EventArea(event_id=pk, area_id=area) for pk in sorted(moved) for area in wanted[pk]])
    return moved


def refreshed_digest(*, using: str) -> str | None:
    """The gazetteer digest every event was last refreshed with (None:
    not since it last changed)."""
    return EventsRefreshed.objects.using(using).values_list("digest", flat=True).first()


def events_derived_current() -> bool:
    """Whether every event's derived rows were last refreshed with the
    gazetteer as it is now (otherwise events_refresh_all is due)."""
    using = Event._default_manager.db
    return refreshed_digest(using=using) == region_tree_cached(using=using).digest


def events_refresh_all() -> int:
    """events_refresh_denormalised over every event, with the gazetteer as
    it is now, then recorded (EventsRefreshed) so that the maps read the
    events' areas again: after a change to the gazetteer.  Returns how many
    events changed.  Commits every 10,000 events; at 100,000 on
    PostgreSQL 7 s when nothing changed, 10 s when every event's areas did."""
    manager = Event._default_manager
    tree = region_tree_cached(using=manager.db)
    ids = list(manager.order_by("pk").values_list("pk", flat=True))
    changed = 0
    for start in range(0, len(ids), BATCH * 10):
        with transaction.atomic(using=manager.db):
            changed += events_refresh_denormalised(event_ids=ids[start : start + BATCH * 10], tree=tree)
    with transaction.atomic(using=manager.db):
        EventsRefreshed.objects.using(manager.db).all().delete()
        EventsRefreshed.objects.using(manager.db).create(digest=tree.digest)
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
