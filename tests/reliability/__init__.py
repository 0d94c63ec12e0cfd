"""Reliability: bad input, an import killed half-way, backup and restore.

Shared helpers: run manage.py against another database in a subprocess, and
describe a database by its natural fields (no ids), so that two databases
built apart can be compared: `natural_snapshot()` reads the current
database, `snapshot_of(url)` the database at `url` (in a subprocess).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT = 600


def child_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="tests.settings", **extra)
    return env


def manage(database_url: str, *args: str, check: bool = True, **popen) -> subprocess.CompletedProcess:
    """`python manage.py ARGS` against `database_url`."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=child_env(database_url),
        capture_output=True, text=True, timeout=CHILD_TIMEOUT, **popen,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def snapshot_of(database_url: str, *, timestamps: bool = True, link_order: bool = True) -> dict:
    """natural_snapshot() of the database at `database_url`."""
    code = ("import django, json, sys; django.setup(); "
            "from tests.reliability import natural_snapshot; "
            f"json.dump(natural_snapshot(timestamps={timestamps}, link_order={link_order}), sys.stdout)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(database_url),
                            capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Natural snapshot --------------------------------------------------------------------


def _models():
    from django.apps import apps

    # The data version is the caches' bookkeeping, not data: a restore moves
    # it on purpose, so that no page cached before the restore is served.
    # The record of the last whole refresh of events is bookkeeping too (a
    # restore makes its own); the rows derived in it (EventArea) are
    # compared.
    bookkeeping = ("kb.DataVersion", "events.EventsRefreshed")
    chosen = [m for m in apps.get_models()
              if m._meta.app_label in ("kb", "events") and m._meta.label not in bookkeeping]
    return chosen + [apps.get_model("auth", "User"), apps.get_model("admin", "LogEntry")]


def _natural_key(obj) -> str:
    """How a row is named without its id."""
    label = obj._meta.label_lower
    if label == "auth.user":
        return obj.username
    if label == "contenttypes.contenttype":
        return f"{obj.app_label}.{obj.model}"
    for name in ("file_name", "slug", "import_key"):
        value = getattr(obj, name, None)
        if value:
            return f"{label}:{value}"
    for name in ("name", "title", "text"):
        if hasattr(obj, name):
            return f"{label}:{getattr(obj, name)}"
    return f"{label}#{obj.pk}"  # link rows are compared by their fields, never named


def _plain(value, timestamps: bool):
    if isinstance(value, dt.datetime):
        # dumpdata writes milliseconds (DjangoJSONEncoder): compare at that.
        return value.astimezone(dt.UTC).isoformat(timespec="milliseconds") if timestamps else None
    if isinstance(value, (dt.date, dt.time, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (dict, list)):
        return json.loads(json.dumps(value, sort_keys=True, ensure_ascii=False))
    return value


def natural_snapshot(*, timestamps: bool = True, link_order: bool = True) -> dict[str, list]:
    """Every row of the knowledge base, the users and the admin's log, as
    sorted lists of their fields; foreign keys, generic relations and
    many-to-many links as the natural names of what they point at.
    Many-to-many links are listed in the order of their link rows (an
    event's regions are shown in that order), or sorted with
    `link_order=False`.  `timestamps=False` leaves out datetimes (two
    imports at two times)."""
    from django.contrib.contenttypes.models import ContentType

    models = _models()
    names: dict[type, dict] = {}

    def name_of(model, pk):
        if pk is None:
            return None
        if model not in names:
            names[model] = {obj.pk: _natural_key(obj) for obj in model._default_manager.all()}
        return names[model].get(pk, f"MISSING {model._meta.label}#{pk}")

    content_types = {ct.pk: ct for ct in ContentType.objects.all()}
    snapshot = {}
    for model in models:
        links = {}
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            linked: dict = {}
            for left, right in through.objects.order_by("pk").values_list(f"{source}_id", f"{target}_id"):
                linked.setdefault(left, []).append(name_of(field.related_model, right))
            links[field.name] = linked
        rows = []
        for obj in model._default_manager.all():
            row = {}
            for field in model._meta.concrete_fields:
                if field.primary_key:
                    continue
                value = getattr(obj, field.attname)
                if field.is_relation:
                    value = name_of(field.related_model, value)
                elif field.name == "object_id" and getattr(obj, "content_type_id", None):
                    # A generic relation (evidence, the admin's log): the
                    # record's name, not its id.
                    model_class = content_types[obj.content_type_id].model_class()
                    if model_class is not None and str(value).isdigit():
                        value = name_of(model_class, int(value))
                row[field.name] = _plain(value, timestamps)
            for name, linked in links.items():
                row[name] = linked.get(obj.pk, []) if link_order else sorted(linked.get(obj.pk, []))
            rows.append(json.dumps(row, sort_keys=True, ensure_ascii=False))
        snapshot[model._meta.label] = sorted(rows)
    return snapshot


def snapshot_differences(left: dict, right: dict, limit: int = 5) -> list[str]:
    """A short account of what differs (for assertion messages)."""
    lines = []
    for table in sorted(set(left) | set(right)):
        a, b = set(left.get(table, [])), set(right.get(table, []))
        if a != b:
            lines.append(f"{table}: {len(left.get(table, []))} vs {len(right.get(table, []))} rows")
            lines += [f"  only left:  {row[:300]}" for row in sorted(a - b)[:limit]]
            lines += [f"  only right: {row[:300]}" for row in sorted(b - a)[:limit]]
    return lines


def consistency_problems() -> list[str]:
    """Rows that point at nothing (the current database)."""
    from django.contrib.contenttypes.models import ContentType

    from events.models import Event, EventRole
    from kb.models import Evidence, Organisation, Person, Position, Quote, Source, SourceCredit

    problems = []
    for ct in ContentType.objects.filter(pk__in=Evidence.objects.values("content_type")):
        model = ct.model_class()
        ids = set(Evidence.objects.filter(content_type=ct).values_list("object_id", flat=True))
        missing = ids - set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
        if missing:
            problems.append(f"evidence for {len(missing)} missing {ct.model} row(s)")
    checks = [
        (EventRole, "event", Event), (EventRole, "organisation", Organisation),
        (EventRole, "person", Person), (Quote, "source", Source), (Quote, "event", Event),
        (Position, "person", Person), (Position, "source", Source),
        (SourceCredit, "source", Source), (Evidence, "source", Source),
    ]
    for model, field, target in checks:
        orphans = model.objects.filter(**{f"{field}__isnull": False}).exclude(
            **{f"{field}_id__in": target.objects.values("pk")})
        if orphans.exists():
            problems.append(f"{orphans.count()} {model.__name__} row(s) without their {field}")
    through = Event.regions.through
    if through.objects.exclude(event_id__in=Event.objects.values("pk")).exists():
        problems.append("event-region links without their event")
    return problems
