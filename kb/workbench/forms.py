"""The add-from-a-selection forms.  Each is built with the selection's
reading (kb.ingest.extract.selection), which gives its initial values and
narrows its choices to the places, organisations and people the selection
and its sentence name: the curator corrects and saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind
from kb.models import (
    DatePrecision,
    Organisation,
    OrganisationKind,
    Person,
    QuoteKind,
    Region,
    ReviewStatus,
    Source,
    search_pattern,
)

CHECKBOXES = forms.CheckboxSelectMultiple


def _alive(queryset):
    return queryset.exclude(review_status=ReviewStatus.REJECTED)


def organisations_named(names):
    names = [n for n in names if n]
    return _alive(Organisation.objects.filter(name__in=names)).order_by("name")


def people_named(names):
    names = [n for n in names if n]
    return _alive(Person.objects.filter(name__in=names)).order_by("name", "pk")


def regions_keyed(keys):
    return Region.objects.filter(slug__in=list(keys)).order_by("adcode", "name")


def source_events(source: Source):
    return _alive(Event.objects.filter(evidence__source=source)).distinct().order_by("title")


class SelectionForm(forms.Form):
    """Base: the span the record is drawn from (hidden, checked again by the
    service against the stored text)."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, reading, source: Source, **kwargs):
        self.reading, self.source = reading, source
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and not (start < end <= len(self.source.text)):
            raise forms.ValidationError(_("选区不在来源文本内。"))
        return data


class EventForm(SelectionForm):
    title = forms.CharField(label=_("标题"), max_length=300)
    kind = forms.ChoiceField(label=_("类型"), choices=EventKind.choices)
    start_date = forms.DateField(label=_("开始日期"), required=False)
    end_date = forms.DateField(label=_("结束日期"), required=False)
    date_precision = forms.ChoiceField(label=_("日期精度"), choices=DatePrecision.choices)
    regions = forms.ModelMultipleChoiceField(Region.objects.none(), label=_("地区"), required=False,
                                             widget=CHECKBOXES)
    organisers = forms.ModelMultipleChoiceField(Organisation.objects.none(), label=_("主办"),
                                                required=False, widget=CHECKBOXES)
    participants = forms.ModelMultipleChoiceField(Organisation.objects.none(), label=_("参与机构"),
                                                  required=False, widget=CHECKBOXES)
    people = forms.ModelMultipleChoiceField(Person.objects.none(), label=_("参与人物"), required=False,
                                            widget=CHECKBOXES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.reading.event
        self.fields["regions"].queryset = regions_keyed(event.region_keys)
        mentioned = organisations_named([*event.organisations, *self.reading.organisations])
        self.fields["organisers"].queryset = mentioned
        self.fields["participants"].queryset = mentioned
        self.fields["people"].queryset = people_named([*event.people, *self.reading.people])
        if not self.is_bound:
            self.initial.update(
                title=event.title, kind=event.kind, start_date=event.start_date,
                end_date=event.end_date, date_precision=event.precision,
                regions=list(self.fields["regions"].queryset.values_list("pk", flat=True)),
                organisers=list(organisations_named(event.organisations).values_list("pk", flat=True)),
                people=list(people_named(event.people).values_list("pk", flat=True)),
            )


class OrganisationForm(SelectionForm):
    name = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=OrganisationKind.choices)
    region = forms.ModelChoiceField(Region.objects.none(), label=_("地区"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        org = self.reading.organisation
        keys = [org.region_key] if org.region_key else []
        self.fields["region"].queryset = regions_keyed([*keys, *self.reading.region_keys])
        if not self.is_bound:
            region = regions_keyed(keys).first()
            self.initial.update(name=org.name, kind=org.kind, region=region.pk if region else None)


class PersonForm(SelectionForm):
    name = forms.CharField(label=_("姓名"), max_length=100)
    title = forms.CharField(label=_("职务"), max_length=100, required=False)
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("机构"), required=False)
    organisation_name = forms.CharField(label=_("机构名称(原文)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        person = self.reading.person
        self.fields["organisation"].queryset = organisations_named(
            [person.organisation, *self.reading.organisations])
        if not self.is_bound:
            org = organisations_named([person.organisation]).first()
            self.initial.update(name=person.name, title=person.title,
                                organisation=org.pk if org else None,
                                organisation_name=person.organisation)


class QuoteForm(SelectionForm):
    text = forms.CharField(label=_("引语"), widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=_("类型"), choices=QuoteKind.choices)
    speaker = forms.ModelChoiceField(Person.objects.none(), label=_("说话人"), required=False)
    speaker_label = forms.CharField(label=_("说话人(标签)"), max_length=100, required=False)
    speaker_title = forms.CharField(label=_("说话人职务"), max_length=200, required=False)
    speaker_organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("说话人机构"),
                                                  required=False)
    event = forms.ModelChoiceField(Event.objects.none(), label=_("活动"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        quote = self.reading.quote
        self.fields["speaker"].queryset = people_named([quote.speaker, *self.reading.people])
        self.fields["speaker_organisation"].queryset = organisations_named(
            [quote.speaker_organisation, *self.reading.organisations])
        self.fields["event"].queryset = source_events(self.source)
        if not self.is_bound:
            speaker = people_named([quote.speaker]).first()
            org = organisations_named([quote.speaker_organisation]).first()
            self.initial.update(
                text=quote.text, kind=quote.kind, speaker=speaker.pk if speaker else None,
                speaker_label=quote.speaker_label or ("" if speaker else quote.speaker),
                speaker_title=quote.speaker_title, speaker_organisation=org.pk if org else None,
            )


class LinkEventForm(SelectionForm):
    """"This source also reports event X": X found by a name search."""

    q = forms.CharField(label=_("按名称查找活动"), max_length=100, required=False)
    event = forms.ModelChoiceField(Event.objects.none(), label=_("活动"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        query = (self.data.get("q") if self.is_bound else None) or self.initial.get("q") \
            or self.reading.event.title
        self.initial.setdefault("q", query)
        pattern = search_pattern(query or "")
        events = _alive(Event.objects.all())
        if pattern:
            events = events.filter(search_text__contains=pattern)
        if pattern:
            ids = list(events.exclude(evidence__source=self.source, evidence__curator_made=True)
                       .order_by("-start_date", "pk").values_list("pk", flat=True).distinct()[:30])
            self.fields["event"].queryset = Event.objects.filter(pk__in=ids).order_by("-start_date", "pk")


class EventRegionForm(SelectionForm):
    """Add a place, as the selection names it, to one of the source's events."""

    event = forms.ModelChoiceField(Event.objects.none(), label=_("活动"))
    region = forms.ModelChoiceField(Region.objects.none(), label=_("地区"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = source_events(self.source)
        self.fields["region"].queryset = regions_keyed(self.reading.region_keys)
        if not self.is_bound:
            first = self.fields["region"].queryset.first()
            self.initial.update(region=first.pk if first else None)


FORMS = {
    "event": (EventForm, _("新活动")),
    "organisation": (OrganisationForm, _("新机构")),
    "person": (PersonForm, _("新人物")),
    "quote": (QuoteForm, _("新引语")),
    "link": (LinkEventForm, _("本文也报道了某活动")),
    "region": (EventRegionForm, _("为活动添加地区")),
}
