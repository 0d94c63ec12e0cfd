"""Two `import_seeds` processes on overlapping batches at the same time, on
PostgreSQL (SQLite serialises writers, so there is nothing to race there):
no duplicate sources, events, organisations or people, both exit cleanly,
and the database ends as one sequential import of all the files leaves it.

The batch is the seeds and the committed test articles with reprints (the
same events, organisations and people from a second file), so the two
processes write the same records from different files, not only the same
files.  Each process gets its files in a different order, so they meet in
the middle instead of one trailing the other.
"""

import contextlib
import json
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.reliability import ROOT, child_env, manage, snapshot_differences, snapshot_of

DATA = ROOT / "tests" / "data"
SOURCES = [ROOT / "seeds", DATA / "articles", DATA / "heldout"]
ROUNDS = 2  # two races, each into a database of its own
REPRINT = "zz_reprint_"

pytestmark = pytest.mark.django_db


def make_batch(folder: Path) -> list[Path]:
    """The committed articles and a reprint of each (a closing line added)."""
    folder.mkdir()
    for path in sorted(p for directory in SOURCES for p in directory.glob("*.txt")):
        shutil.copy(path, folder / path.name)
        (folder / f"{REPRINT}{path.name}").write_bytes(path.read_bytes() + "\n本报将继续关注。\n".encode())
    return sorted(folder.iterdir())


def server() -> dict:
    settings = connection.settings_dict
    return {"host": settings["HOST"] or "localhost", "port": settings["PORT"] or 5432,
            "user": settings["USER"], "password": settings["PASSWORD"]}


def url_of(name: str) -> str:
    s = server()
    return f"postgres://{s['user']}:{s['password']}@{s['host']}:{s['port']}/{name}"


@contextlib.contextmanager
def databases(count: int):
    """`count` migrated PostgreSQL databases with the gazetteer (one is
    migrated, the others are made from it as a template): their URLs."""
    import psycopg

    names = [f"kb_concurrent_{secrets.token_hex(4)}" for _ in range(count)]
    with psycopg.connect(dbname="postgres", autocommit=True, **server()) as admin:
        admin.execute(f"CREATE DATABASE \"{names[0]}\" TEMPLATE template0 ENCODING 'UTF8' "
                      "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    try:
        manage(url_of(names[0]), "migrate", "--noinput")
        manage(url_of(names[0]), "load_regions")
        with psycopg.connect(dbname="postgres", autocommit=True, **server()) as admin:
            for name in names[1:]:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{names[0]}"')
        yield [url_of(name) for name in names]
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server()) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def import_process(url: str, files: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_seeds", *map(str, files), "--no-progress"],
        cwd=ROOT, env=child_env(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def duplicates(url: str) -> dict[str, int]:
    """Rows that name the same thing as another row, by table (import keys
    are unique columns: the duplicates to fear are under other keys)."""
    import psycopg

    queries = {
        "event titles": "SELECT COUNT(*) - COUNT(DISTINCT (kind, title, start_date)) FROM events_event",
        "organisation names": "SELECT COUNT(*) - COUNT(DISTINCT name) FROM kb_organisation",
        "person names": "SELECT COUNT(*) - COUNT(DISTINCT name) FROM kb_person",
        "evidence": "SELECT COUNT(*) - COUNT(DISTINCT (content_type_id, object_id, source_id, start, \"end\"))"
                    " FROM kb_evidence",
    }
    with psycopg.connect(url) as db:
        return {name: db.execute(sql).fetchone()[0] for name, sql in queries.items()}


def without_file_order(snapshot: dict) -> dict:
    """The snapshot without the two things that depend on which of two
    files carrying the same record was written first — in a sequential
    import too, had it read the files in another order: a quote names the
    last file that carried it (here the article or its reprint: the same
    name either way once the reprint mark goes), and an organisation's
    original name is the first file's spelling (浙江大学 or 浙江大學: the
    same in Simplified)."""
    from kb.chinese import simplify

    def rows(table: str, change) -> list[str]:
        changed = []
        for row in snapshot[table]:
            fields = json.loads(row)
            change(fields)
            changed.append(json.dumps(fields, sort_keys=True, ensure_ascii=False))
        return sorted(changed)

    def quote(fields):
        fields["source"] = fields["source"].replace(REPRINT, "")

    def named(fields):
        fields["name_original"] = simplify(fields["name_original"]).text

    return {**snapshot, "kb.Quote": rows("kb.Quote", quote),
            "kb.Organisation": rows("kb.Organisation", named), "kb.Person": rows("kb.Person", named)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_imports_of_overlapping_batches_at_once_equal_one_sequential_import(tmp_path):
    files = make_batch(tmp_path / "batch")
    third = len(files) // 3
    # Two thirds each, the middle third in both; the second process reads
    # its files from the end, so both reach the shared third at once.
    first, second = files[: 2 * third], files[third:][::-1]

    with databases(ROUNDS + 1) as urls:
        sequential, concurrent = urls[0], urls[1:]
        manage(sequential, "import_seeds", *map(str, files), "--no-progress")
        expected = without_file_order(snapshot_of(sequential, timestamps=False, link_order=False))
        expected_duplicates = duplicates(sequential)
        assert len(expected["kb.Source"]) == len(files)

        for url in concurrent:
            processes = [import_process(url, first), import_process(url, second)]
            outputs = [p.communicate(timeout=900) for p in processes]

            for process, (stdout, stderr) in zip(processes, outputs, strict=True):
                assert process.returncode == 0, stderr[-2000:]
                assert stderr == "", stderr[-2000:]
                assert "拒绝 refused                    0" in stdout
            assert duplicates(url) == expected_duplicates
            final = without_file_order(snapshot_of(url, timestamps=False, link_order=False))
            assert final == expected, "\n".join(snapshot_differences(final, expected))
