"""Admin import/export resources for events (see kb.resources)."""

from kb.resources import CURATION_FIELDS, KbResource

from .models import Event, EventRole


class EventResource(KbResource):
    class Meta:
        model = Event
        # span_start/span_end are left out: Event.save() derives them.
        fields = (
            "id",
            "kind",
            "title",
            "title_original",
            "parent",
            "start_date",
            "end_date",
            "date_precision",
            "regions",
            "participants",
            "participants_approximate",
            "summary",
            "terms",
            *CURATION_FIELDS,
        )

    def filter_export(self, queryset, **kwargs):
        return queryset.prefetch_related("regions")


class EventRoleResource(KbResource):
    class Meta:
        model = EventRole
        fields = ("id", "event", "organisation", "person", "role", "role_original")
