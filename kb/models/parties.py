"""Organisations and people, and the positions a source says a person
held."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .curation import DatePrecision, MergeableModel
from .regions import Region
from .search import SearchTextMixin
from .sources import Source


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("企业")
    GOVERNMENT = "government", _("政府机构")
    PARTY = "party", _("党派/政协机构")
    UNIVERSITY = "university", _("高校")
    RESEARCH = "research", _("研究机构")
    ASSOCIATION = "association", _("协会/学会")
    ALLIANCE = "alliance", _("联盟/联合体")
    ZONE = "zone", _("园区")
    MEDIA = "media", _("媒体")
    HOSPITAL = "hospital", _("医院")
    OTHER = "other", _("其他")


class Organisation(SearchTextMixin, MergeableModel):
    name = models.CharField(_("名称"), max_length=200, db_index=True)
    name_original = models.CharField(_("原文名称"), max_length=200, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    kind = models.CharField(
        _("类型"),
        max_length=12,
        choices=OrganisationKind.choices,
        default=OrganisationKind.OTHER,
        db_index=True,
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("地区"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branches",
    )
    founded = models.DateField(_("成立日期"), null=True, blank=True)
    founded_precision = models.CharField(
        _("成立日期精度"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    # name, name_original and aliases for text search (search_text_of).
    search_text = models.TextField(_("检索文本"), blank=True, default="", editable=False)

    evidence = GenericRelation("kb.Evidence", related_query_name="organisation")

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["name"]

    def __str__(self):
        return self.name

    search_field_names = ("name", "name_original", "aliases")


class Person(SearchTextMixin, MergeableModel):
    name = models.CharField(_("姓名"), max_length=100, db_index=True)
    name_original = models.CharField(_("原文姓名"), max_length=100, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    # name, name_original and aliases for text search (search_text_of).
    search_text = models.TextField(_("检索文本"), blank=True, default="", editable=False)

    evidence = GenericRelation("kb.Evidence", related_query_name="person")

    class Meta:
        verbose_name = _("人物")
        verbose_name_plural = _("人物")
        ordering = ["name"]

    def __str__(self):
        return self.name

    search_field_names = ("name", "name_original", "aliases")


class Position(models.Model):
    """One title a person held, as an article gave it at its date."""

    person = models.ForeignKey(
        Person, verbose_name=_("人物"), on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("职务"), max_length=100)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("机构"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    # The organisation as the article names it, kept even when it is not (yet)
    # an Organisation record of its own.
    organisation_name = models.CharField(_("机构名称(原文)"), max_length=200, blank=True)
    as_of = models.DateField(_("截至日期"), null=True, blank=True)
    as_of_precision = models.CharField(
        _("日期精度"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("来源"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="positions",
    )

    class Meta:
        verbose_name = _("职务")
        verbose_name_plural = _("职务")
        ordering = ["person", "-as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "title", "organisation_name", "source"],
                name="position_unique_per_source",
            )
        ]

    def __str__(self):
        org = self.organisation.name if self.organisation else self.organisation_name
        return f"{self.person} · {org}{self.title}"
