"""Importing article files: reading, the pure pipeline, and the loader, one
transaction per file, with a report of what happened to every file.

With workers > 1 the pure part (decode, repair, extraction) runs in a pool of
processes while this process writes the results in input order, so the
database sees the same sequence of transactions either way.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from django.db import DatabaseError, IntegrityError, OperationalError, transaction

from kb.ingest.batch import FileReport, Prepared, prepare, worker_prepare, worker_start
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.pipeline import content_hash
from kb.selectors.regions import gazetteer_from_db
from kb.services.ingest import ImportContext, article_write, source_is_unchanged

RETRIES = 3
logger = logging.getLogger(__name__)


class _DryRun(Exception):
    pass


# In a folder, only these are taken as articles (a scraper's .txt or .html,
# or no extension); a README or a .json of expected facts beside them is
# left alone.  A file named on the command line is always tried.
ARTICLE_SUFFIXES = {"", ".txt", ".text", ".htm", ".html", ".shtml"}


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileReport]]:
    """The article files under the given files and folders (sorted, hidden
    files left out), and a refusal for every path that gives none.  An OS
    error (a folder without read or search permission, a broken link) never
    stops the batch: it becomes that path's one-line refusal."""
    files: list[Path] = []
    refused: list[FileReport] = []
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            refused.append(FileReport(str(path), "refused", "路径不存在 (no such file or folder)"))
            continue
        except OSError as error:
            refused.append(FileReport(str(path), "refused", _cannot_read(error)))
            continue
        if stat.S_ISDIR(mode):
            found, unreadable = _folder_articles(path)
            refused.extend(unreadable)
            if not found and not unreadable:
                refused.append(FileReport(str(path), "refused", "文件夹中没有文章 (no article files in folder)"))
            files.extend(found)
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            refused.append(FileReport(str(path), "refused", "不是普通文件 (not a regular file)"))
    return files, refused


def _folder_articles(folder: Path) -> tuple[list[Path], list[FileReport]]:
    """Article files under `folder` (sorted; hidden names and READMEs left
    out), and a refusal for each subfolder or file that could not be
    looked at."""
    found: list[Path] = []
    refused: list[FileReport] = []

    def walk_error(error: OSError) -> None:
        name = error.filename or folder
        refused.append(FileReport(str(name), "refused", _cannot_read(error)))

    for top, dirs, names in os.walk(folder, onerror=walk_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            candidate = Path(top) / name
            if (name.startswith(".") or name == "README"
                    or candidate.suffix.lower() not in ARTICLE_SUFFIXES):
                continue
            try:
                regular = stat.S_ISREG(candidate.stat().st_mode)
            except FileNotFoundError:
                continue  # a broken link or a file gone meanwhile
            except OSError as error:
                refused.append(FileReport(str(candidate), "refused", _cannot_read(error)))
                continue
            if regular:
                found.append(candidate)
    return sorted(found), refused


def _cannot_read(error: OSError) -> str:
    return f"无法读取 (cannot read: {error.strerror or error})"


def _read(path: Path, max_bytes: int) -> tuple[bytes | None, FileReport]:
    report = FileReport(str(path), "refused")
    clock = time.perf_counter()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            report.reason = f"文件过大 (file too large: {size} bytes > {max_bytes})"
            return None, report
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        report.reason = _cannot_read(error)
        return None, report
    report.seconds["read"] = time.perf_counter() - clock
    return data, report


def _write(prepared: Prepared, *, context: ImportContext, dry_run: bool) -> FileReport:
    report = prepared.report
    clock = time.perf_counter()
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                result = article_write(article=prepared.article, extraction=prepared.extraction,
                                       context=context)
                if dry_run:
                    raise _DryRun
            break
        except _DryRun:
            break
        except (OperationalError, IntegrityError) as error:
            # A concurrent import holds or just wrote the same rows: retry
            # with a fresh view of what exists.
            context.reload()
            if attempt == RETRIES - 1:
                report.reason = f"数据库冲突 (database conflict: {error})"
                return report
            time.sleep(0.1 * (attempt + 1))
        except DatabaseError as error:  # the file's transaction is rolled back
            logger.exception("writing %s failed", report.path)
            context.reload()
            report.reason = f"写入失败 (database error: {error})"
            return report
    report.seconds["write"] = time.perf_counter() - clock
    report.status, report.counts, report.reason = result.status, result.counts, result.reason
    return report


def _prepared_files(files: list[Path], *, max_bytes: int, gazetteer: Gazetteer,
                    workers: int) -> Iterator[Prepared]:
    """Every file read and, unless unchanged or unreadable, prepared — in
    input order, by `workers` processes."""

    def jobs():
        for path in files:
            data, report = _read(path, max_bytes)
            if data is None:
                yield report
            elif source_is_unchanged(file_name=path.name, content_hash=content_hash(data)):
                report.status = "unchanged"
                yield report
            else:
                yield (data, report, path.name, max_bytes)

    if workers <= 1:
        for job in jobs():
            yield Prepared(job) if isinstance(job, FileReport) else prepare(*job, gazetteer)
        return
    # Workers start from a fresh interpreter (forkserver), not a fork of this
    # process: a forked child would share, and on exit close, this process's
    # database connection.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kb.ingest.batch"])
    with context.Pool(workers, initializer=worker_start, initargs=(gazetteer,)) as pool:
        pending = []
        for job in jobs():
            if isinstance(job, FileReport):
                pending.append(job)
            else:
                pending.append(pool.apply_async(worker_prepare, (job,)))
            # Keep a bounded window of files in flight.
            while len(pending) > workers * 4:
                yield _resolve(pending.pop(0))
        while pending:
            yield _resolve(pending.pop(0))


def _resolve(item) -> Prepared:
    return Prepared(item) if isinstance(item, FileReport) else item.get()


def paths_import(*, paths: Iterable[str | Path], max_bytes: int, dry_run: bool = False,
                 strict: bool = False, workers: int = 1,
                 on_file: Callable[[FileReport, int, int], None] | None = None) -> list[FileReport]:
    files, reports = collect_files(paths)
    if strict and reports:
        return reports
    gazetteer = gazetteer_from_db()
    context = ImportContext()
    prepared_files = _prepared_files(files, max_bytes=max_bytes, gazetteer=gazetteer, workers=workers)
    for number, prepared in enumerate(prepared_files, 1):
        if prepared.article is not None:
            report = _write(prepared, context=context, dry_run=dry_run)
        else:
            report = prepared.report
        reports.append(report)
        if on_file:
            on_file(report, number, len(files))
        if strict and report.status == "refused":
            break
    return reports


def file_import(*, path: Path, gazetteer: Gazetteer, max_bytes: int, dry_run: bool = False,
                context: ImportContext | None = None) -> FileReport:
    """Import one file; never raises for bad input (the report says why)."""
    [prepared] = _prepared_files([path], max_bytes=max_bytes, gazetteer=gazetteer, workers=1)
    if prepared.article is None:
        return prepared.report
    return _write(prepared, context=context or ImportContext(), dry_run=dry_run)
