"""Fast inserts for the synthetic writer: plain rows, executemany (COPY on
PostgreSQL).

bulk_create builds a model instance per row and compiles every value
through the field machinery; at a million rows that costs several times the
insert itself.  Here a row is a dict of attribute names (region_id, not
region); missing fields take the model field's default, auto_now fields the
time of the insert, and only the values whose database form differs (dates,
JSON) go through the field's get_db_prep_save.  Ids are taken up front
(`reserve_ids`), so parents, children and links can point at each other
without reading anything back.
"""

from __future__ import annotations

from django.db import connection, connections, models
from django.utils import timezone

CHUNK = 5000
_PREPARED = (models.DateField, models.TimeField, models.JSONField, models.DecimalField,
             models.UUIDField)


class Table:
    def __init__(self, model: type[models.Model], *, with_id: bool):
        self.model = model
        fields = [f for f in model._meta.concrete_fields if with_id or not f.primary_key]
        self.fields = fields
        self.names = [f.attname for f in fields]
        self.prepared = [i for i, f in enumerate(fields) if isinstance(f, _PREPARED)]
        self.stamped = {f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
        quote = connection.ops.quote_name
        # Table and column names come from the model and are quoted; values are parameters.
        columns = ", ".join(quote(f.column) for f in fields)
        self.sql = (f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
                    f"VALUES ({', '.join(['%s'] * len(fields))})")
        self.copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"

    def insert(self, rows: list[dict]) -> int:
        if not rows:
            return 0
        db = connections[self.model.objects.db]  # the real connection, not the proxy: looked up once
        now = timezone.now()
        defaults = []
        for field in self.fields:
            value = now if field.attname in self.stamped else None if field.primary_key else field.get_default()
            defaults.append(field.get_db_prep_save(value, db) if value is not None else None)
        names = list(enumerate(self.names))
        prepared = [(i, self.names[i], self.fields[i]) for i in self.prepared]
        values = []
        for row in rows:
            full = [row[name] if name in row else defaults[i] for i, name in names]
            for i, name, field in prepared:
                if name in row and full[i] is not None:
                    full[i] = field.get_db_prep_save(full[i], db)
            values.append(full)
        with db.cursor() as cursor:
            if db.vendor == "postgresql":
                # COPY: executemany would be one round trip per row here.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                for start in range(0, len(values), CHUNK):
                    cursor.executemany(self.sql, values[start : start + CHUNK])
        return len(values)


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` ids for new rows of `model`.  On PostgreSQL they come from the
    table's sequence (a concurrent writer never gets them); on SQLite the
    transaction holds the write lock, so the ids after the highest ever
    given (sqlite_sequence remembers deleted ones too) are free."""
    if count == 0:
        return []
    table = model._meta.db_table
    db = connections[model.objects.db]
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                           [table, count])
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {db.ops.quote_name(table)}")  # noqa: S608 (model's table)
        highest = cursor.fetchone()[0]
        if db.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            highest = max(highest, row[0] if row else 0)
        return list(range(highest + 1, highest + 1 + count))


def raw_delete(queryset) -> int:
    """One DELETE for the rows of a queryset whose dependents are already
    dealt with (Django's collector would first load every row to look for
    them; QuerySet._raw_delete is what its own fast path runs)."""
    return queryset._raw_delete(queryset.db)
