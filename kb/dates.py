"""Dates with a precision: a day, a month, a year, or unknown.

Pure Python, shared by the ingest pipeline, the models and the filters.  A
partial date is stored as the first day of its period plus its precision;
`period_bounds` gives the whole period it covers, so that "2024" (year
precision) overlaps a filter for April 2024 without inventing a day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

DAY = "day"
MONTH = "month"
YEAR = "year"
UNKNOWN = "unknown"
PRECISIONS = (DAY, MONTH, YEAR, UNKNOWN)


def floor_to_precision(value: dt.date, precision: str) -> dt.date:
    if precision == YEAR:
        return value.replace(month=1, day=1)
    if precision == MONTH:
        return value.replace(day=1)
    return value


def period_bounds(value: dt.date | None, precision: str) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the period a partial date stands for."""
    if value is None or precision == UNKNOWN:
        return None, None
    if precision == YEAR:
        return dt.date(value.year, 1, 1), dt.date(value.year, 12, 31)
    if precision == MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return dt.date(value.year, value.month, 1), dt.date(value.year, value.month, last)
    return value, value


def iso_at_precision(value: dt.date | None, precision: str) -> str:
    """ISO text cut to the precision: 2025-06-07, 2023-06, 2024, or ''."""
    if value is None or precision == UNKNOWN:
        return ""
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


_PARTIAL_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_partial_iso(text: str) -> tuple[dt.date, str]:
    """Parse `2024`, `2024-04` or `2024-04-09`; raise ValueError otherwise."""
    match = _PARTIAL_ISO.match(text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    if day is not None:
        return dt.date(int(year), int(month), int(day)), DAY
    if month is not None:
        return dt.date(int(year), int(month), 1), MONTH
    return dt.date(int(year), 1, 1), YEAR
