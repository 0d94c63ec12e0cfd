"""The data version (kb.models.DataVersion): what public-page caching keys
on.  Every write that can change what a public page shows moves it, once per
transaction, after the transaction commits (so a reader never sees the new
version with the old data), in one UPDATE of one row.

Writes through the ORM's save, delete and many-to-many methods move it by
signals (connected in kb.apps for every model of kb and events, the admin
and import-export included); writers that bypass signals (the importer's
bulk inserts, queryset.update in curation services) call data_changed()
themselves.
"""

from __future__ import annotations

import datetime as dt

from django.db import connections, router, transaction
from django.db.models import F
from django.utils import timezone

from kb.models import DataVersion


def data_version_bump(*, using: str = "default") -> None:
    """Move the version on now (one statement; creates the row when missing)."""
    updated = DataVersion.objects.using(using).filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now())
    if not updated:
        DataVersion.objects.using(using).get_or_create(pk=1)


class _Bump:
    """The on-commit callback.  A transaction schedules one however many
    rows it writes: the connection remembers the last one scheduled, which
    is still to come while it waits in the connection's on-commit list and
    has not run (a rollback takes it off the list)."""

    def __init__(self, using: str):
        self.using = using
        self.done = False

    def __call__(self):
        self.done = True
        data_version_bump(using=self.using)


def data_changed(*, using: str | None = None) -> None:
    """Record that data changed: the version moves once when the current
    transaction commits (at once outside a transaction; never when it rolls
    back, since Django drops the callback then)."""
    using = using or router.db_for_write(DataVersion)
    connection = connections[using]
    if not connection.in_atomic_block:
        data_version_bump(using=using)
        return
    scheduled = getattr(connection, "_kb_data_bump", None)
    if scheduled is not None and not scheduled.done and any(
            callback is scheduled for _sids, callback, _robust in connection.run_on_commit):
        return
    connection._kb_data_bump = _Bump(using)
    transaction.on_commit(connection._kb_data_bump, using=using)


# What a database that has never been written to reads: version 0, which
# the first bump (creating the row at its default, 1) moves on from.
NEVER_WRITTEN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def data_version(*, using: str = "default") -> DataVersion:
    """The current version: one primary-key read, and never a write (a
    read-only request stays read-only; the row is made by the first bump)."""
    row = DataVersion.objects.using(using).filter(pk=1).first()
    return row if row is not None else DataVersion(pk=1, version=0, changed_at=NEVER_WRITTEN)


def data_version_seen(request=None, *, using: str = "default") -> DataVersion:
    """The version a request works under, read once per request and
    database: the page cache's key (kb.middleware_cache) and the timeline
    summary's key then agree and cost one read between them.  Without a
    request, read afresh."""
    if request is None:
        return data_version(using=using)
    seen = request.__dict__.setdefault("_kb_data_versions", {})
    if using not in seen:
        seen[using] = data_version(using=using)
    return seen[using]


def _on_write(sender, using=None, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: a restore moves the version by its links
        return
    data_changed(using=using)


def _on_links(sender, action, using=None, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        data_changed(using=using)


def connect_signals() -> None:
    """Every model of kb and events moves the version when saved, deleted or
    relinked through the ORM (called from the apps' ready()), but for the
    version itself and rows derived from others (moves_data_version =
    False): their writer moves it once, and without receivers Django deletes them in one statement rather
    than reading every row to signal it."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for label in ("kb", "events"):
        for model in apps.get_app_config(label).get_models():
            if not getattr(model, "moves_data_version", True):
                continue
            uid = f"data_version_{model._meta.label_lower}"
            post_save.connect(_on_write, sender=model, dispatch_uid=f"{uid}_saved")
            post_delete.connect(_on_write, sender=model, dispatch_uid=f"{uid}_deleted")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(_on_links, sender=field.remote_field.through,
                                    dispatch_uid=f"{uid}_{field.name}_links")
