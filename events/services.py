"""Writes that keep the search columns in step.

Event, Organisation and Person compute `search_text` in save(); a writer that
goes around save() (bulk_create, bulk_update, queryset.update) calls these
afterwards with the ids it touched:

    events_refresh_search(event_ids=[...])
    organisations_refresh_search(organisation_ids=[...])
    people_refresh_search(person_ids=[...])
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

from kb.models import Organisation, Person, search_text_of

from .models import Event

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
        model._default_manager.bulk_update(stale, ["search_text"])
        changed += len(stale)
    return changed


def events_refresh_search(*, event_ids: Iterable[int]) -> int:
    return _refresh(Event, event_ids)


def organisations_refresh_search(*, organisation_ids: Iterable[int]) -> int:
    return _refresh(Organisation, organisation_ids)


def people_refresh_search(*, person_ids: Iterable[int]) -> int:
    return _refresh(Person, person_ids)


def events_refresh_denormalised(*, event_ids: Iterable[int]) -> int:
    """Every column an event keeps in step with other rows (today its
    search text).  Bulk writers call this one function after writing events,
    so that a new denormalised column needs no change in them."""
    return events_refresh_search(event_ids=event_ids)
