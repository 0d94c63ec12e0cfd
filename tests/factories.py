"""factory-boy factories for every model, shared by the whole test suite.

Defaults are small, valid, Chinese records; pass what a test is about.

    org = OrganisationFactory(name="中国产业发展促进会")
    EventRoleFactory(event=event, organisation=org, role=Role.GUIDE)
    EvidenceFactory(record=org, source=source, start=0, end=9)
"""

import datetime as dt
import hashlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType

from events.models import Event, EventKind, EventRole, Role
from kb.models import (
    CreditRole,
    DatePrecision,
    Evidence,
    Organisation,
    OrganisationKind,
    Person,
    Position,
    Quote,
    QuoteKind,
    Region,
    RegionLevel,
    Script,
    Source,
    SourceCredit,
)

ARTICLE = (
    "6月7日，由中国产业发展促进会指导的县域经济高质量发展论坛在北京举行。"
    "来自全国各地的200余名代表参加论坛。"
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"curator{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = False
    is_superuser = False
    password = factory.django.Password("correct horse battery staple")


class StaffUserFactory(UserFactory):
    """A curator: staff with every permission."""

    is_staff = True
    is_superuser = True


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    file_name = factory.Sequence(lambda n: f"{n:03d}_article.txt")
    content_hash = factory.LazyAttribute(lambda s: hashlib.sha256(s.file_name.encode()).hexdigest())
    encoding = "utf-8"
    outlet = "新华网"
    title = factory.Sequence(lambda n: f"县域经济高质量发展论坛在京举行（{n}）")
    title_original = factory.SelfAttribute("title")
    published_date = dt.date(2025, 6, 7)
    published_precision = DatePrecision.DAY
    script = Script.SIMPLIFIED
    raw_text = ARTICLE
    text_original = ARTICLE
    text = ARTICLE
    repair_log = factory.LazyFunction(list)
    terms = factory.LazyFunction(list)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    name_original = ""
    aliases = factory.LazyFunction(list)


class SourceCreditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceCredit

    source = factory.SubFactory(SourceFactory)
    person = None
    name = factory.Sequence(lambda n: f"记者{n}")
    role = CreditRole.REPORTER
    role_original = "记者"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"地区{n}")
    level = RegionLevel.PROVINCE
    parent = None
    adcode = None
    slug = factory.Sequence(lambda n: f"region-{n}")
    aliases = factory.LazyFunction(list)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"产业发展促进会{n}")
    name_original = ""
    aliases = factory.LazyFunction(list)
    kind = OrganisationKind.ASSOCIATION
    region = None
    parent = None


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    title = "会长"
    organisation = factory.SubFactory(OrganisationFactory)
    organisation_name = factory.LazyAttribute(
        lambda p: p.organisation.name if p.organisation else ""
    )
    as_of = dt.date(2025, 6, 7)
    as_of_precision = DatePrecision.DAY
    source = factory.SubFactory(SourceFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"县域经济高质量发展论坛{n}")
    title_original = ""
    kind = EventKind.FORUM
    start_date = dt.date(2025, 6, 7)
    date_precision = DatePrecision.DAY

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        # One by one: the link rows' order is the order pages and exports show.
        if create and extracted:
            for region in extracted:
                self.regions.add(region)


class EventRoleFactory(factory.django.DjangoModelFactory):
    """An organisation's role by default; pass person=… and
    organisation=None for a person's."""

    class Meta:
        model = EventRole

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    person = None
    role = Role.ORGANISER
    role_original = "主办"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    text = "要把县域经济作为高质量发展的重要支撑。"
    text_original = factory.SelfAttribute("text")
    kind = QuoteKind.DIRECT
    speaker = factory.SubFactory(PersonFactory)
    speaker_title = "会长"
    speaker_organisation = None
    event = None
    source = factory.SubFactory(SourceFactory)


class EvidenceFactory(factory.django.DjangoModelFactory):
    """Provenance for `record` (any model; an organisation by default)."""

    class Meta:
        model = Evidence
        exclude = ("record",)

    record = factory.SubFactory(OrganisationFactory)
    source = factory.SubFactory(SourceFactory)
    content_type = factory.LazyAttribute(lambda e: ContentType.objects.get_for_model(e.record))
    object_id = factory.SelfAttribute("record.pk")
    # 中国产业发展促进会 in ARTICLE
    start = 6
    end = 15
    sentence = factory.LazyAttribute(lambda e: e.source.text.split("。")[0] + "。")
    note = ""


__all__ = [
    "ARTICLE",
    "EventFactory",
    "EventRoleFactory",
    "EvidenceFactory",
    "OrganisationFactory",
    "PersonFactory",
    "PositionFactory",
    "QuoteFactory",
    "RegionFactory",
    "SourceCreditFactory",
    "SourceFactory",
    "StaffUserFactory",
    "UserFactory",
]
