"""The admin of what is drawn from sources: the gazetteer, organisations,
people and their positions, quotes and evidence."""

import json

from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.models import Event
from events.services import events_derived_current, events_refresh_all
from kb import dates
from kb.models import Evidence, Organisation, Person, Position, Quote, Region
from kb.resources import (
    EvidenceResource,
    OrganisationResource,
    PersonResource,
    PositionResource,
    QuoteResource,
    RegionResource,
)
from kb.services import curation

from .base import (
    CURATION_FIELDSET,
    CuratedAdmin,
    EvidenceInline,
    KbAdmin,
    MergeAdminMixin,
    aliases_text,
)


@admin.register(Region)
class RegionAdmin(KbAdmin):
    resource_classes = [RegionResource]
    list_display = ("name", "level", "adcode", "parent", "aliases_display")
    list_filter = ("level",)
    list_select_related = ("parent",)
    search_fields = ("name", "adcode", "slug", "aliases")
    autocomplete_fields = ("parent", "members")
    inlines = [EvidenceInline]

    @admin.display(description=_("别名"))
    def aliases_display(self, region):
        return aliases_text(region)

    def get_search_results(self, request, queryset, search_term):
        return search_with_aliases(self, request, queryset, search_term)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self._refresh_events_if_moved(request)

    def _refresh_events_if_moved(self, request):
        """An edit that moves regions in or out of a macro-region, province or
        city leaves what events derive from the gazetteer stale (the facet and
        the maps then count the slow, exact way): refreshed here when that
        takes about a second, otherwise the curator is told the command."""
        if events_derived_current():
            return
        if Event.objects.count() <= settings.KB_INLINE_REFRESH_MAX:
            changed = events_refresh_all()
            self.message_user(request, ngettext(
                "地区树已变更：%(count)d 个活动的地区统计已随之更新。",
                "地区树已变更：%(count)d 个活动的地区统计已随之更新。", changed) % {"count": changed})
        else:
            self.message_user(request, _(
                "地区树已变更：在运行 manage.py refresh_events 之前，时间线的地区统计和地图"
                "以较慢的精确方式计算（数字不变）。"), messages.WARNING)


def search_with_aliases(model_admin, request, queryset, search_term):
    """Django's search, plus aliases as stored.

    JSONField stores text with \\uXXXX escapes on SQLite, where an
    `aliases__icontains=中` would never match; the escaped spelling of the
    term matches there, the plain one on PostgreSQL."""
    filtered = queryset
    queryset, may_have_duplicates = admin.ModelAdmin.get_search_results(
        model_admin, request, queryset, search_term
    )
    term = search_term.strip()
    if term and not term.isascii():
        escaped = json.dumps(term)[1:-1]
        # OR-ed onto the queryset as filtered so far, so list filters still apply.
        queryset = queryset | filtered.filter(aliases__icontains=escaped)
    return queryset, may_have_duplicates


# Organisations and people -------------------------------------------------------


@admin.register(Organisation)
class OrganisationAdmin(MergeAdminMixin, CuratedAdmin):
    resource_classes = [OrganisationResource]
    actions = ["mark_reviewed", "reject", "merge_duplicates"]
    merge_service = staticmethod(curation.organisation_merge)
    merge_counts = ("event_roles", "quotes", "positions", "branches", "evidence")
    list_display = (
        "name",
        "name_original",
        "kind",
        "region",
        "parent",
        "review_status",
        "merged_into",
    )
    list_filter = (
        "kind",
        "review_status",
        "flagged",
        ("region", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("region", "parent", "merged_into")
    search_fields = ("name", "name_original", "aliases")
    autocomplete_fields = ("region", "parent")
    readonly_fields = ("merged_into",)
    inlines = [EvidenceInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "name_original",
                    "aliases",
                    "kind",
                    "region",
                    "parent",
                    ("founded", "founded_precision"),
                    "merged_into",
                )
            },
        ),
        CURATION_FIELDSET,
    )

    def get_search_results(self, request, queryset, search_term):
        return search_with_aliases(self, request, queryset, search_term)


class PositionInline(admin.TabularInline):
    model = Position
    fk_name = "person"
    fields = ("title", "organisation", "organisation_name", "as_of", "as_of_precision", "source")
    autocomplete_fields = ("organisation", "source")
    extra = 0


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, CuratedAdmin):
    resource_classes = [PersonResource]
    actions = ["mark_reviewed", "reject", "merge_duplicates"]
    merge_service = staticmethod(curation.person_merge)
    merge_counts = ("event_roles", "quotes", "positions", "credits", "evidence")
    list_display = ("name", "name_original", "aliases_display", "review_status", "merged_into")
    list_filter = ("review_status", "flagged")
    list_select_related = ("merged_into",)
    search_fields = ("name", "name_original", "aliases")
    readonly_fields = ("merged_into",)
    inlines = [PositionInline, EvidenceInline]
    fieldsets = (
        (None, {"fields": ("name", "name_original", "aliases", "merged_into")}),
        CURATION_FIELDSET,
    )

    @admin.display(description=_("别名"))
    def aliases_display(self, person):
        return aliases_text(person)

    def get_search_results(self, request, queryset, search_term):
        return search_with_aliases(self, request, queryset, search_term)


@admin.register(Position)
class PositionAdmin(KbAdmin):
    resource_classes = [PositionResource]
    list_display = ("person", "title", "organisation_display", "as_of_display", "source")
    list_filter = ("as_of_precision", ("as_of", admin.DateFieldListFilter))
    list_select_related = ("person", "organisation", "source")
    search_fields = ("person__name", "title", "organisation__name", "organisation_name")
    autocomplete_fields = ("person", "organisation", "source")

    @admin.display(description=_("机构"))
    def organisation_display(self, position):
        return position.organisation.name if position.organisation else position.organisation_name

    @admin.display(description=_("截至日期"), ordering="as_of")
    def as_of_display(self, position):
        return dates.iso_at_precision(position.as_of, position.as_of_precision) or "—"


# Quotes and provenance ----------------------------------------------------------


@admin.register(Quote)
class QuoteAdmin(CuratedAdmin):
    resource_classes = [QuoteResource]
    list_display = (
        "__str__",
        "speaker_display",
        "speaker_organisation",
        "kind",
        "event",
        "source",
        "review_status",
    )
    list_filter = ("kind", "review_status", "flagged")
    list_select_related = ("speaker", "speaker_organisation", "event", "source")
    search_fields = ("text", "text_original", "speaker__name", "speaker_label", "speaker_title")
    autocomplete_fields = ("speaker", "speaker_organisation", "event", "source")
    inlines = [EvidenceInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "text",
                    "text_original",
                    "kind",
                    ("speaker", "speaker_label"),
                    "speaker_title",
                    "speaker_organisation",
                    "event",
                    "source",
                )
            },
        ),
        CURATION_FIELDSET,
    )

    @admin.display(description=_("说话人"))
    def speaker_display(self, quote):
        return quote.speaker_name


@admin.register(Evidence)
class EvidenceAdmin(KbAdmin):
    resource_classes = [EvidenceResource]
    list_display = (
        "__str__",
        "content_type",
        "record_display",
        "source",
        "quoted_text",
        "sentence",
    )
    list_filter = ("content_type",)
    list_select_related = ("source", "content_type")
    search_fields = ("sentence", "note", "source__title", "source__file_name")
    autocomplete_fields = ("source",)
    readonly_fields = ("record_display", "quoted_text")
    fields = (
        "source",
        "content_type",
        "object_id",
        "record_display",
        "start",
        "end",
        "quoted_text",
        "sentence",
        "note",
    )

    @admin.display(description=_("记录"))
    def record_display(self, evidence):
        record = evidence.record if evidence.content_type_id else None
        return str(record) if record is not None else "—"

    @admin.display(description=_("引文"))
    def quoted_text(self, evidence):
        return evidence.quoted_text if evidence.source_id else ""
