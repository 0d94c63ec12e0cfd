"""Writing an exporter's rows: to a file, or streamed as a download."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from django.db import models
from django.http import StreamingHttpResponse
from django.utils.http import content_disposition_header

from .base import Exporter
from .cells import BOM


def write_csv(
    exporter: Exporter, queryset: models.QuerySet, out: IO[str], *, bom: bool = False
) -> int:
    """Write the header and every row to a text file opened with newline="".
    Returns the number of rows written."""
    if bom:
        out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(exporter.header())
    count = 0
    for row in exporter.rows(queryset):
        writer.writerow(row)
        count += 1
    return count


class _Echo:
    """A file-like object whose write() hands the line back (Django's
    streaming CSV recipe)."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(
    exporter: Exporter, queryset: models.QuerySet, *, bom: bool = True, buffer_size: int = 64 * 1024
) -> Iterator[str]:
    """The CSV text in pieces of about `buffer_size` characters."""
    writer = csv.writer(_Echo())
    buffer = [BOM] if bom else []
    size = 0
    buffer.append(writer.writerow(exporter.header()))
    for row in exporter.rows(queryset):
        line = writer.writerow(row)
        buffer.append(line)
        size += len(line)
        if size >= buffer_size:
            yield "".join(buffer)
            buffer, size = [], 0
    if buffer:
        yield "".join(buffer)


def streaming_csv_response(
    exporter: Exporter, queryset: models.QuerySet, filename: str
) -> StreamingHttpResponse:
    """A download of the queryset as UTF-8 CSV with a BOM (so that Excel
    reads the Chinese text as UTF-8), streamed row by row."""
    response = StreamingHttpResponse(
        csv_chunks(exporter, queryset, bom=True), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response
