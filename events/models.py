"""Events (forums, trainings, alliances, agreements, visits, foundings) and
the roles that organisations and people play in them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed
from django.utils.translation import gettext_lazy as _

from kb import dates
from kb.event_identity import GENERATED_TITLE, event_name_key
from kb.models import CuratedModel, DatePrecision, SearchTextMixin

# Event.region_tops of an event linked to no region (true under any gazetteer).
NO_REGIONS = "-"


class EventKind(models.TextChoices):
    FORUM = "forum", _("论坛")
    TRAINING = "training", _("培训")
    ALLIANCE = "alliance", _("联盟")
    AGREEMENT = "agreement", _("协议")
    VISIT = "visit", _("考察")
    FOUNDING = "founding", _("成立")
    OTHER = "other", _("其他")


class Event(SearchTextMixin, CuratedModel):
    title = models.CharField(_("标题"), max_length=300)
    title_original = models.CharField(_("原文标题"), max_length=300, blank=True)
    kind = models.CharField(
        _("类型"), max_length=10, choices=EventKind.choices, default=EventKind.OTHER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    date_precision = models.CharField(
        _("日期精度"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.UNKNOWN,
    )
    # The whole period the event covers at its precision (an event of 2024 with
    # year precision spans 2024-01-01..2024-12-31), kept in step by save() so
    # that date-range filters are two indexed comparisons.
    span_start = models.DateField(_("时段起"), null=True, blank=True, editable=False)
    span_end = models.DateField(_("时段止"), null=True, blank=True, editable=False)
    regions = models.ManyToManyField(
        "kb.Region", verbose_name=_("地区"), blank=True, related_name="events"
    )
    participants = models.PositiveIntegerField(_("参与人数"), null=True, blank=True)
    participants_approximate = models.BooleanField(_("人数为约数"), default=False)
    summary = models.TextField(_("摘要"), blank=True)
    terms = models.JSONField(_("引号术语"), default=list, blank=True)
    # title, title_original and summary, Simplified and case-folded
    # (kb.models.search_text_of), kept in step by save() and by
    # events.services.events_refresh_search for bulk writes.  On PostgreSQL
    # a trigram index on it (migration 0003) serves one- and two-character
    # queries too, because every character stands between separators.
    search_text = models.TextField(_("检索文本"), blank=True, default="", editable=False)
    # The top regions (macro-regions and provinces, RegionTree.top_regions)
    # the event lies in, for the timeline's region facet: "<tree digest>:
    # <id>,<id>…" (ascending), NO_REGIONS for an event linked to no region,
    # "" when not computed.  Kept in step by events.services (the refresh
    # services and the region-link signal below); a row computed with
    # another gazetteer (its digest differs) is counted the exact, slow way
    # until it is refreshed, so the facet is right either way.
    region_tops = models.TextField(_("所属顶级地区"), blank=True, default="", editable=False)
    # When a refresh last changed a denormalised column (the refresh also
    # moves the data version, which the timeline's caches key on).
    denormalised_at = models.DateTimeField(_("派生列更新时间"), null=True, blank=True, editable=False)
    # The event's name as other reports give it (kb.event_identity): how an
    # article finds the event another article already reported.
    name_key = models.CharField(_("名称键"), max_length=300, blank=True, default="", editable=False)

    evidence = GenericRelation("kb.Evidence", related_query_name="event")

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["start_date", "id"], name="event_timeline_idx"),
            models.Index(fields=["kind", "start_date"], name="event_kind_date_idx"),
            models.Index(fields=["span_start", "span_end"], name="event_span_idx"),
            # "What changed lately" reads; MAX() of these two was the
            # timeline cache's fingerprint before the data version.
            models.Index(fields=["updated_at"], name="event_updated_idx"),
            models.Index(fields=["denormalised_at"], name="event_denormalised_idx"),
            models.Index(fields=["kind", "name_key"], name="event_name_key_idx"),
            # Everything the timeline's facets and chart group by, so that
            # both read this index alone (an index-only scan) rather than
            # the wide rows.
            models.Index(
                fields=["kind", "region_tops", "start_date", "date_precision", "review_status"],
                name="event_summary_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=models.F("start_date")),
                name="event_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=False) | Q(date_precision=dates.UNKNOWN),
                name="event_undated_has_unknown_precision",
            ),
        ]

    def __str__(self):
        return self.title

    search_field_names = ("title", "title_original", "summary")

    def save(self, *args, **kwargs):
        self.span_start, self.span_end = self.compute_span()
        self.name_key = self.compute_name_key()
        if self._state.adding and not self.region_tops:
            # A new row has no region links yet (they are written after it).
            self.region_tops = NO_REGIONS
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "span_start", "span_end", "name_key"}
        super().save(*args, **kwargs)

    def compute_name_key(self) -> str:
        """The name other reports of this event give it (kb.event_identity);
        none for a title the importer made up, unless a curator edited it."""
        generated = GENERATED_TITLE in self.flag_reason and not self.curator_edited
        return event_name_key(self.kind, self.title, generated=generated)

    def compute_span(self):
        first, last = dates.period_bounds(self.start_date, self.date_precision)
        if self.end_date is not None and first is not None:
            last = dates.period_bounds(self.end_date, self.date_precision)[1]
        return first, last

    @property
    def date_display_iso(self) -> str:
        return dates.iso_at_precision(self.start_date, self.date_precision)


class Role(models.TextChoices):
    ORGANISER = "organiser", _("主办")
    CO_ORGANISER = "co_organiser", _("协办")
    HOST = "host", _("承办")
    GUIDE = "guide", _("指导")
    SUPPORTER = "supporter", _("支持")
    LEAD = "lead", _("牵头")
    FOUNDING_MEMBER = "founding_member", _("发起/首批成员")
    PARTICIPANT = "participant", _("参与")
    CHAIR = "chair", _("主持")
    KEYNOTE = "keynote", _("主旨演讲")
    SPEAKER = "speaker", _("发言")


class EventRole(models.Model):
    """An organisation or a person taking part in an event in some role."""

    event = models.ForeignKey(
        Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(
        "kb.Organisation",
        verbose_name=_("机构"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_roles",
    )
    person = models.ForeignKey(
        "kb.Person",
        verbose_name=_("人物"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_roles",
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    role_original = models.CharField(_("原文角色"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("活动角色")
        verbose_name_plural = _("活动角色")
        ordering = ["event", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False, person__isnull=True)
                           | Q(organisation__isnull=True, person__isnull=False)),
                name="eventrole_exactly_one_party",
            ),
            models.UniqueConstraint(
                fields=["event", "organisation", "role"],
                condition=Q(organisation__isnull=False),
                name="eventrole_unique_organisation_role",
            ),
            models.UniqueConstraint(
                fields=["event", "person", "role"],
                condition=Q(person__isnull=False),
                name="eventrole_unique_person_role",
            ),
        ]

    def __str__(self):
        party = self.organisation or self.person
        return f"{party} ({self.get_role_display()})"


class EventArea(models.Model):
    """An event lies in this map area (RegionTree.map_areas: a city, or a
    county-level unit its province governs directly): derived from its
    region links and the gazetteer, like Event.region_tops, and kept in step
    by events.services.  What a map below the country counts: an index-only
    read of (area, event) instead of every link under the areas joined to
    their regions."""

    moves_data_version = False  # kb.services.data_version: the refresh moves it
    # Indexed by the constraint (event, area) and the index (area, event).
    event = models.ForeignKey(Event, verbose_name=_("活动"), on_delete=models.CASCADE, related_name="+",
                              db_index=False)
    area = models.ForeignKey("kb.Region", verbose_name=_("地图区域"), on_delete=models.CASCADE, related_name="+",
                             db_index=False)

    class Meta:
        verbose_name = _("活动所在地图区域")
        verbose_name_plural = _("活动所在地图区域")
        constraints = [models.UniqueConstraint(fields=["event", "area"], name="eventarea_unique")]
        indexes = [models.Index(fields=["area", "event"], name="eventarea_area_event_idx")]

    def __str__(self):
        return f"{self.event_id} → {self.area_id}"


class EventsRefreshed(models.Model):
    """One row: the gazetteer (RegionTree.digest) every event's derived rows
    were last computed with, as a whole (a migration, or
    events.services.events_refresh_all).  Event.region_tops carries its
    digest on each row; EventArea rows carry none, so the maps read them
    only while this digest is the tree's, and count the exact, slow way
    otherwise (a gazetteer changed since, until the next whole refresh)."""

    moves_data_version = False

    digest = models.CharField(_("地区树指纹"), max_length=40)
    refreshed_at = models.DateTimeField(_("刷新时间"), auto_now=True)

    class Meta:
        verbose_name = _("活动派生数据刷新")
        verbose_name_plural = _("活动派生数据刷新")

    def __str__(self):
        return f"{self.digest} ({self.refreshed_at:%Y-%m-%d %H:%M:%S})"


def _event_regions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Keep Event.region_tops in step when region links change through the
    ORM (admin, import-export, `event.regions.set(...)`).  Bulk writers that
    write the link table directly call events_refresh_denormalised."""
    from events.services import events_refresh_region_links_changed

    events_refresh_region_links_changed(
        instance=instance, action=action, reverse=reverse, pk_set=pk_set, using=kwargs.get("using")
    )


m2m_changed.connect(
    _event_regions_changed, sender=Event.regions.through, dispatch_uid="events_region_tops"
)
