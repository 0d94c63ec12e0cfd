"""An article's credits as curators leave them survive re-import
(kb.services.credits): a credit a curator added or corrected stays as it
is, and one the article gives that a curator removed or corrected away is
not written again."""

import pytest

from kb.models import CreditRole, Source, SourceCredit
from kb.services.credits import credit_curator_delete, credit_curator_save
from tests.services.test_reimport_curation import import_files, seed_dir  # noqa: F401 - a fixture

FILE = "001_e41a0b784f92bb4f.txt"  # credits two authors
pytestmark = pytest.mark.django_db


def credits_of(source: Source) -> set[tuple[str, str, bool]]:
    return set(SourceCredit.objects.filter(source=source).values_list("name", "role", "curator_edited"))


def change(folder, name: str) -> None:
    """Append a line, so the importer re-reads the file."""
    path = folder / name
    path.write_bytes(path.read_bytes() + "\n本报将继续关注。\n".encode())


def test_curated_credits_survive_reimport_of_a_changed_file(seed_dir):  # noqa: F811
    import_files(seed_dir)
    source = Source.objects.get(file_name=FILE)
    assert credits_of(source) == {("李成东", "author", False), ("李于伯", "author", False)}
    kept = SourceCredit.objects.get(source=source, name="李成东")
    removed = SourceCredit.objects.get(source=source, name="李于伯")

    # Correct one (name and role), remove the other, add one the text misses.
    kept.name, kept.role = "李成栋", CreditRole.EDITOR
    credit_curator_save(credit=kept, was=("李成东", "author"))
    credit_curator_delete(credit=removed)
    credit_curator_save(credit=SourceCredit(source=source, name="周敏", role=CreditRole.PHOTOGRAPHER))
    curated = {("李成栋", "editor", True), ("周敏", "photographer", True)}
    assert credits_of(source) == curated

    change(seed_dir, FILE)
    import_files(seed_dir)
    source.refresh_from_db()
    assert source.text.endswith("本报将继续关注。")  # really re-processed
    assert credits_of(source) == curated
    assert sorted(map(tuple, source.credits_suppressed)) == [("李于伯", "author"), ("李成东", "author")]


def test_reimport_still_rewrites_the_credits_no_curator_touched(seed_dir):  # noqa: F811
    import_files(seed_dir)
    source = Source.objects.get(file_name=FILE)
    SourceCredit.objects.filter(source=source, name="李于伯").update(role=CreditRole.OTHER)  # not a curator
    change(seed_dir, FILE)
    import_files(seed_dir)
    assert credits_of(source) == {("李成东", "author", False), ("李于伯", "author", False)}


def test_deleting_a_credit_a_curator_made_suppresses_nothing(seed_dir):  # noqa: F811
    import_files(seed_dir)
    source = Source.objects.get(file_name=FILE)
    made = credit_curator_save(credit=SourceCredit(source=source, name="周敏", role=CreditRole.PHOTOGRAPHER))
    credit_curator_delete(credit=made)
    source.refresh_from_db()
    assert source.credits_suppressed == []


class FormValues:
    """The values a browser would send for the change form's fields."""

    def __init__(self, html: str):
        from html.parser import HTMLParser

        values: dict[str, str] = {}
        state = {"select": None, "textarea": None}

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                name = a.get("name")
                if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
                    if a.get("type") == "checkbox":
                        if "checked" in a:
                            values[name] = a.get("value", "on")
                    else:
                        values[name] = a.get("value", "")
                elif tag == "select" and name:
                    state["select"] = name
                    values.setdefault(name, "")
                elif tag == "option" and state["select"] and "selected" in a:
                    values[state["select"]] = a.get("value", "")
                elif tag == "textarea" and name:
                    state["textarea"] = name
                    values[name] = ""

            def handle_endtag(self, tag):
                if tag == "select":
                    state["select"] = None
                elif tag == "textarea":
                    state["textarea"] = None

            def handle_data(self, data):
                if state["textarea"]:
                    values[state["textarea"]] += data

        Parser().feed(html)
        self.values = values


def test_the_admin_inline_saves_credits_as_curated_and_suppresses_a_removed_one(seed_dir, staff_client):  # noqa: F811
    from django.urls import reverse

    import_files(seed_dir)
    source = Source.objects.get(file_name=FILE)
    url = reverse("admin:kb_source_change", args=[source.pk])
    data = FormValues(staff_client.get(url).content.decode()).values
    data.pop("_saveasnew", None)
    rows = {data[f"credits-{i}-name"]: i for i in range(int(data["credits-TOTAL_FORMS"]))}
    data[f"credits-{rows['李于伯']}-DELETE"] = "on"
    data[f"credits-{rows['李成东']}-name"] = "李成栋"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    source.refresh_from_db()
    assert credits_of(source) == {("李成栋", "author", True)}
    assert sorted(map(tuple, source.credits_suppressed)) == [("李于伯", "author"), ("李成东", "author")]

    change(seed_dir, FILE)
    import_files(seed_dir)
    assert credits_of(source) == {("李成栋", "author", True)}
