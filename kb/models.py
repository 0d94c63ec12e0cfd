"""The knowledge base: sources, the region gazetteer, organisations, people,
their positions, quotes, and the provenance that ties every imported record
to the article span it came from.

Every record the importer creates carries a curation state (CuratedModel):
re-import never overwrites a record a curator has reviewed or edited, and a
rejected record stays behind as a tombstone so that re-import cannot bring it
back.  Merged duplicates are tombstones too: they point at the record they
were merged into, so the importer follows the pointer instead of recreating
them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb import dates

# search_text stores every character between separators ("\x1f长\x1f三\x1f角\x1f").
# A query becomes the same shape (search_pattern), so a LIKE on it finds the
# characters in order on every database, and on PostgreSQL each character
# is a word of its own to pg_trgm: a one- or two-character query still has
# trigrams, so the trigram index (events migration 0003) serves it.
SEARCH_SEPARATOR = "\x1f"
_CONTROL = dict.fromkeys(range(32))


def _search_normal(text: str) -> str:
    from kb.chinese import to_simplified

    return to_simplified(str(text)).casefold().translate(_CONTROL)


def _separated(text: str) -> str:
    return SEARCH_SEPARATOR + SEARCH_SEPARATOR.join(text) + SEARCH_SEPARATOR if text else ""


def search_text_of(*parts) -> str:
    """What text search matches for a record: its texts in Simplified and
    case-folded, characters separated, one text per line.  The public site
    converts a query the same way (search_pattern), so a Traditional query
    finds a Simplified record and the reverse.  Stored denormalised
    (search_text) because converting at query time cannot use an index."""
    texts = []
    for part in parts:
        for text in part if isinstance(part, (list, tuple)) else [part]:
            normal = _search_normal(text) if text else ""
            if normal:
                texts.append(_separated(normal))
    return "\n".join(texts)


def search_pattern(query: str) -> str:
    """A visitor's query in search_text's shape ("" for an empty query)."""
    return _separated(_search_normal(query.strip()))


class SearchTextMixin:
    """save() keeps `search_text` in step with the fields named in
    `search_field_names`; bulk writes (bulk_create, update) bypass save() and
    must call the refresh services in events.services."""

    search_field_names: tuple[str, ...] = ()

    def search_fields(self) -> tuple:
        return tuple(getattr(self, name) or "" for name in self.search_field_names)

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(*self.search_fields())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


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


class DataVersion(models.Model):
    """One row: a number every import and every curator save moves on.

    Public pages are cached under it (kb.middleware_cache): a write moves
    it, and the next request renders afresh, in every worker process, with
    no fixed-delay staleness.  Moved by kb.services.data_version (signals
    on every record model, and the writers that bypass signals)."""

    version = models.BigIntegerField(_("版本"), default=1)
    changed_at = models.DateTimeField(_("变更时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self):
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


__all__ = [
    "CreditRole",
    "DataVersion",
    "SearchTextMixin",
    "CuratedModel",
    "DatePrecision",
    "Evidence",
    "Organisation",
    "OrganisationKind",
    "Person",
    "Position",
    "Quote",
    "QuoteKind",
    "Region",
    "RegionLevel",
    "ReviewStatus",
    "Script",
    "Source",
    "search_pattern",
    "search_text_of",
    "SourceCredit",
]
