"""The curators' admin for events.

The event changelist is the curators' timeline: newest first, undated
events last, with a date hierarchy on the start date.
"""

from django.contrib import admin
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from kb import dates
from kb.admin.base import CURATION_FIELDSET, CuratedAdmin, EvidenceInline, KbAdmin
from kb.models import Quote

from .models import Event, EventRole
from .resources import EventResource, EventRoleResource

# Newest first; an undated event has no place on the timeline and goes last
# on every database (PostgreSQL would put NULLs first in a descending sort).
TIMELINE_ORDERING = (F("start_date").desc(nulls_last=True), "-id")


class EventRoleInline(admin.TabularInline):
    model = EventRole
    fields = ("role", "organisation", "person", "role_original")
    autocomplete_fields = ("organisation", "person")
    extra = 0


class QuoteInline(admin.TabularInline):
    model = Quote
    fk_name = "event"
    fields = (
        "text",
        "kind",
        "speaker",
        "speaker_label",
        "speaker_organisation",
        "source",
        "review_status",
    )
    autocomplete_fields = ("speaker", "speaker_organisation", "source")
    show_change_link = True
    extra = 0


@admin.register(Event)
class EventAdmin(CuratedAdmin):
    resource_classes = [EventResource]
    list_display = (
        "title",
        "kind",
        "date_display",
        "regions_display",
        "participants",
        "review_status",
    )
    list_filter = (
        "kind",
        "review_status",
        "flagged",
        ("regions", admin.RelatedOnlyFieldListFilter),
        "date_precision",
    )
    date_hierarchy = "start_date"
    ordering = TIMELINE_ORDERING
    search_fields = ("title", "title_original", "summary")
    autocomplete_fields = ("parent", "regions")
    readonly_fields = ("span_start", "span_end")
    inlines = [EventRoleInline, QuoteInline, EvidenceInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "title",
                    "title_original",
                    "kind",
                    "parent",
                    ("start_date", "end_date", "date_precision"),
                    ("span_start", "span_end"),
                    "regions",
                    ("participants", "participants_approximate"),
                    "summary",
                )
            },
        ),
        CURATION_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("regions")

    @admin.display(description=_("日期"), ordering="start_date")
    def date_display(self, event):
        start = dates.iso_at_precision(event.start_date, event.date_precision)
        end = dates.iso_at_precision(event.end_date, event.date_precision)
        if not start:
            return "—"
        return f"{start} – {end}" if end and end != start else start

    @admin.display(description=_("地区"))
    def regions_display(self, event):
        return "、".join(region.name for region in event.regions.all())


@admin.register(EventRole)
class EventRoleAdmin(KbAdmin):
    resource_classes = [EventRoleResource]
    list_display = ("event", "party", "role", "role_original")
    list_filter = ("role",)
    list_select_related = ("event", "organisation", "person")
    search_fields = ("event__title", "organisation__name", "person__name", "role_original")
    autocomplete_fields = ("event", "organisation", "person")

    @admin.display(description=_("参与方"))
    def party(self, role):
        return role.organisation or role.person
