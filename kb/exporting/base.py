"""The exporter machinery: an Exporter streams a queryset in chunks of ids,
and the lookups several exporters share fetch a chunk's related names
with one query each."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, ClassVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.expressions import RawSQL

from kb.models import Evidence

from .cells import cell, join_list


def batched(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class Exporter:
    """The columns of one table and how to fill them.

    Subclasses set `model`, `columns` (the public header) and `fields` (the
    `values_list` fields of the main query; the first one must be "pk"), and
    implement `row()`; `related()` fetches what a chunk of rows needs from
    other tables, one query per relation.
    """

    model: ClassVar[type[models.Model]]
    columns: ClassVar[Sequence[str]]
    fields: ClassVar[Sequence[str]]
    # A few thousand ids per chunk keep the `IN (...)` lists of the related
    # queries well inside every backend's parameter limit.
    chunk_size: ClassVar[int] = 2000

    def header(self) -> list[str]:
        return list(self.columns)

    def rows(self, queryset: models.QuerySet) -> Iterator[list[str]]:
        records = queryset.values_list(*self.fields, named=True)
        for chunk in batched(records.iterator(chunk_size=self.chunk_size), self.chunk_size):
            related = self.related(id_list([values.pk for values in chunk], using=queryset.db))
            for values in chunk:
                yield [cell(value) for value in self.row(values, related)]

    def related(self, ids) -> dict[str, Any]:
        """What the rows of a chunk need from other tables.  `ids` is the
        right-hand side of an `__in` filter for the chunk's ids (id_list)."""
        return {}

    def row(self, values: Any, related: dict[str, Any]) -> Sequence[Any]:
        raise NotImplementedError

    def default_queryset(self) -> models.QuerySet:
        """Everything, in a stable order (for the export_csv command)."""
        return self.model._default_manager.order_by("pk")


def id_list(ids: list[int], *, using: str = DEFAULT_DB_ALIAS):
    """The right-hand side of an `__in` filter for a chunk of ids, sent as a
    single parameter where the database can unpack one.

    Django prepares an `IN (%s, %s, ...)` list value by value, which for a
    chunk of a few thousand ids costs several times more than the query
    itself; one JSON or array parameter costs nothing."""
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))
    if vendor == "postgresql":
        # An array literal as text: psycopg adapts a list of a few thousand
        # ints element by element, which costs more than the query.
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + ",".join(map(str, map(int, ids))) + "}",))
    return ids


def pk_in(model: type[models.Model], ids: list[int], *, using: str = DEFAULT_DB_ALIAS):
    """A filter condition: the model's primary key is one of `ids`.

    For looking rows up by primary key (names for a chunk's ids): on
    PostgreSQL `= ANY(array)`, which reads the primary-key index, where
    `IN (SELECT unnest(...))` is estimated at 200 rows and planned as a
    hash join over the whole table; elsewhere id_list."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        column = f"{quote(model._meta.db_table)}.{quote(model._meta.pk.column)}"
        literal = "{" + ",".join(map(str, map(int, ids))) + "}"
        # Only quoted names go into the text; the ids are one parameter.
        return RawSQL(f"{column} = ANY(%s::bigint[])", (literal,), output_field=models.BooleanField())  # noqa: S611
    return models.Q(pk__in=id_list(ids, using=using))


# Related lookups shared by several exporters.  Each one is a single query
# for a chunk of ids and returns {id: joined text}.


def evidence_source_ids(model: type[models.Model], ids) -> dict[int, str]:
    """The distinct source ids of each record's evidence, sorted."""
    opts = model._meta
    # Filtering on the content type's natural key instead of
    # ContentType.objects.get_for_model keeps the query count independent of
    # the content-type cache.
    pairs = (
        Evidence.objects.filter(
            content_type__app_label=opts.app_label,
            content_type__model=opts.model_name,
            object_id__in=ids,
        )
        # No ordering: Evidence's default one would join and sort by the
        # sources for nothing (the ids are sorted here).
        .order_by()
        .values_list("object_id", "source_id")
        .distinct()
    )
    by_record: dict[int, set[int]] = defaultdict(set)
    for object_id, source_id in pairs:
        by_record[object_id].add(source_id)
    return {object_id: join_list(sorted(sources)) for object_id, sources in by_record.items()}


def grouped_text(pairs: Iterable[tuple[int, str]]) -> dict[int, str]:
    """(id, text) pairs in order -> {id: "text; text"}."""
    grouped: dict[int, list[str]] = defaultdict(list)
    for key, text in pairs:
        grouped[key].append(text)
    return {key: join_list(texts) for key, texts in grouped.items()}


def name_with_role(name: str, role: str, labels: dict[str, str]) -> str:
    return f"{name} ({labels.get(role, role)})"
