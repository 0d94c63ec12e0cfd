"""Bad input through `import_seeds`: every file is either imported
correctly or refused with one line that names it; the rest of the batch is
imported; the exit status says whether anything was refused.

The files are in tests/data/bad/ (bytes from generate.py, texts written
directly); the large ones, the FIFO, the missing path, the empty folder and
the unreadable files are made here.
"""

import ctypes
import datetime as dt
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from events.models import Event
from kb.models import Evidence, Source
from tests.reliability import ROOT, child_env, manage

BAD = ROOT / "tests" / "data" / "bad"
SEED = ROOT / "seeds" / "003_44b2adcac121026c.txt"
TITLE = "长三角数字经济协同发展论坛在嘉兴举行"
TITLE_TRADITIONAL = "粵港澳大灣區產業協同發展大會在廣州舉行"
LARGE = 20 * 1024 * 1024
ONE_LINE = 1024 * 1024
ONE_LINE_SECONDS = 60

pytestmark = pytest.mark.django_db


def run_import(*paths, **options) -> tuple[bool, list[str]]:
    """call_command('import_seeds'): whether it reported a refusal (its exit
    status would be 1), and its error lines."""
    errors = io.StringIO()
    try:
        call_command("import_seeds", *map(str, paths), no_progress=True, stdout=io.StringIO(),
                     stderr=errors, **options)
        refused = False
    except CommandError as error:
        assert error.returncode == 1
        refused = True
    return refused, errors.getvalue().splitlines()


def assert_refused_in_one_line(lines: list[str], path, reason: str = ""):
    """Exactly one line is about `path`: `path: reason`."""
    about = [line for line in lines if line.startswith(f"{path}: ")]
    assert len(about) == 1, lines
    assert reason in about[0], about[0]
    assert len(about[0]) > len(f"{path}: ")


def source(name: str) -> Source:
    return Source.objects.get(file_name=name)


def events_of(record: Source) -> list[Event]:
    ids = Evidence.objects.filter(source=record, content_type__model="event").values("object_id")
    return list(Event.objects.filter(pk__in=ids).order_by("title"))


# Refused, from the committed files ---------------------------------------------------

REFUSED = {
    "empty.txt": "empty file",
    "whitespace_only.txt": "no text: the file holds only whitespace",
    "image.png": "binary file: a PNG image, not text",
    "archive.zip": "binary file: a ZIP archive (or an Office document), not text",
    "undecodable.txt": "no text encoding fits",
    "nul_bytes.txt": "binary file: contains NUL bytes",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_bad_file_is_refused_with_a_one_line_reason(name):
    refused, lines = run_import(BAD / name)
    assert refused
    assert_refused_in_one_line(lines, BAD / name, REFUSED[name])
    assert len(lines) == 1  # nothing else: no traceback, no second line
    assert Source.objects.count() == 0


def test_file_of_junk_lines_only_is_refused():
    """Site chrome, a date line and sign-offs: no article is left once the
    junk lines go, so there is nothing to import (not an empty source)."""
    refused, lines = run_import(BAD / "junk_only.txt")
    assert Source.objects.filter(file_name="junk_only.txt").count() == 0
    assert refused
    assert_refused_in_one_line(lines, BAD / "junk_only.txt")


# Imported, from the committed files --------------------------------------------------

# The same article in several encodings: (file, codec the reader chose).
SAME_ARTICLE = [
    ("gbk.txt", "gb18030"), ("utf16le_bom.txt", "utf-16-le"), ("utf16be_bom.txt", "utf-16-be"),
    ("utf16be_nobom.txt", "utf-16-be"), ("crlf.txt", "utf-8"),
]


@pytest.mark.parametrize(("name", "encoding"), SAME_ARTICLE)
def test_encoded_article_is_imported_with_its_metadata(name, encoding):
    refused, lines = run_import(BAD / name)
    assert not refused and lines == []
    record = source(name)
    assert (record.encoding, record.title, record.outlet) == (encoding, TITLE, "新华网")
    assert (record.published_date, record.published_precision) == (dt.date(2025, 6, 8), "day")
    assert "\r" not in record.text and "\x00" not in record.text
    assert record.text.startswith(TITLE + "\n\n新华网嘉兴6月8日电 6月7日,2025长三角数字经济协同发展论坛")
    forum = next(e for e in events_of(record) if e.kind == "forum")
    assert (forum.title, forum.start_date) == ("2025长三角数字经济协同发展论坛", dt.date(2025, 6, 7))


@pytest.mark.parametrize(("name", "encoding"), [("big5.txt", "cp950"), ("utf16le_nobom.txt", "utf-16-le")])
def test_traditional_article_is_imported_with_a_simplified_copy(name, encoding):
    refused, _ = run_import(BAD / name)
    assert not refused
    record = source(name)
    assert (record.encoding, record.script) == (encoding, "traditional")
    assert (record.title_original, record.title) == (TITLE_TRADITIONAL, "粤港澳大湾区产业协同发展大会在广州举行")
    # 5月20日 with no year anywhere: the date is unknown, not guessed.
    assert (record.published_date, record.published_precision) == (None, "unknown")


def test_invalid_utf8_is_imported_with_replacement_characters():
    refused, _ = run_import(BAD / "invalid_utf8.txt")
    assert not refused
    record = source("invalid_utf8.txt")
    assert (record.encoding, record.title) == ("utf-8", TITLE)
    assert record.raw_text.count("\ufffd") == 3
    assert record.published_date == dt.date(2025, 6, 8)


def test_windows_1252_article_is_imported():
    refused, _ = run_import(BAD / "windows1252.txt")
    assert not refused
    record = source("windows1252.txt")
    assert (record.encoding, record.title) == ("cp1252", "Regional fund opens in Zurich")
    assert "Café owners in Zürich said the new “regional fund” – worth €2 million" in record.text
    assert record.published_precision == "unknown"


def test_full_html_page_is_imported_as_its_article():
    refused, _ = run_import(BAD / "full_page.html")
    assert not refused
    record = source("full_page.html")
    assert record.title == "成渝地区双城经济圈产业合作交流会在重庆举行"
    assert (record.published_date, record.outlet) == (dt.date(2024, 9, 12), "华龙网")
    assert record.text.split("\n")[0] == record.title  # the menu went with the markup
    for residue in ("<", "_hmt", "font-family", "首页", "新闻中心", "版权所有", "责任编辑"):
        assert residue not in record.text, residue
    assert {e.title for e in events_of(record)} >= {"成渝地区双城经济圈产业合作交流会"}


def test_article_with_only_impossible_dates_has_unknown_dates():
    refused, _ = run_import(BAD / "impossible_dates.txt")
    assert not refused
    record = source("impossible_dates.txt")
    assert record.title == "县域经济高质量发展论坛召开"
    assert (record.published_date, record.published_precision) == (None, "unknown")
    assert "2025年2月30日" in record.text  # kept as written, never "corrected"
    events = events_of(record)
    assert events and all(e.start_date is None and e.end_date is None for e in events)
    assert all(e.date_precision == "unknown" and e.flagged for e in events)


def test_article_with_script_and_javascript_links_is_imported_as_text():
    refused, _ = run_import(BAD / "hostile.txt")
    assert not refused
    record = source("hostile.txt")
    assert record.published_date == dt.date(2025, 6, 8)
    assert "<script>" not in record.text and 'alert("script")' not in record.text
    assert "<a href" not in record.text and "报名页面" in record.text  # the link's words stay
    assert "javascript:alert(document.cookie)" in record.text  # as text; pages escape it


# Made here ----------------------------------------------------------------------------


def test_20_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "twenty_mb.txt"
    line = "长三角一体化发展论坛在上海举行。".encode() + b"\n"
    with big.open("wb") as out:
        out.write(line * (LARGE // len(line)))
        out.write(b"x" * (LARGE - big.stat().st_size))
    assert big.stat().st_size == LARGE

    refused, lines = run_import(big)

    assert refused
    assert_refused_in_one_line(lines, big, f"file too large: {LARGE} bytes > 5242880")


def test_missing_path_is_refused_with_its_name(tmp_path):
    refused, lines = run_import(tmp_path / "no-such-article.txt")
    assert refused
    assert_refused_in_one_line(lines, tmp_path / "no-such-article.txt", "no such file or folder")


def test_folder_without_articles_is_refused_with_its_name(tmp_path):
    (tmp_path / "empty-folder" / ".hidden").mkdir(parents=True)
    refused, lines = run_import(tmp_path / "empty-folder")
    assert refused
    assert_refused_in_one_line(lines, tmp_path / "empty-folder", "no article files in folder")


def test_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    refused, lines = run_import(fifo)
    assert refused
    assert_refused_in_one_line(lines, fifo, "not a regular file")


def test_batch_of_bad_files_imports_the_rest(tmp_path):
    batch = tmp_path / "batch"
    shutil.copytree(BAD, batch, ignore=shutil.ignore_patterns("*.py", "junk_only.txt"))
    # In a folder only article-like names (.txt, .html, none) are read: the
    # binary files go in again under names a scraper might give them.
    for name in ("image.png", "archive.zip"):
        shutil.copy(BAD / name, batch / f"{name}.txt")
    shutil.copy(SEED, batch / SEED.name)
    (batch / "big.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    missing = tmp_path / "missing.txt"

    refused, lines = run_import(batch, missing)

    assert refused
    expected_refusals = {*REFUSED, "image.png.txt", "archive.zip.txt", "big.txt"} - {"image.png", "archive.zip"}
    for name in expected_refusals:
        assert_refused_in_one_line(lines, batch / name)
    assert_refused_in_one_line(lines, missing)
    assert len(lines) == len(expected_refusals) + 1  # one line each, nothing else
    imported = set(Source.objects.values_list("file_name", flat=True))
    left_out = {"image.png", "archive.zip"}  # not article names: not read at all
    assert imported == {p.name for p in batch.iterdir()} - expected_refusals - left_out


# Real processes ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated SQLite database file to copy for each subprocess test."""
    path = tmp_path_factory.mktemp("template") / "kb.sqlite3"
    manage(f"sqlite:///{path}", "migrate", "--noinput")
    return path


def database_copy(migrated: Path, folder: Path) -> str:
    path = folder / "kb.sqlite3"
    with sqlite3.connect(migrated) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return f"sqlite:///{path}"


def import_process(url: str, *paths, timeout: float = 300, **popen) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "import_seeds", *map(str, paths), "--no-progress"],
        cwd=ROOT, env=child_env(url), capture_output=True, text=True, timeout=timeout, **popen,
    )


def test_real_command_exit_status_says_whether_anything_was_refused(migrated, tmp_path):
    url = database_copy(migrated, tmp_path)
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(SEED, good)
    shutil.copy(BAD / "gbk.txt", good)
    mixed = tmp_path / "mixed"
    shutil.copytree(good, mixed)
    shutil.copy(BAD / "image.png", mixed / "image.txt")

    clean = import_process(url, good)
    with_refusal = import_process(url, mixed)

    assert clean.returncode == 0, clean.stderr
    assert clean.stderr == ""
    assert with_refusal.returncode == 1
    assert f"{mixed / 'image.txt'}: binary file: a PNG image, not text" in with_refusal.stderr.splitlines()
    assert "CommandError: 1 file(s) refused" in with_refusal.stderr
    assert "Traceback" not in with_refusal.stderr
    assert "files read: 3" in with_refusal.stdout


def without_file_permission_override():
    """For a child run as root: drop the capabilities that let root read
    any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set,
    so that after exec the process is root that file modes do stop.  (As
    any other user, chmod alone does it.)"""
    if os.geteuid() != 0:
        return None
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2

    def drop():
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (cap_dac_override, cap_dac_read_search):
            if libc.prctl(pr_capbset_drop, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


def test_unreadable_file_is_refused_and_the_rest_imported(migrated, tmp_path):
    url = database_copy(migrated, tmp_path)
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(SEED, batch)
    locked = batch / "locked.txt"
    shutil.copy(BAD / "gbk.txt", locked)
    locked.chmod(0o000)
    try:
        result = import_process(url, batch, preexec_fn=without_file_permission_override())
    finally:
        locked.chmod(0o644)

    assert result.returncode == 1, result.stderr
    assert f"{locked}: 无法读取 (cannot read: Permission denied)" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    assert "新建 created                    1" in result.stdout


def test_file_in_a_folder_without_search_permission_is_refused(migrated, tmp_path):
    """A folder without the x bit: even stat() of the file fails."""
    url = database_copy(migrated, tmp_path)
    shutil.copy(SEED, tmp_path / SEED.name)
    closed = tmp_path / "closed"
    closed.mkdir()
    inside = closed / "inside.txt"
    shutil.copy(BAD / "gbk.txt", inside)
    closed.chmod(0o600)
    try:
        result = import_process(url, inside, tmp_path / SEED.name,
                                preexec_fn=without_file_permission_override())
    finally:
        closed.chmod(0o755)

    assert "Traceback" not in result.stderr, result.stderr[-600:]
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith(f"{inside}: ")]
    assert "新建 created                    1" in result.stdout


def test_one_line_of_a_megabyte_finishes_in_a_minute(migrated, tmp_path):
    """One 1 MB line of article text (a page saved without line breaks):
    imported or refused with a reason, in bounded time."""
    url = database_copy(migrated, tmp_path)
    manage(url, "load_regions")
    sentence = "6月7日,长三角数字经济协同发展论坛在浙江省嘉兴市举行,来自沪苏浙皖的代表参加论坛。"
    data = (sentence * (ONE_LINE // len(sentence.encode()) + 1)).encode()[:ONE_LINE]
    path = tmp_path / "one_line.txt"
    path.write_bytes(data.decode("utf-8", "ignore").encode())
    assert path.read_bytes().count(b"\n") == 0

    try:
        result = import_process(url, path, timeout=ONE_LINE_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"importing one 1 MB line took more than {ONE_LINE_SECONDS} s")

    assert "Traceback" not in result.stderr
    if result.returncode == 1:
        assert len([line for line in result.stderr.splitlines() if line.startswith(f"{path}: ")]) == 1
    else:
        assert result.returncode == 0
        assert "新建 created                    1" in result.stdout
