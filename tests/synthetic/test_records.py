"""kb.synthetic.records and `make_synthetic --events`: synthetic records in
the database.

300 events of seed 7 are built once for the module, inside a transaction
that is rolled back when the module is done; each test runs in a savepoint
of its own on top of them.
"""

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F

from events.models import Event, EventKind, EventRole, Role
from events.services import (
    events_refresh_denormalised,
    organisations_refresh_search,
    people_refresh_search,
)
from kb.models import Evidence, Organisation, Person, Position, Quote, Region, Source
from kb.synthetic.places import CHENGYU, GBA, JJJ, YRD, Gazetteer, fixture_rows
from kb.synthetic.records import synthetic_build, synthetic_clear
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    OrganisationFactory,
    QuoteFactory,
    SourceFactory,
)

EVENTS = 300
SEED = 7


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        counts = synthetic_build(events=EVENTS, seed=SEED)
        yield counts
        transaction.set_rollback(True)


def synthetic(model):
    return model.objects.filter(import_key__startswith=f"synthetic:{SEED}:")


def snapshot() -> dict:
    """Every synthetic row by its import key, without database ids."""
    keys = {e.pk: e.import_key for e in synthetic(Event)}
    regions: dict[int, list[str]] = {}
    for event_id, slug in Event.regions.through.objects.filter(event_id__in=keys).order_by("id") \
            .values_list("event_id", "region__slug"):
        regions.setdefault(event_id, []).append(slug)
    return {
        "events": [
            (e.import_key, e.title, e.kind, e.start_date, e.end_date, e.date_precision, keys.get(e.parent_id),
             e.participants, e.summary, e.review_status, e.search_text, regions.get(e.pk))
            for e in synthetic(Event).order_by("import_key")
        ],
        "roles": sorted((r.event.import_key, r.role, r.organisation and r.organisation.import_key,
                         r.person and r.person.import_key)
                        for r in EventRole.objects.filter(event__in=synthetic(Event))
                        .select_related("event", "organisation", "person")),
        "organisations": list(synthetic(Organisation).order_by("import_key")
                              .values_list("import_key", "name", "kind", "aliases", "region__slug")),
        "people": list(synthetic(Person).order_by("import_key").values_list("import_key", "name")),
        "quotes": list(synthetic(Quote).order_by("import_key").values_list("import_key", "text", "kind")),
        "sources": list(synthetic(Source).order_by("import_key").values_list("import_key", "title", "text")),
    }


# --- counts and kinds ------------------------------------------------------


@pytest.mark.django_db
def test_synthetic_build_exact_number_of_events_of_every_kind(built):
    assert built["event"] == EVENTS
    assert synthetic(Event).count() == EVENTS
    kinds = Counter(synthetic(Event).values_list("kind", flat=True))
    assert set(kinds) == set(EventKind.values)
    assert kinds["forum"] == max(kinds.values())


@pytest.mark.django_db
def test_synthetic_build_loads_the_gazetteer_into_an_empty_region_table(built):
    assert Region.objects.count() == len(fixture_rows())


@pytest.mark.django_db
def test_synthetic_build_dates_from_2015_to_2026_mostly_to_the_day(built):
    precisions = Counter(synthetic(Event).values_list("date_precision", flat=True))
    assert precisions["day"] > 0.75 * EVENTS
    assert precisions["month"] and precisions["year"] and precisions["unknown"]
    years = {d.year for d in synthetic(Event).exclude(start_date=None).values_list("start_date", flat=True)}
    assert years <= set(range(2015, 2027)) and len(years) >= 8
    assert not synthetic(Event).filter(start_date=None).exclude(date_precision="unknown").exists()
    assert not synthetic(Event).filter(end_date__lt=F("start_date")).exists()


@pytest.mark.django_db
def test_synthetic_build_children_point_at_parents_of_the_same_build(built):
    children = synthetic(Event).exclude(parent=None).select_related("parent")
    assert children.count() > 0.2 * EVENTS
    assert all(c.parent.import_key.startswith(f"synthetic:{SEED}:") and c.parent.parent_id is None
               for c in children)
    pairs = Counter((c.parent.kind, c.kind) for c in children)
    assert pairs[("visit", "visit")] or pairs[("training", "visit")]
    assert pairs[("forum", "alliance")] + pairs[("forum", "agreement")] > 0


@pytest.mark.django_db
def test_synthetic_build_regions_from_the_gazetteer_half_in_the_yangtze_delta(built):
    gazetteer = Gazetteer(fixture_rows())
    known = {row["slug"] for row in fixture_rows()}
    cluster_of = {p.slug: c for c, places in gazetteer.clusters.items() for p in places}
    first = {}
    for event_id, slug in Event.regions.through.objects.filter(event__in=synthetic(Event)).order_by("id") \
            .values_list("event_id", "region__slug"):
        assert slug in known
        first.setdefault(event_id, slug)
    assert len(first) == EVENTS  # every event has a place
    clusters = Counter(cluster_of.get(slug, "macro") for slug in first.values())
    assert 0.35 * EVENTS < clusters[YRD] < 0.65 * EVENTS
    assert clusters[YRD] > clusters[GBA] > 0 and clusters[JJJ] > 0 and clusters[CHENGYU] > 0
    macro_links = Event.regions.through.objects.filter(event__in=synthetic(Event), region__level="macro")
    assert macro_links.exists()


@pytest.mark.django_db
def test_synthetic_build_organisations_and_people_reused_across_events(built):
    organisations, people = synthetic(Organisation).count(), synthetic(Person).count()
    assert 0.1 * EVENTS < organisations < 0.6 * EVENTS
    assert 0.1 * EVENTS < people < 0.6 * EVENTS
    uses = Counter(EventRole.objects.filter(event__in=synthetic(Event)).exclude(organisation=None)
                   .values_list("organisation_id", flat=True))
    assert max(uses.values()) >= 5
    roles = set(EventRole.objects.filter(event__in=synthetic(Event)).values_list("role", flat=True))
    assert roles >= {Role.ORGANISER, Role.HOST, Role.GUIDE, Role.SUPPORTER, Role.LEAD, Role.FOUNDING_MEMBER,
                     Role.CHAIR, Role.KEYNOTE, Role.SPEAKER, Role.PARTICIPANT}
    assert Position.objects.filter(person__in=synthetic(Person)).exists()
    kinds = set(synthetic(Organisation).values_list("kind", flat=True))
    assert {"government", "company", "alliance", "university", "research"} <= kinds


@pytest.mark.django_db
def test_synthetic_build_quotes_sources_and_review_states_in_proportion(built):
    quotes, sources = synthetic(Quote).count(), synthetic(Source).count()
    assert 0.2 * EVENTS < quotes < 0.5 * EVENTS
    assert 0.35 * EVENTS < sources < 0.7 * EVENTS
    assert set(synthetic(Quote).values_list("kind", flat=True)) == {"direct", "indirect"}
    states = Counter(synthetic(Event).values_list("review_status", flat=True))
    assert states["auto"] > 0.75 * EVENTS and states["reviewed"] and states["rejected"]
    assert not synthetic(Event).exclude(review_status="auto").filter(reviewed_at=None).exists()


# --- provenance ------------------------------------------------------------


@pytest.mark.django_db
def test_synthetic_build_every_evidence_span_names_its_record_in_its_source(built):
    names = {
        ContentType.objects.get_for_model(Event).pk: dict(synthetic(Event).values_list("id", "title")),
        ContentType.objects.get_for_model(Organisation).pk: dict(synthetic(Organisation).values_list("id", "name")),
        ContentType.objects.get_for_model(Person).pk: dict(synthetic(Person).values_list("id", "name")),
        ContentType.objects.get_for_model(Quote).pk: dict(synthetic(Quote).values_list("id", "text")),
        ContentType.objects.get_for_model(Region).pk: dict(Region.objects.values_list("id", "name")),
    }
    texts = dict(synthetic(Source).values_list("id", "text"))
    spans = Evidence.objects.filter(source_id__in=texts).values_list(
        "source_id", "content_type_id", "object_id", "start", "end", "sentence")
    seen = Counter()
    for source_id, ct, object_id, start, end, sentence in spans:
        text = texts[source_id]
        assert 0 <= start < end <= len(text)
        assert text[start:end] == names[ct][object_id]
        assert text[start:end] in sentence and sentence in text
        seen[ct] += 1
    assert len(seen) == 5  # events, organisations, people, quotes and regions all have provenance
    alliances = synthetic(Organisation).filter(kind="alliance").values("pk")
    supported = Evidence.objects.filter(content_type=ContentType.objects.get_for_model(Organisation),
                                        object_id__in=alliances).order_by().values("object_id").distinct()
    # Named at the head of their launch's title (unless nobody reported it).
    assert supported.count() >= 0.8 * alliances.count() > 0
    events_with_source = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(Event), object_id__in=synthetic(Event).values("pk"))
    assert events_with_source.order_by().values("object_id").distinct().count() > 0.8 * EVENTS


@pytest.mark.django_db
def test_synthetic_build_source_text_holds_the_events_it_reports(built):
    source = synthetic(Source).order_by("import_key").first()
    event_ids = Evidence.objects.filter(source=source, content_type=ContentType.objects.get_for_model(Event)) \
        .values_list("object_id", flat=True)
    titles = Event.objects.filter(pk__in=event_ids).values_list("title", flat=True)
    assert titles and all(title in source.text for title in titles)
    assert source.text.startswith(source.title)
    assert source.pipeline_version == "synthetic" and source.credits.exists()


# --- denormalised columns --------------------------------------------------


@pytest.mark.django_db
def test_synthetic_build_denormalised_columns_need_no_refresh(built):
    events = list(synthetic(Event))
    assert all((e.span_start, e.span_end) == e.compute_span() for e in events)
    assert events_refresh_denormalised(event_ids=[e.pk for e in events]) == 0
    assert organisations_refresh_search(organisation_ids=synthetic(Organisation).values_list("pk", flat=True)) == 0
    assert people_refresh_search(person_ids=synthetic(Person).values_list("pk", flat=True)) == 0


# --- determinism and clearing ----------------------------------------------


@pytest.mark.django_db
def test_synthetic_build_same_seed_same_rows(built):
    before = snapshot()

    synthetic_clear()
    synthetic_build(events=EVENTS, seed=SEED)

    assert snapshot() == before


@pytest.mark.django_db
def test_synthetic_build_batch_size_does_not_change_rows(built):
    before = snapshot()

    synthetic_clear()
    synthetic_build(events=EVENTS, seed=SEED, batch_events=37)

    assert snapshot() == before


@pytest.mark.django_db
def test_synthetic_build_other_seed_other_rows(built):
    synthetic_build(events=40, seed=SEED + 1)

    ours = set(synthetic(Event).values_list("title", flat=True))
    theirs = list(Event.objects.filter(import_key__startswith=f"synthetic:{SEED + 1}:").values_list("title", flat=True))
    assert len(theirs) == 40
    assert len(set(theirs) - ours) > 20


@pytest.mark.django_db
def test_synthetic_clear_removes_only_synthetic_rows(built):
    real_event = EventFactory(title="县域经济高质量发展论坛")
    real_org = OrganisationFactory(name="中国产业发展促进会")
    EventRoleFactory(event=real_event, organisation=real_org, role=Role.GUIDE)
    borrowed = synthetic(Organisation).first()
    EventRoleFactory(event=real_event, organisation=borrowed, role=Role.ORGANISER)
    real_source = SourceFactory()
    quote = QuoteFactory(source=real_source, speaker=synthetic(Person).first(), event=real_event)

    counts = synthetic_clear()

    for model in (Event, Organisation, Person, Quote, Source):
        assert not model.objects.filter(import_key__startswith="synthetic:").exists()
    assert counts["events"] == EVENTS
    assert Event.objects.get() == real_event
    assert list(EventRole.objects.values_list("organisation__name", flat=True)) == ["中国产业发展促进会"]
    assert Source.objects.get() == real_source
    quote.refresh_from_db()
    assert quote.speaker is None and quote.event == real_event
    assert not Evidence.objects.exclude(source=real_source).exists()
    assert Region.objects.count() == len(fixture_rows())


@pytest.mark.django_db
def test_make_synthetic_command_existing_seed_needs_clear(built):
    with pytest.raises(CommandError, match="already there"):
        call_command("make_synthetic", "--events", "10", "--seed", str(SEED))

    call_command("make_synthetic", "--events", "10", "--seed", str(SEED), "--clear")

    assert synthetic(Event).count() == 10
