"""An import killed with SIGKILL half-way through a batch leaves a
consistent database, and running it again ends where an uninterrupted
import ends.

Real processes on real files: `manage.py import_seeds` runs in a
subprocess on a file-based SQLite database under tmp_path (WAL, as in
production); the test polls the database and kills the process once a few
files are committed."""

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability import (
    ROOT,
    child_env,
    manage,
    snapshot_differences,
    snapshot_of,
)

DATA = ROOT / "tests" / "data"
BATCH_SOURCES = [ROOT / "seeds", DATA / "articles", DATA / "heldout"]
BATCH_SIZE = 40
KILL_AFTER = 3  # committed files


def make_batch(folder: Path) -> list[Path]:
    """The seeds and the committed test articles (31 files), made up to 40
    with copies that add a closing line (the same events from a second
    source, as with reprinted news)."""
    folder.mkdir()
    originals = sorted(p for directory in BATCH_SOURCES for p in directory.glob("*.txt"))
    for path in originals:
        shutil.copy(path, folder / path.name)
    for path in originals[: BATCH_SIZE - len(originals)]:
        (folder / f"zz_reprint_{path.name}").write_bytes(path.read_bytes() + "\n本报将继续关注。\n".encode())
    files = sorted(folder.iterdir())
    assert len(files) == BATCH_SIZE
    return files


def sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy of a WAL database (the online backup API)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def committed_sources(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
        return db.execute("SELECT COUNT(*) FROM kb_source").fetchone()[0]


def writer_active(database: Path) -> bool:
    """True while another connection holds the write lock: the importer is
    inside a file's transaction (Django opens it with BEGIN IMMEDIATE)."""
    db = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        db.close()


def import_command(batch: Path) -> list[str]:
    return [sys.executable, "manage.py", "import_seeds", str(batch), "--no-progress"]


@pytest.fixture
def databases(tmp_path):
    """Two migrated databases with the gazetteer: one to interrupt, one for
    the uninterrupted import."""
    template = tmp_path / "template.sqlite3"
    manage(f"sqlite:///{template}", "migrate", "--noinput")
    manage(f"sqlite:///{template}", "load_regions")
    killed, clean = tmp_path / "killed.sqlite3", tmp_path / "clean.sqlite3"
    sqlite_copy(template, killed)
    sqlite_copy(template, clean)
    return killed, clean


def kill_mid_batch(database: Path, batch: Path) -> int:
    """Start the import and SIGKILL it inside the write transaction of the
    file after the first KILL_AFTER; the number of files committed."""
    process = subprocess.Popen(import_command(batch), cwd=ROOT, env=child_env(f"sqlite:///{database}"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while committed_sources(database) < KILL_AFTER or not writer_active(database):
            assert process.poll() is None, f"import ended before it was killed: {process.stderr.read()}"
            assert time.monotonic() < deadline, "no file committed in 300 s"
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return committed_sources(database)


def test_import_killed_mid_batch_is_consistent_and_completes_on_rerun(tmp_path, databases):
    killed, clean = databases
    batch = tmp_path / "batch"
    make_batch(batch)
    manage(f"sqlite:///{clean}", "import_seeds", str(batch), "--no-progress")
    expected = snapshot_of(f"sqlite:///{clean}", timestamps=False)

    done = kill_mid_batch(killed, batch)
    print(f"killed with {done} of {BATCH_SIZE} files committed")

    # Killed in the middle: some files in, most not.
    assert KILL_AFTER <= done < BATCH_SIZE
    with sqlite3.connect(killed) as db:
        # The CHECK constraints the integrity check evaluates use REGEXP,
        # which Django's backend registers on its own connections.
        db.create_function("REGEXP", 2, lambda pattern, value: value is not None
                           and re.search(pattern, str(value)) is not None)
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert problems_in(killed) == []
    # No half-imported article: every source that is in is in whole, with
    # the same evidence, credits and positions as after the full import.
    # (Quotes are left out here: a quote names the last file that carried
    # it, and the reprints later in the batch carry the seeds' quotes.)
    partial = snapshot_of(f"sqlite:///{killed}", timestamps=False)
    sources_in = {"kb.source:" + row_field(row, "file_name") for row in partial["kb.Source"]}
    assert len(sources_in) == done
    for table in ("kb.Evidence", "kb.SourceCredit", "kb.Position"):
        rows_in = [row for row in expected[table] if row_field(row, "source") in sources_in]
        assert partial[table] == rows_in, table

    rerun = manage(f"sqlite:///{killed}", "import_seeds", str(batch), "--no-progress")

    assert f"未变 unchanged                  {done:>6}".split() == \
        next(line for line in rerun.stdout.splitlines() if "unchanged" in line).split()
    assert problems_in(killed) == []
    final = snapshot_of(f"sqlite:///{killed}", timestamps=False)
    assert final == expected, "\n".join(snapshot_differences(final, expected))
    assert len(final["kb.Source"]) == BATCH_SIZE
    assert len(final["events.Event"]) > 50


def row_field(row: str, name: str):
    return json.loads(row)[name]


def problems_in(database: Path) -> list[str]:
    code = ("import django, json, sys; django.setup(); "
            "from tests.reliability import consistency_problems; "
            "json.dump(consistency_problems(), sys.stdout)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env=child_env(f"sqlite:///{database}"), timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
