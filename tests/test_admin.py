import csv
import datetime as dt
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from events.models import Event, EventKind, Role
from kb.exporting import BOM
from kb.models import Organisation, Person, ReviewStatus
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

FACTORIES = {
    "kb.source": SourceFactory,
    "kb.sourcecredit": SourceCreditFactory,
    "kb.region": RegionFactory,
    "kb.organisation": OrganisationFactory,
    "kb.person": PersonFactory,
    "kb.position": PositionFactory,
    "kb.quote": QuoteFactory,
    "kb.evidence": EvidenceFactory,
    "events.event": EventFactory,
    "events.eventrole": EventRoleFactory,
}
MODELS = list(FACTORIES)


def admin_url(model, view, *args):
    app_label, model_name = model.split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


# Pages load for curators, and only for them ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", ["changelist", "add", "change", "import", "export"])
def test_admin_page_loads_for_staff(staff_client, model, view):
    record = FACTORIES[model]()
    args = (record.pk,) if view == "change" else ()

    response = staff_client.get(admin_url(model, view, *args))

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("view", ["changelist", "add", "change"])
def test_admin_page_redirects_anonymous_to_login(client, model, view):
    record = FACTORIES[model]()
    args = (record.pk,) if view == "change" else ()
    url = admin_url(model, view, *args)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_admin_index_redirects_anonymous_to_login(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_admin_changelist_search_loads(staff_client, model):
    FACTORIES[model]()

    response = staff_client.get(admin_url(model, "changelist"), {"q": "论坛"})

    assert response.status_code == 200


# The event timeline ----------------------------------------------------------------


def changelist_titles(response):
    return [event.title for event in response.context["cl"].result_list]


@pytest.mark.django_db
def test_event_changelist_is_a_timeline_newest_first_undated_last(staff_client):
    EventFactory(title="旧", start_date=dt.date(2023, 6, 1))
    EventFactory(title="未定", start_date=None, date_precision="unknown")
    EventFactory(title="新", start_date=dt.date(2025, 6, 7))
    EventFactory(title="中", start_date=dt.date(2024, 1, 1), date_precision="year")

    response = staff_client.get(admin_url("events.event", "changelist"))

    assert changelist_titles(response) == ["新", "中", "旧", "未定"]
    assert response.context["cl"].date_hierarchy == "start_date"


@pytest.mark.django_db
def test_event_changelist_filters_by_kind_region_and_review_status(staff_client):
    beijing = RegionFactory(name="北京市")
    EventFactory(title="北京论坛", kind=EventKind.FORUM, regions=[beijing])
    EventFactory(title="培训班", kind=EventKind.TRAINING, review_status=ReviewStatus.REVIEWED)
    EventFactory(
        title="待核查的活动", kind=EventKind.OTHER, flagged=True, flag_reason="标题为自动生成"
    )
    url = admin_url("events.event", "changelist")

    by_kind = staff_client.get(url, {"kind__exact": "training"})
    by_region = staff_client.get(url, {"regions__id__exact": beijing.pk})
    by_status = staff_client.get(url, {"review_status__exact": "reviewed"})
    by_flag = staff_client.get(url, {"flagged__exact": "1"})

    assert changelist_titles(by_kind) == ["培训班"]
    assert changelist_titles(by_region) == ["北京论坛"]
    assert changelist_titles(by_status) == ["培训班"]
    assert changelist_titles(by_flag) == ["待核查的活动"]


@pytest.mark.django_db
def test_event_changelist_date_hierarchy_drills_down(staff_client):
    EventFactory(title="六月", start_date=dt.date(2025, 6, 7))
    EventFactory(title="去年", start_date=dt.date(2024, 6, 7))

    response = staff_client.get(
        admin_url("events.event", "changelist"), {"start_date__year": 2025, "start_date__month": 6}
    )

    assert changelist_titles(response) == ["六月"]


@pytest.mark.django_db
def test_event_change_page_shows_roles_quotes_and_evidence(staff_client):
    event = EventFactory(title="县域经济论坛")
    EventRoleFactory(
        event=event, organisation=OrganisationFactory(name="中国产业发展促进会"), role=Role.GUIDE
    )
    QuoteFactory(event=event, text="县域是发展的基本单元。")
    source = SourceFactory(text="中国产业发展促进会指导的论坛在北京举行。")
    EvidenceFactory(record=event, source=source, start=12, end=14, sentence=source.text)

    response = staff_client.get(admin_url("events.event", "change", event.pk))

    content = response.content.decode()
    assert "中国产业发展促进会" in content
    assert "县域是发展的基本单元。" in content
    assert "12–14" in content
    assert "北京" in content


# Search --------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["中国产业发展促进会", "中國產業", "产促会"])
def test_organisation_search_covers_names_original_names_and_aliases(staff_client, term):
    org = OrganisationFactory(
        name="中国产业发展促进会",
        name_original="中國產業發展促進會",
        aliases=["中产促进会", "产促会"],
    )
    OrganisationFactory(name="县域经济研究院")

    response = staff_client.get(admin_url("kb.organisation", "changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [org]


@pytest.mark.django_db
def test_alias_search_keeps_the_list_filters(staff_client):
    OrganisationFactory(name="中国产业发展促进会", aliases=["产促会"], kind="association")

    response = staff_client.get(
        admin_url("kb.organisation", "changelist"), {"q": "产促会", "kind__exact": "company"}
    )

    assert list(response.context["cl"].result_list) == []


@pytest.mark.django_db
def test_person_autocomplete_finds_aliases(staff_client):
    person = PersonFactory(name="王一", aliases=["王会长"])
    PersonFactory(name="李二")

    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"term": "王会长", "app_label": "kb", "model_name": "position", "field_name": "person"},
    )

    assert [result["id"] for result in response.json()["results"]] == [str(person.pk)]


# Change forms ------------------------------------------------------------------


def change_form_data(response):
    """The change form's data as the browser would post it back."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = field.prepare_value(value) if hasattr(field, "prepare_value") else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None and value is not False:
                    data[inline_form.add_prefix(name)] = value
    return data


@pytest.mark.django_db
def test_saving_an_imported_record_marks_it_curator_edited(staff_client):
    org = OrganisationFactory(name="中国产业发展促进会", import_key="org:cidpa")
    url = admin_url("kb.organisation", "change", org.pk)
    data = change_form_data(staff_client.get(url))
    data["name_original"] = "中國產業發展促進會"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    org.refresh_from_db()
    assert org.name_original == "中國產業發展促進會"
    assert org.curator_edited is True


@pytest.mark.django_db
def test_aliases_are_edited_one_per_line_or_semicolon_separated(staff_client):
    org = OrganisationFactory(aliases=["旧别名"])
    url = admin_url("kb.organisation", "change", org.pk)
    response = staff_client.get(url)
    assert "旧别名" in response.content.decode()
    data = change_form_data(response)
    data["aliases"] = "中产促进会; 产促会\n中国产促会\n\n产促会"

    staff_client.post(url, data)

    org.refresh_from_db()
    assert org.aliases == ["中产促进会", "产促会", "中国产促会"]


@pytest.mark.django_db
def test_changing_review_status_in_the_form_records_the_reviewer(staff_client, staff_user):
    event = EventFactory()
    url = admin_url("events.event", "change", event.pk)
    data = change_form_data(staff_client.get(url))
    data["review_status"] = "reviewed"

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event.refresh_from_db()
    assert (event.review_status, event.reviewed_by) == ("reviewed", staff_user)
    assert event.reviewed_at is not None
    assert event.curator_edited is False  # added by hand, not imported


@pytest.mark.django_db
def test_source_change_page_shows_texts_and_repair_log_read_only(staff_client):
    source = SourceFactory(
        raw_text="原始<p>文本",
        text_original="修復後原文",
        text="修复后简体",
        repair_log=[
            {"kind": "html", "raw_start": 2, "raw_end": 5, "before": "<p>", "after": "", "detail": "tag", "start": 2, "end": 2},
            {"kind": "mojibake", "raw_start": 0, "raw_end": 2, "before": "锟斤", "after": "锟斤", "damaged": True, "start": 0, "end": 2},
            {"kind": "whitespace", "count": 3},
        ],
    )  # fmt: skip

    response = staff_client.get(admin_url("kb.source", "change", source.pk))

    content = response.content.decode()
    assert "原始&lt;p&gt;文本" in content
    assert "修復後原文" in content
    assert "修复后简体" in content
    assert "<del>&lt;p&gt;</del>" in content
    assert "whitespace: 3" in content
    form = response.context["adminform"].form
    assert not {"raw_text", "text", "text_original", "repair_log"} & set(form.fields)


@pytest.mark.django_db
def test_organisation_change_page_shows_quoted_evidence(staff_client):
    org = OrganisationFactory(name="中国产业发展促进会")
    EvidenceFactory(record=org)  # quotes 中国产业发展促进会 from the default article

    response = staff_client.get(admin_url("kb.organisation", "change", org.pk))

    (formset,) = [
        f
        for f in response.context["inline_admin_formsets"]
        if f.opts.model._meta.model_name == "evidence"
    ]
    assert not formset.has_add_permission
    assert "6–15" in response.content.decode()
    assert response.content.decode().count("中国产业发展促进会") >= 2


# Actions -------------------------------------------------------------------------


def post_action(client, model, action, records, **extra):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in records], **extra},
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", ["kb.source", "kb.organisation", "kb.person", "kb.quote", "events.event"]
)
def test_mark_reviewed_action_sets_status_reviewer_and_time(staff_client, staff_user, model):
    records = [FACTORIES[model](), FACTORIES[model]()]

    response = post_action(staff_client, model, "mark_reviewed", records)

    assert response.status_code == 302
    for record in records:
        record.refresh_from_db()
        assert record.review_status == ReviewStatus.REVIEWED
        assert record.reviewed_by == staff_user
        assert record.reviewed_at is not None


@pytest.mark.django_db
def test_reject_action_keeps_a_tombstone(staff_client, staff_user):
    event = EventFactory()

    post_action(staff_client, "events.event", "reject", [event])

    event.refresh_from_db()
    assert event.review_status == ReviewStatus.REJECTED
    assert event.reviewed_by == staff_user
    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.django_db
def test_review_actions_are_in_each_records_history(staff_client, staff_user):
    accepted, rejected = EventFactory(), EventFactory()

    post_action(staff_client, "events.event", "mark_reviewed", [accepted])
    post_action(staff_client, "events.event", "reject", [rejected])

    for event, message in ((accepted, "审核通过"), (rejected, "驳回")):
        entry = LogEntry.objects.get(object_id=str(event.pk), content_type__model="event")
        assert (entry.user, entry.change_message) == (staff_user, message)
        history = staff_client.get(admin_url("events.event", "history", event.pk))
        assert message in history.content.decode()


@pytest.mark.django_db
def test_merge_action_asks_for_the_survivor_first(staff_client):
    first = OrganisationFactory(name="中国产业发展促进会")
    second = OrganisationFactory(name="中产促进会")

    response = post_action(staff_client, "kb.organisation", "merge_duplicates", [first, second])

    assert response.status_code == 200
    assert "admin/kb/merge_confirm.html" in [t.name for t in response.templates]
    content = response.content.decode()
    assert f'name="survivor" value="{first.pk}"' in content
    assert f'name="survivor" value="{second.pk}"' in content
    assert Organisation.objects.filter(merged_into__isnull=False).count() == 0


@pytest.mark.django_db
def test_merge_confirmation_speaks_english_when_the_curator_chose_it(staff_client):
    first, second = OrganisationFactory(name="中国产业发展促进会"), OrganisationFactory(name="中产促进会")
    staff_client.cookies["django_language"] = "en"
    content = post_action(staff_client, "kb.organisation", "merge_duplicates", [first, second]).content.decode()
    assert "Organisations: choose the record to keep. The names and aliases of the others become its aliases;" in content
    assert "请选择保留的" not in content
    assert "<title>Merge duplicates | Regional Development Knowledge Base</title>" in content


@pytest.mark.django_db
def test_merge_action_merges_into_the_chosen_survivor(staff_client, staff_user):
    survivor = OrganisationFactory(name="中国产业发展促进会")
    duplicate = OrganisationFactory(name="中产促进会")
    role = EventRoleFactory(organisation=duplicate, role=Role.GUIDE)

    response = post_action(
        staff_client, "kb.organisation", "merge_duplicates", [survivor, duplicate],
        post="yes", survivor=survivor.pk,
    )  # fmt: skip

    assert response.status_code == 302
    duplicate.refresh_from_db()
    survivor.refresh_from_db()
    role.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert duplicate.review_status == ReviewStatus.REJECTED
    assert duplicate.reviewed_by == staff_user
    assert survivor.aliases == ["中产促进会"]
    assert role.organisation == survivor


@pytest.mark.django_db
def test_merge_action_for_people(staff_client):
    survivor = PersonFactory(name="王一")
    duplicate = PersonFactory(name="王壹")

    post_action(
        staff_client, "kb.person", "merge_duplicates", [survivor, duplicate],
        post="yes", survivor=survivor.pk,
    )  # fmt: skip

    assert Person.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk


@pytest.mark.django_db
def test_merge_action_without_a_survivor_asks_again(staff_client):
    records = [OrganisationFactory(), OrganisationFactory()]

    response = post_action(staff_client, "kb.organisation", "merge_duplicates", records, post="yes")

    assert response.status_code == 200
    assert response.context["error"]
    assert not Organisation.objects.filter(merged_into__isnull=False).exists()


@pytest.mark.django_db
def test_merge_action_needs_two_records(staff_client):
    record = OrganisationFactory()

    response = post_action(staff_client, "kb.organisation", "merge_duplicates", [record])

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.merged_into is None


# Import and export through the admin ------------------------------------------------


@pytest.mark.django_db
def test_admin_csv_export_escapes_formulas_and_writes_a_bom(staff_client):
    OrganisationFactory(name="=HYPERLINK(1)", aliases=["+86"])
    from kb.resources import OrganisationResource

    fields = {
        f"organisationresource_{name}": "on" for name in OrganisationResource().get_export_order()
    }

    response = staff_client.post(
        admin_url("kb.organisation", "export"), {"format": "0", "resource": "0", **fields}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv"
    body = response.content.decode("utf-8")
    assert body.startswith(BOM)
    (row,) = csv.DictReader(io.StringIO(body.removeprefix(BOM), newline=""))
    assert row["name"] == "'=HYPERLINK(1)"
    assert row["aliases"] == "'+86"


@pytest.mark.django_db
def test_admin_csv_import_of_an_export_skips_every_row(staff_client):
    OrganisationFactory(name="=HYPERLINK(1)", aliases=["+86", "产促会"])
    OrganisationFactory(name="县域经济研究院")
    from kb.resources import OrganisationResource

    fields = {f"organisationresource_{n}": "on" for n in OrganisationResource().get_export_order()}
    exported = staff_client.post(
        admin_url("kb.organisation", "export"), {"format": "0", "resource": "0", **fields}
    ).content
    upload = io.BytesIO(exported)
    upload.name = "organisations.csv"

    response = staff_client.post(
        admin_url("kb.organisation", "import"),
        {"format": "0", "resource": "0", "import_file": upload},
    )

    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["skip"] == 2
    assert Organisation.objects.get(name="=HYPERLINK(1)").aliases == ["+86", "产促会"]


# The Chinese admin speaks Chinese, in China's time ------------------------------------


def test_every_field_has_a_chinese_label():
    from django.apps import apps

    defaults = [
        f"{model.__name__}.{field.name}"
        for app in ("kb", "events")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        if str(field.verbose_name) == field.name.replace("_", " ")
    ]
    assert defaults == []


@pytest.mark.django_db
def test_event_change_page_has_no_english_field_labels(staff_client):
    event = EventFactory()
    html = staff_client.get(admin_url("events.event", "change", event.pk)).content.decode()
    assert "Span start" not in html and "Span end" not in html
    assert "时段起" in html and "时段止" in html


@pytest.mark.django_db
def test_admin_shows_times_in_china_time(staff_client, staff_user):
    import datetime as dt

    event = EventFactory()
    # 01:30 UTC is 09:30 in Shanghai; the database keeps UTC.
    Event.objects.filter(pk=event.pk).update(
        reviewed_at=dt.datetime(2025, 6, 8, 1, 30, tzinfo=dt.UTC), reviewed_by=staff_user)
    html = staff_client.get(admin_url("events.event", "change", event.pk)).content.decode()
    # The field's own rendering: other times on the page (the record's
    # creation, now) may read 01:30 in Shanghai by chance.
    assert '<div class="readonly">2025年6月8日 09:30</div>' in html
    assert "2025年6月8日 01:30" not in html


def moved_city(staff_client):
    """A city moved to another province in the admin, with an event in it;
    every event refreshed with the gazetteer before the edit."""
    from events.services import events_refresh_all

    zhejiang = RegionFactory(name="浙江省", level="province")
    jiangsu = RegionFactory(name="江苏省", level="province")
    city = RegionFactory(name="某市", level="prefecture", parent=zhejiang)
    event = EventFactory(regions=[city])
    events_refresh_all()
    url = admin_url("kb.region", "change", city.pk)
    data = change_form_data(staff_client.get(url))
    data["parent"] = str(jiangsu.pk)
    response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200
    return response, event, jiangsu


@pytest.mark.django_db
def test_a_gazetteer_edit_refreshes_the_events_at_once_when_they_are_few(staff_client):
    from events.models import Event
    from events.services import refreshed_digest
    from kb.selectors.regions import region_tree_cached

    response, event, jiangsu = moved_city(staff_client)
    assert "地区树已变更：1 个活动的地区统计已随之更新。" in response.content.decode()
    assert refreshed_digest(using="default") == region_tree_cached().digest
    assert f",{jiangsu.pk}," in Event.objects.get(pk=event.pk).region_tops


@pytest.mark.django_db
def test_a_gazetteer_edit_tells_the_curator_the_command_when_events_are_many(staff_client, settings):
    from events.services import refreshed_digest
    from kb.selectors.regions import region_tree_cached

    settings.KB_INLINE_REFRESH_MAX = 0
    response, _event, _jiangsu = moved_city(staff_client)
    assert "在运行 manage.py refresh_events 之前" in response.content.decode()
    assert refreshed_digest(using="default") != region_tree_cached().digest
