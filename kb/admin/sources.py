"""The sources' admin: an article as written and as repaired, its credits
(kept as a curator leaves them across re-imports), and the workbench that
opens from it."""

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kb import dates
from kb.models import Source, SourceCredit
from kb.resources import SourceCreditResource, SourceResource
from kb.services import credits

from .base import CURATION_FIELDSET, CuratedAdmin, KbAdmin


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
