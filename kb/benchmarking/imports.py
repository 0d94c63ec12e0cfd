"""The article importer on M synthetic articles (`make_synthetic --articles
M --out DIR`): articles and characters per second, and where the time goes.

The import runs through kb.services.imports.paths_import, as import_seeds
does, inside one transaction that is rolled back afterwards, so the
benchmark leaves the database as it found it (each file's own transaction
becomes a savepoint: the per-file commit, an fsync on PostgreSQL, is not
counted).  Steps come from the importer's reports (read, repair, extract,
write); decoding and script conversion, two parts of "repair", are timed
again on their own through what kb.ingest exposes (decode_article,
kb.chinese.simplify) and taken out of it.
"""

from __future__ import annotations

import inspect
import io
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from kb.chinese import simplify
from kb.ingest.decode import Refused, decode_article
from kb.ingest.pipeline import repair_article
from kb.services.imports import paths_import


def _pure_steps(files: list[Path], max_bytes: int) -> dict[str, float]:
    """Seconds spent decoding, converting to Simplified, and in the rest
    of the repair, over all files (no database)."""
    totals = Counter()
    for path in files:
        data = path.read_bytes()
        try:
            start = time.perf_counter()
            decode_article(data, name=path.name, max_bytes=max_bytes)
            totals["decode"] += time.perf_counter() - start
            start = time.perf_counter()
            article = repair_article(data, file_name=path.name, max_bytes=max_bytes)
            totals["repair_total"] += time.perf_counter() - start
            start = time.perf_counter()
            simplify(article.text_original)
            totals["script"] += time.perf_counter() - start
        except Refused:
            continue
    return dict(totals)


def _run(folder: Path, workers: int, max_bytes: int) -> dict:
    kwargs = {"paths": [folder], "max_bytes": max_bytes}
    if workers > 1:
        kwargs["workers"] = workers
    with transaction.atomic():
        start = time.perf_counter()
        reports = paths_import(**kwargs)
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    steps = Counter()
    for report in reports:
        steps.update(report.seconds)
    imported = [r for r in reports if r.status in ("created", "updated")]
    chars = sum(r.chars for r in reports)
    return {
        "workers": workers,
        "files": len(reports),
        "imported": len(imported),
        "statuses": dict(Counter(r.status for r in reports)),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(reports) / seconds, 1) if seconds else None,
        "characters_per_second": round(chars / seconds) if seconds else None,
        "characters": chars,
        "step_seconds": {name: round(value, 2) for name, value in sorted(steps.items())},
    }


def measure_import(*, articles: int, workers: int, log=print) -> dict:
    max_bytes = getattr(settings, "KB_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
    folder = Path(tempfile.mkdtemp(prefix="kb-benchmark-articles-"))
    try:
        log(f"import: writing {articles} synthetic articles")
        start = time.perf_counter()
        call_command("make_synthetic", articles=articles, out=folder, seed=0, stdout=io.StringIO())
        written_seconds = time.perf_counter() - start
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        log("import: one process")
        single = _run(folder, 1, max_bytes)
        pure = _pure_steps(files, max_bytes)
        steps = dict(single["step_seconds"])
        repair = steps.pop("repair", 0.0)
        # Decoding and script conversion are parts of the repair step.
        share_base = {
            **steps,
            "decode": pure.get("decode", 0.0),
            "script": pure.get("script", 0.0),
            "repair": max(0.0, repair - pure.get("decode", 0.0) - pure.get("script", 0.0)),
        }
        total = sum(share_base.values()) or 1.0
        single["step_share"] = {name: round(value / total, 3) for name, value in sorted(share_base.items())}
        result = {
            "articles": articles,
            "bytes": sum(p.stat().st_size for p in files),
            "write_articles_seconds": round(written_seconds, 1),
            "one_process": single,
            "pure_step_seconds": {name: round(value, 2) for name, value in sorted(pure.items())},
        }
        supports_workers = "workers" in inspect.signature(paths_import).parameters
        if workers > 1 and supports_workers:
            log(f"import: {workers} workers")
            result["workers"] = _run(folder, workers, max_bytes)
        elif workers > 1:
            result["workers"] = {"skipped": "the importer takes no workers option"}
        result["cores"] = os.cpu_count()
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)
