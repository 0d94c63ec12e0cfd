"""Exports of every list: CSV (the kb.exporting contract), iCalendar and
JSON for events, with the page's filters; bad filters give a 400."""

import datetime as dt
import json

from events.calendar import escape_text, fold
from kb.models import DatePrecision, ReviewStatus
from tests.factories import (
    EventFactory,
    EventRoleFactory,
    OrganisationFactory,
    PersonFactory,
    QuoteFactory,
    RegionFactory,
    SourceFactory,
)
from tests.views.helpers import body, csv_rows, event_ids_on_page, make_rich_events, query_count


def test_events_csv_streams_every_filtered_row_not_just_the_page(db, client):
    for day in range(60):
        EventFactory(start_date=dt.date(2024, 1, 1) + dt.timedelta(days=day))
    EventFactory(start_date=dt.date(2023, 5, 1))
    response = client.get("/events/export.csv?date_after=2024")
    rows = csv_rows(response)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(rows) == 60
    assert [row["start_date"] for row in rows[:2]] == ["2024-02-29", "2024-02-28"]


def test_events_csv_filename_says_what_and_when(db, client):
    region = RegionFactory(name="长三角", level="macro")
    response = client.get(f"/events/export.csv?kind=alliance&region={region.pk}")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''events-alliance-")
    assert "%E9%95%BF%E4%B8%89%E8%A7%92" in disposition  # 长三角, RFC 5987
    assert disposition.endswith(".csv")
    plain = client.get("/events/export.csv")["Content-Disposition"]
    assert plain.startswith('attachment; filename="events-20')


def test_events_csv_escapes_formula_cells(db, client):
    EventFactory(title="=HYPERLINK(\"http://evil\")")
    rows = csv_rows(client.get("/events/export.csv"))
    assert rows[0]["title"] == "'=HYPERLINK(\"http://evil\")"


def test_events_csv_leaves_out_rejected_events(db, client):
    shown = EventFactory()
    EventFactory(review_status=ReviewStatus.REJECTED)
    assert [int(row["id"]) for row in csv_rows(client.get("/events/export.csv"))] == [shown.pk]


def test_exports_with_bad_filters_are_400_with_the_reason(db, client):
    for url in (
        "/events/export.csv?kind=party",
        "/events/export.ics?date_before=yesterday",
        "/events/export.json?region=x",
        "/organisations/export.csv?kind=club",
        "/quotes/export.csv?speaker=abc",
        "/sources/export.csv?date_after=2024-02-30",
        "/regions/export.csv?level=planet",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "筛选条件有误" in response.content.decode()


def test_events_export_query_count_does_not_grow_with_rows(db, client):
    make_rich_events(10)
    ten = query_count(client, "/events/export.csv")
    make_rich_events(90)
    assert query_count(client, "/events/export.csv") == ten


def test_events_ics_gives_all_day_events_at_their_precision(db, client):
    EventFactory(title="论坛", start_date=dt.date(2025, 4, 15), end_date=dt.date(2025, 4, 20))
    EventFactory(title="月份活动", start_date=dt.date(2023, 6, 1), date_precision=DatePrecision.MONTH)
    EventFactory(title="年份活动", start_date=dt.date(2024, 1, 1), date_precision=DatePrecision.YEAR)
    EventFactory(title="无日期", start_date=None, date_precision=DatePrecision.UNKNOWN)
    response = client.get("/events/export.ics")
    text = body(response)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20250415\r\nDTEND;VALUE=DATE:20250421\r\n" in text
    assert "DTSTART;VALUE=DATE:20230601\r\nDTEND;VALUE=DATE:20230701\r\n" in text
    assert "DTSTART;VALUE=DATE:20240101\r\nDTEND;VALUE=DATE:20250101\r\n" in text
    assert "无日期" not in text
    assert text.count("BEGIN:VEVENT") == 3


def test_events_ics_escapes_text_and_folds_long_lines(db, client):
    EventFactory(title="签约;合作,共赢\\发展", summary="长" * 60)
    text = body(client.get("/events/export.ics"))
    assert "SUMMARY:签约\\;合作\\,共赢\\\\发展\r\n" in text
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert "\r\n 长" in text  # a folded continuation line


def test_fold_never_splits_a_character_and_escape_text_escapes_newlines():
    line = "DESCRIPTION:" + "长三角" * 40
    folded = fold(line)
    assert folded.replace("\r\n ", "").rstrip("\r\n") == line
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert escape_text("一\n二") == "一\\n二"


def test_events_json_streams_objects_with_the_csv_columns(db, client):
    parent = EventFactory(title="=1+1", participants=200)
    EventFactory(parent=parent, title="分论坛")
    response = client.get("/events/export.json")
    items = json.loads(body(response))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert list(items[0]) == [
        "id", "kind", "title", "title_original", "start_date", "end_date", "date_precision",
        "parent_id", "regions", "organisations", "people", "participants", "source_ids",
        "review_status",
    ]
    by_title = {item["title"]: item for item in items}
    assert by_title["=1+1"]["participants"] == 200  # JSON is not escaped for spreadsheets
    assert by_title["分论坛"]["parent_id"] == parent.pk
    assert by_title["=1+1"]["parent_id"] is None


def test_kb_list_exports_follow_their_filters(db, client):
    province = RegionFactory(name="浙江省", adcode="330000")
    city = RegionFactory(name="杭州市", adcode="330100", parent=province, level="prefecture")
    wanted = OrganisationFactory(name="杭州某公司", kind="company", region=city)
    OrganisationFactory(name="另一家公司", kind="company")
    OrganisationFactory(name="某协会", kind="association", region=city)
    rows = csv_rows(client.get(f"/organisations/export.csv?kind=company&region={province.pk}"))
    assert [int(row["id"]) for row in rows] == [wanted.pk]

    speaker = PersonFactory(name="薛敏")
    quote = QuoteFactory(speaker=speaker)
    QuoteFactory()
    rows = csv_rows(client.get(f"/quotes/export.csv?speaker={speaker.pk}"))
    assert [int(row["id"]) for row in rows] == [quote.pk]

    old = SourceFactory(published_date=dt.date(2023, 1, 5), outlet="东方网")
    SourceFactory(published_date=dt.date(2025, 1, 5), outlet="东方网")
    rows = csv_rows(client.get("/sources/export.csv?outlet=东方网&date_before=2023"))
    assert [int(row["id"]) for row in rows] == [old.pk]

    rows = csv_rows(client.get("/people/export.csv?q=薛"))
    assert [row["name"] for row in rows] == ["薛敏"]
    rows = csv_rows(client.get("/regions/export.csv?level=prefecture"))
    assert [row["name"] for row in rows] == ["杭州市"]


def test_organisation_page_rows_equal_its_export(db, client):
    for number in range(3):
        OrganisationFactory(name=f"联盟{number}", kind="alliance")
    OrganisationFactory(name="公司", kind="company")
    html = body(client.get("/organisations/?kind=alliance"))
    exported = {int(row["id"]) for row in csv_rows(client.get("/organisations/export.csv?kind=alliance"))}
    import re

    shown = {int(pk) for pk in re.findall(r'<td><a href="/organisations/(\d+)/">', html)}
    assert shown == exported and len(shown) == 3


def test_timeline_page_links_to_its_exports_with_the_same_query(db, client):
    EventFactory()
    html = body(client.get("/?kind=forum&page=1"))
    assert 'href="/events/export.csv?kind=forum"' in html
    assert 'href="/events/export.ics?kind=forum"' in html
    assert 'href="/events/export.json?kind=forum"' in html
    assert event_ids_on_page(html)


def test_events_csv_of_any_subset_in_any_chunking_equals_row_by_row_export(db):
    """The exporter reads each chunk's links, roles and evidence by a range
    of event ids when the chunk is dense, by a list when sparse; either way
    a row is what exporting its event alone gives."""
    import io

    from events.exporting import EventExporter
    from events.models import Event
    from kb.exporting import write_csv

    events = make_rich_events(30)
    for event in events[::4]:
        EventRoleFactory(event=event, organisation=None, person=PersonFactory(), role="speaker")

    def export(queryset, chunk_size):
        class Chunked(EventExporter):
            pass

        Chunked.chunk_size = chunk_size
        out = io.StringIO()
        write_csv(Chunked(), queryset, out)
        return out.getvalue().splitlines()[1:]

    every = Event.objects.order_by("pk")
    alone = {pk: export(every.filter(pk=pk), 1) for pk in every.values_list("pk", flat=True)}
    subsets = {
        "all": every,
        "dense with gaps": every.exclude(pk__in=[e.pk for e in events[::5]]),
        "sparse": every.filter(pk__in=[e.pk for e in events[::6]]),
        "newest first": every.order_by("-start_date", "-pk"),
    }
    for name, queryset in subsets.items():
        for chunk_size in (1, 4, 7, 1000):
            expected = [line for pk in queryset.values_list("pk", flat=True) for line in alone[pk]]
            assert export(queryset, chunk_size) == expected, (name, chunk_size)
