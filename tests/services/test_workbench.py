"""The workbench's writes: records added from a selection are curator-made,
carry exact evidence and history, and survive re-import."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.management import call_command

from events.models import Event, EventKind, Role
from kb import dates as D
from kb.models import Evidence, Organisation, ReviewStatus, Source
from kb.services.curation import CurationError
from kb.services.workbench import (
    event_add_region,
    event_add_source,
    event_create_from_selection,
    organisation_create_from_selection,
    person_create_from_selection,
    quote_create_from_selection,
    record_decide,
    source_mark_reviewed,
)
from tests.factories import (
    ARTICLE,
    EventFactory,
    EvidenceFactory,
    OrganisationFactory,
    RegionFactory,
    SourceFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
FORUM = "县域经济高质量发展论坛"


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def evidence_of(record) -> list[Evidence]:
    return list(Evidence.objects.filter(content_type__model=record._meta.model_name,
                                        object_id=record.pk))


def test_event_create_from_selection_is_curator_made_with_exact_evidence():
    source, curator = SourceFactory(), StaffUserFactory()
    organiser = OrganisationFactory(name="中国产业发展促进会")
    beijing = RegionFactory(name="北京市")
    start, end = span_of(ARTICLE, FORUM)
    event = event_create_from_selection(
        source=source, start=start, end=end, user=curator, title=FORUM, kind=EventKind.FORUM,
        start_date=dt.date(2025, 6, 7), date_precision=D.DAY, regions=[beijing], organisers=[organiser],
    )
    assert (event.review_status, event.reviewed_by, event.curator_edited) == (
        ReviewStatus.REVIEWED, curator, True)
    assert event.import_key is None
    assert list(event.regions.all()) == [beijing]
    assert [(r.organisation, r.role) for r in event.roles.all()] == [(organiser, Role.ORGANISER)]
    [evidence] = evidence_of(event)
    assert (evidence.start, evidence.end, evidence.curator_made, evidence.created_by) == (
        start, end, True, curator)
    assert evidence.quoted_text == FORUM
    assert evidence.sentence.startswith("6月7日，由中国产业发展促进会指导的")
    entry = LogEntry.objects.get(object_id=str(event.pk), content_type__model="event")
    assert (entry.user, entry.action_flag) == (curator, ADDITION)


def test_event_create_from_selection_without_date_has_unknown_precision():
    source, curator = SourceFactory(), StaffUserFactory()
    event = event_create_from_selection(source=source, start=0, end=4, user=curator, title="某论坛",
                                        kind=EventKind.FORUM, date_precision=D.DAY)
    assert (event.start_date, event.date_precision) == (None, D.UNKNOWN)


def test_event_create_from_selection_outside_the_text_is_refused():
    source, curator = SourceFactory(), StaffUserFactory()
    with pytest.raises(CurationError, match="不在来源"):
        event_create_from_selection(source=source, start=10, end=len(ARTICLE) + 5, user=curator,
                                    title="某论坛", kind=EventKind.FORUM)
    assert not Event.objects.exists()


def test_event_create_from_selection_end_before_start_is_refused():
    source, curator = SourceFactory(), StaffUserFactory()
    with pytest.raises(CurationError, match="结束日期早于开始日期"):
        event_create_from_selection(source=source, start=0, end=4, user=curator, title="某论坛",
                                    kind=EventKind.FORUM, start_date=dt.date(2025, 6, 7),
                                    end_date=dt.date(2025, 6, 1), date_precision=D.DAY)


def test_organisation_create_from_selection_keeps_the_name_as_written():
    traditional = "6月7日，由中國產業發展促進會指導的論壇在北京舉行。"
    simplified = "6月7日，由中国产业发展促进会指导的论坛在北京举行。"
    source = SourceFactory(text_original=traditional, text=simplified, raw_text=traditional)
    start, end = span_of(simplified, "中国产业发展促进会")
    org = organisation_create_from_selection(source=source, start=start, end=end,
                                             user=StaffUserFactory(), name="中国产业发展促进会",
                                             kind="association")
    assert (org.name, org.name_original, org.aliases) == (
        "中国产业发展促进会", "中國產業發展促進會", ["中國產業發展促進會"])


def test_person_create_from_selection_adds_the_position_at_the_publication_date():
    text = "会长李华明在论坛上致辞。"
    source = SourceFactory(text=text, text_original=text, raw_text=text)
    org = OrganisationFactory(name="中国产业发展促进会")
    start, end = span_of(text, "李华明")
    person = person_create_from_selection(source=source, start=start, end=end, user=StaffUserFactory(),
                                          name="李华明", title="会长", organisation=org)
    [position] = person.positions.all()
    assert (position.title, position.organisation, position.as_of, position.source) == (
        "会长", org, source.published_date, source)


def test_quote_create_from_selection_belongs_to_its_source():
    text = "他说：“县域是发展的基本单元。”"
    source = SourceFactory(text=text, text_original=text, raw_text=text)
    start, end = span_of(text, "县域是发展的基本单元。")
    quote = quote_create_from_selection(source=source, start=start, end=end, user=StaffUserFactory(),
                                        text="县域是发展的基本单元。", kind="direct", speaker_label="他")
    assert (quote.source, quote.speaker_label, quote.review_status) == (source, "他", ReviewStatus.REVIEWED)
    assert [e.quoted_text for e in evidence_of(quote)] == ["县域是发展的基本单元。"]


def test_event_add_source_links_a_second_report():
    event = EventFactory(title=FORUM)
    first, second = SourceFactory(), SourceFactory()
    EvidenceFactory(record=event, source=first, start=0, end=4)
    start, end = span_of(ARTICLE, FORUM)
    event_add_source(event=event, source=second, start=start, end=end, user=StaffUserFactory())
    assert sorted(e.source_id for e in evidence_of(event)) == sorted([first.pk, second.pk])


def test_event_add_region_marks_an_imported_event_curator_edited():
    event = EventFactory(title=FORUM, import_key="event:forum|x")
    beijing = RegionFactory(name="北京市")
    source = SourceFactory()
    start, end = span_of(ARTICLE, "北京")
    evidence = event_add_region(event=event, region=beijing, source=source, start=start, end=end,
                                user=StaffUserFactory())
    event.refresh_from_db()
    assert event.curator_edited is True
    assert list(event.regions.all()) == [beijing]
    assert (evidence.record, evidence.quoted_text) == (beijing, "北京")


def test_record_decide_writes_history():
    curator = StaffUserFactory()
    org = OrganisationFactory()
    record_decide(record=org, accept=False, user=curator)
    org.refresh_from_db()
    assert org.review_status == ReviewStatus.REJECTED
    assert LogEntry.objects.get(object_id=str(org.pk)).change_message == "驳回"


def test_source_mark_reviewed_refused_while_records_are_unreviewed():
    curator = StaffUserFactory()
    source = SourceFactory()
    org = OrganisationFactory()
    EvidenceFactory(record=org, source=source)
    with pytest.raises(CurationError, match="还有 1 条记录未审核"):
        source_mark_reviewed(source=source, user=curator)
    record_decide(record=org, accept=True, user=curator)
    source_mark_reviewed(source=source, user=curator)
    source.refresh_from_db()
    assert source.review_status == ReviewStatus.REVIEWED


# Re-import ---------------------------------------------------------------------


@pytest.fixture
def one_seed(tmp_path):
    call_command("load_regions", verbosity=0)
    folder = tmp_path / "seeds"
    folder.mkdir()
    seed = sorted(SEEDS.iterdir())[0]
    shutil.copy(seed, folder / seed.name)
    call_command("import_seeds", str(folder), no_progress=True, verbosity=0)
    return folder / seed.name


def reimport(path: Path) -> None:
    call_command("import_seeds", str(path.parent), no_progress=True, verbosity=0)


def test_reimport_keeps_curator_evidence_and_follows_its_words(one_seed):
    source = Source.objects.get()
    words = source.text[40:52]
    curator = StaffUserFactory()
    org = organisation_create_from_selection(source=source, start=40, end=52, user=curator,
                                             name=words, kind="other")
    imported = Event.objects.exclude(import_key=None).first()
    event_add_source(event=imported, source=source, start=40, end=52, user=curator)
    # A new lead paragraph: every offset after it moves.
    data = one_seed.read_bytes()
    lead = "编者按：这是一段新加的导语，用来测试重新定位。\n".encode(source.encoding or "utf-8")
    body_at = data.index(source.text[30:40].encode("utf-8")) if source.encoding in ("", "utf-8") else 0
    one_seed.write_bytes(data[:body_at] + lead + data[body_at:])
    reimport(one_seed)
    source.refresh_from_db()
    [evidence] = evidence_of(org)
    assert source.text[evidence.start:evidence.end] == words
    assert evidence.start > 40 and not evidence.anchor_lost
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert any(e.curator_made and e.source_id == source.pk for e in evidence_of(imported))


def test_reimport_marks_curator_evidence_whose_words_are_gone(one_seed):
    source = Source.objects.get()
    words = source.text[40:52]
    org = organisation_create_from_selection(source=source, start=40, end=52, user=StaffUserFactory(),
                                             name=words, kind="other")
    text = one_seed.read_bytes().decode(source.encoding or "utf-8")
    one_seed.write_bytes(text.replace(words, "（此处文字已删改）").encode(source.encoding or "utf-8"))
    reimport(one_seed)
    [evidence] = evidence_of(org)
    assert evidence.anchor_lost is True
    assert evidence.anchor_text == words
