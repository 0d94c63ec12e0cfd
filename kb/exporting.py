"""CSV export: the public column contract and the machinery that streams it.

One exporter class per table holds that table's column definitions; the
`export_csv` command, the public site's download views and anything else that
writes these tables use the same classes, so a column is defined only here
(and in events.exporting for events).

Exporters must stay fast on 100,000+ rows without holding a table in memory:
they stream `values_list` rows from the database in chunks, and for each chunk
fetch the related names (regions, roles, evidence sources …) with one query
per relation.  The number of queries grows with the number of chunks, never
with the number of rows.

Every cell is passed through `escape_formula`, so that a spreadsheet opening
the file never runs a cell as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import IO, Any, ClassVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.expressions import RawSQL
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header

from kb import dates
from kb.models import (
    CreditRole,
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    Source,
    SourceCredit,
)

BOM = "\ufeff"
LIST_SEPARATOR = "; "

# A cell starting with one of these is a formula to Excel, LibreOffice or
# Google Sheets (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Make a cell safe to open in a spreadsheet: a value that would be read
    as a formula gets a leading apostrophe.

    A value that already starts with apostrophes followed by a formula
    character gets one more, so that `unescape_formula` can undo exactly this
    escaping and nothing else: unescape_formula(escape_formula(s)) == s for
    every string s.
    """
    if text.lstrip("'").startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    """Undo `escape_formula` (for imports of files this site exported)."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


# The first characters of a cell that escape_formula may change.
_ESCAPE_FIRST = frozenset("'" + "".join(FORMULA_PREFIXES))


def cell(value: Any) -> str:
    """The text of a CSV cell, escaped (None is an empty cell).  Called for
    every cell of every export: a cell whose first character cannot start
    a formula (nearly all) is returned without escape_formula's work."""
    if value is None:
        return ""
    text = value if value.__class__ is str else str(value)
    if text and text[0] in _ESCAPE_FIRST:
        return escape_formula(text)
    return text


def join_list(items: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items)


def chinese_labels(choices: type[models.Choices]) -> dict[str, str]:
    """value -> display label in Simplified Chinese, whatever language the
    request or the shell runs in (the export contract is in Chinese)."""
    with translation.override("zh-hans"):
        return {member.value: str(member.label) for member in choices}


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


class QuoteExporter(Exporter):
    model = Quote
    columns = (
        "id",
        "kind",
        "speaker",
        "speaker_title",
        "organisation",
        "text",
        "text_original",
        "event_id",
        "source_id",
        "review_status",
    )
    fields = (
        "pk",
        "kind",
        "speaker__name",
        "speaker_label",
        "speaker_title",
        "speaker_organisation__name",
        "text",
        "text_original",
        "event_id",
        "source_id",
        "review_status",
    )

    def row(self, values, related):
        return (
            values.pk,
            values.kind,
            values.speaker__name or values.speaker_label,
            values.speaker_title,
            values.speaker_organisation__name,
            values.text,
            values.text_original,
            values.event_id,
            values.source_id,
            values.review_status,
        )


class OrganisationExporter(Exporter):
    model = Organisation
    columns = (
        "id",
        "name",
        "name_original",
        "aliases",
        "kind",
        "region",
        "parent",
        "source_ids",
        "review_status",
    )
    fields = (
        "pk",
        "name",
        "name_original",
        "aliases",
        "kind",
        "region__name",
        "parent__name",
        "review_status",
    )

    def related(self, ids):
        return {"source_ids": evidence_source_ids(Organisation, ids)}

    def row(self, values, related):
        return (
            values.pk,
            values.name,
            values.name_original,
            join_list(values.aliases or []),
            values.kind,
            values.region__name,
            values.parent__name,
            related["source_ids"].get(values.pk, ""),
            values.review_status,
        )


class PersonExporter(Exporter):
    model = Person
    columns = (
        "id",
        "name",
        "name_original",
        "aliases",
        "positions",
        "source_ids",
        "review_status",
    )
    fields = ("pk", "name", "name_original", "aliases", "review_status")

    def related(self, ids):
        positions = (
            Position.objects.filter(person_id__in=ids)
            # Newest first, undated last, on every backend.
            .order_by("person_id", models.F("as_of").desc(nulls_last=True), "id")
            .values_list("person_id", "title", "organisation__name", "organisation_name")
        )
        return {
            "positions": grouped_text(
                (person_id, position_text(title, org or org_name))
                for person_id, title, org, org_name in positions
            ),
            "source_ids": evidence_source_ids(Person, ids),
        }

    def row(self, values, related):
        return (
            values.pk,
            values.name,
            values.name_original,
            join_list(values.aliases or []),
            related["positions"].get(values.pk, ""),
            related["source_ids"].get(values.pk, ""),
            values.review_status,
        )


def position_text(title: str, organisation: str) -> str:
    """`title, organisation`, or the title alone when the article names none."""
    return f"{title}, {organisation}" if organisation else title


class RegionExporter(Exporter):
    model = Region
    columns = ("id", "name", "level", "adcode", "parent", "aliases", "members")
    fields = ("pk", "name", "level", "adcode", "parent__name", "aliases")

    def related(self, ids):
        members = (
            Region.members.through.objects.filter(from_region_id__in=ids)
            .order_by(
                "from_region_id",
                models.F("to_region__adcode").asc(nulls_last=True),
                "to_region__name",
                "to_region_id",
            )
            .values_list("from_region_id", "to_region__name")
        )
        return {"members": grouped_text(members)}

    def row(self, values, related):
        return (
            values.pk,
            values.name,
            values.level,
            values.adcode,
            values.parent__name,
            join_list(values.aliases or []),
            related["members"].get(values.pk, ""),
        )


class SourceExporter(Exporter):
    model = Source
    columns = (
        "id",
        "file_name",
        "outlet",
        "title",
        "published",
        "published_precision",
        "script",
        "credits",
        "repairs",
        "damaged_spans",
        "text",
        "review_status",
    )
    fields = (
        "pk",
        "file_name",
        "outlet",
        "title",
        "published_date",
        "published_precision",
        "script",
        "repair_log",
        "text",
        "review_status",
    )
    # Rows carry whole articles: smaller chunks keep memory flat.
    chunk_size = 500

    def related(self, ids):
        labels = chinese_labels(CreditRole)
        credits = (
            SourceCredit.objects.filter(source_id__in=ids)
            .order_by("source_id", "id")
            .values_list("source_id", "name", "role")
        )
        return {
            "credits": grouped_text(
                (source_id, name_with_role(name, role, labels)) for source_id, name, role in credits
            )
        }

    def row(self, values, related):
        log = values.repair_log or []
        # The model owns the rule for which log entries are damaged spans.
        damaged = Source(repair_log=log).damaged_spans
        return (
            values.pk,
            values.file_name,
            values.outlet,
            values.title,
            dates.iso_at_precision(values.published_date, values.published_precision),
            values.published_precision,
            values.script,
            related["credits"].get(values.pk, ""),
            len(log),
            join_list(f"{entry['start']}-{entry['end']}" for entry in damaged if "start" in entry),
            values.text,
            values.review_status,
        )


TABLES = ("events", "quotes", "organisations", "people", "regions", "sources")


def exporter_classes() -> dict[str, type[Exporter]]:
    """Table name (as `export_csv` takes it) -> exporter class."""
    # events depends on kb, so its exporter is imported here, not at the top.
    from events.exporting import EventExporter

    return {
        "events": EventExporter,
        "quotes": QuoteExporter,
        "organisations": OrganisationExporter,
        "people": PersonExporter,
        "regions": RegionExporter,
        "sources": SourceExporter,
    }


def write_csv(
    exporter: Exporter, queryset: models.QuerySet, out: IO[str], *, bom: bool = False
) -> int:
    """Write the header and every row to a text file opened with newline="".
    Returns the number of rows written."""
    if bom:
        out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(exporter.header())
    count = 0
    for row in exporter.rows(queryset):
        writer.writerow(row)
        count += 1
    return count


class _Echo:
    """A file-like object whose write() hands the line back (Django's
    streaming CSV recipe)."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(
    exporter: Exporter, queryset: models.QuerySet, *, bom: bool = True, buffer_size: int = 64 * 1024
) -> Iterator[str]:
    """The CSV text in pieces of about `buffer_size` characters."""
    writer = csv.writer(_Echo())
    buffer = [BOM] if bom else []
    size = 0
    buffer.append(writer.writerow(exporter.header()))
    for row in exporter.rows(queryset):
        line = writer.writerow(row)
        buffer.append(line)
        size += len(line)
        if size >= buffer_size:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def streaming_csv_response(
    exporter: Exporter, queryset: models.QuerySet, filename: str
) -> StreamingHttpResponse:
    """A download of the queryset as UTF-8 CSV with a BOM (so that Excel
    reads the Chinese text as UTF-8), streamed row by row."""
    response = StreamingHttpResponse(
        csv_chunks(exporter, queryset, bom=True), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response
