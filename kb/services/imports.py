"""Importing article files: reading, the pure pipeline, and the loader, one
transaction per file, with a report of what happened to every file."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, OperationalError, transaction

from kb.ingest.decode import Refused
from kb.ingest.extract.article import extract
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.pipeline import content_hash, repair_article
from kb.selectors.regions import gazetteer_from_db
from kb.services.ingest import ImportContext, article_write, source_is_unchanged

RETRIES = 3


@dataclass
class FileReport:
    path: str
    status: str  # created | updated | unchanged | skipped | refused
    reason: str = ""
    counts: Counter = field(default_factory=Counter)
    chars: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


class _DryRun(Exception):
    pass


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileReport]]:
    """The article files under the given files and folders (sorted, hidden
    files left out), and a refusal for every path that gives none."""
    files: list[Path] = []
    refused: list[FileReport] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:
                refused.append(FileReport(str(path), "refused", "文件夹中没有文章 (no article files in folder)"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            refused.append(FileReport(str(path), "refused", "不是普通文件 (not a regular file)"))
        else:
            refused.append(FileReport(str(path), "refused", "路径不存在 (no such file or folder)"))
    return files, refused


def file_import(*, path: Path, gazetteer: Gazetteer, max_bytes: int, dry_run: bool = False,
                context: ImportContext | None = None) -> FileReport:
    """Import one file; never raises for bad input (the report says why)."""
    report = FileReport(str(path), "refused")
    clock = time.perf_counter()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            report.reason = f"文件过大 (file too large: {size} bytes > {max_bytes})"
            return report
        data = path.read_bytes()
    except OSError as error:
        report.reason = f"无法读取 (cannot read: {error.strerror or error})"
        return report
    report.seconds["read"] = time.perf_counter() - clock
    if source_is_unchanged(file_name=path.name, content_hash=content_hash(data)):
        report.status = "unchanged"
        return report
    clock = time.perf_counter()
    try:
        article = repair_article(data, file_name=path.name, max_bytes=max_bytes)
    except Refused as refusal:
        report.reason = str(refusal)
        return report
    report.seconds["repair"] = time.perf_counter() - clock
    report.chars = len(article.text)
    clock = time.perf_counter()
    doc = Document(
        article.text,
        published=article.published,
        published_precision=article.published_precision,
        damaged=article.damaged_spans,
        captions=[(s, e) for s, e, _ in article.caption_spans],
        title=article.meta.title_simplified,
        dateline_place=article.meta.dateline_place,
    )
    extraction = extract(doc, gazetteer)
    report.seconds["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    for attempt in range(RETRIES):
        try:
            with transaction.atomic():
                result = article_write(article=article, extraction=extraction, context=context)
                if dry_run:
                    report.status, report.counts, report.reason = result.status, result.counts, result.reason
                    raise _DryRun
            break
        except _DryRun:
            break
        except (OperationalError, IntegrityError) as error:
            # A concurrent import holds or just wrote the same rows: retry
            # with a fresh view of what exists.
            context = ImportContext()
            if attempt == RETRIES - 1:
                report.reason = f"数据库冲突 (database conflict: {error})"
                return report
            time.sleep(0.1 * (attempt + 1))
    else:  # pragma: no cover - the loop always breaks or returns
        return report
    report.seconds["write"] = time.perf_counter() - clock
    if not dry_run:
        report.status, report.counts, report.reason = result.status, result.counts, result.reason
    return report


def paths_import(*, paths: Iterable[str | Path], max_bytes: int, dry_run: bool = False,
                 strict: bool = False,
                 on_file: Callable[[FileReport, int, int], None] | None = None) -> list[FileReport]:
    files, reports = collect_files(paths)
    if strict and reports:
        return reports
    gazetteer = gazetteer_from_db()
    context = ImportContext()
    for number, path in enumerate(files, 1):
        report = file_import(path=path, gazetteer=gazetteer, max_bytes=max_bytes, dry_run=dry_run,
                             context=context)
        reports.append(report)
        if on_file:
            on_file(report, number, len(files))
        if strict and report.status == "refused":
            break
    return reports
