"""The events table of the CSV export contract (see kb.exporting)."""

from kb import dates
from kb.exporting import (
    Exporter,
    chinese_labels,
    evidence_source_ids,
    grouped_text,
    name_with_role,
)

from .models import Event, EventRole, Role


class EventExporter(Exporter):
    model = Event
    columns = (
        "id",
        "kind",
        "title",
        "title_original",
        "start_date",
        "end_date",
        "date_precision",
        "parent_id",
        "regions",
        "organisations",
        "people",
        "participants",
        "source_ids",
        "review_status",
    )
    fields = (
        "pk",
        "kind",
        "title",
        "title_original",
        "start_date",
        "end_date",
        "date_precision",
        "parent_id",
        "participants",
        "review_status",
    )

    def related(self, ids):
        labels = chinese_labels(Role)
        regions = (
            Event.regions.through.objects.filter(event_id__in=ids)
            .order_by("event_id", "id")
            .values_list("event_id", "region__name")
        )
        roles = EventRole.objects.filter(event_id__in=ids).order_by("event_id", "id")
        organisations = roles.filter(organisation__isnull=False).values_list(
            "event_id", "organisation__name", "role"
        )
        people = roles.filter(person__isnull=False).values_list("event_id", "person__name", "role")
        return {
            "regions": grouped_text(regions),
            "organisations": grouped_text(
                (event_id, name_with_role(name, role, labels))
                for event_id, name, role in organisations
            ),
            "people": grouped_text(
                (event_id, name_with_role(name, role, labels)) for event_id, name, role in people
            ),
            "source_ids": evidence_source_ids(Event, ids),
        }

    def row(self, values, related):
        return (
            values.pk,
            values.kind,
            values.title,
            values.title_original,
            dates.iso_at_precision(values.start_date, values.date_precision),
            dates.iso_at_precision(values.end_date, values.date_precision),
            values.date_precision,
            values.parent_id,
            related["regions"].get(values.pk, ""),
            related["organisations"].get(values.pk, ""),
            related["people"].get(values.pk, ""),
            values.participants,
            related["source_ids"].get(values.pk, ""),
            values.review_status,
        )
