"""Sources: an article as imported (raw, as written, repaired) and its
credits (reporters, editors)."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .curation import CuratedModel, DatePrecision, Script


class Source(CuratedModel):
    """One imported article: the raw text as read, the repaired text and its
    Simplified copy, and the log of every repair made on the way."""

    file_name = models.CharField(_("文件名"), max_length=255, unique=True)
    content_hash = models.CharField(_("内容哈希"), max_length=64, db_index=True)
    encoding = models.CharField(_("编码"), max_length=32, blank=True)
    outlet = models.CharField(_("媒体"), max_length=100, blank=True, db_index=True)
    title = models.CharField(_("标题"), max_length=500, blank=True)
    title_original = models.CharField(_("原文标题"), max_length=500, blank=True)
    published_date = models.DateField(_("发布日期"), null=True, blank=True, db_index=True)
    published_time = models.TimeField(_("发布时间"), null=True, blank=True)
    published_precision = models.CharField(
        _("日期精度"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    script = models.CharField(
        _("文字"), max_length=12, choices=Script.choices, default=Script.UNKNOWN
    )
    raw_text = models.TextField(_("原始文本"), blank=True)
    text_original = models.TextField(_("修复后原文"), blank=True)
    text = models.TextField(_("修复后简体文本"), blank=True)
    repair_log = models.JSONField(_("修复记录"), default=list, blank=True)
    terms = models.JSONField(_("引号术语"), default=list, blank=True)
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    # The ingest pipeline version that produced the stored text and records;
    # re-import re-processes a file whose bytes did not change when it differs.
    pipeline_version = models.CharField(_("处理版本"), max_length=20, blank=True)
    # Credits the article gives that a curator removed or corrected, as
    # [name, role] pairs: re-import does not write them again
    # (kb.services.credits).
    credits_suppressed = models.JSONField(
        _("已删除的署名"), default=list, blank=True, editable=False,
        help_text=_("编辑删除或更正过的文章署名；重新导入时不再写入。"),
    )

    evidence = GenericRelation("kb.Evidence", related_query_name="source_record")

    class Meta:
        verbose_name = _("来源文章")
        verbose_name_plural = _("来源文章")
        ordering = ["-published_date", "file_name"]

    def __str__(self):
        return self.title or self.file_name

    @property
    def damaged_spans(self) -> list[dict]:
        return [e for e in self.repair_log if e.get("kind") == "mojibake" and e.get("damaged")]


class CreditRole(models.TextChoices):
    REPORTER = "reporter", _("记者")
    EDITOR = "editor", _("编辑")
    PHOTOGRAPHER = "photographer", _("摄影")
    AUTHOR = "author", _("作者")
    REVIEWER = "reviewer", _("审核")
    OTHER = "other", _("其他")


class SourceCredit(models.Model):
    """A person credited on an article (reporter, editor, photographer …)."""

    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.CASCADE, related_name="credits"
    )
    person = models.ForeignKey(
        "kb.Person",
        verbose_name=_("人物"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="credits",
    )
    name = models.CharField(_("姓名"), max_length=100)
    role = models.CharField(_("角色"), max_length=16, choices=CreditRole.choices)
    role_original = models.CharField(_("原文角色"), max_length=20, blank=True)
    # A curator added or changed this credit: re-import leaves it as it is.
    curator_edited = models.BooleanField(_("编辑修改"), default=False, editable=False)

    class Meta:
        verbose_name = _("署名")
        verbose_name_plural = _("署名")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "name", "role"], name="sourcecredit_unique_per_source"
            )
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.name}"
