import datetime as dt
import json

import pytest
import tablib
from django.forms.models import model_to_dict
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from events.models import Event, EventRole, Role
from events.resources import EventResource, EventRoleResource
from kb.models import (
    DatePrecision,
    Evidence,
    Organisation,
    Person,
    Position,
    Quote,
    Region,
    ReviewStatus,
    Source,
    SourceCredit,
)
from kb.resources import (
    CSV,
    XLSX,
    AliasesWidget,
    EvidenceResource,
    OrganisationResource,
    PersonResource,
    PositionResource,
    QuoteResource,
    RegionResource,
    SourceCreditResource,
    SourceResource,
    xlsx_escape,
    xlsx_unescape,
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

RESOURCES = [
    (SourceResource, Source),
    (SourceCreditResource, SourceCredit),
    (RegionResource, Region),
    (OrganisationResource, Organisation),
    (PersonResource, Person),
    (PositionResource, Position),
    (QuoteResource, Quote),
    (EvidenceResource, Evidence),
    (EventResource, Event),
    (EventRoleResource, EventRole),
]


@pytest.fixture
def populated(db):
    """Every table, with the values that are easy to lose on a round trip:
    formula-like text, apostrophes, Chinese JSON, empty and NULL values,
    microseconds, many-to-many links, partial dates."""
    curator = StaffUserFactory()
    reviewed_at = timezone.make_aware(dt.datetime(2025, 6, 8, 9, 30, 15, 123456))
    china = RegionFactory(name="中国", level="country", slug="china")
    beijing = RegionFactory(name="北京市", adcode="110000", parent=china, aliases=["京"])
    hebei = RegionFactory(name="河北省", adcode="130000", parent=china)
    RegionFactory(
        name="京津冀", level="macro", aliases=["京津冀地区", "首都圈"], members=[beijing, hebei]
    )
    source = SourceFactory(
        title="=论坛在京举行",
        title_original="'=論壇在京舉行",
        published_time=dt.time(9, 5, 30),
        raw_text="-原始文本\r\n第二行\t制表",
        text_original="+修复后原文",
        text="@修复后简体",
        repair_log=[
            {"kind": "mojibake", "raw_start": 3, "raw_end": 6, "before": "锟斤拷", "after": "中", "start": 3, "end": 4},
            {"kind": "whitespace", "count": 2},
        ],
        terms=["县域经济"],
        review_status=ReviewStatus.REVIEWED,
        reviewed_by=curator,
        reviewed_at=reviewed_at,
        import_key="source:001",
    )  # fmt: skip
    SourceFactory(published_date=None, published_precision=DatePrecision.UNKNOWN, outlet="")
    parent = OrganisationFactory(name="国家发展和改革委员会", import_key="org:ndrc")
    org = OrganisationFactory(
        name="中国产业发展促进会",
        name_original="中國產業發展促進會",
        aliases=["中产促进会", "产促会; 总会", " 前后空格 "],
        region=beijing,
        parent=parent,
        founded=dt.date(2004, 1, 1),
        founded_precision=DatePrecision.YEAR,
        import_key="org:cidpa",
        curator_edited=True,
    )
    tombstone = OrganisationFactory(
        name="中产促进会", merged_into=org, review_status=ReviewStatus.REJECTED
    )
    person = PersonFactory(
        name="王一", name_original="王壹", aliases=["王会长"], import_key="person:wang"
    )
    PersonFactory(name="'=王二")
    SourceCreditFactory(source=source, person=person, name="王一")
    PositionFactory(
        person=person,
        organisation=org,
        source=source,
        as_of=dt.date(2025, 6, 1),
        as_of_precision=DatePrecision.MONTH,
    )
    PositionFactory(
        person=person,
        organisation=None,
        organisation_name="县域经济研究院",
        source=None,
        as_of=None,
        as_of_precision=DatePrecision.UNKNOWN,
    )
    event = EventFactory(
        title="县域经济高质量发展论坛",
        end_date=dt.date(2025, 6, 8),
        regions=[beijing, hebei],
        participants=200,
        participants_approximate=True,
        summary="-摘要",
        terms=["高质量发展"],
        import_key="event:forum",
    )  # fmt: skip
    EventFactory(
        parent=event, start_date=None, date_precision=DatePrecision.UNKNOWN, title="分论坛"
    )
    EventRoleFactory(event=event, organisation=org, role=Role.GUIDE)
    EventRoleFactory(event=event, organisation=None, person=person, role=Role.KEYNOTE)
    QuoteFactory(speaker=person, speaker_organisation=org, event=event, source=source, text="=发展")
    QuoteFactory(speaker=None, speaker_label="企业家们", source=source)
    EvidenceFactory(record=org, source=source, sentence="-证据句")
    EvidenceFactory(record=event, source=source, start=0, end=4, curator_made=True, anchor_text="=修复后",
                    anchor_lost=True)
    EvidenceFactory(record=tombstone, source=source, start=1, end=2)


def snapshot(model):
    """Every stored value of every row, including timestamps and m2m links."""
    rows = {}
    for record in model.objects.order_by("pk"):
        values = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields}
        values.update(
            (f.name, sorted(v.pk for v in model_to_dict(record, [f.name])[f.name]))
            for f in model._meta.many_to_many
        )
        rows[record.pk] = values
    return rows


def assert_all_skipped(result, count):
    assert not result.has_errors(), [e.error for row in result.row_errors() for e in row[1]]
    assert not result.has_validation_errors(), [r.error for r in result.invalid_rows]
    assert result.totals["skip"] == count
    assert result.totals["new"] == result.totals["update"] == result.totals["delete"] == 0
    assert [row.import_type for row in result.rows] == ["skip"] * count


@pytest.mark.parametrize(("resource_class", "model"), RESOURCES)
def test_resource_export_then_import_changes_nothing(populated, resource_class, model):
    before = snapshot(model)
    assert before, "the fixture must fill every table"
    dataset = resource_class().export()

    dry = resource_class().import_data(dataset, dry_run=True)
    real = resource_class().import_data(dataset, dry_run=False)

    assert_all_skipped(dry, len(before))
    assert_all_skipped(real, len(before))
    assert snapshot(model) == before


@pytest.mark.parametrize("file_format", [CSV, XLSX])
@pytest.mark.parametrize(("resource_class", "model"), RESOURCES)
def test_admin_file_round_trip_changes_nothing(populated, resource_class, model, file_format):
    # The path the admin takes: a file written by the export view, read
    # back by the import view (CSV with the BOM the admin writes).
    before = snapshot(model)
    data = file_format().export_data(resource_class().export())
    if file_format is CSV:
        data = data.encode("utf-8-sig")
    dataset = file_format(encoding="utf-8-sig").create_dataset(data)

    result = resource_class().import_data(dataset, dry_run=False)

    assert_all_skipped(result, len(before))
    assert snapshot(model) == before


def test_resource_export_escapes_formulas_and_import_unescapes(populated):
    dataset = SourceResource().export(Source.objects.filter(import_key="source:001"))
    row = dict(zip(dataset.headers, dataset[0], strict=True))

    assert row["title"] == "'=论坛在京举行"
    assert row["title_original"] == "''=論壇在京舉行"
    assert row["raw_text"] == "'-原始文本\r\n第二行\t制表"
    assert row["text"] == "'@修复后简体"
    assert row["reviewed_at"] == "2025-06-08T09:30:15.123456+08:00"
    # JSON text (PostgreSQL's jsonb orders keys its own way: compare values).
    assert json.loads(row["repair_log"])[0]["kind"] == "mojibake"
    assert json.loads(row["repair_log"])[0]["before"] == "锟斤拷"


def test_resource_import_of_a_changed_row_updates_and_marks_curator_edited(populated):
    event = Event.objects.get(import_key="event:forum")
    dataset = EventResource().export(Event.objects.filter(pk=event.pk))
    title_index = dataset.headers.index("title")
    values = list(dataset[0])
    values[title_index] = "'=县域经济论坛（更正）"
    del dataset[0]
    dataset.append(values)

    result = EventResource().import_data(dataset, dry_run=False)

    assert result.totals["update"] == 1
    event.refresh_from_db()
    assert event.title == "=县域经济论坛（更正）"
    assert event.curator_edited is True
    assert sorted(event.regions.values_list("name", flat=True)) == ["北京市", "河北省"]


def test_resource_import_creates_a_new_row(db):
    dataset = OrganisationResource().export(Organisation.objects.none())
    dataset.append(
        [
            ""
            if column not in {"name", "aliases", "kind", "review_status", "curator_edited"}
            else {
                "name": "县域经济研究院",
                "aliases": "县域院; 研究院",
                "kind": "research",
                "review_status": "auto",
                "curator_edited": "0",
            }[column]
            for column in dataset.headers
        ]
    )

    result = OrganisationResource().import_data(dataset, dry_run=False)

    assert result.totals["new"] == 1, [r.error for r in result.invalid_rows]
    org = Organisation.objects.get()
    assert (org.name, org.aliases, org.kind, org.import_key) == (
        "县域经济研究院",
        ["县域院", "研究院"],
        "research",
        None,
    )


@given(st.text())
@example("-原始文本\r\n第二行\x01_x000D_ _x005F_ _x12_")
def test_xlsx_escape_round_trip(text):
    assert xlsx_unescape(xlsx_escape(text)) == text


def test_xlsx_file_keeps_carriage_returns_and_control_characters():
    text = "'-原始文本\r\n第二行\x01 _x000D_"
    data = XLSX().export_data(tablib.Dataset([text, None], headers=["text", "empty"]))

    dataset = XLSX().create_dataset(data)

    assert list(dataset[0]) == [text, None]


@pytest.mark.parametrize(
    ("aliases", "text"),
    [
        ([], ""),
        (["京"], "京"),
        (["中产促进会", "产促会"], "中产促进会; 产促会"),
        (["产促会; 总会"], '["产促会; 总会"]'),
        ([" 空格 "], '[" 空格 "]'),
        (["[方括号]"], '["[方括号]"]'),
    ],
)
def test_aliases_widget_round_trip(aliases, text):
    widget = AliasesWidget()

    assert widget.render(aliases) == text
    assert widget.clean(text) == aliases


def test_resource_import_of_a_corrected_credit_marks_it_curated_and_suppresses_the_old_pair(db):
    from kb.models import Source

    credit = SourceCreditFactory(name="王一", role="reporter")
    dataset = SourceCreditResource().export(SourceCredit.objects.filter(pk=credit.pk))
    values = list(dataset[0])
    values[dataset.headers.index("name")] = "王壹"
    del dataset[0]
    dataset.append(values)

    result = SourceCreditResource().import_data(dataset, dry_run=False)

    assert result.totals["update"] == 1
    credit.refresh_from_db()
    assert (credit.name, credit.curator_edited) == ("王壹", True)
    assert Source.objects.get(pk=credit.source_id).credits_suppressed == [["王一", "reporter"]]
