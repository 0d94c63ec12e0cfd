import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from events.models import EventRole, Role
from kb.models import Evidence, Organisation, Person, Position, Quote, ReviewStatus, SourceCredit
from kb.services.curation import (
    CurationError,
    MergeError,
    organisation_merge,
    person_merge,
    record_curator_update,
    record_mark_reviewed,
    record_reject,
    records_mark_reviewed,
    records_reject,
)
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    EvidenceFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
    QuoteFactory,
    RegionFactory,
    SourceCreditFactory,
    SourceFactory,
    StaffUserFactory,
)


def evidence_of(record):
    return Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    )


# Review and rejection ---------------------------------------------------------------


@pytest.mark.django_db
def test_record_mark_reviewed_sets_status_reviewer_and_time():
    curator = StaffUserFactory()
    event = EventFactory()

    record_mark_reviewed(record=event, user=curator)

    event.refresh_from_db()
    assert event.review_status == ReviewStatus.REVIEWED
    assert event.reviewed_by == curator
    assert event.reviewed_at is not None
    assert event.is_curated


@pytest.mark.django_db
def test_record_mark_reviewed_clears_the_importers_flag_and_keeps_the_reason():
    event = EventFactory(flagged=True, flag_reason="标题为自动生成")

    record_mark_reviewed(record=event, user=StaffUserFactory())

    event.refresh_from_db()
    assert (event.flagged, event.flag_reason) == (False, "标题为自动生成")


@pytest.mark.django_db
def test_records_mark_reviewed_clears_flags_and_reject_keeps_them():
    flagged = QuoteFactory.create_batch(2, flagged=True, flag_reason="说话人未识别")

    records_mark_reviewed(queryset=Quote.objects.filter(pk=flagged[0].pk), user=None)
    records_reject(queryset=Quote.objects.filter(pk=flagged[1].pk), user=None)

    assert Quote.objects.get(pk=flagged[0].pk).flagged is False
    assert Quote.objects.get(pk=flagged[1].pk).flagged is True


@pytest.mark.django_db
def test_record_reject_keeps_the_record_as_a_tombstone():
    curator = StaffUserFactory()
    quote = QuoteFactory()

    record_reject(record=quote, user=curator)

    quote.refresh_from_db()
    assert quote.review_status == ReviewStatus.REJECTED
    assert quote.reviewed_by == curator
    assert Quote.objects.filter(pk=quote.pk).exists()


@pytest.mark.django_db
def test_record_mark_reviewed_refuses_to_revive_a_merged_record():
    survivor = OrganisationFactory()
    merged = OrganisationFactory(merged_into=survivor, review_status=ReviewStatus.REJECTED)

    with pytest.raises(CurationError):
        record_mark_reviewed(record=merged, user=None)

    merged.refresh_from_db()
    assert merged.review_status == ReviewStatus.REJECTED


@pytest.mark.django_db
def test_records_mark_reviewed_skips_merged_tombstones():
    curator = StaffUserFactory()
    survivor = OrganisationFactory()
    merged = OrganisationFactory(merged_into=survivor, review_status=ReviewStatus.REJECTED)
    before = survivor.updated_at

    count = records_mark_reviewed(queryset=Organisation.objects.all(), user=curator)

    assert count == 1
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert (survivor.review_status, survivor.reviewed_by) == (ReviewStatus.REVIEWED, curator)
    assert survivor.updated_at > before
    assert merged.review_status == ReviewStatus.REJECTED


@pytest.mark.django_db
def test_records_reject_rejects_every_record():
    curator = StaffUserFactory()
    people = PersonFactory.create_batch(3)

    count = records_reject(queryset=Person.objects.all(), user=curator)

    assert count == 3
    assert set(Person.objects.values_list("review_status", flat=True)) == {ReviewStatus.REJECTED}
    assert Person.objects.count() == len(people)


@pytest.mark.django_db
def test_record_curator_update_marks_imported_records_edited():
    curator = StaffUserFactory()
    imported = OrganisationFactory(import_key="org:1")
    by_hand = OrganisationFactory()

    record_curator_update(record=imported, user=curator, changed_fields=["name"])
    record_curator_update(record=by_hand, user=curator, changed_fields=["name"])

    imported.refresh_from_db()
    by_hand.refresh_from_db()
    assert imported.curator_edited is True
    assert by_hand.curator_edited is False
    assert imported.reviewed_by is None


@pytest.mark.django_db
def test_record_curator_update_records_who_changed_the_review_status():
    curator = StaffUserFactory()
    event = EventFactory()
    event.review_status = ReviewStatus.REJECTED

    record_curator_update(record=event, user=curator, changed_fields=["review_status"])

    event.refresh_from_db()
    assert (event.review_status, event.reviewed_by) == (ReviewStatus.REJECTED, curator)
    assert event.reviewed_at is not None


# Merging organisations --------------------------------------------------------------


@pytest.mark.django_db
def test_organisation_merge_keeps_names_and_aliases_as_aliases():
    survivor = OrganisationFactory(
        name="中国产业发展促进会", name_original="中國產業發展促進會", aliases=["产促会"]
    )
    first = OrganisationFactory(
        name="中产促进会", name_original="中產促進會", aliases=["产促会", "促进会"]
    )
    second = OrganisationFactory(name="中國產業發展促進會", aliases=["中国产业发展促进会"])

    organisation_merge(survivor=survivor, others=[first, second])

    survivor.refresh_from_db()
    # Own names are not aliases; repeats are dropped; order is kept.
    assert survivor.aliases == ["产促会", "中产促进会", "中產促進會", "促进会"]
    assert survivor.curator_edited is True


@pytest.mark.django_db
def test_organisation_merge_leaves_rejected_tombstones_pointing_at_the_survivor():
    curator = StaffUserFactory()
    survivor = OrganisationFactory()
    duplicate = OrganisationFactory(import_key="org:duplicate")
    earlier = OrganisationFactory(merged_into=duplicate, review_status=ReviewStatus.REJECTED)

    organisation_merge(survivor=survivor, others=[duplicate], user=curator)

    duplicate.refresh_from_db()
    earlier.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert duplicate.review_status == ReviewStatus.REJECTED
    assert duplicate.reviewed_by == curator
    assert duplicate.reviewed_at is not None
    assert duplicate.import_key == "org:duplicate"
    # Earlier merges follow, so the importer needs a single hop.
    assert earlier.merged_into == survivor
    assert Organisation.objects.count() == 3


@pytest.mark.django_db
def test_organisation_merge_moves_event_roles_and_drops_duplicate_roles():
    survivor = OrganisationFactory()
    duplicate = OrganisationFactory()
    forum, training = EventFactory(), EventFactory()
    EventRoleFactory(event=forum, organisation=survivor, role=Role.GUIDE)
    EventRoleFactory(event=forum, organisation=duplicate, role=Role.GUIDE)
    EventRoleFactory(event=forum, organisation=duplicate, role=Role.HOST)
    EventRoleFactory(event=training, organisation=duplicate, role=Role.ORGANISER)

    organisation_merge(survivor=survivor, others=[duplicate])

    assert sorted(
        EventRole.objects.filter(organisation=survivor).values_list("event_id", "role")
    ) == sorted([(forum.pk, Role.GUIDE), (forum.pk, Role.HOST), (training.pk, Role.ORGANISER)])
    assert not EventRole.objects.filter(organisation=duplicate).exists()


@pytest.mark.django_db
def test_organisation_merge_moves_quotes_positions_and_branches():
    survivor = OrganisationFactory()
    duplicate = OrganisationFactory()
    quote = QuoteFactory(speaker_organisation=duplicate)
    position = PositionFactory(organisation=duplicate)
    branch = OrganisationFactory(parent=duplicate)

    organisation_merge(survivor=survivor, others=[duplicate])

    quote.refresh_from_db()
    position.refresh_from_db()
    branch.refresh_from_db()
    assert quote.speaker_organisation == survivor
    assert position.organisation == survivor
    assert branch.parent == survivor


@pytest.mark.django_db
def test_organisation_merge_moves_evidence_and_drops_duplicate_spans():
    source = SourceFactory()
    survivor = OrganisationFactory()
    duplicate = OrganisationFactory()
    EvidenceFactory(record=survivor, source=source, start=6, end=15)
    EvidenceFactory(record=duplicate, source=source, start=6, end=15)
    EvidenceFactory(record=duplicate, source=source, start=20, end=25)

    organisation_merge(survivor=survivor, others=[duplicate])

    assert sorted(evidence_of(survivor).values_list("start", "end")) == [(6, 15), (20, 25)]
    assert not evidence_of(duplicate).exists()


@pytest.mark.django_db
def test_organisation_merge_fills_what_the_survivor_lacks():
    region = RegionFactory()
    parent = OrganisationFactory()
    survivor = OrganisationFactory(kind="other", region=None)
    duplicate = OrganisationFactory(
        kind="association",
        region=region,
        parent=parent,
        founded=dt.date(2004, 1, 1),
        founded_precision="year",
    )

    organisation_merge(survivor=survivor, others=[duplicate])

    survivor.refresh_from_db()
    assert (survivor.kind, survivor.region, survivor.parent) == ("association", region, parent)
    assert (survivor.founded, survivor.founded_precision) == (dt.date(2004, 1, 1), "year")


@pytest.mark.django_db
def test_organisation_merge_of_a_branch_into_itself_does_not_make_it_its_own_parent():
    grandparent = OrganisationFactory()
    duplicate = OrganisationFactory(parent=grandparent)
    survivor = OrganisationFactory(parent=duplicate)

    organisation_merge(survivor=survivor, others=[duplicate])

    survivor.refresh_from_db()
    assert survivor.parent == grandparent


@pytest.mark.django_db
def test_organisation_merge_refuses_bad_requests_and_changes_nothing():
    survivor = OrganisationFactory()
    duplicate = OrganisationFactory()
    already = OrganisationFactory(merged_into=survivor, review_status=ReviewStatus.REJECTED)
    EventRoleFactory(organisation=duplicate)

    with pytest.raises(MergeError):
        organisation_merge(survivor=survivor, others=[])
    with pytest.raises(MergeError):
        organisation_merge(survivor=survivor, others=[survivor, duplicate])
    with pytest.raises(MergeError):
        organisation_merge(survivor=survivor, others=[duplicate, already])
    with pytest.raises(MergeError):
        organisation_merge(survivor=survivor, others=[PersonFactory()])

    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert duplicate.review_status == ReviewStatus.AUTO
    assert EventRole.objects.filter(organisation=duplicate).exists()


# Merging people --------------------------------------------------------------------


@pytest.mark.django_db
def test_person_merge_moves_everything_and_keeps_aliases():
    curator = StaffUserFactory()
    source = SourceFactory()
    survivor = PersonFactory(name="王一", aliases=["王会长"])
    duplicate = PersonFactory(name="王壹", aliases=["王一会长"])
    event = EventFactory()
    role = EventRoleFactory(event=event, organisation=None, person=duplicate, role=Role.KEYNOTE)
    quote = QuoteFactory(speaker=duplicate)
    credit = SourceCreditFactory(person=duplicate, name="王壹")
    position = PositionFactory(person=duplicate, title="秘书长", source=source)
    EvidenceFactory(record=duplicate, source=source, start=0, end=2)

    survivor = person_merge(survivor=survivor, others=[duplicate], user=curator)

    for record in (role, quote, credit, position):
        record.refresh_from_db()
    duplicate.refresh_from_db()
    assert survivor.aliases == ["王会长", "王壹", "王一会长"]
    assert role.person == survivor
    assert quote.speaker == survivor
    assert credit.person == survivor
    assert position.person == survivor
    assert list(evidence_of(survivor).values_list("source_id", "start", "end")) == [
        (source.pk, 0, 2)
    ]
    assert (duplicate.merged_into, duplicate.review_status) == (survivor, ReviewStatus.REJECTED)
    assert duplicate.reviewed_by == curator


@pytest.mark.django_db
def test_person_merge_drops_duplicate_positions_and_roles():
    source = SourceFactory()
    org = OrganisationFactory(name="中国产业发展促进会")
    event = EventFactory()
    survivor = PersonFactory()
    duplicate = PersonFactory()
    PositionFactory(person=survivor, title="会长", organisation=org, source=source)
    PositionFactory(person=duplicate, title="会长", organisation=org, source=source)
    PositionFactory(person=duplicate, title="理事", organisation=org, source=source)
    EventRoleFactory(event=event, organisation=None, person=survivor, role=Role.SPEAKER)
    EventRoleFactory(event=event, organisation=None, person=duplicate, role=Role.SPEAKER)

    person_merge(survivor=survivor, others=[duplicate])

    assert sorted(Position.objects.filter(person=survivor).values_list("title", flat=True)) == [
        "会长",
        "理事",
    ]
    assert not Position.objects.filter(person=duplicate).exists()
    assert EventRole.objects.filter(person=survivor).count() == 1
    assert not EventRole.objects.filter(person=duplicate).exists()


@pytest.mark.django_db
def test_person_merge_of_several_duplicates():
    survivor = PersonFactory(name="李二")
    others = [PersonFactory(name="李贰"), PersonFactory(name="李 二")]
    SourceCreditFactory(person=others[1])

    person_merge(survivor=survivor, others=others)

    survivor.refresh_from_db()
    assert survivor.aliases == ["李贰", "李 二"]
    assert set(Person.objects.filter(merged_into=survivor)) == set(others)
    assert SourceCredit.objects.get().person == survivor
