"""The public site's filters for the knowledge-base tables, one FilterSet per
table, shared by each HTML list and its CSV export (the same query string
selects the same rows in both).

Query parameters are part of the public contract: rename nothing here
without keeping the old name working.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from kb import dates
from kb.models import (
    Organisation,
    OrganisationKind,
    Person,
    Quote,
    QuoteKind,
    Region,
    RegionLevel,
    Script,
    Source,
    search_pattern,
)
from kb.selectors.public import people_public, search_query_text
from kb.selectors.regions import RegionTree, region_tree_cached

# Longer queries are certainly not a name or a phrase someone typed.
MAX_QUERY_LENGTH = 100


# Fields ------------------------------------------------------------------------------


class PartialDateField(forms.CharField):
    """`2024`, `2024-04` or `2024-04-09`, cleaned to the first day of its
    period (a lower bound) or the last (an upper bound)."""

    default_error_messages = {
        "invalid": _("日期应写作 YYYY、YYYY-MM 或 YYYY-MM-DD，例如 2024、2024-04、2024-04-09。"),
    }

    def __init__(self, *, upper: bool = False, **kwargs):
        self.upper = upper
        super().__init__(**kwargs)

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        # Checked here, not with max_length: validators see the cleaned date.
        if len(text) > 10:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            start, precision = dates.parse_partial_iso(text)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        first, last = dates.period_bounds(start, precision)
        return last if self.upper else first


class YesNoField(forms.Field):
    """1/0, true/false, yes/no, on/off; empty means "either"."""

    default_error_messages = {"invalid": _("请填写 1（是）或 0（否）。")}
    TRUE = {"1", "true", "yes", "on"}
    FALSE = {"0", "false", "no", "off"}

    def to_python(self, value):
        text = (value or "").strip().lower()
        if not text:
            return None
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class SearchField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(**kwargs)


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


class YesNoFilter(django_filters.Filter):
    field_class = YesNoField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class PublicForm(forms.Form):
    """Cross-field checks shared by every public filter form."""

    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if isinstance(after, dt.date) and isinstance(before, dt.date) and after > before:
            raise forms.ValidationError(_("开始日期晚于结束日期。"), code="date_range")
        return cleaned


# The shared base ----------------------------------------------------------------------


class PublicFilterSet(django_filters.FilterSet):
    """A FilterSet that can leave some of its filters out (for facet counts:
    the count beside each kind is for the current *other* filters), reads
    the region tree at most once, and says what went wrong in words."""

    class Meta:
        form = PublicForm

    @cached_property
    def tree(self) -> RegionTree:
        return region_tree_cached(using=self.queryset.db)

    def qs_without(self, *names: str) -> QuerySet:
        """The queryset with every valid filter applied except `names`."""
        queryset = self.queryset.all()
        if self.is_bound and self.is_valid():
            for name, value in self.form.cleaned_data.items():
                if name not in names:
                    queryset = self.filters[name].filter(queryset, value)
        return queryset

    def error_messages(self) -> list[str]:
        messages = []
        for name, errors in self.form.errors.items():
            label = self.filters[name].label if name in self.filters else None
            for error in errors:
                messages.append(f"{label}（{name}）：{error}" if label else str(error))
        return messages

    def cleaned(self, name: str):
        """A cleaned value of a valid form (None otherwise)."""
        if self.is_bound and self.is_valid():
            return self.form.cleaned_data.get(name)
        return None

    # Shared filter methods.

    def filter_region_field(self, queryset, field_name: str, region: Region):
        """Rows whose `field_name` is the region or any region inside it:
        the id set comes from the in-memory tree, not a recursive query."""
        return queryset.filter(**{f"{field_name}__in": sorted(self.tree.expand(region.pk))})


def text_query(value: str) -> str:
    return search_query_text(value)


# Tables ------------------------------------------------------------------------------


class OrganisationFilter(PublicFilterSet):
    kind = django_filters.MultipleChoiceFilter(
        label=_("类型"), choices=OrganisationKind.choices, method="filter_kind"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("地区"), queryset=Region.objects.all(), method="filter_region"
    )
    q = SearchFilter(label=_("搜索"), method="filter_q")

    class Meta(PublicFilterSet.Meta):
        model = Organisation
        fields = []

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value)

    def filter_region(self, queryset, name, value):
        return self.filter_region_field(queryset, "region_id", value)

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_text__contains=search_pattern(value))


class PersonFilter(PublicFilterSet):
    q = SearchFilter(label=_("搜索"), method="filter_q")

    class Meta(PublicFilterSet.Meta):
        model = Person
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(search_text__contains=search_pattern(value))


class QuoteFilter(PublicFilterSet):
    speaker = django_filters.ModelChoiceFilter(
        label=_("说话人"), queryset=lambda request: people_public(), field_name="speaker"
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=QuoteKind.choices)
    q = SearchFilter(label=_("搜索"), method="filter_q")

    class Meta(PublicFilterSet.Meta):
        model = Quote
        fields = []

    def filter_q(self, queryset, name, value):
        simplified = text_query(value)
        return queryset.filter(
            Q(text__icontains=simplified)
            | Q(text_original__icontains=value.strip())
            | Q(speaker__search_text__contains=search_pattern(value))
            | Q(speaker_label__icontains=simplified)
        )


class SourceFilter(PublicFilterSet):
    outlet = django_filters.CharFilter(label=_("媒体"), field_name="outlet")
    script = django_filters.ChoiceFilter(label=_("文字"), choices=Script.choices)
    q = SearchFilter(label=_("搜索"), method="filter_q")
    date_after = PartialDateFilter(label=_("发布日期起"), field_name="published_date", lookup_expr="gte")
    date_before = PartialDateFilter(
        label=_("发布日期止"), field_name="published_date", lookup_expr="lte", upper=True
    )

    class Meta(PublicFilterSet.Meta):
        model = Source
        fields = []

    def filter_q(self, queryset, name, value):
        simplified = text_query(value)
        return queryset.filter(
            Q(title__icontains=simplified)
            | Q(title_original__icontains=value.strip())
            | Q(text__icontains=simplified)
        )


class RegionFilter(PublicFilterSet):
    level = django_filters.ChoiceFilter(label=_("级别"), choices=RegionLevel.choices)
    q = SearchFilter(label=_("搜索"), method="filter_q")

    class Meta(PublicFilterSet.Meta):
        model = Region
        fields = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(name__icontains=text_query(value))
