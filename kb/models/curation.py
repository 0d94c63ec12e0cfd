"""What every imported record carries: its review state and curator
edits (CuratedModel), and for organisations and people, the pointer a
merged duplicate keeps (MergeableModel); the choices they share."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kb import dates


class ReviewStatus(models.TextChoices):
    AUTO = "auto", _("自动")
    REVIEWED = "reviewed", _("已审核")
    REJECTED = "rejected", _("已驳回")


class DatePrecision(models.TextChoices):
    DAY = dates.DAY, _("日")
    MONTH = dates.MONTH, _("月")
    YEAR = dates.YEAR, _("年")
    UNKNOWN = dates.UNKNOWN, _("未知")


class Script(models.TextChoices):
    SIMPLIFIED = "simplified", _("简体")
    TRADITIONAL = "traditional", _("繁体")
    MIXED = "mixed", _("混合")
    UNKNOWN = "unknown", _("未知")


class CuratedModel(models.Model):
    """Curation state shared by every record the importer may create."""

    review_status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=ReviewStatus.choices,
        default=ReviewStatus.AUTO,
        db_index=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    curator_edited = models.BooleanField(
        _("人工修改过"),
        default=False,
        help_text=_("由编辑修改过的记录不会被重新导入覆盖。"),
    )
    # Set by the importer when a weaker rule produced the record (a generated
    # title, a name found without a suffix, an unresolved date): a curator
    # should look at it before relying on it.
    flagged = models.BooleanField(_("待核查"), default=False, db_index=True)
    flag_reason = models.CharField(_("核查原因"), max_length=200, blank=True)
    # The importer's identity for the record (a canonical name, a fingerprint of
    # an event or a quote).  Empty for records that curators add by hand.
    import_key = models.CharField(
        _("导入键"), max_length=255, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_curated(self) -> bool:
        """True when re-import must leave this record alone."""
        return self.curator_edited or self.review_status != ReviewStatus.AUTO


class MergeableModel(CuratedModel):
    """A curated record that a curator can merge into another one.

    The merged record stays as a rejected tombstone pointing at the survivor,
    so re-import resolves its import key to the survivor."""

    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("已合并到"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )

    class Meta:
        abstract = True
