"""Whole-page caching of the public site (kb.middleware_cache) and the data
version it keys on (kb.services.data_version)."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kb.models import DataVersion
from kb.services.data_version import data_changed, data_version, data_version_bump
from kb.settings import cache_from_url
from tests.factories import EventFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.KB_PAGE_CACHE_SECONDS = 600


def version() -> int:
    return data_version().version


def one_seed(tmp_path: Path) -> Path:
    """A folder holding a copy of the first seed article."""
    first = sorted((Path(__file__).resolve().parents[1] / "seeds").iterdir())[0]
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy(first, folder / first.name)
    return folder


def test_second_request_is_answered_from_the_cache_with_one_query(client):
    EventFactory(title="长三角产业论坛")
    first = client.get("/")
    assert first["X-Cache"] == "miss" and "长三角产业论坛" in first.content.decode()
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    # The data version (the test's transaction adds savepoints around the
    # cache call, which a server in autocommit does not).
    reads = [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    assert len(reads) == 1 and "kb_dataversion" in reads[0]


def test_a_committed_write_moves_the_version_and_the_next_request_renders_afresh(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(title="长三角产业论坛")
    client.get("/")
    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "长三角产业论坛（修订）"
        event.save()
    assert version() == before + 1
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "长三角产业论坛（修订）" in response.content.decode()


def test_a_curator_save_in_the_admin_moves_the_version(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(title="长三角产业论坛")
        client.force_login(StaffUserFactory())
    before = version()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:events_event_changelist"),
                    {"action": "mark_reviewed", "_selected_action": [event.pk]})
    assert version() > before


def test_one_transaction_moves_the_version_once_and_a_rollback_not_at_all(
        django_capture_on_commit_callbacks):
    before = version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            EventFactory()
            EventFactory()
            data_changed()
    assert len(callbacks) == 1
    assert version() == before + 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                EventFactory()
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == []
    assert version() == before + 1


def test_conditional_requests_get_304(client):
    EventFactory()
    first = client.get("/events/export.csv?kind=forum")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/events/export.csv?kind=forum", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/events/export.csv?kind=forum",
                      headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/events/export.csv?kind=forum", headers={"If-None-Match": '"other"'}).status_code == 200


def test_public_pages_tell_shared_caches_to_keep_them_briefly(client, settings):
    response = client.get("/")
    assert response["Cache-Control"] == (
        f"public, max-age=0, s-maxage={settings.KB_PUBLIC_SHARED_MAX_AGE}, "
        f"stale-while-revalidate={settings.KB_PUBLIC_STALE_WHILE_REVALIDATE}")
    assert "Cookie" in response["Vary"]


def test_language_and_script_are_part_of_the_key(client):
    EventFactory(title="长三角产业论坛")
    chinese = client.get("/")
    client.cookies["django_language"] = "en"
    english = client.get("/")
    assert english["X-Cache"] == "miss" and english["Content-Language"] == "en"
    client.cookies["script"] = "traditional"
    traditional = client.get("/")
    assert traditional["X-Cache"] == "miss" and "長三角產業論壇" in traditional.content.decode()
    del client.cookies["django_language"], client.cookies["script"]
    again = client.get("/")
    assert again["X-Cache"] == "hit" and again.content == chinese.content


def test_equivalent_queries_share_one_entry(client):
    EventFactory()
    assert client.get("/?q=&kind=forum&region=")["X-Cache"] == "miss"
    assert client.get("/?kind=forum")["X-Cache"] == "hit"
    assert client.get("/?kind=visit")["X-Cache"] == "miss"


def test_csv_export_is_kept_with_its_headers(client):
    EventFactory(title="长三角产业论坛")
    first = client.get("/events/export.csv?kind=forum")
    body = b"".join(first.streaming_content) if first.streaming else first.content
    second = client.get("/events/export.csv?kind=forum")
    assert second["X-Cache"] == "hit"
    assert second.content == body and "长三角产业论坛".encode() in body
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert second["Content-Type"] == first["Content-Type"]


def test_admin_and_logged_in_requests_are_never_cached(client):
    client.force_login(StaffUserFactory())
    admin = client.get(reverse("admin:index"))
    assert "X-Cache" not in admin and "private" in admin["Cache-Control"]
    public = client.get("/")
    assert "X-Cache" not in public
    assert public["Cache-Control"] == "private, no-cache"


def test_switches_are_never_cached(client):
    response = client.post("/script/", {"script": "traditional", "next": "/"},
                           headers={"Origin": "http://testserver"})
    assert response.status_code == 302 and "X-Cache" not in response


def test_cache_backend_comes_from_the_environment(tmp_path):
    assert cache_from_url("")["BACKEND"].endswith("FileBasedCache")
    assert cache_from_url("locmem://")["BACKEND"].endswith("LocMemCache")
    db = cache_from_url("db://kb_cache")
    assert (db["BACKEND"], db["LOCATION"]) == ("django.core.cache.backends.db.DatabaseCache", "kb_cache")
    redis = cache_from_url("redis://127.0.0.1:6379/1")
    assert redis["BACKEND"].endswith("RedisCache") and redis["LOCATION"] == "redis://127.0.0.1:6379/1"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="unknown cache"):
        cache_from_url("memcached://x")


def test_the_version_reads_zero_without_writing_until_the_first_write():
    DataVersion.objects.all().delete()
    assert data_version().version == 0
    assert not DataVersion.objects.exists()  # a read stays a read
    data_version_bump()
    assert data_version().version == 1
    data_version_bump()
    assert data_version().version == 2


@pytest.mark.django_db(transaction=True)
def test_an_import_moves_the_version_and_warms_the_timeline(client, tmp_path):
    """Real commits (a transactional test): the version moves as each article
    commits, and the warming after the import is what the visitor gets."""
    folder = one_seed(tmp_path)
    before = version()
    out = io.StringIO()
    call_command("import_seeds", str(folder), "--no-progress", stdout=out)
    assert version() > before
    assert "cache warmed: 1 page(s)" in out.getvalue()
    # The first visitor after the import is answered from the cache.
    assert client.get("/")["X-Cache"] == "hit"


@pytest.mark.django_db(transaction=True)
def test_an_import_still_succeeds_when_warming_fails(settings, tmp_path):
    """Production settings before collectstatic: the page cannot render its
    static URLs, so warming fails; the import is done and says so."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    folder = one_seed(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_seeds", str(folder), "--no-progress", stdout=out, stderr=err)
    assert "新建 created                    1" in out.getvalue()
    assert "cache not warmed: ValueError: Missing staticfiles manifest entry" in err.getvalue()


def test_a_failing_cache_backend_costs_the_speed_up_not_the_page(client, settings):
    # A database cache whose table was never created (createcachetable not run).
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kb_no_such_table"}}
    settings.KB_PAGE_CACHE_ALIAS = "pages"
    EventFactory(title="长三角产业论坛")
    response = client.get("/")
    assert response.status_code == 200 and "长三角产业论坛" in response.content.decode()
    assert response["X-Cache"] == "miss"
