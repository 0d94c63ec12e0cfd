import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import example, given
from hypothesis import strategies as st

from events.exporting import EventExporter
from events.models import Event, EventKind, Role
from kb.exporting import (
    BOM,
    OrganisationExporter,
    PersonExporter,
    QuoteExporter,
    RegionExporter,
    SourceExporter,
    escape_formula,
    exporter_classes,
    streaming_csv_response,
    unescape_formula,
    write_csv,
)
from kb.models import (
    CreditRole,
    DatePrecision,
    Organisation,
    Person,
    RegionLevel,
    ReviewStatus,
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
)

# Formula escaping -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+86 10 1234", "'+86 10 1234"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already", "''=already"),
        ("''+two", "'''+two"),
        ("'apostrophe", "'apostrophe"),
        ("'", "'"),
        ("中国产业发展促进会", "中国产业发展促进会"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_escape_formula_examples(value, escaped):
    assert escape_formula(value) == escaped
    assert unescape_formula(escaped) == value


formula_heavy_text = st.text(alphabet="'=+-@\t\r a中")


@given(st.text() | formula_heavy_text)
@example("'=1+1")
def test_escape_formula_round_trip_of_any_string(value):
    assert unescape_formula(escape_formula(value)) == value


@given(st.text() | formula_heavy_text)
def test_escape_formula_never_leaves_a_formula(value):
    escaped = escape_formula(value)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text() | formula_heavy_text)
def test_escape_formula_changes_only_formula_like_values(value):
    if value.lstrip("'").startswith(("=", "+", "-", "@", "\t", "\r")):
        assert escape_formula(value) == "'" + value
    else:
        assert escape_formula(value) == value


# Columns and values ---------------------------------------------------------------


def export(exporter, queryset=None):
    queryset = exporter.default_queryset() if queryset is None else queryset
    return [dict(zip(exporter.header(), row, strict=True)) for row in exporter.rows(queryset)]


EVENT_COLUMNS = [
    "id", "kind", "title", "title_original", "start_date", "end_date", "date_precision",
    "parent_id", "regions", "organisations", "people", "participants", "source_ids", "review_status",
]  # fmt: skip


@pytest.mark.parametrize(
    ("exporter", "columns"),
    [
        (EventExporter, EVENT_COLUMNS),
        (QuoteExporter, ["id", "kind", "speaker", "speaker_title", "organisation", "text", "text_original", "event_id", "source_id", "review_status"]),
        (OrganisationExporter, ["id", "name", "name_original", "aliases", "kind", "region", "parent", "source_ids", "review_status"]),
        (PersonExporter, ["id", "name", "name_original", "aliases", "positions", "source_ids", "review_status"]),
        (RegionExporter, ["id", "name", "level", "adcode", "parent", "aliases", "members"]),
        (SourceExporter, ["id", "file_name", "outlet", "title", "published", "published_precision", "script", "credits", "repairs", "damaged_spans", "text", "review_status"]),
    ],
)  # fmt: skip
def test_exporter_header_is_the_public_contract(exporter, columns):
    assert exporter().header() == columns


def test_exporter_classes_cover_every_table():
    assert set(exporter_classes()) == {
        "events",
        "quotes",
        "organisations",
        "people",
        "regions",
        "sources",
    }


@pytest.mark.django_db
def test_event_export_values():
    beijing = RegionFactory(name="北京市", adcode="110000")
    hebei = RegionFactory(name="河北省", adcode="130000")
    parent = EventFactory(title="区域发展大会")
    event = EventFactory(
        title="县域经济高质量发展论坛",
        title_original="縣域經濟高質量發展論壇",
        kind=EventKind.FORUM,
        start_date=dt.date(2025, 6, 7),
        end_date=dt.date(2025, 6, 8),
        date_precision=DatePrecision.DAY,
        parent=parent,
        participants=200,
        regions=[beijing, hebei],
        review_status=ReviewStatus.REVIEWED,
    )
    guide = OrganisationFactory(name="中国产业发展促进会")
    host = OrganisationFactory(name="县域经济研究院")
    EventRoleFactory(event=event, organisation=guide, role=Role.GUIDE)
    EventRoleFactory(event=event, organisation=host, role=Role.HOST)
    speaker = PersonFactory(name="王一")
    EventRoleFactory(event=event, organisation=None, person=speaker, role=Role.KEYNOTE)
    second, first = SourceFactory(), SourceFactory()
    EvidenceFactory(record=event, source=second, start=0, end=4)
    EvidenceFactory(record=event, source=second, start=5, end=9)
    EvidenceFactory(record=event, source=first, start=0, end=4)

    rows = {row["id"]: row for row in export(EventExporter())}

    assert rows[str(event.pk)] == {
        "id": str(event.pk),
        "kind": "forum",
        "title": "县域经济高质量发展论坛",
        "title_original": "縣域經濟高質量發展論壇",
        "start_date": "2025-06-07",
        "end_date": "2025-06-08",
        "date_precision": "day",
        "parent_id": str(parent.pk),
        "regions": "北京市; 河北省",
        "organisations": "中国产业发展促进会 (指导); 县域经济研究院 (承办)",
        "people": "王一 (主旨演讲)",
        "participants": "200",
        "source_ids": f"{min(first.pk, second.pk)}; {max(first.pk, second.pk)}",
        "review_status": "reviewed",
    }
    assert rows[str(parent.pk)]["parent_id"] == ""
    assert rows[str(parent.pk)]["participants"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "precision", "start_text", "end_text"),
    [
        (dt.date(2025, 6, 7), None, DatePrecision.DAY, "2025-06-07", ""),
        (dt.date(2023, 6, 1), dt.date(2023, 7, 1), DatePrecision.MONTH, "2023-06", "2023-07"),
        (dt.date(2024, 1, 1), None, DatePrecision.YEAR, "2024", ""),
        (None, None, DatePrecision.UNKNOWN, "", ""),
    ],
)
def test_event_export_dates_at_their_precision(start, end, precision, start_text, end_text):
    EventFactory(start_date=start, end_date=end, date_precision=precision)

    (row,) = export(EventExporter())

    assert (row["start_date"], row["end_date"], row["date_precision"]) == (
        start_text,
        end_text,
        precision,
    )


@pytest.mark.django_db
def test_event_export_uses_chinese_role_labels_in_any_language():
    event = EventFactory()
    EventRoleFactory(
        event=event, organisation=OrganisationFactory(name="某协会"), role=Role.ORGANISER
    )

    from django.utils import translation

    with translation.override("en"):
        (row,) = export(EventExporter())

    assert row["organisations"] == "某协会 (主办)"


@pytest.mark.django_db
def test_event_export_takes_any_queryset():
    EventFactory(kind=EventKind.FORUM, title="论坛")
    EventFactory(kind=EventKind.TRAINING, title="培训班")

    rows = export(EventExporter(), Event.objects.filter(kind=EventKind.TRAINING))

    assert [row["title"] for row in rows] == ["培训班"]


@pytest.mark.django_db
def test_quote_export_values():
    source = SourceFactory()
    event = EventFactory()
    org = OrganisationFactory(name="中国产业发展促进会")
    quote = QuoteFactory(
        speaker=PersonFactory(name="李二"),
        speaker_title="副会长",
        speaker_organisation=org,
        text="县域是发展的基本单元。",
        text_original="縣域是發展的基本單元。",
        event=event,
        source=source,
    )
    group = QuoteFactory(
        speaker=None, speaker_label="企业家们", speaker_title="", source=source, kind="indirect"
    )

    rows = {row["id"]: row for row in export(QuoteExporter())}

    assert rows[str(quote.pk)] == {
        "id": str(quote.pk),
        "kind": "direct",
        "speaker": "李二",
        "speaker_title": "副会长",
        "organisation": "中国产业发展促进会",
        "text": "县域是发展的基本单元。",
        "text_original": "縣域是發展的基本單元。",
        "event_id": str(event.pk),
        "source_id": str(source.pk),
        "review_status": "auto",
    }
    assert rows[str(group.pk)]["speaker"] == "企业家们"
    assert rows[str(group.pk)]["organisation"] == ""
    assert rows[str(group.pk)]["event_id"] == ""
    assert rows[str(group.pk)]["kind"] == "indirect"


@pytest.mark.django_db
def test_organisation_export_values():
    region = RegionFactory(name="北京市")
    parent = OrganisationFactory(name="国家发展和改革委员会")
    org = OrganisationFactory(
        name="中国产业发展促进会",
        name_original="中國產業發展促進會",
        aliases=["中产促进会", "产促会"],
        kind="association",
        region=region,
        parent=parent,
    )
    source = SourceFactory()
    EvidenceFactory(record=org, source=source)

    rows = {row["id"]: row for row in export(OrganisationExporter())}

    assert rows[str(org.pk)] == {
        "id": str(org.pk),
        "name": "中国产业发展促进会",
        "name_original": "中國產業發展促進會",
        "aliases": "中产促进会; 产促会",
        "kind": "association",
        "region": "北京市",
        "parent": "国家发展和改革委员会",
        "source_ids": str(source.pk),
        "review_status": "auto",
    }
    assert rows[str(parent.pk)]["aliases"] == ""
    assert rows[str(parent.pk)]["source_ids"] == ""


@pytest.mark.django_db
def test_person_export_values():
    person = PersonFactory(name="王一", name_original="王壹", aliases=["王会长"])
    org = OrganisationFactory(name="中国产业发展促进会")
    PositionFactory(person=person, title="会长", organisation=org, as_of=dt.date(2025, 6, 7))
    PositionFactory(
        person=person, title="研究员", organisation=None, organisation_name="", as_of=None,
        as_of_precision=DatePrecision.UNKNOWN,
    )  # fmt: skip
    PositionFactory(
        person=person, title="秘书长", organisation=None, organisation_name="县域经济研究院",
        as_of=dt.date(2020, 1, 1), as_of_precision=DatePrecision.YEAR,
    )  # fmt: skip

    (row,) = export(PersonExporter(), Person.objects.filter(pk=person.pk))

    assert row == {
        "id": str(person.pk),
        "name": "王一",
        "name_original": "王壹",
        "aliases": "王会长",
        # Newest first, undated last.
        "positions": "会长, 中国产业发展促进会; 秘书长, 县域经济研究院; 研究员",
        "source_ids": "",
        "review_status": "auto",
    }


@pytest.mark.django_db
def test_region_export_values():
    china = RegionFactory(name="中国", level=RegionLevel.COUNTRY, slug="china")
    shanghai = RegionFactory(name="上海市", adcode="310000", parent=china)
    anhui = RegionFactory(name="安徽省", adcode="340000", parent=china)
    jiangsu = RegionFactory(name="江苏省", adcode="320000", parent=china)
    delta = RegionFactory(
        name="长三角",
        level=RegionLevel.MACRO,
        aliases=["长江三角洲"],
        members=[anhui, shanghai, jiangsu],
    )

    rows = {row["id"]: row for row in export(RegionExporter())}

    assert rows[str(delta.pk)] == {
        "id": str(delta.pk),
        "name": "长三角",
        "level": "macro",
        "adcode": "",
        "parent": "",
        "aliases": "长江三角洲",
        "members": "上海市; 江苏省; 安徽省",
    }
    assert rows[str(shanghai.pk)]["parent"] == "中国"
    assert rows[str(shanghai.pk)]["adcode"] == "310000"


@pytest.mark.django_db
def test_source_export_values():
    source = SourceFactory(
        file_name="001_article.txt",
        outlet="人民网",
        title="论坛在京举行",
        published_date=dt.date(2023, 6, 1),
        published_precision=DatePrecision.MONTH,
        script="traditional",
        text="简体全文",
        repair_log=[
            {"kind": "mojibake", "raw_start": 3, "raw_end": 6, "before": "锟斤拷", "after": "锟斤拷", "damaged": True, "start": 3, "end": 6},
            {"kind": "html", "raw_start": 0, "raw_end": 3, "before": "<p>", "after": "", "start": 0, "end": 0},
            {"kind": "mojibake", "raw_start": 10, "raw_end": 12, "before": "涓", "after": "中", "start": 9, "end": 10},
            {"kind": "mojibake", "raw_start": 20, "raw_end": 24, "before": "????", "after": "????", "damaged": True, "start": 18, "end": 22},
            {"kind": "whitespace", "count": 4},
        ],
    )  # fmt: skip
    SourceCreditFactory(source=source, name="张记者", role=CreditRole.REPORTER)
    SourceCreditFactory(source=source, name="李编辑", role=CreditRole.EDITOR)

    (row,) = export(SourceExporter())

    assert row == {
        "id": str(source.pk),
        "file_name": "001_article.txt",
        "outlet": "人民网",
        "title": "论坛在京举行",
        "published": "2023-06",
        "published_precision": "month",
        "script": "traditional",
        "credits": "张记者 (记者); 李编辑 (编辑)",
        "repairs": "5",
        "damaged_spans": "3-6; 18-22",
        "text": "简体全文",
        "review_status": "auto",
    }


@pytest.mark.django_db
def test_export_escapes_formula_cells():
    EventFactory(title='=HYPERLINK("http://x")', title_original="'=已转义")
    OrganisationFactory(name="+86", aliases=["-负号"])

    (event_row,) = export(EventExporter())
    (org_row,) = export(OrganisationExporter())

    assert event_row["title"] == '\'=HYPERLINK("http://x")'
    assert event_row["title_original"] == "''=已转义"
    assert org_row["name"] == "'+86"
    assert org_row["aliases"] == "'-负号"


# Streaming and query counts -------------------------------------------------------


def populate(count):
    """`count` of each exported table, with every relation filled."""
    region = RegionFactory()
    for _ in range(count):
        source = SourceFactory()
        SourceCreditFactory(source=source)
        org = OrganisationFactory(region=region)
        person = PersonFactory()
        PositionFactory(person=person, organisation=org, source=source)
        event = EventFactory(regions=[region])
        EventRoleFactory(event=event, organisation=org)
        EventRoleFactory(event=event, organisation=None, person=person, role=Role.SPEAKER)
        QuoteFactory(speaker=person, speaker_organisation=org, event=event, source=source)
        for record in (event, org, person):
            EvidenceFactory(record=record, source=source)
        RegionFactory(members=[region])


def count_queries(exporter):
    with CaptureQueriesContext(connection) as queries:
        rows = list(exporter.rows(exporter.default_queryset()))
    return len(queries), len(rows)


ALL_EXPORTERS = [
    EventExporter,
    QuoteExporter,
    OrganisationExporter,
    PersonExporter,
    RegionExporter,
    SourceExporter,
]


@pytest.mark.django_db
def test_exporter_query_count_does_not_grow_with_rows():
    # One population for all six exporters: building 200 of everything is
    # the slow part of this test.
    populate(10)
    few = {exporter: count_queries(exporter()) for exporter in ALL_EXPORTERS}
    populate(190)
    many = {exporter: count_queries(exporter()) for exporter in ALL_EXPORTERS}

    for exporter in ALL_EXPORTERS:
        (few_queries, few_rows), (many_queries, many_rows) = few[exporter], many[exporter]
        assert many_rows > few_rows >= 10, exporter
        assert many_queries == few_queries, exporter


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("exporter_class", "relations"),
    [
        (EventExporter, 4),  # regions, organisations, people, evidence
        (QuoteExporter, 0),
        (OrganisationExporter, 1),  # evidence
        (PersonExporter, 2),  # positions, evidence
        (RegionExporter, 1),  # members
        (SourceExporter, 1),  # credits
    ],
)
def test_exporter_runs_one_query_per_relation_per_chunk(exporter_class, relations):
    populate(10)

    class SmallChunks(exporter_class):
        chunk_size = 4

    queries, rows = count_queries(SmallChunks())

    chunks = -(-rows // 4)
    assert queries == 1 + chunks * relations


@pytest.mark.django_db
def test_write_csv_writes_header_rows_and_optional_bom():
    OrganisationFactory(name="中国产业发展促进会")
    plain, with_bom = io.StringIO(), io.StringIO()

    count = write_csv(OrganisationExporter(), Organisation.objects.all(), plain)
    write_csv(OrganisationExporter(), Organisation.objects.all(), with_bom, bom=True)

    assert count == 1
    assert not plain.getvalue().startswith(BOM)
    assert with_bom.getvalue() == BOM + plain.getvalue()
    header, row = list(csv.reader(io.StringIO(plain.getvalue())))
    assert header == OrganisationExporter().header()
    assert row[1] == "中国产业发展促进会"


@pytest.mark.django_db
def test_streaming_csv_response_streams_with_bom_and_filename():
    EventFactory(title="论坛")

    response = streaming_csv_response(EventExporter(), Event.objects.all(), "活动.csv")

    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert "filename*=utf-8''%E6%B4%BB%E5%8A%A8.csv" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(BOM + "id,kind,title,")
    assert "论坛" in body


# The export_csv command ------------------------------------------------------------


@pytest.mark.django_db
def test_export_csv_command_writes_a_bom_when_asked(tmp_path):
    QuoteFactory(text="=1+1")
    with_bom, without = tmp_path / "bom.csv", tmp_path / "plain.csv"

    call_command("export_csv", "quotes", "--output", str(with_bom), "--bom", stderr=io.StringIO())
    call_command("export_csv", "quotes", "--output", str(without), stderr=io.StringIO())

    assert with_bom.read_bytes().startswith(b"\xef\xbb\xbfid,kind,speaker,")
    assert without.read_bytes().startswith(b"id,kind,speaker,")
    rows = list(csv.DictReader(io.StringIO(without.read_text(encoding="utf-8"), newline="")))
    assert [row["text"] for row in rows] == ["'=1+1"]


def test_export_csv_help_states_how_it_differs_from_the_web_download():
    from kb.management.commands.export_csv import Command

    parser = Command().create_parser("manage.py", "export_csv")
    text = " ".join(parser.format_help().split())
    assert "Unlike the site's CSV download, which always starts with a UTF-8 byte-order mark" in text
    assert "as the web download does" in text


@pytest.mark.django_db
def test_export_csv_command_writes_to_stdout_by_default():
    RegionFactory(name="北京市", adcode="110000")
    out = io.StringIO()

    call_command("export_csv", "regions", "--bom", stdout=out, stderr=io.StringIO())

    text = out.getvalue()
    assert text.startswith(BOM + "id,name,level,adcode,parent,aliases,members\r\n")
    assert ",北京市,province,110000,,," in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "table", ["events", "quotes", "organisations", "people", "regions", "sources"]
)
def test_export_csv_command_exports_every_table(table, tmp_path):
    populate(3)
    path = tmp_path / f"{table}.csv"

    call_command("export_csv", table, "--output", str(path), stderr=io.StringIO())

    exporter = exporter_classes()[table]()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    assert rows[0] == exporter.header()
    assert len(rows) - 1 == exporter.model.objects.count()
