"""What every table of the curators' admin shares: CSV/XLSX import and
export with the round-trip-safe resources (KbAdmin), the review state and
its actions (CuratedAdmin), merging duplicates (MergeAdminMixin) and the
evidence inline."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin

from kb.forms import AliasesField
from kb.models import Evidence
from kb.resources import ADMIN_FORMATS
from kb.services import curation

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
