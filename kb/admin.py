"""The curators' admin for the knowledge base.

Writes go through kb.services.curation; this module only wires them to
actions and forms.  Every table has CSV/XLSX import and export
(kb.resources).
"""

import json

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin

from kb import dates
from kb.forms import AliasesField
from kb.models import (
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    Source,
    SourceCredit,
)
from kb.resources import (
    ADMIN_FORMATS,
    EvidenceResource,
    OrganisationResource,
    PersonResource,
    PositionResource,
    QuoteResource,
    RegionResource,
    SourceCreditResource,
    SourceResource,
)
from kb.services import credits, curation

CURATION_READONLY = (
    "reviewed_by",
    "reviewed_at",
    "curator_edited",
    "import_key",
    "created_at",
    "updated_at",
)
CURATION_FIELDSET = (
    _("审核"),
    {"fields": ("review_status", ("flagged", "flag_reason"), *CURATION_READONLY)},
)


# Shared pieces ------------------------------------------------------------------


class KbAdmin(ImportExportModelAdmin):
    """CSV/XLSX import and export with the round-trip-safe resources."""

    formats = ADMIN_FORMATS
    # Excel reads a CSV without a byte-order mark as the local code page and
    # garbles the Chinese; imports accept either (from_encoding utf-8-sig).
    to_encoding = "utf-8-sig"
    from_encoding = "utf-8-sig"
    list_per_page = 50

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "aliases":
            return AliasesField(label=db_field.verbose_name)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CuratedAdmin(KbAdmin):
    """A table of imported records: review status, review actions, and the
    curator_edited flag set on every save of an imported record."""

    actions = ["mark_reviewed", "reject"]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *CURATION_READONLY)

    def save_model(self, request, obj, form, change):
        curation.record_curator_update(
            record=obj, user=request.user, changed_fields=form.changed_data
        )

    @admin.action(description=_("标记为已审核"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        records = [r for r in queryset if getattr(r, "merged_into_id", None) is None]
        count = curation.records_mark_reviewed(queryset=queryset, user=request.user)
        curation.history_add(user=request.user, records=records, message="审核通过")
        self.message_user(
            request,
            ngettext("%(count)d 条记录已标记为已审核。", "%(count)d 条记录已标记为已审核。", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("驳回（保留为墓碑记录）"), permissions=["change"])
    def reject(self, request, queryset):
        records = list(queryset)
        count = curation.records_reject(queryset=queryset, user=request.user)
        curation.history_add(user=request.user, records=records, message="驳回")
        self.message_user(
            request,
            ngettext("%(count)d 条记录已驳回。", "%(count)d 条记录已驳回。", count)
            % {"count": count},
            messages.SUCCESS,
        )


class MergeAdminMixin:
    """The "merge duplicates" action: the curator picks the survivor on an
    intermediate page (templates/admin/kb/merge_confirm.html)."""

    merge_template = "admin/kb/merge_confirm.html"
    # The service doing the merge and the relations counted on the page.
    merge_service = None
    merge_counts: tuple[str, ...] = ()

    @admin.action(description=_("合并重复记录…"), permissions=["change"])
    def merge_duplicates(self, request, queryset):
        records = list(
            queryset.annotate(
                **{f"count_{name}": Count(name, distinct=True) for name in self.merge_counts}
            ).order_by("pk")
        )
        if len(records) < 2:
            self.message_user(request, _("请至少选择两条记录进行合并。"), messages.WARNING)
            return None
        merged = [record for record in records if record.merged_into_id is not None]
        if merged:
            self.message_user(
                request,
                _("已合并的记录不能再次合并：%(names)s")
                % {"names": "、".join(str(record) for record in merged)},
                messages.ERROR,
            )
            return None

        error = None
        if request.POST.get("post") == "yes":
            chosen = request.POST.get("survivor", "")
            survivor = next((r for r in records if str(r.pk) == chosen), None)
            if survivor is None:
                error = _("请选择保留的记录。")
            else:
                others = [record for record in records if record is not survivor]
                try:
                    survivor = type(self).merge_service(
                        survivor=survivor, others=others, user=request.user
                    )
                except curation.MergeError as exc:
                    self.message_user(request, str(exc), messages.ERROR)
                    return None
                self.log_change(
                    request,
                    survivor,
                    f"合并 {'、'.join(f'{o} (#{o.pk})' for o in others)}",
                )
                self.message_user(
                    request,
                    _("已将 %(count)d 条记录合并到“%(survivor)s”。")
                    % {"count": len(others), "survivor": survivor},
                    messages.SUCCESS,
                )
                return None

        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("合并重复记录"),
            "opts": opts,
            "records": records,
            "count_labels": [(name, self.merge_count_label(name)) for name in self.merge_counts],
            "rows": [
                (record, [getattr(record, f"count_{name}") for name in self.merge_counts])
                for record in records
            ],
            "action_name": "merge_duplicates",
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "error": error,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.merge_template, context)

    def merge_count_label(self, name: str) -> str:
        labels = {
            "event_roles": _("活动角色"),
            "quotes": _("引语"),
            "positions": _("职务"),
            "branches": _("下级机构"),
            "credits": _("署名"),
            "evidence": _("出处"),
        }
        return labels.get(name, name)


class EvidenceInline(GenericTabularInline):
    """Provenance of a record, read-only: which article, which span, and the
    text it quotes."""

    model = Evidence
    fields = ("source", "span", "quoted", "sentence", "note", "workbench")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("出处")
    verbose_name_plural = _("出处（只读）")

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "content_type")

    @admin.display(description=_("位置"))
    def span(self, evidence):
        return f"{evidence.start}–{evidence.end}"

    @admin.display(description=_("引文"))
    def quoted(self, evidence):
        return evidence.quoted_text

    @admin.display(description=_("工作台"))
    def workbench(self, evidence):
        """The source's workbench with this record picked."""
        model = evidence.content_type.model
        url = reverse("admin:kb_source_workbench", args=[evidence.source_id])
        return format_html('<a href="{}?{}">{}</a>', url, urlencode({"focus": f"{model}-{evidence.object_id}"}),
                           _("在工作台中查看"))


def aliases_text(record) -> str:
    return "; ".join(record.aliases or [])


# Sources ----------------------------------------------------------------------


class SourceCreditInline(admin.TabularInline):
    model = SourceCredit
    fields = ("role", "name", "role_original", "person", "curator_edited")
    readonly_fields = ("curator_edited",)
    autocomplete_fields = ("person",)
    extra = 0


def _pre(text: str):
    return format_html(
        '<div style="white-space: pre-wrap; max-height: 32em; overflow: auto; '
        "font-family: inherit; border: 1px solid var(--hairline-color); padding: .5em; "
        'max-width: 60em;">{}</div>',
        text,
    )


@admin.register(Source)
class SourceAdmin(CuratedAdmin):
    resource_classes = [SourceResource]
    # The review queue's link; django-import-export builds on this one.
    change_list_template = "admin/kb/source/change_list.html"
    list_display = (
        "__str__",
        "workbench_link",
        "outlet",
        "published",
        "script",
        "repair_count",
        "damaged_count",
        "review_status",
    )
    list_filter = ("review_status", "flagged", "script", "published_precision", "outlet")
    date_hierarchy = "published_date"
    search_fields = ("title", "title_original", "file_name", "outlet")
    inlines = [SourceCreditInline]
    readonly_fields = (
        "file_name",
        "content_hash",
        "encoding",
        "imported_at",
        "pipeline_version",
        "raw_text_display",
        "text_original_display",
        "text_display",
        "repair_log_display",
        "terms_display",
        "workbench_link",
        "credits_suppressed",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "workbench_link",
                    "title",
                    "title_original",
                    "outlet",
                    ("published_date", "published_time", "published_precision"),
                    "script",
                    "terms_display",
                )
            },
        ),
        (
            _("文件"),
            {
                "fields": (
                    "file_name",
                    "encoding",
                    "content_hash",
                    "imported_at",
                    "pipeline_version",
                    "credits_suppressed",
                )
            },
        ),
        (_("修复后简体文本"), {"fields": ("text_display",)}),
        (_("修复后原文"), {"fields": ("text_original_display",), "classes": ("collapse",)}),
        (_("原始文本"), {"fields": ("raw_text_display",), "classes": ("collapse",)}),
        (_("修复记录"), {"fields": ("repair_log_display",)}),
        CURATION_FIELDSET,
    )

    def save_formset(self, request, form, formset, change):
        """Credits a curator adds, corrects or removes survive re-import
        (kb.services.credits); other inlines save as usual."""
        if formset.model is not SourceCredit:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for credit in formset.deleted_objects:
            credits.credit_curator_delete(credit=credit)
        for credit in formset.new_objects:
            credits.credit_curator_save(credit=credit)
        for credit, _changed in formset.changed_objects:
            initial = next(f.initial for f in formset.forms if f.instance.pk == credit.pk)
            credits.credit_curator_save(credit=credit, was=(initial["name"], initial["role"]))
        formset.save_m2m()

    def get_urls(self):
        from kb.workbench import views

        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("queue/", wrap(views.queue), name="kb_source_queue"),
            path("<int:source_id>/workbench/", wrap(views.workbench), name="kb_source_workbench"),
            path("<int:source_id>/workbench/decide/", wrap(views.decide),
                 name="kb_source_workbench_decide"),
            path("<int:source_id>/workbench/add/<str:what>/", wrap(views.add),
                 name="kb_source_workbench_add"),
            path("<int:source_id>/workbench/reviewed/", wrap(views.mark_reviewed),
                 name="kb_source_workbench_reviewed"),
            *super().get_urls(),
        ]

    @admin.display(description=_("工作台"))
    def workbench_link(self, source):
        if source.pk is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:kb_source_workbench", args=[source.pk]),
                           _("审核"))

    @admin.display(description=_("发布日期"), ordering="published_date")
    def published(self, source):
        return dates.iso_at_precision(source.published_date, source.published_precision) or "—"

    @admin.display(description=_("修复"))
    def repair_count(self, source):
        return len(source.repair_log or [])

    @admin.display(description=_("损坏片段"))
    def damaged_count(self, source):
        return len(source.damaged_spans)

    @admin.display(description=_("原始文本"))
    def raw_text_display(self, source):
        return _pre(source.raw_text)

    @admin.display(description=_("修复后原文"))
    def text_original_display(self, source):
        return _pre(source.text_original)

    @admin.display(description=_("修复后简体文本"))
    def text_display(self, source):
        return _pre(source.text)

    @admin.display(description=_("引号术语"))
    def terms_display(self, source):
        return "; ".join(str(term) for term in source.terms or []) or "—"

    @admin.display(description=_("修复记录"))
    def repair_log_display(self, source):
        log = source.repair_log or []
        if not log:
            return _("无修复。")
        listed = [entry for entry in log if "count" not in entry]
        counted = [entry for entry in log if "count" in entry]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><del>{}</del></td><td><ins>{}</ins></td>"
            "<td>{}</td><td>{}</td></tr>",
            (
                (
                    entry.get("kind", ""),
                    _span_text(entry.get("raw_start"), entry.get("raw_end")),
                    _span_text(entry.get("start"), entry.get("end")),
                    repr(entry.get("before", ""))[1:-1],
                    repr(entry.get("after", ""))[1:-1],
                    entry.get("detail", ""),
                    _("损坏") if entry.get("damaged") else "",
                )
                for entry in listed
            ),
        )
        summary = format_html_join(
            "、", "{}: {}", ((entry.get("kind", ""), entry.get("count")) for entry in counted)
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>{}",
            _("类型"),
            _("原始位置"),
            _("修复后位置"),
            _("修复前"),
            _("修复后"),
            _("说明"),
            _("状态"),
            rows,
            format_html("<p>{} {}</p>", _("另计："), summary) if counted else "",
        )


def _span_text(start, end) -> str:
    if start is None:
        return ""
    return f"{start}–{end}"


@admin.register(SourceCredit)
class SourceCreditAdmin(KbAdmin):
    resource_classes = [SourceCreditResource]
    list_display = ("name", "role", "role_original", "source", "person")
    list_filter = ("role",)
    list_select_related = ("source", "person")
    search_fields = ("name", "role_original", "source__title", "person__name")
    autocomplete_fields = ("source", "person")


# Gazetteer ----------------------------------------------------------------------


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
