"""Resolving a date expression against the article's publication date: which
year a month-day without one takes (the one nearest the publication date),
what 今天, 上月 or 去年 stand for, and what a vague 日前 may say.  The parser in
dates.py builds the expressions; this module turns them into dates."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kb.dates import DAY, MONTH, UNKNOWN, YEAR
from kb.ingest.extract.date_tokens import Tok

# Where the year (or the day) came from.
FROM_TEXT = "text"
FROM_PUBLISHED = "published"
FROM_NAME = "event name"  # the year of the event's own name (2019…论坛)
UNRESOLVED = ""


class Point(NamedTuple):
    """One end of an expression.  year: (value, 'Y') or (offset, 'relyear')."""

    year: tuple[int, str] | None
    month: int | None
    day: int | None


class Expr(NamedTuple):
    start: int
    end: int
    first: Point
    last: Point | None  # ranges
    level: str  # DAY, MONTH or YEAR


class Context(NamedTuple):
    published: dt.date | None
    precision: str
    # The year an event's own name gives (2019长江经济带合作论坛): a month-
    # day the publication date cannot place falls in it.
    year: int | None = None


def possible(point: Point) -> bool:
    """Could this month and day exist in some year?  (2月29日 yes, 2月30日 no)"""
    if point.month is None or point.day is None:
        return True
    try:
        dt.date(2000, point.month, point.day)
    except ValueError:
        return False
    return True


def nearest_year(month: int, day: int | None, ctx: Context) -> int | None:
    """The year, among the publication year and its neighbours, that puts
    month/day nearest the publication date; ties go to the earlier year."""
    pub = ctx.published
    if pub is None or ctx.precision not in (DAY, MONTH):
        return None
    ref = pub if ctx.precision == DAY else pub.replace(day=15)
    best = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            distance = abs((dt.date(year, month, day or 15) - ref).days)
        except ValueError:  # 2月29日 in a common year
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def year_of(point: Point, ctx: Context) -> tuple[int | None, str]:
    if point.year is not None:
        value, kind = point.year
        if kind == "Y":
            return value, FROM_TEXT
        if ctx.published is None or ctx.precision == UNKNOWN:
            return None, UNRESOLVED
        return ctx.published.year + value, FROM_PUBLISHED
    if point.month is None:
        return None, UNRESOLVED
    year = nearest_year(point.month, point.day, ctx)
    if year is None and ctx.year is not None:
        return ctx.year, FROM_NAME
    return year, (FROM_PUBLISHED if year is not None else UNRESOLVED)


def date(year: int, point: Point, level: str) -> dt.date | None:
    try:
        if level == DAY:
            return dt.date(year, point.month, point.day)
        if level == MONTH:
            return dt.date(year, point.month, 1)
        return dt.date(year, 1, 1)
    except (ValueError, TypeError):
        return None


# (start_date, end_date, precision, resolved_from) of an expression
NOT_RESOLVED = (None, None, UNKNOWN, UNRESOLVED)


def resolve(expr: Expr, ctx: Context) -> tuple | None:
    """The expression's dates (see NOT_RESOLVED), or None when they are impossible."""
    first, last = expr.first, expr.last
    if not possible(first) or (last and not possible(last)):
        return None
    year, source = year_of(first, ctx)
    if year is None:
        return NOT_RESOLVED
    start = date(year, first, expr.level)
    if last is None:
        # 2025年2月29日, 前年2月29日: the year is known and has no such day.
        return None if start is None else (start, None, expr.level, source)
    # The end inherits what it does not say: 4月15日至20日 is in April, and
    # 12月28日至1月3日 (no year at the end) runs into the next year.
    if last.year is not None:
        end_year, end_source = year_of(last, ctx)
        if end_year is None:
            return NOT_RESOLVED
    else:
        end_year, end_source = year, source
        if last.month is not None and first.month is not None and last.month < first.month:
            end_year += 1
    end_month = last.month if last.month is not None else first.month
    end = date(end_year, Point(None, end_month, last.day), expr.level)
    if start is None or end is None or end < start:
        return None  # 2025年2月28日至29日, 6月9日至7日: not a range
    source = FROM_PUBLISHED if FROM_PUBLISHED in (source, end_source) else FROM_TEXT
    return start, end, expr.level, source


def shift_month(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# "A few days ago": the day is unknown, but the month is the publication's
# once the publication day is past the first week (earlier, it may be the
# month before: then only the year is sure, unless it is January).
_VAGUE_RECENT = {"日前", "近日", "近期", "不久前"}
_VAGUE_WINDOW_DAYS = 7


def _vague(tok: Tok, pub: dt.date, precision: str) -> tuple:
    if tok.text not in _VAGUE_RECENT:
        return NOT_RESOLVED  # 此前: before the story, no telling how long
    if precision == DAY and pub.day > _VAGUE_WINDOW_DAYS:
        return pub.replace(day=1), None, MONTH, FROM_PUBLISHED
    if precision in (DAY, MONTH) and pub.month > 1:
        return dt.date(pub.year, 1, 1), None, YEAR, FROM_PUBLISHED
    return NOT_RESOLVED


def relative(tok: Tok, ctx: Context) -> tuple:
    """The dates of 今天, 上月, 日前, 当天 … (relyear goes through _calendar)."""
    pub, precision = ctx.published, ctx.precision
    if pub is None or precision == UNKNOWN or tok.kind == "event":
        return NOT_RESOLVED
    if tok.kind == "vague":
        return _vague(tok, pub, precision)
    if tok.kind == "relmonth":
        if precision == YEAR:
            return NOT_RESOLVED
        return shift_month(pub, tok.value), None, MONTH, FROM_PUBLISHED
    # 今天 is the publication date at its own precision; 昨天 in an article
    # known only to the month could be in either month: unknown.
    if precision == DAY:
        return pub + dt.timedelta(days=tok.value), None, DAY, FROM_PUBLISHED
    if tok.value == 0:
        start = pub.replace(day=1) if precision == MONTH else dt.date(pub.year, 1, 1)
        return start, None, precision, FROM_PUBLISHED
    return NOT_RESOLVED
