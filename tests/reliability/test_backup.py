"""Backup and restore of a curated database: the seeds imported, records
reviewed, rejected, merged and edited the way a curator does
(kb/services/curation.py), then

- dumpdata / loaddata (any database) into a fresh database, and
- the database's own backup: pg_dump / pg_restore on PostgreSQL, SQLite's
  online backup API on SQLite,

restore every row with its review state and provenance: the fresh
database's natural snapshot (tests/reliability) equals the original's.
"""

import contextlib
import glob
import gzip
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from events.models import Event
from kb.models import Organisation, Person, Quote, Source
from kb.services.curation import (
    organisation_merge,
    person_merge,
    record_curator_update,
    record_mark_reviewed,
    record_reject,
)
from tests.factories import StaffUserFactory
from tests.reliability import ROOT, manage, natural_snapshot, snapshot_differences, snapshot_of

SEEDS = ROOT / "seeds"
# The README's backup command.
DUMPDATA = ["--natural-foreign", "--natural-primary", "--exclude", "contenttypes",
            "--exclude", "auth.permission", "--exclude", "sessions",
            "--exclude", "events.eventarea", "--exclude", "events.eventsrefreshed"]


@pytest.fixture(scope="module")
def curated(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeds after a curator's session, committed once for the module,
    and the database's own backup taken at the end of the session (outside
    any transaction, as a nightly job would); flushed when the module is
    done.  Yields the backup file."""
    with django_db_blocker.unblock():
        try:
            curate()
            yield database_backup(tmp_path_factory.mktemp("backup"))
        finally:
            call_command("flush", interactive=False, verbosity=0)


def curate() -> None:
    call_command("load_regions", stdout=io.StringIO())
    call_command("import_seeds", str(SEEDS), "--no-progress", stdout=io.StringIO())
    curator = StaffUserFactory(username="curator")
    record_mark_reviewed(record=Event.objects.get(title="第七届长三角一体化发展高层论坛"), user=curator)
    record_reject(record=Event.objects.get(title="联影集团成立"), user=curator)
    record_mark_reviewed(record=Quote.objects.get(text__startswith="这个行业靠一家企业单打独斗不行"),
                         user=curator)
    survivor = Organisation.objects.get(name="浙江晶盛机电股份有限公司")
    duplicate = Organisation.objects.create(name="晶盛机电集团", import_key="org:晶盛机电集团")
    organisation_merge(survivor=survivor, others=[duplicate], user=curator)
    xue = Person.objects.get(name="薛敏")
    twin = Person.objects.create(name="薛敏", import_key="person:薛敏|联影医疗")
    person_merge(survivor=xue, others=[twin], user=curator)
    edited = Event.objects.filter(review_status="auto").order_by("title").first()
    edited.title = edited.title + "(编辑修订)"
    record_curator_update(record=edited, user=curator, changed_fields=["title"])
    record_reject(record=Source.objects.get(file_name="002_62f8318e51c4fe30.txt"), user=curator)


@contextlib.contextmanager
def fresh_database(tmp_path: Path):
    """An empty database of the same kind as the test database: its URL."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    settings = connection.settings_dict
    name = f"kb_restore_{secrets.token_hex(4)}"
    server = {"host": settings["HOST"] or "localhost", "port": settings["PORT"] or 5432,
              "user": settings["USER"], "password": settings["PASSWORD"]}
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    try:
        yield f"postgres://{server['user']}:{server['password']}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def assert_restored(original: dict, restored: dict):
    assert {table: len(rows) for table, rows in restored.items()} == \
        {table: len(rows) for table, rows in original.items()}
    assert restored == original, "\n".join(snapshot_differences(restored, original))


def assert_curation_survived(snapshot: dict):
    """Spot checks that the comparison covered what matters."""
    events = [json.loads(row) for row in snapshot["events.Event"]]
    rejected = next(e for e in events if e["title"] == "联影集团成立")
    assert (rejected["review_status"], rejected["reviewed_by"]) == ("rejected", "curator")
    assert rejected["reviewed_at"]
    assert any(e["title"].endswith("(编辑修订)") and e["curator_edited"] for e in events)
    orgs = [json.loads(row) for row in snapshot["kb.Organisation"]]
    tombstone = next(o for o in orgs if o["name"] == "晶盛机电集团")
    assert tombstone["merged_into"] == "kb.organisation:org:浙江晶盛机电股份有限公司"
    assert len(snapshot["kb.Evidence"]) > 300
    assert len(snapshot["kb.Region"]) > 3000


@pytest.fixture(scope="module")
def loaddata_restore(curated, django_db_blocker, tmp_path_factory):
    """The README's portable backup and restore: dumpdata of the curated
    database, then migrate and loaddata into a fresh database.  Yields the
    dump, the fresh database's URL and loaddata's output."""
    folder = tmp_path_factory.mktemp("dumpdata")
    dump = folder / "backup.json.gz"
    with django_db_blocker.unblock():
        call_command("dumpdata", *DUMPDATA, "--output", str(dump), verbosity=0)
        with fresh_database(folder) as url:
            manage(url, "migrate", "--noinput")
            loaded = manage(url, "loaddata", str(dump))
            refreshed = manage(url, "refresh_events")
            # Loading the region links wrote every event's map areas
            # already: the refresh only records the gazetteer.
            assert refreshed.stdout.strip() == "events refreshed: 0 changed"
            yield dump, url, loaded


def test_dumpdata_loaddata_restores_a_curated_database(loaddata_restore, db):
    _dump, url, loaded = loaddata_restore
    original = natural_snapshot(link_order=False)
    assert_curation_survived(original)

    restored = snapshot_of(url, link_order=False)
    # The restored knowledge base is the same to the importer: nothing to
    # re-import, and nothing a curator did is undone.
    reimport = manage(url, "import_seeds", str(SEEDS), "--no-progress")

    assert "Installed" in loaded.stdout
    assert_restored(original, restored)
    assert "nothing changed: every file is already imported as it is" in reimport.stdout
    assert snapshot_of(url, link_order=False) == restored


def test_dumpdata_loaddata_keeps_the_order_of_an_events_regions(loaddata_restore, db):
    """The timeline, the event page and the events CSV list an event's
    regions in the order of their link rows (most specific first, as the
    importer wrote them).  dumpdata writes a many-to-many field as a list
    in the related model's ordering and loaddata makes new link rows from
    it, so the order must survive that."""
    _dump, url, _loaded = loaddata_restore
    original = event_regions_in_order()
    assert any(len(names) > 1 for names in original.values())

    restored = snapshot_of(url)

    restored_order = {row["import_key"] or row["title"]: row["regions"]
                      for row in map(json.loads, restored["events.Event"]) if row["regions"]}
    assert restored_order == original


def event_regions_in_order() -> dict[str, list[str]]:
    through = Event.regions.through
    order: dict[str, list[str]] = {}
    for key, title, slug in through.objects.order_by("id").values_list(
            "event__import_key", "event__title", "region__slug"):
        order.setdefault(key or title, []).append(f"kb.region:{slug}")
    return order


def test_dump_uses_natural_keys_for_content_types_and_users(loaddata_restore):
    """Evidence points at its record through a content type, whose id
    differs between databases; the dump must name it instead."""
    dump, _url, _loaded = loaddata_restore
    rows = json.loads(gzip.decompress(dump.read_bytes()))
    evidence = next(row for row in rows if row["model"] == "kb.evidence")
    assert evidence["fields"]["content_type"][0] in ("kb", "events")
    rejected = next(row for row in rows if row["model"] == "events.event"
                    and row["fields"]["review_status"] == "rejected")
    assert rejected["fields"]["reviewed_by"] == ["curator"]
    assert not any(row["model"] in ("contenttypes.contenttype", "auth.permission") for row in rows)


def pg_binary(name: str) -> str:
    """The newest PostgreSQL client binary installed."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                   key=lambda path: int(Path(path).parts[4]))
    return found[-1] if found else shutil.which(name)


def pg_server() -> tuple[list[str], dict]:
    settings = connection.settings_dict
    args = ["--host", settings["HOST"] or "localhost", "--port", str(settings["PORT"] or 5432),
            "--username", settings["USER"]]
    return args, {**os.environ, "PGPASSWORD": settings["PASSWORD"]}


def database_backup(folder: Path) -> Path:
    """The database's own backup of the test database."""
    if connection.vendor == "postgresql":
        server, env = pg_server()
        dump = folder / "kb.dump"
        subprocess.run([pg_binary("pg_dump"), *server, "--format=custom", "--file", str(dump),
                        connection.settings_dict["NAME"]], check=True, env=env, timeout=300)
        return dump
    # SQLite's online backup API: a consistent copy while the site runs
    # (the sqlite3 shell's .backup does the same).
    copy = folder / "kb.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    return copy


def database_restore(backup: Path, url: str) -> None:
    if connection.vendor == "postgresql":
        server, env = pg_server()
        subprocess.run([pg_binary("pg_restore"), *server, "--no-owner", "--exit-on-error",
                        "--dbname", url.rsplit("/", 1)[1], str(backup)], check=True, env=env,
                       timeout=300)
    else:
        shutil.copy(backup, url.removeprefix("sqlite:///"))


def test_database_backup_restores_a_curated_database(curated, db, tmp_path):
    original = natural_snapshot()

    with fresh_database(tmp_path) as url:
        database_restore(curated, url)
        restored = snapshot_of(url)
        check = manage(url, "migrate", "--check")  # the schema came along

    assert_curation_survived(restored)
    assert_restored(original, restored)
    assert check.returncode == 0
