"""The region gazetteer: provinces, prefectures, counties, zones and the
macro-regions made of them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.TextChoices):
    COUNTRY = "country", _("国家")
    MACRO = "macro", _("区域")
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")
    ZONE = "zone", _("新区/园区")


class Region(models.Model):
    """An entry of the gazetteer: an administrative division (with its GB/T
    2260 code), a macro-region with its members, or a named zone."""

    name = models.CharField(_("名称"), max_length=100, db_index=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    level = models.CharField(_("级别"), max_length=12, choices=RegionLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    adcode = models.CharField(_("行政区划代码"), max_length=6, null=True, blank=True, unique=True)
    members = models.ManyToManyField(
        "self",
        verbose_name=_("成员"),
        symmetrical=False,
        blank=True,
        related_name="macro_regions",
    )
    # A stable key for entries without an adcode (macro-regions, zones), so that
    # load_regions can update them in place.
    slug = models.SlugField(_("标识"), max_length=64, unique=True)

    evidence = GenericRelation("kb.Evidence", related_query_name="region")

    class Meta:
        verbose_name = _("地区")
        verbose_name_plural = _("地区")
        ordering = ["adcode", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
            models.CheckConstraint(
                condition=Q(adcode__isnull=True) | Q(adcode__regex=r"^[0-9]{6}$"),
                name="region_adcode_six_digits",
            ),
        ]

    def __str__(self):
        return self.name
