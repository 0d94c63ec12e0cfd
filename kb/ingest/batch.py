"""The pure part of importing one file, shaped for a process pool: bytes in,
a repaired article and its extraction out (or the reason it was refused).

No Django here, so pool workers can be started fresh (forkserver) without
importing the web stack or inheriting the parent's database connections."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field

from kb.ingest.decode import Refused
from kb.ingest.extract.article import Extraction, extract
from kb.ingest.extract.document import Document
from kb.ingest.extract.gazetteer import Gazetteer
from kb.ingest.pipeline import RepairedArticle, repair_article

logger = logging.getLogger(__name__)


@dataclass
class FileReport:
    path: str
    status: str  # created | updated | unchanged | skipped | refused
    reason: str = ""
    counts: Counter = field(default_factory=Counter)
    chars: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Prepared:
    """The pure part's result for one file."""

    report: FileReport
    article: RepairedArticle | None = None
    extraction: Extraction | None = None


def prepare(data: bytes, report: FileReport, file_name: str, max_bytes: int,
            gazetteer: Gazetteer) -> Prepared:
    """Decode, repair and extract: pure Python, no database."""
    clock = time.perf_counter()
    try:
        article = repair_article(data, file_name=file_name, max_bytes=max_bytes)
        report.seconds["repair"] = time.perf_counter() - clock
        report.chars = len(article.text)
        clock = time.perf_counter()
        extraction = extract(Document.of_article(article), gazetteer)
        report.seconds["extract"] = time.perf_counter() - clock
    except Refused as refusal:
        report.reason = str(refusal)
        return Prepared(report)
    except Exception as error:  # a bug must not stop the batch
        logger.exception("pipeline failed on %s", report.path)
        report.reason = f"处理出错 (internal error: {type(error).__name__}: {error})"
        return Prepared(report)
    return Prepared(report, article, extraction)


# A pool worker gets the gazetteer once, when it starts.
_gazetteer: Gazetteer | None = None


def worker_start(gazetteer: Gazetteer) -> None:
    global _gazetteer
    _gazetteer = gazetteer


def worker_prepare(job: tuple[bytes, FileReport, str, int]) -> Prepared:
    data, report, file_name, max_bytes = job
    return prepare(data, report, file_name, max_bytes, _gazetteer)
