"""Properties of the whole import and of the CSV export (the steps' own
property tests are beside them in tests/ingest/ and tests/test_exporting.py):

- decode, repair and extraction of one file, end to end, never fail on
  random bytes or arbitrary Unicode: a file is imported or refused with a
  one-line reason, never an internal error;
- every span extracted lies inside the text, every date is a real date in
  a sane order with a known precision;
- the CSV export of real records, read back with the csv module and
  unescaped, gives every value back (commas, quotes, newlines, leading
  = + - @ tab CR).
"""

import csv
import datetime as dt
import io
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb import dates as D
from kb.exporting import OrganisationExporter, unescape_formula, write_csv
from kb.ingest.batch import FileReport, prepare
from kb.ingest.extract.gazetteer import Gazetteer
from kb.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
NEWSY = st.text(alphabet=st.sampled_from(list(
    "长三角论坛大会培训班联盟揭牌成立签署协议参观调研在举行召开于日月年0123456789,，。、“”:：上海杭州公司"
    "新华网记者责任编辑来源<>/=\"' \n\t\r\u3000\ufffd锟斤拷")), max_size=300)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer.from_fixture(ROOT / "fixtures" / "regions.json")


def run(data: bytes):
    return prepare(data, FileReport("article.txt", "refused"), "article.txt", 5 * 1024 * 1024, gazetteer())


def spans(extraction):
    """(start, end) of everything extracted."""
    for mention in (*extraction.dates, *extraction.regions, *extraction.quotes, *extraction.terms):
        yield mention.start, mention.end
    for record in (*extraction.organisations, *extraction.people):
        for mention in record.mentions:
            yield mention.start, mention.end
    for event in extraction.events:
        yield from event.spans


def assert_sound(prepared) -> None:
    report = prepared.report
    if prepared.article is None:
        assert report.reason and "\n" not in report.reason
        assert "internal error" not in report.reason, report.reason
        return
    text = prepared.article.text
    extraction = prepared.extraction
    for start, end in spans(extraction):
        assert 0 <= start <= end <= len(text)
    for date in extraction.dates:
        assert date.precision in D.PRECISIONS
        if date.start_date and date.end_date:
            assert date.start_date <= date.end_date
    for event in extraction.events:
        assert event.precision in D.PRECISIONS
        for day in (event.start_date, event.end_date):
            assert day is None or isinstance(day, dt.date)
        if event.start_date and event.end_date:
            assert event.start_date <= event.end_date
        assert event.end_date is None or event.start_date is not None
    meta = prepared.article.meta
    assert meta.precision in D.PRECISIONS
    assert (meta.published is None) == (meta.precision == D.UNKNOWN)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
@example(b"\xef\xbb\xbf")  # a BOM alone
@example("新华网\n责任编辑:张三".encode())
def test_import_of_random_bytes_never_fails(data):
    assert_sound(run(data))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300) | NEWSY, st.sampled_from(["utf-8", "utf-16", "gb18030"]))
@example("2025年2月30日,长三角论坛在上海举行。", "utf-8")
def test_import_of_any_text_never_fails_and_keeps_spans_and_dates_sound(text, codec):
    data = text.encode(codec, errors="replace")
    assert_sound(run(data))


CELL = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), min_size=1,
               max_size=40)
FORMULA_LIKE = st.builds(lambda lead, rest: lead + rest, st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'="]),
                         st.text(alphabet=',"\n\r =+-@\'a中', max_size=20))


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=CELL | FORMULA_LIKE, aliases=st.lists(CELL | FORMULA_LIKE, max_size=3))
@example(name='=HYPERLINK("http://x","点我")', aliases=["a,b", 'say "hi"', "line\nbreak"])
def test_csv_export_round_trips_every_value(name, aliases):
    aliases = [alias for alias in aliases if "; " not in alias]  # the list separator
    record = Organisation.objects.create(name=name, name_original=name, aliases=aliases)
    try:
        out = io.StringIO(newline="")
        write_csv(OrganisationExporter(), Organisation.objects.filter(pk=record.pk), out)
        header, row = csv.reader(io.StringIO(out.getvalue(), newline=""))
        values = dict(zip(header, row, strict=True))
        assert unescape_formula(values["name"]) == name
        assert unescape_formula(values["name_original"]) == name
        cell = unescape_formula(values["aliases"])
        assert (cell.split("; ") if cell else []) == aliases
    finally:
        record.delete()
