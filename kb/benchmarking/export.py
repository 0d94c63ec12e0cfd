"""The events CSV export (every column) at N rows, side by side with

(a) the floor: raw database cursors over the same joined data (the events
    streamed from a server-side cursor, each chunk's regions, roles and
    sources read with one query each) written with Python's csv module,
    producing the same file;
(b) django-import-export's own export of events.resources.EventResource
    (its columns, not ours), which builds the whole table in memory;
(c) Datasette's streamed CSV (?_stream=on) of the events table itself, when
    the database is an SQLite file and Datasette installs into a separate
    virtual environment under /tmp (not a project dependency).

Rows per second are medians; peak memory is measured in a child process
(its peak resident set, reset just before the export; Linux), or in this
process with tracemalloc when asked to (the smoke test's in-memory
database cannot be reached from a child).
"""

from __future__ import annotations

import csv
import hashlib
import json
import resource
import shutil
import socket
import subprocess
import sys
import time
import tracemalloc
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, transaction

from events.exporting import EventExporter
from events.models import Event, Role
from kb.exporting import LIST_SEPARATOR, chinese_labels, escape_formula, write_csv

from .common import median_ms, timed

CHUNK = 2000
DATASETTE_VENV = Path("/tmp/kb-benchmark-datasette")  # noqa: S108 - a throwaway tool venv


# Sinks ------------------------------------------------------------------------------


class _Devnull:
    """A text sink that counts characters (the export's work without disk)."""

    def __init__(self):
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


class _Hashing(_Devnull):
    def __init__(self):
        super().__init__()
        self.digest = hashlib.sha1(usedforsecurity=False)

    def write(self, text: str) -> int:
        self.digest.update(text.encode("utf-8"))
        return super().write(text)


# The three exports ----------------------------------------------------------------------


def ours(rows: int, out) -> int:
    """The project's exporter (kb.exporting / events.exporting)."""
    exporter = EventExporter()
    return write_csv(exporter, exporter.default_queryset()[:rows], out)


def _iso_cut(value, precision: str) -> str:
    if value is None or precision == "unknown":
        return ""
    text = value if isinstance(value, str) else value.isoformat()
    return text[:4] if precision == "year" else text[:7] if precision == "month" else text[:10]


def _cell(value) -> str:
    if value is None:
        return ""
    return escape_formula(value if isinstance(value, str) else str(value))


def floor(rows: int, out, using: str = "default") -> int:
    """The same queries as ours (events streamed from a server-side cursor;
    for each chunk its links, roles and evidence by a range or list of
    event ids, and the names behind them by id) through raw cursors, rows
    straight into csv.writer: the same file with no ORM in the way.  (A
    floor that joins the names in is slower, not faster: the database then
    hashes the whole organisation and person tables for every chunk.)"""
    connection = connections[using]
    quote = connection.ops.quote_name
    labels = chinese_labels(Role)
    content_type = ContentType.objects.db_manager(using).get_for_model(Event).pk
    event, links, region = quote("events_event"), quote("events_event_regions"), quote("kb_region")
    roles, org, person, evidence = (
        quote("events_eventrole"), quote("kb_organisation"), quote("kb_person"), quote("kb_evidence")
    )
    if connection.vendor == "postgresql":
        def in_ids(column):
            return f"{column} = ANY(%s::bigint[])"

        def ids_param(ids):
            return "{" + ",".join(map(str, ids)) + "}"
    else:
        def in_ids(column):
            return f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608

        def ids_param(ids):
            return json.dumps(ids)

    def chunk_where(column, ids):
        if ids == sorted(ids) and ids[-1] - ids[0] < 2 * len(ids):
            return f"{column} BETWEEN %s AND %s", [ids[0], ids[-1]]
        return in_ids(column), [ids_param(ids)]

    def names(table, ids):
        if not ids:
            return {}
        side.execute(f"SELECT id, name FROM {table} WHERE {in_ids('id')}", [ids_param(sorted(ids))])  # noqa: S608
        return dict(side.fetchall())

    # Only quoted table names go into the text; values are parameters.
    main_sql = (
        "SELECT id, kind, title, title_original, start_date, end_date, date_precision, parent_id, "  # noqa: S608
        f"participants, review_status FROM {event} ORDER BY id LIMIT %s"
    )
    writer = csv.writer(out)
    writer.writerow(EventExporter.columns)
    written = 0
    with transaction.atomic(using=using):  # a server-side cursor lives in a transaction
        main = connection.chunked_cursor()
        side = connection.cursor()
        try:
            main.execute(main_sql, [rows])
            while chunk := main.fetchmany(CHUNK):
                ids = [row[0] for row in chunk]
                wanted = set(ids)
                where, params = chunk_where("event_id", ids)
                side.execute(f"SELECT event_id, region_id FROM {links} WHERE {where} ORDER BY event_id, id", params)  # noqa: S608
                link_rows = [row for row in side.fetchall() if row[0] in wanted]
                side.execute(
                    f"SELECT event_id, organisation_id, person_id, role FROM {roles} WHERE {where} "  # noqa: S608
                    "ORDER BY event_id, id",
                    params,
                )
                role_rows = [row for row in side.fetchall() if row[0] in wanted]
                where, params = chunk_where("object_id", ids)
                side.execute(
                    f"SELECT DISTINCT object_id, source_id FROM {evidence} "  # noqa: S608
                    f"WHERE content_type_id = %s AND {where}",
                    [content_type, *params],
                )
                source_rows = [row for row in side.fetchall() if row[0] in wanted]
                region_names = names(region, {r for _, r in link_rows})
                org_names = names(org, {o for _, o, _, _ in role_rows if o is not None})
                person_names = names(person, {p for _, _, p, _ in role_rows if p is not None})
                regions, organisations, people, sources = {}, {}, {}, {}
                for event_id, region_id in link_rows:
                    regions.setdefault(event_id, []).append(region_names[region_id])
                for event_id, org_id, person_id, role in role_rows:
                    label = f" ({labels.get(role, role)})"
                    if org_id is not None:
                        organisations.setdefault(event_id, []).append(org_names[org_id] + label)
                    elif person_id is not None:
                        people.setdefault(event_id, []).append(person_names[person_id] + label)
                for object_id, source_id in source_rows:
                    sources.setdefault(object_id, []).append(source_id)
                for pk, kind, title, title_original, start, end, precision, parent, participants, status in chunk:
                    writer.writerow((
                        pk, _cell(kind), _cell(title), _cell(title_original),
                        _iso_cut(start, precision), _iso_cut(end, precision), _cell(precision),
                        "" if parent is None else parent,
                        _cell(LIST_SEPARATOR.join(regions.get(pk, ()))),
                        _cell(LIST_SEPARATOR.join(organisations.get(pk, ()))),
                        _cell(LIST_SEPARATOR.join(people.get(pk, ()))),
                        "" if participants is None else participants,
                        LIST_SEPARATOR.join(map(str, sorted(sources.get(pk, ())))),
                        _cell(status),
                    ))
                written += len(chunk)
        finally:
            main.close()
            side.close()
    return written


def import_export(rows: int, out) -> int:
    """django-import-export's own export of EventResource (tablib)."""
    from events.resources import EventResource

    dataset = EventResource().export(queryset=Event.objects.order_by("pk")[:rows])
    out.write(dataset.csv)
    return len(dataset)


EXPORTS = {"ours": ours, "floor": floor, "import_export": import_export}


# Memory ---------------------------------------------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def child_export(kind: str, rows: int) -> dict:
    """Run one export in this (fresh) process and measure its peak memory:
    the peak resident set is reset just before the export (Linux's
    /proc/self/clear_refs), so the peak after it is the export's own."""
    connections["default"].ensure_connection()
    EventExporter.columns  # noqa: B018 - modules imported before measuring
    before = _status_kib("VmRSS")
    reset = False
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
        reset = True
    except OSError:
        pass
    sink = _Devnull()
    start = time.perf_counter()
    written = EXPORTS[kind](rows, sink)
    seconds = time.perf_counter() - start
    peak = _status_kib("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "rows": written,
        "seconds": round(seconds, 3),
        "rows_per_second": round(written / seconds) if seconds else None,
        "rss_before_mib": round((before or 0) / 1024, 1),
        "peak_rss_mib": round((peak or 0) / 1024, 1),
        "growth_mib": round(max(0, (peak or 0) - (before or 0)) / 1024, 1),
        "method": "peak RSS of a child process" + ("" if reset else " (lifetime peak)"),
    }


def memory_of(kind: str, rows: int, *, in_process: bool) -> dict:
    if in_process:
        tracemalloc.start()
        start = time.perf_counter()
        written = EXPORTS[kind](rows, _Devnull())
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return {
            "rows": written,
            "seconds": round(seconds, 3),
            "growth_mib": round(peak / 1024 / 1024, 1),
            "method": "tracemalloc peak in this process",
        }
    command = [
        sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark",
        "--child-export", kind, "--child-rows", str(rows),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=6 * 3600)  # noqa: S603
    return json.loads(done.stdout.strip().splitlines()[-1])


# Datasette ----------------------------------------------------------------------------------


def _sqlite_file(using: str = "default") -> Path | None:
    connection = connections[using]
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        return None
    path = Path(name)
    return path if path.is_file() else None


def _datasette_install(log) -> Path | None:
    binary = DATASETTE_VENV / "bin" / "datasette"
    if binary.exists():
        return binary
    log(f"installing Datasette into {DATASETTE_VENV} (not a project dependency) …")
    try:
        python = shutil.which("python3") or sys.executable
        subprocess.run([python, "-m", "venv", str(DATASETTE_VENV)], check=True, capture_output=True, timeout=300)  # noqa: S603
        subprocess.run(  # noqa: S603
            [str(DATASETTE_VENV / "bin" / "pip"), "install", "-q", "datasette"],
            check=True, capture_output=True, timeout=600,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log(f"Datasette could not be installed: {error}")
        shutil.rmtree(DATASETTE_VENV, ignore_errors=True)
        return None
    return binary if binary.exists() else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def datasette(repeat: int, log) -> dict:
    """Datasette's streamed CSV of the events table, served on 127.0.0.1."""
    path = _sqlite_file()
    if path is None:
        return {"skipped": "Datasette serves SQLite files: not measured on this database"}
    binary = _datasette_install(log)
    if binary is None:
        return {"skipped": "Datasette could not be installed"}
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            str(binary), "serve", str(path), "--host", "127.0.0.1", "--port", str(port),
            "--setting", "max_csv_mb", "0", "--setting", "sql_time_limit_ms", "600000",
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):  # noqa: S310 - loopback
                    break
            except OSError:
                time.sleep(0.1)
        else:
            return {"skipped": "Datasette did not start"}
        url = f"{base}/{path.stem}/{Event._meta.db_table}.csv?_stream=on&_size=max"
        sizes = []

        def download():
            size = 0
            with urllib.request.urlopen(url, timeout=3600) as response:  # noqa: S310 - loopback
                while block := response.read(1 << 16):
                    size += len(block)
            sizes.append(size)

        seconds, _ = timed(download, repeat)
        with urllib.request.urlopen(url, timeout=3600) as response:  # noqa: S310 - loopback
            text = response.read().decode("utf-8")
        rows = sum(1 for _ in csv.reader(text.splitlines(keepends=True))) - 1
        best = sorted(seconds)[len(seconds) // 2]
        return {
            "rows": rows,
            "bytes": sizes[-1],
            "seconds": round(best, 3),
            "rows_per_second": round(rows / best) if best else None,
            "note": "the events table's own columns (no joined names), streamed over HTTP on 127.0.0.1",
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


# The measurement ------------------------------------------------------------------------------


def _rate(kind: str, rows: int, repeat: int) -> dict:
    sink_chars = []

    def run():
        sink = _Devnull()
        written = EXPORTS[kind](rows, sink)
        sink_chars.append(sink.chars)
        return written

    seconds, written = timed(run, repeat)
    best = sorted(seconds)[len(seconds) // 2]
    return {
        "rows": written,
        "median_seconds": round(best, 3),
        "rows_per_second": round(written / best) if best else None,
        "characters": sink_chars[-1],
    }


def _same_file(rows: int) -> bool:
    mine, theirs = _Hashing(), _Hashing()
    ours(rows, mine)
    floor(rows, theirs)
    return mine.digest.hexdigest() == theirs.digest.hexdigest()


def measure_export(*, rows: int, repeat: int, import_export_rows: int, in_process: bool,
                   datasette_repeat: int, log=print) -> dict:
    log(f"export: ours and the floor, {rows} rows × {repeat}")
    result = {
        "ours": _rate("ours", rows, repeat),
        "floor": _rate("floor", rows, repeat),
        "floor_writes_the_same_file": _same_file(min(rows, 20000)),
    }
    ie_rows = min(rows, import_export_rows)
    log(f"export: django-import-export, {ie_rows} rows")
    result["import_export"] = _rate("import_export", ie_rows, 1)
    log("export: Datasette")
    result["datasette"] = datasette(datasette_repeat, log)
    log("export: memory")
    result["memory"] = {
        "ours": memory_of("ours", rows, in_process=in_process),
        "floor": memory_of("floor", rows, in_process=in_process),
    }
    ours_rate = result["ours"]["rows_per_second"] or 0
    result["ratios"] = {
        "ours_time_over_floor_time": _ratio(result["floor"]["rows_per_second"], ours_rate),
        "ours_speed_over_import_export": _ratio(ours_rate, result["import_export"]["rows_per_second"]),
        "ours_speed_over_datasette": _ratio(ours_rate, result["datasette"].get("rows_per_second")),
    }
    return result


def _ratio(a, b):
    return round(a / b, 2) if a and b else None


def measure_export_memory(*, rows: int, in_process: bool, log=print) -> dict:
    """Ours and the floor once each at `rows` rows (the 1,000,000-row run)."""
    log(f"export: memory at {rows} rows")
    return {
        "rows": rows,
        "ours": memory_of("ours", rows, in_process=in_process),
        "floor": memory_of("floor", rows, in_process=in_process),
    }


__all__ = ["child_export", "measure_export", "measure_export_memory", "median_ms"]
