"""Quotes, and the evidence that ties a record to the span of the
article it came from."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .curation import CuratedModel
from .parties import Organisation, Person
from .sources import Source


class QuoteKind(models.TextChoices):
    DIRECT = "direct", _("直接引语")
    INDIRECT = "indirect", _("间接引语")


class Quote(CuratedModel):
    text = models.TextField(_("引语(简体)"))
    text_original = models.TextField(_("引语(原文)"), blank=True)
    kind = models.CharField(
        _("类型"), max_length=10, choices=QuoteKind.choices, default=QuoteKind.DIRECT
    )
    speaker = models.ForeignKey(
        Person,
        verbose_name=_("说话人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    # A group speaker (企业家们, 学员) or a speaker with no Person record.
    speaker_label = models.CharField(_("说话人(标签)"), max_length=100, blank=True)
    speaker_title = models.CharField(_("说话人职务"), max_length=200, blank=True)
    speaker_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("说话人机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
    )
    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.CASCADE, related_name="quotes"
    )

    evidence = GenericRelation("kb.Evidence", related_query_name="quote")

    class Meta:
        verbose_name = _("引语")
        verbose_name_plural = _("引语")
        ordering = ["source", "id"]

    def __str__(self):
        return self.text[:40]

    @property
    def speaker_name(self) -> str:
        return self.speaker.name if self.speaker else self.speaker_label


class Evidence(models.Model):
    """Provenance: the span of a source's repaired (Simplified) text that
    supports a record.  Several sources may support one record.

    The importer rewrites its own evidence for a source on every re-import;
    evidence a curator made (curator_made) stays, and when the source's text
    changed it is moved to where its words (anchor_text) now stand, or kept
    where it was and marked anchor_lost for the curator to place again."""

    source = models.ForeignKey(
        Source, verbose_name=_("来源"), on_delete=models.CASCADE, related_name="evidence_spans"
    )
    content_type = models.ForeignKey(ContentType, verbose_name=_("记录类型"), on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    start = models.PositiveIntegerField(_("起始位置"))
    end = models.PositiveIntegerField(_("结束位置"))
    sentence = models.TextField(_("证据句"), blank=True)
    note = models.CharField(_("说明"), max_length=100, blank=True)
    curator_made = models.BooleanField(_("编辑添加"), default=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("添加人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("添加时间"), null=True, blank=True, auto_now_add=True)
    # The span's words when a curator marked it: what re-anchoring looks for
    # in a changed text.
    anchor_text = models.TextField(_("锚定文本"), blank=True)
    anchor_lost = models.BooleanField(
        _("需重新定位"),
        default=False,
        help_text=_("来源文本已变，无法在新文本中找到这段文字。"),
    )

    class Meta:
        verbose_name = _("出处")
        verbose_name_plural = _("出处")
        ordering = ["source", "start"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "source", "start", "end"],
                name="evidence_unique_span",
            ),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="evidence_span_ordered"),
        ]

    def __str__(self):
        return f"{self.source_id}[{self.start}:{self.end}]"

    @property
    def quoted_text(self) -> str:
        return self.source.text[self.start : self.end]
