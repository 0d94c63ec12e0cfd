"""The knowledge base's exporters, one class per table, and the table
names `export_csv` takes (events: events.exporting)."""

from __future__ import annotations

from django.db import models

from kb import dates
from kb.models import (
    CreditRole,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    Source,
    SourceCredit,
)

from .base import Exporter, evidence_source_ids, grouped_text, name_with_role
from .cells import chinese_labels, join_list


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
