"""The events FilterSet, shared by the timeline and its CSV, iCalendar and
JSON exports.

Query parameters (public contract): kind (repeatable), region,
organisation, person, date_after, date_before, q, has_quotes, status,
order.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kb.filters import PartialDateFilter, PublicFilterSet, SearchFilter, YesNoFilter
from kb.models import Region, ReviewStatus, search_pattern
from kb.selectors.public import organisations_public, people_public, quotes_public

from .models import NO_REGIONS, Event, EventKind, EventRole

ORDER_CHOICES = (("-date", _("最新在前")), ("date", _("最早在前")))
STATUS_CHOICES = ((ReviewStatus.REVIEWED.value, _("仅看已审核")),)


def events_matching(queryset: QuerySet[Event], q: str) -> QuerySet[Event]:
    """Events whose title, original title or summary contain q, in either
    script: search_text and the pattern are both Simplified, case-folded and
    character-separated (kb.models.search_text_of).  On PostgreSQL the
    trigram index of migration 0003 serves this LIKE for any query length."""
    pattern = search_pattern(q)
    return queryset.filter(search_text__contains=pattern) if pattern else queryset


class EventFilter(PublicFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("类型"), choices=EventKind.choices, method="filter_kind"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("地区"), queryset=Region.objects.all(), method="filter_region"
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("机构"), queryset=lambda request: organisations_public(), method="filter_organisation"
    )
    person = django_filters.ModelChoiceFilter(
        label=_("人物"), queryset=lambda request: people_public(), method="filter_person"
    )
    date_after = PartialDateFilter(label=_("起始日期"), method="filter_date_after")
    date_before = PartialDateFilter(label=_("截止日期"), method="filter_date_before", upper=True)
    q = SearchFilter(label=_("搜索"), method="filter_q")
    has_quotes = YesNoFilter(label=_("有引语"), method="filter_has_quotes")
    status = django_filters.ChoiceFilter(
        label=_("审核状态"), choices=STATUS_CHOICES, field_name="review_status"
    )
    # Validated here so that a bad value gets a message; applied by the
    # timeline selector, which owns the ordering.
    order = django_filters.ChoiceFilter(label=_("排序"), choices=ORDER_CHOICES, method="keep")

    class Meta(PublicFilterSet.Meta):
        model = Event
        fields = []

    @property
    def newest_first(self) -> bool:
        return self.cleaned("order") != "date"

    def keep(self, queryset, name, value):
        return queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value)

    def filter_region(self, queryset, name, value):
        return queryset.filter(self.region_q(value))

    def region_q(self, region: Region) -> Q:
        """Events in the region, its descendants and (for a macro-region)
        its members.

        A subquery on the link table rather than regions__in: no join on
        the main query, so no duplicate rows and no DISTINCT.  For a top
        region (a macro-region or a province: the ones the facet offers)
        an event whose Event.region_tops is current is matched on that
        column instead, a test on the row itself: 长三角 alone expands to
        hundreds of regions and tens of thousands of links at 100,000
        events, which the database would otherwise hash on every query.
        Events whose region_tops is stale still go through the links."""
        links = Event.regions.through.objects.filter(region_id__in=sorted(self.tree.expand(region.pk)))
        linked = Q(pk__in=links.values("event_id"))
        if not self.tree.is_top(region.pk):
            return linked
        current = f"{self.tree.digest}:"
        fresh = Q(region_tops=NO_REGIONS) | Q(region_tops__startswith=current)
        in_top = Q(region_tops__startswith=current) & Q(region_tops__contains=f",{region.pk},")
        return in_top | (~fresh & linked)

    def filter_organisation(self, queryset, name, value):
        return queryset.filter(pk__in=EventRole.objects.filter(organisation=value).values("event_id"))

    def filter_person(self, queryset, name, value):
        return queryset.filter(pk__in=EventRole.objects.filter(person=value).values("event_id"))

    def filter_date_after(self, queryset, name, value):
        # Overlap at the event's precision: its period ends on or after the
        # first day asked for.  Undated events have no span and drop out.
        return queryset.filter(span_end__gte=value)

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(span_start__lte=value)

    def filter_q(self, queryset, name, value):
        return events_matching(queryset, value)

    def filter_has_quotes(self, queryset, name, value):
        quoted = Exists(quotes_public().filter(event_id=OuterRef("pk")))
        return queryset.filter(quoted if value else ~quoted)
