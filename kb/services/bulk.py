"""Bulk find-or-create by import key, with the curation rules.

The loader writes tens of records per article; one query per record made the
database the slowest step of an import.  `records_upsert` does the same work
for a whole set of records in a handful of queries, and is safe against a
concurrent import: rows are inserted with ON CONFLICT DO NOTHING on the
unique import key and read back, so whichever process inserts first wins and
the other takes its row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import connections, models, router
from django.db.models.constants import OnConflict
from django.utils import timezone

from kb.models import ReviewStatus, SearchTextMixin, search_text_of


@dataclass
class Upserted:
    record: models.Model | None  # None: a rejected tombstone, keep out
    writable: bool  # False for curated records: provenance only
    created: bool


def prepare(record: models.Model) -> None:
    """What save() would compute, for rows written in bulk."""
    if hasattr(record, "compute_span"):
        record.span_start, record.span_end = record.compute_span()
    if hasattr(record, "compute_name_key"):
        record.name_key = record.compute_name_key()
    if isinstance(record, SearchTextMixin):
        record.search_text = search_text_of(*record.search_fields())


def rows_update(model, records: list[models.Model], field_names, *, using: str | None = None) -> None:
    """Write these fields of these rows: what bulk_update does, as one
    parameterised UPDATE per row sent with executemany.  bulk_update builds
    a CASE WHEN expression per field over the rows, which costs the loader
    about a millisecond per row in Django's query compiler (8 ms for ten
    rows); this costs a few hundredths.  No signals, like bulk_update."""
    if not records:
        return
    using = using or router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    fields = [opts.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(opts.db_table)} SET {assignments} WHERE {quote(opts.pk.column)} = %s"  # noqa: S608
    params = [
        [f.get_db_prep_save(getattr(record, f.attname), connection) for f in fields]
        + [opts.pk.get_db_prep_save(record.pk, connection)]
        for record in records
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _insert_rows(model, records: list[models.Model], *, ignore_conflicts: bool,
                 returning: list[str] | None = None, using: str | None = None) -> list[tuple]:
    """INSERT the records, a few hundred parameters a statement: what
    bulk_create writes, without its query compiler (about a millisecond a
    call in the loader).  ignore_conflicts as bulk_create's (INSERT OR
    IGNORE on SQLite, ON CONFLICT DO NOTHING elsewhere); returning: columns
    of the inserted rows to return."""
    using = using or router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    head = (f"{connection.ops.insert_statement(on_conflict=on_conflict)} {quote(opts.db_table)} "
            f"({', '.join(quote(f.column) for f in fields)}) VALUES ")
    tail = connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None) or ""
    if returning:
        tail += " RETURNING " + ", ".join(quote(opts.get_field(name).column) for name in returning)
    one_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_query = max(1, 500 // len(fields))
    out: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(records), per_query):
            batch = records[start : start + per_query]
            params = [f.get_db_prep_save(f.pre_save(record, True), connection)
                      for record in batch for f in fields]
            cursor.execute(head + ", ".join([one_row] * len(batch)) + " " + tail, params)
            if returning:
                out.extend(cursor.fetchall())
    return out


def rows_insert(model, records: list[models.Model], *, ignore_conflicts: bool = False) -> None:
    """bulk_create for rows whose ids the caller does not need."""
    if records:
        _insert_rows(model, list(records), ignore_conflicts=ignore_conflicts)


def _insert_or_ignore(model, records: list[models.Model]) -> dict[str, models.Model]:
    """Insert new records, leaving out those whose import key a row already
    holds; returns the inserted ones by import key, with their ids (one
    INSERT … RETURNING, where bulk_create(ignore_conflicts=True) returns no
    ids and costs a second query to read the rows back)."""
    using = router.db_for_write(model)
    if not connections[using].features.can_return_rows_from_bulk_insert:
        model._default_manager.db_manager(using).bulk_create(records, ignore_conflicts=True, batch_size=500)
        keys = [r.import_key for r in records]
        return {r.import_key: r for r in model._default_manager.db_manager(using).filter(import_key__in=keys)}
    ids = dict((key, pk) for pk, key in _insert_rows(
        model, records, ignore_conflicts=True, returning=[model._meta.pk.name, "import_key"], using=using))
    inserted = {}
    for record in records:
        if record.import_key in ids:
            record.pk = ids[record.import_key]
            record._state.adding = False
            record._state.db = using
            inserted[record.import_key] = record
    return inserted


def _derived_fields(model) -> list[str]:
    names = []
    if hasattr(model, "compute_span"):
        names += ["span_start", "span_end"]
    if issubclass(model, SearchTextMixin):
        names.append("search_text")
    return names


def _follow_merges(model, records: dict[str, models.Model]) -> dict[str, models.Model]:
    """A merged record leads to its survivor (one query per merge level)."""
    if not hasattr(model, "merged_into_id"):
        return records
    for _ in range(5):
        pending = {k: r.merged_into_id for k, r in records.items() if r.merged_into_id}
        if not pending:
            break
        survivors = model._default_manager.in_bulk(set(pending.values()))
        for key, target in pending.items():
            if target in survivors:
                records[key] = survivors[target]
            else:
                break
    return records


def records_upsert(model, rows: dict[str, dict], *, found: dict[str, models.Model] | None = None,
                   found_read_only: bool = False, create_only: tuple[str, ...] = (),
                   counts: Counter | None = None) -> dict[str, Upserted]:
    """Find or create one record per import key.

    rows     import key -> the field values the article gives
    found    records already located another way (by name or alias) for keys
             that have no row under their own key yet
    found_read_only
             a found record is another article's: this one adds provenance
             only (an event another article reported first keeps its fields)
    create_only
             fields written when a record is made and never by an update
             (a flag each article judges in its own context: the caller
             clears it in one statement, so the result is the same in
             whatever order articles arrive)
    An auto record gets the new values; a curated one is returned read-only;
    a rejected one comes back as None."""
    counts = counts if counts is not None else Counter()
    name = model._meta.model_name
    keys = list(rows)
    existing = {r.import_key: r for r in model._default_manager.filter(import_key__in=keys)}
    elsewhere: set[str] = set()
    for key, record in (found or {}).items():
        if key not in existing and record is not None:
            existing[key] = record
            elsewhere.add(key)
    existing = _follow_merges(model, existing)

    missing = [key for key in keys if key not in existing]
    if missing:
        fresh = [model(import_key=key, **rows[key]) for key in missing]
        for record in fresh:
            prepare(record)
        inserted = _insert_or_ignore(model, fresh)
        counts[f"{name}_created"] += len(inserted)
        created_keys = set(inserted)
        existing.update(inserted)
        lost = [key for key in missing if key not in inserted]
        if lost:  # a concurrent import inserted these first: take its rows as found
            existing.update(_follow_merges(model, {
                r.import_key: r for r in model._default_manager.filter(import_key__in=lost)}))
    else:
        created_keys = set()

    result: dict[str, Upserted] = {}
    stale: list[models.Model] = []
    changed_fields: set[str] = set()
    now = timezone.now()
    for key in keys:
        record = existing.get(key)
        if record is None:
            continue
        if record.review_status == ReviewStatus.REJECTED:
            counts[f"{name}_rejected_kept_out"] += 1
            result[key] = Upserted(None, False, False)
            continue
        if record.is_curated or (found_read_only and key in elsewhere):
            result[key] = Upserted(record, False, False)
            continue
        if key not in created_keys:
            changes = [f for f, v in rows[key].items() if f not in create_only and getattr(record, f) != v]
            if changes:
                for f in changes:
                    setattr(record, f, rows[key][f])
                record.updated_at = now
                prepare(record)
                changed_fields.update(changes)
                stale.append(record)
        result[key] = Upserted(record, True, key in created_keys)
    if stale:
        fields = sorted(changed_fields | {"updated_at", *_derived_fields(model)})
        rows_update(model, stale, fields)
        counts[f"{name}_updated"] += len(stale)
    return result


def records_save(model, records: list[models.Model], fields: list[str]) -> None:
    """rows_update that keeps updated_at and the derived columns right."""
    if not records:
        return
    now = timezone.now()
    for record in records:
        record.updated_at = now
        prepare(record)
    rows_update(model, records, sorted({*fields, "updated_at", *_derived_fields(model)}))
